"""Reading the store: search, one incident with its sources, an organisation's timeline, counts.

Results are pydantic models, so `--format jsonl` prints their JSON and the Python API returns
the same objects.
"""

from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)

from fuites.display import sort_key
from fuites.errors import QueryError, StoreError
from fuites.merge import NameIndex, fold, name_key
from fuites.models import date_error, public_url
from fuites.store import filters
from fuites.store.tables import Alias, Article, Incident, IncidentTag, Mention, Organisation


class IncidentSummary(BaseModel):
    """One line of a search or timeline."""

    id: int
    victim: str
    organisation: str
    sector: str | None = None
    country: str | None = None
    start: str | None = None
    attack: list[str] = Field(default_factory=list)
    data: list[str] = Field(default_factory=list)
    affected_count: int | None = None
    affected_qualifier: str | None = None
    articles: int = 0
    when: str | None = Field(default=None, description="the date shown: `start`, else one without its year")
    earlier: bool = Field(default=False, description="on a timeline: known only from articles recalling it")


def when(start: str | None, *dates: str | None) -> str | None:
    """The date an incident is shown at: its start, else the earliest of its dates without a year."""
    return start or min((d for d in dates if d and d.startswith("--")), default=None)


class ArticleRef(BaseModel):
    """An article as a source of an incident, and why merge put it there."""

    id: int
    doc: str
    source: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    primary: bool
    reasons: list[str] = Field(default_factory=list)


class IncidentDetail(IncidentSummary):
    """An incident with every field, the articles each value comes from, and the conflicts."""

    actors: list[str] = Field(default_factory=list)
    affected_who: list[str] = Field(default_factory=list)
    data_not: list[str] = Field(default_factory=list)
    occurred: str | None = None
    discovered: str | None = None
    disclosed: str | None = None
    end: str | None = None
    authorities: list[str] = Field(default_factory=list)
    notified_individuals: bool = False
    channels: list[str] = Field(default_factory=list)
    sources: dict[str, dict[str, list[int]]] = Field(default_factory=dict)
    conflicts: dict[str, dict[str, list[int]]] = Field(default_factory=dict)
    sources_articles: list[ArticleRef] = Field(default_factory=list)


class Timeline(BaseModel):
    """An organisation's incidents, oldest first."""

    organisation: str
    aliases: list[str] = Field(default_factory=list)
    sector: str | None = None
    country: str | None = None
    incidents: list[IncidentSummary] = Field(default_factory=list)


class Stats(BaseModel):
    """Counts of incidents by year, sector, attack and data category."""

    incidents: int = 0
    articles: int = Field(default=0, description="articles read and stored")
    kept_aside: int = Field(default=0, description="of those, articles that report no incident: counted, shown nowhere")
    organisations: int = 0
    by_year: dict[str, int] = Field(default_factory=dict)
    by_sector: dict[str, int] = Field(default_factory=dict)
    by_attack: dict[str, int] = Field(default_factory=dict)
    by_data: dict[str, int] = Field(default_factory=dict)


_SUMMARY = (
    Incident.id, Incident.victim, Organisation.name, Incident.sector, Incident.country,
    Incident.start_date, Incident.attack, Incident.data, Incident.affected_count,
    Incident.affected_qualifier, Incident.n_articles, Incident.occurred, Incident.discovered,
    Incident.disclosed,
)


def _summary(row: Any) -> IncidentSummary:
    return IncidentSummary(
        id=row[0], victim=row[1], organisation=row[2], sector=row[3], country=row[4], start=row[5],
        attack=row[6] or [], data=row[7] or [], affected_count=row[8], affected_qualifier=row[9],
        articles=row[10], when=when(row[5], row[11], row[12], row[13]),
    )


def parse_query(query: str) -> list[list[str]]:
    """Words and "quoted phrases" of a query, folded; each term is a list of words."""
    terms: list[list[str]] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', fold(query)):
        words = re.findall(r"\w+", phrase or word)
        if words:
            terms.append(words)
    return terms


# A term is the phrases any of which may match (synonyms), each a list of words; all terms must.
Terms = list[list[list[str]]]


def _fts5(terms: Terms) -> str:
    return " AND ".join("(" + " OR ".join('"' + " ".join(words) + '"' for words in term) + ")" for term in terms)


def _tsquery(terms: Terms) -> str:
    return " & ".join("(" + " | ".join("(" + " <-> ".join(words) + ")" for words in term) + ")"
                      for term in terms)


_FEW = 2000


def text_match(conn: Connection, terms: Terms, *, every: bool = False) -> ColumnElement[bool]:
    """Incidents whose victim names or any article's text contain every term (one of its phrases).

    `every`: the caller counts all matches (facets) rather than reading the newest ones until a
    page is full, so the matches are gathered from the index once rather than probed row by row.
    """
    if conn.dialect.name == "postgresql":
        q = _tsquery(terms)
        by_text = select(Mention.incident_id).join(Article, Article.id == Mention.article_id).where(
            literal_column("articles.search").op("@@")(func.to_tsquery(literal_column("'simple'"), q))
        )
        by_name = literal_column("incidents.search").op("@@")(func.to_tsquery(literal_column("'simple'"), q))
        return or_(Incident.id.in_(by_text), by_name)
    q = _fts5(terms)
    if every:
        articles = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :qa").bindparams(qa=q)
        names = text("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH :qn").bindparams(qn=q)
        return or_(
            Incident.id.in_(select(Mention.incident_id).where(Mention.article_id.in_(articles))),
            Incident.id.in_(names),
        )
    # A rare term is best looked up in the index and joined; a common one ("données", in most
    # articles) is best checked incident by incident, newest first, until the page is full: the
    # join would first gather every match. Counting up to FEW matches tells them apart.
    few = [conn.execute(text(f"SELECT rowid FROM {table} WHERE {table} MATCH :q LIMIT :k"),
                        {"q": q, "k": _FEW + 1}).scalars().all()
           for table in ("articles_fts", "incidents_fts")]
    if all(len(rows) <= _FEW for rows in few):
        article_ids, incident_ids = few
        return or_(
            Incident.id.in_(select(Mention.incident_id).where(Mention.article_id.in_(article_ids))),
            Incident.id.in_(incident_ids),
        )
    probe_articles = exists(select(literal_column("1")).select_from(text("articles_fts")).where(
        text("articles_fts.rowid = mentions.article_id AND articles_fts MATCH :qa").bindparams(qa=q)))
    text_probe = exists(select(Mention.article_id).where(Mention.incident_id == Incident.id, probe_articles))
    name_probe = exists(select(literal_column("1")).select_from(text("incidents_fts")).where(
        text("incidents_fts.rowid = incidents.id AND incidents_fts MATCH :qn").bindparams(qn=q)))
    return or_(text_probe, name_probe)


def org_ids(conn: Connection, names: NameIndex, name: str) -> list[int]:
    """Organisations a user's name designates: its key, an alias, or a close spelling."""
    found = names.find(name_key(name))
    return [found[0]] if found else []


_LISTS = {"attack": Incident.attack, "data": Incident.data}


def has_tag(dialect: str, kind: str, value: str | BindParameter[str]) -> ColumnElement[bool]:
    """Incidents filed under a category: `value` an id, or a bound parameter that will hold one."""
    if kind == "sector":
        return Incident.sector == value
    if kind in _LISTS and dialect == "sqlite":
        # The list's JSON text, which the listing indexes hold (migration 0006): checked on the
        # index entry the scan is on, where a tag would be one probe of incident_tags per incident.
        # Ids are plain words, so '"id"' is found in the list exactly when the id is in it.
        needle = bindparam(None, f'"{value}"', String) if isinstance(value, str) else '"' + value + '"'
        return func.instr(_LISTS[kind], needle) > 0
    return exists().where(
        and_(IncidentTag.incident_id == Incident.id, IncidentTag.kind == kind, IncidentTag.value == value)
    )


def _has_tag(conn: Connection, kind: str, value: str) -> ColumnElement[bool]:
    return has_tag(conn.dialect.name, kind, value)


def _values(checked: filters.Checked) -> list[tuple[str, str, str]]:
    """(kind, parameter name, value) of each condition of checked filters, in the order SQLite
    should check them."""
    out = [("sector", "f_sector", checked.sector)] if checked.sector else []
    out += [("data", f"f_data{n}", v) for n, v in enumerate(checked.data)]
    out += [("attack", f"f_attack{n}", v) for n, v in enumerate(checked.attack)]
    if checked.since:
        out.append(("since", "f_since", checked.since))
    if checked.until:
        # "2024-03" as an upper bound includes the whole of March
        out.append(("until", "f_until", checked.until + "\uffff"))
    return out


def _condition(dialect: str, kind: str, value: BindParameter[str]) -> ColumnElement[bool]:
    if kind == "since":
        return Incident.start_date >= value
    if kind == "until":
        return Incident.start_date <= value
    return has_tag(dialect, kind, value)


def _conditions(dialect: str, checked: filters.Checked) -> list[ColumnElement[bool]]:
    return [_condition(dialect, kind, bindparam(name, v, type_=String, unique=True))
            for kind, name, v in _values(checked)]


@functools.lru_cache(maxsize=256)
def _shape(dialect: str, shape: tuple[tuple[str, str], ...]) -> tuple[ColumnElement[bool], ...]:
    return tuple(_condition(dialect, kind, bindparam(name, type_=String)) for kind, name in shape)


def shaped_clauses(dialect: str, checked: filters.Checked) -> tuple[tuple[ColumnElement[bool], ...], dict[str, str]]:
    """The conditions of checked filters on parameters left to give, and the parameters' values.

    The conditions are the same objects for every request of the same shape (which filters are
    given, how many data and attack ids), so a statement built on them is built and compiled
    once: for the API's list, that work cost more than SQLite's own.
    """
    values = _values(checked)
    return _shape(dialect, tuple((kind, name) for kind, name, _ in values)), {name: v for _, name, v in values}


def query_match(conn: Connection, query: str, *, every: bool = False) -> ColumnElement[bool]:
    """Incidents matching every word or "phrase" of a query, in the reader's words: a word that
    names a category matches the incidents filed under it and the articles saying any of its
    words in either language; plain words are looked up together, in one pass of the index."""
    widened = filters.terms(parse_query(query))
    if not widened:
        raise StoreError(f"nothing to search in {query!r}: give words or \"a phrase\"")
    plain = [t.phrases for t in widened if len(t.phrases) == 1 and not t.tags]
    clauses = [text_match(conn, plain, every=every)] if plain else []
    for term in widened:
        if len(term.phrases) > 1 or term.tags:
            clauses.append(or_(text_match(conn, [term.phrases], every=every),
                               *(_has_tag(conn, kind, value) for kind, value in term.tags)))
    return and_(*clauses)


def filter_clauses(
    conn: Connection,
    names: NameIndex,
    query: str | None = None,
    *,
    org: str | None = None,
    sector: str | None = None,
    data: Sequence[str] = (),
    attack: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    every: bool = False,
) -> list[ColumnElement[bool]]:
    """The conditions on incidents of `search`'s criteria (`every`: see `text_match`)."""
    checked = filters.check(sector, attack, data, since, until)
    clauses: list[ColumnElement[bool]] = []
    if org:
        clauses.append(Incident.org_id.in_(org_ids(conn, names, org)))
    clauses.extend(_conditions(conn.dialect.name, checked))
    if query and query.strip():
        # last: SQLite checks conditions in order, and the index lookups above are the cheaper
        clauses.append(query_match(conn, query, every=every))
    return clauses


_PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_period(since: str | None, until: str | None) -> None:
    """Refuse a bound of a period that is not a calendar date ("2024-13", "2024-02-30")."""
    for name, value in (("since", since), ("until", until)):
        if value is None:
            continue
        if not _PERIOD.fullmatch(value):
            raise QueryError(f"{name}: {value[:40]!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
        error = date_error(value)
        if error:
            raise QueryError(f"{name}: {error}")


def search(
    conn: Connection,
    names: NameIndex,
    query: str | None = None,
    *,
    org: str | None = None,
    sector: str | None = None,
    data: list[str] | None = None,
    attack: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 50,
) -> list[IncidentSummary]:
    """Incidents matching all of the given criteria, most recent first."""
    stmt = select(*_SUMMARY).join(Organisation, Organisation.id == Incident.org_id).where(
        *filter_clauses(conn, names, query, org=org, sector=sector, data=data or (), attack=attack or (),
                        since=since, until=until)
    )
    stmt = stmt.order_by(Incident.start_date.desc().nulls_last(), Incident.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return [_summary(row) for row in conn.execute(stmt)]


def show(conn: Connection, incident_id: int) -> IncidentDetail:
    if not 0 < incident_id < 2**63:  # ids are 64-bit: a database driver refuses a larger one
        raise StoreError(f"no incident {incident_id} in the store; `fuites search` lists incidents")
    row = conn.execute(
        select(Incident.__table__, Organisation.name.label("organisation"))
        .join(Organisation, Organisation.id == Incident.org_id)
        .where(Incident.id == incident_id)
    ).first()
    if row is None:
        raise StoreError(f"no incident {incident_id} in the store; `fuites search` lists incidents")
    i = row._mapping
    refs = [
        ArticleRef(id=r.id, doc=r.doc_id, source=public_url(r.source) or "", url=public_url(r.url),
                    title=r.title, published=r.published,
                   primary=r.is_primary, reasons=r.reasons or [])
        for r in conn.execute(
            select(Article.id, Article.doc_id, Article.source, Article.url, Article.title, Article.published,
                   Mention.is_primary, Mention.reasons)
            .join(Article, Article.id == Mention.article_id)
            .where(Mention.incident_id == incident_id).order_by(Article.published, Article.id)
        )
    ]
    return IncidentDetail(
        id=i["id"], victim=i["victim"], organisation=i["organisation"], sector=i["sector"],
        country=i["country"], start=i["start_date"], attack=i["attack"], data=i["data"],
        affected_count=i["affected_count"], affected_qualifier=i["affected_qualifier"],
        articles=i["n_articles"], actors=i["actors"], affected_who=i["affected_who"],
        data_not=i["data_not"], occurred=i["occurred"], discovered=i["discovered"],
        disclosed=i["disclosed"], end=i["end_date"], authorities=i["authorities"],
        when=when(i["start_date"], i["occurred"], i["discovered"], i["disclosed"]),
        earlier=not any(r.primary for r in refs),
        notified_individuals=i["notified_individuals"], channels=i["channels"], sources=i["sources"],
        conflicts=i["conflicts"], sources_articles=refs,
    )


class UnknownOrganisation(StoreError):
    """No organisation goes by this name; `suggestions` are the names of the closest ones."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name, self.suggestions = name, list(suggestions)
        close = f"did you mean {' or '.join(map(repr, self.suggestions))}? " if self.suggestions else ""
        super().__init__(f"no organisation named {name!r} in the store; {close}"
                         f"`fuites search {shlex.quote(name)}` looks in texts")


def close_organisations(conn: Connection, names: NameIndex, name: str, limit: int = 3) -> list[str]:
    """The names of the organisations whose names are closest to `name` (a typo, a part of it)."""
    key = name_key(name)
    keys = [*names.keys, *names.pending]
    found = process.extract(key, keys, scorer=fuzz.WRatio, score_cutoff=80, limit=limit * 3)
    ids = list(dict.fromkeys((names.keys.get(k) or names.pending[k]) for k, _, _ in found))[:limit]
    if not ids:
        return []
    shown = dict(conn.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))).all())
    return [shown[i] for i in ids if i in shown]


def timeline(conn: Connection, names: NameIndex, name: str) -> Timeline:
    ids = org_ids(conn, names, name)
    if not ids:
        raise UnknownOrganisation(name, close_organisations(conn, names, name))
    org = conn.execute(select(Organisation.__table__).where(Organisation.id == ids[0])).one()
    aliases = sorted({a for (a,) in conn.execute(select(Alias.name).where(Alias.org_id == org.id))})
    rows = conn.execute(
        select(*_SUMMARY).join(Organisation, Organisation.id == Incident.org_id)
        .where(Incident.org_id == org.id).order_by(Incident.id)
    ).all()
    reported = set(conn.execute(
        select(Mention.incident_id).join(Incident, Incident.id == Mention.incident_id)
        .where(Incident.org_id == org.id, Mention.is_primary)
    ).scalars())
    incidents = []
    for row in sorted(rows, key=lambda r: sort_key(r[5], (r[11], r[12], r[13]))):
        item = _summary(row)
        item.earlier = item.id not in reported
        incidents.append(item)
    return Timeline(organisation=org.name, aliases=aliases, sector=org.sector, country=org.country,
                    incidents=incidents)


def stats(conn: Connection) -> Stats:
    def grouped(stmt: Any) -> dict[str, int]:
        return {str(k): int(n) for k, n in conn.execute(stmt) if k is not None}

    year = func.substr(Incident.start_date, 1, 4)
    tag = select(IncidentTag.value, func.count()).group_by(IncidentTag.value).order_by(func.count().desc())
    return Stats(
        incidents=conn.execute(select(func.count()).select_from(Incident)).scalar_one(),
        articles=conn.execute(select(func.count()).select_from(Article)).scalar_one(),
        kept_aside=conn.execute(select(func.count()).select_from(Article).where(
            ~exists().where(Mention.article_id == Article.id))).scalar_one(),
        organisations=conn.execute(
            select(func.count(func.distinct(Incident.org_id)))).scalar_one(),
        by_year=grouped(select(year, func.count()).group_by(year).order_by(year)),
        by_sector=grouped(select(Incident.sector, func.count()).group_by(Incident.sector)
                          .order_by(func.count().desc())),
        by_attack=grouped(tag.where(IncidentTag.kind == "attack")),
        by_data=grouped(tag.where(IncidentTag.kind == "data")),
    )
