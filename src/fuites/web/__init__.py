"""The store on the web: REST API under /api, pages, an Atom feed; `fuites serve` runs it.

>>> from fuites.web import Settings, create_app      # doctest: +SKIP
>>> app = create_app(Settings(db="breaches.db"))      # any ASGI server runs `app`
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from fuites.errors import FuitesError
from fuites.web.app import Settings, create_app

if TYPE_CHECKING:
    from fastapi import FastAPI

# `serve` hands the settings to its workers through the environment: uvicorn starts them from an
# import string, so with --workers each one builds its own app (and its own store connections).
_ENV = {
    "db": "FUITES_DB",
    "lang": "FUITES_LANG",
    "reads": "FUITES_READS",
    "tokens": "FUITES_TOKENS",
    "allow_private": "FUITES_ALLOW_PRIVATE",
    "cache_bytes": "FUITES_CACHE_BYTES",
    "base_url": "FUITES_BASE_URL",
}


def settings_from_env() -> Settings:
    env = os.environ
    return Settings(
        db=env.get(_ENV["db"]) or None,
        lang=env.get(_ENV["lang"], "fr"),
        reads=env.get(_ENV["reads"], "public"),
        tokens=Path(env[_ENV["tokens"]]) if env.get(_ENV["tokens"]) else None,
        allow_private=env.get(_ENV["allow_private"]) == "1",
        cache_bytes=int(env.get(_ENV["cache_bytes"], Settings.cache_bytes)),
        base_url=env.get(_ENV["base_url"]) or None,
    )


def app_from_env() -> FastAPI:
    """The app uvicorn's workers build (`uvicorn --factory fuites.web:app_from_env`)."""
    return create_app(settings_from_env())


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
    access_log: bool = True,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Run the app with uvicorn until interrupted; `announce` gets the address once the store opened."""
    import uvicorn

    # open (and migrate) the store once here, so a bad --db fails before any worker starts
    from fuites.store import Store
    from fuites.store.db import database_url

    Store(settings.db).close()
    if announce:
        announce(f"http://{host}:{port}/")
    os.environ[_ENV["db"]] = database_url(settings.db)
    os.environ[_ENV["lang"]] = settings.lang
    os.environ[_ENV["reads"]] = settings.reads
    if settings.tokens:
        os.environ[_ENV["tokens"]] = str(settings.tokens)
    os.environ[_ENV["allow_private"]] = "1" if settings.allow_private else "0"
    os.environ[_ENV["cache_bytes"]] = str(settings.cache_bytes)
    base_url = settings.base_url or default_base_url(host, port)
    if base_url:
        os.environ[_ENV["base_url"]] = base_url
    uvicorn.run(
        "fuites.web:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
        proxy_headers=False,
        server_header=False,
        limit_concurrency=1000,
        timeout_keep_alive=5,
    )


def default_base_url(host: str, port: int) -> str | None:
    """The site's address when --base-url is not given: the bound host and port, unless the server
    listens on every interface (then each connection's own address is used)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}" if port != 80 else f"http://{host}"


def samples() -> list[str]:
    """The sample articles bundled with fuites (`src/fuites/samples`)."""
    folder = resources.files("fuites").joinpath("samples")
    return sorted(str(p) for p in Path(str(folder)).iterdir() if p.suffix in (".txt", ".html", ".jsonl"))


@contextmanager
def demo_store(db: str | None = None) -> Iterator[Path]:
    """Where `fuites demo` puts its store: `db` if it does not exist yet (kept afterwards), else a
    fresh temporary folder, removed when the demo ends."""
    if db is not None:
        path = Path(db)
        if path.exists():
            raise FuitesError(f"{path} exists: the demo makes a fresh store; give a new path or none")
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="fuites-demo-"))
    try:
        yield folder / "fuites.db"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["Settings", "app_from_env", "create_app", "default_base_url", "demo_store",
           "samples", "serve", "settings_from_env"]
