"""Each store test runs on SQLite and, when FUITES_TEST_PG_URL is set (.ci/postgres.sh), PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fuites.store import Store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s
