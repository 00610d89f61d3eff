"""Two `fuites ingest` processes on one store at once: both complete, every article stored once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from fuites.store import Store
from fuites.store.tables import Article, Organisation
from press import write_articles

FUITES = str(Path(sys.executable).parent / "fuites")
COUNT = 10


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
        assert f"ingest: {COUNT} new" in result.stderr
    with Store(db_url) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar() == 2 * COUNT
        keys = conn.execute(select(Organisation.key)).scalars().all()
        assert len(keys) == len(set(keys))


def test_two_ingests_of_the_same_files_store_each_once(db_url: str, tmp_path: Path) -> None:
    write_articles(tmp_path / "a", COUNT)
    results = run_both(db_url, tmp_path / "a", tmp_path / "a")
    for result in results:
        assert result.returncode == 0, result.stderr
    assert sorted(r.stderr.count("new") for r in results)
    with Store(db_url) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar() == COUNT
