"""`fuites load`: a `fuites batch` output into the store, articles in bulk, then merged.

Articles go in by groups of GROUP, each group one transaction: its new articles are written at
once (COPY on PostgreSQL, one executemany on SQLite), then merge places them one by one, in the
order of the batch's plan, exactly as `fuites ingest` of the same articles would: the incidents,
organisations and links are the same. Articles already stored (same URL or same text) are
skipped. A group that fails is rolled back whole and stored again article by article, so that one
bad article fails alone; an interrupted load leaves whole groups, and a re-run skips them.
Bulk loads send no alerts: an archive is history, not news.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from fuites.errors import InputError
from fuites.merge import band_keys, place_article
from fuites.models import Document
from fuites.store.api import IngestReport, Outcome, Progress, Store, _records
from fuites.store.db import _driver_cursor, executemany_plain
from fuites.store.tables import article_bands, articles
from fuites.store.writer import extraction_of

GROUP = 2000

_COLUMNS = ("doc_id", "source", "url", "text_hash", "published", "title", "lang", "text", "extraction",
            "extractor_version", "minhash", "ingested_at")
_KNOWN_HASHES = select(articles.c.text_hash).where(articles.c.text_hash.in_(bindparam("hashes", expanding=True)))
_KNOWN_URLS = select(articles.c.url).where(articles.c.url.in_(bindparam("urls", expanding=True)))
_IDS = select(articles.c.text_hash, articles.c.id).where(
    articles.c.text_hash.in_(bindparam("hashes", expanding=True)))
_INSERT_BAND = article_bands.insert()


def shard_names(folder: str | Path) -> list[str]:
    """The shards of a batch output, in the order of its plan; InputError if it is none."""
    out = Path(folder)
    try:
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        return [str(shard["name"]) for shard in plan["shards"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"cannot read {out}: not a `fuites batch` output folder (no readable plan.json: "
                         f"{type(e).__name__}); give the --out folder of `fuites batch`") from e


_Loaded = tuple[Document, str, str, bytes | None]


def batch_documents(folder: str | Path) -> Iterator[_Loaded | Outcome]:
    """The articles of a batch output in the order of its plan (document, source, text hash and
    MinHash as the workers computed them); an incomplete shard as a failure."""
    from fuites.batch.output import read_articles, read_marker

    out = Path(folder)
    for name in shard_names(out):
        if read_marker(out, name) is None:
            yield Outcome(name, "failed", f"cannot load shard {name}: not complete; run `fuites batch` again "
                          "with the same inputs to finish it")
            continue
        yield from read_articles(out, name)


def load(store: Store, folder: str | Path, *, progress: Progress | None = None) -> IngestReport:
    """Store and merge every article of a batch output (see the module's docstring)."""
    report = IngestReport()
    items = batch_documents(folder)
    while group := list(islice(items, GROUP)):
        outcomes = [item for item in group if isinstance(item, Outcome)]
        documents = [item for item in group if not isinstance(item, Outcome)]
        outcomes += _load_group(store, documents) if documents else []
        for outcome in outcomes:
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
    return report


def _load_group(store: Store, loaded: list[_Loaded]) -> list[Outcome]:
    rows = [_row(*item) for item in loaded]
    documents = [(doc, source) for doc, source, _, _ in loaded]
    try:
        with store.engine.connect().execution_options(writer=True) as conn:
            try:
                with conn.begin():
                    store._forget_if_changed(conn)
                    outcomes = _store_group(conn, store, documents, rows)
            except BaseException:
                store.names.rollback()
                raise
        store.names.commit()
        store._commits += 1
        return outcomes
    except SQLAlchemyError:
        # one article (or another writer) made the group fail: article by article, each fails alone
        store._load_names()
        return _one_by_one(store, documents)


def _one_by_one(store: Store, documents: list[tuple[Document, str]]) -> list[Outcome]:
    from fuites.store.api import _AddDocument

    return store._write([_AddDocument(store, doc, source) for doc, source in documents], None).outcomes


def _row(doc: Document, source: str, digest: str, hashvalues: bytes | None) -> dict[str, Any]:
    """The article's row, as `insert_article` writes it."""
    return {
        "doc_id": doc.doc, "source": source, "url": doc.url, "text_hash": digest, "published": doc.published,
        "title": doc.title, "lang": doc.lang, "text": doc.text, "extraction": extraction_of(doc),
        "extractor_version": doc.extractor or "", "minhash": hashvalues, "ingested_at": datetime.now(),
    }


def _store_group(conn: Connection, store: Store, documents: list[tuple[Document, str]],
                 rows: list[dict[str, Any]]) -> list[Outcome]:
    known_hashes = set(conn.execute(_KNOWN_HASHES, {"hashes": sorted({r["text_hash"] for r in rows})}).scalars())
    urls = sorted({r["url"] for r in rows if r["url"]})
    known_urls = set(conn.execute(_KNOWN_URLS, {"urls": urls}).scalars()) if urls else set()
    new: list[int] = []
    for i, row in enumerate(rows):
        if row["text_hash"] in known_hashes or (row["url"] and row["url"] in known_urls):
            continue
        known_hashes.add(row["text_hash"])
        if row["url"]:
            known_urls.add(row["url"])
        new.append(i)
    _insert_articles(conn, [rows[i] for i in new])
    ids = dict(conn.execute(_IDS, {"hashes": [rows[i]["text_hash"] for i in new]}).all()) if new else {}
    bands = [{"band": key, "article_id": ids[rows[i]["text_hash"]]}
             for i in new if rows[i]["minhash"] is not None for key in set(band_keys(rows[i]["minhash"]))]
    _insert_bands(conn, bands)
    outcomes: list[Outcome] = []
    placed = set(new)
    for i, (doc, source) in enumerate(documents):
        if i not in placed:
            outcomes.append(Outcome(source, "duplicate", "already stored (same URL or same text)"))
            continue
        article_id = ids[rows[i]["text_hash"]]
        records = _records(doc)
        decisions = place_article(conn, store.names, article_id, doc.published, rows[i]["minhash"], records)
        outcomes.append(Outcome(source, "new", article=article_id,
                                incidents=tuple(d.incident_id for d in decisions if d.incident_id),
                                created=tuple(d.incident_id for d in decisions if d.incident_id and d.created),
                                aside=not records))
    return outcomes


def _insert_articles(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, "articles", _COLUMNS, ([json.dumps(r[c]) if c == "extraction" else r[c] for c in _COLUMNS]
                                           for r in rows))
    else:
        conn.execute(articles.insert(), rows)


def _insert_bands(conn: Connection, bands: list[dict[str, Any]]) -> None:
    if conn.dialect.name == "postgresql":
        _copy(conn, "article_bands", ("band", "article_id"), ((b["band"], b["article_id"]) for b in bands))
    else:
        executemany_plain(conn, _INSERT_BAND, bands)


def _copy(conn: Connection, table: str, columns: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> None:
    """PostgreSQL's COPY FROM STDIN on the connection's transaction: the fastest way in."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with _driver_cursor(conn, sql, None) as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(tuple(row))
