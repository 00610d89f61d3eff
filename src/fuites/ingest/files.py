"""Paths -> articles: files by suffix, folders recursed, `-` for standard input."""

from __future__ import annotations

import logging
import os
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from fuites.errors import InputError, InputWarning
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.html import read_html
from fuites.ingest.jsonl import NestedTooDeep, parse_object, read_jsonl_line
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
    errors: list[OSError] = []
    files = _files_in(path, errors)
    for error in errors:
        where = error.filename or str(path)
        yield _failure(str(where), f"{(error.strerror or str(error)).lower()}; this folder is skipped")
    if not files and not errors:
        yield _failure(str(path), "no .txt, .html, .htm or .jsonl file in this folder")
    for file in files:
        yield from _guarded(str(file), partial(_read_file, file))


def _files_in(folder: Path, errors: list[OSError]) -> list[Path]:
    """Files with a known suffix under `folder`, sorted, skipping hidden files and folders; a folder
    that cannot be listed goes to `errors`."""
    found = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
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
    with path.open("rb") as stream:
        # the size a device or a pipe reports is no bound on what it gives: /dev/zero is endless
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise InputError(f"not a regular file (a device, a pipe or a socket); {GIVE}")
        if suffix == ".jsonl":
            if b"\x00" in stream.read(8192):
                raise InputError(f"not text (binary data); {GIVE}")
            stream.seek(0)
            yield from _read_jsonl(_lines(stream), path.stem, str(path))
            return
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size / 1_000_000:.1f} MB, the limit is {_LIMIT}); split it into articles")
        data = _read_capped(stream)  # a file may grow while it is read
    yield _read_document(data, path.stem, str(path), html=suffix != ".txt")


def _read_capped(stream: BinaryIO, head: bytes = b"") -> bytes:
    """The rest of a stream after `head`, read up to MAX_BYTES: one byte more is refused unread."""
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (more than the limit of {_LIMIT}); split it into articles")
    return data


def _read_document(data: bytes, doc_id: str, source: str, *, html: bool) -> RawArticle:
    decoded = decode(data)
    if decoded.guessed:
        warnings.warn(f"{source}: not UTF-8, read as {decoded.encoding}", InputWarning, stacklevel=2)
    if html:
        return read_html(decoded.text, doc_id, source)
    return RawArticle(doc_id=doc_id, source=source, text=decoded.text)


def _read_jsonl(lines: Iterable[bytes | None], stem: str, source: str) -> Iterator[Read]:
    articles = 0
    for lineno, raw in enumerate(lines, start=1):
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
        except Exception as err:
            # lxml and trafilatura on a hostile `html` field: this line fails, the next ones are read
            _log.debug("reading %s failed", where, exc_info=True)
            yield _failure(where, f"unreadable ({type(err).__name__}: {err})")
    if articles == 0:
        raise InputError("empty file")


def _check_is_jsonl(first_line: str, lineno: int) -> None:
    # A file whose first line is not a JSON object is not jsonl at all (a text article saved
    # as .jsonl): one failure for the file, not one a line.
    try:
        parse_object(first_line)
    except NestedTooDeep:
        return  # JSON, only too deep to read: that line fails alone
    except InputError as err:
        raise InputError(f"not JSON lines (line {lineno}: {err})") from err


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a stream, None for one longer than MAX_BYTES, which is skipped unread."""
    while line := stream.readline(MAX_BYTES + 1):
        if len(line) <= MAX_BYTES:
            yield line
            continue
        # said first, skipped after: a reader that stops at it never reads the rest (stdin from a device)
        yield None
        while not line.endswith(b"\n") and (line := stream.readline(MAX_BYTES)):
            pass


def _read_stdin() -> Iterator[Read]:
    """Standard input, streamed: jsonl a line at a time, anything else one article read up to the limit."""
    stream: BinaryIO = sys.stdin.buffer
    lines = _lines(stream)
    blank, size = 0, 0
    for first in lines:
        if first is None or first.strip():
            break
        blank, size = blank + 1, size + len(first)
        if size > MAX_BYTES:
            raise InputError(f"nothing but blank lines in the first {_LIMIT} of standard input")
    else:
        raise InputError("nothing on standard input")
    if first is not None and first.lstrip().startswith(b"{") and _is_object(first):
        yield from _read_jsonl(_chained(blank, first, lines), "stdin", STDIN)
        return
    if first is None:
        raise InputError(f"too large (more than the limit of {_LIMIT}); split it into articles")
    data = _read_capped(stream, first)  # the blank lines before the text are no part of it
    head = data[:1024].lstrip().lower()
    yield _read_document(data, "stdin", STDIN, html=head.startswith((b"<!doctype html", b"<html")))


def _chained(blank: int, first: bytes, rest: Iterator[bytes | None]) -> Iterator[bytes | None]:
    # the blank lines before the first object still count in line numbers
    yield from (b"\n" for _ in range(blank))
    yield first
    yield from rest


def record_lines(path: str) -> Iterator[str | ReadFailure]:
    """The lines of a file of extracted records (`-`: standard input), each decoded alone and at most
    MAX_BYTES; what cannot be read comes as a ReadFailure in its place."""
    source = STDIN if path == "-" else path
    try:
        if path == "-":
            yield from _decoded_lines(sys.stdin.buffer, source)
            return
        with open(path, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise InputError("not a regular file (a device, a pipe or a socket); give a .jsonl file")
            yield from _decoded_lines(stream, source)
    except InputError as err:
        yield _failure(source, str(err))
    except OSError as err:
        yield _failure(source, (err.strerror or str(err)).lower())


def _decoded_lines(stream: BinaryIO, source: str) -> Iterator[str | ReadFailure]:
    for lineno, raw in enumerate(_lines(stream), start=1):
        where = f"{source}:{lineno}"
        if raw is None:
            yield _failure(where, f"line too large (the limit is {_LIMIT} a record)")
            continue
        try:
            yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            yield _failure(where, "not UTF-8, which JSON lines must be")


def _is_object(line: bytes) -> bool:
    try:
        parse_object(line.decode("utf-8-sig"))
    except (InputError, UnicodeDecodeError):
        return False
    return True


def count_articles(inputs: Sequence[str]) -> int | None:
    """How many articles `read_paths` will yield (a file each, a .jsonl a line each), or None when
    that cannot be known beforehand (standard input, URLs, feeds). For progress, not for limits."""
    total = 0
    for given in inputs:
        if given == "-" or "://" in given:
            return None
        path = Path(given)
        for file in _files_in(path, []) if path.is_dir() else [path]:
            if file.name.lower().endswith(".jsonl.gz"):
                return None  # its lines are known only once it is read, and it may be large
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as lines:
                        total += sum(1 for line in lines if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
