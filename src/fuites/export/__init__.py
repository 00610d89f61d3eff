"""Incidents out to the formats people already work with: STIX, MISP, VERIS, CSV, HIBP; and the
stored articles as records (`jsonl`) that `fuites ingest --records` reads back.

Every format streams: `stream(format, incidents)` yields the output in pieces as it reads the
incidents, so an export of the whole store runs in memory bounded by one batch.

>>> from fuites import export
>>> with Store("breaches.db") as store:                               # doctest: +SKIP
...     for piece in export.stream("stix", export.incidents(store, sector="health")):
...         out.write(piece)

A web route is `StreamingResponse(export.stream(fmt, export.incidents(store, **filters)),
media_type=export.FORMATS[fmt].media_type)`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fuites.errors import ExportError
from fuites.export.records import ExportedIncident, incidents

if TYPE_CHECKING:
    from fuites.store import Store

Writer = Callable[[Iterable[Any]], Iterator[str]]


@dataclass(frozen=True)
class Format:
    """An export format: what it is called, its media type and file extension, how to write it."""

    name: str
    media_type: str
    extension: str
    description: str
    module: str
    of: str = "incidents"  # or "articles": what the writer takes (see `select`)

    def writer(self) -> Writer:
        from importlib import import_module

        stream_: Writer = import_module(f"fuites.export.{self.module}").stream
        return stream_


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("stix", "application/stix+json;version=2.1", ".json",
           "a STIX 2.1 bundle: identities, incidents, intrusion sets, reports, relationships", "stix"),
    Format("misp", "application/json", ".json",
           'MISP events, as MISP\'s REST API returns them: {"response": [{"Event": ...}, ...]}', "misp"),
    Format("veris", "application/x-ndjson", ".jsonl", "VERIS 1.3 incidents, one JSON object a line", "veris"),
    Format("csv", "text/csv; charset=utf-8", ".csv", "one row per incident, columns in fuites.export.csv",
           "csv"),
    Format("hibp", "application/json", ".json", "a JSON array of breaches shaped like HIBP's API", "hibp"),
    Format("jsonl", "application/x-ndjson", ".jsonl",
           "the articles of the incidents, one extracted record a line, as `fuites ingest --records` reads them",
           "jsonl", of="articles"),
)}


def select(format: str, store: Store, query: str | None = None, **filters: Any) -> Iterable[Any]:
    """What `format` exports from the store, under the filters of `Store.search`: the incidents, or
    for `jsonl` their articles. Bad criteria raise here, before anything is written."""
    if get(format).of == "articles":
        from fuites.export.jsonl import articles

        return articles(store, query, **filters)
    return incidents(store, query, **filters)


def get(format: str) -> Format:
    try:
        return FORMATS[format]
    except KeyError:
        raise ExportError(f"no export format {format!r}; give one of {', '.join(FORMATS)}") from None


def stream(format: str, incidents: Iterable[Any]) -> Iterator[str]:
    """The export of `incidents` in `format`, as consecutive pieces of text."""
    return get(format).writer()(incidents)


def write(format: str, incidents: Iterable[Any], out: IO[str]) -> int:
    """Write an export to a text file; returns the number of incidents (or articles) written."""
    counted = _Counter(incidents)
    for piece in stream(format, counted):
        out.write(piece)
    return counted.count


def write_file(format: str, incidents: Iterable[Any], path: str | os.PathLike[str]) -> int:
    """Write an export to `path` whole or not at all: into a temporary file beside it, renamed at the end."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror or e}; give a file in a folder that exists "
                          "and that you may write to") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write(format, incidents, out)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as open() would have made it, not mkstemp's 0600
        os.replace(temporary, target)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror or e}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return count


class _Counter:
    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


__all__ = ["FORMATS", "ExportError", "ExportedIncident", "Format", "get", "incidents", "select", "stream", "write",
           "write_file"]
