"""Archives -> articles: gzipped JSON lines and WARC files (web crawls), streamed record by record.

Each is read as it comes, never whole: a shard of a million lines or a WARC of gigabytes costs
the memory of one article. Other files and folders go to the ordinary readers (`read_paths`).
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, cast

from fuites.errors import InputError
from fuites.ingest.article import RawArticle
from fuites.ingest.files import MAX_BYTES, Read, _failure, _guarded, _read_jsonl, read_paths
from fuites.ingest.html import read_html
from fuites.ingest.text import decode

ARCHIVE_SUFFIXES = (".jsonl.gz", ".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

_log = logging.getLogger(__name__)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def read_archive_paths(paths: Sequence[str]) -> Iterator[Read]:
    """Every article in `paths` (archives, files, folders), in order; failures as ReadFailure."""
    plain: list[str] = []
    for given in paths:
        path = Path(given)
        if not is_archive(path):
            plain.append(given)
            continue
        if plain:
            yield from read_paths(plain)
            plain = []
        if path.name.lower().endswith(".jsonl.gz"):
            yield from _guarded(given, partial(_read_jsonl_gz, path))
        else:
            yield from _guarded(given, partial(read_warc, path))
    if plain:
        yield from read_paths(plain)


def _read_jsonl_gz(path: Path) -> Iterator[Read]:
    if not path.exists():
        raise InputError("no such file or folder")
    try:
        with gzip.open(path, "rb") as stream:
            stem = path.name.removesuffix(".gz").removesuffix(".jsonl")
            yield from _read_jsonl(cast(BinaryIO, stream), stem, str(path))
    except (gzip.BadGzipFile, EOFError) as err:
        raise InputError(f"not a complete gzip file ({err}); give .jsonl or .jsonl.gz") from err


def read_warc(path: Path) -> Iterator[Read]:
    """The HTML pages of a WARC file (its `response` and `resource` records), read by the HTML
    reader; other records (requests, metadata, images) are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not path.exists():
        raise InputError("no such file or folder")
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type not in ("response", "resource"):
                    continue
                read = _warc_record(record, path, number)
                if read is not None:
                    yield read
        except ArchiveLoadFailed as err:
            raise InputError(f"not a WARC file ({' '.join(str(err).split())[:120]}); give .warc or .warc.gz") from err


def _warc_record(record: Any, path: Path, number: int) -> Read | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}:{url or number}"
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or \
        record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    if headers is not None and not headers.get_statuscode().startswith("2"):
        return None
    body = record.content_stream().read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return _failure(where, f"page too large (the limit is {MAX_BYTES // 1_000_000} MB an article)")
    doc_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path.name}:{number}"
    try:
        html = _decode_html(body, content_type)
        return read_html(html, doc_id.strip("<>"), where, url=url)
    except InputError as err:
        return _failure(where, str(err))
    except Exception as err:  # noqa: BLE001 - a hostile page must not stop the archive
        _log.debug("reading %s failed", where, exc_info=True)
        return _failure(where, f"unreadable ({type(err).__name__}: {err})")


def _decode_html(body: bytes, content_type: str) -> str:
    declared = re.search(r"charset=[\"']?([\w-]+)", content_type, re.IGNORECASE)
    if declared:
        try:
            return body.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body).text


def shard_files(paths: Sequence[str]) -> list[Path]:
    """The files a list of inputs stands for: archives and article files, folders recursed."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and _readable(p)
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def _readable(path: Path) -> bool:
    from fuites.ingest.files import SUFFIXES

    return is_archive(path) or path.suffix.lower() in SUFFIXES


__all__ = ["RawArticle", "read_archive_paths", "read_warc", "shard_files"]
