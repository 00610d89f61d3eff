"""The store commands as a user types them: ingest, search, show, org, stats, merge --explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fuites.cli import app
from fuites.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "merge" / "articles.jsonl"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """The merge fixtures as `fuites extract --format jsonl` would print them, and one bad line."""
    path = tmp_path / "records.jsonl"
    lines = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines()[:20]:
        row = json.loads(line)
        row.pop("gold")
        lines.append(json.dumps(row, ensure_ascii=False))
    path.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_records_prints_a_summary_and_fails_on_the_bad_line(db_url: str, records: Path) -> None:
    code, _, err = run("ingest", "--records", "--db", db_url, str(records))
    assert code == 1
    assert f"fuites: cannot read {records}:21: not an extracted record" in err
    assert err.strip().splitlines()[-1] == (
        "ingest: 21 articles (20 new, 1 failed): 7 incidents created, 17 reports merged into known incidents, "
        "0 articles kept aside (no incident reported)")
    code, _, err = run("ingest", "--records", "--db", db_url, str(records))
    assert err.strip().splitlines()[-1] == "ingest: 21 articles (20 duplicate, 1 failed)"


def test_search_show_org_stats_and_explain(db_url: str, records: Path) -> None:
    run("ingest", "--records", "--db", db_url, str(records))
    code, out, _ = run("search", "--db", db_url, "--format", "jsonl", "--attack", "ransomware")
    found = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [i["victim"] for i in found] == ["La Poste Mobile"]
    incident = found[0]["id"]

    code, out, _ = run("show", str(incident), "--db", db_url, "--format", "jsonl")
    assert code == 0 and json.loads(out)["actors"] == ["LockBit", "LockBit 3.0"]
    code, out, _ = run("show", str(incident), "--db", db_url)
    assert code == 0 and "LockBit" in out and "La Poste Mobile victime d'un rançongiciel" in out

    code, out, _ = run("merge", "--explain", str(incident), "--db", db_url)
    assert code == 0 and "wire copy of article" in out

    code, out, _ = run("org", "l'opérateur Orange", "--db", db_url, "--format", "jsonl")
    timeline = json.loads(out)
    assert [i["start"][:7] for i in timeline["incidents"]] == ["2014-01", "2014-04"]

    code, out, _ = run("stats", "--db", db_url, "--format", "jsonl")
    assert code == 0 and json.loads(out)["by_year"] == {"2014": 2, "2022": 1, "2023": 3, "2024": 1}


def test_unknown_incident_is_one_line_and_exit_1(db_url: str) -> None:
    Store(db_url).close()
    code, _, err = run("show", "42", "--db", db_url)
    assert code == 1
    assert err == "fuites: no incident 42 in the store; `fuites search` lists incidents\n"


def test_merge_without_an_option_says_what_to_give(db_url: str) -> None:
    code, _, err = run("merge", "--db", db_url)
    assert (code, err) == (1, "fuites: give --explain INCIDENT or --rebuild\n")


GOOD = {"doc": "verbrac", "published": "2024-02-01", "url": "https://press.example/verbrac",
        "text": "La mutuelle Verbrac a signalé le vol des données de 12 000 adhérents.",
        "incidents": [{"victim": "Verbrac", "data": ["name"]}]}


def test_bad_records_are_skipped_each_with_its_line_and_the_others_stored(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    huge = {**GOOD, "doc": "huge", "url": "https://press.example/huge", "text": "Autre texte, 2^70 comptes.",
            "incidents": [{"victim": "Talnaux", "affected": {"count": 2 ** 70}}]}
    lines = [
        json.dumps(GOOD).encode(),
        b'{"doc": "x"}',                                    # nothing in it
        json.dumps(huge).encode(),                          # beyond what a database integer holds
        b'{"doc": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",  # nested beyond any parser's depth
        b'{"doc": "latin", "text": "donn\xe9es"}',          # not UTF-8
        json.dumps({**GOOD, "doc": "second", "url": "https://press.example/second",
                    "text": "La clinique Rosbrac a perdu les dossiers de 800 patients."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    code, _, err = run("ingest", "--records", "--db", db_url, str(path))
    assert code == 1
    assert "internal error" not in err
    assert f"cannot read {path}:2: an empty record" in err
    assert "cannot store https://press.example/huge: " in err  # SQLite's OverflowError, PostgreSQL's DataError
    assert f"cannot read {path}:4: not an extracted record" in err
    assert f"cannot read {path}:5: not UTF-8" in err
    assert err.strip().splitlines()[-1].startswith("ingest: 6 articles (2 new, 4 failed)")


def test_a_missing_records_file_is_one_line(db_url: str, tmp_path: Path) -> None:
    code, _, err = run("ingest", "--records", "--db", db_url, str(tmp_path / "none.jsonl"))
    assert code == 1
    assert f"fuites: cannot read {tmp_path / 'none.jsonl'}: no such file or directory" in err
