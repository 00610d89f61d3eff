"""`fuites.Store`: the Python side of `fuites ingest`, `search`, `show`, `org`, `stats`, `merge`.

The store composes the stages (read, extract, store, merge) for one article at a time: each
article is stored whole or not at all (its own savepoint, commits grouped), so an interrupted run
leaves whole articles only and a re-run skips those already stored.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from fuites.errors import FuitesError, StoreError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.merge import NameIndex, place_article, refresh, unplace_articles
from fuites.models import Document
from fuites.store import queries
from fuites.store.db import CommitProbe, _reason, execute_driver, open_engine
from fuites.store.queries import IncidentDetail, IncidentSummary, Stats, Timeline
from fuites.store.tables import Alias, Article, Incident, IncidentTag, Mention, Organisation
from fuites.store.writer import enqueue_changes, extraction_of, find_article, insert_article, watched

_log = logging.getLogger(__name__)

Status = Literal["new", "duplicate", "failed", "updated", "unchanged"]
_CHUNK = 16
GROUP_SECONDS = 0.5
GROUP_ARTICLES = 500
_SAVEPOINT = "SAVEPOINT fuites_article"
_ROLLBACK_TO = "ROLLBACK TO SAVEPOINT fuites_article"
_RELEASE = "RELEASE SAVEPOINT fuites_article"
# An article placed again after another writer created the same organisation meanwhile.
_ATTEMPTS = 3
# Waits for the write lock beyond SQLite's busy_timeout, when another process holds it that long.
_BEGIN_ATTEMPTS = 5


@dataclass(frozen=True)
class Outcome:
    """What became of one input article."""

    source: str
    status: Status
    message: str = ""
    article: int | None = None
    # the incidents the article's mentions are in, created or updated by it
    incidents: tuple[int, ...] = ()
    # re-extraction: the incidents the article was taken out of (recomputed, or deleted if empty)
    left: tuple[int, ...] = ()
    # the incidents the article created (the others of `incidents` it was merged into)
    created: tuple[int, ...] = ()
    # stored, but the article reports no incident: kept aside, shown nowhere but in the counts
    aside: bool = False


@dataclass
class IngestReport:
    """The summary `fuites ingest` prints: counts, and each failure with its reason."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def aside(self) -> int:
        """New articles that report no incident: stored (a feed does not fetch them again), shown nowhere."""
        return sum(1 for o in self.outcomes if o.aside)

    @property
    def created(self) -> int:
        """Incidents this run created."""
        return len({i for o in self.outcomes for i in o.created})

    @property
    def merged(self) -> int:
        """Reports this run merged into an incident already known (stored before, or made by an earlier article)."""
        return sum(len(o.incidents) - len(o.created) for o in self.outcomes)

    def summary(self) -> str:
        """One line: the articles by outcome, then the incidents created and merged into, and those kept aside."""
        statuses: list[Status] = ["new", "updated", "unchanged", "duplicate", "failed"]
        parts = [f"{self.count(s)} {s}" for s in statuses if self.count(s)]
        if not parts:
            return "nothing to do"
        line = f"{len(self.outcomes)} articles ({', '.join(parts)})"
        if self.new or self.count("updated"):
            line += (f": {self.created} incidents created, {self.merged} reports merged into known incidents, "
                     f"{self.aside} articles kept aside (no incident reported)")
        return line

    @property
    def changed(self) -> list[int]:
        """The incidents this run created or updated, each once, in order of first change."""
        ids = (i for o in self.outcomes if o.status in ("new", "updated") for i in (*o.incidents, *o.left))
        return list(dict.fromkeys(ids))


Progress = Callable[[Outcome], None]
OnChange = Callable[["Store", Sequence[int]], object]


def _records(doc: Document) -> list[dict[str, Any]]:
    """The mentions to place: none for an article that reports no incident, whatever it lists."""
    if not doc.reports_incident:
        return []
    # evidence spans stay in the article's extraction JSON; a mention keeps the values
    return [i.model_dump(mode="json", exclude={"evidence"}) for i in doc.incidents]


def _stored_records(extraction: dict[str, Any]) -> list[dict[str, Any]]:
    """`_records` of an extraction as the store keeps it (a Document's JSON without its text)."""
    if not extraction.get("reports_incident", True):
        return []
    return [{k: v for k, v in r.items() if k != "evidence"} for r in extraction.get("incidents") or []]


class Store:
    """An incident store on SQLite (a path, default in the user data dir) or PostgreSQL (a URL).

    >>> store = Store("breaches.db")            # doctest: +SKIP
    >>> store.ingest(["articles/", "https://example.org/feed.xml"])    # doctest: +SKIP
    >>> store.search("rançongiciel", sector="health", since="2024-01")  # doctest: +SKIP
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, on_change: OnChange | None = None,
                 create: bool = True) -> None:
        """`on_change(store, incident_ids)` is called after each write with the incidents it created or
        updated (`fuites.alerts.notify_changes` sends the watches' alerts). `create=False` opens only
        a store that exists (for reading: a mistyped path raises StoreError instead of making one)."""
        self.engine: Engine = open_engine(db, create=create)
        self.names = NameIndex()
        self.on_change = on_change
        self._seen: tuple[object, object] | None = None
        self._commits = 0  # this object's own, for stores with no other connection to tell
        self._probe = CommitProbe(self.engine)
        self._load_names()

    def _load_names(self) -> None:
        with self.engine.connect() as conn:
            self.names.load((k, o) for k, o in conn.execute(select(Alias.key, Alias.org_id)))

    def close(self) -> None:
        self._probe.close()
        self.engine.dispose()

    def revision(self) -> object:
        """A value that changes whenever something is committed to the store, here or by another process.

        Caches of what the store shows compare it with the value they were filled at. On
        PostgreSQL, another process's commits show within `CommitProbe.PG_SECONDS`.
        """
        return (self._commits, self._probe.value())

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing
    #
    # Each article is one unit of work, stored whole or not at all: its own SAVEPOINT inside a
    # transaction that is committed every GROUP_SECONDS or GROUP_ARTICLES. A failed article rolls
    # back its savepoint only; an interrupted run loses at most the uncommitted group and leaves
    # whole articles, which a re-run skips. A commit per article would cost more than the
    # article itself (SQLite flushes its full-text index at each commit).

    def _write(self, work: Iterable[Work | Outcome], progress: Progress | None,
               report: IngestReport | None = None) -> IngestReport:
        """Run units of work in grouped transactions; outcomes are reported once committed."""
        report = report if report is not None else IngestReport()
        items = iter(work)
        finished = False
        while not finished:
            outcomes: list[Outcome] = []
            reload = False
            with self.engine.connect().execution_options(writer=True) as conn:
                try:
                    with self._begin(conn):
                        self._forget_if_changed(conn)
                        watching = watched(conn)
                        deadline = time.monotonic() + GROUP_SECONDS
                        while len(outcomes) < GROUP_ARTICLES and time.monotonic() < deadline:
                            item = next(items, None)
                            if item is None:
                                finished = True
                                break
                            if isinstance(item, Outcome):
                                outcomes.append(item)
                                continue
                            outcome, conflict = self._unit(conn, item, watching)
                            outcomes.append(outcome)
                            reload = reload or conflict
                except BaseException:
                    self.names.rollback()
                    raise
            self.names.commit()
            self._commits += 1
            if reload:
                # another writer stored the same article or name meanwhile
                self._load_names()
            for outcome in outcomes:
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return report

    @staticmethod
    def _begin(conn: Connection) -> Any:
        """The group's transaction; on SQLite, the write lock, waited for while another writer has it."""
        for attempt in range(_BEGIN_ATTEMPTS):
            try:
                return conn.begin()
            except OperationalError as e:
                if "locked" not in str(e.orig) or attempt + 1 == _BEGIN_ATTEMPTS:
                    raise StoreError(f"the store is locked by another process for too long ({_reason(e)}); "
                                     "run again once it is done") from e
                conn.rollback()
                time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    def _forget_if_changed(self, conn: Connection) -> None:
        """Forget merge's facts unless no other writer can have committed since our last write.

        SQLite says so: `PRAGMA data_version` changes when another connection commits. A PostgreSQL
        store may have concurrent writers: facts are read again in each transaction.
        """
        seen = None
        if conn.dialect.name == "sqlite":
            seen = (conn.connection.dbapi_connection, conn.exec_driver_sql("PRAGMA data_version").scalar())
        if seen is None or seen != self._seen:
            self.names.forget()
        self._seen = seen

    def _notify(self, report: IngestReport) -> IngestReport:
        """Tell `on_change` what the committed articles changed; its failure does not undo them.

        It is told even when nothing changed: alerts a killed run left in the outbox go out then.
        """
        ids = report.changed
        if self.on_change is None:
            return report
        try:
            self.on_change(self, ids)
        except Exception as e:  # noqa: BLE001 - the articles are stored; alerts can be sent again
            _log.warning("fuites: %d incidents stored, but on_change failed (%s: %s); "
                         "`fuites alerts retry` resends failed alerts",
                         len(ids), type(e).__name__, " ".join(str(e).split())[:200])
        return report

    def _unit(self, conn: Connection, work: Work, watching: bool = False) -> tuple[Outcome, bool]:
        """One article in its savepoint, with its incidents in the alerts outbox when there are watches."""
        for attempt in range(_ATTEMPTS):
            mark = self.names.mark()
            try:
                # a plain SAVEPOINT: SQLAlchemy's nested transaction costs more than the statement
                execute_driver(conn, _SAVEPOINT)
                try:
                    outcome = work(conn)
                    if watching and outcome.status in ("new", "updated"):
                        enqueue_changes(conn, (*outcome.incidents, *outcome.left))
                except BaseException:
                    execute_driver(conn, _ROLLBACK_TO)
                    execute_driver(conn, _RELEASE)
                    raise
                execute_driver(conn, _RELEASE)
                return outcome, attempt > 0
            except IntegrityError as e:
                self.names.rollback_to(mark)
                if attempt + 1 < _ATTEMPTS:
                    # another writer committed the same organisation since our names were read:
                    # take its names, as this transaction sees them, and place the article again
                    self._absorb_names(conn)
                    continue
                return Outcome(work.source, "failed", f"cannot store {work.source}: {_reason(e)}; "
                               "another process may be writing the same articles: run it again"), True
            except (SQLAlchemyError, FuitesError) as e:
                self.names.rollback_to(mark)
                return Outcome(work.source, "failed", f"cannot store {work.source}: {_reason(e)}"), False
            except (ValueError, TypeError, OverflowError, RecursionError) as e:
                # a value the database cannot take (an integer beyond 64 bits...): this article only
                self.names.rollback_to(mark)
                _log.debug("storing %s failed", work.source, exc_info=True)
                return Outcome(work.source, "failed", f"cannot store {work.source}: {type(e).__name__}: "
                               f"{' '.join(str(e).split())[:200]}"), False
        raise AssertionError("unreachable")

    def _absorb_names(self, conn: Connection) -> None:
        """Names other writers committed, kept as this transaction's: a rollback drops them with it."""
        for key, org in conn.execute(select(Alias.key, Alias.org_id)):
            if key not in self.names.keys and key not in self.names.pending:
                self.names.add(key, org)

    def add(self, documents: Iterable[Document], *, source: str | None = None,
            progress: Progress | None = None) -> IngestReport:
        """Store already-extracted records (`fuites extract --format jsonl` output) and merge them."""
        work = (_AddDocument(self, doc, source or doc.url or doc.doc) for doc in documents)
        return self._notify(self._write(work, progress))

    def add_records(self, lines: Iterable[str | ReadFailure], *, source: str = "<records>",
                    progress: Progress | None = None) -> IngestReport:
        """Store `fuites extract --format jsonl` lines; a line that is not a record fails alone.

        A ReadFailure among the lines (a line too long or not UTF-8) is reported as that line's failure.
        """

        def work() -> Iterator[Work | Outcome]:
            for number, line in enumerate(lines, 1):
                where = f"{source}:{number}"
                if isinstance(line, ReadFailure):
                    yield Outcome(line.source, "failed", line.message)
                    continue
                if not line.strip():
                    continue
                try:
                    doc = Document.model_validate_json(line)
                except ValidationError as e:
                    first = e.errors()[0]
                    place = ".".join(str(p) for p in first["loc"]) or "line"
                    yield Outcome(where, "failed", f"cannot read {where}: not an extracted record ({place}: "
                                  f"{first['msg'].lower()}); give `fuites extract --format jsonl` output")
                    continue
                except (ValueError, RecursionError) as e:
                    yield Outcome(where, "failed", f"cannot read {where}: not an extracted record "
                                  f"({type(e).__name__}: {' '.join(str(e).split())[:200]})")
                    continue
                if doc.incidents and "reports_incident" not in doc.model_fields_set:
                    doc.reports_incident = True  # a record written by hand that lists incidents reports them
                if not doc.text.strip() and not doc.incidents:
                    yield Outcome(where, "failed", f"cannot read {where}: an empty record (no text and no "
                                  "incident); give `fuites extract --format jsonl` output")
                    continue
                yield _AddDocument(self, doc, doc.url or where)

        return self._notify(self._write(work(), progress))

    def add_document(self, doc: Document, source: str) -> Outcome:
        """Store one article and place its incidents, in one transaction."""
        return self._notify(self._write([_AddDocument(self, doc, source)], None)).outcomes[0]

    def ingest(self, inputs: Iterable[str], *, allow_private: bool = False,
               progress: Progress | None = None) -> IngestReport:
        """Read files, folders, article URLs and RSS/Atom feeds, extract, store and merge them."""
        report = IngestReport()
        pending: list[RawArticle] = []
        for item in self._read(inputs, allow_private):
            if isinstance(item, ReadFailure):
                self._write([Outcome(item.source, "failed", item.message)], progress, report)
                continue
            if item.url and self._known_url(item.url):
                duplicate = Outcome(item.source, "duplicate", "already stored (same URL)")
                self._write([duplicate], progress, report)
                continue
            pending.append(item)
            if len(pending) >= _CHUNK:
                self._write(self._extracted(pending), progress, report)
                pending = []
        self._write(self._extracted(pending), progress, report)
        return self._notify(report)

    def _known_url(self, url: str) -> bool:
        with self.engine.connect() as conn:
            return find_article(conn, url, "") is not None

    @staticmethod
    def _read(inputs: Iterable[str], allow_private: bool) -> Iterator[RawArticle | ReadFailure]:
        from fuites.ingest import web
        from fuites.ingest.archive import read_archive_paths as read_paths

        paths: list[str] = []
        for item in inputs:
            if web.is_url(item):
                if paths:
                    yield from read_paths(paths)
                    paths = []
                yield from web.read_url(item, allow_private=allow_private)
            else:
                paths.append(item)
        if paths:
            yield from read_paths(paths)

    def _extracted(self, raws: Sequence[RawArticle]) -> list[Work | Outcome]:
        """Extraction happens before the transaction: it is slow, and the store stays writable."""
        from fuites.extract.each import extract_each

        out: list[Work | Outcome] = []
        for raw, doc in zip(raws, extract_each(raws), strict=True):
            if isinstance(doc, Document) and not doc.text.strip():
                doc = "no text in it (an empty article is not stored)"
            if isinstance(doc, str):
                out.append(Outcome(raw.source, "failed", f"cannot extract {raw.source}: {doc}"))
            else:
                out.append(_AddDocument(self, doc, raw.source))
        return out

    def reextract(self, *, everything: bool = False, progress: Progress | None = None) -> IngestReport:
        """Extract stored articles again (after an extractor upgrade) and re-merge their incidents.

        Only articles extracted by another extractor version are redone, unless `everything`.
        """
        from fuites.extract import pipeline
        from fuites.extract.each import extract_each

        current = getattr(pipeline, "EXTRACTOR_VERSION", None)
        with self.engine.connect() as conn:
            stmt = select(Article.id, Article.doc_id, Article.source, Article.text, Article.url,
                          Article.title, Article.published, Article.extractor_version).order_by(Article.id)
            rows = [r for r in conn.execute(stmt)
                    if everything or current is None or r.extractor_version != current]
        report = IngestReport()
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start: start + _CHUNK]
            raws = [RawArticle(doc_id=r.doc_id, source=r.source, text=r.text, url=r.url, title=r.title,
                               published=r.published) for r in chunk]
            work: list[Work | Outcome] = []
            for row, doc in zip(chunk, extract_each(raws), strict=True):
                if isinstance(doc, str):
                    message = f"cannot extract {row.source}: {doc}"
                    work.append(Outcome(row.source, "failed", message, article=row.id))
                else:
                    work.append(_Reextract(self, row.id, doc, row.source))
            self._write(work, progress, report)
        return self._notify(report)

    def remerge(self) -> int:
        """Rebuild every incident from the stored extractions, articles in order of publication.

        Merge placing articles one by one depends on their order; a rebuild places them as the
        press published them. Returns the number of incidents.
        """
        try:
            with self.engine.connect().execution_options(writer=True) as conn, conn.begin():
                conn.execute(delete(Mention))
                conn.execute(delete(IncidentTag))
                conn.execute(delete(Incident))
                conn.execute(delete(Alias))
                conn.execute(delete(Organisation))
                self.names.load([])
                rows = conn.execute(
                    select(Article.id, Article.published, Article.minhash, Article.extraction)
                    .order_by(Article.published.asc().nulls_last(), Article.id)
                ).all()
                for aid, published, mh, extraction in rows:
                    place_article(conn, self.names, aid, published, mh, _stored_records(extraction))
                total = len(conn.execute(select(Incident.id)).all())
        except BaseException:
            # rolled back: the store is as it was, and so must be the names
            self._load_names()
            raise
        self.names.commit()
        self._commits += 1
        return total

    # Reading

    def _read_conn(self) -> Connection:
        return self.engine.connect()

    def search(self, query: str | None = None, *, org: str | None = None, sector: str | None = None,
               data: Sequence[str] | None = None, attack: Sequence[str] | None = None,
               since: str | None = None, until: str | None = None,
               limit: int | None = 50) -> list[IncidentSummary]:
        """Incidents whose texts or names match `query` and every filter, most recent first."""
        with self._read_conn() as conn:
            return queries.search(conn, self.names, query, org=org, sector=sector, data=list(data or []),
                                  attack=list(attack or []), since=since, until=until, limit=limit)

    def show(self, incident: int) -> IncidentDetail:
        """One incident: every field, its sources per value, conflicts and articles."""
        with self._read_conn() as conn:
            return queries.show(conn, incident)

    def explain(self, incident: int) -> IncidentDetail:
        """Why its articles were grouped: `show` with each article's reason, for `merge --explain`."""
        return self.show(incident)

    def org(self, name: str) -> Timeline:
        """An organisation's incidents, oldest first, with counts and data."""
        with self._read_conn() as conn:
            return queries.timeline(conn, self.names, name)

    def stats(self) -> Stats:
        """Incidents by year, sector, attack and data category."""
        with self._read_conn() as conn:
            return queries.stats(conn)


class Work(Protocol):
    """One article's share of a write: run inside its savepoint, returns its outcome."""

    source: str

    def __call__(self, conn: Connection) -> Outcome: ...


@dataclass
class _AddDocument:
    store: Store
    doc: Document
    source: str

    def __call__(self, conn: Connection) -> Outcome:
        inserted = insert_article(conn, self.doc, self.source)
        if inserted is None:
            return Outcome(self.source, "duplicate", "already stored (same URL or same text)")
        article_id, hashvalues = inserted
        records = _records(self.doc)
        decisions = place_article(conn, self.store.names, article_id, self.doc.published, hashvalues, records)
        return Outcome(self.source, "new", article=article_id,
                       incidents=tuple(d.incident_id for d in decisions if d.incident_id),
                       created=tuple(d.incident_id for d in decisions if d.incident_id and d.created),
                       aside=not records)


@dataclass
class _Reextract:
    store: Store
    article_id: int
    doc: Document
    source: str

    def __call__(self, conn: Connection) -> Outcome:
        article = conn.execute(
            select(Article.extraction, Article.extractor_version, Article.published, Article.minhash)
            .where(Article.id == self.article_id)
        ).one()
        new = extraction_of(self.doc)
        if article.extraction == new and article.extractor_version == self.doc.extractor:
            return Outcome(self.source, "unchanged", article=self.article_id)
        published = self.doc.published or article.published
        conn.execute(update(Article).where(Article.id == self.article_id).values(
            extraction=new, extractor_version=self.doc.extractor or "", published=published,
            lang=self.doc.lang,
        ))
        touched = unplace_articles(conn, self.store.names, [self.article_id])
        decisions = place_article(conn, self.store.names, self.article_id, published, article.minhash,
                                  _records(self.doc))
        refresh(conn, touched)
        placed = tuple(d.incident_id for d in decisions if d.incident_id)
        return Outcome(self.source, "updated", article=self.article_id, incidents=placed,
                       left=tuple(sorted(touched - set(placed))),
                       created=tuple(d.incident_id for d in decisions if d.incident_id and d.created))


__all__ = ["IngestReport", "Outcome", "Store", "StoreError"]
