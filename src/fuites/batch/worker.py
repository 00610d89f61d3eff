"""One shard on one worker: read -> clean -> extract (the ingest readers and `extract_each`),
rows written as they come; the lexicons and the spaCy model are loaded once per worker process."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from fuites.batch.output import ShardWriter, read_marker
from fuites.batch.shards import Shard
from fuites.ingest.archive import read_archive_paths
from fuites.ingest.article import RawArticle, ReadFailure

# Articles extracted together (spaCy runs on batches); a worker holds this many texts at most,
# plus the rows of one Parquet row group.
CHUNK = 32
# Failures kept in a shard's marker: enough to act on, bounded for a shard of garbage.
MAX_FAILURES = 1000


def warm() -> None:
    """Load what extraction needs (lexicons, the French NER model) and the MinHash permutations
    once in this process."""
    from fuites.extract import nlp
    from fuites.merge import minhash
    from fuites.vocab import load

    for lang in ("fr", "en"):
        load(lang)
        nlp.ner_model(lang)
    minhash(" ".join(["mot"] * 30))


def process_shard(shard: Shard, out: str) -> dict[str, Any]:
    """Extract every article of a shard into its tables; a shard already complete is skipped."""
    from fuites.extract.each import extract_each

    folder = Path(out)
    done = read_marker(folder, shard.name)
    if done is not None:
        return {**done, "skipped": True, "pid": os.getpid()}
    start, started = time.perf_counter(), time.time()
    writer = ShardWriter(folder, shard.name)
    failures: list[str] = []
    failed = 0
    pending: list[RawArticle] = []

    def run(raws: list[RawArticle]) -> None:
        nonlocal failed
        for raw, doc in zip(raws, extract_each(raws), strict=True):
            if isinstance(doc, str):
                failed += 1
                if len(failures) < MAX_FAILURES:
                    failures.append(f"cannot extract {raw.source}: {doc}")
            else:
                writer.add(doc, raw.source)

    try:
        for item in read_archive_paths(list(shard.files)):
            if isinstance(item, ReadFailure):
                failed += 1
                if len(failures) < MAX_FAILURES:
                    failures.append(item.message)
                continue
            pending.append(item)
            if len(pending) >= CHUNK:
                run(pending)
                pending = []
        run(pending)
        marker = {
            "shard": shard.name, "files": list(shard.files), "articles": writer.count,
            "reporting": writer.reporting, "incidents": writer.incident_count, "failed": failed,
            "failures": failures, "seconds": round(time.perf_counter() - start, 3),
            "started": round(started, 3), "finished": round(time.time(), 3),
        }
        writer.finish(marker)
        marker["peak_rss_mb"] = peak_rss_mb()
    except BaseException:
        writer.abandon()
        raise
    return {**marker, "skipped": False, "pid": os.getpid()}


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1_000_000 if sys.platform == "darwin" else 1_000), 1)
