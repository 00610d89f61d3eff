"""`fuites batch` and `fuites load` on real articles, each against a baseline measured in the same run.

1. Extraction of the same distinct articles by one process (`fuites extract`), by `fuites batch`
   with 1 Dask worker and with 2 workers: articles/s, the scaling ratio of 2 workers over 1, and
   the peak resident memory of each worker (the workers' own figure, in summary.json).
2. Into a store: `fuites load` of the batch output into SQLite (and PostgreSQL when
   FUITES_TEST_PG_URL is set), against `fuites ingest` of the same JSON lines (which extracts
   again) and `fuites ingest --records` of the same records (store and merge only).
3. With --stream N: N articles made by cycling the corpus with its names and numbers varied (no
   text twice, so no cache flatters a figure), in shards of 10,000; the run is killed once half
   of the shards are done, then run again, which must skip them. Long: not for CI.

Corpora (read from ../shared, never copied): `orangesum` (35,802 French general news articles,
almost none about a breach) or `casie` (509 English breach reports, cycled to --articles).

    .venv/bin/python bench/batch.py [--corpus orangesum|casie] [--articles 300] [--shard 50]
    .venv/bin/python bench/batch.py --stream 1000000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ORANGESUM = SHARED / "corpora" / "orangesum-fr.jsonl.gz"
CASIE = SHARED / "eval" / "casie-dev" / "texts"
FUITES = str(Path(sys.executable).with_name("fuites"))


def corpus(name: str) -> Iterator[dict[str, str]]:
    if name == "orangesum":
        if not ORANGESUM.exists():
            sys.exit(f"skipped: {ORANGESUM} is absent")
        with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)
        return
    if not CASIE.is_dir():
        sys.exit(f"skipped: {CASIE} is absent")
    for path in sorted(CASIE.glob("*.txt")):
        yield {"id": path.stem, "text": path.read_text(encoding="utf-8")}


_NAME = re.compile(r"\b([A-ZÉ][a-zéèêëàâîïôûç]{3,})\b")
_NUMBER = re.compile(r"\d+")
_SUFFIXES = ["ia", "ex", "on", "ar", "is", "um", "el", "ya"]


def varied(article: dict[str, str], turn: int) -> dict[str, str]:
    """The article of the given turn of the cycle: capitalised names and every number changed, so
    that no two turns share a text (turn 0 is the article itself)."""
    if turn == 0:
        return article
    suffix = _SUFFIXES[turn % len(_SUFFIXES)] + (str(turn // len(_SUFFIXES)) if turn >= len(_SUFFIXES) else "")

    def vary(text: str) -> str:
        text = _NAME.sub(lambda m: m.group(1) + suffix, text)
        return _NUMBER.sub(lambda m: str(int(m.group()) + turn), text)

    out = dict(article)
    out["id"] = f"{article['id']}~{turn}"
    for field in ("text", "title"):
        if article.get(field):
            out[field] = vary(article[field])
    return out


def stream(name: str, count: int) -> Iterator[dict[str, str]]:
    base = list(corpus(name)) if name == "casie" or count > 35_802 else list(islice(corpus(name), count))
    for number, article in enumerate(islice(cycle(base), count)):
        yield varied(article, number // len(base))


def write_shards(articles: Iterator[dict[str, str]], folder: Path, size: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    while chunk := list(islice(articles, size)):
        path = folder / f"shard-{len(paths):05d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
            out.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in chunk)
        paths.append(path)
    return paths


def timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def batch(shards: list[Path], out: Path, workers: int) -> tuple[float, dict[str, object]]:
    seconds = timed([FUITES, "batch", *map(str, shards), "--out", str(out), "--workers", str(workers)],
                    stderr=subprocess.DEVNULL)
    return seconds, json.loads((out / "summary.json").read_text())


def extraction(shards: list[Path], work: Path, count: int) -> Path:
    print(f"1. extraction of {count:,} articles ({len(shards)} shards)")
    one = timed([FUITES, "extract", *map(str, shards)], stderr=subprocess.DEVNULL)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000
    print(f"   1 process (fuites extract): {count / one:7.1f} articles/s  ({one:.0f} s, peak RSS {rss:.0f} MB)")
    rates = {}
    for workers in (1, 2):
        seconds, summary = batch(shards, work / f"out{workers}", workers)
        rates[workers] = count / seconds
        rss_text = ", ".join(f"{v:.0f}" for v in summary["peak_rss_mb_per_worker"].values())  # type: ignore[attr-defined]
        print(f"   fuites batch, {workers} worker{'s' if workers > 1 else ' '}: {rates[workers]:7.1f} articles/s  "
              f"({seconds:.0f} s with the cluster's start, {summary['reporting_incident']} reporting an incident; "
              f"peak RSS per worker {rss_text} MB)")
    print(f"   scaling, 2 workers / 1: {rates[2] / rates[1]:.2f}x;  "
          f"1 worker / 1 process: {rates[1] * one / count:.2f}x")
    return work / "out2"


def loading(shards: list[Path], out: Path, work: Path, count: int) -> None:
    print(f"2. into a store ({count:,} articles)")
    records = work / "records.jsonl"
    with records.open("w") as sink:
        subprocess.run([FUITES, "extract", *map(str, shards)], check=True, stdout=sink, stderr=subprocess.DEVNULL)
    ingest = timed([FUITES, "ingest", *map(str, shards), "--db", str(work / "ingest.db")], stderr=subprocess.DEVNULL)
    ingest_records = timed([FUITES, "ingest", "--records", str(records), "--db", str(work / "records.db")],
                           stderr=subprocess.DEVNULL)
    load = timed([FUITES, "load", str(out), "--db", str(work / "load.db")], stderr=subprocess.DEVNULL)
    print(f"   fuites ingest (extracts again):        {ingest:7.1f} s")
    print(f"   fuites ingest --records (store, merge): {ingest_records:7.1f} s")
    print(f"   fuites load, SQLite:                   {load:7.1f} s  ({ingest / load:.1f}x ingest, "
          f"{ingest_records / load:.1f}x ingest --records)")
    pg = os.environ.get("FUITES_TEST_PG_URL")
    if pg:
        import psycopg

        name = f"fuites_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = pg.rsplit("/", 1)[0] + "/" + name
            load_pg = timed([FUITES, "load", str(out), "--db", url], stderr=subprocess.DEVNULL)
            print(f"   fuites load, PostgreSQL:               {load_pg:7.1f} s")
        finally:
            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def killed_and_resumed(name: str, count: int, work: Path, workers: int) -> None:
    print(f"3. a stream of {count:,} articles, killed once and resumed")
    shards = write_shards(stream(name, count), work / "stream", 10_000)
    out = work / "stream-out"
    command = [FUITES, "batch", *map(str, shards), "--out", str(out), "--workers", str(workers)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while process.poll() is None and len(list((out / "shards").glob("*.json"))) < len(shards) // 2:
        time.sleep(5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first = time.perf_counter() - start
    done = len(list((out / "shards").glob("*.json")))
    print(f"   killed after {first:.0f} s with {done} of {len(shards)} shards done")
    second, summary = batch(shards, out, workers)
    total = first + second
    print(f"   resumed: {summary['skipped']} shards skipped (must be {done}), {summary['articles']:,} articles, "
          f"{summary['reporting_incident']:,} reporting an incident; {total:.0f} s in all, "
          f"{count / total:.1f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", choices=["orangesum", "casie"], default="orangesum")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--shard", type=int, default=50, help="articles per shard")
    parser.add_argument("--stream", type=int, default=0, help="also run a stream of this many articles")
    parser.add_argument("--workers", type=int, default=2, help="workers of the --stream run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuites-bench-") as folder:
        work = Path(folder)
        shards = write_shards(stream(args.corpus, args.articles), work / "shards", args.shard)
        out = extraction(shards, work, args.articles)
        loading(shards, out, work, args.articles)
        if args.stream:
            killed_and_resumed(args.corpus, args.stream, work, args.workers)


if __name__ == "__main__":
    main()
