"""Kill -9 at random points of an ingest, on SQLite and PostgreSQL: nothing lost, nothing twice,
every alert delivered (the long run is bench/killtest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crash import expected_incidents, trial, write_records
from store_backends import fresh_database

COUNT = 90
TRIALS = 3


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("records")
    path = write_records(folder / "records.jsonl", COUNT)
    return path, expected_incidents(path, folder)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path)


@pytest.mark.parametrize("seed", range(TRIALS))
def test_an_ingest_killed_at_a_random_point_then_run_again_loses_nothing(
        fresh: str, records: tuple[Path, Any], seed: int) -> None:
    path, expected = records
    result = trial(fresh, path, expected, COUNT, seed=seed, window=1.5)
    assert result.problems == [], result
