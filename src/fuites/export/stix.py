"""STIX 2.1: one bundle, built with the `stix2` library, that OpenCTI and other platforms import.

Per incident: an `incident` carrying our facts as `x_fuites_*` properties, an `identity` for the
victim organisation (sector in STIX's industry-sector vocabulary) `located-at` a `location` for
its country, an `intrusion-set` per named actor the incident is `attributed-to`, and a `report`
per source article with the article's URL as external reference. Ids are derived from names,
so exporting again gives the same ids and an import updates instead of duplicating.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import stix2

from fuites.export.records import breach_day, mappings, modified, stable_uuid, summary, urls
from fuites.merge import fold
from fuites.models import plausible_date
from fuites.store.queries import ArticleRef, IncidentDetail

# Objects that do not change with an incident (an organisation's name, an actor's) keep one
# version date, so two exports give byte-identical objects.
_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

PRODUCER = stix2.Identity(
    id=f"identity--{stable_uuid('producer', 'fuites')}", name="fuites", identity_class="system",
    description="Data breaches reported in the press, read into incident records.",
    created=_EPOCH, modified=_EPOCH,
)

# STIX 2.1 declares top-level custom properties through an extension definition
_PROPERTIES = [
    "x_fuites_id", "x_fuites_affected_count", "x_fuites_affected_qualifier", "x_fuites_affected_who",
    "x_fuites_attack", "x_fuites_data", "x_fuites_data_classes", "x_fuites_data_not", "x_fuites_occurred",
    "x_fuites_discovered", "x_fuites_disclosed", "x_fuites_authorities", "x_fuites_notified_individuals",
    "x_fuites_channels", "x_fuites_country",
]
EXTENSION = stix2.ExtensionDefinition(
    id=f"extension-definition--{stable_uuid('extension', 'fuites-incident', 1)}", created_by_ref=PRODUCER.id,
    name="fuites incident facts", version="1.0",
    description="Facts of a data breach as the press reports them: who and how many were affected, "
    "which categories of data were and were not exposed (SCHEMA.md ids, HIBP data classes), dates, "
    "authorities notified. Dates are ISO 8601 of the forms YYYY-MM-DD, YYYY-MM or YYYY.",
    schema="SCHEMA.md of the fuites project: the incident record",
    extension_types=["toplevel-property-extension"], extension_properties=_PROPERTIES,
    created=_EPOCH, modified=_EPOCH,
)


def _id(kind: str, *parts: object) -> str:
    return f"{kind}--{stable_uuid(kind, *parts)}"


def _timestamp(value: str | None, default: datetime) -> datetime:
    from fuites.export.records import day

    found = day(value)
    return datetime(found.year, found.month, found.day, tzinfo=UTC) if found else default


def _custom(incident: IncidentDetail) -> dict[str, Any]:
    hibp = mappings()["data"]["hibp"]
    facts: dict[str, Any] = {
        "x_fuites_id": incident.id,
        "x_fuites_affected_count": incident.affected_count,
        "x_fuites_affected_qualifier": incident.affected_qualifier,
        "x_fuites_affected_who": incident.affected_who,
        "x_fuites_attack": incident.attack,
        "x_fuites_data": incident.data,
        "x_fuites_data_classes": sorted({hibp[d] for d in incident.data if d in hibp}),
        "x_fuites_data_not": incident.data_not,
        "x_fuites_occurred": plausible_date(incident.occurred),
        "x_fuites_discovered": plausible_date(incident.discovered),
        "x_fuites_disclosed": plausible_date(incident.disclosed),
        "x_fuites_authorities": incident.authorities,
        "x_fuites_notified_individuals": incident.notified_individuals,
        "x_fuites_channels": incident.channels,
        "x_fuites_country": incident.country,
    }
    # STIX forbids empty lists and nulls: a fact the articles do not give is left out
    return {k: v for k, v in facts.items() if v not in (None, [], "")}


def objects(incident: IncidentDetail, seen: set[str]) -> Iterator[Any]:
    """The STIX objects of one incident; shared ones (identities, actors) only when not in `seen`.

    `seen` grows with the organisations, countries and actors, not with the incidents.
    """
    changed = modified(incident)
    start = breach_day(incident)
    created = min(changed, datetime(start.year, start.month, start.day, tzinfo=UTC)) if start else changed
    org_id = _id("identity", fold(incident.organisation))
    refs: list[str] = [PRODUCER.id]

    def once(object_id: str, make: Callable[[], Any]) -> Iterator[Any]:
        # built only the first time: the stix2 library checks every property, which is the cost
        refs.append(object_id)
        if object_id not in seen:
            seen.add(object_id)
            yield make()

    def own(obj: Any) -> Iterator[Any]:
        refs.append(obj.id)
        yield obj

    sector = mappings()["sector"]["stix"].get(incident.sector or "")
    yield from once(org_id, lambda: stix2.Identity(
        id=org_id, name=incident.organisation, identity_class="organization",
        sectors=[sector] if sector else None, created_by_ref=PRODUCER.id, created=_EPOCH, modified=_EPOCH,
    ))
    if incident.country:
        location = _id("location", incident.country)
        yield from once(location, lambda: stix2.Location(
            id=location, country=incident.country, created_by_ref=PRODUCER.id, created=_EPOCH,
            modified=_EPOCH))
        located = _id("relationship", org_id, "located-at", location)
        yield from once(located, lambda: stix2.Relationship(
            id=located, source_ref=org_id, relationship_type="located-at", target_ref=location,
            created_by_ref=PRODUCER.id, created=_EPOCH, modified=_EPOCH))
    incident_id = _id("incident", fold(incident.organisation), incident.id)
    yield from own(stix2.Incident(
        id=incident_id,
        name=f"Data breach at {incident.victim}" + (f" ({incident.start})" if incident.start else ""),
        description=summary(incident), created_by_ref=PRODUCER.id, created=created, modified=changed,
        labels=incident.attack or None,
        external_references=[{"source_name": "press", "url": url} for url in urls(incident)] or None,
        extensions={EXTENSION.id: {"extension_type": "toplevel-property-extension"}},
        allow_custom=True, **_custom(incident),
    ))
    yield from own(stix2.Relationship(
        id=_id("relationship", incident_id, "targets", org_id), source_ref=incident_id,
        relationship_type="targets", target_ref=org_id, created_by_ref=PRODUCER.id,
        created=created, modified=changed))
    for actor in incident.actors:
        actor_id = _id("intrusion-set", fold(actor))
        yield from once(actor_id, lambda actor=actor, actor_id=actor_id: stix2.IntrusionSet(  # type: ignore[misc]
            id=actor_id, name=actor, created_by_ref=PRODUCER.id, created=_EPOCH, modified=_EPOCH))
        yield from own(stix2.Relationship(
            id=_id("relationship", incident_id, "attributed-to", actor_id), source_ref=incident_id,
            relationship_type="attributed-to", target_ref=actor_id, created_by_ref=PRODUCER.id,
            created=created, modified=changed))
    about = list(dict.fromkeys(refs))
    for article in incident.sources_articles:
        yield _report(article, incident, about, created, changed)


def _report(article: ArticleRef, incident: IncidentDetail, about: list[str], created: datetime,
            changed: datetime) -> Any:
    published = _timestamp(article.published, created)
    reference: dict[str, str] = {"source_name": "press", "external_id": article.doc}
    if article.url:
        reference["url"] = article.url
    # a report per article and incident: an article that tells of two incidents is a source of each
    return stix2.Report(
        id=_id("report", article.id, incident.id), name=article.title or article.doc,
        description=("Reports" if article.primary else "Recalls") + f" the incident: {summary(incident)}",
        report_types=["threat-report"], published=published, object_refs=about,
        external_references=[reference], created_by_ref=PRODUCER.id,
        created=min(created, published), modified=max(changed, published),
    )


def stream(incidents: Iterable[IncidentDetail]) -> Iterator[str]:
    """A STIX 2.1 bundle, object by object."""
    yield '{"type": "bundle", "id": "' + f"bundle--{uuid.uuid4()}" + '", "objects": [\n'
    yield PRODUCER.serialize() + ",\n" + EXTENSION.serialize()
    seen: set[str] = {PRODUCER.id, EXTENSION.id}
    for incident in incidents:
        for obj in objects(incident, seen):
            yield ",\n" + obj.serialize()
    yield "\n]}\n"


def bundle(incidents: Iterable[IncidentDetail]) -> dict[str, Any]:
    """The bundle as a dict, for a caller that wants it whole."""
    loaded: dict[str, Any] = json.loads("".join(stream(incidents)))
    return loaded
