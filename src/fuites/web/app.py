"""The web application: one `Store`, the API and page routers, and what guards every response.

Guards: a body size limit checked before the body is read, a Content-Security-Policy that allows
no script on our pages (an article's `<script>` could not run even if escaping failed), and
errors as JSON `{"error": {"status", "message"}}` (an HTML page for a browser on a page).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from fuites import __version__
from fuites.errors import FuitesError, StoreError
from fuites.store import Store
from fuites.web.alerting import AlertSender
from fuites.web.cache import ResponseCache
from fuites.web.extraction import Extractor
from fuites.web.listing import QueryError
from fuites.web.tokens import TokenFile

_log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
MAX_BODY = 6_000_000  # an article of 5 MB (the readers' limit) and its JSON quoting

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# /docs is Swagger UI from the fastapi-offline package's own files (it works offline): scripts
# from this server only; its components set inline styles. It shows our OpenAPI schema, no article.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)

T = TypeVar("T")


@dataclass
class Settings:
    """How `fuites serve` runs: which store, who may read, the interface language, the limits."""

    db: str | os.PathLike[str] | None = None
    lang: str = "fr"  # fr or en
    reads: str = "public"  # public, or token: reads need a token as writes do
    tokens: Path | None = None
    allow_private: bool = False
    max_body: int = MAX_BODY
    # counts and facets over the whole store are cached this long, and never past a commit
    cache_seconds: float = 10.0
    # responses to anonymous reads kept per store revision, in bytes per process; 0 turns it off
    cache_bytes: int = 64_000_000
    # threads serving requests at once in a process (see create_app)
    threads: int = int(os.environ.get("FUITES_THREADS", "4"))
    # an article taking longer than this to extract is given up (its process is ended)
    extract_seconds: float = 120.0
    # where the site is reached ("https://fuites.example.org"): the feed's absolute links are built
    # on it, never on the request's Host header, which any client sets (and a cached feed would
    # then send everyone to the client's host). None: the address the connection came in on.
    base_url: str | None = None

    def __post_init__(self) -> None:
        if self.base_url is not None:
            self.base_url = check_base_url(self.base_url)
        if self.lang not in ("fr", "en"):
            raise FuitesError(f"no interface in {self.lang!r}: give fr or en")
        if self.reads not in ("public", "token"):
            raise FuitesError(f"reads={self.reads!r} is not a mode: give public or token")


def check_base_url(url: str) -> str:
    """An http(s) URL with a host and nothing after its path, without its final slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or parts.password:
        raise FuitesError(f"base URL {url!r} is not one: give the site's address as http(s)://host[:port][/path]")
    return url.strip().rstrip("/")


def bound_url(scope: MutableMapping[str, Any]) -> str:
    """The address a connection came in on (the socket's, not the client's Host header)."""
    server = scope.get("server")
    if not server or server[0] is None:
        return "http://localhost"
    host, port = server[0], server[1]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}" if port not in (None, 80) else f"http://{host}"


@dataclass
class Web:
    """What the routes share: the store, the settings, the tokens, a small cache of aggregates."""

    store: Store
    settings: Settings
    tokens: TokenFile
    extractor: Extractor
    alerts: AlertSender
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[str, tuple[float, Any]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    _refreshing: set[str] = field(default_factory=set)
    _filling: dict[str, threading.Lock] = field(default_factory=dict)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` at most once per key and period: while one request refreshes a value, the
        others get the previous one, and only the very first fill makes them wait (for it). Values
        are kept per store revision: a page rendered after another process's commit (and then kept
        by the response cache) never shows counts from before it."""
        key = f"{key}@{self.store.revision()!r}"
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit and (hit[0] > now or key in self._refreshing):
                return hit[1]  # type: ignore[no-any-return]
            fill = self._filling.setdefault(key, threading.Lock())
            self._refreshing.add(key)
        try:
            with fill:
                with self._cache_lock:
                    hit = self._cache.get(key)
                if hit and hit[0] > time.monotonic():
                    return hit[1]  # type: ignore[no-any-return]
                value = compute()
                with self._cache_lock:
                    if len(self._cache) > 512:
                        self._cache.clear()
                    self._cache[key] = (time.monotonic() + self.settings.cache_seconds, value)
                return value
        finally:
            with self._cache_lock:
                self._refreshing.discard(key)
                self._filling.pop(key, None)

    def invalidate(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def base_url(self, request: Request) -> str:
        """Where absolute links point: `--base-url`, else the address the server was reached on."""
        return self.settings.base_url or bound_url(request.scope)


async def web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return (
        not path.startswith("/api/") and not path.endswith(".atom") and "text/html" in request.headers.get("accept", "")
    )


ASGIApp = Callable[
    [
        MutableMapping[str, Any],
        Callable[[], Awaitable[MutableMapping[str, Any]]],
        Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ],
    Awaitable[None],
]


class Guard:
    """ASGI middleware: security headers on every response, and the request body size limit.

    The limit is checked on Content-Length before reading, or while a chunked body streams in,
    so a client cannot make the server buffer more than `max_body` bytes.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path == "/docs" else CSP

        async def send_guarded(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_body:
                await self._too_large(send_guarded)
                return
            await self.app(scope, receive, send_guarded)
            return
        # A chunked body has no length to check: read it here, up to the limit, and hand it on.
        # (Raising from inside the app's read would be caught by the body parser as a 400.)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                await self._too_large(send_guarded)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> MutableMapping[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            message: MutableMapping[str, Any] = await receive()
            return message

        await self.app(scope, replay, send_guarded)

    async def _too_large(self, send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        mb = self.max_body / 1_000_000
        response = JSONResponse(
            error_body(
                413,
                f"the request body is over {mb:g} MB: send one article at a "
                "time, as text rather than HTML if it is large",
            ),
            status_code=413,
        )
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> MutableMapping[str, Any]:
    return {"type": "http.disconnect"}


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for e in error.errors()[:3]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {str(e.get('msg', 'invalid')).lower()}")
    return "; ".join(parts) + "; see /docs for the expected parameters"


def _docs_assets() -> Path:
    """Swagger UI's files as the fastapi-offline package ships them (a Swagger UI that reads OpenAPI 3.1)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The application over a store (opened from `settings.db` unless given)."""
    from fuites.web import api, feed, pages

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Reads are mostly Python work under the GIL: forty threads taking turns on it give every
        # request the latency of all; a few keep SQLite's own work in parallel, and the order fair.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        sender.kick()  # alerts a stopped server left behind
        yield
        sender.close()

    app = FastAPI(
        lifespan=lifespan,
        title="fuites",
        version=__version__,
        description="Data breaches reported in the press: incidents, their sources and evidence.",
        openapi_tags=[{"name": "incidents"}, {"name": "articles"}],
        docs_url=None,
        redoc_url=None,
    )
    store = store or Store(settings.db)
    sender = AlertSender(store)
    app.state.web = Web(store=store, settings=settings, tokens=TokenFile(settings.tokens),
                        extractor=Extractor(settings.extract_seconds), alerts=sender)
    app.include_router(api.router)
    app.include_router(feed.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_docs_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return Response((STATIC / "docs.html").read_text(encoding="utf-8"), media_type="text/html")

    def failure(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if _wants_html(request):
            return pages.error_page(request, status, message, headers)
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see / for pages and /docs for the API"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}: see /docs"
        return failure(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return failure(request, 422, _validation_message(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return failure(request, 422, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        # the store says "no incident 12": a missing thing, not a broken server
        status = 404 if str(exc).startswith("no ") else 503
        return failure(request, status, str(exc))

    @app.exception_handler(FuitesError)
    async def fuites_error(request: Request, exc: FuitesError) -> Response:
        return failure(request, 422, str(exc))

    @app.exception_handler(SQLAlchemyError)
    async def store_down(request: Request, exc: SQLAlchemyError) -> Response:
        # a locked, corrupt or unreachable database: the server is fine, the store is not
        _log.error("the store failed: %s: %s", type(exc).__name__, " ".join(str(exc).split())[:300])
        return failure(request, 503, "the store cannot be read right now; the server log has the details",
                       {"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return failure(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    app.add_middleware(Guard, max_body=settings.max_body)
    app.add_middleware(ResponseCache, revision=app.state.web.store.revision, max_bytes=settings.cache_bytes)
    return app
