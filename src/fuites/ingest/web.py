"""Article URLs and RSS/Atom feeds -> articles, fetched with httpx under `fuites.urlpolicy`.

- Where a request may go (public addresses only unless `allow_private`, pinned to the address
  checked, http and https only) is `fuites.urlpolicy`'s, as for webhooks.
- At most MAX_REDIRECTS redirects, each hop checked like the first URL.
- Timeouts on connect and read, and a DEADLINE for a page, redirects and body together; a body
  larger than MAX_BYTES is cut off and refused; an empty body is no article.
- A feed is parsed by feedparser from the bytes httpx fetched (feedparser never fetches), and
  each entry's link is fetched under the same rules.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from fuites import urlpolicy
from fuites.errors import InputError
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.html import read_html
from fuites.ingest.text import decode

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
MAX_ENTRIES = 200
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
# A whole fetch, redirects included: a press page comes in a second or two; a server that trickles
# a byte every few seconds would otherwise hold a run for as long as it likes.
DEADLINE = 60.0
USER_AGENT = "fuites/0.1 (press articles about data breaches)"

# Kept importable from here: tests and callers checked addresses through this module.
resolve = urlpolicy.resolve


@dataclass(frozen=True)
class Fetched:
    """A response body within the limits, and where it finally came from."""

    url: str
    content: bytes
    content_type: str


def is_url(item: str) -> bool:
    return re.match(r"https?://", item, re.IGNORECASE) is not None


def fetch(url: str, client: httpx.Client, *, allow_private: urlpolicy.Allow = False,
          deadline: float = DEADLINE) -> Fetched:
    """GET `url` under the module's rules; InputError with a one-line reason otherwise."""
    current = url
    limit = urlpolicy.Deadline(deadline)
    for _ in range(MAX_REDIRECTS + 1):
        with urlpolicy.request(client, "GET", current, allow_private=allow_private, deadline=limit) as response:
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise InputError(f"HTTP {response.status_code} without a Location")
                current = urljoin(current, location)
                continue
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            content = urlpolicy.read_body(response, MAX_BYTES, limit)
            return Fetched(current, content, response.headers.get("content-type", ""))
    raise InputError(f"more than {MAX_REDIRECTS} redirects")


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
    if not fetched.content.strip():
        raise InputError("empty page (the server answered with no content)")
    text = _decode(fetched)
    if not text.strip():
        raise InputError("empty page (no text in it)")
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


def read_url(url: str, *, allow_private: urlpolicy.Allow = False, client: httpx.Client | None = None,
             deadline: float = DEADLINE) -> Iterator[RawArticle | ReadFailure]:
    """The article at `url`, or each article of the feed at `url`; failures come as ReadFailure."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
    try:
        try:
            fetched = fetch(url, client, allow_private=allow_private, deadline=deadline)
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
                page = fetch(link, client, allow_private=allow_private, deadline=deadline)
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
