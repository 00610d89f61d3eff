"""The record contract's guards: dates that are dates, years a breach report can have, text that
XML and UTF-8 can carry, addresses without credentials."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from fuites.cli import app
from fuites.models import Document, Incident, date_error, public_url


def test_an_impossible_date_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError, match="there is no month 13"):
        Document(doc="d", published="2025-13-45")
    with pytest.raises(ValidationError, match="no day 30 in that month"):
        Incident(occurred="2024-02-30")
    assert date_error("--02-29") is None and date_error("2024-02-29") is None
    assert date_error("2023-02-29") is not None and date_error("24-02") is not None


def test_years_no_breach_report_has_are_dropped() -> None:
    incident = Incident(victim="Exemple", occurred="0288-06-01", discovered="3792", disclosed="2024-05")
    assert (incident.occurred, incident.discovered, incident.disclosed) == (None, None, "2024-05")
    doc = Document(doc="d", published="2024-01-02")
    doc.published = "0288-06-01"  # as the pipeline sets it once it has read the text
    assert doc.published is None


def test_text_keeps_its_length_without_control_characters() -> None:
    doc = Document(doc="d", text="Fuite\x00 chez\x1b Exemple \ud800.", title="Titre\x00",
                   incidents=[Incident(victim="Ex\x00emple", actors=["Gr\x07oupe"])])
    assert doc.text == "Fuite  chez  Exemple \ufffd." and doc.title == "Titre"
    assert doc.incidents[0].victim == "Exemple" and doc.incidents[0].actors == ["Groupe"]


def test_credentials_are_taken_out_of_an_address() -> None:
    assert public_url("https://user:pw@press.example:8443/a?b=1") == "https://press.example:8443/a?b=1"
    assert public_url("https://token@press.example/") == "https://press.example/"
    assert public_url("https://press.example/a@b") == "https://press.example/a@b"
    assert Document(doc="d", url="http://u:p@press.example/x").url == "http://press.example/x"


def test_records_with_an_impossible_date_fail_alone(tmp_path: Path) -> None:
    good = Document(doc="good", lang="fr", published="2024-03-01", text="La société Exemple a été piratée.")
    bad = json.loads(good.model_dump_json()) | {"doc": "bad", "published": "2025-13-45", "text": "Autre texte."}
    records = tmp_path / "records.jsonl"
    records.write_text(good.model_dump_json() + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--records", str(records), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert f"cannot read {records}:2: not an extracted record (published: value error, '2025-13-45' is not a " \
           "date: there is no month 13)" in result.stderr
    assert "1 new" in result.stderr


def test_an_article_with_an_impossible_date_is_one_line(tmp_path: Path) -> None:
    lines = tmp_path / "articles.jsonl"
    lines.write_text(json.dumps({"id": "x", "text": "La société Exemple a été piratée.",
                                 "published": "2025-13-45"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(lines)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"fuites: cannot read {lines}:1: field \"published\": value error, "
                                     "'2025-13-45' is not a date: there is no month 13")
