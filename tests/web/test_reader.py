"""The pages and the API in the reader's words: search by category or synonym with the matching
snippet, filters by label, refusals in the reader's language, and no command line on a page."""

from __future__ import annotations

import html

import httpx

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
