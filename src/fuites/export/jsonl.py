"""The stored articles as `fuites extract --format jsonl` prints them: one Document a line, with its
text, record and evidence. `fuites ingest --records` reads the file back into another store, which
then holds the same articles and, merged again, the same incidents.

With filters, the articles of the matching incidents are written; without, every stored article
(those that report no incident too), by increasing id, a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select

from fuites.models import Document
from fuites.store.queries import check_period, filter_clauses
from fuites.store.tables import Article, Incident, Mention

if TYPE_CHECKING:
    from fuites.store import Store

BATCH = 200


def articles(
    store: Store,
    query: str | None = None,
    *,
    org: str | None = None,
    sector: str | None = None,
    data: Sequence[str] | None = None,
    attack: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    batch: int = BATCH,
) -> Iterator[Document]:
    """The stored articles of the incidents matching the filters of `Store.search` (every article
    without filters), as Documents. Bad criteria raise at once."""
    check_period(since, until)
    if any((query, org, sector, data, attack, since, until)):
        with store.engine.connect() as conn:
            matching = select(Mention.article_id).join(Incident, Incident.id == Mention.incident_id).where(
                *filter_clauses(conn, store.names, query, org=org, sector=sector, data=data or (),
                                attack=attack or (), since=since, until=until, every=True)
            )
            ids = sorted({aid for (aid,) in conn.execute(matching)})
        return _by_ids(store, ids, batch)
    return _every(store, batch)


def _every(store: Store, batch: int) -> Iterator[Document]:
    last = 0
    while True:
        got = _read(store, [Article.id > last], batch)
        yield from (doc for _, doc in got)
        if len(got) < batch:
            return
        last = got[-1][0]


def _by_ids(store: Store, ids: list[int], batch: int) -> Iterator[Document]:
    for start in range(0, len(ids), batch):
        yield from (doc for _, doc in _read(store, [Article.id.in_(ids[start:start + batch])], batch))


def _read(store: Store, conditions: list[ColumnElement[bool]], limit: int) -> list[tuple[int, Document]]:
    # a connection per batch: a slow reader of the export holds no transaction open
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(Article.id, Article.text, Article.extraction)
            .where(*conditions).order_by(Article.id).limit(limit)
        ).all()
    return [(aid, Document.model_validate({**(extraction or {}), "text": text or ""}))
            for aid, text, extraction in rows]


def stream(documents: Iterable[Document]) -> Iterator[str]:
    """One Document's JSON a line."""
    for doc in documents:
        yield doc.model_dump_json() + "\n"
