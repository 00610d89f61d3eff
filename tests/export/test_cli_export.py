"""`fuites export` as a user runs it: a file written, or one line saying what was wrong."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from fuites.cli import app
from fuites.store import Store


def test_export_command_writes_the_file_and_says_how_many(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.csv"
    db = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["export", "csv", "--db", db, "--sector", "telecom", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "export: 1 incidents to" in result.stderr
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["victim"] == "Orange"


def test_export_command_prints_to_stdout(store: Store) -> None:
    db = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["export", "hibp", "rançongiciel", "--db", db])
    assert result.exit_code == 0, result.output
    assert [b["Title"] for b in json.loads(result.stdout)] == ["Horizon Santé"]


def test_export_command_with_unknown_format_names_the_known_ones(store: Store) -> None:
    db = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["export", "xml", "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip() == "fuites: no export format 'xml'; give one of stix, misp, veris, csv, hibp, jsonl"
