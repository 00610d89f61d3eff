"""`fuites.Store`: the Python side of `fuites ingest`, `search`, `show`, `org`, `stats`, `merge`.

The store composes the stages (read, extract, store, merge) for one article at a time: each
article is one transaction, so an interrupted run leaves whole articles only and a re-run skips
those already stored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fuites.errors import FuitesError, StoreError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.merge import NameIndex, place_article, refresh, unplace_articles
from fuites.models import Document
from fuites.store import queries
from fuites.store.db import _reason, open_engine
from fuites.store.queries import IncidentDetail, IncidentSummary, Stats, Timeline
from fuites.store.tables import Alias, Article, Incident, IncidentTag, Mention, Organisation
from fuites.store.writer import extraction_of, find_article, insert_article, text_hash

Status = Literal["new", "duplicate", "failed", "updated", "unchanged"]
_CHUNK = 16


@dataclass(frozen=True)
class Outcome:
    """What became of one input article."""

    source: str
    status: Status
    message: str = ""
    article: int | None = None
    incidents: tuple[int, ...] = ()


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


Progress = Callable[[Outcome], None]


def _is_url(item: str) -> bool:
    return re.match(r"https?://", item, re.IGNORECASE) is not None


def _records(doc: Document) -> list[dict[str, Any]]:
    # evidence spans stay in the article's extraction JSON; a mention keeps the values
    return [i.model_dump(mode="json", exclude={"evidence"}) for i in doc.incidents]


class Store:
    """An incident store on SQLite (a path, default in the user data dir) or PostgreSQL (a URL).

    >>> store = Store("breaches.db")            # doctest: +SKIP
    >>> store.ingest(["articles/", "https://example.org/feed.xml"])    # doctest: +SKIP
    >>> store.search("rançongiciel", sector="health", since="2024-01")  # doctest: +SKIP
    """

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.engine: Engine = open_engine(db)
        self.names = NameIndex()
        self._load_names()

    def _load_names(self) -> None:
        with self.engine.connect() as conn:
            self.names.load((k, o) for k, o in conn.execute(select(Alias.key, Alias.org_id)))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing

    def add(self, documents: Iterable[Document], *, source: str | None = None,
            progress: Progress | None = None) -> IngestReport:
        """Store already-extracted records (`fuites extract --format jsonl` output) and merge them."""
        report = IngestReport()
        for doc in documents:
            outcome = self.add_document(doc, source or doc.url or doc.doc)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        return report

    def add_records(self, lines: Iterable[str], *, source: str = "<records>",
                    progress: Progress | None = None) -> IngestReport:
        """Store `fuites extract --format jsonl` lines; a line that is not a record fails alone."""
        report = IngestReport()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                doc = Document.model_validate_json(line)
            except ValidationError as e:
                first = e.errors()[0]
                place = ".".join(str(p) for p in first["loc"]) or "line"
                outcome = Outcome(where, "failed", f"cannot read {where}: not an extracted record ({place}: "
                                  f"{first['msg'].lower()}); give `fuites extract --format jsonl` output")
            else:
                outcome = self.add_document(doc, doc.url or where)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        return report

    def add_document(self, doc: Document, source: str) -> Outcome:
        """Store one article and place its incidents, in one transaction."""
        for attempt in (1, 2):
            try:
                with self.engine.begin() as conn:
                    inserted = insert_article(conn, doc, source)
                    if inserted is None:
                        return Outcome(source, "duplicate", "already stored (same URL or same text)")
                    article_id, hashvalues = inserted
                    decisions = place_article(conn, self.names, article_id, doc.published, hashvalues,
                                              _records(doc))
                self.names.commit()
                return Outcome(source, "new", article=article_id,
                               incidents=tuple(d.incident_id for d in decisions if d.incident_id))
            except IntegrityError as e:
                self.names.rollback()
                # another writer stored the same article or name meanwhile: look again once
                self._load_names()
                if attempt == 2:
                    return Outcome(source, "failed", f"cannot store {source}: {_reason(e)}")
            except (SQLAlchemyError, FuitesError) as e:
                self.names.rollback()
                return Outcome(source, "failed", f"cannot store {source}: {_reason(e)}")
            except BaseException:
                self.names.rollback()
                raise
        raise AssertionError("unreachable")

    def ingest(self, inputs: Iterable[str], *, allow_private: bool = False,
               progress: Progress | None = None) -> IngestReport:
        """Read files, folders, article URLs and RSS/Atom feeds, extract, store and merge them."""
        report = IngestReport()

        def note(outcome: Outcome) -> None:
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)

        pending: list[RawArticle] = []
        for item in self._read(inputs, allow_private):
            if isinstance(item, ReadFailure):
                note(Outcome(item.source, "failed", item.message))
                continue
            if item.url and self._known_url(item.url):
                note(Outcome(item.source, "duplicate", "already stored (same URL)"))
                continue
            pending.append(item)
            if len(pending) >= _CHUNK:
                self._extract_and_add(pending, note)
                pending = []
        self._extract_and_add(pending, note)
        return report

    def _known_url(self, url: str) -> bool:
        with self.engine.connect() as conn:
            return find_article(conn, url, "") is not None

    @staticmethod
    def _read(inputs: Iterable[str], allow_private: bool) -> Iterator[RawArticle | ReadFailure]:
        from fuites.ingest import web
        from fuites.ingest.files import read_paths

        paths: list[str] = []
        for item in inputs:
            if _is_url(item):
                if paths:
                    yield from read_paths(paths)
                    paths = []
                yield from web.read_url(item, allow_private=allow_private)
            else:
                paths.append(item)
        if paths:
            yield from read_paths(paths)

    def _extract_and_add(self, raws: Sequence[RawArticle], note: Progress) -> None:
        for raw, doc in zip(raws, _extract(raws), strict=True):
            if isinstance(doc, str):
                note(Outcome(raw.source, "failed", f"cannot extract {raw.source}: {doc}"))
                continue
            update_: dict[str, Any] = {}
            for name in ("url", "title", "published"):
                if getattr(doc, name) is None and getattr(raw, name) is not None:
                    update_[name] = getattr(raw, name)
            note(self.add_document(doc.model_copy(update=update_) if update_ else doc, raw.source))

    def reextract(self, *, everything: bool = False, progress: Progress | None = None) -> IngestReport:
        """Extract stored articles again (after an extractor upgrade) and re-merge their incidents.

        Only articles extracted by another extractor version are redone, unless `everything`.
        """
        from fuites.extract import pipeline

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
            for row, doc in zip(chunk, _extract(raws), strict=True):
                if isinstance(doc, str):
                    outcome = Outcome(row.source, "failed", f"cannot extract {row.source}: {doc}", article=row.id)
                else:
                    outcome = self._replace_extraction(row.id, row.source, doc)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return report

    def _replace_extraction(self, article_id: int, source: str, doc: Document) -> Outcome:
        try:
            with self.engine.begin() as conn:
                article = conn.execute(
                    select(Article.extraction, Article.extractor_version, Article.published, Article.minhash)
                    .where(Article.id == article_id)
                ).one()
                new = extraction_of(doc)
                if article.extraction == new and article.extractor_version == doc.extractor:
                    return Outcome(source, "unchanged", article=article_id)
                conn.execute(update(Article).where(Article.id == article_id).values(
                    extraction=new, extractor_version=doc.extractor or "",
                    published=doc.published or article.published, lang=doc.lang,
                ))
                touched = unplace_articles(conn, [article_id])
                decisions = place_article(conn, self.names, article_id, doc.published or article.published,
                                          article.minhash, _records(doc))
                refresh(conn, touched)
            self.names.commit()
        except (SQLAlchemyError, FuitesError) as e:
            self.names.rollback()
            return Outcome(source, "failed", f"cannot store {source}: {_reason(e)}", article=article_id)
        return Outcome(source, "updated", article=article_id,
                       incidents=tuple(d.incident_id for d in decisions if d.incident_id))

    def remerge(self) -> int:
        """Rebuild every incident from the stored extractions, articles in order of publication.

        Merge placing articles one by one depends on their order; a rebuild places them as the
        press published them. Returns the number of incidents.
        """
        with self.engine.begin() as conn:
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
                records = [{k: v for k, v in r.items() if k != "evidence"}
                           for r in extraction.get("incidents") or []]
                place_article(conn, self.names, aid, published, mh, records)
            total = len(conn.execute(select(Incident.id)).all())
        self.names.commit()
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


def _extract(raws: Sequence[RawArticle]) -> list[Document | str]:
    """Documents for raw articles, or for each one that failed the reason in one line.

    A batch goes through the pipeline at once (spaCy is faster on batches); when it fails, each
    article is extracted alone so one bad article only fails itself.
    """
    from fuites.extract.pipeline import extract_articles

    if not raws:
        return []
    try:
        docs: list[Document | str] = list(extract_articles(raws))
        if len(docs) == len(raws):
            return docs
    except Exception:  # noqa: BLE001 - isolated below, article by article
        pass
    out: list[Document | str] = []
    for raw in raws:
        try:
            out.extend(list(extract_articles([raw]))[:1] or ["extraction gave no record"])
        except FuitesError as e:
            out.append(str(e))
        except Exception as e:  # noqa: BLE001 - one article's bug must not stop the others
            out.append(f"extraction failed: {type(e).__name__}: {' '.join(str(e).split())[:200]}")
    return out


__all__ = ["IngestReport", "Outcome", "Store", "StoreError"]
