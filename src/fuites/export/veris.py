"""VERIS 1.3: one incident per JSON line, checked against `veris-1.3.schema.json`.

No package ships the VERIS schema, so the one beside this module is written out from the public
VERIS documentation. What the press does not say stays "Unknown", as VERIS wants it: an attack we
cannot map is `action.unknown`, no named actor is `actor.unknown`, and the discovery method of a
press report is not known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from fuites.errors import ExportError
from fuites.export.records import (
    breach_day,
    day,
    first_published,
    mappings,
    modified,
    stable_uuid,
    summary,
    urls,
)
from fuites.merge import fold
from fuites.store.queries import IncidentDetail

SCHEMA_VERSION = "1.3"


@cache
def schema() -> dict[str, Any]:
    """The JSON schema of VERIS 1.3 records as this module writes them."""
    text = resources.files("fuites.export").joinpath("veris-1.3.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(record: dict[str, Any]) -> None:
    """Raise `ExportError` naming the first place where a record departs from the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(record))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "record"
        raise ExportError(f"VERIS record {record.get('incident_id')}: {where}: {error.message}")


def _actor(incident: IncidentDetail) -> dict[str, Any]:
    actor: dict[str, Any] = {}
    criminal = bool({"ransomware", "extortion"} & set(incident.attack))
    if incident.actors or criminal:
        external: dict[str, Any] = {"variety": ["Organized crime" if criminal else "Unknown"]}
        if criminal:
            external["motive"] = ["Financial"]
        if incident.actors:
            external["name"] = list(dict.fromkeys(incident.actors))
        actor["external"] = external
    if "insider" in incident.attack:
        actor["internal"] = {"variety": ["Unknown"]}
    return actor or {"unknown": {}}


def _action(incident: IncidentDetail) -> dict[str, Any]:
    table = mappings()["attack"]["veris"]
    action: dict[str, Any] = {}
    for attack in incident.attack:
        if attack in table:
            category, variety = table[attack]
            entry = action.setdefault(category, {"variety": [], "vector": ["Unknown"]})
            if variety not in entry["variety"]:
                entry["variety"].append(variety)
    if "supplier" in incident.attack:
        # the breach went through a provider: VERIS says so with the hacking vector "Partner"
        hacking = action.setdefault("hacking", {"variety": ["Unknown"], "vector": []})
        hacking["vector"] = [v for v in hacking["vector"] if v != "Unknown"] + ["Partner"]
    return action or {"unknown": {}}


def _attribute(incident: IncidentDetail) -> dict[str, Any]:
    m = mappings()
    varieties = dict.fromkeys(v for d in incident.data for v in m["data"]["veris"].get(d, []))
    confidentiality: dict[str, Any] = {"data_disclosure": "Yes" if varieties else "Unknown"}
    if varieties:
        confidentiality["data"] = [{"variety": v} for v in varieties]
        if len(varieties) == 1 and incident.affected_count is not None:
            confidentiality["data"][0]["amount"] = incident.affected_count
    if incident.affected_count is not None:
        confidentiality["data_total"] = incident.affected_count
    who = m["who"]["veris"]
    victims = list(dict.fromkeys(who[w] for w in incident.affected_who if w in who))
    if victims:
        confidentiality["data_victim"] = victims
    attribute: dict[str, Any] = {"confidentiality": confidentiality}
    availability = list(dict.fromkeys(m["attack"]["availability"][a] for a in incident.attack
                                      if a in m["attack"]["availability"]))
    if availability:
        attribute["availability"] = {"variety": availability}
    return attribute


def _timeline(incident: IncidentDetail) -> dict[str, Any]:
    when = breach_day(incident) or first_published(incident)
    given = next((v for v in (incident.occurred, incident.discovered, incident.disclosed, incident.start)
                  if v and day(v)), "")
    parts = given.split("-")
    timeline: dict[str, Any] = {"incident": {"year": when.year if when else datetime.now(UTC).year}}
    # only what the date says: "2024-02" has no day
    if when and len(parts) > 1:
        timeline["incident"]["month"] = when.month
    if when and len(parts) > 2:
        timeline["incident"]["day"] = when.day
    occurred, discovered = day(incident.occurred), day(incident.discovered)
    if occurred and discovered and discovered >= occurred and len(incident.occurred or "") == 10 \
            and len(incident.discovered or "") == 10:
        timeline["discovery"] = {"unit": "Days", "value": (discovered - occurred).days}
    return timeline


def record(incident: IncidentDetail) -> dict[str, Any]:
    """The VERIS record of one incident."""
    m = mappings()
    key = str(stable_uuid("veris", fold(incident.organisation), incident.id)).upper()
    changed = modified(incident).isoformat().replace("+00:00", "Z")
    return {
        "schema_version": SCHEMA_VERSION,
        "incident_id": key,
        "source_id": "fuites",
        "security_incident": "Confirmed",
        "summary": summary(incident),
        "reference": "; ".join(urls(incident)),
        "actor": _actor(incident),
        "action": _action(incident),
        "asset": {"assets": [{"variety": "Unknown"}]},
        "attribute": _attribute(incident),
        "victim": {
            "victim_id": incident.organisation,
            "industry": m["sector"]["naics"].get(incident.sector or "", "000"),
            "country": [incident.country or "Unknown"],
        },
        "timeline": _timeline(incident),
        "discovery_method": {"unknown": True},
        "plus": {
            "master_id": key,
            "modified": changed,
            "analysis_status": "First pass",
            "analyst": "fuites",
            # our facts that VERIS has no field for, under their SCHEMA.md names
            "fuites": {
                "id": incident.id, "victim": incident.victim, "data": incident.data,
                "data_not": incident.data_not, "affected_qualifier": incident.affected_qualifier,
                "occurred": incident.occurred, "discovered": incident.discovered,
                "disclosed": incident.disclosed, "authorities": incident.authorities,
                "notified_individuals": incident.notified_individuals, "channels": incident.channels,
            },
        },
    }


def stream(incidents: Iterable[IncidentDetail]) -> Iterator[str]:
    """VERIS records, one JSON object a line."""
    for incident in incidents:
        yield json.dumps(record(incident), ensure_ascii=False) + "\n"
