"""Inputs -> shards, the unit of work of a batch: one archive or JSON-lines file each, and the
loose article files of a folder in groups."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from fuites.errors import InputError
from fuites.ingest.archive import is_archive, shard_files

# Loose .txt/.html files taken together as one task, so a task costs more than its scheduling.
FILES_PER_SHARD = 200


@dataclass(frozen=True)
class Shard:
    """A unit of work; `name` is stable across runs of the same inputs (what resuming keys on)."""

    name: str
    files: tuple[str, ...]


def plan(inputs: list[str]) -> list[Shard]:
    """The shards of the inputs, in input order; raise InputError when an input does not exist."""
    missing = [given for given in inputs if not Path(given).exists()]
    if missing:
        raise InputError(f"no such file or folder: {missing[0]}; give JSON-lines (.jsonl, .jsonl.gz), "
                         "WARC (.warc, .warc.gz) files or folders of them")
    files = shard_files(inputs)
    if not files:
        raise InputError("no input file found; give JSON-lines (.jsonl, .jsonl.gz), WARC (.warc, .warc.gz) "
                         "files or folders of them")
    shards: list[Shard] = []
    loose: dict[Path, list[Path]] = {}
    for path in files:
        if is_archive(path) or path.suffix.lower() == ".jsonl":
            shards.append(_shard([path]))
        else:
            loose.setdefault(path.parent, []).append(path)
    for group in loose.values():
        for start in range(0, len(group), FILES_PER_SHARD):
            shards.append(_shard(group[start: start + FILES_PER_SHARD]))
    return shards


def _shard(paths: list[Path]) -> Shard:
    first = paths[0]
    stem = re.sub(r"[^\w.-]+", "_", first.name)[:60]
    digest = hashlib.sha1("\n".join(str(p.resolve()) for p in paths).encode()).hexdigest()[:10]
    return Shard(f"{stem}-{digest}", tuple(str(p) for p in paths))
