"""HIBP: breaches shaped like the objects of Have I Been Pwned's API (`/api/v3/breaches`).

HIBP verifies a breach from its data; we read the press. `IsVerified` is therefore always false:
nobody here has seen the data, whatever the victim acknowledged (the description says what it
did). An incident with no data said to be taken (a denial of service, a site defaced) is no
breach in HIBP's sense and gets no entry. `IsSensitive` is true when health data was exposed,
since being found in such a breach says something about a person. `Description` is HTML, as
HIBP's is, with links to the articles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from fuites.export.records import breach_day, first_published, mappings, modified, summary
from fuites.store.queries import IncidentDetail


def _name(victim: str, year: int | None) -> str:
    """HIBP's Name: the title in letters and digits ("Horizon Santé" 2024 -> "HorizonSante2024")."""
    plain = unicodedata.normalize("NFKD", victim).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", plain)
    return "".join(w[:1].upper() + w[1:] for w in words) + (str(year) if year else "") or "Unknown"


def breach(incident: IncidentDetail, name: str | None = None) -> dict[str, Any]:
    """The HIBP breach object of one incident."""
    hibp = mappings()["data"]["hibp"]
    when = breach_day(incident)
    added = first_published(incident) or when
    links = "".join(f' <a href="{escape(a.url)}" target="_blank" rel="noopener">'
                    f'{escape(a.title or a.doc)}</a>.'
                    for a in incident.sources_articles if a.url)
    return {
        "Name": name or _name(incident.victim, when.year if when else None),
        "Title": incident.victim,
        "Domain": "",
        "BreachDate": when.isoformat() if when else None,
        "AddedDate": f"{added.isoformat()}T00:00:00Z" if added else None,
        "ModifiedDate": modified(incident).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "PwnCount": incident.affected_count or 0,
        "Description": escape(summary(incident)) + links,
        "LogoPath": "",
        "DataClasses": sorted({hibp[d] for d in incident.data if d in hibp}),
        "IsVerified": False,
        "IsFabricated": False,
        "IsSensitive": "health" in incident.data,
        "IsRetired": False,
        "IsSpamList": False,
        "IsMalware": False,
        "IsSubscriptionFree": False,
        "IsStealerLog": False,
    }


def stream(incidents: Iterable[IncidentDetail]) -> Iterator[str]:
    """A JSON array of breaches. Names are unique: a second one of the same year gets the incident id."""
    taken: set[str] = set()
    sep = "[\n"
    for incident in incidents:
        if not incident.data:
            continue
        item = breach(incident)
        if item["Name"] in taken:
            item["Name"] = f"{item['Name']}-{incident.id}"
        taken.add(item["Name"])
        yield sep + json.dumps(item, ensure_ascii=False)
        sep = ",\n"
    yield "[]\n" if sep == "[\n" else "\n]\n"
