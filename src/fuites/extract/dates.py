"""Dates in SCHEMA's forms (YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD, --MM), resolved by the reading rules.

A date without a year takes it from the same sentence or paragraph, else from the publication
date; only then does a weekday beside day and month fix it (the latest such year not after
today); else it stays `--MM-DD`. Relative dates ("lundi", "en février dernier", "l'année
dernière", "trois jours avant Noël") are resolved against the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon


@dataclass(frozen=True)
class PartialDate:
    """A date known to some precision; `year` may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str | None:
        if self.year is None:
            if self.month is None:
                return None
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def as_date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence, with how its year was fixed."""

    date: PartialDate
    start: int
    end: int
    sentence: int
    weekday_fixed: bool = False  # the year came from the weekday rule
    own_day: bool = False  # "Ce jeudi 14 mars": the article's own day


def parse_iso(value: str | None) -> PartialDate | None:
    """An ISO date of any of SCHEMA's forms (or a longer timestamp) as a PartialDate."""
    if not value:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value) or re.match(r"--(\d{2})(?:-(\d{2}))?", value)
    if not match:
        return None
    if value.startswith("--"):
        return PartialDate(None, int(match.group(1)), int(match.group(2)) if match.group(2) else None)
    groups = match.groups()
    return PartialDate(int(groups[0]), int(groups[1]) if groups[1] else None, int(groups[2]) if groups[2] else None)


@dataclass(frozen=True)
class _Grammar:
    day_month: re.Pattern[str]
    month_year: re.Pattern[str]
    month_alone: re.Pattern[str]
    year_alone: re.Pattern[str]
    numeric: re.Pattern[str]
    weekday_alone: re.Pattern[str]
    relative_day: re.Pattern[str]
    last_year: re.Pattern[str]
    last_month: re.Pattern[str]
    weeks: re.Pattern[str]
    ago: re.Pattern[str]
    holiday: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    weeks_back: dict[str, int]
    holidays: dict[str, str]
    relative_days: dict[str, int]
    day_range: re.Pattern[str] | None = None
    # "le lendemain", "deux jours plus tard": days counted from the date named just before
    after_previous: re.Pattern[str] | None = None
    night: re.Pattern[str] | None = None  # "la nuit de samedi à dimanche"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _grammar(lexicon: Lexicon) -> _Grammar:
    months: dict[str, int] = {k.rstrip("."): v for k, v in lexicon.value("dates", "months").items()}
    weekdays: dict[str, int] = lexicon.value("dates", "weekdays")
    holidays: dict[str, str] = lexicon.value("dates", "holidays")
    relative_days = {k: v for k, v in lexicon.value("dates", "yesterday").items() if v != 99}
    weeks: dict[str, int] = lexicon.raw["dates"].get("weeks", {})
    month = _alternation(list(months))
    weekday = _alternation(list(weekdays))
    last = "|".join(lexicon.value("dates", "last_marker"))
    # English puts the marker first ("last February", "last Monday"); French after ("février dernier").
    last_before = "|".join(lexicon.raw["dates"].get("last_marker_before", [])) or "(?!)"
    joiners = "|".join(lexicon.raw["dates"].get("range_joiners", []))
    early = "|".join(lexicon.value("dates", "early"))
    ordinal = r"(?:1er|1re|premier|\d{1,2})(?:st|nd|rd|th)?"
    flags = re.IGNORECASE
    return _Grammar(
        day_month=re.compile(
            rf"(?P<this>\bce |\bcet |\bthis )?(?:(?P<weekday>\b(?:{weekday}))[\s,]+)?(?:le |the )?"
            rf"(?:(?P<day>\b{ordinal})\s+(?:of\s+)?(?P<month>\b(?:{month}))\.?|(?P<month2>\b(?:{month}))\.?\s+(?P<day2>{ordinal})\b)"
            rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
            flags,
        ),
        month_year=re.compile(
            rf"(?:\b(?:{early})\s*)?(?:\b(?:de |d')?)?(?P<month>\b(?:{month}))\.?\s+(?:de l'ann[ée]e |of )?(?P<year>(?:19|20)\d\d)\b",
            flags,
        ),
        month_alone=re.compile(
            rf"(?:\b(?P<lastpre>{last_before})\s+)?(?P<month>\b(?:{month}))\b(?:\s+(?P<last>{last})\b|\s+(?P<lastyear>de l'ann[ée]e derni[èe]re|de l'an dernier|de l'ann[ée]e pr[ée]c[ée]dente|of last year|last year))?",
            flags,
        ),
        year_alone=re.compile(
            r"\b(?:en|in|depuis|since|d[èe]s|during|courant|fin|d[ée]but|early|late|mid-|back to)\s+(?P<year>(?:19|20)\d\d)\b",
            flags,
        ),
        numeric=re.compile(
            r"\b(?:(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})|(?P<d2>\d{1,2})(?P<sep>[/.])(?P<m2>\d{1,2})(?P=sep)(?P<y2>(?:19|20)?\d\d))\b"
        ),
        weekday_alone=re.compile(
            rf"(?:\b(?P<lastpre>{last_before})\s+)?(?P<this>\bce |\bthis )?(?P<weekday>\b(?:{weekday}))\b(?:\s+(?P<last>{last}|prochain|next)\b)?",
            flags,
        ),
        relative_day=re.compile(rf"\b(?:{_alternation(list(relative_days))})\b", flags),
        last_year=re.compile("|".join(lexicon.value("dates", "last_year")), flags),
        last_month=re.compile("|".join(lexicon.raw["dates"].get("last_month", ["(?!)"])), flags),
        weeks=re.compile(rf"\b(?:{_alternation(list(weeks))})\b", flags) if weeks else re.compile("(?!)"),
        ago=re.compile(lexicon.value("dates", "ago"), flags),
        holiday=re.compile(
            rf"(?:{lexicon.value('dates', 'offset')}\s+)?(?P<holiday>\b(?:{_alternation(list(holidays))}))\b", flags
        ),
        months=months,
        weekdays=weekdays,
        weeks_back=weeks,
        holidays=holidays,
        relative_days=relative_days,
        night=re.compile(lexicon.raw["dates"]["night"].replace("{weekday}", f"(?:{weekday})"), flags)
        if "night" in lexicon.raw["dates"]
        else None,
        after_previous=re.compile(lexicon.raw["dates"]["after_previous"], flags)
        if "after_previous" in lexicon.raw["dates"]
        else None,
        # "between 5 and 19 August": the first day of a range shares the month named after the second.
        day_range=re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s*(?:{joiners})\s*(?:(?:the|le)\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+"
            rf"(?P<month>\b(?:{month}))\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
            flags,
        )
        if joiners
        else None,
    )


_SMALL = {
    "un": 1,
    "une": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "deux": 2,
    "two": 2,
    "trois": 3,
    "three": 3,
    "quatre": 4,
    "four": 4,
    "cinq": 5,
    "five": 5,
    "six": 6,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "neuf": 9,
    "nine": 9,
    "dix": 10,
    "ten": 10,
    "quinze": 15,
    "fifteen": 15,
}


def _small_number(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL.get(word.lower(), 0)


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else 1


def _possible(date: PartialDate) -> bool:
    """A real calendar day ("31 février" is none); an unknown year allows 29 February."""
    if date.month is not None and not 1 <= date.month <= 12:
        return False
    if date.day is None or date.month is None:
        return True
    try:
        dt.date(date.year or 2000, date.month, date.day)
    except ValueError:
        return False
    return True


def _falls_on(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def _latest_year_with_weekday(month: int, day: int, weekday: int, today: dt.date) -> int | None:
    for year in range(today.year, today.year - 30, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == weekday:
            return year
    return None


@dataclass(frozen=True)
class DateContext:
    """What resolves a date: the publication date (if known) and today."""

    published: PartialDate | None
    today: dt.date

    def year_for(self, month: int) -> int | None:
        if not self.published or not self.published.year:
            return None
        year = self.published.year
        # A past event in a later month than the article's belongs to the year before.
        if self.published.month and month > self.published.month + 1:
            year -= 1
        return year


def find_dates(sentences: list[Sentence], lexicon: Lexicon, context: DateContext) -> list[DateMention]:
    """Every date of the article, resolved as far as the rules allow."""
    grammar = _grammar(lexicon)
    mentions: list[DateMention] = []
    # A year named in a sentence, or in the sentence just before it in the same paragraph ("the
    # passage"), gives its year to the dates that lack one.
    previous: tuple[int, int] | None = None  # (paragraph, year) of the sentence before
    last_day: tuple[int, DateMention] | None = None  # (paragraph, mention) of the last full date
    for sentence in sentences:
        # "depuis sa création en 2017, dit avoir identifié le 7 avril": a founding year dates nothing else
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", _FOUNDING.sub(" ", sentence.text))]
        # of several years named ("les réservations effectuées entre 2023 et 2025"), the article's own
        published_year = context.published.year if context.published else None
        own_year = published_year if published_year in years else None
        named_year = own_year or (years[0] if years else None)
        if named_year is None and previous and previous[0] == sentence.paragraph:
            named_year = previous[1]
        previous = (sentence.paragraph, years[-1]) if years else None
        found = _sentence_dates(sentence, grammar, context, named_year)
        if grammar.after_previous is not None:
            before = last_day[1] if last_day and last_day[0] == sentence.paragraph else None
            found += _after_previous(sentence, grammar.after_previous, found, before)
        found.sort(key=lambda m: m.start)
        mentions.extend(found)
        full = [m for m in found if m.date.as_date()]
        if full:
            last_day = (sentence.paragraph, full[-1])
    return _years_from_the_same_day(mentions)


def _years_from_the_same_day(mentions: list[DateMention]) -> list[DateMention]:
    """ "between May 2 and May 9", then "on May 2, 2018": a day left without a year
    takes the year the article gives the same day elsewhere, when it gives only one, and so do the
    other days of its sentence."""
    years: dict[tuple[int, int], set[int]] = {}
    for m in mentions:
        if m.date.year and m.date.month and m.date.day:
            years.setdefault((m.date.month, m.date.day), set()).add(m.date.year)
    found: dict[int, int] = {}  # sentence -> the year one of its days took: its other days take it too
    for m in mentions:
        known = years.get((m.date.month, m.date.day), set()) if m.date.month and m.date.day else set()
        if m.date.year is None and len(known) == 1:
            found.setdefault(m.sentence, next(iter(known)))
    return [
        replace(m, date=PartialDate(found[m.sentence], m.date.month, m.date.day))
        if m.date.year is None and m.date.month and m.sentence in found
        else m
        for m in mentions
    ]


_VERSION_BEFORE = re.compile(r"\b(?:version|v|release|build)\s*$", re.IGNORECASE)
_FOUNDING = re.compile(
    r"\b(?:cr[ée]{2}e?s?|fond[ée]e?s?|cr[ée]ation|fondation|n[ée]e?|lanc[ée]e?|install[ée]e?|founded|established|created|"
    r"launched|founding|incorporated)\s+(?:en|in)\s+(?:19|20)\d\d\b"
    # an acquisition's year: "the group that bought Kinloch in 2019", "racheté par X en 2019"
    r"|\b(?:bought|acquired|took over|purchased|rachet[ée]e?s?|acquise?s?|repris[e]?)(?:\s+[\w'’&.-]+){0,4}?\s+(?:en|in)\s+"
    r"(?:19|20)\d\d\b"
    # a year's accounts: "un chiffre d'affaires de 40 millions d'euros en 2022", "revenue of $2bn in 2022"
    r"|\b(?:chiffre d.affaires|b[ée]n[ée]fices?|revenue|revenues|turnover|sales)\b[^.;()]{0,30}?\s(?:en|in)\s+"
    r"(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _after_previous(
    sentence: Sentence, pattern: re.Pattern[str], found: list[DateMention], before: DateMention | None
) -> list[DateMention]:
    """Days counted from the date named last before them, in the sentence or earlier in its paragraph."""
    out: list[DateMention] = []
    for m in pattern.finditer(sentence.text):
        start = sentence.start + m.start()
        earlier = [d for d in found if d.end <= start and d.date.as_date()]
        anchor = earlier[-1] if earlier else before
        anchor_day = anchor.date.as_date() if anchor else None
        if anchor_day is None:
            continue
        days = 0 if m.group("same") else _small_number(m.group("n")) if m.group("n") else 1
        if m.group("unit") and m.group("unit").lower().startswith(("sem", "week")):
            days *= 7
        if m.group("back"):
            days = -days
        day = anchor_day + dt.timedelta(days=days)
        out.append(DateMention(PartialDate(day.year, day.month, day.day), start, sentence.start + m.end(),
                               sentence.index))
    return out


_DATELINE_DASH = re.compile(r"\s*[-–—|]\s")
# What may stand beside a date on a page's date line: "Publié le", a time, "/ il y a 2 ans", "Act: 02.03.2021",
# the byline ("Par Jeanne Roy")
_DATE_LINE_FURNITURE = re.compile(
    r"^\s*(?:par|by)\s+(?-i:[A-ZÀ-Ý][\w'’.-]*(?:\s+|$)){1,3}"
    r"|\b(?:publi[ée]e?|modifi[ée]e?|mis à jour|mise à jour|act|maj|le|à|published|updated|posted|on|at|print|imprimer"
    r"|il y a \d+ \w+|\d+ \w+ ago)\b|\d{1,2}\s?[:hH]\s?\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|[\W_]",
    re.IGNORECASE,
)
# The first lines of an article, where its date line stands
_DATE_LINE_SENTENCES = 6


def _sentence_dates(sentence: Sentence, g: _Grammar, context: DateContext, named_year: int | None) -> list[DateMention]:
    text = sentence.text
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(date: PartialDate, start: int, end: int, **flags: bool) -> None:
        if any(s < end and start < e for s, e in taken) or not _possible(date):
            return
        taken.append((start, end))
        found.append(DateMention(date, sentence.start + start, sentence.start + end, sentence.index, **flags))

    def beside_a_date(m: re.Match[str]) -> bool:
        return any(s - 20 <= m.end() and m.start() <= e + 3 for s, e in taken)

    if g.day_range is not None:
        for m in g.day_range.finditer(text):
            month = g.months[m.group("month").lower().rstrip(".")]
            year = int(m.group("year")) if m.group("year") else named_year or context.year_for(month)
            add(PartialDate(year, month, int(m.group("day"))), m.start("day"), m.end("day"))

    for m in g.numeric.finditer(text):
        # "Belga | lundi 02/06/2025 - La commune ...": a dateline opening the article is its own day
        before = text[: m.start()].rsplit("|", 1)[-1]
        own = sentence.index <= 2 and bool(
            _DATELINE_DASH.match(text, m.end()) and all(w.lower() in g.weekdays for w in before.split())
        )
        if m.group("y"):
            add(PartialDate(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m.start(), m.end(), own_day=own)
        else:
            if m.group("sep") == "." and len(m.group("y2")) == 2 and _VERSION_BEFORE.search(text, 0, m.start()):
                continue  # "version 2.1.20": a version number, not a day
            year = int(m.group("y2"))
            year += 2000 if year < 100 else 0
            day, month = int(m.group("d2")), int(m.group("m2"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                add(PartialDate(year, month, day), m.start(), m.end(), own_day=own)

    for m in g.holiday.finditer(text):
        month, day = (int(x) for x in g.holidays[m.group("holiday").lower()].split("-"))
        base = dt.date(2001, month, day)
        if m.groupdict().get("n"):
            days = _small_number(m.group("n")) * (7 if m.group("unit").lower().startswith(("sem", "week")) else 1)
            base += dt.timedelta(days=-days if m.group("dir").lower().startswith(("av", "bef")) else days)
        year = named_year or context.year_for(base.month)
        add(PartialDate(year, base.month, base.day), m.start(), m.end())

    for m in g.day_month.finditer(text):
        month = g.months[(m.group("month") or m.group("month2")).lower().rstrip(".")]
        day = _day(m.group("day") or m.group("day2"))
        weekday = m.group("weekday")
        if m.group("year"):
            # "Ce mercredi 12 février 2025, ...", "Ce 1er décembre 2025": the article's own day, year given;
            # so is a date on a line of its own at the top ("jeudi 4 mars 2021", "4 mars 2021 / 18:20")
            own = bool(m.group("this")) or (
                sentence.index < _DATE_LINE_SENTENCES
                and not _DATE_LINE_FURNITURE.sub("", text[: m.start()] + " " + text[m.end() :]).strip()
            )
            add(PartialDate(int(m.group("year")), month, day), m.start(), m.end(), own_day=own)
            continue
        year = named_year or context.year_for(month)
        fixed = False
        weekday_number = g.weekdays[weekday.lower()] if weekday else None
        if year is None and weekday_number is not None:
            year = _latest_year_with_weekday(month, day, weekday_number, context.today)
            fixed = year is not None
        elif year is not None and weekday_number is not None and not _falls_on(year, month, day, weekday_number):
            # "Après X en 2024, Y est à son tour victime. Le vendredi 12 mars, ...": a year named
            # for another event gives way to the article's, when only that one fits the weekday
            articles_year = context.year_for(month)
            if articles_year is not None and _falls_on(articles_year, month, day, weekday_number):
                year = articles_year
        own_day = bool(m.group("this")) and bool(weekday)
        add(PartialDate(year, month, day), m.start(), m.end(), weekday_fixed=fixed, own_day=own_day)

    for m in g.month_year.finditer(text):
        add(PartialDate(int(m.group("year")), g.months[m.group("month").lower().rstrip(".")]), m.start(), m.end())

    published = context.published
    for m in g.month_alone.finditer(text):
        month = g.months[m.group("month").lower().rstrip(".")]
        if m.group("month").lower() == "mai" and not m.group("last") and re.search(r"\bmai\b", text) is None:
            continue
        if m.group("lastyear"):
            year = published.year - 1 if published and published.year else None
        elif m.group("last") or m.group("lastpre"):
            year = None
            if published and published.year:
                year = published.year if published.month and month < published.month else published.year - 1
                if not published.month:
                    year = published.year
        else:
            if not re.search(
                r"\b(?:en|in|d[ée]but|fin|mi-|courant|depuis|since|early|late|mid-?|of|mois de|during|entre|between)\s*$",
                text[: m.start()],
                re.IGNORECASE,
            ):
                continue
            year = named_year or context.year_for(month)
        add(PartialDate(year, month), m.start(), m.end())

    founding = [f.span() for f in _FOUNDING.finditer(text)]
    for m in g.year_alone.finditer(text):
        if any(a <= m.start("year") < b for a, b in founding):
            continue  # "a brand it acquired in 2012": a year that dates the company, not the breach
        add(PartialDate(int(m.group("year"))), m.start("year"), m.end("year"))

    for m in g.last_year.finditer(text):
        if published and published.year:
            add(PartialDate(published.year - 1), m.start(), m.end())
    for m in g.last_month.finditer(text):
        if published and published.year and published.month:
            total = published.year * 12 + published.month - 2
            add(PartialDate(total // 12, total % 12 + 1), m.start(), m.end())

    for m in g.weeks.finditer(text):
        # "last week", "cette semaine": the month that week falls in
        if published and published.year and published.month:
            day_ = published.as_date()
            if day_ is not None:
                day_ -= dt.timedelta(weeks=g.weeks_back[m.group(0).lower()])
                add(PartialDate(day_.year, day_.month), m.start(), m.end())
            else:
                add(PartialDate(published.year, published.month), m.start(), m.end())

    anchor = published.as_date() if published else None
    if anchor:
        for m in g.night.finditer(text) if g.night else ():
            # a night is dated by its evening, unless an hour after midnight is given
            small_hours = _SMALL_HOURS.search(text, m.end(), m.end() + 60)
            day_name = m.group("second" if small_hours else "first").lower()
            back = (anchor.weekday() - g.weekdays[day_name]) % 7
            day_ = anchor - dt.timedelta(days=back)
            add(PartialDate(day_.year, day_.month, day_.day), m.start(), m.end())
        for m in g.relative_day.finditer(text):
            delta = g.relative_days.get(m.group(0).lower())
            if delta is not None:
                day_ = anchor + dt.timedelta(days=delta)
                add(PartialDate(day_.year, day_.month, day_.day), m.start(), m.end())
        for m in g.weekday_alone.finditer(text):
            # a weekday beside a date already read is part of it ("lundi 3 mars", "lundi, trois jours
            # avant Noël"); one further away has a date of its own ("a révélé mercredi avoir
            # découvert début novembre")
            if beside_a_date(m):
                continue
            target = g.weekdays[m.group("weekday").lower()]
            back = (anchor.weekday() - target) % 7
            if (m.group("last") or m.group("lastpre")) and back == 0:
                back = 7
            day_ = anchor - dt.timedelta(days=back)
            add(PartialDate(day_.year, day_.month, day_.day), m.start(), m.end())
        for m in g.ago.finditer(text):
            n = _small_number(m.group("n"))
            unit = m.group("unit").lower()
            if unit.startswith(("jour", "day")):
                day_ = anchor - dt.timedelta(days=n)
                add(PartialDate(day_.year, day_.month, day_.day), m.start(), m.end())
            elif unit.startswith(("sem", "week")):
                day_ = anchor - dt.timedelta(weeks=n)
                add(PartialDate(day_.year, day_.month, day_.day), m.start(), m.end())
            elif unit.startswith(("mois", "month")):
                total = anchor.year * 12 + anchor.month - 1 - n
                add(PartialDate(total // 12, total % 12 + 1), m.start(), m.end())
            else:
                add(PartialDate(anchor.year - n), m.start(), m.end())
    elif published and published.year and published.month:
        # An article dated by its month alone: "hier", "dans la nuit de vendredi à samedi" or
        # "mardi" fall in that month (or in the last days of the one before: the month is kept).
        its_month = PartialDate(published.year, published.month)
        for m in g.night.finditer(text) if g.night else ():
            add(its_month, m.start(), m.end())
        for m in g.relative_day.finditer(text):
            if m.group(0).lower() in g.relative_days:
                add(its_month, m.start(), m.end())
        for m in g.weekday_alone.finditer(text):
            if not beside_a_date(m):
                add(its_month, m.start(), m.end())
    return found


_SMALL_HOURS = re.compile(
    r"\b(?:vers |à |a |around |at )?0?[0-5]\s?(?:h|heures?)\b(?!\s*(?:de l.apr[èe]s|du soir))|\bdu matin\b|\b[0-5](?::\d\d)?\s?a\.?m\b",
    re.IGNORECASE,
)


def infer_published(mentions: list[DateMention]) -> PartialDate | None:
    """The article's own date when the text fixes it: "Ce jeudi 14 mars" gives the day; dates
    whose year a weekday fixed give the month of the latest of them."""
    own = [m.date for m in mentions if m.own_day and m.date.year]
    if own:
        return max(own, key=PartialDate.sort_key)
    fixed = [m.date for m in mentions if m.weekday_fixed and m.date.year]
    if fixed:
        latest = max(fixed, key=PartialDate.sort_key)
        return replace(latest, day=None)
    return None
