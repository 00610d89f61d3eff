"""Search and filters in the reader's words: labels and synonyms in French and English, without
case or accents, on SQLite (FTS5) and PostgreSQL alike; one check of every filter value."""

from __future__ import annotations

import pytest

from fuites.models import Affected, Document, Incident
from fuites.store import Store
from fuites.store.filters import FilterError, check


def _doc(doc: str, lang: str, published: str, text: str, incident: Incident) -> Document:
    return Document(doc=doc, lang=lang, published=published, text=text, reports_incident=True,
                    incidents=[incident], extractor="test-1")


ARTICLES = [
    _doc("clinique", "fr", "2024-03-04",
         "La clinique des Verrières a été frappée par un rançongiciel : ses fichiers ont été chiffrés.",
         Incident(victim="Clinique des Verrières", sector="health", attack=["ransomware"], data=["health"])),
    _doc("harbor", "en", "2024-05-06",
         "Harbor Freightways said its network was hacked and a ransomware gang leaked payroll files.",
         Incident(victim="Harbor Freightways", sector="transport", attack=["ransomware", "intrusion"],
                  data=["bank_account"])),
    _doc("saturn", "fr", "2024-06-07",
         "Le site de la mairie de Saturnin a été saturé par un afflux de requêtes pendant deux jours.",
         Incident(victim="Mairie de Saturnin", sector="public_admin", attack=["ddos"])),
    _doc("velo", "fr", "2024-07-08",
         "Le loueur de vélos Rayon a subi une fuite : les adresses mail de 12 000 clients ont été copiées.",
         Incident(victim="Rayon", sector="transport", data=["email"], attack=["intrusion"],
                  affected=Affected(count=12_000, qualifier="exact", who=["customers"]))),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(ARTICLES)
    return store


def victims(found: list) -> set[str]:  # type: ignore[type-arg]
    return {i.victim for i in found}


@pytest.mark.parametrize("query", ["ransomware", "rançongiciel", "RANCONGICIEL", "Rançongiciels"])
def test_ransomware_is_found_in_either_language(filled: Store, query: str) -> None:
    assert victims(filled.search(query)) == {"Clinique des Verrières", "Harbor Freightways"}


def test_piratage_finds_an_article_that_says_hacked(filled: Store) -> None:
    assert victims(filled.search("piratage")) == {"Harbor Freightways"}


def test_leak_finds_a_french_fuite_and_fuite_an_english_leak(filled: Store) -> None:
    assert victims(filled.search("leak")) == {"Rayon", "Harbor Freightways"}
    assert victims(filled.search("fuite")) == {"Rayon", "Harbor Freightways"}
    assert victims(filled.search("fuites")) == {"Rayon", "Harbor Freightways"}


def test_a_category_label_finds_incidents_filed_under_it_whatever_the_text_says(filled: Store) -> None:
    assert victims(filled.search("déni de service")) == {"Mairie de Saturnin"}
    assert victims(filled.search('"denial of service"')) == {"Mairie de Saturnin"}


def test_synonyms_and_plain_words_combine(filled: Store) -> None:
    assert victims(filled.search("ransomware payroll")) == {"Harbor Freightways"}
    assert victims(filled.search("clinique ransomware")) == {"Clinique des Verrières"}


def test_filters_take_ids_and_labels_in_both_languages(filled: Store) -> None:
    assert victims(filled.search(sector="santé")) == victims(filled.search(sector="health")) == {
        "Clinique des Verrières"}
    assert victims(filled.search(sector="Sante")) == {"Clinique des Verrières"}
    assert victims(filled.search(attack=["rançongiciel"])) == victims(filled.search(attack=["ransomware"]))
    assert victims(filled.search(data=["mail"])) == {"Rayon"}
    assert victims(filled.search(data=["Compte bancaire"])) == {"Harbor Freightways"}


def test_an_unknown_value_is_refused_with_close_matches(filled: Store) -> None:
    with pytest.raises(FilterError, match=r"unknown sector 'sant': did you mean health"):
        filled.search(sector="sant")
    with pytest.raises(FilterError, match="unknown attack 'ransomwar'"):
        filled.search(attack=["ransomwar"])


@pytest.mark.parametrize("since", ["2024-13", "2024-02-30", "24", "demain"])
def test_a_date_that_does_not_exist_is_refused(since: str) -> None:
    with pytest.raises(FilterError, match="is not a date"):
        check(since=since)


def test_since_after_until_is_refused() -> None:
    with pytest.raises(FilterError, match="since is after until"):
        check(since="2024-05", until="2024-01")
    assert check(since="2024-05", until="2024-05-31").since == "2024-05"
