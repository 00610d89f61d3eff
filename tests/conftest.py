"""Fixtures shared by the tests of every stage that needs a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store_backends import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty database: SQLite, and PostgreSQL under .ci/postgres.sh (FUITES_TEST_PG_URL)."""
    yield from fresh_database(request.param, tmp_path)
