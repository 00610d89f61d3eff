"""The cost of one uncached `/api/incidents` search in the server's process, now and at a baseline.

    python bench/listing.py [--n 100000] [--requests 400] [--baseline REV] [--rounds 2] [--db PATH]

Calls the application directly (ASGI, no socket, one request at a time) with the all-different
searches of bench/load.py, on the store of bench/web.py, and prints the CPU time (all threads of
the process) and the wall time per request. The baseline is the same measure of the code at git
revision REV (default: where this branch left main), run in the same session from a copy of its
`src/` on a copy of the store brought back to that code's schema: a shared machine's load moves
both alike, and the rounds alternate them. CPU time is the figure to compare; wall time waits
for the other processes of the machine too.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


async def _call(app: Any, url: str) -> int:
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
             "root_path": "", "headers": [(b"host", b"127.0.0.1"), (b"accept-language", b"fr")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


def measure(db: str, requests: int) -> None:
    """Child process: CPU and wall ms per request of the code on PYTHONPATH, as one line."""
    from load import searches

    import fuites
    from fuites.web.app import Settings, create_app

    async def go() -> tuple[float, float]:
        app = create_app(Settings(db=db, cache_bytes=0))
        async with app.router.lifespan_context(app):
            urls = searches(77)
            for url in itertools.islice(urls, 50):  # warm: pools, compiled statements, page cache
                await _call(app, url)
            batch = list(itertools.islice(urls, requests))
            cpu, wall = time.process_time(), time.perf_counter()
            for url in batch:
                status = await _call(app, url)
                if status != 200:
                    raise SystemExit(f"{url}: {status}")
            return (time.process_time() - cpu) * 1000 / requests, (time.perf_counter() - wall) * 1000 / requests

    cpu, wall = asyncio.run(go())
    print(f"{cpu:.3f} {wall:.3f} {Path(fuites.__file__).parent}")


def _baseline_tree(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "src"], cwd=HERE.parent, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _downgraded(db: Path, src: Path, into: Path) -> Path:
    """A copy of the store at the newest migration `src` knows."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from fuites.store import Store

    old = Config()
    old.set_main_option("script_location", str(src / "fuites" / "store" / "migrations"))
    head = ScriptDirectory.from_config(old).get_current_head()
    copy = into / "baseline.db"
    shutil.copy(db, copy)
    store = Store(str(copy))
    config = Config()
    config.set_main_option("script_location", "fuites.store:migrations")
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, head or "base")
    store.close()
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="incidents in the generated store")
    parser.add_argument("--requests", type=int, default=400, help="per measure")
    parser.add_argument("--rounds", type=int, default=2, help="measures of each code, alternated")
    parser.add_argument("--baseline", default=None, help="git revision (default: merge-base with main)")
    parser.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    parser.add_argument("--measure", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.requests)
        return

    from web import generate

    db = args.db or Path(os.environ.get("TMPDIR", "/tmp")) / f"fuites-bench-web-{args.n}.db"
    if not db.exists():
        generate(db, args.n)
    rev = args.baseline or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=HERE.parent, check=True,
                                          capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        old_src = _baseline_tree(rev, Path(tmp))
        old_db = _downgraded(db, old_src, Path(tmp))
        current = HERE.parent / "src"
        print(f"store: {args.n:,} incidents; {args.requests} distinct searches per measure, one at a time; "
              f"baseline: {rev[:10]}; {os.cpu_count()} CPUs; load average before: {os.getloadavg()[0]:.1f}")
        figures: dict[str, list[tuple[float, float]]] = {"baseline": [], "now": []}
        for _ in range(args.rounds):
            for name, src, store in (("baseline", old_src, old_db), ("now", current, db)):
                out = subprocess.run([sys.executable, __file__, "--measure", str(store), "--requests",
                                      str(args.requests)], env={**os.environ, "PYTHONPATH": str(src)},
                                     check=True, capture_output=True, text=True).stdout.split()
                if Path(out[2]) != src / "fuites":
                    raise SystemExit(f"the {name} measure ran the code of {out[2]}, not {src}")
                figures[name].append((float(out[0]), float(out[1])))
                print(f"  {name:9} CPU {float(out[0]):6.2f} ms/request, wall {float(out[1]):6.2f} ms/request",
                      flush=True)
    base = statistics.median(c for c, _ in figures["baseline"])
    now = statistics.median(c for c, _ in figures["now"])
    print(f"median CPU per request: baseline {base:.2f} ms, now {now:.2f} ms ({base / now:.1f}x less); "
          f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
