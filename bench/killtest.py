"""Kill -9 an ingest at random points, run it again, and check the store and the alerts each time.

    .venv/bin/python bench/killtest.py [--trials 20] [--articles 300]
    bash .ci/postgres.sh .venv/bin/python bench/killtest.py     # PostgreSQL too

Each trial (tests/crash.py): a fresh store with a watch whose webhook is a receiver on 127.0.0.1,
`fuites ingest --records` killed with SIGKILL at a random moment after its first write, the same
command run again, then `alerts retry`. Checked: SQLite's integrity and foreign keys, every article
stored once (0 lost, 0 duplicated), the incidents equal to those of an uninterrupted run (the
baseline, measured here), every alert the final incidents call for sent and received.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from crash import articles_in, expected_incidents, ingest_command, trial, write_records  # noqa: E402
from fuites.store import Store  # noqa: E402


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    import psycopg

    url = os.environ["FUITES_TEST_PG_URL"]
    name = f"fuites_kill_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("FUITES_TEST_PG_URL") else [])
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = write_records(folder / "records.jsonl", args.articles)
        expected = expected_incidents(records, folder)
        for kind in kinds:
            with database(kind, folder) as db, Store(db) as store:
                start = time.monotonic()
                clean = subprocess.Popen(ingest_command(db, records), stderr=subprocess.PIPE, text=True)
                while clean.poll() is None and articles_in(store) == 0:
                    time.sleep(0.02)
                first = time.monotonic()
                summary = clean.communicate()[1].strip().splitlines()[-1]
                baseline, window = time.monotonic() - start, time.monotonic() - first
            # kills land anywhere from the first write to the end of the alerts' delivery
            print(f"{kind}: uninterrupted run of {args.articles} articles {baseline:.1f} s, {window:.1f} s of it "
                  f"from the first write ({summary}); {sum(expected.values())} incidents")
            lost = duplicated = resent = problems = alerted = 0
            for seed in range(args.trials):
                with database(kind, folder) as db:
                    start = time.monotonic()
                    result = trial(db, records, expected, args.articles, seed=seed, window=window)
                    took = time.monotonic() - start
                status = "ok" if not result.problems else "PROBLEMS: " + "; ".join(result.problems)[:500]
                print(f"  trial {seed:2}: killed {result.killed_at:5.2f} s after the first write, "
                      f"{result.articles_when_killed:4} articles stored then; {result.deliveries} alerts, "
                      f"{result.resent} received twice (same delivery id); {took:5.1f} s; {status}")
                alerted += result.deliveries
                problems += bool(result.problems)
                lost += result.lost
                duplicated += result.duplicated
                resent += result.resent
            failed += problems
            print(f"{kind}: {args.trials} trials, {problems} with problems; {lost} articles lost, {duplicated} "
                  f"duplicated; {alerted} alerts sent, received again under the same delivery id: {resent}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
