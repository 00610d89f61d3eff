"""Web latency: `/api/incidents` and the home page under concurrent clients, against static files.

    python bench/web.py [--n 100000] [--clients 50] [--requests 2000] [--workers 1] [--cache-mb 64] [--db PATH]

Builds (once, then reused from --db) a SQLite store of N generated incidents, each with its
article, tags and mention, written straight into the store's tables (merging 100,000 articles
one by one would take the bench's whole budget and measures merge, not the web). Then runs
`fuites serve` in a subprocess and, from this process, keeps `--clients` connections busy
(closed loop: each client sends its next request when the last one is answered) on each URL in
turn. The baseline is a static file (/static/style.css) served by the same server in the same
run. Targets: p95 of /api/incidents < 50 ms and of / < 150 ms. Prints figures; asserts nothing.

The server keeps responses until the store changes (`--cache-mb`), so a URL asked again is served
from memory. Rows marked "distinct" ask a new URL at every request (filters drawn at random), which
is what a cold cache or a crowd of different searches costs; `--cache-mb 0` turns the cache off.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import insert

from fuites.models import ATTACKS, DATA, SECTORS, WHO
from fuites.store import Store
from fuites.store.tables import Article, Incident, IncidentTag, Mention, Organisation

TARGETS = {"/api/incidents": 50.0, "/": 150.0}
WORDS = (
    "piratage",
    "fuite",
    "données",
    "clients",
    "rançongiciel",
    "hôpital",
    "mairie",
    "opérateur",
    "assureur",
    "banque",
    "boutique",
    "plainte",
    "CNIL",
    "serveur",
    "prestataire",
    "courriel",
)


def generate(db: Path, n: int, seed: int = 6) -> None:
    """A store of `n` incidents at `n // 5` organisations, spread over 2014-2025."""
    rng = random.Random(seed)
    store = Store(str(db))
    now = datetime.now()
    orgs = max(1, n // 5)
    batch = 5000
    started = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(
            insert(Organisation),
            [
                {
                    "id": o,
                    "name": f"Organisation {o}",
                    "key": f"organisation {o}",
                    "sector": rng.choice(SECTORS),
                    "country": "FR",
                }
                for o in range(1, orgs + 1)
            ],
        )
        for first in range(1, n + 1, batch):
            articles, incidents, tags, mentions = [], [], [], []
            for i in range(first, min(first + batch, n + 1)):
                org = rng.randint(1, orgs)
                day = f"{rng.randint(2014, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                sector = rng.choice(SECTORS)
                attack = rng.sample(ATTACKS, rng.randint(0, 2))
                data = rng.sample(DATA, rng.randint(1, 5))
                count = rng.choice([None, rng.randint(100, 2_000_000)])
                text = (
                    f"Organisation {org} a subi une attaque le {day}. "
                    + " ".join(rng.choice(WORDS) for _ in range(40))
                    + "."
                )
                record = {
                    "primary": True,
                    "victim": f"Organisation {org}",
                    "sector": sector,
                    "attack": attack,
                    "data": data,
                    "affected": {
                        "count": count,
                        "qualifier": "exact" if count else None,
                        "who": ["customers"],
                    },
                    "evidence": {"victim": [[0, len(f"Organisation {org}")]]},
                }
                articles.append(
                    {
                        "id": i,
                        "doc_id": f"gen-{i}",
                        "source": "bench",
                        "url": f"https://press.example/{i}",
                        "text_hash": f"{i:064x}",
                        "published": day,
                        "title": f"Fuite chez Organisation {org}",
                        "lang": "fr",
                        "text": text,
                        "extraction": {"doc": f"gen-{i}", "incidents": [record]},
                        "extractor_version": "bench",
                        "minhash": None,
                        "ingested_at": now,
                    }
                )
                incidents.append(
                    {
                        "id": i,
                        "org_id": org,
                        "victim": f"Organisation {org}",
                        "sector": sector,
                        "country": "FR",
                        "attack": attack,
                        "actors": [],
                        "affected_count": count,
                        "affected_qualifier": "exact" if count else None,
                        "affected_who": ["customers"],
                        "data": data,
                        "data_not": [],
                        "occurred": day,
                        "discovered": None,
                        "disclosed": None,
                        "authorities": [],
                        "notified_individuals": False,
                        "channels": [],
                        "start_date": day,
                        "end_date": day,
                        "n_articles": 1,
                        "sources": {"victim": {f"Organisation {org}": [i]}},
                        "conflicts": {},
                        "names": f"Organisation {org}",
                        "updated_at": now,
                    }
                )
                tags += [{"incident_id": i, "kind": "attack", "value": a} for a in attack]
                tags += [{"incident_id": i, "kind": "data", "value": d} for d in data]
                tags.append({"incident_id": i, "kind": "who", "value": rng.choice(WHO)})
                mentions.append(
                    {
                        "article_id": i,
                        "position": 0,
                        "incident_id": i,
                        "is_primary": True,
                        "record": record,
                        "reasons": ["new incident"],
                    }
                )
            conn.execute(insert(Article), articles)
            conn.execute(insert(Incident), incidents)
            conn.execute(insert(IncidentTag), tags)
            conn.execute(insert(Mention), mentions)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()
    print(f"generated {n:,} incidents in {time.perf_counter() - started:.0f} s: {db}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int, cache_mb: int) -> subprocess.Popen[bytes]:
    fuites = Path(sys.executable).parent / "fuites"
    command = [
        str(fuites),
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--cache-mb",
        str(cache_mb),
    ]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "FUITES_TOKENS": str(db) + ".tokens"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start: " + (server.stderr.read().decode() if server.stderr else ""))


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams.

    httpx's async pool costs more per request than our static files take to serve, so it would
    measure itself; this client only writes a GET and reads a Content-Length body.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, f"{host}:{port}")

    async def get(self, path: str) -> int:
        path = quote(path, safe="/?=&")
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: text/html\r\n"
            "Accept-Language: fr\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding":
                raise SystemExit(
                    f"{path}: chunked response; the bench client reads Content-Length bodies only"
                )
        if length is None:
            raise SystemExit(f"{path}: response without Content-Length")
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


async def load(port: int, paths: list[str], clients: int, total: int) -> tuple[list[float], float, int]:
    """Latencies (ms) of `total` requests from `clients` concurrent clients, wall time, errors.

    Closed loop: each client sends its next request when the last is answered, with the next of
    `paths` (cycling), after one warm-up request per connection on the first ones.
    """
    latencies: list[float] = []
    errors = 0
    remaining = total
    connections = [await Connection.open("127.0.0.1", port) for _ in range(clients)]
    turn = clients

    async def one_client(conn: Connection) -> None:
        nonlocal remaining, errors, turn
        while remaining > 0:
            remaining -= 1
            path = paths[turn % len(paths)]
            turn += 1
            t0 = time.perf_counter()
            status = await conn.get(path)
            latencies.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                errors += 1

    # warm up: every connection used once (at once, so that none idles into the server's
    # keep-alive timeout while the others warm up)
    await asyncio.gather(*(conn.get(paths[n % len(paths)]) for n, conn in enumerate(connections)))
    started = time.perf_counter()
    await asyncio.gather(*(one_client(c) for c in connections))
    wall = time.perf_counter() - started
    for conn in connections:
        await conn.close()
    return latencies, wall, errors


def distinct(base: str, n: int, seed: int = 7) -> list[str]:
    """`n` different filtered URLs under `base`: a sector, a data category and years each (the API
    takes a range, the home page one year and an attack)."""
    rng = random.Random(seed)
    paths = set()
    while len(paths) < n:
        since = rng.randint(2014, 2025)
        when = f"since={since}&until={rng.randint(since, 2025)}" if base.startswith("/api") else (
            f"year={since}&attack={rng.choice(ATTACKS)}"
        )
        paths.add(f"{base}?sector={rng.choice(SECTORS)}&data={rng.choice(DATA)}&{when}")
    return sorted(paths)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="incidents in the generated store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per URL")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--cache-mb", type=int, default=64, help="the server's response cache; 0: none")
    parser.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    args = parser.parse_args()

    db = args.db or Path(os.environ.get("TMPDIR", "/tmp")) / f"fuites-bench-web-{args.n}.db"
    if not db.exists():
        generate(db, args.n)
    port = free_port()
    server = start_server(db, port, args.workers, args.cache_mb)
    phases: list[tuple[str, list[str]]] = [
        (url, [url])
        for url in (
            "/static/style.css",
            "/api/incidents",
            "/",
            "/api/incidents?sector=health&data=email",
            "/?attack=ransomware&year=2020",
            "/api/incidents?q=rançongiciel",
        )
    ]
    phases += [
        ("/api/incidents?<filters> (distinct)", distinct("/api/incidents", args.requests + args.clients)),
        ("/?<filters> (distinct)", distinct("/", args.requests + args.clients, seed=8)),
    ]
    print(
        f"store: {args.n:,} incidents; {args.clients} clients; {args.requests} requests per URL; "
        f"server: fuites serve, {args.workers} worker(s), cache {args.cache_mb} MB, "
        f"{os.cpu_count()} CPUs shared with the client; "
        f"load average before: {os.getloadavg()[0]:.1f}"
    )
    columns = ("alone ms", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'URL':45} " + " ".join(f"{c:>8}" for c in columns) + "  errors  target")
    figures: dict[str, float] = {}
    try:
        for url, paths in phases:
            # one client alone first: the time a request takes to serve, without queueing (for
            # distinct URLs, on other URLs than the loaded run's, so that neither finds them kept)
            alone_paths = paths if len(paths) == 1 else distinct(paths[0].split("?")[0], 200, seed=9)
            alone, _, _ = asyncio.run(load(port, alone_paths, 1, 200))
            latencies, wall, errors = asyncio.run(load(port, paths, args.clients, args.requests))
            p95 = percentile(latencies, 95)
            figures[url] = p95
            target = TARGETS.get(url)
            verdict = (
                "" if target is None else f"p95 < {target:.0f} ms: {'met' if p95 < target else 'MISSED'}"
            )
            row = (
                statistics.median(alone),
                len(latencies) / wall,
                statistics.median(latencies),
                p95,
                percentile(latencies, 99),
            )
            print(f"{url:45} " + " ".join(f"{v:8.1f}" for v in row) + f"  {errors:6d}  {verdict}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    baseline = figures["/static/style.css"]
    for url in TARGETS:
        print(
            f"{url}: p95 {figures[url]:.1f} ms, {figures[url] / baseline:.1f}x the static baseline "
            f"({baseline:.1f} ms)"
        )


if __name__ == "__main__":
    main()
