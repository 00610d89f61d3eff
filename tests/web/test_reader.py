"""The pages and the API in the reader's words: search by category or synonym with the matching
snippet, filters by label, refusals in the reader's language, and no command line on a page."""

from __future__ import annotations

import html
from pathlib import Path

import httpx

from fuites.models import Affected, Incident
from web.conftest import LUNELLE, MUTUELLE, Served, article, serving, spans

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}


def test_a_filter_given_by_its_french_label_filters(http: httpx.Client) -> None:
    page = http.get("/", params={"sector": "sante"}, headers=FR)
    assert page.status_code == 200
    assert "Horizon Santé" in page.text and "Lunelle" not in page.text
    api = http.get("/api/incidents", params={"attack": "rançongiciel"}).json()
    assert [i["victim"] for i in api["incidents"]] == ["Horizon Santé"]


def test_an_unknown_filter_is_refused_in_the_readers_language_with_close_matches(http: httpx.Client) -> None:
    page = http.get("/", params={"sector": "sant"}, headers={**FR, "Accept": "text/html"})
    assert page.status_code == 422
    assert "Vouliez-vous dire : Santé ?" in page.text and "public_admin" not in page.text
    api = http.get("/api/incidents", params={"sector": "sant"}, headers=EN)
    assert api.status_code == 422 and "Did you mean: Health?" in api.json()["error"]["message"]
    dates = http.get("/api/incidents", params={"since": "2024-13"}, headers=EN)
    assert dates.status_code == 422 and "is not a date" in dates.json()["error"]["message"]


def test_an_unknown_organisation_page_offers_close_names_in_french(http: httpx.Client) -> None:
    page = http.get("/orgs/Orang", headers={**FR, "Accept": "text/html"})
    assert page.status_code == 404
    assert "Vouliez-vous dire" in page.text and 'href="/orgs/Orange"' in page.text
    assert "fuites search" not in page.text
    missing = http.get("/nulle-part", headers={**FR, "Accept": "text/html"})
    assert missing.status_code == 404 and "Il n'y a rien à l'adresse /nulle-part" in html.unescape(missing.text)


def test_an_actor_page_lists_its_incidents(http: httpx.Client) -> None:
    page = http.get("/actors/akira", headers=FR)
    assert page.status_code == 200 and "Horizon Santé" in page.text and "Lunelle" not in page.text
    card = http.get("/incidents/" + str(http.get("/api/incidents", params={"q": "Akira"}).json()["incidents"][0]["id"]),
                    headers=FR).text
    assert 'href="/actors/Akira"' in card


def test_the_advice_is_on_organisation_pages_and_in_the_api(http: httpx.Client) -> None:
    page = http.get("/orgs/Horizon Santé", headers=FR).text
    assert "Que faire si vous êtes concerné ?" in html.unescape(page)
    body = http.get("/api/check/Horizon Santé", params={"lang": "en"}).json()
    assert body["organisation"] == "Horizon Santé" and [a["id"] for a in body["advice"]] == ["national_id"]


def test_the_feed_has_a_readable_page_and_french_numbers_with_their_qualifier(http: httpx.Client) -> None:
    page = http.get("/feed", headers=FR)
    assert page.status_code == 200 and "/feed.atom" in page.text and "Lunelle" in page.text
    atom = http.get("/feed.atom", headers=FR).text
    assert "Orange · Télécoms · 1\u202f200\u202f000" in atom or "environ 1\u202f300\u202f000" in atom
    assert "1,300,000" not in atom and "1,200,000" not in atom


def test_an_incident_of_a_hundred_wire_copies_stays_a_readable_page(tmp_path: Path) -> None:
    base = ("La mutuelle Horizon Santé a subi un rançongiciel. Les numéros de sécurité sociale de 48 000 "
            "adhérents ont été dérobés par le groupe Akira, selon un communiqué publié mardi par la mutuelle. "
            "Aucune donnée bancaire n'a été exposée, assure la mutuelle, qui a prévenu la CNIL. ")
    docs = []
    for n in range(100):
        text = base + f"Mise à jour numéro {n} de cette dépêche reprise par le journal {n}."
        docs.append(article(f"copie-{n}", "2024-02-05", text, Incident(
            victim="Horizon Santé", sector="health", attack=["ransomware"], data=["national_id"],
            data_not=["financial"], affected=Affected(count=48_000, qualifier="exact"),
            evidence={"victim": spans(text, "La mutuelle Horizon Santé a subi un rançongiciel."),
                      "attack": spans(text, "La mutuelle Horizon Santé a subi un rançongiciel."),
                      "data": spans(text, "Les numéros de sécurité sociale de 48 000 adhérents ont été dérobés"),
                      "data_not": spans(text, "Aucune donnée bancaire n'a été exposée")}),
            url=f"https://journal{n}.example/horizon", title=f"Horizon Santé attaquée ({n})"))
    with serving(tmp_path, docs) as served, httpx.Client(base_url=served.url, timeout=60) as client:
        (incident,) = client.get("/api/incidents").json()["incidents"]
        assert incident["articles"] == 100
        page = client.get(f"/incidents/{incident['id']}", headers=FR).text
    assert len(page.encode()) < 150_000
    assert page.count('class="quote"') == 4 and page.count("<details") == 10 and page.count("<details open") == 1
    assert page.count("copie d&#39;agence") >= 90 and "99 autres passages" in page


def test_a_record_comes_back_whole_from_the_api(http: httpx.Client, served: Served) -> None:
    for doc in (MUTUELLE, LUNELLE):
        (record,) = doc.incidents
        got = http.get(f"/api/incidents/{served.incident_of(record.victim or '')}").json()
        for name in ("victim", "sector", "country", "attack", "actors", "data", "data_not", "occurred",
                     "discovered", "disclosed", "authorities", "notified_individuals", "channels"):
            assert got[name] == getattr(record, name), (doc.doc, name)
        affected = record.affected
        assert affected is not None
        assert (got["affected_count"], got["affected_qualifier"], got["affected_who"]) == (
            affected.count, affected.qualifier, affected.who)
