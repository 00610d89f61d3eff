"""What a hostile client or a careless operator does to the server: forged Host headers, ids no
database holds, broken Unicode, impossible dates, a corrupt store. Each gets a clear 4xx or 503,
never a 500, and nothing one client sends changes what the others get."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import httpx

from conftest import MUTUELLE, article, serving
from fuites.models import Incident

Served = Any
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_forged_host_header_does_not_reach_the_feed_others_get(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        forged = client.get("/feed.atom?sector=health", headers={"Host": "evil.example"})
        normal = client.get("/feed.atom?sector=health")
    assert forged.status_code == 200 and normal.status_code == 200
    for response in (forged, normal):
        assert b"evil.example" not in response.content
    root = ET.fromstring(normal.content)
    self_link = next(link for link in root.iter(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == f"{served.url}/feed.atom?sector=health"
    assert all(e.text.startswith(served.url + "/incidents/") for e in root.iter(f"{ATOM}id") if "/incidents/" in e.text)


def test_the_feed_links_to_the_configured_base_url(tmp_path: Path) -> None:
    with serving(tmp_path, [MUTUELLE], base_url="https://fuites.example.org/observatoire/") as s:
        body = httpx.get(f"{s.url}/feed.atom", headers={"Host": "evil.example"}, timeout=60).text
    assert "evil.example" not in body and "127.0.0.1" not in body
    assert 'href="https://fuites.example.org/observatoire/incidents/' in body


def test_ids_beyond_64_bits_are_client_errors(http: httpx.Client) -> None:
    huge = 2**63
    for path in (f"/api/incidents/{huge}", f"/incidents/{huge}", f"/articles/{huge}", f"/api/articles/{huge}",
                 f"/api/incidents/{10**30}"):
        response = http.get(path)
        assert response.status_code in (404, 422), (path, response.status_code, response.text[:200])
    largest = http.get(f"/api/incidents/{huge - 1}")
    assert largest.status_code == 404


def test_a_lone_surrogate_in_a_posted_article_is_refused_clearly(writable: Served) -> None:
    body = '{"text": "La mutuelle Exemple a subi une fuite \\ud800 de donn\\u00e9es.", "doc": "surrogate"}'
    response = httpx.post(f"{writable.url}/api/articles", content=body.encode(), timeout=60,
                          headers={"Authorization": f"Bearer {writable.token}", "Content-Type": "application/json"})
    assert response.status_code in (400, 422), response.text[:300]
    assert "surrogate" in response.json()["error"]["message"]


def test_an_impossible_publication_date_is_refused(writable: Served) -> None:
    response = httpx.post(f"{writable.url}/api/articles", timeout=60,
                          headers={"Authorization": f"Bearer {writable.token}"},
                          json={"text": "La société Exemple a été piratée.", "published": "2025-13-45"})
    assert response.status_code == 422
    assert "no month 13" in response.json()["error"]["message"]


def test_an_impossible_date_filter_is_refused(http: httpx.Client) -> None:
    for params in ({"since": "2024-13-45"}, {"until": "2024-02-30"}):
        response = http.get("/api/incidents", params=params)
        assert response.status_code == 422, params
        assert "is not a date" in response.json()["error"]["message"]
    assert http.get("/feed.atom", params={"since": "2024-13"}).status_code == 422


def test_control_characters_in_a_victim_name_leave_the_feed_valid_xml(tmp_path: Path) -> None:
    text = "La société Ombre\x00Noire a subi une fuite de données clients."
    poisoned = article("nul", "2024-03-01", text,
                       Incident(victim="Ombre\x00Noire\x1b", sector="retail", data=["email"]),
                       url="https://press.example/ombre")
    with serving(tmp_path, [poisoned]) as s:
        feed = httpx.get(f"{s.url}/feed.atom", timeout=60)
        listed = httpx.get(f"{s.url}/api/incidents", timeout=60).json()
    root = ET.fromstring(feed.content)  # raises on a character XML cannot hold
    titles = [e.text or "" for e in root.iter(f"{ATOM}title")]
    assert any("OmbreNoire" in t for t in titles)
    assert listed["incidents"][0]["victim"] == "OmbreNoire"


def test_credentials_in_an_article_address_are_never_published(tmp_path: Path) -> None:
    text = "La mutuelle Azurine a signalé le vol des adresses e-mail de ses adhérents."
    doc = article("creds", "2024-04-02", text, Incident(victim="Azurine", sector="insurance", data=["email"]),
                  url="https://editor:s3cr3t@press.example/azurine")
    with serving(tmp_path, [doc]) as s:
        iid = s.incident_of("Azurine")
        listed = httpx.get(f"{s.url}/api/incidents", timeout=60).text
        detail = httpx.get(f"{s.url}/api/incidents/{iid}", timeout=60).text
        page = httpx.get(f"{s.url}/incidents/{iid}", timeout=60).text
    for body in (listed, detail, page):
        assert "s3cr3t" not in body and "editor" not in body
    assert "https://press.example/azurine" in page


def test_a_corrupt_store_answers_503_not_500(tmp_path: Path) -> None:
    with serving(tmp_path, [MUTUELLE], cache_bytes=0) as s:
        assert httpx.get(f"{s.url}/api/incidents", timeout=60).status_code == 200
        s.store.engine.dispose()
        path = Path(s.db)
        for leftover in (Path(s.db + "-wal"), Path(s.db + "-shm")):
            leftover.unlink(missing_ok=True)
        path.write_bytes(b"this is not a database, it was overwritten by mistake\n" * 200)
        responses = [httpx.get(f"{s.url}{p}", timeout=60) for p in ("/api/incidents", "/api/incidents/1", "/")]
    for response in responses:
        assert response.status_code == 503, (response.status_code, response.text[:300])
    assert "store" in responses[0].json()["error"]["message"]


def test_the_base_url_defaults_to_the_bound_address_and_must_be_a_site() -> None:
    import pytest

    from fuites.errors import FuitesError
    from fuites.web import Settings, default_base_url

    assert default_base_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert default_base_url("::1", 8080) == "http://[::1]:8080"
    assert default_base_url("0.0.0.0", 8000) is None  # each connection's own address then
    assert Settings(base_url="https://fuites.example.org/").base_url == "https://fuites.example.org"
    for bad in ("fuites.example.org", "javascript:alert(1)", "https://u:p@fuites.example.org", "https://x.org/?a=1"):
        with pytest.raises(FuitesError, match="is not one"):
            Settings(base_url=bad)


def test_a_forged_cursor_with_a_huge_id_is_refused(http: httpx.Client) -> None:
    import base64
    import json

    cursor = base64.urlsafe_b64encode(json.dumps(["2024", 2**70]).encode()).decode().rstrip("=")
    response = http.get("/api/incidents", params={"cursor": cursor})
    assert response.status_code == 422
    assert "cursor" in response.json()["error"]["message"]
