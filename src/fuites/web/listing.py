"""The reads the web needs beyond `Store`: pages by cursor, facet counts, sources, evidence, the feed.

They read the store's tables and reuse its text matching (`fuites.store.queries`), so a filter
means the same thing in `fuites search`, the API, the pages and the feed.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import BindParameter, ColumnElement, Connection, Integer, String, and_, bindparam, func, or_, select

from fuites.errors import FuitesError
from fuites.merge import NameIndex, fold
from fuites.store import filters
from fuites.store.db import query_plain
from fuites.store.queries import filter_clauses, parse_query, shaped_clauses, when
from fuites.store.tables import Article, Incident, IncidentTag, Mention, Organisation
from fuites.web.i18n import Labels, filter_message

MAX_LIMIT = 200


class QueryError(FuitesError):
    """A filter or cursor a client sent cannot be used; the message says which and what to give."""


@dataclass(frozen=True)
class Filters:
    """The criteria of `fuites search`, as the API, the pages and the feed take them."""

    q: str | None = None
    org: str | None = None
    sector: str | None = None
    attack: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def check(self, lang: str = "en") -> Filters:
        """The filters with ids for the reader's words ("santé" -> "health") and real dates; what
        cannot be used is refused in the reader's language, with the close matches."""
        try:
            checked = filters.check(self.sector, self.attack, self.data, self.since, self.until)
        except filters.FilterError as e:
            raise QueryError(filter_message(e, Labels(lang))) from None
        if self.q is not None and self.q.strip() and not parse_query(self.q):
            raise QueryError(Labels(lang).message("empty_query", value=self.q))
        return replace(self, sector=checked.sector, attack=checked.attack, data=checked.data,
                       since=checked.since, until=checked.until)

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    def key(self) -> str:
        return json.dumps([self.q, self.org, self.sector, self.attack, self.data, self.since, self.until])


def _where(conn: Connection, names: NameIndex, f: Filters, *, every: bool = False) -> list[ColumnElement[bool]]:
    """The clauses of the filters; `every` when all matches are counted, not a page read."""
    return filter_clauses(conn, names, f.q, org=f.org, sector=f.sector, data=f.data, attack=f.attack,
                          since=f.since, until=f.until, every=every)


_SUMMARY = (
    Incident.id,
    Incident.victim,
    Organisation.name,
    Incident.sector,
    Incident.country,
    Incident.start_date,
    Incident.attack,
    Incident.data,
    Incident.affected_count,
    Incident.affected_qualifier,
    Incident.n_articles,
    Incident.occurred,
    Incident.discovered,
    Incident.disclosed,
)


_FIELDS = (
    "id",
    "victim",
    "organisation",
    "sector",
    "country",
    "start",
    "attack",
    "data",
    "affected_count",
    "affected_qualifier",
    "articles",
    "occurred",
    "discovered",
    "disclosed",
)
_LIST = select(*_SUMMARY).join(Organisation, Organisation.id == Incident.org_id)

Row = dict[str, Any]  # an IncidentSummary as a dict: the list is a hot path, pydantic models cost


def _summary(row: Any) -> Row:
    out = dict(zip(_FIELDS, row, strict=True))
    out["attack"] = out["attack"] or []
    out["data"] = out["data"] or []
    out["when"] = when(out["start"], out.pop("occurred"), out.pop("discovered"), out.pop("disclosed"))
    out["earlier"] = False
    return out


# Cursors: the (start date, id) of the last incident of a page, opaque to clients.


def encode_cursor(start: str | None, incident_id: int) -> str:
    raw = json.dumps([start, incident_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        start, incident_id = json.loads(raw)
        # an id past 64 bits is none of ours (and the database driver would refuse it)
        if (start is None or isinstance(start, str)) and isinstance(incident_id, int) and 0 < incident_id < 2**63:
            return start, incident_id
    except (ValueError, binascii.Error, TypeError):
        pass
    raise QueryError("this cursor is not one we gave: use the `next` value of a previous page, or drop it")


def _after(start: str | BindParameter[str] | None, incident_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """Incidents after the cursor in the list order: latest start first, undated last, then id."""
    if start is None:
        return and_(Incident.start_date.is_(None), Incident.id < incident_id)
    return or_(
        Incident.start_date < start,
        and_(Incident.start_date == start, Incident.id < incident_id),
        Incident.start_date.is_(None),
    )


def _ordered(conn: Connection, stmt: Any) -> Any:
    if conn.dialect.name == "sqlite":
        # SQLite already sorts NULL first ascending, so last descending; spelling NULLS LAST
        # out would keep it from walking the start_date index backwards
        return stmt.order_by(Incident.start_date.desc(), Incident.id.desc())
    return stmt.order_by(Incident.start_date.desc().nulls_last(), Incident.id.desc())


@dataclass
class Page:
    """Incidents (IncidentSummary fields, as dicts) and the cursor of the next page."""

    incidents: list[Row]
    next: str | None = None


def page(conn: Connection, names: NameIndex, f: Filters, *, cursor: str | None = None, limit: int = 50) -> Page:
    """One page of incidents matching `f`, most recent first, and the cursor of the next page."""
    after = decode_cursor(cursor) if cursor else None
    if f.q or f.org:
        # a text search or an organisation looks things up while building its conditions
        stmt = _LIST
        for clause in _where(conn, names, f):
            stmt = stmt.where(clause)
        if after:
            stmt = stmt.where(_after(*after))
        found: Sequence[Any] = list(conn.execute(_ordered(conn, stmt).limit(limit + 1)))
    else:
        checked = filters.check(f.sector, f.attack, f.data, f.since, f.until)
        clauses, params = shaped_clauses(conn.dialect.name, checked)
        kind = "" if after is None else "undated" if after[0] is None else "dated"
        values: dict[str, Any] = {**params, "limit": limit + 1}
        if after:
            values.update(after_start=after[0] or "", after_id=after[1])
        found = query_plain(conn, _shaped_page(conn.dialect.name, clauses, kind), values)
    rows = [_summary(r) for r in found]
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(incidents=rows, next=encode_cursor(rows[-1]["start"], rows[-1]["id"]) if more and rows else None)


@functools.lru_cache(maxsize=512)
def _shaped_page(dialect: str, clauses: tuple[Any, ...], after: str) -> Any:
    """The page statement for filters of one shape (see `shaped_clauses`) and a kind of cursor,
    on bound parameters: built once, so that its SQL is compiled once (`query_plain`)."""
    stmt = _LIST.where(*clauses)
    if after:
        start = bindparam("after_start", type_=String) if after == "dated" else None
        stmt = stmt.where(_after(start, bindparam("after_id", type_=Integer)))
    order = (Incident.start_date.desc(), Incident.id.desc()) if dialect == "sqlite" else (
        Incident.start_date.desc().nulls_last(), Incident.id.desc())
    return stmt.order_by(*order).limit(bindparam("limit", type_=Integer))


class SourceRef(BaseModel):
    """An article of an incident, as lists show it."""

    id: int
    url: str | None = None
    title: str | None = None
    published: str | None = None
    primary: bool = True


@functools.lru_cache(maxsize=256)
def _sources(count: int) -> Any:
    """The sources of up to `count` incidents, a parameter each (an expanding IN is compiled again
    at every execution): a few statements (`count` a power of two), each compiled once."""
    return (
        select(Mention.incident_id, Article.id, Article.url, Article.title, Article.published, Mention.is_primary)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.incident_id.in_([bindparam(f"i{n}", type_=Integer) for n in range(count)]))
        .order_by(Article.published, Article.id)
    )


def sources_of(conn: Connection, incident_ids: Sequence[int]) -> dict[int, list[Row]]:
    """The articles of each incident (SourceRef fields, as dicts), oldest first, in one query."""
    out: dict[int, list[Row]] = {i: [] for i in incident_ids}
    if not incident_ids:
        return out
    ids = list(dict.fromkeys(incident_ids))
    size = 1 << (len(ids) - 1).bit_length()
    params = {f"i{n}": ids[min(n, len(ids) - 1)] for n in range(size)}  # repeating the last id
    for iid, aid, url, title, published, primary in query_plain(conn, _sources(size), params):
        out[iid].append({"id": aid, "url": url, "title": title, "published": published, "primary": primary})
    return out


@dataclass
class Facets:
    """How many incidents matching the filters fall in each sector, attack, data category, year."""

    total: int = 0
    sector: list[tuple[str, int]] = field(default_factory=list)
    attack: list[tuple[str, int]] = field(default_factory=list)
    data: list[tuple[str, int]] = field(default_factory=list)
    year: list[tuple[str, int]] = field(default_factory=list)


def facets(conn: Connection, names: NameIndex, f: Filters) -> Facets:
    """The counts, in as few passes over the matching incidents as the indexes allow."""
    clauses = _where(conn, names, f, every=True)
    year = func.substr(Incident.start_date, 1, 4)
    tags = (
        select(IncidentTag.kind, IncidentTag.value, func.count())
        .where(IncidentTag.kind.in_(("attack", "data")))
        .group_by(IncidentTag.kind, IncidentTag.value)
    )
    out = Facets()
    sectors: Counter[str | None] = Counter()
    years: Counter[str | None] = Counter()
    if clauses:
        # one pass over the matches for sector and year, one over the tags of the matches
        matching = select(Incident.id)
        by_sector_year = select(Incident.sector, year, func.count()).group_by(Incident.sector, year)
        for clause in clauses:
            by_sector_year = by_sector_year.where(clause)
            matching = matching.where(clause)
        tags = tags.where(IncidentTag.incident_id.in_(matching))
        for sector, year_, n in conn.execute(by_sector_year):
            out.total += n
            sectors[sector] += n
            years[year_] += n
    else:
        # everything: each count walks its own index, cheaper than one pass over the table
        for sector, n in conn.execute(select(Incident.sector, func.count()).group_by(Incident.sector)):
            out.total += n
            sectors[sector] += n
        for year_, n in conn.execute(select(year, func.count()).group_by(year)):
            years[year_] += n
    counted: dict[str, Counter[str]] = {"attack": Counter(), "data": Counter()}
    for kind, value, n in conn.execute(tags):
        counted[kind][value] += n
    out.sector = [(k, n) for k, n in sectors.most_common() if k]
    out.year = sorted((k, n) for k, n in years.items() if k)[::-1]
    out.attack = counted["attack"].most_common()
    out.data = counted["data"].most_common()
    return out


def per_month(conn: Connection) -> list[tuple[str, int]]:
    """Incidents by month of their start date, oldest first."""
    month = func.substr(Incident.start_date, 1, 7)
    stmt = select(month, func.count()).where(func.length(Incident.start_date) >= 7).group_by(month).order_by(month)
    return [(str(m), int(n)) for m, n in conn.execute(stmt)]


class ArticleView(BaseModel):
    """A stored article: its text, the record extracted from it, and its incidents in the store."""

    id: int
    doc: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    text: str
    record: dict[str, Any]
    incidents: dict[int, int | None] = Field(default_factory=dict, description="position -> incident id")


def article(conn: Connection, article_id: int) -> ArticleView | None:
    row = conn.execute(
        select(
            Article.id,
            Article.doc_id,
            Article.url,
            Article.title,
            Article.published,
            Article.lang,
            Article.text,
            Article.extraction,
        ).where(Article.id == article_id)
    ).first()
    if row is None:
        return None
    placed = {
        p: i
        for p, i in conn.execute(select(Mention.position, Mention.incident_id).where(Mention.article_id == article_id))
    }
    return ArticleView(
        id=row.id,
        doc=row.doc_id,
        url=row.url,
        title=row.title,
        published=row.published,
        lang=row.lang,
        text=row.text,
        record=row.extraction or {},
        incidents=placed,
    )


def articles_of(conn: Connection, incident_id: int) -> list[tuple[ArticleView, int]]:
    """Each article of an incident with the position of the incident in its record."""
    out = []
    for aid, position in conn.execute(
        select(Mention.article_id, Mention.position)
        .where(Mention.incident_id == incident_id)
        .order_by(Mention.article_id)
    ):
        view = article(conn, aid)
        if view is not None:
            out.append((view, position))
    return out


def newest(conn: Connection, names: NameIndex, f: Filters, limit: int = 50) -> list[tuple[Row, Any]]:
    """The incidents matching `f` created last, with their last update, for the feed."""
    stmt = select(*_SUMMARY, Incident.updated_at).join(Organisation, Organisation.id == Incident.org_id)
    for clause in _where(conn, names, f):
        stmt = stmt.where(clause)
    stmt = stmt.order_by(Incident.id.desc()).limit(limit)
    return [(_summary(tuple(r)[:-1]), r[-1]) for r in conn.execute(stmt)]


@dataclass
class Snippet:
    """Where a query matched an incident's article: the words around the match, and the match."""

    article: int
    before: str
    match: str
    after: str


def _pattern(query: str) -> re.Pattern[str] | None:
    """The phrases of a query, widened by the reader's words, as one regex over folded text."""
    alternatives = [r"\W+".join(map(re.escape, words))
                    for term in filters.terms(parse_query(query)) for words in term.phrases]
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b")


def _folded(text: str) -> tuple[str, list[int]]:
    """The text folded as the index folds it, and where each folded character comes from."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text) + 1))
    out, origin = [], []
    for i, c in enumerate(text):
        f = fold(c)
        out.append(f)
        origin.extend([i] * len(f))
    origin.append(len(text))
    return "".join(out), origin


def snippets(conn: Connection, incident_ids: Sequence[int], query: str | None, width: int = 90,
             tries: int = 2) -> dict[int, Snippet]:
    """For each incident, the first place in its articles (main reports first, at most `tries`
    of them) where the query matched; none when only a category matched."""
    pattern = _pattern(query) if query else None
    if pattern is None or not incident_ids:
        return {}
    rows = conn.execute(
        select(Mention.incident_id, Article.id)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.incident_id.in_(list(incident_ids)))
        .order_by(Mention.incident_id, Mention.is_primary.desc(), Article.id)
    ).all()
    chosen: dict[int, list[int]] = {}
    for iid, aid in rows:
        if iid is not None and len(chosen.setdefault(iid, [])) < tries:
            chosen[iid].append(aid)
    wanted = sorted({a for ids in chosen.values() for a in ids})
    texts = dict(conn.execute(select(Article.id, Article.text).where(Article.id.in_(wanted))).all()) if wanted else {}
    out: dict[int, Snippet] = {}
    for iid, ids in chosen.items():
        for aid in ids:
            text = texts.get(aid) or ""
            folded, origin = _folded(text)
            m = pattern.search(folded)
            if m is None:
                continue
            start, end = origin[m.start()], origin[m.end()]
            left = text.rfind(" ", 0, max(0, start - width)) + 1 if start > width else 0
            right = text.find(" ", end + width)
            right = len(text) if right < 0 else right
            before = ("…" if left else "") + re.sub(r"\s+", " ", text[left:start])
            after = re.sub(r"\s+", " ", text[end:right]) + ("…" if right < len(text) else "")
            out[iid] = Snippet(aid, before, text[start:end], after)
            break
    return out


def by_actor(conn: Connection, name: str, limit: int = 200) -> list[Row]:
    """The incidents a threat actor is named in (any case or accents), most recent first."""
    stmt = _LIST.where(Incident.id.in_(
        select(IncidentTag.incident_id).where(IncidentTag.kind == "actor", IncidentTag.value == fold(name))))
    return [_summary(r) for r in conn.execute(_ordered(conn, stmt).limit(limit))]
