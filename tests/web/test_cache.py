"""Responses kept until the store changes: validators, HEAD, invalidation by any writer, limits."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from fuites.models import Document, Incident
from fuites.store import Store
from fuites.web.cache import ResponseCache

NEW_ARTICLE = Document(
    doc="boulangerie",
    lang="fr",
    published="2024-11-02",
    text="La chaîne de boulangeries Pain Doré a signalé le vol des adresses électroniques de ses clients.",
    reports_incident=True,
    incidents=[Incident(victim="Pain Doré", sector="retail", data=["email"])],
    extractor="test-1",
)


def test_a_read_has_a_validator_and_a_repeat_gets_304(http: httpx.Client) -> None:
    first = http.get("/api/incidents")
    assert first.headers["cache-control"] == "no-cache"
    etag = first.headers["etag"]
    again = http.get("/api/incidents")
    assert again.content == first.content and again.headers["etag"] == etag
    unchanged = http.get("/api/incidents", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["content-security-policy"]
    assert http.get("/api/incidents", headers={"If-None-Match": '"other"'}).status_code == 200


def test_head_answers_as_get_without_the_body(http: httpx.Client) -> None:
    get = http.get("/", headers={"Accept": "text/html"})
    head = http.head("/", headers={"Accept": "text/html"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    assert http.head("/incidents/999999").status_code == 404


def test_each_language_has_its_own_page(http: httpx.Client) -> None:
    french = http.get("/stats", headers={"Accept-Language": "fr"})
    english = http.get("/stats", headers={"Accept-Language": "en"})
    assert french.headers["etag"] != english.headers["etag"]
    assert http.get("/stats", headers={"Accept-Language": "fr"}).content == french.content


def test_a_commit_by_another_process_is_seen_at_once(writable: Any) -> None:
    with httpx.Client(base_url=writable.url, timeout=60) as client:
        before = client.get("/api/incidents", params={"q": "boulangeries"}).json()["incidents"]
        page = client.get("/", headers={"Accept": "text/html"}).text
        assert before == [] and "Pain Doré" not in page
        # a second Store on the same file: what `fuites ingest` beside the server does
        with Store(writable.db) as other:
            assert other.add([NEW_ARTICLE]).new == 1
        after = client.get("/api/incidents", params={"q": "boulangeries"}).json()["incidents"]
        assert [i["victim"] for i in after] == ["Pain Doré"]
        assert "Pain Doré" in client.get("/", headers={"Accept": "text/html"}).text


def test_reads_with_credentials_are_neither_kept_nor_served_from_memory(writable: Any) -> None:
    with httpx.Client(base_url=writable.url, timeout=60) as client:
        auth = {"Authorization": f"Bearer {writable.token}"}
        response = client.get("/api/incidents", headers=auth)
        assert response.status_code == 200 and "etag" not in response.headers


def test_language_switch_is_not_kept(http: httpx.Client) -> None:
    first = http.get("/lang/en", follow_redirects=False)
    second = http.get("/lang/en", follow_redirects=False)
    assert "set-cookie" in first.headers and "set-cookie" in second.headers


# The middleware alone, over a tiny ASGI app that counts its calls.


class Counting:
    def __init__(self, body: bytes = b"x" * 100, chunks: int = 1, delay: float = 0.0) -> None:
        self.calls = 0
        self.body, self.chunks, self.delay = body, chunks, delay

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        await asyncio.sleep(self.delay)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        for n in range(self.chunks):
            await send({"type": "http.response.body", "body": self.body, "more_body": n < self.chunks - 1})


async def _get(app: Any, path: str, server: Any = None) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [], "server": server}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_many_clients_asking_for_a_stale_page_render_it_once() -> None:
    inner = Counting(delay=0.05)
    cache = ResponseCache(inner, revision=lambda: 1)

    async def crowd() -> list[tuple[int, dict[bytes, bytes], bytes]]:
        return await asyncio.gather(*(_get(cache, "/") for _ in range(20)))

    answers = asyncio.run(crowd())
    assert inner.calls == 1
    assert {a[2] for a in answers} == {b"x" * 100}


def test_a_new_revision_renders_again() -> None:
    revision = [1]
    inner = Counting()
    cache = ResponseCache(inner, revision=lambda: revision[0])
    asyncio.run(_get(cache, "/"))
    asyncio.run(_get(cache, "/"))
    assert inner.calls == 1
    revision[0] = 2
    asyncio.run(_get(cache, "/"))
    assert inner.calls == 2


def test_memory_is_bounded_by_dropping_the_least_recently_used() -> None:
    cache = ResponseCache(Counting(body=b"y" * 1000), revision=lambda: 1, max_bytes=3500)
    for path in ("/a", "/b", "/c", "/a", "/d"):
        asyncio.run(_get(cache, path))
    assert cache.size <= 3500
    assert [key[0] for key in cache.entries] == ["/c", "/a", "/d"]


def test_a_response_too_big_to_keep_streams_through_whole() -> None:
    inner = Counting(body=b"z" * 1000, chunks=5)
    cache = ResponseCache(inner, revision=lambda: 1, max_bytes=10_000, max_entry=2500)
    status, headers, body = asyncio.run(_get(cache, "/big"))
    assert status == 200 and body == b"z" * 5000 and b"etag" not in headers
    assert not cache.entries
    asyncio.run(_get(cache, "/big"))
    assert inner.calls == 2


def test_counts_on_the_home_page_follow_a_commit_by_another_process(writable: Any) -> None:
    with httpx.Client(base_url=writable.url, timeout=60) as client:
        before = client.get("/api/stats").json()["incidents"]
        with Store(writable.db) as other:
            assert other.add([NEW_ARTICLE]).new == 1
        assert client.get("/api/stats").json()["incidents"] == before + 1


def test_a_server_address_given_as_a_list_is_cached_like_a_tuple() -> None:
    inner = Counting()
    cache = ResponseCache(inner, revision=lambda: 1)
    asyncio.run(_get(cache, "/", ["127.0.0.1", 8000]))
    asyncio.run(_get(cache, "/", ("127.0.0.1", 8000)))
    assert inner.calls == 1
