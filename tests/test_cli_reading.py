"""Reading commands as a new user types them: they never create a store, suggest names that exist,
and every command they suggest can be pasted as it is."""

from __future__ import annotations

import shlex
from pathlib import Path

from typer.testing import CliRunner

from fuites.cli import app
from fuites.models import Document, Incident
from fuites.store import Store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_reading_commands_never_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    for command in (["search", "ransomware"], ["show", "1"], ["org", "Orange"], ["stats"], ["check", "Orange"],
                    ["export", "csv"]):
        code, _, err = run(*command, "--db", str(missing))
        assert code == 1 and err.startswith(f"fuites: no store at {missing}"), (command, err)
    assert not (tmp_path / "nowhere").exists()


def _store(path: Path) -> None:
    with Store(path) as store:
        store.add([Document(doc="o", lang="fr", published="2024-01-02", reports_incident=True,
                            text="L'opérateur Orange a subi une intrusion.",
                            incidents=[Incident(victim="Orange", sector="telecom", attack=["intrusion"])])])


def test_an_organisation_misspelt_gets_a_did_you_mean(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store(db)
    code, _, err = run("org", "Orang", "--db", str(db))
    assert code == 1 and "did you mean 'Orange'?" in err


def test_the_suggested_search_is_quoted_and_works(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store(db)
    code, _, err = run("org", "Free Mobile", "--db", str(db))
    assert code == 1
    suggested = err.split("`")[1]
    assert suggested == "fuites search 'Free Mobile'"
    code, out, err = run(*shlex.split(suggested)[1:], "--db", str(db))
    assert code == 0 and "no incident matches" in out, err


def test_a_filter_in_french_works_and_a_bad_one_says_what_to_give(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store(db)
    code, out, _ = run("search", "--db", str(db), "--sector", "Télécoms", "--format", "jsonl")
    assert code == 0 and '"victim":"Orange"' in out
    code, _, err = run("search", "--db", str(db), "--attack", "intrusionn")
    assert code == 1 and "did you mean intrusion" in err
    code, _, err = run("search", "--db", str(db), "--since", "2024-13")
    assert code == 1 and err.strip() == ("fuites: since='2024-13' is not a date: give YYYY, YYYY-MM or "
                                         "YYYY-MM-DD (a real day)")


def test_check_in_french_writes_numbers_and_their_qualifier_the_french_way(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add([Document(doc="v", lang="fr", published="2024-03-02", reports_incident=True,
                            text="Le loueur Rayon a perdu les adresses mail d'environ 1,3 million de clients.",
                            incidents=[Incident(victim="Rayon", data=["email"],
                                                affected={"count": 1_300_000, "qualifier": "approx"})])])
    code, out, _ = run("check", "Rayon", "--lang", "fr", "--db", str(db))
    assert code == 0 and "#1 Rayon (2 mars 2024): environ 1\u202f300\u202f000 personnes" in out
    assert "1,300,000" not in out
