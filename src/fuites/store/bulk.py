"""`fuites load`: a `fuites batch` output into the store, articles in bulk, then merged.

Articles go in by groups (GROUP articles or GROUP_CHARS characters of text, whichever comes
first), each group one transaction: its new articles are written at
once (COPY on PostgreSQL, one executemany a table on SQLite), with the text hash, MinHash and LSH
bands the batch's workers computed; then merge places the incidents of those that report one, in
the order of the batch's plan, exactly as `fuites ingest` of the same articles would: the
incidents, organisations and links are the same. An article that reports no incident needs no
merge (it would place nothing); its bands are stored all the same, for later near-duplicates.
Articles already stored (same URL or same text) are skipped. A group that fails is rolled back
whole and stored again article by article, so that one bad article fails alone; an interrupted
load leaves whole groups, and a re-run skips them. Bulk loads send no alerts: an archive is
history, not news.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from fuites.errors import InputError
from fuites.merge import band_keys, place_article
from fuites.models import Document, Incident, public_url
from fuites.store.api import IngestReport, Outcome, Progress, Store, _records
from fuites.store.db import _driver_cursor, executemany_processed, insert_tuples
from fuites.store.tables import article_bands, articles
from fuites.store.writer import extraction_of

# A group's text and rows are held in memory. Groups of 10,000 general news articles loaded
# faster than groups of 5,000 (more commits, each copying the write-ahead log into the database)
# and of 35,000 (the transaction outgrows the page cache and spills).
GROUP = 10_000
GROUP_CHARS = 30_000_000
# Bound variables in one IN (...): SQLite takes 32,766 at most.
_IN_CHUNK = 5_000
# SQLite's page cache during a group, in KiB (PRAGMA cache_size, negative): a group's random
# inserts into the bands' and hashes' B-trees thrash the default 2 MB, reading pages again and
# again; 128 MB was no faster than this.
_BULK_CACHE_KIB = 32_768

_COLUMNS = ("doc_id", "source", "url", "text_hash", "published", "title", "lang", "text", "extraction",
            "extractor_version", "minhash", "ingested_at")
_KNOWN_HASHES = select(articles.c.text_hash).where(articles.c.text_hash.in_(bindparam("hashes", expanding=True)))
_KNOWN_URLS = select(articles.c.url).where(articles.c.url.in_(bindparam("urls", expanding=True)))
_IDS = select(articles.c.text_hash, articles.c.id).where(
    articles.c.text_hash.in_(bindparam("hashes", expanding=True)))
_INSERT_ARTICLE = articles.insert()
_INSERT_BAND = article_bands.insert()
# SQLite's full-text index is kept by a trigger, one article at a time; for a group it is
# dropped in the group's transaction (no other connection ever sees the store without it) and
# the group's articles are indexed by one statement, the trigger's own for many rows.
_FTS_TRIGGER = "articles_fts_insert"
_FTS_ROWS = "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles WHERE id > ?"

_DOCUMENT_FIELDS = frozenset(Document.model_fields) - {"text"}
_INCIDENT_FIELDS = frozenset(Incident.model_fields)


@dataclass(slots=True)
class BatchArticle:
    """One article of a batch output as `fuites load` stores it: its columns, the record unparsed."""

    doc_id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    lang: str | None
    reports_incident: bool
    extractor: str
    text: str
    record: str  # the Document's JSON without its text, as `fuites extract` prints it
    text_hash: str
    minhash: bytes | None
    bands: list[int] | None

    def document(self) -> Document:
        doc = Document.model_validate_json(self.record)
        doc.text = self.text
        return doc

    def extraction(self) -> dict[str, Any]:
        """What the store keeps as the article's extraction (`extraction_of` its Document).

        A record of today's extractor with exactly today's fields is the JSON of a Document that
        was validated when the worker made it: parsed, not validated again (a third of the load's
        time on general news). Any other record goes through the Document model.
        """
        from fuites.extract.pipeline import EXTRACTOR_VERSION

        value: dict[str, Any] = json.loads(self.record)
        if (self.extractor == EXTRACTOR_VERSION and value.keys() == _DOCUMENT_FIELDS
                and all(i.keys() == _INCIDENT_FIELDS for i in value["incidents"])):
            return value
        return extraction_of(self.document())

    def band_keys(self) -> list[int]:
        if self.bands is not None:
            return self.bands
        return list(dict.fromkeys(band_keys(self.minhash))) if self.minhash is not None else []


def shard_names(folder: str | Path) -> list[str]:
    """The shards of a batch output, in the order of its plan; InputError if it is none."""
    out = Path(folder)
    try:
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        return [str(shard["name"]) for shard in plan["shards"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"cannot read {out}: not a `fuites batch` output folder (no readable plan.json: "
                         f"{type(e).__name__}); give the --out folder of `fuites batch`") from e


def batch_articles(folder: str | Path) -> Iterator[BatchArticle | Outcome]:
    """The articles of a batch output in the order of its plan, read column by column; an
    incomplete shard as a failure."""
    from fuites.batch.output import read_columns, read_marker

    out = Path(folder)
    for name in shard_names(out):
        if read_marker(out, name) is None:
            yield Outcome(name, "failed", f"cannot load shard {name}: not complete; run `fuites batch` again "
                          "with the same inputs to finish it")
            continue
        for c in read_columns(out, name):
            yield from map(BatchArticle, c["id"], c["source"], c["url"], c["title"], c["published"], c["lang"],
                           c["reports_incident"], c["extractor"], c["text"], c["record"], c["text_hash"],
                           c["minhash"], c["bands"])


def load(store: Store, folder: str | Path, *, progress: Progress | None = None) -> IngestReport:
    """Store and merge every article of a batch output (see the module's docstring)."""
    report = IngestReport()
    for group in _groups(batch_articles(folder)):
        outcomes = [item for item in group if isinstance(item, Outcome)]
        loaded = [item for item in group if not isinstance(item, Outcome)]
        outcomes += _load_group(store, loaded) if loaded else []
        for outcome in outcomes:
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
    return report


def _groups(items: Iterable[BatchArticle | Outcome]) -> Iterator[list[BatchArticle | Outcome]]:
    group: list[BatchArticle | Outcome] = []
    chars = 0
    for item in items:
        group.append(item)
        chars += len(item.text) if isinstance(item, BatchArticle) else 0
        if len(group) >= GROUP or chars >= GROUP_CHARS:
            yield group
            group, chars = [], 0
    if group:
        yield group


def _load_group(store: Store, loaded: list[BatchArticle]) -> list[Outcome]:
    try:
        with store.engine.connect().execution_options(writer=True) as conn:
            try:
                with conn.begin(), _large_cache(conn):
                    store._forget_if_changed(conn)
                    outcomes = _store_group(conn, store, loaded)
            except BaseException:
                store.names.rollback()
                raise
        store.names.commit()
        store._commits += 1
        return outcomes
    except SQLAlchemyError:
        # one article (or another writer) made the group fail: article by article, each fails alone
        store._load_names()
        return _one_by_one(store, loaded)


def _one_by_one(store: Store, loaded: list[BatchArticle]) -> list[Outcome]:
    from fuites.store.api import _AddDocument

    return store._write([_AddDocument(store, a.document(), a.source) for a in loaded], None).outcomes


@contextmanager
def _large_cache(conn: Connection) -> Iterator[None]:
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield list(values[start: start + _IN_CHUNK])


def _new_articles(conn: Connection, loaded: list[BatchArticle]) -> list[int]:
    """The positions of the articles to store: not stored yet, nor earlier in the group (same URL or text)."""
    hashes = sorted({a.text_hash for a in loaded})
    urls = sorted({a.url for a in loaded if a.url})
    known_hashes = {h for chunk in _chunks(hashes) for h in conn.execute(_KNOWN_HASHES, {"hashes": chunk}).scalars()}
    known_urls = {u for chunk in _chunks(urls) for u in conn.execute(_KNOWN_URLS, {"urls": chunk}).scalars()}
    new: list[int] = []
    for i, article in enumerate(loaded):
        if article.text_hash in known_hashes or (article.url and article.url in known_urls):
            continue
        known_hashes.add(article.text_hash)
        if article.url:
            known_urls.add(article.url)
        new.append(i)
    return new


def _store_group(conn: Connection, store: Store, loaded: list[BatchArticle]) -> list[Outcome]:
    new = _new_articles(conn, loaded)
    now = datetime.now()
    _insert_articles(conn, [_row(loaded[i], now) for i in new])
    hashes = [loaded[i].text_hash for i in new]
    ids: dict[str, int] = {h: i for chunk in _chunks(hashes) for h, i in conn.execute(_IDS, {"hashes": chunk})}
    bands = [(key, ids[loaded[i].text_hash]) for i in new for key in loaded[i].band_keys()]
    _insert_bands(conn, bands)
    outcomes: list[Outcome] = []
    placed = set(new)
    for i, article in enumerate(loaded):
        if i not in placed:
            outcomes.append(Outcome(article.source, "duplicate", "already stored (same URL or same text)"))
            continue
        article_id = ids[article.text_hash]
        if not article.reports_incident:
            outcomes.append(Outcome(article.source, "new", article=article_id, aside=True))
            continue
        doc = article.document()
        records = _records(doc)
        decisions = place_article(conn, store.names, article_id, doc.published, article.minhash, records)
        outcomes.append(Outcome(article.source, "new", article=article_id,
                                incidents=tuple(d.incident_id for d in decisions if d.incident_id),
                                created=tuple(d.incident_id for d in decisions if d.incident_id and d.created),
                                aside=not records))
    return outcomes


def _row(article: BatchArticle, now: datetime) -> dict[str, Any]:
    """The article's row, as `insert_article` writes it."""
    return {
        "doc_id": article.doc_id, "source": public_url(article.source), "url": article.url,
        "text_hash": article.text_hash, "published": article.published, "title": article.title,
        "lang": article.lang, "text": article.text, "extraction": article.extraction(),
        "extractor_version": article.extractor or "", "minhash": article.minhash, "ingested_at": now,
    }


def _insert_articles(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, "articles", _COLUMNS, ([json.dumps(r[c]) if c == "extraction" else r[c] for c in _COLUMNS]
                                           for r in rows))
        return
    last = conn.exec_driver_sql("SELECT max(id) FROM articles").scalar() or 0
    trigger = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                   (_FTS_TRIGGER,)).scalar()
    if trigger:
        conn.exec_driver_sql(f"DROP TRIGGER {_FTS_TRIGGER}")
    executemany_processed(conn, _INSERT_ARTICLE, rows)
    if trigger:
        # the write lock is ours since BEGIN: the rows after the last id are this group's
        conn.exec_driver_sql(_FTS_ROWS, (last,))
        conn.exec_driver_sql(trigger)


def _insert_bands(conn: Connection, bands: list[tuple[int, int]]) -> None:
    if conn.dialect.name == "postgresql":
        _copy(conn, "article_bands", ("band", "article_id"), bands)
    else:
        insert_tuples(conn, _INSERT_BAND, ("band", "article_id"), bands)


def _copy(conn: Connection, table: str, columns: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> None:
    """PostgreSQL's COPY FROM STDIN on the connection's transaction: the fastest way in."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with _driver_cursor(conn, sql, None) as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(tuple(row))
