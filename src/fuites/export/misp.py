"""MISP: one event per incident, built with `pymisp`, as MISP's REST API returns a list of events.

An event holds a `victim` object (MISP's template: organisation, sector, country) and an
`incident` object (its types from MISP's suggestions), the named actors as `threat-actor`
attributes, the source articles as `link` attributes, an event report with the facts in words,
and tags from MISP taxonomies: `tlp:clear` (the press is public), VERIS data varieties and
actions, and the RSIT incident classification. UUIDs are derived from the incident, so importing
an export again updates the events instead of duplicating them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pymisp import MISPEvent, MISPObject

from fuites.export.records import (
    affected_text,
    breach_day,
    mappings,
    modified,
    stable_uuid,
    summary,
)
from fuites.merge import fold
from fuites.store.queries import IncidentDetail

_DATA_ACCESS = 'rsit:information-content-security="unauthorised-information-access"'


def tags(incident: IncidentDetail) -> list[str]:
    """Machine tags of MISP taxonomies (tlp, veris, rsit) that fit the incident."""
    m = mappings()
    found = ["tlp:clear"]
    varieties = dict.fromkeys(v for d in incident.data for v in m["data"]["veris"].get(d, []))
    found += [f'veris:attribute:confidentiality:data:variety="{v}"' for v in varieties]
    if incident.data:
        found += ['veris:attribute:confidentiality:data_disclosure="Yes"', _DATA_ACCESS]
    for attack in incident.attack:
        if attack in m["attack"]["veris"]:
            category, variety = m["attack"]["veris"][attack]
            found.append(f'veris:action:{category}:variety="{variety}"')
        if attack in m["attack"]["rsit"]:
            found.append(m["attack"]["rsit"][attack])
    return list(dict.fromkeys(found))


def event(incident: IncidentDetail) -> MISPEvent:
    """The MISP event of one incident."""
    m = mappings()
    key = stable_uuid("misp-event", fold(incident.organisation), incident.id)
    ev = MISPEvent()
    ev.uuid = str(key)
    ev.info = f"Data breach at {incident.victim}" + (f" ({incident.start})" if incident.start else "")
    when = breach_day(incident)
    if when:
        ev.set_date(when)
    ev.timestamp = modified(incident)
    # 0: the user's organisation only; sharing further is the user's decision in their MISP
    ev.distribution = 0
    ev.threat_level_id = 4  # undefined: the press tells of a breach, not of a threat to the reader
    ev.analysis = 2 if incident.articles > 1 else 1
    for tag in tags(incident):
        ev.add_tag(tag)

    victim = MISPObject("victim", strict=True)
    victim.uuid = str(stable_uuid(key, "victim"))
    victim.add_attribute("name", value=incident.organisation)
    victim.add_attribute("classification", value="organization")
    sector = m["sector"]["misp"].get(incident.sector or "")
    if sector:
        victim.add_attribute("sectors", value=sector)
    if incident.country:
        victim.add_attribute("regions", value=incident.country)
    if incident.affected_count is not None or incident.affected_who:
        victim.add_attribute("description", value=f"Affected: {affected_text(incident)}")
    ev.add_object(victim)

    record = MISPObject("incident", strict=True)
    record.uuid = str(stable_uuid(key, "incident"))
    record.add_attribute("name", value=ev.info)
    record.add_attribute("description", value=summary(incident))
    for attack in incident.attack:
        kind = m["attack"]["misp"].get(attack)
        if kind:
            record.add_attribute("incident_type", value=kind)
    if incident.data:
        record.add_attribute("incident_type", value="data-exfiltration")
    ev.add_object(record)

    for actor in incident.actors:
        ev.add_attribute("threat-actor", actor, category="Attribution")
    for article in incident.sources_articles:
        if article.url:
            ev.add_attribute("link", article.url, category="External analysis",
                             comment=article.title or article.doc)
    ev.add_event_report(f"fuites incident {incident.id}", _report(incident))
    _stable_ids(ev, key)
    return ev


def _report(incident: IncidentDetail) -> str:
    """The facts in Markdown, for the event report a person reads in MISP."""
    lines = [f"# {incident.victim}", "", summary(incident), ""]
    rows = [
        ("Sector", incident.sector), ("Country", incident.country),
        ("Affected", affected_text(incident)), ("Attack", ", ".join(incident.attack)),
        ("Actors", ", ".join(incident.actors)), ("Data exposed", ", ".join(incident.data)),
        ("Data NOT exposed", ", ".join(incident.data_not)), ("Occurred", incident.occurred),
        ("Discovered", incident.discovered), ("Disclosed", incident.disclosed),
        ("Authorities", ", ".join(incident.authorities)),
        ("People notified", "yes" if incident.notified_individuals else "not reported"),
    ]
    lines += ["| fact | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows if v]
    sources = [f"- [{a.title or a.doc}]({a.url})" if a.url else f"- {a.title or a.doc}"
               for a in incident.sources_articles]
    return "\n".join(lines + (["", "## Sources", *sources] if sources else []))


def _stable_ids(ev: MISPEvent, key: object) -> None:
    for n, attribute in enumerate(ev.attributes):
        attribute.uuid = str(stable_uuid(key, "attribute", attribute.type, attribute.value, n))
    for obj in ev.objects:
        for n, attribute in enumerate(obj.attributes):
            attribute.uuid = str(stable_uuid(key, obj.name, attribute.object_relation, attribute.value, n))
    for n, report in enumerate(ev.event_reports):
        report.uuid = str(stable_uuid(key, "report", n))


def stream(incidents: Iterable[IncidentDetail]) -> Iterator[str]:
    """`{"response": [{"Event": ...}, ...]}`, event by event."""
    yield '{"response": ['
    sep = "\n"
    for incident in incidents:
        yield sep + '{"Event": ' + event(incident).to_json() + "}"
        sep = ",\n"
    yield "\n]}\n"


def events(text: str) -> list[dict[str, Any]]:
    """The events of an export, as dicts `MISPEvent.load` takes."""
    loaded: list[dict[str, Any]] = json.loads(text)["response"]
    return loaded
