"""Exports that can be read back (`export jsonl` -> `ingest --records`), exports that stay valid on a
store holding dates no breach has, and the one line a user gets for a bad output path or date."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import update
from stix2validator import ValidationOptions, validate_string
from typer.testing import CliRunner

from fuites import export
from fuites.export import veris
from fuites.store import Store
from fuites.store.tables import Article, Incident


def _db(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app_(), list(args))
    return result.exit_code, result.stdout, result.stderr


def app_():  # type: ignore[no-untyped-def]
    from fuites.cli import app

    return app


def test_export_jsonl_reads_back_with_every_field(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    code, _, err = _run("export", "jsonl", "--db", _db(store), "-o", str(out))
    assert code == 0, err
    assert "export: 3 articles to" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    copy = str(tmp_path / "copy.db")
    code, _, err = _run("ingest", "--records", str(out), "--db", copy)
    assert code == 0, err
    again = tmp_path / "again.jsonl"
    code, _, err = _run("export", "jsonl", "--db", copy, "-o", str(again))
    assert code == 0, err
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    first = json.loads(lines[0])
    assert first["text"] and first["incidents"] and first["evidence"] is not None and first["extractor"] == "test-1"
    with Store(copy) as restored:
        for mine, theirs in zip(store.search(limit=None), restored.search(limit=None), strict=True):
            a = store.show(mine.id).model_dump(exclude={"id", "sources", "sources_articles", "conflicts"})
            b = restored.show(theirs.id).model_dump(exclude={"id", "sources", "sources_articles", "conflicts"})
            assert a == b


def test_export_jsonl_filters_by_incident(store: Store) -> None:
    docs = list(export.select("jsonl", store, org="Orange"))
    assert [d.doc for d in docs] == ["orange-mai"]


def test_exports_stay_valid_on_dates_no_breach_has(store: Store) -> None:
    # a store filled before dates were checked: years read from "288 comptes" or "3792"
    with store.engine.begin() as conn:
        conn.execute(update(Incident).values(occurred="0288-06-01", start_date="0288-06-01"))
        conn.execute(update(Article).values(published="3792-01-01"))
    stix = "".join(export.stream("stix", export.incidents(store)))
    results = validate_string(stix, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    # as years only: a timestamp's microseconds may hold the same digits
    assert not re.search(r'"(0288|3792)-', stix)
    for line in "".join(export.stream("veris", export.incidents(store))).splitlines():
        veris.validate(json.loads(line))


def test_export_to_a_missing_folder_is_one_line(store: Store) -> None:
    code, _, err = _run("export", "csv", "--db", _db(store), "-o", "/nonexistent/dir/x.csv")
    assert code == 1
    assert err.strip().startswith("fuites: cannot write /nonexistent/dir/x.csv: No such file or directory")
    assert "internal error" not in err and len(err.strip().splitlines()) == 1


def test_impossible_dates_in_filters_are_one_line(store: Store, tmp_path: Path) -> None:
    for command in (["search", "--since", "2024-13"], ["export", "csv", "--until", "2024-02-30"]):
        code, _, err = _run(*command, "--db", _db(store), "-o", str(tmp_path / "x.csv")) if command[0] == "export" \
            else _run(*command, "--db", _db(store))
        assert code == 1, command
        assert err.startswith("fuites: ") and "is not a date" in err, err
    assert not (tmp_path / "x.csv").exists()
