"""Fuzz targets for the readers, cleaning and extraction, and the strategies that feed them.

A module of its own: `tests/test_fuzz.py` runs a few hundred cases in `make test`, `bench/fuzz.py`
ten thousand. A target fails only by raising what a user would see as a traceback: a reader must
turn bad input into a ReadFailure (or InputError), cleaning and extraction must return.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from fuites.clean import clean
from fuites.errors import InputError
from fuites.extract.pipeline import extract
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.files import read_paths
from fuites.ingest.jsonl import read_jsonl_line

# Pieces of press text and of what breaks parsers: accents, digits in French and English forms,
# markup, control characters, surrogates' neighbours, very long words, brackets.
_PIECES = [
    "Le", "la", "société", "Orvéa", "a", "été", "victime", "d'une", "cyberattaque", "le", "12", "mars",
    "2024", "données", "de", "1,3", "million", "clients", "rançongiciel", "LockBit", "CNIL", "plainte",
    "mots de passe", "ne sont pas", "concernés", "IBAN", "n°", "SIRET", "The", "hospital", "said", "on",
    "Monday", "that", "hackers", "stole", "records", "of", "250,000", "patients", ".", ",", ";", ":", "!",
    "?", "«", "»", "—", "\n", "\n\n", "\t", "\r\n", "<p>", "</p>", "<script>alert(1)</script>", "&amp;",
    "&#0;", "\x00", "\x0b", "\u200b", "\ufeff", "\u202e", "𝔘𝔫𝔦", "😀", "ﬁ", "İ", "ß", "(", ")", "[", "]",
    "{", "}", '"', "'", "\\", "1er", "31/02/2023", "2023-13-45", "9" * 40, "A" * 300, "é" * 50,
]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=120).map(" ".join)
raw_bytes = st.one_of(st.binary(max_size=4000), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      texts.map(lambda t: t.encode("latin-1", "replace")))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(
        ["id", "text", "html", "url", "title", "published", "doc", "x"]), children, max_size=5),
    max_leaves=20,
)
jsonl_lines = st.one_of(json_values.map(lambda v: json.dumps(v, ensure_ascii=False)), texts,
                        st.integers(1, 3000).map(lambda n: '{"text": ' + "[" * n + "]" * n + "}"))


def read_file(data: bytes, suffix: str) -> None:
    """Bytes saved as an article file: read as articles or failures, never raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article" + suffix)
        path.write_bytes(data)
        for item in read_paths([str(path)]):
            assert isinstance(item, RawArticle | ReadFailure)
            if isinstance(item, RawArticle):
                assert (item.text or item.html or "").strip()


def read_line(line: str) -> None:
    """One jsonl line: an article, or an InputError saying why not."""
    try:
        read_jsonl_line(line, "fuzz:1", "fuzz.jsonl:1")
    except InputError:
        pass


def clean_text(text: str) -> None:
    cleaned = clean(text)
    assert isinstance(cleaned.text, str)


def extract_text(text: str) -> None:
    document = extract(text, doc_id="fuzz")
    assert document.doc == "fuzz"
