"""How a record's values read in French and English: dates (with or without their year) and counts
with their qualifier, the same in pages, the feed, the CLI and `check`."""

from __future__ import annotations

import re

LANGUAGES = ("fr", "en")

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_NO_YEAR = {"fr": "année non précisée", "en": "year not given"}
_UNKNOWN = {"fr": "date inconnue", "en": "date unknown"}
_EARLIER = {"fr": "incident antérieur, date inconnue", "en": "earlier incident, date unknown"}
QUALIFIERS = {
    "fr": {"approx": "environ", "at_least": "au moins", "at_most": "au plus", "order": "de l'ordre de"},
    "en": {"approx": "about", "at_least": "at least", "at_most": "at most", "order": "in the order of"},
}
_DATE = re.compile(r"(\d{4}|-)-?(\d{2})?-?(\d{2})?")


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def date_text(value: str | None, lang: str = "fr", *, earlier: bool = False) -> str:
    """"2014-04-18" -> "18 avril 2014"; "--04-18" -> "18 avril (année non précisée)"; None -> "date inconnue".

    `earlier`: an incident known only from articles recalling it ("incident antérieur, date inconnue").
    """
    lang = _lang(lang)
    if not value:
        return (_EARLIER if earlier else _UNKNOWN)[lang]
    m = _DATE.fullmatch(value)
    if not m:
        return value
    year = m.group(1) if m.group(1) != "-" else None
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is None or not 1 <= month <= 12:
        return year or value
    words = [_MONTHS[lang][month - 1]]
    if day:
        words.insert(0, "1er" if lang == "fr" and day == 1 else str(day))
    text = " ".join(words)
    return f"{text} {year}" if year else f"{text} ({_NO_YEAR[lang]})"


def number(n: int, lang: str = "fr") -> str:
    """1300000 -> "1 300 000" (narrow no-break spaces) in French, "1,300,000" in English."""
    text = f"{n:,}"
    return text.replace(",", "\u202f") if _lang(lang) == "fr" else text


def count_text(count: int | None, qualifier: str | None, lang: str = "fr") -> str:
    """A count with its qualifier, so an estimate never reads as exact: "environ 1 300 000"."""
    if count is None:
        return ""
    word = QUALIFIERS[_lang(lang)].get(qualifier or "", "")
    return f"{word} {number(count, lang)}" if word else number(count, lang)


def sort_key(start: str | None, dates: tuple[str | None, ...] = ()) -> tuple[int, str]:
    """Oldest first on a timeline: dated incidents by their start, then those whose dates have no
    year by month and day, then the undated."""
    if start:
        return 0, start
    partial = sorted(d for d in dates if d and d.startswith("--"))
    return (1, partial[0]) if partial else (2, "")
