"""A real SQLite store built from articles written for these tests, served by uvicorn on loopback.

API tests talk to it with httpx and the browser tests with Chromium, as a user's tools would.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from fuites.models import Affected, Document, Incident
from fuites.store import Store
from fuites.web import Settings, create_app
from fuites.web import tokens as tokens_module


def spans(text: str, *phrases: str) -> list[tuple[int, int]]:
    """Where each phrase is in the text (the evidence an extractor would cite)."""
    out = []
    for phrase in phrases:
        start = text.index(phrase)
        out.append((start, start + len(phrase)))
    return out


def article(
    doc: str,
    published: str,
    text: str,
    *incidents: Incident,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    return Document(
        doc=doc,
        lang="fr",
        published=published,
        text=text,
        url=url,
        title=title,
        reports_incident=bool(incidents),
        incidents=list(incidents),
        extractor="test-1",
    )


MUTUELLE_TEXT = (
    "La mutuelle Horizon Santé a subi un rançongiciel. Les numéros de sécurité sociale de 48 000 "
    "adhérents ont été dérobés par le groupe Akira. Aucune donnée bancaire n'a été exposée, "
    "assure la mutuelle, qui a prévenu la CNIL."
)
MUTUELLE = article(
    "mutuelle",
    "2024-02-05",
    MUTUELLE_TEXT,
    Incident(
        victim="Horizon Santé",
        sector="health",
        country="FR",
        attack=["ransomware"],
        actors=["Akira"],
        data=["national_id"],
        data_not=["financial"],
        affected=Affected(count=48_000, qualifier="exact", who=["customers"]),
        occurred="2024-02-01",
        authorities=["dpa"],
        evidence={
            "victim": spans(MUTUELLE_TEXT, "La mutuelle Horizon Santé a subi un rançongiciel."),
            "attack": spans(MUTUELLE_TEXT, "La mutuelle Horizon Santé a subi un rançongiciel."),
            "data": spans(
                MUTUELLE_TEXT,
                "Les numéros de sécurité sociale de 48 000 adhérents ont été dérobés par le groupe Akira.",
            ),
            "data_not": spans(MUTUELLE_TEXT, "Aucune donnée bancaire n'a été exposée"),
            "authorities": spans(MUTUELLE_TEXT, "qui a prévenu la CNIL"),
        },
    ),
    url="https://press.example/horizon-sante",
    title="Horizon Santé visée par un rançongiciel",
)

LUNELLE_TEXT = (
    "La boutique en ligne de cosmétiques Lunelle a révélé que 18 500 comptes de clients avaient été "
    "piratés par bourrage d'identifiants. Les attaquants ont pu accéder aux noms et aux adresses de "
    "livraison. Aucune carte bancaire n'a été compromise."
)
LUNELLE = article(
    "lunelle",
    "2024-10-02",
    LUNELLE_TEXT,
    Incident(
        victim="Lunelle",
        sector="retail",
        attack=["credential_stuffing"],
        data=["name", "postal_address"],
        data_not=["payment_card"],
        affected=Affected(count=18_500, qualifier="exact"),
        evidence={
            "victim": spans(LUNELLE_TEXT, "Lunelle"),
            "data": spans(
                LUNELLE_TEXT, "Les attaquants ont pu accéder aux noms et aux adresses de livraison."
            ),
        },
    ),
    url="https://press.example/lunelle",
    title="Lunelle : 18 500 comptes piratés",
)

ORANGE_MAY = article(
    "orange-mai",
    "2014-05-07",
    "Orange a reconnu le vol de données personnelles de 1,3 million de clients, constaté le 18 avril.",
    Incident(
        victim="Orange",
        sector="telecom",
        attack=["intrusion"],
        data=["email", "phone"],
        affected=Affected(count=1_300_000, qualifier="approx"),
        discovered="2014-04-18",
    ),
    url="https://press.example/orange-mai",
    title="Orange : 1,3 million de clients touchés",
)
ORANGE_FOLLOW_UP = article(
    "orange-suite",
    "2014-05-09",
    "L'opérateur Orange précise que 1,2 million de clients seraient concernés par le vol révélé cette "
    "semaine.",
    Incident(victim="Orange", sector="telecom", affected=Affected(count=1_200_000), discovered="2014-04-18"),
    url="https://press.example/orange-suite",
)

# An article a hostile site could feed us: markup in every field a page shows.
HOSTILE_VICTIM = 'Evil<img src=x onerror="window.__pwned=1">Corp'
HOSTILE_TEXT = (
    "Le site Evil Corp a été piraté. <script>window.__pwned = 1; document.title = 'pwned'</script> "
    'Les noms des clients sont exposés. Plus d\'informations : <a href="javascript:window.__pwned=1">ici</a> '
    "ou javascript:window.__pwned=1."
)
HOSTILE = article(
    "hostile",
    "2023-06-01",
    HOSTILE_TEXT,
    Incident(
        victim=HOSTILE_VICTIM,
        sector="technology",
        attack=["intrusion"],
        data=["name"],
        evidence={
            "data": spans(HOSTILE_TEXT, "<script>window.__pwned = 1; document.title = 'pwned'</script>")
        },
    ),
    url="javascript:window.__pwned=1",
    title="<script>window.__pwned=1</script>Evil",
)

# An article the extractor read as reporting no incident: stored, kept aside, shown only in the counts.
OPINION = article(
    "tribune",
    "2024-03-01",
    "Une tribune sur la sobriété numérique des collectivités, sans aucun incident à signaler.",
    url="https://press.example/tribune",
    title="Pour une sobriété numérique",
)

ARTICLES = [ORANGE_MAY, ORANGE_FOLLOW_UP, HOSTILE, MUTUELLE, LUNELLE, OPINION]


@dataclass
class Served:
    url: str
    token: str
    db: str
    store: Store

    def incident_of(self, victim: str) -> int:
        found = self.store.search(org=victim, limit=1)
        assert found, f"no incident of {victim} in the test store"
        return found[0].id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(root: Path, articles: list[Document], **settings: Any) -> Iterator[Served]:
    """A store of these articles served by uvicorn on a free loopback port, with one token."""
    db = str(root / "fuites.db")
    tokens_path = root / "tokens"
    token = tokens_module.create("tests", tokens_path)
    store = Store(db)
    report = store.add(articles)
    assert report.new == len(articles), [o.message for o in report.outcomes]
    app = create_app(Settings(db=db, tokens=tokens_path, max_body=200_000, **settings), store=store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Served(url=f"http://127.0.0.1:{port}", token=token, db=db, store=store)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The store the read tests share: nothing writes to it."""
    with serving(tmp_path_factory.mktemp("web"), ARTICLES) as s:
        yield s


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Served]:
    """A store of its own for a test that adds articles."""
    with serving(tmp_path, [MUTUELLE]) as s:
        yield s


@pytest.fixture
def private(tmp_path: Path) -> Iterator[Served]:
    """A store whose reads need a token too."""
    with serving(tmp_path, [MUTUELLE], reads="token") as s:
        yield s


@pytest.fixture
def http(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        yield client


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests keep their screenshots (git-ignored)."""
    path = Path(__file__).resolve().parents[2] / "artifacts" / "web"
    path.mkdir(parents=True, exist_ok=True)
    return path
