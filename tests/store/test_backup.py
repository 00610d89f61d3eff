"""`fuites backup` and `fuites restore` as an operator runs them, on real SQLite files."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from typer.testing import CliRunner

from fuites.cli import app
from fuites.models import Document, Incident
from fuites.store import Store


def _report(n: int) -> Document:
    text = (f"La société Fictive{n} a signalé le vol des adresses e-mail de {1000 + n} clients "
            f"lors d'une intrusion découverte le {1 + n % 27} mars.")
    return Document(doc=f"d{n}", lang="fr", published="2024-03-28", text=text, reports_incident=True,
                    extractor="test", incidents=[Incident(victim=f"Fictive{n}", data=["email"])])


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def test_a_backup_taken_while_another_process_writes_is_whole_and_restores(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    with Store(db) as store:
        store.add([_report(n) for n in range(20)])
    stop = threading.Event()

    def write() -> None:
        with Store(db) as writer:
            n = 20
            while not stop.is_set() and n < 400:
                writer.add([_report(n)])
                n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        copies = []
        for k in range(3):
            copy = tmp_path / f"backup-{k}.db"
            code, err = _run("backup", str(copy), "--db", db)
            assert code == 0, err
            assert "backup:" in err
            copies.append(copy)
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            mentions = conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0]
        assert articles >= 20 and mentions == articles  # each article whole, with its incidents
        assert not Path(str(copy) + "-wal").exists()
    restored = str(tmp_path / "restored.db")
    code, err = _run("restore", str(copies[-1]), "--db", restored)
    assert code == 0, err
    with Store(restored) as store:
        assert store.search(org="Fictive3")[0].victim == "Fictive3"


def test_restore_never_overwrites_a_store_with_articles_unless_asked(tmp_path: Path) -> None:
    old, current = str(tmp_path / "old.db"), str(tmp_path / "current.db")
    with Store(old) as store:
        store.add([_report(1)])
    code, _ = _run("backup", str(tmp_path / "b.db"), "--db", old)
    assert code == 0
    with Store(current) as store:
        store.add([_report(2), _report(3)])
    code, err = _run("restore", str(tmp_path / "b.db"), "--db", current)
    assert code == 1
    assert err.strip() == (f"fuites: the store {tmp_path / 'current.db'} holds 2 articles: give --replace to "
                           f"overwrite it with {tmp_path / 'b.db'} (`fuites backup` it first if unsure)")
    code, err = _run("restore", str(tmp_path / "b.db"), "--db", current, "--replace")
    assert code == 0, err
    with Store(current) as store:
        assert [i.victim for i in store.search()] == ["Fictive1"]


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database at all\n" * 100)
    code, err = _run("restore", str(junk), "--db", str(tmp_path / "s.db"))
    assert code == 1 and err.startswith(f"fuites: {junk} is not a fuites backup") and "\n" not in err.strip()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    code, err = _run("restore", str(other), "--db", str(tmp_path / "s.db"))
    assert code == 1 and "not a fuites store" in err


def test_backup_errors_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    Store(db).close()
    code, err = _run("backup", str(tmp_path / "missing" / "b.db"), "--db", db)
    assert code == 1 and err.strip() == f"fuites: cannot write {tmp_path / 'missing' / 'b.db'}: the folder " \
                                        f"{tmp_path / 'missing'} does not exist"
    code, err = _run("backup", db, "--db", db)
    assert code == 1 and "is the store itself" in err


def test_backup_of_postgresql_says_how_to_use_pg_dump(tmp_path: Path) -> None:
    code, err = _run("backup", str(tmp_path / "b.dump"), "--db", "postgresql://fuites:secret@db.internal/fuites")
    assert code == 1
    assert "pg_dump --format=custom" in err and "secret" not in err
    code, err = _run("restore", str(tmp_path / "b.dump"), "--db", "postgresql://fuites:secret@db.internal/fuites")
    assert code == 1 and "pg_restore" in err
