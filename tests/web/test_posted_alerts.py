"""An article posted to the API alerts the watches after its commit, without the request waiting."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import MUTUELLE, Served, serving
from fuites import alerts, urlpolicy

BREVINE = (
    "Publié le 12 mars 2025. La clinique Sainte-Brévine, à Lyon, a été victime d'une cyberattaque "
    "par rançongiciel le 10 mars. Les noms et numéros de téléphone de 12 000 patients ont été "
    "dérobés, a indiqué la direction, qui a porté plainte et prévenu la CNIL."
)


class Hook:
    """A webhook receiver on 127.0.0.1 that keeps what it is sent and answers once released."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Event()
        self.released = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                hook.arrived.set()
                hook.released.wait(60)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Served, Hook]]:
    # the receiver is on loopback, where webhooks go only when the operator says so
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "1")
    hook = Hook()
    with serving(tmp_path, [MUTUELLE]) as served:
        alerts.add_watch(served.store, sector="health", webhook=hook.url)
        yield served, hook
    hook.released.set()
    hook.close()


def _post(served: Served, text: str) -> httpx.Response:
    with httpx.Client(base_url=served.url, timeout=120) as http:
        return http.post("/api/articles", json={"text": text, "url": "https://press.example/brevine"},
                         headers={"Authorization": f"Bearer {served.token}"})


def _statuses(served: Served) -> list[str]:
    return [d.status for d in alerts.list_deliveries(served.store)]


def test_a_posted_article_alerts_the_watch_after_the_request(watched: tuple[Served, Hook]) -> None:
    served, hook = watched
    response = _post(served, BREVINE)
    assert response.status_code == 201, response.text
    # the receiver has not answered yet (it waits for the test): the request did not wait for it
    assert _statuses(served) in ([], ["pending"], ["sending"])
    assert hook.arrived.wait(30), "no alert reached the webhook"
    hook.released.set()
    ((headers, body),) = hook.received
    assert headers["x-fuites-event"] == "incident.created"
    assert "Sainte-Brévine" in json.loads(body)["incident"]["victim"]
    assert headers["x-fuites-signature"].startswith("sha256=")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _statuses(served) != ["sent"]:
        time.sleep(0.1)
    assert _statuses(served) == ["sent"]


def test_the_same_article_posted_again_alerts_nobody_again(watched: tuple[Served, Hook]) -> None:
    served, hook = watched
    hook.released.set()
    assert _post(served, BREVINE).status_code == 201
    assert hook.arrived.wait(30)
    assert _post(served, BREVINE).status_code == 200
    time.sleep(1.0)
    assert len(hook.received) == 1
