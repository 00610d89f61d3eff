"""Bytes -> text: UTF-8 first, a detected encoding when that fails, never binary data."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from fuites.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# What to give instead, in messages about input that is not an article.
GIVE = "give .txt, .html or .jsonl"
# Short Western text decodes equally well in a dozen single-byte code pages, and the detector
# then picks one almost at random (cp775 for a French sentence); French press that is not UTF-8
# is Windows-1252, which WHATWG also uses for every latin-1 label.
_PREFERRED = "cp1252"


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read in; `guessed` when it was not declared nor UTF-8."""

    text: str
    encoding: str
    guessed: bool = False


def decode(data: bytes) -> Decoded:
    """Decode an article's bytes, with newlines as `\\n`; raise InputError if they are not text."""
    decoded = _decode(data)
    text = normalize_newlines(decoded.text)
    if not text.strip():
        raise InputError("empty file")
    return Decoded(text, decoded.encoding, decoded.guessed)


def normalize_newlines(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> Decoded:
    # UTF-32 LE starts with the UTF-16 LE mark, hence the order of _BOMS.
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"not text (invalid {encoding} after its byte-order mark)") from err
    if b"\x00" in data:
        raise InputError(f"not text (binary data); {GIVE}")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"not text (no known encoding decodes it); {GIVE}")
    encoding = best.encoding
    if any(_PREFERRED in m.could_be_from_charset and m.chaos <= best.chaos for m in matches):
        encoding = _PREFERRED
    return Decoded(data.decode(encoding), encoding, guessed=True)
