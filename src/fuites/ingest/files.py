"""Paths -> articles: files by suffix, folders recursed, `-` for standard input."""

from __future__ import annotations

import io
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from fuites.errors import InputError, InputWarning
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.html import read_html
from fuites.ingest.jsonl import parse_object, read_jsonl_line
from fuites.ingest.text import GIVE, decode

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
# Per article: a whole .txt or .html file, one jsonl line. The longest press articles are
# around 100 kB of HTML; 5 MB is a book, a dump or a mistake.
MAX_BYTES = 5_000_000
STDIN = "<stdin>"
_LIMIT = f"{MAX_BYTES // 1_000_000} MB"

_log = logging.getLogger(__name__)

Read = RawArticle | ReadFailure


def read_paths(paths: Sequence[str]) -> Iterator[Read]:
    """Every article in `paths`, in order; what cannot be read comes as a ReadFailure, never raised."""
    for given in paths:
        if given == "-":
            yield from _guarded(STDIN, _read_stdin)
        else:
            yield from _read_path(Path(given))


def _read_path(path: Path) -> Iterator[Read]:
    if not path.is_dir():
        yield from _guarded(str(path), partial(_read_file, path))
        return
    files = _files_in(path)
    if not files:
        yield _failure(str(path), "no .txt, .html, .htm or .jsonl file in this folder")
    for file in files:
        yield from _guarded(str(file), partial(_read_file, file))


def _files_in(folder: Path) -> list[Path]:
    """Files with a known suffix under `folder`, sorted, skipping hidden files and folders."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(root, name) for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
        ]
    return sorted(found)


def _guarded(source: str, read: Callable[[], Iterator[Read]]) -> Iterator[Read]:
    """Run a reader, turning whatever goes wrong into a ReadFailure for `source`."""
    try:
        yield from read()
    except InputError as err:
        yield _failure(source, str(err))
    except OSError as err:
        yield _failure(source, (err.strerror or str(err)).lower())
    except Exception as err:
        # lxml and trafilatura can raise anything on a hostile page; one bad input must not stop
        # the others. The traceback is kept for --debug.
        _log.debug("reading %s failed", source, exc_info=True)
        yield _failure(source, f"unreadable ({type(err).__name__}: {err})")


def _failure(source: str, reason: str) -> ReadFailure:
    return ReadFailure(source, f"cannot read {source}: {reason}")


def _read_file(path: Path) -> Iterator[Read]:
    if not path.exists():
        raise InputError("no such file or folder")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unknown suffix {suffix or '(none)'}; {GIVE}, or a folder of them")
    if suffix == ".jsonl":
        with path.open("rb") as stream:
            yield from _read_jsonl(stream, path.stem, str(path))
        return
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(_too_large(size))
    yield _read_document(path.read_bytes(), path.stem, str(path), html=suffix != ".txt")


def _read_document(data: bytes, doc_id: str, source: str, *, html: bool) -> RawArticle:
    decoded = decode(data)
    if decoded.guessed:
        warnings.warn(f"{source}: not UTF-8, read as {decoded.encoding}", InputWarning, stacklevel=2)
    if html:
        return read_html(decoded.text, doc_id, source)
    return RawArticle(doc_id=doc_id, source=source, text=decoded.text)


def _read_jsonl(stream: BinaryIO, stem: str, source: str) -> Iterator[Read]:
    if b"\x00" in stream.read(8192):
        raise InputError(f"not text (binary data); {GIVE}")
    stream.seek(0)
    articles = 0
    for lineno, raw in enumerate(_lines(stream), start=1):
        where = f"{source}:{lineno}"
        if raw is None:
            yield _failure(where, f"line too large (the limit is {_LIMIT} an article)")
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            yield _failure(where, "not UTF-8, which JSON lines must be")
            continue
        if not line.strip():
            continue
        if articles == 0:
            _check_is_jsonl(line, lineno)
        articles += 1
        try:
            yield read_jsonl_line(line, f"{stem}:{lineno}", where)
        except InputError as err:
            yield _failure(where, str(err))
    if articles == 0:
        raise InputError("empty file")


def _check_is_jsonl(first_line: str, lineno: int) -> None:
    # A file whose first line is not a JSON object is not jsonl at all (a text article saved
    # as .jsonl): one failure for the file, not one a line.
    try:
        parse_object(first_line)
    except InputError as err:
        raise InputError(f"not JSON lines (line {lineno}: {err})") from err


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a stream, None for one longer than MAX_BYTES, which is skipped unread."""
    while line := stream.readline(MAX_BYTES + 1):
        if len(line) <= MAX_BYTES:
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(MAX_BYTES)):
            pass
        yield None


def _read_stdin() -> Iterator[Read]:
    stream: BinaryIO = sys.stdin.buffer
    data = stream.read()
    if not data.strip():
        raise InputError("nothing on standard input")
    first = next(line for line in data.splitlines() if line.strip())
    if first.lstrip().startswith(b"{") and _is_object(first):
        yield from _read_jsonl(io.BytesIO(data), "stdin", STDIN)
        return
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(len(data)))
    head = data[:1024].lstrip().lower()
    yield _read_document(data, "stdin", STDIN, html=head.startswith((b"<!doctype html", b"<html")))


def _is_object(line: bytes) -> bool:
    try:
        parse_object(line.decode("utf-8-sig"))
    except (InputError, UnicodeDecodeError):
        return False
    return True


def _too_large(size: int) -> str:
    return f"too large ({size / 1_000_000:.1f} MB, the limit is {_LIMIT}); split it into articles"


def count_articles(inputs: Sequence[str]) -> int | None:
    """How many articles `read_paths` will yield (a file each, a .jsonl a line each), or None when
    that cannot be known beforehand (standard input, URLs, feeds). For progress, not for limits."""
    total = 0
    for given in inputs:
        if given == "-" or "://" in given:
            return None
        path = Path(given)
        for file in _files_in(path) if path.is_dir() else [path]:
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as lines:
                        total += sum(1 for line in lines if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
