"""Reading article URLs and feeds from a real HTTP server on 127.0.0.1, under the safety rules."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from fuites.errors import InputError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.web import MAX_BYTES, read_url, resolve

ARTICLE = """<!doctype html><html><head><title>Fuite chez Kalios</title>
<meta property="article:published_time" content="2023-03-09"></head><body><article>
<h1>Le site Kalios piraté, 300 000 comptes exposés</h1>
<p>Le site de vente en ligne Kalios a révélé le vol de 300 000 identifiants et mots de passe chiffrés
de ses clients, après une intrusion détectée le 6 mars.</p>
<p>Les clients sont invités à changer leur mot de passe. La CNIL a été notifiée.</p>
</article></body></html>"""

SECOND = ARTICLE.replace("Kalios", "Horizon Sport").replace("300 000", "210 000")


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
        for title, path, date in [
            ("Kalios piraté", "/kalios.html", "Thu, 09 Mar 2023 08:00:00 GMT"),
            ("Horizon Sport", "/horizon.html", "Wed, 08 Nov 2023 10:00:00 GMT"),
            ("Disparu", "/missing.html", "Wed, 08 Nov 2023 11:00:00 GMT"),
        ]
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Cyber</title>{items}</channel></rss>'


ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fuites</title>
<entry><title>Kalios</title><link href="/kalios.html"/><updated>2023-03-09T08:00:00Z</updated>
<id>urn:1</id></entry></feed>"""

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, *args: object) -> None:
        pass

    def reply(
        self, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what the size limit tests expect

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _chunked_forever(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    block = b"<p>" + b"x" * 65_536 + b"</p>"
    try:
        for _ in range(MAX_BYTES // len(block) + 10):
            h.wfile.write(block)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _slow(h: Handler) -> None:
    time.sleep(1.5)
    h.reply(ARTICLE)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/kalios.html": lambda h: h.reply(ARTICLE),
        "/horizon.html": lambda h: h.reply(SECOND),
        "/latin1.txt": lambda h: h.reply("Données dérobées à l'hôpital.".encode("latin-1"),
                                         "text/plain; charset=iso-8859-1"),
        "/feed.xml": lambda h: h.reply(rss(base), "application/rss+xml"),
        "/atom.xml": lambda h: h.reply(ATOM, "application/xml"),
        "/moved": lambda h: h.redirect("/kalios.html"),
        "/loop": lambda h: h.redirect("/loop"),
        "/ftp": lambda h: h.redirect("ftp://127.0.0.1/file"),
        "/huge": lambda h: h.reply(b"x" * (MAX_BYTES + 1)),
        "/endless": _chunked_forever,
        "/slow": _slow,
        "/report.pdf": lambda h: h.reply(b"%PDF-1.7 binary", "application/pdf"),
        "/gone": lambda h: h.reply("gone", status=410),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def read(url: str, **kwargs: object) -> list[RawArticle | ReadFailure]:
    return list(read_url(url, allow_private=True, **kwargs))  # type: ignore[arg-type]


def test_article_url_gives_its_text_and_url(server: str) -> None:
    [article] = read(server + "/kalios.html")
    assert isinstance(article, RawArticle)
    assert "300 000 identifiants" in (article.text or "")
    assert article.url == server + "/kalios.html"
    assert article.doc_id.startswith("127.0.0.1_kalios_")


def test_declared_charset_is_honoured(server: str) -> None:
    [article] = read(server + "/latin1.txt")
    assert isinstance(article, RawArticle) and article.text == "Données dérobées à l'hôpital."


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    [article] = read(server + "/moved")
    assert isinstance(article, RawArticle) and article.url == server + "/kalios.html"


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    [failure] = list(read_url(server + "/kalios.html"))
    assert isinstance(failure, ReadFailure)
    assert "127.0.0.1 is a loopback address" in failure.message
    assert "--allow-private" in failure.message


def test_localhost_name_is_refused_too(server: str) -> None:
    [failure] = list(read_url(server.replace("127.0.0.1", "localhost") + "/kalios.html"))
    assert isinstance(failure, ReadFailure) and "loopback" in failure.message


@pytest.mark.parametrize("address, reason", [
    ("169.254.169.254", "link-local"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "not a public"),
])
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        resolve(address, 80, allow_private=False)


def test_redirects_are_capped(server: str) -> None:
    [failure] = read(server + "/loop")
    assert isinstance(failure, ReadFailure) and "more than 5 redirects" in failure.message


def test_redirect_to_another_scheme_is_refused(server: str) -> None:
    [failure] = read(server + "/ftp")
    assert isinstance(failure, ReadFailure) and "ftp:// is not http or https" in failure.message


def test_declared_size_over_the_limit_is_refused(server: str) -> None:
    [failure] = read(server + "/huge")
    assert isinstance(failure, ReadFailure) and "too large (5.0 MB, the limit is 5 MB)" in failure.message


def test_streamed_body_over_the_limit_is_cut_off(server: str) -> None:
    [failure] = read(server + "/endless")
    assert isinstance(failure, ReadFailure) and "too large (more than the limit of 5 MB)" in failure.message


def test_slow_server_times_out(server: str) -> None:
    with httpx.Client(timeout=httpx.Timeout(0.3)) as client:
        [failure] = read(server + "/slow", client=client)
    assert isinstance(failure, ReadFailure) and "timed out" in failure.message


def test_non_article_content_is_refused(server: str) -> None:
    [failure] = read(server + "/report.pdf")
    assert isinstance(failure, ReadFailure) and "not an article (application/pdf)" in failure.message


def test_http_error_is_one_line(server: str) -> None:
    [failure] = read(server + "/gone")
    assert isinstance(failure, ReadFailure)
    assert failure.message == f"cannot read {server}/gone: HTTP 410 Gone"


def test_rss_feed_entries_are_fetched_each_and_a_dead_link_fails_alone(server: str) -> None:
    items = read(server + "/feed.xml")
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadFailure"]
    first, second, failure = items
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.title, first.published) == ("Kalios piraté", "2023-03-09")
    assert "210 000" in (second.text or "")
    assert isinstance(failure, ReadFailure) and "HTTP 404" in failure.message


def test_atom_feed_with_relative_links(server: str) -> None:
    [article] = read(server + "/atom.xml")
    assert isinstance(article, RawArticle) and article.url == server + "/kalios.html"


def test_feed_on_a_private_address_is_refused_whole(server: str) -> None:
    items = list(read_url(server + "/feed.xml"))
    assert len(items) == 1 and isinstance(items[0], ReadFailure) and "loopback" in items[0].message
