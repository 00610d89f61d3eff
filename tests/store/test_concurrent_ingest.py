"""Two `fuites ingest` processes on one store at once: both complete, every article stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

from sqlalchemy import func, select

from fuites.store import Store
from fuites.store.db import _sqlite_pragmas
from fuites.store.tables import Article, Organisation
from press import write_articles

FUITES = str(Path(sys.executable).parent / "fuites")
COUNT = 6


def run_both(db: str, first: Path, second: Path) -> list[subprocess.CompletedProcess[str]]:
    procs = [subprocess.Popen([FUITES, "ingest", str(folder), "--db", db], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def test_two_ingests_of_the_same_organisations_both_complete(db_url: str, tmp_path: Path) -> None:
    # other papers' texts on the same breaches: both processes create the same organisations
    write_articles(tmp_path / "a", COUNT, variant=0)
    write_articles(tmp_path / "b", COUNT, variant=1)
    for result in run_both(db_url, tmp_path / "a", tmp_path / "b"):
        assert result.returncode == 0, result.stderr
        assert "failed" not in result.stderr and "locked" not in result.stderr
        assert f"({COUNT} new)" in result.stderr
    with Store(db_url) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar() == 2 * COUNT
        keys = conn.execute(select(Organisation.key)).scalars().all()
        assert len(keys) == len(set(keys))


def test_processes_opening_a_new_store_at_once_all_succeed(db_url: str) -> None:
    # each migrates the new store, or waits for the one that does and finds it done
    procs = [subprocess.Popen([sys.executable, "-c", f"from fuites.store import Store; Store({db_url!r}).close()"],
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], errors


def test_connections_opening_a_new_file_at_once_all_get_wal(tmp_path: Path) -> None:
    # SQLite runs no busy handler for the switch to WAL: without retries, some of these fail "locked"
    errors: list[str] = []
    modes: list[str] = []

    def open_settings(path: Path, start: threading.Barrier) -> None:
        start.wait()
        try:
            with closing(sqlite3.connect(path)) as conn:
                _sqlite_pragmas(conn, None)
                modes.append(conn.execute("PRAGMA journal_mode").fetchone()[0])
        except sqlite3.Error as e:
            errors.append(str(e))

    for round_ in range(60):
        start = threading.Barrier(8)
        threads = [threading.Thread(target=open_settings, args=(tmp_path / f"{round_}.db", start)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert set(modes) == {"wal"}
