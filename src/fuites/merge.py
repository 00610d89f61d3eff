"""Articles -> incidents: which reports tell of the same breach, and what the incident then says.

A *mention* is one incident as one article reports it. Placing a mention follows these rules in
order; the first that holds decides, and its wording is kept as the reason that
`fuites merge --explain` shows:

1. wire copy: the article is a near-duplicate (MinHash Jaccard >= 0.5 on word 5-grams) of an
   article whose primary incident is already placed, the mention is primary too, and it names
   the incident's organisation or no victim at all.
2. same organisation and a date within 31 days of one of the incident's dates.
3. same organisation, a date within 120 days (or only years, and the same year) and a
   corroborating detail: a named actor in common, the same affected count within 10 %, the same
   day of occurrence or discovery, or similar texts (Jaccard >= 0.3).
4. same organisation, only years given, and the incident is the organisation's only one that year.
5. same organisation, no date at all, and a corroborating detail as in 3.
6. otherwise a new incident. A recalled (non-primary) incident without a date that rule 5 did not
   place joins the organisation's one other undated incident if it has exactly one, else it is an
   incident of its own: the organisation's history shows it as an earlier incident, date unknown.

Two mentions of one article never go into one incident. "Same organisation" means equal names
once folded (case, accents, punctuation), stripped of a leading descriptor in lower case
("l'opérateur Orange") and of legal or country suffixes ("Orange France", "Acme SAS"), or known
aliases, or a rapidfuzz ratio >= 92 with the same digits ("Fédération française de football" /
"Fédération française du football").
Names that differ by a word ("La Poste" / "La Poste Mobile") are different organisations.

Headline values, where articles disagree:
- a single-valued field (victim, sector, country, affected count, dates) takes the value that
  the most articles give, a primary report weighing 2 and a recall 1; on a tie the value of the
  most recently published article wins, since later reports correct early estimates. Every
  other value is kept in `conflicts` with its articles. Dates that refine each other
  ("2014-04" and "2014-04-18") do not conflict: the most precise is shown.
- a list field (attack, data, actors, ...) is the union of what the articles give; an item that
  one article puts in `data` and another in `data_not` stays in `data` and is kept as a conflict.
- `notified_individuals` is true when any article says so.
Every value of every field keeps the ids of the articles that gave it, in `sources`.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, select

from fuites.store.db import execute_plain, executemany_plain, query_plain
from fuites.store.fuzzy import FuzzyKeys
from fuites.store.tables import (
    article_bands,
    articles,
    incident_tags,
    incidents,
    mentions,
    org_aliases,
    organisations,
)

WIRE_COPY = 0.5
SIMILAR_TEXT = 0.3
NEAR_DAYS = 31
FAR_DAYS = 120
NAME_RATIO = 92.0
COUNT_TOLERANCE = 0.10

NUM_PERM = 128
# Stored MinHash values are compared across runs: the permutation scheme is pinned, not left to
# the datasketch version's default.
_SCHEME = "affine32"
_SHINGLE = 5
# The band layout datasketch's MinHashLSH picks for this threshold and number of permutations
# (it minimises false positives and negatives; `test_bands_follow_datasketch` checks it). The
# store keeps the bands in a table, so near-duplicates are found across runs.
BANDS, ROWS = 25, 5


# The combining marks NFKD splits off Latin, Greek and Cyrillic letters (é -> e + U+0301).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents: what names and search queries are compared on."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def _name_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """Name normalisation from vocab/names.toml: the articles that start a lower-case descriptor
    before a name, and the suffixes and prefixes that do not change which organisation is meant."""
    data = tomllib.loads(resources.files("fuites.vocab").joinpath("names.toml").read_text(encoding="utf-8"))
    # name_key compares folded words: a word of the file is folded the same way
    return (tuple(data["descriptor"]["articles"]),
            frozenset(fold(w) for words in data["suffixes"].values() for w in words),
            frozenset(fold(w) for words in data["prefixes"].values() for w in words))


_ARTICLES, _SUFFIXES, _PREFIXES = _name_words()


def display_name(victim: str) -> str:
    """The name without a leading lower-case descriptor: "l'opérateur Orange" -> "Orange"."""
    name = " ".join(victim.replace("’", "'").split())
    lowered = name.lower()
    for article in _ARTICLES:
        if lowered.startswith(article) and name[: len(article)].islower():
            rest = name[len(article):].split(" ")
            # one or two lower-case words ("opérateur", "opérateur historique"), then the name
            for n in (1, 2):
                if len(rest) > n and all(w[:1].islower() for w in rest[:n]) and rest[n][:1].isupper():
                    return " ".join(rest[n:])
            break
    return name


def name_key(victim: str) -> str:
    """The key organisations are matched on: "l'opérateur Orange France" -> "orange"."""
    words = re.sub(r"[^\w]+", " ", fold(display_name(victim))).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in _PREFIXES:
        words.pop(0)
    return " ".join(words)


def similar_names(a: str, b: str) -> bool:
    """Fuzzy equality of two keys: typos and spellings, not a different word or number."""
    if a == b:
        return True
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return fuzz.ratio(a, b) >= NAME_RATIO


# Dates

@dataclass(frozen=True)
class Span:
    start: date
    end: date

    @property
    def fine(self) -> bool:
        return (self.end - self.start).days <= 31


def _parse(value: str) -> tuple[int | None, int | None, int | None]:
    m = re.fullmatch(r"(\d{4}|-)-?(\d{2})?-?(\d{2})?", value)
    if not m:
        return None, None, None
    year = int(m.group(1)) if m.group(1) != "-" else None
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    return year, month, day


def resolve(value: str | None, published: str | None) -> str | None:
    """An ISO date with its year: "--04-18" in an article of 2014-05-07 is "2014-04-18".

    A date without a year in an article is in its past: a later month is the year before.
    """
    if not value:
        return None
    if not value.startswith("--"):
        return value
    year, month, day = _parse(value)
    pub_year, pub_month, pub_day = _parse(published) if published else (None, None, None)
    if pub_year is None or month is None:
        return None
    if (month, day or 1) > (pub_month or 12, pub_day or 31):
        pub_year -= 1
    return f"{pub_year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def span_of(value: str | None) -> Span | None:
    if not value:
        return None
    year, month, day = _parse(value)
    if year is None:
        return None
    try:
        if month is None:
            return Span(date(year, 1, 1), date(year, 12, 31))
        if day is None:
            return Span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        return Span(date(year, month, day), date(year, month, day))
    except ValueError:
        return None


def gap_days(a: Span, b: Span) -> int:
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


# Near-duplicate texts

def minhash(text: str) -> bytes | None:
    """The MinHash of a text's word 5-grams as stored (128 values, uint64 bytes); None for texts too
    short to tell copies apart.

    The values are datasketch's `MinHash(scheme="affine32")` of the UTF-8 shingles (SHA-1 hash, then
    MurmurHash3's finalizer and the pinned permutations), computed on arrays without a MinHash per
    article: its construction and per-item checks cost more than the hashing
    (`test_minhash_is_datasketchs` pins the equality).
    """
    words = re.findall(r"\w+", fold(text))
    if len(words) < 20:
        return None
    shingles = {" ".join(words[i: i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))}
    # datasketch's sha1_hash32: the first 4 bytes of SHA-1, little-endian
    sha1 = hashlib.sha1
    digests = b"".join([sha1(s).digest()[:4] for s in map(str.encode, shingles)])
    hv = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    a, b = _permutations()
    # arithmetic modulo 2**32, as the affine32 scheme does
    values = (hv[:, None] * a[None, :] + b[None, :]).min(axis=0)
    return bytes(values.astype(np.uint64).tobytes())


@functools.cache
def _permutations() -> tuple[np.ndarray[Any, np.dtype[np.uint32]], np.ndarray[Any, np.dtype[np.uint32]]]:
    from datasketch import MinHash  # 0.4 s of imports (scipy): only once an article is stored

    a, b = MinHash(num_perm=NUM_PERM, scheme=_SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two texts from their stored MinHash values."""
    va, vb = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(va == vb)) / len(va)


@functools.lru_cache(maxsize=64)
def band_keys(hashvalues: bytes) -> tuple[int, ...]:
    """The LSH bands of a MinHash as signed 64-bit keys, one per band, band index included.

    Cached: storing an article writes its bands, then merge looks them up.
    """
    step = ROWS * 8  # bytes of ROWS uint64 values
    return tuple(int.from_bytes(hashlib.blake2b(bytes([b]) + hashvalues[b * step: (b + 1) * step],
                                                digest_size=8).digest(), "big", signed=True)
                 for b in range(BANDS))


# What merge compares

@dataclass
class Facts:
    """What rules 2 to 5 compare, for one mention or for an incident (all its mentions)."""

    fine: list[Span] = field(default_factory=list)
    coarse: list[Span] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    counts: set[int] = field(default_factory=set)
    days: set[str] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)

    def absorb(self, other: Facts) -> None:
        self.fine += other.fine
        self.coarse += other.coarse
        self.actors |= other.actors
        self.counts |= other.counts
        self.days |= other.days
        self.articles |= other.articles


def facts_of(record: dict[str, Any], published: str | None, primary: bool, article_id: int) -> Facts:
    """The comparable facts of one mention: its dates (a primary report is dated by its article
    too), actors, affected count and exact days of occurrence or discovery."""
    facts = Facts(articles={article_id})
    values = [resolve(record.get(k), published) for k in ("occurred", "discovered", "disclosed")]
    if primary:
        values.append(published)
    for value in values:
        span = span_of(value)
        if span is not None:
            (facts.fine if span.fine else facts.coarse).append(span)
    facts.actors = {fold(a) for a in record.get("actors") or [] if a}
    affected = record.get("affected") or {}
    if affected.get("count"):
        facts.counts.add(int(affected["count"]))
    for k in ("occurred", "discovered"):
        value = resolve(record.get(k), published)
        if value and len(value) == 10:
            facts.days.add(value)
    return facts


def _min_gap(a: Sequence[Span], b: Sequence[Span]) -> int | None:
    return min((gap_days(x, y) for x in a for y in b), default=None)


def corroboration(m: Facts, c: Facts) -> str | None:
    """A detail that two reports of one organisation share and two breaches rarely do."""
    for actor in m.actors:
        if any(actor in other or other in actor for other in c.actors):
            return f"same actor ({actor})"
    for count in m.counts:
        for other in c.counts:
            if abs(count - other) <= COUNT_TOLERANCE * max(count, other):
                return f"same affected count ({count:,} ~ {other:,})".replace(",", " ")
    shared = m.days & c.days
    if shared:
        return f"same day of occurrence or discovery ({min(shared)})"
    return None


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@dataclass
class Decision:
    incident_id: int | None
    reason: str
    rule: int
    created: bool = False  # the incident was made for this mention


def decide(
    mention: Facts,
    primary: bool,
    candidates: Sequence[tuple[int, Facts]],
    wire: dict[int, tuple[float, int]],
    similar: dict[int, float],
) -> Decision:
    """Where one mention goes, by the rules of this module's docstring.

    `candidates` are the incidents of the mention's organisation with their facts; `wire` maps an
    incident to the best near-duplicate article's similarity and id; `similar` maps an incident to
    the text similarity of its closest article (for rule 3).
    """
    taken = {iid for iid, facts in candidates if facts.articles & mention.articles}
    if primary and wire:
        iid, (score, article) = max(wire.items(), key=lambda kv: kv[1][0])
        if iid not in taken:
            return Decision(iid, f"wire copy of article {article} (similarity {score:.2f})", 1)
    choices: list[tuple[int, int, int, str]] = []  # (rule, gap, -incident, reason)
    same_year = [iid for iid, facts in candidates
                 if iid not in taken and _min_gap(mention.fine, facts.fine) is None
                 and _min_gap(mention.coarse + mention.fine, facts.coarse + facts.fine) == 0]
    for iid, facts in candidates:
        if iid in taken:
            continue
        near = _min_gap(mention.fine, facts.fine)
        loose = _min_gap(mention.coarse + mention.fine, facts.coarse + facts.fine)
        why = corroboration(mention, facts)
        if why is None and similar.get(iid, 0.0) >= SIMILAR_TEXT:
            why = f"similar text (similarity {similar[iid]:.2f})"
        if near is not None and near <= NEAR_DAYS:
            choices.append((2, near, -iid, f"same organisation, dates {_days(near)} apart"))
        elif why and ((near is not None and near <= FAR_DAYS) or (near is None and loose == 0)):
            gap = near if near is not None else 0
            choices.append((3, gap, -iid, f"same organisation, dates {_days(gap)} apart, {why}"))
        elif near is None and loose == 0 and same_year == [iid]:
            choices.append((4, 0, -iid, "same organisation, its only incident in the same year"))
        elif loose is None and why:
            choices.append((5, 0, -iid, f"same organisation, undated, {why}"))
    if choices:
        rule, _, neg_iid, reason = min(choices)
        return Decision(-neg_iid, reason, rule)
    if not primary and not mention.fine and not mention.coarse:
        # an earlier incident the article recalls without a year: it is the organisation's one
        # other undated incident when there is exactly one, else an incident of its own
        undated = [iid for iid, facts in candidates
                   if iid not in taken and not facts.fine and not facts.coarse]
        if len(undated) == 1:
            return Decision(undated[0], "same organisation, an earlier incident recalled without a date", 5)
        return Decision(None, "new incident (an earlier incident recalled without a date)", 6)
    return Decision(None, "new incident", 6)


# The incident as its articles tell it

@dataclass(frozen=True)
class Source:
    """One mention as combine reads it."""

    article_id: int
    published: str | None
    primary: bool
    record: dict[str, Any]


_SINGLE = ("victim", "sector", "country")
_DATES = ("occurred", "discovered", "disclosed")
_LISTS = ("attack", "actors", "data", "data_not", "authorities", "channels")


def _refines(a: str, b: str) -> bool:
    """One date says more of the same day than the other: "2014-04" and "2014-04-18", or "--04-18"
    (the year not given) and "2014-04-18"."""
    if a.startswith("--") != b.startswith("--"):
        a, b = (a[2:], b[5:]) if a.startswith("--") else (a[5:], b[2:])
        if not a or not b:
            return False
    return a.startswith(b) or b.startswith(a)


def partial(value: str | None) -> bool:
    """A date without its year ("--04-18", "--02"), as SCHEMA allows when the article cannot give it."""
    return bool(value) and str(value).startswith("--")


def _headline(
    votes: dict[str, list[Source]], dates: bool = False, shortest: bool = False
) -> tuple[str | None, list[list[str]]]:
    """The headline value and every group of values that agree (refining dates form one group,
    its most precise value first); the headline's group comes first."""
    if not votes:
        return None, []
    groups: list[list[str]] = []
    # the most precise first: a date with its year before one without
    for value in sorted(votes, key=lambda v: (dates and not partial(v), len(v)), reverse=True):
        for group in groups:
            if dates and _refines(group[0], value):
                group.append(value)
                break
        else:
            groups.append([value])

    def weight(group: list[str]) -> tuple[int, int, str]:
        sources = [s for v in group for s in votes[v]]
        return (sum(2 if s.primary else 1 for s in sources),
                -len(group[0]) if shortest else 0,
                max((s.published or "" for s in sources), default=""))

    groups.sort(key=weight, reverse=True)
    return groups[0][0], groups


def combine(sources: Iterable[Source]) -> dict[str, Any]:
    """An incident's fields, `sources` (value -> article ids) and `conflicts` from its mentions."""
    sources = sorted(sources, key=lambda s: (s.published or "", s.article_id))
    votes: dict[str, dict[str, list[Source]]] = {}
    lists: dict[str, dict[str, list[Source]]] = {k: {} for k in (*_LISTS, "who")}
    counts: dict[str, list[Source]] = {}
    qualifiers: dict[str, str | None] = {}
    notified: list[int] = []
    for s in sources:
        r = s.record
        for k in _SINGLE:
            value = display_name(r[k]) if k == "victim" and r.get(k) else r.get(k)
            if value:
                votes.setdefault(k, {}).setdefault(value, []).append(s)
        for k in _DATES:
            # a date whose year neither the article nor its publication gives is kept as it is
            value = resolve(r.get(k), s.published) or (r.get(k) if partial(r.get(k)) else None)
            if value:
                votes.setdefault(k, {}).setdefault(value, []).append(s)
        for k in _LISTS:
            for item in r.get(k) or []:
                lists[k].setdefault(item, []).append(s)
        affected = r.get("affected") or {}
        for item in affected.get("who") or []:
            lists["who"].setdefault(item, []).append(s)
        if affected.get("count") is not None:
            key = str(int(affected["count"]))
            counts.setdefault(key, []).append(s)
            qualifiers[key] = affected.get("qualifier")
        if r.get("notified_individuals"):
            notified.append(s.article_id)

    def ids(ss: list[Source]) -> list[int]:
        return sorted({s.article_id for s in ss})

    out: dict[str, Any] = {}
    provenance: dict[str, dict[str, list[int]]] = {}
    conflicts: dict[str, dict[str, list[int]]] = {}
    for k in (*_SINGLE, *_DATES):
        # a victim's name is "the shortest usual form" (SCHEMA): between as many votes, the shorter
        value, groups = _headline(votes.get(k, {}), dates=k in _DATES, shortest=k == "victim")
        out[k] = value
        if value is not None:
            provenance[k] = {v: ids(ss) for v, ss in votes[k].items()}
        if k == "victim":
            # "Orange" and "Orange France" name one organisation: another form is not a conflict
            groups = [g for g in groups if g is groups[0] or name_key(g[0]) != name_key(groups[0][0])]
        if len(groups) > 1:
            conflicts[k] = {g[0]: ids([s for v in g for s in votes[k][v]]) for g in groups}
    count, groups = _headline(counts)
    out["affected_count"] = int(count) if count is not None else None
    out["affected_qualifier"] = qualifiers.get(count) if count is not None else None
    if counts:
        provenance["affected"] = {v: ids(ss) for v, ss in counts.items()}
    if len(groups) > 1:
        conflicts["affected"] = {g[0]: ids(counts[g[0]]) for g in groups}
    for k, items in lists.items():
        name = "affected_who" if k == "who" else k
        out[name] = list(items)
        if items:
            provenance[k] = {v: ids(ss) for v, ss in items.items()}
    both = [item for item in lists["data"] if item in lists["data_not"]]
    out["data_not"] = [item for item in out["data_not"] if item not in lists["data"]]
    for item in both:
        conflicts.setdefault("data", {})[item] = ids(lists["data"][item])
        conflicts.setdefault("data_not", {})[item] = ids(lists["data_not"][item])
    out["notified_individuals"] = bool(notified)
    if notified:
        provenance["notified_individuals"] = {"true": sorted(set(notified))}
    out["sources"] = provenance
    out["conflicts"] = conflicts
    names = {display_name(s.record["victim"]) for s in sources if s.record.get("victim")}
    out["names"] = " ".join(sorted(names))
    spans = []
    for s in sources:
        for k in _DATES:
            sp = span_of(resolve(s.record.get(k), s.published))
            if sp:
                spans.append(sp)
        if s.primary and span_of(s.published):
            spans.append(span_of(s.published))  # type: ignore[arg-type]
    # the incident's date on a timeline: its earliest headline date, else its first report
    dated = ([out[k] for k in _DATES if out[k] and not partial(out[k])]
             or [s.published for s in sources if s.primary and s.published])
    out["start_date"] = min(dated) if dated else None
    out["end_date"] = max(sp.end for sp in spans).isoformat() if spans else None
    out["n_articles"] = len({s.article_id for s in sources})
    return out


# Merge against the store

class NameIndex:
    """Organisation keys -> ids, kept in memory by a Store so a name is matched without a query.

    Keys are added only once the transaction that created them has committed (`commit`), so an
    article that fails leaves no key pointing at an organisation that was rolled back.

    It also keeps the incidents of each organisation merge has read and their facts (`facts`),
    so that a run meeting an organisation again reads nothing. The Store forgets them when
    another writer may have changed the store; they are forgotten too when a transaction or an
    article's savepoint is rolled back.
    """

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}
        self._fuzzy: FuzzyKeys | None = None  # built at the first name not known as it is
        self.pending: dict[str, int] = {}
        self.facts: dict[int, dict[int, Facts]] = {}
        self.org_of: dict[int, int] = {}

    def load(self, rows: Iterable[tuple[str, int]]) -> None:
        self.keys, self._fuzzy = {}, None
        self.pending = dict(rows)
        self.commit()
        self.forget()

    def commit(self) -> None:
        for key, org in self.pending.items():
            if key not in self.keys and self._fuzzy is not None:
                self._fuzzy.add(key)
            self.keys[key] = org
        self.pending = {}

    def rollback(self) -> None:
        self.pending = {}
        self.forget()

    def mark(self) -> int:
        """A point to roll back to when one article of a transaction fails (its savepoint)."""
        return len(self.pending)

    def rollback_to(self, mark: int) -> None:
        for key in list(self.pending)[mark:]:
            del self.pending[key]
        self.forget()

    def forget(self) -> None:
        """Drop the incidents' facts read so far (mentions were removed, or may have been)."""
        self.facts, self.org_of = {}, {}

    def placed(self, incident: int, org: int | None, facts: Facts) -> None:
        """Keep the facts read so far up to date with a mention just placed in `incident`."""
        org = self.org_of.get(incident, org)
        if org is None or org not in self.facts:
            return  # not read yet: read from the store when needed, mention included
        known = self.facts[org].setdefault(incident, Facts())
        known.absorb(facts)
        self.org_of[incident] = org

    def find(self, key: str) -> tuple[int, str] | None:
        """The organisation of a key and how it was matched, or None."""
        if key in self.pending:
            return self.pending[key], "same name"
        if key in self.keys:
            return self.keys[key], "same name"
        if self._fuzzy is None:
            self._fuzzy = FuzzyKeys(NAME_RATIO)
            self._fuzzy.extend(self.keys)
        for other in self._fuzzy.similar(key, limit=5):
            if similar_names(key, other):
                return self.keys[other], f"similar name ({other})"
        return None

    def add(self, key: str, org: int) -> None:
        if key and key not in self.keys:
            self.pending[key] = org


# Statements built once: SQLAlchemy then reuses their compiled form for every article.
# An article has BANDS band keys: one parameter each rather than an expanding IN, whose SQL would
# be rendered again at every execution.
_NEAR = (
    select(articles.c.id, articles.c.minhash, mentions.c.incident_id, mentions.c.is_primary)
    .outerjoin(mentions, (mentions.c.article_id == articles.c.id) & mentions.c.incident_id.is_not(None))
    .where(articles.c.id.in_(
        select(article_bands.c.article_id).where(
            article_bands.c.band.in_([bindparam(f"band{b}") for b in range(BANDS)]),
            article_bands.c.article_id != bindparam("article"),
        )
    ))
)
_MENTIONS_OF = (
    select(mentions.c.incident_id, mentions.c.article_id, mentions.c.is_primary, mentions.c.record,
           articles.c.published)
    .join(articles, articles.c.id == mentions.c.article_id)
)
_ORG_MENTIONS = _MENTIONS_OF.join(incidents, incidents.c.id == mentions.c.incident_id).where(
    incidents.c.org_id == bindparam("org")
)
_INCIDENT_MENTIONS = _MENTIONS_OF.where(mentions.c.incident_id.in_(bindparam("ids", expanding=True)))
_ORG_OF = select(incidents.c.org_id).where(incidents.c.id == bindparam("incident"))
_INSERT_MENTION = mentions.insert()
_INSERT_ALIAS = org_aliases.insert()
_INSERT_ORG = organisations.insert().returning(organisations.c.id)
_INSERT_INCIDENT = incidents.insert().returning(incidents.c.id)
_UPDATE_INCIDENT = incidents.update().where(incidents.c.id == bindparam("incident_id"))
_DELETE_INCIDENTS = incidents.delete().where(incidents.c.id.in_(bindparam("ids", expanding=True)))
# one row per incident through the driver: an expanding IN is rendered again at each execution
_DELETE_TAGS = incident_tags.delete().where(incident_tags.c.incident_id == bindparam("incident"))
_INSERT_TAG = incident_tags.insert()
_UNPLACED = select(mentions.c.incident_id).where(
    mentions.c.article_id.in_(bindparam("articles", expanding=True)), mentions.c.incident_id.is_not(None)
)
_DELETE_MENTIONS = mentions.delete().where(mentions.c.article_id.in_(bindparam("articles", expanding=True)))


def near_duplicates(
    conn: Connection, article_id: int, hashvalues: bytes | None
) -> tuple[dict[int, float], list[tuple[int, int, bool]]]:
    """Articles whose text is close to this one's (MinHash LSH bands, then estimated Jaccard),
    and the placed mentions of those articles as (incident, article, primary)."""
    if hashvalues is None:
        return {}, []
    similarity: dict[int, float] = {}
    placed = []
    params: dict[str, int] = {f"band{b}": key for b, key in enumerate(band_keys(hashvalues))}
    params["article"] = article_id
    for aid, mh, iid, primary in query_plain(conn, _NEAR, params):
        if mh is None:
            continue
        if aid not in similarity:
            similarity[aid] = jaccard(hashvalues, mh)
        if iid is not None:
            placed.append((iid, aid, bool(primary)))
    return similarity, placed


def _org_incidents(conn: Connection, names: NameIndex, org: int) -> list[tuple[int, Facts]]:
    facts = names.facts.get(org)
    if facts is None:
        facts = {}
        for iid, aid, primary, record, published in query_plain(conn, _ORG_MENTIONS, {"org": org}):
            facts.setdefault(iid, Facts()).absorb(facts_of(record, published, primary, aid))
        names.facts[org] = facts
        names.org_of.update((iid, org) for iid in facts)
    return sorted(facts.items())


def place_article(
    conn: Connection,
    names: NameIndex,
    article_id: int,
    published: str | None,
    hashvalues: bytes | None,
    records: Sequence[dict[str, Any]],
) -> list[Decision]:
    """Put each incident an article reports into an incident of the store (or a new one)."""
    near, placed = near_duplicates(conn, article_id, hashvalues)
    near_incidents: dict[int, tuple[float, int]] = {}
    similar: dict[int, float] = {}
    if near:
        for iid, aid, primary in placed:
            score = near[aid]
            similar[iid] = max(similar.get(iid, 0.0), score)
            if primary and score >= WIRE_COPY and score > near_incidents.get(iid, (0.0, 0))[0]:
                near_incidents[iid] = (score, aid)
    decisions = []
    touched: set[int] = set()
    created: set[int] = set()  # born from this article, already computed
    for position, record in enumerate(records):
        primary = bool(record.get("primary"))
        facts = facts_of(record, published, primary, article_id)
        victim = record.get("victim") or ""
        key = name_key(victim) if victim else ""
        found = names.find(key) if key else None
        candidates = _org_incidents(conn, names, found[0]) if found else []
        wire = near_incidents if primary else {}
        if wire and key:
            # a copy naming another victim is another story told with the same words (or someone
            # rewriting an incident's victim): only a copy naming the same organisation is one
            own = {iid for iid, _ in candidates}
            wire = {iid: near for iid, near in wire.items() if iid in own}
        decision = decide(facts, primary, candidates, wire, similar)
        org: int | None = found[0] if found else None
        if decision.incident_id is None and decision.rule == 6 and not decision.reason.endswith("not placed"):
            if not key:
                decision = Decision(None, "no victim named: not placed", 6)
            else:
                if org is None:
                    org = _new_org(conn, display_name(victim), key, record)
                    names.facts[org] = {}
                source = Source(article_id, published, primary, record)
                decision.incident_id = _new_incident(conn, org, source)
                decision.created = True
                created.add(decision.incident_id)
        elif found and decision.rule > 1 and found[1] != "same name":
            decision.reason = decision.reason.replace("same organisation", f"same organisation, {found[1]}")
        if decision.incident_id is not None:
            if key and decision.rule > 1:
                # rules 2 to 6 matched on the name: it designates the organisation from now on
                if org is None:
                    org = conn.execute(_ORG_OF, {"incident": decision.incident_id}).scalar()
                if org is not None and key not in names.keys and key not in names.pending:
                    execute_plain(conn, _INSERT_ALIAS, {"org_id": org, "name": display_name(victim), "key": key})
                    names.add(key, org)
            touched.add(decision.incident_id)
            names.placed(decision.incident_id, org if decision.incident_id in created else None, facts)
        execute_plain(conn, _INSERT_MENTION, {
            "article_id": article_id, "position": position, "incident_id": decision.incident_id,
            "is_primary": primary, "record": record, "reasons": [decision.reason],
        })
        decisions.append(decision)
    refresh(conn, touched - created)
    return decisions


def _new_org(conn: Connection, name: str, key: str, record: dict[str, Any]) -> int:
    return int(execute_plain(conn, _INSERT_ORG, {
        "name": name, "key": key, "sector": record.get("sector"), "country": record.get("country"),
    }))


def _new_incident(conn: Connection, org: int, source: Source) -> int:
    values = combine([source])
    values["victim"] = values["victim"] or ""
    row = {**values, "org_id": org, "updated_at": datetime.now()}
    iid = int(execute_plain(conn, _INSERT_INCIDENT, row))
    tags = _tags(iid, values)
    if tags:
        executemany_plain(conn, _INSERT_TAG, tags)
    return iid


_TAGS = {"attack": "attack", "data": "data", "actors": "actor", "affected_who": "who",
         "authorities": "authority", "channels": "channel"}


def _tags(iid: int, values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"incident_id": iid, "kind": kind, "value": value}
            for column, kind in _TAGS.items()
            for value in dict.fromkeys(fold(v) if kind == "actor" else v for v in values[column])]


def refresh(conn: Connection, incident_ids: Iterable[int]) -> None:
    """Recompute incidents from their mentions; an incident left without any is deleted."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    by_incident: dict[int, list[Source]] = {}
    for iid, aid, primary, record, published in conn.execute(_INCIDENT_MENTIONS, {"ids": ids}):
        by_incident.setdefault(iid, []).append(Source(aid, published, primary, record))
    executemany_plain(conn, _DELETE_TAGS, [{"incident": iid} for iid in ids])
    empty = [iid for iid in ids if iid not in by_incident]
    if empty:
        conn.execute(_DELETE_INCIDENTS, {"ids": empty})
    tags = []
    for iid, sources in by_incident.items():
        values = combine(sources)
        values["victim"] = values["victim"] or ""
        execute_plain(conn, _UPDATE_INCIDENT, {**values, "incident_id": iid, "updated_at": datetime.now()})
        tags += _tags(iid, values)
    if tags:
        executemany_plain(conn, _INSERT_TAG, tags)


def unplace_articles(conn: Connection, names: NameIndex, article_ids: Sequence[int]) -> set[int]:
    """Remove the mentions of articles (before re-extraction); returns the incidents they were in."""
    names.forget()
    touched = {iid for (iid,) in conn.execute(_UNPLACED, {"articles": list(article_ids)})}
    conn.execute(_DELETE_MENTIONS, {"articles": list(article_ids)})
    return touched
