"""`fuites extract` as a user runs it: records on stdout, one line a problem on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fuites import __version__
from fuites.cli import app

VEXION = (
    "Publié le 4 mars 2025\n"
    "Fuite de données chez l'opérateur Vexion Télécom\n"
    "L'opérateur Vexion Télécom a reconnu lundi avoir été victime d'une intrusion dans ses systèmes "
    "informatiques, qui a conduit au vol des données personnelles de 12 000 de ses abonnés.\n"
    "Les pirates ont pu consulter les noms, les adresses e-mail et les numéros de téléphone des clients "
    "concernés. Aucune donnée bancaire n'a été exposée, assure l'entreprise.\n"
    "Vexion Télécom a notifié la CNIL et prévenu ses abonnés par e-mail.\n"
)

HELIANTHE = (
    "Publié le 18 septembre 2024\n"
    "Rançongiciel : la Mutuelle Hélianthe paralysée, les données d'adhérents mises en vente\n"
    "La Mutuelle Hélianthe a confirmé jeudi avoir été frappée par un rançongiciel dans la nuit du 14 au "
    "15 septembre. Le groupe de pirates Grisaille, qui revendique l'attaque, affirme détenir les données "
    "de 80 000 adhérents et les a mises en vente sur un forum.\n"
    "Selon la mutuelle, les noms, dates de naissance et numéros de sécurité sociale des adhérents "
    "pourraient avoir été dérobés. Une plainte a été déposée et l'ANSSI accompagne l'établissement.\n"
)

SCHEMA_FIELDS = {"doc", "lang", "published", "reports_incident", "incidents", "text", "evidence"}
INCIDENT_FIELDS = {
    "primary", "victim", "sector", "country", "attack", "actors", "affected", "data", "data_not", "occurred",
    "discovered", "disclosed", "authorities", "notified_individuals", "channels", "evidence",
}


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    vexion, helianthe = tmp_path / "vexion.txt", tmp_path / "helianthe.txt"
    vexion.write_text(VEXION, encoding="utf-8")
    helianthe.write_text(HELIANTHE, encoding="utf-8")
    return [vexion, helianthe]


def run(*args: str | Path, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_jsonl_prints_one_record_a_line_in_input_order(articles: list[Path]) -> None:
    status, stdout, stderr = run("extract", "--format", "jsonl", *articles)
    assert (status, stderr) == (0, "")
    docs = records(stdout)
    assert [d["doc"] for d in docs] == ["vexion", "helianthe"]
    for doc in docs:
        assert SCHEMA_FIELDS <= doc.keys()
        assert doc["reports_incident"] is True
        incidents = doc["incidents"]
        assert isinstance(incidents, list) and incidents
        assert INCIDENT_FIELDS <= incidents[0].keys()


def test_jsonl_is_the_default_format(articles: list[Path]) -> None:
    status, stdout, _ = run("extract", articles[0])
    assert status == 0
    assert [d["doc"] for d in records(stdout)] == ["vexion"]


def test_evidence_spans_point_into_the_record_text(articles: list[Path]) -> None:
    _, stdout, _ = run("extract", articles[0])
    [doc] = records(stdout)
    text = doc["text"]
    assert isinstance(text, str)
    incident = doc["incidents"][0]  # type: ignore[index]
    assert incident["victim"] == "Vexion Télécom"
    assert all("Vexion" in text[start:end] for start, end in incident["evidence"]["victim"])


def test_pretty_names_the_victim_and_shows_data_and_evidence(articles: list[Path]) -> None:
    status, stdout, _ = run("extract", "--format", "pretty", articles[0])
    assert status == 0
    assert "Vexion Télécom · telecom · FR" in stdout
    assert "data NOT exposed" in stdout
    assert "evidence" in stdout
    assert "Aucune donnée bancaire n'a été exposée" in stdout


def test_dash_reads_the_article_from_stdin() -> None:
    status, stdout, _ = run("extract", "-", stdin=VEXION)
    assert status == 0
    [doc] = records(stdout)
    assert doc["doc"] == "stdin"


def test_unreadable_inputs_give_one_line_each_exit_1_and_the_rest_is_read(
    articles: list[Path], tmp_path: Path
) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_text("")
    missing = tmp_path / "absent.txt"
    status, stdout, stderr = run("extract", empty, articles[0], missing)
    assert status == 1
    assert [d["doc"] for d in records(stdout)] == ["vexion"]
    assert stderr.splitlines() == [
        f"fuites: cannot read {empty}: empty file",
        f"fuites: cannot read {missing}: no such file or folder",
    ]


def test_guessed_encoding_is_a_one_line_warning_not_a_failure(tmp_path: Path) -> None:
    legacy = tmp_path / "ancien.txt"
    legacy.write_bytes(VEXION.encode("cp1252"))
    status, stdout, stderr = run("extract", legacy)
    assert status == 0
    assert stderr == f"fuites: warning: {legacy}: not UTF-8, read as cp1252\n"
    assert records(stdout)[0]["incidents"][0]["victim"] == "Vexion Télécom"  # type: ignore[index]


def test_bad_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    batch = tmp_path / "lot.jsonl"
    batch.write_text(json.dumps({"id": "v", "text": VEXION}) + "\n{pas du json\n", encoding="utf-8")
    status, stdout, stderr = run("extract", batch)
    assert status == 1
    assert [d["doc"] for d in records(stdout)] == ["v"]
    assert stderr.startswith(f"fuites: cannot read {batch}:2: not JSON")
    assert len(stderr.splitlines()) == 1


def test_version() -> None:
    status, stdout, _ = run("--version")
    assert (status, stdout) == (0, f"fuites {__version__}\n")


def test_installed_command_reports_failures_without_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    command = Path(sys.executable).with_name("fuites")
    done = subprocess.run([command, "extract", binary], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    expected = f"fuites: cannot read {binary}: not text (binary data); give .txt, .html or .jsonl"
    assert done.stderr.splitlines() == [expected]


def test_jobs_give_the_records_of_one_process_in_input_order(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    texts = [VEXION, HELIANTHE, "Le marché de Noël ouvre samedi sur la place de la mairie."]
    with lines.open("w", encoding="utf-8") as out:
        for i in range(70):  # more than two chunks of articles
            out.write(json.dumps({"id": f"a{i}", "text": texts[i % 3]}) + "\n")
    status, alone, _ = run("extract", lines)
    assert status == 0
    status, pooled, stderr = run("extract", "--jobs", "2", lines)
    assert (status, stderr) == (0, "")
    assert [d["doc"] for d in records(pooled)] == [f"many:{i + 1}" for i in range(70)] or [
        d["doc"] for d in records(pooled)
    ] == [d["doc"] for d in records(alone)]
    assert pooled == alone
