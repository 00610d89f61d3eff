"""Load: uncached, all-different `/api/incidents` searches for a bounded time, on 1 and 2 workers.

    python bench/load.py [--n 100000] [--seconds 60] [--clients 32] [--workers 1,2] [--db PATH]
    python bench/load.py --soak MINUTES [--workers 2] [--warmup 60]

Builds (once, then reuses) the store of bench/web.py (N generated incidents), runs `fuites serve`
on loopback with each worker count in turn and keeps `--clients` keep-alive connections busy for
`--seconds` after `--warmup` seconds of other searches (closed loop: a client sends its next
request when the last is answered), every request a URL never asked before (filters drawn at
random), so that the response cache never answers.
Everything stays on 127.0.0.1 and stops by itself: at most `--seconds` and `--max-requests` a run.

Prints, per worker count: requests per second, p50/p95/p99 latency, errors (non-200 answers and
failed connections) and the server's resident memory (all its processes) before and after; and,
measured in the same run, the static file baseline. Target: 200 req/s with 0 errors on 2 workers.

`--soak MINUTES`: the same searches for that long on one server (the first worker count), after
`--warmup` seconds of them (connections, pools and the response cache, bounded at 64 MB a worker,
are full by then). Prints the server's RSS at start, after the warm-up and every minute, its
growth over the soak (target: at most 10 %), p50/p95/p99 latency, req/s and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fuites.models import ATTACKS, DATA, SECTORS  # noqa: E402
from web import Connection, free_port, generate, percentile, start_server  # noqa: E402

TARGET_RPS = 200.0
TARGET_GROWTH = 10.0  # % of RSS over a soak


def searches(seed: int):  # type: ignore[no-untyped-def]
    """Endless different /api/incidents URLs: a sector, data, attack, a period and a page size."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while True:
        since = rng.randint(2014, 2025)
        parts = [f"sector={rng.choice(SECTORS)}", f"since={since}", f"until={rng.randint(since, 2025)}"]
        if rng.random() < 0.7:
            parts.append(f"data={rng.choice(DATA)}")
        if rng.random() < 0.4:
            parts.append(f"attack={rng.choice(ATTACKS)}")
        parts.append(f"limit={rng.randint(10, 60)}")
        url = "/api/incidents?" + "&".join(parts)
        if url not in seen:
            seen.add(url)
            yield url


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn's workers), in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        pids += [int(c) for c in children]
    return total / 1024


async def run(port: int, urls, clients: int, seconds: float, max_requests: int):  # type: ignore[no-untyped-def]
    """Latencies (ms), wall time and errors of a closed loop bounded in time and count."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors, sent
        conn = await Connection.open("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                url = next(urls)
                t0 = time.perf_counter()
                try:
                    status = await asyncio.wait_for(conn.get(url), 30)
                except (TimeoutError, OSError, asyncio.IncompleteReadError):
                    errors += 1
                    await conn.close()
                    conn = await Connection.open("127.0.0.1", port)
                    continue
                latencies.append((time.perf_counter() - t0) * 1000)
                if status != 200:
                    errors += 1
        finally:
            await conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - started, errors


def soak(db: Path, workers: int, clients: int, minutes: float, warmup: float, max_requests: int) -> None:
    """All-different searches on one server for `minutes`, with its memory minute by minute."""
    port = free_port()
    server = start_server(db, port, workers, 64)
    latencies: list[float] = []
    errors = 0
    urls = searches(101)
    try:
        time.sleep(1.0)
        launched = rss_mb(server.pid)
        print(f"soak: {workers} worker(s), {clients} clients, {minutes:g} min after a {warmup:g} s warm-up; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"RSS at start: {launched:.0f} MB")
        asyncio.run(run(port, urls, clients, warmup, max_requests))
        before = rss_mb(server.pid)
        print(f"RSS after the warm-up: {before:.0f} MB")
        started = time.perf_counter()
        for minute in range(int(-(-minutes // 1))):
            length = min(60.0, minutes * 60 - minute * 60)
            lat, wall, err = asyncio.run(run(port, urls, clients, length, max_requests))
            latencies += lat
            errors += err
            print(f"minute {minute + 1:3d}: {len(lat) / wall:6.1f} req/s, p95 {percentile(lat, 95):6.1f} ms, "
                  f"{err} errors, RSS {rss_mb(server.pid):.0f} MB, load average {os.getloadavg()[0]:.1f}",
                  flush=True)
        wall = time.perf_counter() - started
        after = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    growth = 100 * (after - before) / before
    print(f"{len(latencies):,} requests, {len(latencies) / wall:.1f} req/s, p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {percentile(latencies, 95):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, {errors} errors")
    print(f"RSS {before:.0f} -> {after:.0f} MB: {growth:+.1f} % "
          f"(target <= {TARGET_GROWTH:g} %: {'met' if growth <= TARGET_GROWTH and errors == 0 else 'MISSED'})")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="incidents in the generated store")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each loaded run")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--max-requests", type=int, default=200_000, help="bound on one run's requests")
    parser.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    parser.add_argument("--soak", type=float, default=None, metavar="MINUTES", help="one long run instead")
    parser.add_argument("--warmup", type=float, default=None,
                        help="seconds of searches before measuring (default: 10; 60 before a soak)")
    args = parser.parse_args()

    db = args.db or Path(os.environ.get("TMPDIR", "/tmp")) / f"fuites-bench-web-{args.n}.db"
    if not db.exists():
        generate(db, args.n)
    if args.soak:
        soak(db, int(args.workers.split(",")[0]), args.clients, args.soak,
             60.0 if args.warmup is None else args.warmup, 10**9)
        return
    args.warmup = 10.0 if args.warmup is None else args.warmup
    print(f"store: {args.n:,} incidents; {args.clients} clients for {args.seconds:g} s per run, "
          f"after {args.warmup:g} s of other searches; "
          f"{os.cpu_count()} CPUs shared with the client; load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'run':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'RSS MB':>15}  target")
    seed = 11
    for workers in (int(w) for w in args.workers.split(",")):
        port = free_port()
        server = start_server(db, port, workers, 64)
        try:
            time.sleep(1.0)
            before = rss_mb(server.pid)
            baseline = asyncio.run(run(port, iter(lambda: "/static/style.css", None), args.clients,
                                       min(5.0, args.seconds), args.max_requests))
            seed += 1
            urls = searches(seed)  # one stream: no URL of the warm-up comes again
            if args.warmup:
                # the workers' first searches fill SQLite's page caches and compile each shape of
                # statement: measured apart, they are not what the server holds afterwards
                asyncio.run(run(port, urls, args.clients, args.warmup, args.max_requests))
            latencies, wall, errors = asyncio.run(run(port, urls, args.clients, args.seconds, args.max_requests))
            after = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        for name, (lat, w, err) in ((f"static file, {workers} worker(s)", baseline),
                                    (f"distinct searches, {workers} worker(s)", (latencies, wall, errors))):
            rps = len(lat) / w if w else 0.0
            verdict = ""
            if name.startswith("distinct") and workers == 2:
                verdict = f"{TARGET_RPS:.0f} req/s, 0 errors: {'met' if rps >= TARGET_RPS and err == 0 else 'MISSED'}"
            memory = f"{before:6.0f} -> {after:4.0f}" if name.startswith("distinct") else ""
            print(f"{name:34} {rps:8.1f} {statistics.median(lat):8.1f} {percentile(lat, 95):8.1f} "
                  f"{percentile(lat, 99):8.1f} {err:7d} {memory:>15}  {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
