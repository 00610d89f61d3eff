"""Extraction of posted articles in a child process, so that no article stalls the server's readers.

Extraction is Python work under the GIL, and one regular expression runs to its end without
letting another thread in: in a thread of the server, a long article would hold every reader for
as long as its slowest match. A process of its own shares nothing with them. It starts with the
first POST (the readers' processes never load the extractor), serves the POSTs one after another,
and is ended after `seconds`: an article that takes longer fails alone, with a message, and the
next POST starts a fresh process (loading the extractor's models takes it some seconds).
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import threading
from multiprocessing.pool import Pool
from typing import Any

from fuites.errors import FuitesError
from fuites.ingest.article import RawArticle
from fuites.models import Document

WARM_SECONDS = 300.0  # loading spaCy's model on a busy machine

def run(job: RawArticle) -> Document | str:
    """In the child: the article's Document, or why it could not be read, in one line."""
    from fuites.extract.pipeline import extract_articles
    from fuites.ingest.html import read_html

    try:
        if job.html is not None:
            raw = read_html(job.html, job.doc_id, job.source, url=job.url, title=job.title,
                            published=job.published)
        else:
            raw = RawArticle(doc_id=job.doc_id, source=job.source, text=job.text, url=job.url, title=job.title,
                             published=job.published)
        doc = next(iter(extract_articles([raw])))
    except FuitesError as e:
        return f"cannot read the article: {e}"
    except Exception as e:  # noqa: BLE001 - one article's failure is its own, not the server's
        return f"cannot extract the article: {type(e).__name__}: {' '.join(str(e).split())[:200]}"
    known = {k: getattr(raw, k) for k in ("url", "title", "published")
             if getattr(doc, k) is None and getattr(raw, k) is not None}
    return doc.model_copy(update=known) if known else doc


def warm() -> None:
    """In a new child: load the extractor and its models, so that an article's time is its own."""
    from fuites.extract.pipeline import extract

    extract("La société Exemple a été piratée : les adresses de 1 000 clients ont été volées.")


class _Child:
    """The process's one extraction child, shared by the apps it runs (tests run several)."""

    def __init__(self) -> None:
        self.pool: Pool | None = None
        self.lock = threading.Lock()

    def started(self) -> tuple[Pool, bool]:
        with self.lock:
            fresh = self.pool is None
            if self.pool is None:
                # spawn, not fork: the server has threads, and a forked copy of their locks can hang
                self.pool = multiprocessing.get_context("spawn").Pool(1)
            return self.pool, fresh

    def end(self, pool: Pool | None = None) -> None:
        """End the child (the only way to stop a running match); the next call starts a new one."""
        with self.lock:
            if pool is not None and pool is not self.pool:
                return
            pool, self.pool = self.pool, None
        if pool is not None:
            # terminate() waits for the pool's threads: not on the event loop
            threading.Thread(target=pool.terminate, daemon=True).start()

    def close(self) -> None:
        """At exit: end the child while the interpreter still has what its pool needs to stop."""
        with self.lock:
            pool, self.pool = self.pool, None
        if pool is not None:
            pool.terminate()


_CHILD = _Child()
atexit.register(_CHILD.close)


class Extractor:
    """Extraction of posted articles in the child process; `await extractor(job)` from the event loop."""

    def __init__(self, seconds: float = 120.0) -> None:
        self.seconds = seconds
        # one article at a time, so that its time limit counts its own extraction only
        self._turn = asyncio.Lock()

    async def __call__(self, job: RawArticle) -> Document | str:
        async with self._turn:
            pool, fresh = _CHILD.started()
            if fresh:
                failed = await self._submit(pool, warm, (), WARM_SECONDS)
                if isinstance(failed, str):
                    return failed
            return await self._submit(pool, run, (job,), self.seconds)  # type: ignore[no-any-return]

    async def _submit(self, pool: Pool, function: Any, args: tuple[Any, ...], seconds: float) -> Any:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()

        def settle(outcome: Any) -> None:
            if not done.done():
                done.set_result(outcome)

        def failed(error: BaseException) -> None:
            settle(f"cannot extract the article: {type(error).__name__}: {' '.join(str(error).split())[:200]}")

        def back(handler: Any) -> Any:
            # runs in the pool's result thread: an exception there would stop it for good
            def call(value: Any) -> None:
                try:
                    loop.call_soon_threadsafe(handler, value)
                except RuntimeError:  # the server stopped meanwhile: nobody waits for it
                    pass
            return call

        pool.apply_async(function, args, callback=back(settle), error_callback=back(failed))
        try:
            return await asyncio.wait_for(asyncio.shield(done), seconds)
        except TimeoutError:
            _CHILD.end(pool)
            if function is warm:
                return f"the extraction process did not start within {seconds:g} s; try again later"
            return (f"the article took over {seconds:g} s to extract and was given up; "
                    "send it as text, or cut it into shorter articles")


def close() -> None:
    """End the extraction child, if any (a server process's exit ends it too: it is a daemon)."""
    _CHILD.end()
