"""`Store.ingest`: files, URLs and feeds through extraction into the store, failures one by one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import update

from fuites.store import Store
from fuites.store.tables import Article

KALIOS = """Le site Kalios piraté, 300 000 comptes exposés
Le site de vente en ligne Kalios a révélé jeudi le vol de 300 000 identifiants et mots de passe de ses
clients, après une intrusion détectée le 6 mars. Les clients sont invités à changer leur mot de passe.
"""
HORIZON = """<html><head><title>Horizon Sport</title></head><body><article>
<h1>Horizon Sport signale une fuite</h1>
<p>L'enseigne Horizon Sport a découvert le 5 novembre qu'une base de données de son site de vente en ligne
était accessible sans mot de passe. Les noms, adresses mail et commandes de 210 000 clients étaient
exposés.</p></article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    base = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        pages = {
            "/horizon.html": ("text/html; charset=utf-8", HORIZON),
            "/feed.xml": ("application/rss+xml", '<?xml version="1.0"?><rss version="2.0"><channel>'
                          f"<item><title>Horizon</title><link>{self.base}/horizon.html</link></item>"
                          f"<item><title>Perdu</title><link>{self.base}/missing.html</link></item>"
                          "</channel></rss>"),
        }
        if self.path not in pages:
            self.send_error(404, "Not Found")
            return
        content_type, body = pages[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Handler.base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kalios.txt").write_text(KALIOS, encoding="utf-8")
    (folder / "copie.txt").write_text(KALIOS.replace("\n", "\n\n"), encoding="utf-8")
    (folder / "binaire.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_files_urls_and_feeds_are_ingested_and_failures_reported(
    store: Store, server: str, articles: Path
) -> None:
    report = store.ingest([str(articles), server + "/feed.xml", server + "/horizon.html",
                           str(articles / "absent.txt")], allow_private=True)
    by_status = {(o.status, Path(o.source).name) for o in report.outcomes}
    assert by_status == {
        ("failed", "binaire.txt"), ("duplicate", "kalios.txt"), ("new", "copie.txt"),
        ("new", "horizon.html"), ("failed", "missing.html"), ("duplicate", "horizon.html"),
        ("failed", "absent.txt"),
    }
    assert all(o.message.startswith("cannot read") for o in report.failed)
    assert len(store.search(limit=None)) == 2
    assert [i.articles for i in store.search("Kalios")] == [1]
    assert [i.articles for i in store.search('"Horizon Sport"')] == [1]


def test_ingest_twice_stores_nothing_new(store: Store, server: str, articles: Path) -> None:
    store.ingest([str(articles / "kalios.txt"), server + "/horizon.html"], allow_private=True)
    again = store.ingest([str(articles / "kalios.txt"), server + "/horizon.html"], allow_private=True)
    assert [o.status for o in again.outcomes] == ["duplicate", "duplicate"]


def test_private_url_is_refused_without_allow_private(store: Store, server: str) -> None:
    report = store.ingest([server + "/horizon.html"])
    assert [o.status for o in report.outcomes] == ["failed"]
    assert "--allow-private" in report.outcomes[0].message


def test_reextract_redoes_articles_of_another_extractor_version(store: Store, articles: Path) -> None:
    store.ingest([str(articles / "kalios.txt"), str(articles / "copie.txt")])
    with store.engine.begin() as conn:
        conn.execute(update(Article).where(Article.doc_id == "kalios").values(extractor_version="old"))
    report = store.reextract()
    assert [(Path(o.source).name, o.status) for o in report.outcomes] == [("kalios.txt", "updated")]
    assert [i.articles for i in store.search("Kalios")] == [1]
    assert store.reextract().outcomes == []


def test_on_change_hears_the_incidents_an_ingest_created_once(db_url: str, articles: Path) -> None:
    heard: list[Sequence[int]] = []
    with Store(db_url, on_change=lambda _, ids: heard.append(ids)) as store:
        report = store.ingest([str(articles / "kalios.txt"), str(articles / "copie.txt")])
        store.ingest([str(articles / "kalios.txt")])
    created = [i for o in report.outcomes for i in o.incidents]
    # told after every run, with nothing changed too: alerts a killed run left go out then
    assert len(created) == 1 and heard == [created, []]


def test_on_change_hears_the_incidents_a_reextraction_updated(db_url: str, articles: Path) -> None:
    heard: list[Sequence[int]] = []
    with Store(db_url, on_change=lambda _, ids: heard.append(ids)) as store:
        (new,) = store.ingest([str(articles / "kalios.txt")]).outcomes
        with store.engine.begin() as conn:
            conn.execute(update(Article).values(extractor_version="old"))
        (redone,) = store.reextract().outcomes
    # the article left its incident and was placed again: both changed
    assert heard == [list(new.incidents), [*redone.incidents, *redone.left]]
    assert redone.incidents and set(redone.left) <= set(new.incidents)


def test_failing_on_change_keeps_the_articles_and_warns(db_url: str, articles: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    def down(store: Store, ids: Sequence[int]) -> None:
        raise ConnectionError("hooks.example unreachable")

    with caplog.at_level(logging.WARNING), Store(db_url, on_change=down) as store:
        report = store.ingest([str(articles / "kalios.txt")])
        assert [o.status for o in report.outcomes] == ["new"]
        assert [i.articles for i in store.search("Kalios")] == [1]
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "ConnectionError: hooks.example unreachable" in line and "fuites alerts retry" in line
