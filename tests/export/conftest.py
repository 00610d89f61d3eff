"""A small store of three incidents, written as the press would report them, for every export test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fuites.models import Affected, Document, Incident
from fuites.store import Store


def article(doc: str, published: str | None, text: str, *incidents: Incident, url: str | None = None,
            title: str | None = None) -> Document:
    return Document(doc=doc, published=published, text=text, url=url, title=title, lang="fr",
                    reports_incident=bool(incidents), incidents=list(incidents), extractor="test-1")


ORANGE = article(
    "orange-mai", "2014-05-07",
    "Orange a reconnu le vol de données personnelles de 1,3 million de clients et prospects, "
    "constaté le 18 avril sur une plateforme d'envoi de courriels. Les mots de passe et les "
    "coordonnées bancaires ne sont pas concernés, assure l'opérateur, qui a prévenu la CNIL.",
    Incident(victim="Orange", sector="telecom", country="FR", attack=["intrusion", "supplier"],
             data=["name", "email", "phone", "date_of_birth"], data_not=["password", "bank_account"],
             affected=Affected(count=1_300_000, qualifier="approx", who=["customers", "prospects"]),
             discovered="2014-04-18", disclosed="2014-05-06", authorities=["dpa"], notified_individuals=True,
             channels=["email"]),
    url="https://press.example/orange-mai", title="Orange : 1,3 million de clients touchés",
)
MUTUELLE = article(
    "mutuelle", "2024-02-05",
    "La mutuelle Horizon Santé a subi un rançongiciel : les numéros de sécurité sociale, les IBAN et "
    "des données de santé de 48 000 adhérents ont été dérobés par le groupe Akira, qui menace de les "
    "publier. La société a porté plainte et prévenu la CNIL.",
    Incident(victim="Horizon Santé", sector="insurance", country="FR", attack=["ransomware", "extortion"],
             actors=["Akira"], data=["national_id", "name", "bank_account", "health"],
             affected=Affected(count=48_000, qualifier="exact", who=["customers"]), occurred="2024-02-01",
             discovered="2024-02-03", authorities=["law_enforcement", "dpa"]),
    url="https://press.example/horizon-sante", title="Horizon Santé victime du groupe Akira",
)
LYCEE = article(
    "lycee", "2023-11-20",
    "Un lycée de Brevannes a vu son espace numérique de travail piraté : des identifiants et mots de "
    "passe d'élèves circulent, selon le rectorat. Le nombre d'élèves concernés n'est pas connu.",
    Incident(victim="=cmd|' /C calc'!A0", sector="education", attack=["account_compromise"],
             data=["username", "password"], affected=Affected(who=["students"])),
)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        s.add([ORANGE, MUTUELLE, LYCEE])
        yield s
