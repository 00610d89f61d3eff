"""HTTP caching of what the store shows: validators, HEAD, and a response cache kept per store revision.

Every page and API read is a function of the store's content and of the request (its path, query,
language and, for errors, whether a browser asks): the same request gives the same bytes until
something is committed. So each process keeps the responses it served to anonymous GET requests,
with the store revision they were made at (`Store.revision()`), and serves them again while the
revision is unchanged: a commit by any process, a `fuites ingest` beside the server included,
makes every entry stale at once. Requests with credentials are never cached nor served from it.

Every cacheable response gets an ETag and `Cache-Control: no-cache`, so browsers and proxies ask
again each time and get `304 Not Modified` while nothing changed. HEAD is answered as GET without
the body. When many clients ask for the same stale page at once, one request renders it and the
others wait for it instead of rendering it too.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Message = MutableMapping[str, Any]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Callable[[], Awaitable[Message]], Send], Awaitable[None]]

# headers that change the response of a read: the language (header or cookie) and, for error pages, Accept
_VARY = (b"accept-language", b"cookie")
_UNCACHED_PREFIXES = ("/static/",)  # StaticFiles answers validators itself


@dataclass(frozen=True)
class Entry:
    revision: object
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class ResponseCache:
    """ASGI middleware: serves anonymous GET and HEAD requests from responses kept per store revision."""

    def __init__(
        self,
        app: ASGIApp,
        revision: Callable[[], object],
        *,
        max_bytes: int = 64_000_000,
        max_entry: int = 2_000_000,
    ) -> None:
        self.app = app
        self.revision = revision
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self.size = 0
        self._filling: dict[tuple[Any, ...], asyncio.Event] = {}
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Message, receive: Callable[[], Awaitable[Message]], send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or method not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        head = method == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
            send = _without_body(send)
        headers = scope.get("headers", [])
        path: str = scope.get("path", "")
        if self.max_bytes <= 0 or path.startswith(_UNCACHED_PREFIXES) or _has(headers, b"authorization"):
            await self.app(scope, receive, send)
            return
        key = _key(scope, headers)
        try:
            revision = self.revision()
        except Exception:  # noqa: BLE001 - the store is unreachable: the app says so in its own words
            await self.app(scope, receive, send)
            return
        entry = self._fresh(key, revision)
        if entry is None and key in self._filling:
            await self._filling[key].wait()
            entry = self._fresh(key, revision)
        if entry is not None:
            self.hits += 1
            await _replay(entry, headers, send)
            return
        self.misses += 1
        done = self._filling.setdefault(key, asyncio.Event())
        try:
            await self._fill(key, revision, scope, receive, send)
        finally:
            if self._filling.get(key) is done:
                del self._filling[key]
            done.set()

    def _fresh(self, key: tuple[Any, ...], revision: object) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.revision != revision:
            self._drop(key)
            return None
        self.entries.move_to_end(key)
        return entry

    def _drop(self, key: tuple[Any, ...]) -> None:
        entry = self.entries.pop(key)
        self.size -= len(entry.body)

    async def _fill(
        self,
        key: tuple[Any, ...],
        revision: object,
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Send,
    ) -> None:
        """Run the app; a whole 200 response is kept (and sent with its ETag), anything else passes on."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # not kept: messages go straight on

        async def capture(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                headers = message.get("headers", [])
                if message["status"] != 200 or _has(headers, b"set-cookie") or _has(headers, b"etag"):
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_entry:
                # too big to keep: send what came so far, and the rest as it comes
                passing = True
                assert start is not None
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            if message.get("more_body", False):
                return
            assert start is not None
            body = b"".join(chunks)
            entry = _entry(revision, start, body)
            self._keep(key, entry)
            await _send_entry(entry, send)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[Any, ...], entry: Entry) -> None:
        if key in self.entries:
            self._drop(key)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes:
            self._drop(next(iter(self.entries)))


def _key(scope: Message, headers: list[tuple[bytes, bytes]]) -> tuple[Any, ...]:
    varying = tuple(value for name, value in headers if name in _VARY)
    wants_html = any(name == b"accept" and b"text/html" in value for name, value in headers)
    # the Host header is not part of it: no response depends on it (absolute links are built on
    # the configured base URL, else on the address the connection came in on: `server`)
    server = scope.get("server")  # a tuple from uvicorn, a list from some ASGI servers
    return scope.get("path", ""), scope.get("query_string", b""), varying, wants_html, tuple(server) if server else None


def _has(headers: list[tuple[bytes, bytes]], name: bytes) -> bool:
    return any(n.lower() == name for n, _ in headers)


def _entry(revision: object, start: Message, body: bytes) -> Entry:
    etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
    headers = [
        (n, v) for n, v in start.get("headers", []) if n.lower() not in (b"content-length", b"cache-control", b"vary")
    ]
    headers += [
        (b"content-length", str(len(body)).encode()),
        (b"etag", etag),
        (b"cache-control", b"no-cache"),
        (b"vary", b"Accept, Accept-Language, Cookie"),
    ]
    return Entry(revision, int(start["status"]), headers, body, etag)


async def _send_entry(entry: Entry, send: Send) -> None:
    await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body, "more_body": False})


async def _replay(entry: Entry, request_headers: list[tuple[bytes, bytes]], send: Send) -> None:
    """The kept response, or 304 when the client already has it (If-None-Match)."""
    for name, value in request_headers:
        if name == b"if-none-match" and (value.strip() == b"*" or entry.etag in value.split(b", ")):
            headers = [(n, v) for n, v in entry.headers if n not in (b"content-length", b"content-type")]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
    await _send_entry(entry, send)


def _without_body(send: Send) -> Send:
    """HEAD: the GET response's status and headers, its body dropped."""

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_head
