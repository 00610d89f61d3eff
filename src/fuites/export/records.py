"""Incidents read from the store for export: every field and the source articles, a batch at a time.

`Store.show` reads one incident in two queries; an export of 100,000 incidents reads them by
batches of `batch` instead (two queries a batch), and holds only the batch in memory.
"""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select

from fuites.models import plausible_date, public_url
from fuites.store.queries import ArticleRef, IncidentDetail, check_period, filter_clauses
from fuites.store.tables import Article, Incident, Mention, Organisation

if TYPE_CHECKING:
    from fuites.store import Store

BATCH = 500


class ExportedIncident(IncidentDetail):
    """An incident as `Store.show` gives it, and when the store last recomputed it."""

    updated_at: datetime | None = None


@cache
def mappings() -> dict[str, Any]:
    """`mappings.toml`: what our ids are called in STIX, MISP, VERIS and HIBP."""
    return tomllib.loads(resources.files("fuites.export").joinpath("mappings.toml").read_text("utf-8"))


def incidents(
    store: Store,
    query: str | None = None,
    *,
    org: str | None = None,
    sector: str | None = None,
    data: Sequence[str] | None = None,
    attack: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    batch: int = BATCH,
) -> Iterator[ExportedIncident]:
    """The incidents matching the filters of `Store.search`, by increasing id, read by batches.

    Without `query` the ids are paged through the table (keyset), so memory does not grow with
    the store; a text query keeps the ids of its matches. Bad criteria raise at once, before
    anything is written.
    """
    check_period(since, until)
    return _matching(store, query, org=org, sector=sector, data=data, attack=attack, since=since,
                     until=until, batch=batch)


def _matching(
    store: Store,
    query: str | None,
    *,
    org: str | None,
    sector: str | None,
    data: Sequence[str] | None,
    attack: Sequence[str] | None,
    since: str | None,
    until: str | None,
    batch: int,
) -> Iterator[ExportedIncident]:
    if query:
        ids = sorted(s.id for s in store.search(query, org=org, sector=sector, data=data, attack=attack,
                                                   since=since, until=until, limit=None))
        for start in range(0, len(ids), batch):
            yield from _batch(store, [Incident.id.in_(ids[start: start + batch])], batch)
        return
    with store.engine.connect() as conn:
        # the filters of search, checked the same way
        conditions = filter_clauses(conn, store.names, None, org=org, sector=sector, data=data or (),
                                    attack=attack or (), since=since, until=until)
    last = 0
    while True:
        got = list(_batch(store, [*conditions, Incident.id > last], batch))
        yield from got
        if len(got) < batch:
            return
        last = got[-1].id


def _batch(store: Store, conditions: list[ColumnElement[bool]], limit: int) -> Iterator[ExportedIncident]:
    # a connection per batch: a slow reader of the export (an HTTP client) holds no transaction open
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(Incident.__table__, Organisation.name.label("organisation"))
            .join(Organisation, Organisation.id == Incident.org_id)
            .where(*conditions).order_by(Incident.id).limit(limit)
        ).all()
        if not rows:
            return
        refs: dict[int, list[ArticleRef]] = {}
        for r in conn.execute(
            select(Mention.incident_id, Article.id, Article.doc_id, Article.source, Article.url,
                   Article.title, Article.published, Mention.is_primary, Mention.reasons)
            .join(Article, Article.id == Mention.article_id)
            .where(Mention.incident_id.in_([row.id for row in rows]))
            .order_by(Article.published, Article.id)
        ):
            refs.setdefault(r.incident_id, []).append(ArticleRef(
                id=r.id, doc=r.doc_id, source=public_url(r.source) or "", url=public_url(r.url),
                title=r.title, published=plausible_date(r.published),
                primary=r.is_primary, reasons=r.reasons or []))
    for row in rows:
        i = row._mapping
        # a store filled before dates were checked may hold years no breach has ("0288-06"):
        # STIX and VERIS refuse them, so they go out as unknown
        yield ExportedIncident(
            id=i["id"], victim=i["victim"], organisation=i["organisation"], sector=i["sector"],
            country=i["country"], start=plausible_date(i["start_date"]), attack=i["attack"] or [], data=i["data"] or [],
            affected_count=i["affected_count"], affected_qualifier=i["affected_qualifier"],
            articles=i["n_articles"], actors=i["actors"] or [], affected_who=i["affected_who"] or [],
            data_not=i["data_not"] or [], occurred=plausible_date(i["occurred"]),
            discovered=plausible_date(i["discovered"]), disclosed=plausible_date(i["disclosed"]),
            end=plausible_date(i["end_date"]), authorities=i["authorities"] or [],
            notified_individuals=bool(i["notified_individuals"]), channels=i["channels"] or [],
            sources=i["sources"] or {}, conflicts=i["conflicts"] or {},
            sources_articles=refs.get(i["id"], []),
            updated_at=i["updated_at"],
        )


# Shared by the formats

NAMESPACE = uuid.UUID("5b0f8d3e-2f54-4f0a-9d1c-6a7e0c9b4f21")


def stable_uuid(*parts: object) -> uuid.UUID:
    """The same UUID for the same object on every export, so a platform updates rather than duplicates.

    Shaped as version 4, which STIX asks of its domain objects; derived from a name (as v5 is).
    """
    digest = uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)).bytes
    return uuid.UUID(bytes=digest, version=4)


def day(value: str | None) -> date | None:
    """The first day an ISO date of SCHEMA's forms can mean; None without a year, or with a year no
    press report of a breach has (a store filled before dates were checked may hold "0288-06")."""
    if not value or value.startswith("-") or plausible_date(value) is None:
        return None
    parts = value.split("-")
    try:
        month = int(parts[1]) if len(parts) > 1 else 1
        return date(int(parts[0]), month, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def first_published(incident: IncidentDetail) -> date | None:
    days = [d for d in (day(a.published) for a in incident.sources_articles) if d]
    return min(days) if days else None


def modified(incident: IncidentDetail) -> datetime:
    """When the record last changed: the store's recomputation, else its latest article."""
    updated = getattr(incident, "updated_at", None)
    if isinstance(updated, datetime):
        return updated.replace(tzinfo=UTC) if updated.tzinfo is None else updated.astimezone(UTC)
    days = [d for d in (day(a.published) for a in incident.sources_articles) if d]
    latest = max(days) if days else date(2000, 1, 1)
    return datetime(latest.year, latest.month, latest.day, tzinfo=UTC)


def breach_day(incident: IncidentDetail) -> date | None:
    """The day the breach is dated to: occurred, else discovered, disclosed, the incident's start."""
    for value in (incident.occurred, incident.discovered, incident.disclosed, incident.start):
        found = day(value)
        if found:
            return found
    return None


def urls(incident: IncidentDetail) -> list[str]:
    # a store filled before addresses were cleaned may hold one with a password
    return list(dict.fromkeys(public_url(a.url) or "" for a in incident.sources_articles if a.url))


def affected_text(incident: IncidentDetail) -> str:
    """"about 1,300,000 customers and prospects", in words a reader of any export understands."""
    words = {"approx": "about ", "at_least": "at least ", "at_most": "at most ", "order": "of the order of "}
    count = incident.affected_count
    text = "" if count is None else words.get(incident.affected_qualifier or "", "") + f"{count:,}"
    who = " and ".join(", ".join(incident.affected_who).rsplit(", ", 1))
    return " ".join(t for t in (text, who) if t)


def summary(incident: IncidentDetail) -> str:
    """One plain English sentence about the incident, for descriptions."""
    parts = [f"Data breach at {incident.victim}"]
    if incident.start:
        parts.append(f" ({incident.start})")
    if incident.affected_count is not None or incident.affected_who:
        parts.append(f": {affected_text(incident)} affected")
    text = "".join(parts) + "."
    if incident.attack:
        text += f" Attack: {', '.join(incident.attack)}."
    if incident.actors:
        text += f" Actors: {', '.join(incident.actors)}."
    if incident.data:
        text += f" Data exposed: {', '.join(incident.data)}."
    if incident.data_not:
        text += f" Data NOT exposed: {', '.join(incident.data_not)}."
    return text
