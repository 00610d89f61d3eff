"""Articles that report no incident are stored (a feed does not fetch them again) and kept aside:
no incident, no page, no export; only the counts say how many there were."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fuites import export
from fuites.cli import app
from fuites.models import Document, Incident
from fuites.store import Store

BUDGET = """Le conseil municipal de Vaubrune a voté mardi le budget de la nouvelle piscine. Les travaux
commenceront en septembre, a indiqué le maire, qui se réjouit d'une décision attendue depuis longtemps
par les habitants du quartier des Tilleuls.
"""
KALIOS = """Le site Kalios piraté, 300 000 comptes exposés
Le site de vente en ligne Kalios a révélé jeudi le vol de 300 000 identifiants et mots de passe de ses
clients, après une intrusion détectée le 6 mars. Les clients sont invités à changer leur mot de passe.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    (path / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (path / "kalios.txt").write_text(KALIOS, encoding="utf-8")
    return path


def test_an_article_without_incident_is_stored_counted_and_shown_nowhere(store: Store, folder: Path) -> None:
    report = store.ingest([str(folder)])
    assert {Path(o.source).name: o.aside for o in report.outcomes} == {"budget.txt": True, "kalios.txt": False}
    assert (report.aside, report.created, report.merged) == (1, 1, 0)
    assert [i.victim for i in store.search(limit=None)] == ["Kalios"]
    assert store.search("piscine") == []
    stats = store.stats()
    assert (stats.incidents, stats.articles, stats.kept_aside) == (1, 2, 1)
    out = io.StringIO()
    assert export.write("csv", export.incidents(store, None), out) == 1
    again = store.ingest([str(folder / "budget.txt")])
    assert [o.status for o in again.outcomes] == ["duplicate"]


def test_a_record_that_reports_no_incident_places_none_of_its_incidents(store: Store) -> None:
    doc = Document(doc="avis", lang="fr", text="Un avis d'expert sur les fuites de données chez Exemplo.",
                   reports_incident=False, incidents=[Incident(victim="Exemplo")])
    (outcome,) = store.add([doc]).outcomes
    assert outcome.status == "new" and outcome.aside and outcome.incidents == ()
    assert store.search(limit=None) == []
    store.remerge()
    assert store.search(limit=None) == [] and store.stats().kept_aside == 1


def test_ingest_and_stats_say_how_many_were_kept_aside(db_url: str, folder: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", "--db", db_url, str(folder)])
    last = result.stderr.strip().splitlines()[-1]
    assert last == ("ingest: 2 articles (2 new): 1 incidents created, 0 reports merged into known incidents, "
                    "1 articles kept aside (no incident reported)")
    result = CliRunner().invoke(app, ["stats", "--db", db_url])
    assert "2 articles read, 1 of them kept aside" in " ".join(result.stdout.split())


def test_ingest_piped_prints_plain_progress_lines_with_the_total(db_url: str, folder: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from fuites import cli

    monkeypatch.setattr(cli, "PLAIN_PROGRESS_SECONDS", 0.0)
    result = CliRunner().invoke(app, ["ingest", "--db", db_url, str(folder)])
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("ingest: 1/2 articles, about ") and lines[0].endswith(" left")
    assert lines[1].startswith("ingest: 2/2 articles, about 0 s left")
    assert "\x1b" not in result.stderr
