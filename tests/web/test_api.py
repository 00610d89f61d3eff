"""The REST API as a client sees it, through httpx against the served app and a real SQLite store."""

from __future__ import annotations

from typing import Any

import httpx

Served = Any  # conftest's Served: the live server, its token, its store


def victims(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [i["victim"] for i in body["incidents"]]


def test_incidents_are_listed_most_recent_first_with_their_sources(http: httpx.Client) -> None:
    body = http.get("/api/incidents").json()
    assert victims(body)[:2] == ["Lunelle", "Horizon Santé"]
    lunelle = body["incidents"][0]
    assert lunelle["sources"][0]["url"] == "https://press.example/lunelle"
    assert body["next"] is None


def test_filters_are_those_of_search(http: httpx.Client) -> None:
    assert victims(http.get("/api/incidents", params={"sector": "health"}).json()) == ["Horizon Santé"]
    assert victims(http.get("/api/incidents", params={"attack": "credential_stuffing"}).json()) == ["Lunelle"]
    assert victims(http.get("/api/incidents", params={"data": ["email", "phone"]}).json()) == ["Orange"]
    assert victims(http.get("/api/incidents", params={"q": "rançongiciel"}).json()) == ["Horizon Santé"]
    assert victims(http.get("/api/incidents", params={"org": "l'opérateur Orange"}).json()) == ["Orange"]
    assert victims(http.get("/api/incidents", params={"since": "2024", "until": "2024-03"}).json()) == [
        "Horizon Santé"
    ]


def test_cursor_walks_every_incident_once(http: httpx.Client) -> None:
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = http.get("/api/incidents", params=params).json()
        seen += [i["id"] for i in body["incidents"]]
        cursor = body["next"]
        if cursor is None:
            break
    everything = [i["id"] for i in http.get("/api/incidents").json()["incidents"]]
    assert seen == everything and len(seen) == 4


def test_unknown_filter_value_says_which_values_exist(http: httpx.Client) -> None:
    response = http.get("/api/incidents", params={"sector": "spaceships"})
    assert response.status_code == 422
    assert "Unknown value for the sector filter: “spaceships”" in response.json()["error"]["message"]
    assert "Health" in response.json()["error"]["message"]


def test_bad_cursor_and_bad_limit_are_json_errors(http: httpx.Client) -> None:
    bad_cursor = http.get("/api/incidents", params={"cursor": "not-ours"})
    assert bad_cursor.status_code == 422
    assert "cursor" in bad_cursor.json()["error"]["message"]
    too_many = http.get("/api/incidents", params={"limit": 100_000})
    assert too_many.status_code == 422
    assert too_many.json()["error"]["message"].startswith("limit:")


def test_incident_shows_conflicting_counts_with_their_articles(http: httpx.Client, served: Served) -> None:
    body = http.get(f"/api/incidents/{served.incident_of('Orange')}").json()
    assert body["articles"] == 2
    assert set(body["conflicts"]["affected"]) == {"1300000", "1200000"}
    assert [a["doc"] for a in body["sources_articles"]] == ["orange-mai", "orange-suite"]


def test_missing_incident_is_a_json_404(http: httpx.Client) -> None:
    response = http.get("/api/incidents/999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "message": "no incident 999999 in the store; `fuites search` lists incidents",
        }
    }


def test_org_timeline_is_oldest_first(http: httpx.Client) -> None:
    body = http.get("/api/orgs/Orange").json()
    assert body["organisation"] == "Orange"
    assert [i["start"][:4] for i in body["incidents"]] == ["2014"]
    assert http.get("/api/orgs/Nobody").status_code == 404


def test_stats_count_by_sector_and_month(http: httpx.Client) -> None:
    body = http.get("/api/stats").json()
    assert body["incidents"] == 4 and body["articles"] == 6 and body["kept_aside"] == 1
    assert body["by_sector"]["health"] == 1
    assert body["by_month"]["2024-10"] == 1


def test_article_gives_text_record_and_evidence_spans(http: httpx.Client, served: Served) -> None:
    incident = http.get(f"/api/incidents/{served.incident_of('Horizon Santé')}").json()
    article_id = incident["sources_articles"][0]["id"]
    body = http.get(f"/api/articles/{article_id}").json()
    start, end = body["record"]["incidents"][0]["evidence"]["data_not"][0]
    assert body["text"][start:end] == "Aucune donnée bancaire n'a été exposée"
    assert body["incidents"] == {"0": incident["id"]}


def test_writing_needs_a_token(http: httpx.Client) -> None:
    response = http.post("/api/articles", json={"text": "Un article."})
    assert response.status_code == 401
    assert "fuites token create" in response.json()["error"]["message"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    wrong = http.post(
        "/api/articles", json={"text": "Un article."}, headers={"Authorization": "Bearer fu_nope"}
    )
    assert wrong.status_code == 401


def test_posted_article_is_extracted_stored_and_listed(writable: Served) -> None:
    http = httpx.Client(base_url=writable.url, timeout=120)
    text = (
        "Publié le 12 mars 2025. La clinique Sainte-Brévine, à Lyon, a été victime d'une cyberattaque "
        "par rançongiciel le 10 mars. Les noms et numéros de téléphone de 12 000 patients ont été "
        "dérobés, a indiqué la direction, qui a porté plainte et prévenu la CNIL."
    )
    auth = {"Authorization": f"Bearer {writable.token}"}
    response = http.post(
        "/api/articles", json={"text": text, "url": "https://press.example/brevine"}, headers=auth
    )
    assert response.status_code == 201, response.text
    outcome = response.json()["outcomes"][0]
    assert outcome["status"] == "new" and outcome["incidents"]
    incident = http.get(f"/api/incidents/{outcome['incidents'][0]}").json()
    assert "ransomware" in incident["attack"]
    again = http.post("/api/articles", json={"text": text}, headers=auth)
    assert again.status_code == 200 and again.json()["outcomes"][0]["status"] == "duplicate"
    assert "Sainte-Brévine" in http.get("/feed.atom").text
    http.close()


def test_article_body_must_be_text_html_or_url(http: httpx.Client, served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.token}"}
    response = http.post("/api/articles", json={"title": "sans texte"}, headers=auth)
    assert response.status_code == 422
    assert "give the article as `text` or `html`" in response.json()["error"]["message"]


def test_oversized_body_is_refused_before_reading(http: httpx.Client, served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.token}"}
    response = http.post("/api/articles", json={"text": "x" * 300_000}, headers=auth)
    assert response.status_code == 413
    assert "one article at a time" in response.json()["error"]["message"]


def test_chunked_oversized_body_is_refused(http: httpx.Client, served: Served) -> None:
    def chunks() -> object:
        for _ in range(50):
            yield b"x" * 10_000

    response = http.post(
        "/api/articles",
        content=chunks(),  # type: ignore[arg-type]
        headers={"Authorization": f"Bearer {served.token}", "content-type": "application/json"},
    )
    assert response.status_code == 413


def test_every_response_has_a_content_security_policy(http: httpx.Client) -> None:
    for path in ("/", "/api/incidents", "/static/style.css", "/nowhere"):
        csp = http.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp


def test_feed_lists_new_incidents_filtered_like_the_list(http: httpx.Client) -> None:
    response = http.get("/feed.atom", params={"sector": "health"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert response.text.count("<entry>") == 1
    assert "Horizon Santé" in response.text


def test_feed_escapes_hostile_names(http: httpx.Client) -> None:
    body = http.get("/feed.atom", params={"sector": "technology"}).text
    assert "<img" not in body
    assert "Evil&lt;img" in body


def test_openapi_documents_the_api(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert {
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/orgs/{name}",
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
    } <= set(paths)


def test_reads_can_be_bound_to_a_token(private: Served) -> None:
    with httpx.Client(base_url=private.url) as http:
        refused = http.get("/api/incidents")
        assert refused.status_code == 401
        assert refused.json()["error"]["message"].startswith("this needs a token")
        assert http.get("/feed.atom").status_code == 401
        allowed = http.get("/api/incidents", headers={"Authorization": f"Bearer {private.token}"})
        assert [i["victim"] for i in allowed.json()["incidents"]] == ["Horizon Santé"]


def test_posted_html_keeps_the_article_text_and_drops_its_scripts(writable: Served) -> None:
    html = (
        "<html><head><title>Fuite chez Volnay Assurances</title><script>alert(1)</script></head><body>"
        "<article><p>L'assureur Volnay Assurances a annoncé lundi le vol des adresses e-mail de "
        "25 000 clients lors d'une intrusion dans son espace client.</p>"
        "<p>La société a porté plainte et informé la CNIL.</p></article></body></html>"
    )
    with httpx.Client(base_url=writable.url, timeout=120) as http:
        auth = {"Authorization": f"Bearer {writable.token}"}
        added = http.post("/api/articles", json={"html": html, "published": "2025-03-03"}, headers=auth)
        assert added.status_code == 201, added.text
        article = http.get(f"/api/articles/{added.json()['outcomes'][0]['article']}").json()
    assert "25 000 clients" in article["text"]
    assert "alert" not in article["text"]


def test_pages_speak_the_language_the_browser_asks_for(http: httpx.Client) -> None:
    english = http.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"}).text
    assert "Latest incidents" in english
    french = http.get("/", headers={"Accept-Language": "de-DE, fr;q=0.8, en;q=0.7"}).text
    assert "Derniers incidents" in french
    chosen = http.get("/", headers={"Accept-Language": "en", "Cookie": "fuites_lang=fr"}).text
    assert "Derniers incidents" in chosen


def test_language_switch_only_redirects_within_the_site(http: httpx.Client) -> None:
    inside = http.get("/lang/en", params={"next": "/stats"})
    assert inside.status_code == 303 and inside.headers["location"] == "/stats"
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert http.get("/lang/en", params={"next": elsewhere}).headers["location"] == "/"


def test_page_errors_are_pages_for_browsers_and_json_for_clients(http: httpx.Client) -> None:
    page = http.get("/incidents/999999", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "adresse /incidents/999999" in page.text and "fuites search" not in page.text
    data = http.get("/incidents/999999")
    assert data.json()["error"]["status"] == 404
