"""Export speed and memory: every format over a store of N incidents, against a baseline.

    python bench/export.py                 # 100,000 incidents, all formats
    python bench/export.py -n 20000 stix   # fewer, some formats

The store is filled by bulk inserts into its tables (merging 100,000 articles one by one would
take the bench's whole time), with incidents shaped like real ones: three to six data
categories, one or two articles, an actor for one in five. Each format runs in a fresh process
whose peak RSS is read at the end, once over a tenth of the incidents and once over all: memory
that is bounded does not grow with them. The baseline, measured in the same run, reads the same
incidents and writes them as JSON lines: what the export costs beyond reading the store.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

DATA = ["name", "email", "phone", "postal_address", "date_of_birth", "national_id", "bank_account",
        "password", "health", "account_number"]
SECTORS = ["telecom", "health", "retail", "public_admin", "education", "finance", "insurance"]
ATTACKS = ["ransomware", "intrusion", "extortion", "misconfiguration", "supplier", "account_compromise"]
ACTORS = ["LockBit 3.0", "Akira", "Play", "Rhysida", "Medusa"]


def fill(path: Path, n: int, seed: int = 7) -> None:
    """A store of `n` incidents at `n // 3` organisations, written straight into its tables."""
    from fuites.store import Store
    from fuites.store.tables import Article, Incident, Mention, Organisation

    rng = random.Random(seed)
    now = datetime.now()
    with Store(path) as store, store.engine.begin() as conn:
        orgs = max(1, n // 3)
        conn.execute(insert(Organisation), [
            {"id": o + 1, "name": f"Organisation {o}", "key": f"organisation {o}",
             "sector": rng.choice(SECTORS), "country": "FR"} for o in range(orgs)])
        article_id = 0
        for start in range(0, n, 5000):
            incidents, articles, mentions = [], [], []
            for i in range(start + 1, min(n, start + 5000) + 1):
                year, month = rng.randint(2014, 2025), rng.randint(1, 12)
                when = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
                data = rng.sample(DATA, rng.randint(3, 6))
                record = {
                    "victim": f"Organisation {i % orgs}", "sector": rng.choice(SECTORS), "country": "FR",
                    "attack": rng.sample(ATTACKS, rng.randint(1, 2)),
                    "actors": [rng.choice(ACTORS)] if rng.random() < 0.2 else [],
                    "affected_count": rng.randint(100, 5_000_000), "affected_qualifier": "approx",
                    "affected_who": ["customers"], "data": data,
                    "data_not": [] if "password" in data else ["password"],
                    "occurred": when, "discovered": None, "disclosed": when, "authorities": ["dpa"],
                    "notified_individuals": rng.random() < 0.5, "channels": ["email"],
                }
                incidents.append({**record, "id": i, "org_id": i % orgs + 1, "start_date": when,
                                  "end_date": when, "n_articles": 1, "sources": {}, "conflicts": {},
                                  "names": record["victim"], "updated_at": now})
                for _ in range(rng.randint(1, 2)):
                    article_id += 1
                    articles.append({
                        "id": article_id, "doc_id": f"a{article_id}", "source": "bench",
                        "url": f"https://press.example/{article_id}", "text_hash": f"{article_id:064x}",
                        "published": when, "title": f"Fuite chez {record['victim']}", "lang": "fr",
                        "text": "Une fuite de données.", "extraction": {}, "extractor_version": "bench",
                        "ingested_at": now})
                    mentions.append({"article_id": article_id, "position": 0, "incident_id": i,
                                     "is_primary": True, "record": {}, "reasons": ["bench"]})
            conn.execute(insert(Incident), incidents)
            conn.execute(insert(Article), articles)
            conn.execute(insert(Mention), mentions)


def run_one(db: str, fmt: str, limit: int) -> dict[str, float]:
    """In this process: export `limit` incidents of the store to /dev/null; time and peak RSS."""
    from itertools import islice

    from fuites import export
    from fuites.store import Store

    with Store(db) as store, open(os.devnull, "w", encoding="utf-8") as out:
        found = islice(export.incidents(store), limit)
        started = time.perf_counter()
        if fmt == "baseline":
            count = 0
            for incident in found:
                out.write(incident.model_dump_json() + "\n")
                count += 1
        else:
            count = export.write(fmt, found, out)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"incidents": count, "seconds": seconds, "peak_mib": peak}


def measure(db: str, fmt: str, limit: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", db, fmt, str(limit)], check=True,
                         capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("formats", nargs="*", default=["csv", "hibp", "veris", "misp", "stix"])
    parser.add_argument("-n", type=int, default=100_000, help="incidents in the store (default 100,000)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, fmt, limit = args.child
        print(json.dumps(run_one(db, fmt, int(limit))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        started = time.perf_counter()
        fill(Path(db), args.n)
        print(f"store: {args.n:,} incidents written in {time.perf_counter() - started:.1f} s")
        small = max(1, args.n // 10)
        print(f"{'format':<9} {'incidents/s':>12} {'seconds':>9} {'x baseline':>11} "
              f"{'peak MiB @' + format(small, ','):>18} {'peak MiB @' + format(args.n, ','):>18}")
        base = None
        for fmt in ["baseline", *args.formats]:
            few, full = measure(db, fmt, small), measure(db, fmt, args.n)
            base = base or full["seconds"]
            print(f"{fmt:<9} {full['incidents'] / full['seconds']:>12,.0f} {full['seconds']:>9.1f} "
                  f"{full['seconds'] / base:>11.1f} {few['peak_mib']:>18.0f} {full['peak_mib']:>18.0f}")


if __name__ == "__main__":
    main()
