"""A French page holds no English label: every page a reader reaches is scanned for the English
labels, vocabulary ids and merge reasons that have French words of their own."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from importlib import resources

import httpx

from fuites.models import ATTACKS, AUTHORITIES, CHANNELS, DATA, SECTORS, WHO
from web.conftest import Served

FR = {"Accept-Language": "fr", "Accept": "text/html"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
REASONS = ("same organisation", "new incident", "wire copy", "days apart", "similar text", "undated")
# the record's field names, as evidence marks would name them untranslated
FIELDS = ("victim", "sector", "country", "attack", "actors", "affected", "data", "data_not", "occurred",
          "discovered", "disclosed", "authorities", "notified_individuals", "channels")


class Visible(HTMLParser):
    """The text a reader sees or hears: text nodes outside article texts, and the attributes shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        quoted = tag == "div" and "text" in classes or tag in ("script", "style")
        if tag not in ("br", "img", "input", "meta", "link", "wbr", "hr"):
            self._stack.append(quoted)
            self._skip += quoted
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if self._stack and tag not in ("br", "img", "input", "meta", "link", "wbr", "hr"):
            self._skip -= self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def english_words() -> set[str]:
    tables = tomllib.loads(resources.files("fuites.web").joinpath("labels.toml").read_text(encoding="utf-8"))
    french = {v for table in tables["fr"].values() for v in table.values() if isinstance(v, str)}
    english = {v for name, table in tables["en"].items() if name not in ("messages", "reasons")
               for v in table.values() if isinstance(v, str) and v and v not in french}
    ids = {i for vocab in (SECTORS, ATTACKS, DATA, WHO, AUTHORITIES, CHANNELS) for i in vocab if "_" in i}
    return english | ids | set(REASONS) | set(FIELDS)


def pages(http: httpx.Client, served: Served) -> list[str]:
    incidents = [i["id"] for i in http.get("/api/incidents").json()["incidents"]]
    articles = {s["id"] for i in http.get("/api/incidents").json()["incidents"] for s in i["sources"]}
    return ["/", "/?q=rançongiciel", "/?sector=health&data=national_id", "/stats", "/orgs/Orange", "/orgs/Orang",
            "/nulle-part", "/?sector=inconnu", *(f"/incidents/{i}" for i in incidents),
            *(f"/articles/{a}" for a in articles)]


def test_french_pages_hold_no_english_label(http: httpx.Client, served: Served) -> None:
    words = sorted(english_words(), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, words)) + r")(?!\w|\.\w)")  # not in a domain
    found = {}
    for path in pages(http, served):
        parser = Visible()
        parser.feed(http.get(path, headers=FR).text)
        text = " ".join(" ".join(parser.parts).split())
        hits = sorted(set(pattern.findall(text)))
        if hits:
            found[path] = hits
    assert found == {}
