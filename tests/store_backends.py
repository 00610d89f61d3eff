"""Test databases for the store: a SQLite file, or a fresh PostgreSQL database under .ci/postgres.sh.

A module of its own (not conftest.py) so that tests outside tests/store import it by a unique name.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("FUITES_TEST_PG_URL")


def fresh_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of the given kind, dropped afterwards."""
    if kind == "sqlite":
        yield str(tmp_path / "fuites.db")
        return
    if not PG_URL:
        pytest.skip("FUITES_TEST_PG_URL is not set: run under .ci/postgres.sh for PostgreSQL")
    import psycopg

    name = f"fuites_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
