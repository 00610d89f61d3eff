"""Advice to exposed people: per data category, in French and English, NOT-exposed said plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fuites import advice
from fuites.errors import InputError, StoreError
from fuites.models import DATA, Affected, Document, Incident
from fuites.store import Store

MUTUELLE = Document(
    doc="mutuelle", published="2024-02-05", url="https://press.example/mutuelle", reports_incident=True,
    extractor="test-1",
    text="La mutuelle Horizon Santé a été piratée : les IBAN et les mots de passe de 48 000 adhérents ont "
         "été volés. Aucune donnée de santé n'a été exposée, assure-t-elle.",
    incidents=[Incident(victim="Horizon Santé", sector="insurance", data=["bank_account", "password"],
                        data_not=["health"], affected=Affected(count=48_000))],
)
VAGUE = Document(
    doc="vague", published="2024-03-01", reports_incident=True, extractor="test-1",
    text="Le club de sport Forme Plus a été victime d'une cyberattaque, sans plus de précisions.",
    incidents=[Incident(victim="Forme Plus", sector="sport_leisure", attack=["intrusion"])],
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "fuites.db") as s:
        s.add([MUTUELLE, VAGUE])
        yield s


def test_every_data_category_has_advice_in_french_and_english() -> None:
    for lang in advice.LANGUAGES:
        given = advice.advice(DATA, lang)
        assert [a.id for a in given] == list(DATA)
        assert all(a.label and a.steps for a in given)


def test_password_advice_says_to_change_it_everywhere_and_turn_on_two_factor() -> None:
    (en,) = advice.advice(["password"], "en")
    assert "everywhere you reused it" in en.steps[0]
    assert any("two-factor" in s for s in en.steps)
    (fr,) = advice.advice(["password"], "fr")
    assert any("double authentification" in s for s in fr.steps)


def test_bank_account_advice_warns_of_sepa_debits_and_phishing_quoting_the_iban() -> None:
    (fr,) = advice.advice(["bank_account"], "fr")
    assert "prélèvements SEPA frauduleux" in fr.steps[0]
    assert any("citent votre IBAN" in s for s in fr.steps)


def test_check_gives_the_incidents_and_advice_for_what_was_exposed(store: Store) -> None:
    result = advice.check(store, "Horizon Santé", "fr")
    (incident,) = result.incidents
    assert incident.affected_count == 48_000
    assert [a.id for a in result.advice] == ["bank_account", "password"]
    assert result.general and result.nothing_said is None


def test_check_says_plainly_what_was_not_exposed(store: Store) -> None:
    (incident,) = advice.check(store, "horizon sante", "en").incidents
    assert incident.not_exposed == ["health data"]
    assert incident.not_exposed_text is not None
    assert "these data were not exposed: health data" in incident.not_exposed_text
    text = advice.render_text(advice.check(store, "Horizon Santé", "fr"))
    assert ("Données NON exposées: Selon les articles, ces données n'ont pas été exposées : "
            "données de santé") in text


def test_check_without_data_named_says_the_articles_do_not_say(store: Store) -> None:
    result = advice.check(store, "Forme Plus", "en")
    assert result.advice == []
    assert result.nothing_said is not None and "do not say which data" in result.nothing_said


def test_check_of_unknown_organisation_says_so(store: Store) -> None:
    with pytest.raises(StoreError, match="no organisation named 'Nulle Part'"):
        advice.check(store, "Nulle Part")


def test_unknown_language_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match="fr, en"):
        advice.advice(["password"], "de")


def test_check_command_prints_the_advice_in_english(store: Store) -> None:
    from typer.testing import CliRunner

    from fuites.cli import app

    result = CliRunner().invoke(app, ["check", "Horizon Santé", "--lang", "en", "--db",
                                      store.engine.url.render_as_string(hide_password=False)])
    assert result.exit_code == 0, result.output
    assert "Data NOT exposed: According to the articles, these data were not exposed: health data" \
        in result.stdout
    assert "Change this password, and everywhere you reused it" in result.stdout
