"""How `--format pretty` shows a record: headline, fields, and the sentences behind them."""

from __future__ import annotations

import io

from rich.console import Console

from fuites.models import Affected, Document, Incident
from fuites.pretty import render, sentence_around

TEXT = (
    "Fuite chez Vexion Télécom\n"
    "L'opérateur a été piraté en mars. Vexion Télécom a reconnu le vol des données de 12 000 abonnés. "
    "Les noms ont été dérobés.\n"
    "Aucune donnée bancaire n'a été exposée."
)


def span_of(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def shown(document: Document, *, terminal: bool = False) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=200, force_terminal=terminal, color_system="standard" if terminal else None
    )
    console.print(render(document))
    return out.getvalue()


def record(text: str = TEXT, **incident: object) -> Document:
    fields: dict[str, object] = {
        "victim": "Vexion Télécom", "sector": "telecom", "country": "FR", "data": ["name"],
        "data_not": ["financial"], "affected": Affected(count=12000, qualifier="exact", who=["customers"]),
        "evidence": {
            "victim": [span_of("Vexion Télécom a reconnu")], "data_not": [span_of("donnée bancaire")],
        },
    }
    main = Incident.model_validate({**fields, **incident})
    return Document(doc="vexion", text=text, reports_incident=True, incidents=[main])


def test_headline_gives_victim_sector_and_country() -> None:
    assert "Vexion Télécom · telecom · FR" in shown(record())


def test_data_exposed_and_not_exposed_are_both_listed() -> None:
    lines = shown(record()).splitlines()
    assert any("data exposed" in line and "name" in line for line in lines)
    assert any("data NOT exposed" in line and "financial" in line for line in lines)
    assert any("affected" in line and "12 000 customers" in line for line in lines)


def test_evidence_shows_the_whole_sentence_around_its_span() -> None:
    output = shown(record())
    assert "“Vexion Télécom a reconnu le vol des données de 12 000 abonnés.”" in output
    assert "“Aucune donnée bancaire n'a été exposée.”" in output
    assert "piraté en mars" not in output


def test_sentence_around_stops_at_sentence_ends_and_line_breaks() -> None:
    start, end = sentence_around(TEXT, span_of("12 000"))
    assert TEXT[start:end] == "Vexion Télécom a reconnu le vol des données de 12 000 abonnés."
    start, end = sentence_around(TEXT, span_of("Vexion"))
    assert TEXT[start:end] == "Fuite chez Vexion Télécom"


def test_long_sentence_is_cut_with_an_ellipsis() -> None:
    text = "Début. " + "mot " * 200 + "Vexion " + "mot " * 200 + "fin."
    start = text.index("Vexion")
    output = shown(record(text=text, evidence={"victim": [(start, start + 6)]}))
    assert "“…mot" in output and "mot…”" in output


def test_article_text_cannot_send_escape_sequences_to_the_terminal() -> None:
    text = "Vexion Télécom a reconnu une fuite.\x1b]0;pwned\x07\x1b[2J Fin."
    output = shown(record(text=text, evidence={"victim": [(0, 6)]}), terminal=True)
    assert "\x1b]0;" not in output
    assert "\x1b[2J" not in output
    assert "Vexion" in output


def test_markup_in_article_text_is_shown_as_written() -> None:
    text = "Vexion [bold]Télécom[/bold] a reconnu une fuite."
    output = shown(record(text=text, victim="Vexion [red]", evidence={"victim": [(0, 6)]}))
    assert "Vexion [bold]Télécom[/bold] a reconnu une fuite." in output
    assert "Vexion [red]" in output


def test_article_without_incident_says_so() -> None:
    output = shown(Document(doc="conseils", text="Comment protéger ses mots de passe.", title="Conseils"))
    assert "no specific incident reported" in output
    assert "Conseils" in output


def test_count_left_unknown_says_who_without_a_number() -> None:
    output = shown(record(affected=Affected(count=None, who=["patients"])))
    assert "patients (no number given)" in output
