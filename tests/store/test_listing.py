"""The web's list of incidents: filtered pages walked by cursor give exactly `search`'s incidents."""

from __future__ import annotations

from fuites.models import Document, Incident
from fuites.store import Store
from fuites.web import listing
from fuites.web.listing import Filters


def _article(n: int, published: str | None, attack: list[str], data: list[str], sector: str) -> Document:
    victim = f"Clinique du Parc {n}"
    return Document(doc=f"parc-{n}", published=published, extractor="test-1", reports_incident=True,
                    text=f"La {victim} a signalé une fuite de données de ses patients.",
                    incidents=[Incident(victim=victim, sector=sector, attack=attack, data=data)])


def _store(store: Store) -> None:
    docs = []
    for n in range(24):
        published = None if n % 7 == 0 else f"20{18 + n % 5}-0{1 + n % 9}-1{n % 10}"
        attack = [["ransomware"], ["phishing", "ransomware"], [], ["intrusion"]][n % 4]
        data = [["email", "health"], ["health"], ["email"], ["national_id", "email"]][n % 3 + (n % 2)]
        docs.append(_article(n, published, attack, data, "health" if n % 5 else "retail"))
    store.add(docs)


def _walk(store: Store, f: Filters, limit: int) -> list[int]:
    seen: list[int] = []
    cursor = None
    with store.engine.connect() as conn:
        for _ in range(50):
            page = listing.page(conn, store.names, f, cursor=cursor, limit=limit)
            seen += [i["id"] for i in page.incidents]
            cursor = page.next
            if cursor is None:
                return seen
    raise AssertionError("the cursor never ends")


def test_filtered_pages_walk_search_s_incidents_once(store: Store) -> None:
    _store(store)
    cases = [
        Filters(),
        Filters(sector="health"),
        Filters(data=("email",)),
        Filters(attack=("ransomware",), data=("health",)),
        Filters(sector="santé", attack=("rançongiciel",), since="2019", until="2021-06"),
        Filters(data=("email", "national_id"), since="2020"),
    ]
    for f in cases:
        checked = f.check()
        expected = [i.id for i in store.search(sector=checked.sector, data=list(checked.data),
                                               attack=list(checked.attack), since=checked.since,
                                               until=checked.until, limit=None)]
        assert expected, f
        assert _walk(store, f, 3) == expected, f
        assert _walk(store, f, 200) == expected, f


def test_a_data_filter_matches_whole_ids_only(store: Store) -> None:
    store.add([_article(1, "2024-03-01", [], ["username"], "retail"),
               _article(2, "2024-03-02", [], ["name", "email"], "retail")])
    with store.engine.connect() as conn:
        # "name" is written inside "username" in the stored list, but is another category
        found = listing.page(conn, store.names, Filters(data=("name",)).check(), limit=200)
    assert [i["victim"] for i in found.incidents] == ["Clinique du Parc 2"]
