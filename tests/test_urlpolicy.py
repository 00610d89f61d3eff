"""The URL policy, for article fetching and webhooks alike: an SSRF matrix, redirects, deadlines.

Servers listen on 127.0.0.1 only; every address the matrix tries is refused before any connection.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fuites import alerts, urlpolicy
from fuites.errors import InputError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.web import read_url
from fuites.models import Document, Incident
from fuites.store import Store

ARTICLE = ("<html><body><article><p>La mutuelle Verbrac a signalé le vol des données de 12 000 adhérents."
           "</p></article></body></html>")

# Spellings of non-public addresses; each resolves to what it hides, which is what is checked.
MATRIX = [
    ("127.0.0.1", "loopback"), ("localhost", "loopback"), ("2130706433", "loopback"),
    ("0x7f000001", "loopback"), ("0x7f.1", "loopback"), ("017700000001", "loopback"), ("127.1", "loopback"),
    ("[::1]", "loopback"), ("[::ffff:127.0.0.1]", "loopback"), ("[::ffff:7f00:1]", "loopback"),
    ("169.254.169.254", "link-local"), ("[fe80::1]", "link-local"), ("[::ffff:169.254.169.254]", "link-local"),
    ("10.0.0.1", "private"), ("192.168.1.1", "private"), ("172.16.0.1", "private"), ("0.0.0.0", "not a public"),
    ("100.64.0.1", "not a public"), ("user:pw@127.0.0.1", "loopback"),
]


class Server:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.base = ""

    def reply(self, h: BaseHTTPRequestHandler, body: bytes, status: int = 200,
              headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def handle_any(self) -> None:
            state.hits.append(f"{self.command} {self.path}")
            route = state.routes.get(self.path)
            if route is None:
                state.reply(self, b"", 404)
            else:
                route(self)

        do_GET = do_POST = handle_any  # noqa: N815 - http.server's names

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def port_of(server: Server) -> str:
    return server.base.rsplit(":", 1)[1]


# Fetching

@pytest.mark.parametrize("host, reason", MATRIX)
def test_fetch_refuses_every_spelling_of_a_non_public_address(server: Server, host: str, reason: str) -> None:
    server.routes["/a.html"] = lambda h: server.reply(h, ARTICLE.encode())
    [failure] = list(read_url(f"http://{host}:{port_of(server)}/a.html"))
    assert isinstance(failure, ReadFailure)
    assert "refused" in failure.message and reason in failure.message
    assert server.hits == []


@pytest.mark.parametrize("location, reason", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://2130706434:{port}/a.html", "loopback"),  # 127.0.0.2, in decimal
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://0x7f000001.nip.invalid/", "cannot resolve"),
])
def test_a_redirect_to_a_private_address_is_refused(server: Server, location: str, reason: str) -> None:
    target = location.format(port=port_of(server))
    server.routes["/moved"] = lambda h: server.reply(h, b"", 302, {"Location": target})
    # the test server itself, and nothing else, is allowed
    [failure] = list(read_url(server.base + "/moved", allow_private=frozenset({"127.0.0.1"})))
    assert isinstance(failure, ReadFailure) and reason in failure.message
    assert server.hits == ["GET /moved"]


def test_the_allowed_address_itself_is_fetched(server: Server) -> None:
    server.routes["/a.html"] = lambda h: server.reply(h, ARTICLE.encode())
    [article] = list(read_url(server.base + "/a.html", allow_private=frozenset({"127.0.0.1"})))
    assert isinstance(article, RawArticle) and "12 000 adhérents" in (article.text or "")


def _trickle(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    h.wfile.write(b"<html><body><p>")
    try:
        for _ in range(100):  # 30 s at most
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.3)
    except (BrokenPipeError, ConnectionResetError):
        pass


def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(server: Server) -> None:
    server.routes["/slow.html"] = _trickle
    start = time.monotonic()
    [failure] = list(read_url(server.base + "/slow.html", allow_private=True, deadline=1.5))
    elapsed = time.monotonic() - start
    assert isinstance(failure, ReadFailure) and "took longer than 1.5 s" in failure.message
    assert elapsed < 5


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/plain; charset=utf-8", "text/plain"])
def test_an_empty_answer_is_no_article(server: Server, content_type: str) -> None:
    server.routes["/empty"] = lambda h: server.reply(h, b"", 200, {"Content-Type": content_type})
    [failure] = list(read_url(server.base + "/empty", allow_private=True))
    assert isinstance(failure, ReadFailure) and "empty page" in failure.message


def test_an_empty_answer_is_not_stored(server: Server, tmp_path: Path) -> None:
    server.routes["/empty"] = lambda h: server.reply(h, b" \n", 200, {"Content-Type": "text/plain; charset=utf-8"})
    with Store(tmp_path / "s.db") as store:
        report = store.ingest([server.base + "/empty"], allow_private=True)
        assert [o.status for o in report.outcomes] == ["failed"]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 0


# Webhooks

@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "alerts.db") as s:
        yield s


@pytest.mark.parametrize("host, reason", MATRIX)
def test_a_watch_on_a_non_public_webhook_is_refused(store: Store, host: str, reason: str) -> None:
    with pytest.raises(InputError, match=f"refused.*{reason}.*{urlpolicy.UNSAFE_PRIVATE_WEBHOOKS}"):
        alerts.add_watch(store, "Verbrac", webhook=f"http://{host}/latest")
    assert alerts.list_watches(store) == []


VERBRAC = Document(doc="verbrac", published="2024-02-01", url="https://press.example/verbrac", reports_incident=True,
                   text="La mutuelle Verbrac a signalé le vol des données de 12 000 adhérents.",
                   incidents=[Incident(victim="Verbrac", sector="insurance", data=["name"])], extractor="t")
NO_WAIT = alerts.RetryPolicy(attempts=2, backoff=0.0, timeout=3.0)


def test_webhook_to_loopback_is_not_delivered_without_the_opt_in(store: Store, server: Server,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "127.0.0.1")
    alerts.add_watch(store, "Verbrac", webhook=server.base + "/hook")
    monkeypatch.delenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS)
    store.add([VERBRAC])
    report = alerts.notify_changes(store, policy=NO_WAIT)
    assert report.sent == [] and "refused: 127.0.0.1 is a loopback address" in report.failed[0][1]
    assert server.hits == []


def test_webhook_whose_address_changed_to_another_private_one_is_refused(
        store: Store, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "127.0.0.1")
    watch = alerts.add_watch(store, "Verbrac", webhook=server.base + "/hook")
    # what a DNS answer changed after the watch was added would do: checked again at delivery
    with store.engine.begin() as conn:
        conn.execute(alerts.watches.update().where(alerts.watches.c.id == watch.id)
                     .values(webhook=f"http://2130706434:{port_of(server)}/hook"))
    store.add([VERBRAC])
    report = alerts.notify_changes(store, policy=NO_WAIT)
    assert "refused" in report.failed[0][1] and server.hits == []
    (failed,) = alerts.list_deliveries(store, "failed")
    assert failed.attempts == 1  # a refusal is not retried at once


def test_webhook_redirect_is_not_followed(store: Store, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "127.0.0.1")
    server.routes["/hook"] = lambda h: server.reply(h, b"", 302, {"Location": "http://169.254.169.254/latest"})
    alerts.add_watch(store, "Verbrac", webhook=server.base + "/hook")
    store.add([VERBRAC])
    report = alerts.notify_changes(store, policy=NO_WAIT)
    assert "webhooks are not redirected" in report.failed[0][1]
    assert server.hits == ["POST /hook"]


def test_webhook_to_the_allowed_receiver_is_delivered(store: Store, server: Server,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(urlpolicy.UNSAFE_PRIVATE_WEBHOOKS, "127.0.0.1")
    server.routes["/hook"] = lambda h: server.reply(h, b"", 204)
    alerts.add_watch(store, "Verbrac", webhook=server.base + "/hook")
    store.add([VERBRAC])
    assert len(alerts.notify_changes(store, policy=NO_WAIT).sent) == 1
    assert server.hits == ["POST /hook"]
