"""Kill -9 at a random point of an ingest, run it again, and check what the store and a webhook hold.

A module of its own (not conftest.py): `tests/test_crash.py` runs a few trials, `bench/killtest.py`
many. Each trial: a fresh store with a watch whose webhook is a receiver on 127.0.0.1; `fuites
ingest --records` killed with SIGKILL at a random moment after its first write; the same ingest
run again to completion (in this process); then `alerts retry` with no lease (the killed process may have died
while sending). The store must then be the clean run's: every article once, the same incidents,
integrity intact; and every alert the final incidents call for delivered, once per delivery id.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from fuites import alerts, urlpolicy
from fuites.ingest.files import record_lines
from fuites.store import Store
from fuites.store.tables import Article, Incident, alert_outbox
from press import record

FUITES = str(Path(sys.executable).parent / "fuites")


@dataclass
class Receiver:
    url: str = ""
    received: list[str] = field(default_factory=list)  # X-Fuites-Delivery of each request
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1 that answers 200 to every POST and notes its delivery id."""
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.lock:
                state.received.append(self.headers.get(alerts.DELIVERY_HEADER, ""))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def write_records(path: Path, count: int) -> Path:
    """`count` articles on count*2/3 organisations: the last third are follow-ups that update incidents."""
    firsts = count - count // 3
    lines = [record(i) for i in range(firsts)] + [record(i, 1) for i in range(count // 3)]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


@contextmanager
def private_webhooks() -> Iterator[None]:
    """This process may post webhooks to the receiver on 127.0.0.1 (and nowhere else private)."""
    before = os.environ.get(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS)
    os.environ[urlpolicy.UNSAFE_PRIVATE_WEBHOOKS] = "127.0.0.1"
    try:
        yield
    finally:
        if before is None:
            del os.environ[urlpolicy.UNSAFE_PRIVATE_WEBHOOKS]
        else:
            os.environ[urlpolicy.UNSAFE_PRIVATE_WEBHOOKS] = before


def env() -> dict[str, str]:
    return {**os.environ, urlpolicy.UNSAFE_PRIVATE_WEBHOOKS: "127.0.0.1"}


def ingest_command(db: str, records: Path) -> list[str]:
    return [FUITES, "ingest", "--records", "--db", db, str(records)]


def articles_in(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Article)).scalar() or 0)


def incidents_of(store: Store) -> Counter[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(Incident.victim, Incident.n_articles, Incident.data, Incident.affected_count))
        return Counter((v, n, tuple(sorted(d)), c) for v, n, d, c in rows)


def expected_incidents(records: Path, tmp: Path) -> Counter[tuple[Any, ...]]:
    """The incidents of a run never interrupted, on a SQLite store of its own."""
    with Store(tmp / "clean.db") as store:
        store.add_records(records.read_text(encoding="utf-8").splitlines())
        return incidents_of(store)


@dataclass
class Trial:
    killed_at: float  # seconds after the first write
    phases: dict[str, float]  # seconds each step took: the killed run, the second run, the retry
    articles_when_killed: int
    problems: list[str]
    lost: int  # articles of the input missing from the store after the second run
    duplicated: int  # rows beyond one per article
    deliveries: int
    resent: int  # requests the receiver got more than once for one delivery id (it deduplicates)


def trial(db: str, records: Path, expected: Counter[tuple[Any, ...]], count: int, seed: int,
          window: float) -> Trial:
    """One kill and recovery on the fresh store `db`; `window` is how long after its first write
    the kill may come (a clean run's writing time)."""
    rng = random.Random(seed)
    problems: list[str] = []
    phases: dict[str, float] = {}
    mark = time.monotonic()
    with receiver() as hook, Store(db) as store:
        with private_webhooks():
            alerts.add_watch(store, data=["email"], webhook=hook.url)
        proc = subprocess.Popen(ingest_command(db, records), env=env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        started = time.monotonic()
        while proc.poll() is None and articles_in(store) == 0 and time.monotonic() - started < 120:
            time.sleep(0.02)
        delay = rng.uniform(0, window)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        at_kill = articles_in(store)
        phases["killed run"], mark = time.monotonic() - mark, time.monotonic()
        with private_webhooks():
            # the second run in this process, as `fuites ingest --records` runs it
            with Store(db, on_change=alerts.notify_changes) as again:
                report = again.add_records(record_lines(str(records)), source=str(records))
            problems += [f"the second run failed: {o.message}" for o in report.failed]
            phases["second run"], mark = time.monotonic() - mark, time.monotonic()
            # the killed process may have died while sending: no lease to wait for here
            alerts.retry(store, policy=alerts.RetryPolicy(attempts=2, backoff=0.0, timeout=5.0, lease=0.0))
            phases["retry"], mark = time.monotonic() - mark, time.monotonic()
            problems += check_store(store, expected, count)
            problems += check_alerts(store, hook)
            deliveries = len(alerts.list_deliveries(store))
            with store.engine.connect() as conn:
                docs = conn.execute(select(Article.doc_id)).scalars().all()
        resent = sum(n - 1 for n in Counter(hook.received).values() if n > 1)
    distinct = len(set(docs))
    return Trial(delay, phases, at_kill, problems, count - distinct, len(docs) - distinct, deliveries, resent)


def check_store(store: Store, expected: Counter[tuple[Any, ...]], count: int) -> list[str]:
    problems = []
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            if integrity != "ok":
                problems.append(f"integrity_check: {integrity}")
            if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                problems.append("foreign_key_check found rows pointing nowhere")
        docs = conn.execute(select(Article.doc_id)).scalars().all()
    if len(docs) != count or len(set(docs)) != count:
        problems.append(f"{len(set(docs))} distinct articles in {len(docs)} rows, {count} expected")
    got = incidents_of(store)
    if got != expected:
        problems.append(f"incidents differ from a clean run: missing {expected - got}, extra {got - expected}")
    return problems


def check_alerts(store: Store, hook: Receiver) -> list[str]:
    problems = []
    watch = alerts.list_watches(store)[0]
    with store.engine.connect() as conn:
        ids = conn.execute(select(Incident.id)).scalars().all()
        left = conn.execute(select(func.count()).select_from(alert_outbox)).scalar()
    if left:
        problems.append(f"{left} rows left in the alerts outbox")
    due = {}
    for iid in ids:
        incident = store.show(iid)
        if watch.matches(incident, None, None):
            due[iid] = alerts.change_key(incident)
    rows = alerts.list_deliveries(store)
    with store.engine.connect() as conn:
        keys = dict(conn.execute(select(alerts.deliveries.c.id, alerts.deliveries.c.change_key)).all())
    received = set(hook.received)
    latest = {r.incident: r for r in rows}
    for iid, key in due.items():
        row = latest.get(iid)
        if row is None or keys[row.id] != key:
            problems.append(f"incident {iid}: its latest facts were not alerted")
        elif row.status != "sent" or str(row.id) not in received:
            problems.append(f"incident {iid}: alert {row.id} is {row.status}, received: {str(row.id) in received}")
    per_incident = Counter(r.incident for r in rows)
    if any(n > 1 for n in per_incident.values()):
        problems.append(f"more than one alert for incidents {[i for i, n in per_incident.items() if n > 1]}")
    return problems
