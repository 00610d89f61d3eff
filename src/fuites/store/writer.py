"""Writing articles: one row per article, found again by URL or by the hash of its normalised text."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from fuites.merge import band_keys, minhash
from fuites.models import Document, public_url
from fuites.store.db import execute_plain, executemany_plain
from fuites.store.tables import alert_outbox, article_bands, articles

_BY_HASH = select(articles.c.id).where(articles.c.text_hash == bindparam("digest")).limit(1)
_BY_URL_OR_HASH = select(articles.c.id).where(
    or_(articles.c.text_hash == bindparam("digest"), articles.c.url == bindparam("url"))
).limit(1)
# A duplicate (same URL or same text) is not inserted: ON CONFLICT DO NOTHING returns no id.
_INSERT = {
    "sqlite": sqlite_insert(articles).on_conflict_do_nothing().returning(articles.c.id),
    "postgresql": postgresql_insert(articles).on_conflict_do_nothing().returning(articles.c.id),
}
_INSERT_BAND = article_bands.insert()
_INSERT_OUTBOX = alert_outbox.insert()
_ANY_WATCH = text("SELECT 1 FROM watches LIMIT 1")


def text_hash(text: str) -> str:
    """Hash of the text with case, Unicode forms and spacing normalised: a copy re-saved or
    re-wrapped by another site is the same article."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def find_article(conn: Connection, url: str | None, digest: str) -> int | None:
    if url:
        return conn.execute(_BY_URL_OR_HASH, {"digest": digest, "url": url}).scalar()
    return conn.execute(_BY_HASH, {"digest": digest}).scalar()


def extraction_of(doc: Document) -> dict[str, Any]:
    """The Document JSON the store keeps beside the article text (the text is its own column)."""
    return doc.model_dump(mode="json", exclude={"text"})


def insert_article(conn: Connection, doc: Document, source: str) -> tuple[int, bytes | None] | None:
    """Insert an article and its LSH bands; None when it is already stored."""
    digest = text_hash(doc.text or doc.title or doc.doc)
    hashvalues = minhash(doc.text)
    article_id = execute_plain(conn, _INSERT[conn.dialect.name], {
        "doc_id": doc.doc, "source": public_url(source), "url": doc.url,
         "text_hash": digest, "published": doc.published,
        "title": doc.title, "lang": doc.lang, "text": doc.text, "extraction": extraction_of(doc),
        "extractor_version": doc.extractor or "", "minhash": hashvalues, "ingested_at": datetime.now(),
    })
    if article_id is None:
        return None
    if hashvalues is not None:
        executemany_plain(conn, _INSERT_BAND, [{"band": key, "article_id": article_id}
                                               for key in set(band_keys(hashvalues))])
    return article_id, hashvalues


def watched(conn: Connection) -> bool:
    """Whether any watch exists: only then do changed incidents go to the alerts outbox."""
    return conn.execute(_ANY_WATCH).first() is not None


def enqueue_changes(conn: Connection, incident_ids: Sequence[int]) -> None:
    """Note in the alerts outbox, in the caller's transaction, incidents an article created or changed."""
    now = datetime.now()
    rows = [{"incident_id": iid, "created_at": now} for iid in dict.fromkeys(incident_ids)]
    if rows:
        conn.execute(_INSERT_OUTBOX, rows)
