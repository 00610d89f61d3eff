"""One validation of search filters for the CLI, the API and the pages, and the reader's words.

A filter value may be an id (`health`), an interface label or a word of `vocab/search.toml` in
French or English (`santé`, `Santé`, `sante`): all give the id. An unknown value is refused with
the close matches (`FilterError`, which the web words in the reader's language). Dates must be
real dates. A search word that names a category (`ransomware`) matches the incidents tagged with
it and the articles saying any of its words (`rançongiciel`); `[[synonyms]]` widen a word too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from fuites.errors import InputError
from fuites.merge import fold
from fuites.models import ATTACKS, DATA, SECTORS

KINDS = {"sector": SECTORS, "attack": ATTACKS, "data": DATA}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# search words that name a category but would match nearly everything
_TOO_BROAD = {"other", "autre"}


class FilterError(InputError):
    """A filter value the store does not know, with the close matches (ids) to offer instead."""

    def __init__(self, kind: str, value: str, suggestions: Sequence[str] = ()) -> None:
        self.kind, self.value, self.suggestions = kind, value, list(suggestions)
        if kind in ("since", "until"):
            message = f"{kind}={value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (a real day)"
        elif kind == "period":
            message = f"since is after until ({value}): swap them"
        else:
            close = f"did you mean {' or '.join(self.suggestions)}? " if self.suggestions else ""
            message = f"unknown {kind} {value!r}: {close}give one of {', '.join(KINDS[kind])} (or their labels)"
        super().__init__(message)


@cache
def _table() -> dict[str, object]:
    text = resources.files("fuites.vocab").joinpath("search.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _key(text: str) -> str:
    """A word as it is compared: folded, inner punctuation as spaces ("e-mail" = "e mail")."""
    return " ".join(re.findall(r"\w+", fold(text)))


@cache
def _words(kind: str) -> dict[str, str]:
    """Folded word -> id, for one kind; ids are words of their own."""
    out: dict[str, str] = {_key(i): i for i in KINDS[kind]}
    table = _table().get(kind, {})
    assert isinstance(table, dict)
    for ident, entry in table.items():
        for word in entry.get("words", []):
            out.setdefault(_key(word), ident)
    return out


def category(kind: str, value: str) -> str | None:
    """The id a reader's word designates ("santé" -> "health"), or None."""
    if value in KINDS[kind]:
        return value
    return _words(kind).get(_key(value))


def suggestions(kind: str, value: str, limit: int = 3) -> list[str]:
    """The ids whose words are closest to an unknown value."""
    words = _words(kind)
    found = process.extract(_key(value), list(words), scorer=fuzz.WRatio, score_cutoff=70, limit=limit * 3)
    return list(dict.fromkeys(words[w] for w, _, _ in found))[:limit]


def check_date(name: str, value: str | None) -> str | None:
    """A date bound as given, when it is a real YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value:
        return None
    m = _DATE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError(value)
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise FilterError(name, value) from None
    return value.strip()


@dataclass(frozen=True)
class Checked:
    """Filters once checked: ids only, dates real."""

    sector: str | None = None
    attack: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None


def check(sector: str | None = None, attack: Sequence[str] = (), data: Sequence[str] = (),
          since: str | None = None, until: str | None = None) -> Checked:
    """The filters as ids and real dates; `FilterError` names the first value that is neither."""

    def one(kind: str, value: str) -> str:
        found = category(kind, value)
        if found is None:
            raise FilterError(kind, value, suggestions(kind, value))
        return found

    start, end = check_date("since", since), check_date("until", until)
    if start and end and start > end and not end.startswith(start):
        raise FilterError("period", f"{start} > {end}")
    return Checked(
        sector=one("sector", sector) if sector else None,
        attack=tuple(dict.fromkeys(one("attack", v) for v in attack if v)),
        data=tuple(dict.fromkeys(one("data", v) for v in data if v)),
        since=start,
        until=end,
    )


# Search

@dataclass
class Term:
    """One word or phrase of a query: the phrases any of which an article may say (each a list of
    folded words), and the (kind, id) tags an incident may carry instead."""

    phrases: list[list[str]]
    tags: list[tuple[str, str]] = field(default_factory=list)


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Folded word -> every word it stands for (itself included), over categories and synonyms."""
    groups: list[list[str]] = []
    for kind in KINDS:
        table = _table().get(kind, {})
        assert isinstance(table, dict)
        for ident, entry in table.items():
            if ident not in _TOO_BROAD:
                groups.append([ident.replace("_", " "), *entry.get("words", [])])
    for entry in _table().get("synonyms", []):  # type: ignore[attr-defined]
        groups.append(list(entry["words"]))
    out: dict[str, set[str]] = {}
    for group in groups:
        keys = {_key(w) for w in group} - _TOO_BROAD
        for k in keys:
            out.setdefault(k, set()).update(keys)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _tags(key: str) -> list[tuple[str, str]]:
    if key in _TOO_BROAD:
        return []
    return [(kind, ident) for kind in KINDS if (ident := _words(kind).get(key)) and ident not in _TOO_BROAD]


_LONGEST = 4  # words in the longest phrase of search.toml worth looking for


def terms(words: list[list[str]]) -> list[Term]:
    """The query's words and phrases (folded, as `parse_query` gives them) widened by the reader's
    words: consecutive words that form a known phrase ("déni de service") count as one term."""
    out: list[Term] = []
    i = 0
    while i < len(words):
        taken = 1
        key = " ".join(words[i])
        if len(words[i]) == 1:
            for n in range(min(_LONGEST, len(words) - i), 1, -1):
                if all(len(w) == 1 for w in words[i:i + n]):
                    joined = " ".join(w[0] for w in words[i:i + n])
                    if joined in _synonyms():
                        key, taken = joined, n
                        break
        same = _synonyms().get(key)
        if same:
            out.append(Term([k.split() for k in same], _tags(key)))
        else:
            out.append(Term([words[i]]))
        i += taken
    return out
