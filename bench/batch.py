"""`fuites batch` and `fuites load` on real articles, each against a baseline measured in the same run.

1. Extraction of the same distinct articles by one process (`fuites extract`), by `fuites batch`
   with 1 Dask worker and with 2 workers: articles/s, the scaling ratio of 2 workers over 1, and
   the peak resident memory of each worker (the workers' own figure, in summary.json).
2. Into a store: `fuites ingest` of the same JSON lines (which extracts again) gives the cost of
   an article the old way; then --load records (the real records of step 1, cycled with their
   texts and names varied) go in by `fuites load` into SQLite (and PostgreSQL when
   FUITES_TEST_PG_URL is set) and by `fuites ingest --records` (store and merge only); ingest
   and load are also compared by their CPU time, which a shared machine's load does not stretch.
3. Instead, with --corpus-load: the whole corpus file as it is (OrangeSum: 35,802 articles, one
   file) through `fuites batch` once, then `fuites load` of its output and `fuites ingest` of the
   same file, each into a new SQLite store: wall and CPU time, their ratio, the load average
   around each, and the two stores' row counts (which must be equal).
4. Instead, with --stream N: N articles made by cycling the corpus with its names and numbers
   varied (no text twice, so no cache flatters a figure), in shards of --stream-shard articles,
   through `fuites batch`; the whole run (its process group: the CLI, the Dask scheduler and
   workers) is killed by SIGKILL once --kill-at of the shards are complete, then run again, which
   must skip those shards and leave them untouched; the output must then hold every article of
   the stream exactly once. Long at 1,000,000: not for CI.

Corpora (read from ../shared, never copied): `orangesum` (35,802 French general news articles,
almost none about a breach) or `casie` (509 English breach reports, cycled to --articles).

    .venv/bin/python bench/batch.py [--corpus orangesum|casie] [--articles 300] [--shard 50] [--load 10000]
    .venv/bin/python bench/batch.py --corpus-load [--work DIR]
    .venv/bin/python bench/batch.py --stream 1000000 [--kill-at 0.5] [--stream-shard 10000] [--work DIR]
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
    return timed_cpu(command, **kwargs)[0]


def timed_cpu(command: list[str], **kwargs: object) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a command: on a shared machine the CPU time is
    the figure the neighbours' load does not stretch."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def batch(shards: list[Path], out: Path, workers: int) -> tuple[float, dict[str, object]]:
    seconds = timed([FUITES, "batch", *map(str, shards), "--out", str(out), "--workers", str(workers)],
                    stderr=subprocess.DEVNULL)
    return seconds, json.loads((out / "summary.json").read_text())


def working_span(out: Path) -> float:
    """From the first shard's start to the last one's end: the run without the cluster's start."""
    markers = [json.loads(p.read_text()) for p in (out / "shards").glob("*.json")]
    return max(m["finished"] for m in markers) - min(m["started"] for m in markers)


def extraction(shards: list[Path], work: Path, count: int) -> Path:
    print(f"1. extraction of {count:,} articles ({len(shards)} shards)")
    one = timed([FUITES, "extract", *map(str, shards)], stderr=subprocess.DEVNULL)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000
    print(f"   1 process (fuites extract): {count / one:7.1f} articles/s  ({one:.0f} s, peak RSS {rss:.0f} MB)")
    rates = {}
    for workers in (1, 2):
        seconds, summary = batch(shards, work / f"out{workers}", workers)
        span = working_span(work / f"out{workers}")
        rates[workers] = count / span
        rss_text = ", ".join(f"{v:.0f}" for v in summary["peak_rss_mb_per_worker"].values())  # type: ignore[attr-defined]
        print(f"   fuites batch, {workers} worker{'s' if workers > 1 else ' '}: {rates[workers]:7.1f} articles/s  "
              f"({span:.0f} s working, {seconds:.0f} s with the cluster's start; "
              f"{summary['reporting_incident']} reporting an incident; peak RSS per worker {rss_text} MB)")
    print(f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: figures are the machine's share)")
    print(f"   scaling, 2 workers / 1: {rates[2] / rates[1]:.2f}x;  "
          f"1 worker / 1 process: {rates[1] * one / count:.2f}x")
    return work / "out2"


def cycled_output(out: Path, work: Path, count: int) -> tuple[Path, Path]:
    """A batch output of `count` distinct articles made from the records of a real one, each turn
    of the cycle with its texts and victims' names varied (so nothing is a duplicate and each turn
    makes incidents of its own), written by the batch's own writer; and the same as JSON lines."""
    from fuites.batch.output import ShardWriter, read_documents, write_json
    from fuites.store.bulk import shard_names

    documents = [doc for name in shard_names(out) for doc, _ in read_documents(out, name)]
    target, records = work / f"cycled-{count}", work / f"cycled-{count}.jsonl"
    writer, names = None, []
    with records.open("w", encoding="utf-8") as lines:
        for number in range(count):
            doc = documents[number % len(documents)]
            turn = number // len(documents)
            vary = varied({"id": doc.doc, "text": doc.text, "title": doc.title or ""}, turn)
            copy = doc.model_copy(deep=True, update={"doc": vary["id"], "text": vary["text"],
                                                     "title": vary["title"] or None,
                                                     "url": f"{doc.url}~{turn}" if doc.url else None})
            for incident in copy.incidents:
                if incident.victim:
                    incident.victim = varied({"id": "", "text": incident.victim}, turn)["text"]
            if number % 5000 == 0:
                if writer:
                    writer.finish({})
                names.append(f"cycled-{len(names):04d}")
                writer = ShardWriter(target, names[-1])
            assert writer is not None
            writer.add(copy, f"cycled:{number}")
            lines.write(copy.model_dump_json() + "\n")
    if writer:
        writer.finish({})
    write_json(target / "plan.json", {"shards": [{"name": n, "files": []} for n in names]})
    return target, records


def loading(shards: list[Path], out: Path, work: Path, count: int, load_count: int) -> None:
    print(f"2. into a store: `fuites ingest` of the {count:,} articles, then {load_count:,} of their records cycled")
    ingest, ingest_cpu = timed_cpu([FUITES, "ingest", *map(str, shards), "--db", str(work / "ingest.db")],
                                   stderr=subprocess.DEVNULL)
    per_article = ingest / count
    print(f"   fuites ingest (extracts again):         {count / ingest:8.1f} articles/s  ({ingest:.0f} s; "
          f"CPU {1000 * ingest_cpu / count:.1f} ms an article)")
    target, records = cycled_output(out, work, load_count)
    ingest_records = timed([FUITES, "ingest", "--records", str(records), "--db", str(work / "records.db")],
                           stderr=subprocess.DEVNULL)
    load, load_cpu = timed_cpu([FUITES, "load", str(target), "--db", str(work / "load.db")], stderr=subprocess.DEVNULL)
    print(f"   fuites ingest --records (store, merge): {load_count / ingest_records:8.1f} articles/s  "
          f"({ingest_records:.0f} s)")
    print(f"   fuites load, SQLite:                    {load_count / load:8.1f} articles/s  ({load:.0f} s): "
          f"{per_article * load_count / load:.0f}x ingest, {ingest_records / load:.1f}x ingest --records; "
          f"CPU {1000 * load_cpu / load_count:.1f} ms an article, "
          f"{(ingest_cpu / count) / (load_cpu / load_count):.0f}x less than ingest")
    pg = os.environ.get("FUITES_TEST_PG_URL")
    if pg:
        import psycopg

        name = f"fuites_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = pg.rsplit("/", 1)[0] + "/" + name
            load_pg = timed([FUITES, "load", str(target), "--db", url], stderr=subprocess.DEVNULL)
            print(f"   fuites load, PostgreSQL:                {load_count / load_pg:8.1f} articles/s  "
                  f"({load_pg:.0f} s)")
        finally:
            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def store_counts(db: Path) -> dict[str, int]:
    """Rows per table of a SQLite store, the full-text index's included."""
    import sqlite3

    tables = ("articles", "article_bands", "organisations", "org_aliases", "incidents", "incident_tags", "mentions")
    with sqlite3.connect(db) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        counts["articles_fts matches of 'données'"] = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'donnees'").fetchone()[0]
    return counts


def corpus_load(work: Path) -> None:
    """`fuites batch` of the whole corpus file once, then `fuites load` of its output against
    `fuites ingest` of the same file, each into a new SQLite store."""
    if not ORANGESUM.exists():
        sys.exit(f"skipped: {ORANGESUM} is absent")
    print(f"3. the whole corpus {ORANGESUM.name}: `fuites load` of its `fuites batch` output against "
          "`fuites ingest` of the file")
    out = work / "corpus-out"
    seconds, summary = batch([ORANGESUM], out, 2)
    print(f"   fuites batch: {summary['articles']:,} articles in {seconds:.0f} s, "
          f"{summary['reporting_incident']} reporting an incident (load average {os.getloadavg()[0]:.1f})",
          flush=True)
    figures = {}
    for name, command in (("load", [FUITES, "load", str(out)]), ("ingest", [FUITES, "ingest", str(ORANGESUM)])):
        db = work / f"corpus-{name}.db"
        before = os.getloadavg()[0]
        wall, cpu = timed_cpu([*command, "--db", f"sqlite:///{db}"], stderr=subprocess.DEVNULL)
        figures[name] = (wall, cpu, store_counts(db))
        print(f"   fuites {name:6}: {wall:6.1f} s wall, {cpu:6.1f} s CPU "
              f"(load average {before:.1f} before, {os.getloadavg()[0]:.1f} after)", flush=True)
    (load_wall, load_cpu, loaded), (ingest_wall, ingest_cpu, ingested) = figures["load"], figures["ingest"]
    print(f"   load is {ingest_wall / load_wall:.1f}x faster than ingest in wall time, "
          f"{ingest_cpu / load_cpu:.1f}x in CPU time")
    print(f"   rows: {', '.join(f'{k} {v:,}' for k, v in loaded.items())}")
    if loaded != ingested:
        sys.exit(f"FAILED: the stores differ: ingest gave {ingested}")
    print("   the two stores hold the same number of rows in every table")


def stream_ids(name: str, count: int) -> list[str]:
    """The ids `stream` gives its articles, in order, without making their texts."""
    base = [a["id"] for a in (corpus(name) if name == "casie" or count > 35_802 else islice(corpus(name), count))]
    return [base[n % len(base)] + (f"~{n // len(base)}" if n >= len(base) else "") for n in range(count)]


def group_of(pid: int) -> set[int]:
    """The processes still alive in a process group (a killed run must leave none)."""
    alive = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pid and fields[0] != "Z":
                alive.add(int(entry.name))
    return alive


def markers(out: Path) -> dict[str, int]:
    """The shards marked complete and when their marker was written (ns)."""
    return {p.stem: p.stat().st_mtime_ns for p in (out / "shards").glob("*.json")}


def killed_and_resumed(name: str, count: int, work: Path, workers: int, shard: int, kill_at: float) -> None:
    """`fuites batch` on a stream of `count` articles, its whole process group killed (SIGKILL) once
    `kill_at` of the shards are complete, then run again: the complete shards must be skipped and
    left as they were, and the output must hold every article exactly once."""
    print(f"3. a stream of {count:,} articles ({name} cycled, names and numbers varied), "
          f"{workers} workers, killed once and resumed")
    start = time.perf_counter()
    shards = write_shards(stream(name, count), work / "stream", shard)
    made = time.perf_counter() - start
    size = sum(p.stat().st_size for p in shards) / 1e6
    print(f"   {len(shards)} shards of {shard:,} articles made in {made:.0f} s ({size:,.0f} MB gzipped)", flush=True)
    out = work / "stream-out"
    command = [FUITES, "batch", *map(str, shards), "--out", str(out), "--workers", str(workers)]
    goal = max(1, min(len(shards) - 1, round(len(shards) * kill_at)))
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while process.poll() is None and len(markers(out)) < goal:
        time.sleep(1)
    if process.poll() is not None:
        sys.exit(f"the run ended (exit {process.returncode}) before {goal} shards were done: nothing to kill")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for _ in range(50):
        if not group_of(process.pid):
            break
        time.sleep(0.1)
    left = group_of(process.pid)
    first = time.perf_counter() - start
    done = markers(out)
    partial = [p.name for p in out.rglob(".*.tmp")]
    print(f"   killed (SIGKILL to the whole process group) after {first:.0f} s with {len(done)} of {len(shards)} "
          f"shards complete, {len(partial)} half-written files; processes left alive: {len(left)}", flush=True)
    second, summary = batch(shards, out, workers)
    after = markers(out)
    untouched = sum(after.get(s) == t for s, t in done.items())
    print(f"   resumed in {second:.0f} s: {summary['skipped']} shards skipped (complete at the kill: {len(done)}; "
          f"left untouched: {untouched}), {len(shards) - int(summary['skipped'])} run")  # type: ignore[call-overload]
    import pyarrow.parquet as pq

    ids = [i for path in sorted((out / "articles").glob("*.parquet"))
           for i in pq.read_table(path, columns=["id"]).column("id").to_pylist()]
    expected = stream_ids(name, count)
    once = len(ids) == len(set(ids)) == count and set(ids) == set(expected)
    leftovers = list(out.rglob(".*.tmp"))
    print(f"   output: {len(ids):,} article rows, {len(set(ids)):,} distinct ids, every article of the stream "
          f"exactly once: {'yes' if once else 'NO'}; {len(leftovers)} temporary files left; "
          f"{summary['reporting_incident']:,} reporting an incident, {summary['incidents']:,} incidents, "
          f"{summary['failed']} failed")
    rss = ", ".join(f"{v:.0f}" for v in summary["peak_rss_mb_per_worker"].values())  # type: ignore[attr-defined]
    total = first + second
    print(f"   {total:.0f} s of batch in all ({total / 60:.1f} min), {count / total:.1f} articles/s; "
          f"peak RSS per worker of the resumed run {rss} MB; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    if not (once and int(summary["skipped"]) == len(done) == untouched and not left):  # type: ignore[call-overload]
        sys.exit("FAILED: the resumed run did not skip exactly the complete shards or lost or repeated articles")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", choices=["orangesum", "casie"], default="orangesum")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--shard", type=int, default=50, help="articles per shard")
    parser.add_argument("--load", type=int, default=10_000, help="records cycled for the load figures")
    parser.add_argument("--corpus-load", action="store_true",
                        help="instead: the whole corpus batched once, then `fuites load` against `fuites ingest`")
    parser.add_argument("--stream", type=int, default=0,
                        help="instead: a stream of this many articles, killed once and resumed")
    parser.add_argument("--stream-shard", type=int, default=10_000, help="articles per shard of the stream")
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of the stream's shards done at the kill")
    parser.add_argument("--workers", type=int, default=2, help="workers of the --stream run")
    parser.add_argument("--work", help="folder for the shards and outputs (default: a temporary one, removed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuites-bench-", dir=args.work) as folder:
        work = Path(folder)
        if args.corpus_load:
            corpus_load(work)
            return
        if args.stream:
            killed_and_resumed(args.corpus, args.stream, work, args.workers, args.stream_shard, args.kill_at)
            return
        shards = write_shards(stream(args.corpus, args.articles), work / "shards", args.shard)
        out = extraction(shards, work, args.articles)
        loading(shards, out, work, args.articles, args.load)


if __name__ == "__main__":
    main()
