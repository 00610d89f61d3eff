"""Extraction over several processes, documents in the order of the articles."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from fuites.extract.pipeline import extract_articles
from fuites.ingest.article import RawArticle
from fuites.models import Document

# Articles sent to a process at a time: one NER batch.
CHUNK = 32


def _extract_chunk(articles: list[RawArticle]) -> list[Document]:
    return list(extract_articles(articles))


def extract_in_processes(articles: Iterable[RawArticle], jobs: int) -> Iterator[Document]:
    """What `extract_articles` gives, computed by `jobs` processes (each loads its own models).

    At most two chunks of articles per process are read ahead, so that an endless stream is read
    as it is processed, not whole."""
    if jobs <= 1:
        yield from extract_articles(articles)
        return
    iterator = iter(articles)
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[Future[list[Document]]] = deque()
    try:
        while True:
            while len(pending) < 2 * jobs and (chunk := list(islice(iterator, CHUNK))):
                pending.append(pool.submit(_extract_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
