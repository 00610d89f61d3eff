"""`fuites batch`: the shards of an archive extracted on a Dask cluster, one task per shard.

A LocalCluster of one single-threaded worker process per core by default (extraction is pure
Python: threads would share one interpreter lock), or a running scheduler's workers. Shards
already complete in the output folder are not sent again, so a killed run continues where it
stopped.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuites.batch.output import read_marker, write_json
from fuites.batch.shards import Shard, plan
from fuites.batch.worker import process_shard, warm
from fuites.errors import FuitesError


@dataclass
class BatchSummary:
    """What `summary.json` says: totals of the run and of the shards it found already done."""

    shards: int = 0
    skipped: int = 0
    failed_shards: list[str] = field(default_factory=list)
    articles: int = 0
    reporting: int = 0
    incidents: int = 0
    failed: int = 0
    seconds: float = 0.0
    workers: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The counts cover the shards of this run and those found done, together."""
        return {
            "shards": self.shards, "skipped": self.skipped, "failed_shards": self.failed_shards,
            "articles": self.articles, "reporting_incident": self.reporting, "incidents": self.incidents,
            "failed": self.failed, "seconds": round(self.seconds, 3), "workers": self.workers,
            "peak_rss_mb_per_worker": self.peak_rss_mb, "failures": self.failures[:1000],
        }


# The callbacks the CLI draws its progress with.
OnStart = Callable[[int, str | None], None]  # shards to do, dashboard address
OnShard = Callable[[dict[str, Any]], None]  # a shard's marker, as it completes


def run_batch(
    inputs: Sequence[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    processes: bool = True,
    on_start: OnStart | None = None,
    on_shard: OnShard | None = None,
) -> BatchSummary:
    """Extract every article of `inputs` into Parquet tables under `out` (see fuites.batch.output)."""
    folder = Path(out)
    shards = plan(list(inputs))
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "plan.json", {"shards": [{"name": s.name, "files": list(s.files)} for s in shards]})
    summary = BatchSummary(shards=len(shards))
    start = time.perf_counter()
    todo: list[Shard] = []
    for shard in shards:
        marker = read_marker(folder, shard.name)
        if marker is None:
            todo.append(shard)
        else:
            summary.skipped += 1
            _count(summary, marker)
    if not todo:
        if on_start:
            on_start(0, None)
    else:
        _run(todo, folder, summary, _client(workers, scheduler, processes), on_start, on_shard)
    summary.seconds = time.perf_counter() - start
    write_json(folder / "summary.json", summary.as_dict())
    return summary


def _run(todo: list[Shard], folder: Path, summary: BatchSummary, cluster: _client, on_start: OnStart | None,
         on_shard: OnShard | None) -> None:
    from distributed import as_completed

    with cluster as client:
        summary.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        if on_start:
            on_start(len(todo), client.dashboard_link if _has_dashboard(client) else None)
        client.run(warm)
        futures = [client.submit(process_shard, shard, str(folder), key=f"shard-{shard.name}", pure=False)
                   for shard in todo]
        names = {f.key: s.name for f, s in zip(futures, todo, strict=True)}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            if future.status == "error":
                error = future.exception()
                summary.failed_shards.append(names[future.key])
                summary.failures.append(f"shard {names[future.key]} failed: {type(error).__name__}: {error}")
                continue
            marker = future.result()
            _count(summary, marker)
            worker = f"pid {marker['pid']}"
            summary.peak_rss_mb[worker] = max(summary.peak_rss_mb.get(worker, 0.0), marker["peak_rss_mb"])
            if on_shard:
                on_shard(marker)
            future.release()


def _count(summary: BatchSummary, marker: dict[str, Any]) -> None:
    summary.articles += int(marker.get("articles", 0))
    summary.reporting += int(marker.get("reporting", 0))
    summary.incidents += int(marker.get("incidents", 0))
    summary.failed += int(marker.get("failed", 0))
    summary.failures += list(marker.get("failures", []))[: max(0, 1000 - len(summary.failures))]


class _client:
    """A Client on the given scheduler, or on a LocalCluster of its own closed on exit."""

    def __init__(self, workers: int | None, scheduler: str | None, processes: bool) -> None:
        self.workers, self.scheduler, self.processes = workers, scheduler, processes
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> Any:
        import logging

        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout="20s")  # type: ignore[no-untyped-call]
                return self._client
            # Dask logs each worker's start and stop; the progress bar says what matters.
            logging.getLogger("distributed").setLevel(logging.ERROR)
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=self.processes,
                dashboard_address=":0", silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
            return self._client
        except OSError as error:
            self.__exit__()
            where = self.scheduler or "a local cluster"
            raise FuitesError(f"cannot start or reach the Dask scheduler ({where}): {error}; "
                              "check --scheduler tcp://HOST:8786 and that the scheduler runs") from error

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _has_dashboard(client: Any) -> bool:
    try:
        import bokeh  # noqa: F401 - the dashboard needs it
    except ImportError:
        return False
    return bool(client.dashboard_link)
