"""CSV: one row per incident, for a spreadsheet. List fields are joined with "; ".

Columns, in order:

| column | content |
|---|---|
| id | the incident's id in the store (`fuites show ID`) |
| victim | the organisation as the articles name it |
| organisation | the organisation the store groups its names under |
| sector, country | SCHEMA.md sector id, ISO 3166-1 alpha-2 |
| start | the first day the incident is known for (YYYY, YYYY-MM or YYYY-MM-DD) |
| occurred, discovered, disclosed | SCHEMA.md dates |
| affected_count, affected_qualifier, affected_who | how many, how exact, who (WHO ids) |
| attack, actors | ATTACKS ids, named threat actors |
| data, data_not | DATA ids exposed, and said NOT exposed |
| data_classes | HIBP data classes of `data` |
| authorities, notified_individuals, channels | AUTHORITIES ids, true/false, CHANNELS ids |
| articles | number of source articles |
| urls | their URLs |

Text a spreadsheet would run as a formula (a victim name "=HYPERLINK(...)" read from a page) is
prefixed with an apostrophe in the free-text columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from fuites.export.records import mappings, urls
from fuites.store.queries import IncidentDetail

COLUMNS = (
    "id", "victim", "organisation", "sector", "country", "start", "occurred", "discovered", "disclosed",
    "affected_count", "affected_qualifier", "affected_who", "attack", "actors", "data", "data_not",
    "data_classes", "authorities", "notified_individuals", "channels", "articles", "urls",
)
_FREE_TEXT = {"victim", "organisation", "actors", "urls"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    if column in _FREE_TEXT and text.startswith(_FORMULA):
        return "'" + text
    return text


def row(incident: IncidentDetail) -> list[str]:
    hibp = mappings()["data"]["hibp"]
    values = incident.model_dump()
    values["data_classes"] = sorted({hibp[d] for d in incident.data if d in hibp})
    values["urls"] = urls(incident)
    return [_cell(c, values.get(c)) for c in COLUMNS]


def stream(incidents: Iterable[IncidentDetail]) -> Iterator[str]:
    """The header, then a row per incident (RFC 4180: CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for incident in incidents:
        writer.writerow(row(incident))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
