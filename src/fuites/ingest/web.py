"""Article URLs and RSS/Atom feeds -> articles, fetched with httpx under rules that keep it safe.

- Only http and https; at most MAX_REDIRECTS redirects, each hop checked like the first URL.
- The host is resolved once and every address it has must be public: private, loopback,
  link-local, multicast and reserved ranges are refused unless `allow_private` (a feed must not
  make `fuites` read an intranet or a cloud metadata service). The request then goes to the
  address that was checked, so a second DNS answer cannot swap it for a private one.
- Timeouts on connect and read; a body larger than MAX_BYTES is cut off and refused.
- A feed is parsed by feedparser from the bytes httpx fetched (feedparser never fetches), and
  each entry's link is fetched under the same rules.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from fuites.errors import InputError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.html import read_html
from fuites.ingest.text import decode

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
MAX_ENTRIES = 200
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
USER_AGENT = "fuites/0.1 (press articles about data breaches)"

@dataclass(frozen=True)
class Fetched:
    """A response body within the limits, and where it finally came from."""

    url: str
    content: bytes
    content_type: str


def is_url(item: str) -> bool:
    return re.match(r"https?://", item, re.IGNORECASE) is not None


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not one to fetch from the public web, or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified:
        return "not a public address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or not ip.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to for `host`, after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise InputError(f"cannot resolve {host}: {e.strerror}") from e
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        reason = _refusal(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason and not allow_private:
            raise InputError(
                f"refused: {host} is {reason} ({address}); pass --allow-private to fetch from it"
            )
    return addresses[0]


def _pinned(url: str, allow_private: bool) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The request to send for `url`: to the checked address, with the Host header and TLS name
    of the URL's host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"refused: {parts.scheme}:// is not http or https")
    if not parts.hostname:
        raise InputError("no host in the URL")
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    address = resolve(parts.hostname, port, allow_private)
    host_header = parsed.netloc.decode("ascii").rsplit("@", 1)[-1]
    target = parsed.copy_with(host=address)
    return target, {"Host": host_header}, {"sni_hostname": parts.hostname}


def fetch(url: str, client: httpx.Client, *, allow_private: bool = False) -> Fetched:
    """GET `url` under the module's rules; InputError with a one-line reason otherwise."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target, headers, extensions = _pinned(current, allow_private)
        request = client.build_request("GET", target, headers=headers, extensions=extensions)
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as e:
            raise InputError(f"timed out ({type(e).__name__})") from e
        except httpx.HTTPError as e:
            raise InputError(f"cannot fetch: {' '.join(str(e).split()) or type(e).__name__}") from e
        try:
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise InputError(f"HTTP {response.status_code} without a Location")
                current = urljoin(current, location)
                continue
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            return Fetched(current, _body(response), response.headers.get("content-type", ""))
        finally:
            response.close()
    raise InputError(f"more than {MAX_REDIRECTS} redirects")


def _body(response: httpx.Response) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise InputError(_too_large(int(declared)))
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise InputError(_too_large(size, at_least=True))
            chunks.append(chunk)
    except httpx.TimeoutException as e:
        raise InputError("timed out while reading the page") from e
    except httpx.HTTPError as e:
        raise InputError(f"cannot read the page: {e}") from e
    return b"".join(chunks)


def _too_large(size: int, at_least: bool = False) -> str:
    limit = f"{MAX_BYTES // 1_000_000} MB"
    if at_least:
        return f"too large (more than the limit of {limit})"
    return f"too large ({size / 1_000_000:.1f} MB, the limit is {limit})"


def doc_id_for(url: str) -> str:
    """A readable, stable id for a fetched article: host, last path segment, hash of the URL."""
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    slug = re.sub(r"[^\w-]+", "-", re.sub(r"\.[a-z0-9]{2,5}$", "", segment)).strip("-")[:60]
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return "_".join(p for p in ((parts.hostname or "web"), slug, digest) if p)


def _is_feed(fetched: Fetched) -> bool:
    content_type = fetched.content_type.split(";", 1)[0].strip().lower()
    if content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    head = fetched.content[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return False
    return any(mark in head for mark in (b"<rss", b"<feed", b"<rdf:rdf"))


def _article(fetched: Fetched, source: str, *, title: str | None = None,
             published: str | None = None) -> RawArticle:
    content_type = fetched.content_type.split(";", 1)[0].strip().lower()
    if content_type and not (content_type.startswith("text/") or "html" in content_type):
        raise InputError(f"not an article ({content_type}); give a web page or an RSS/Atom feed")
    text = _decode(fetched)
    doc_id = doc_id_for(fetched.url)
    head = text[:1024].lstrip().lower()
    if "html" in content_type or head.startswith(("<!doctype html", "<html")):
        return read_html(text, doc_id, source, url=fetched.url, title=title, published=published)
    return RawArticle(doc_id=doc_id, source=source, text=text, url=fetched.url, title=title,
                      published=published)


def _decode(fetched: Fetched) -> str:
    """The page's text in the charset its Content-Type declares, else as files are read."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", fetched.content_type, re.IGNORECASE)
    if match:
        try:
            return fetched.content.decode(match.group(1)).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(fetched.content).text


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def read_url(url: str, *, allow_private: bool = False,
             client: httpx.Client | None = None) -> Iterator[RawArticle | ReadFailure]:
    """The article at `url`, or each article of the feed at `url`; failures come as ReadFailure."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
    try:
        try:
            fetched = fetch(url, client, allow_private=allow_private)
            if not _is_feed(fetched):
                yield _article(fetched, url)
                return
            feed = feedparser.parse(fetched.content, response_headers={"content-location": fetched.url})
        except Exception as e:  # noqa: BLE001 - lxml or trafilatura on a hostile page: one failure
            yield ReadFailure(url, f"cannot read {url}: {_why(e)}")
            return
        if not feed.entries:
            reason = getattr(feed.get("bozo_exception"), "args", [""])[0] if feed.get("bozo") else ""
            detail = f": {reason}" if reason else ""
            yield ReadFailure(url, f"cannot read {url}: a feed without entries{detail}")
            return
        for entry in feed.entries[:MAX_ENTRIES]:
            link = entry.get("link")
            if not link:
                yield ReadFailure(url, f"cannot read an entry of {url}: it has no link")
                continue
            link = urljoin(fetched.url, link)
            try:
                page = fetch(link, client, allow_private=allow_private)
                yield _article(page, link, title=entry.get("title"), published=_entry_date(entry))
            except Exception as e:  # noqa: BLE001 - one entry must not stop the feed
                yield ReadFailure(link, f"cannot read {link}: {_why(e)}")
    finally:
        if own:
            client.close()


def _why(error: Exception) -> str:
    if isinstance(error, InputError):
        return str(error)
    return f"unreadable ({type(error).__name__}: {' '.join(str(error).split())[:200]})"
