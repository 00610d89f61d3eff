"""Store benchmarks, each against a baseline measured in the same run.

1. Ingest of already-extracted records into SQLite through `Store.add` (one savepoint per
   article: article row, LSH bands, full-text index, merge, incident recomputed), against the
   same article rows written with one plain sqlite3 `executemany`. Target: >= 500 articles/s.
2. Search on a generated store of 100,000 incidents (one article each, built with bulk inserts,
   full-text index included): p50/p95 of `Store.search` over a mix of text queries and filters,
   against a `LIKE` scan of the same texts for the text queries. Target: p95 < 50 ms.

    .venv/bin/python bench/store.py [--articles 3000] [--incidents 100000] [--queries 300]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from fuites.merge import name_key
from fuites.models import Affected, Document, Incident
from fuites.store import Store
from fuites.store.tables import articles, incident_tags, incidents, mentions, org_aliases, organisations

SECTORS = ["telecom", "retail", "health", "public_admin", "finance", "insurance", "education", "transport",
           "industry", "energy"]
ATTACKS = ["ransomware", "intrusion", "extortion", "supplier", "account_compromise", "misconfiguration"]
DATA = ["name", "email", "phone", "postal_address", "date_of_birth", "national_id", "bank_account",
        "password", "health", "order"]
SYLLABLES = ["ka", "lo", "mi", "ter", "va", "nor", "bel", "ix", "pro", "sa", "tel", "med", "cor", "an", "di",
             "fra", "lu", "rex", "sol", "ven", "mar", "top", "ga", "zen"]
FILLER = ("le la les des une un de du et en a été par pour sur dans avec selon plus ses leurs ont était "
          "entreprise société clients abonnés patients données personnelles informations fichiers serveurs "
          "pirates attaque cyberattaque piratage fuite vol accès système informatique enquête plainte CNIL "
          "ANSSI courriel adresse numéro téléphone identité mot passe banque carte rançon groupe revendiqué "
          "publié forum vente direction communiqué mardi mercredi jeudi semaine mois dernier précisé "
          "indiqué confirmé reconnu victime concernés touchés exposés dérobées prestataire hameçonnage "
          "vigilance mesures sécurité").split()


# Phrases as users type them: words that follow each other in the articles.
PHRASES = ['"victime d\'une cyberattaque"', '"ont été dérobées"', '"données de"', '"a été victime"']


def org_names(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        names.add(word if rng.random() < 0.7 else f"{word} {rng.choice(['Santé', 'Mobile', 'Assurances'])}")
    return sorted(names)


def article_text(rng: random.Random, victim: str, count: int, words: int = 150) -> str:
    head = (f"{victim} a été victime d'une cyberattaque : les données de {count:,} clients ont été dérobées. "
            .replace(",", " "))
    return head + " ".join(rng.choice(FILLER) for _ in range(words)) + "."


def random_day(rng: random.Random, start: date = date(2012, 1, 1), days: int = 13 * 365) -> date:
    return start + timedelta(days=rng.randrange(days))


def make_documents(n: int, seed: int = 1) -> list[Document]:
    """Press-like records: a third are wire copies or follow-ups of an earlier story."""
    rng = random.Random(seed)
    orgs = org_names(rng, max(50, n // 4))
    docs: list[Document] = []
    stories: list[tuple[str, date, int, list[str]]] = []
    for i in range(n):
        roll = rng.random()
        if stories and roll < 0.15:
            victim, day, count, data = rng.choice(stories)
            base = next(d for d in reversed(docs) if d.incidents and d.incidents[0].victim == victim)
            text = base.text.replace("ont été dérobées", "auraient été dérobées") + " Mise à jour."
            published = day + timedelta(days=1)
        elif stories and roll < 0.33:
            victim, day, count, data = rng.choice(stories)
            text = article_text(rng, victim, count, 80)
            published = day + timedelta(days=rng.randint(3, 40))
        else:
            victim, day = rng.choice(orgs), random_day(rng)
            count, data = rng.randrange(1_000, 5_000_000), rng.sample(DATA, 3)
            stories.append((victim, day, count, data))
            text = article_text(rng, victim, count)
            published = day + timedelta(days=rng.randint(0, 2))
        incidents_ = [Incident(victim=victim, sector=rng.choice(SECTORS), attack=[rng.choice(ATTACKS)],
                               data=data,
                               affected=Affected(count=count, qualifier="approx"), disclosed=day.isoformat())]
        if rng.random() < 0.2:
            incidents_.append(Incident(primary=False, victim=rng.choice(orgs),
                                       disclosed=random_day(rng).strftime("%Y-%m")))
        docs.append(Document(doc=f"bench-{i}", published=published.isoformat(), text=text,
                             reports_incident=True,
                             incidents=incidents_, extractor="bench", title=text[:60],
                             url=f"https://news.example/{i}"))
    return docs


def bench_ingest(n: int, folder: Path) -> tuple[float, float]:
    docs = make_documents(n)
    # baseline: the same article rows, one executemany in one transaction, no index but the keys
    conn = sqlite3.connect(folder / "baseline.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, doc_id TEXT, source TEXT, url TEXT UNIQUE, "
                 "text_hash TEXT UNIQUE, published TEXT, title TEXT, lang TEXT, text TEXT, extraction TEXT, "
                 "extractor_version TEXT, ingested_at TEXT)")
    start = time.perf_counter()
    rows = [(d.doc, d.url, d.url, str(hash(d.text)), d.published, d.title, d.lang, d.text,
             json.dumps(d.model_dump(mode="json", exclude={"text"})), d.extractor, datetime.now().isoformat())
            for d in docs]
    with conn:
        conn.executemany("INSERT INTO articles (doc_id, source, url, text_hash, published, title, lang, "
                         "text, "
                         "extraction, extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    baseline = n / (time.perf_counter() - start)
    conn.close()

    with Store(folder / "ingest.db") as store:
        store.add(docs[:20])  # imports and first compilations are not what is measured
        start = time.perf_counter()
        report = store.add(docs[20:])
        rate = (n - 20) / (time.perf_counter() - start)
        stats = store.stats()
    assert not report.failed, report.failed[:3]
    print(f"ingest: {n - 20} records -> {stats.incidents} incidents, {stats.organisations} organisations")
    return rate, baseline


def build_search_store(path: Path, n: int, seed: int = 2) -> list[str]:
    """A store of `n` incidents, one article each, written in bulk; returns the organisation names."""
    rng = random.Random(seed)
    names = org_names(rng, n // 5)
    store = Store(path)
    now = datetime.now()
    with store.engine.begin() as conn:
        conn.execute(organisations.insert(), [
            {"id": i + 1, "name": name, "key": name_key(name), "sector": rng.choice(SECTORS), "country": "FR"}
            for i, name in enumerate(names)])
        conn.execute(org_aliases.insert(), [
            {"org_id": i + 1, "name": name, "key": name_key(name)} for i, name in enumerate(names)])
        batch = 5_000
        for lo in range(0, n, batch):
            art_rows, inc_rows, men_rows, tag_rows = [], [], [], []
            for i in range(lo + 1, min(n, lo + batch) + 1):
                org = rng.randrange(len(names))
                victim, count, day = names[org], rng.randrange(1_000, 5_000_000), random_day(rng)
                data, attack = rng.sample(DATA, 3), [rng.choice(ATTACKS)]
                text = article_text(rng, victim, count)
                art_rows.append({"id": i, "doc_id": f"gen-{i}", "source": "bench", "url": None,
                                 "text_hash": f"{i:064d}", "published": day.isoformat(), "title": text[:60],
                                 "lang": "fr", "text": text, "extraction": {}, "extractor_version": "bench",
                                 "minhash": None, "ingested_at": now})
                inc_rows.append({"id": i, "org_id": org + 1, "victim": victim, "sector": rng.choice(SECTORS),
                                 "country": "FR", "attack": attack, "actors": [], "affected_count": count,
                                 "affected_qualifier": "approx", "affected_who": ["customers"], "data": data,
                                 "data_not": [], "occurred": None, "discovered": None,
                                 "disclosed": day.isoformat(), "authorities": [],
                                 "notified_individuals": False,
                                 "channels": [], "start_date": day.isoformat(), "end_date": day.isoformat(),
                                 "n_articles": 1, "sources": {}, "conflicts": {}, "names": victim,
                                 "updated_at": now})
                men_rows.append({"article_id": i, "position": 0, "incident_id": i, "is_primary": True,
                                 "record": {"victim": victim}, "reasons": ["new incident"]})
                tag_rows += [{"incident_id": i, "kind": "data", "value": d} for d in data]
                tag_rows += [{"incident_id": i, "kind": "attack", "value": a} for a in attack]
            conn.execute(articles.insert(), art_rows)
            conn.execute(incidents.insert(), inc_rows)
            conn.execute(mentions.insert(), men_rows)
            conn.execute(incident_tags.insert(), tag_rows)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
    store.close()
    return names


def queries(rng: random.Random, names: list[str], n: int) -> list[tuple[str, dict[str, object]]]:
    kinds = [
        ("rare word", lambda: ({"query": rng.choice(names)}, )),
        ("common word", lambda: ({"query": rng.choice(["données", "piratage", "clients", "fuite"])}, )),
        ("two words", lambda: ({"query": f"{rng.choice(FILLER)} {rng.choice(FILLER)}"}, )),
        ("phrase", lambda: ({"query": rng.choice(PHRASES)},)),
        ("org", lambda: ({"org": rng.choice(names)}, )),
        ("sector+data+since", lambda: ({"sector": rng.choice(SECTORS), "data": [rng.choice(DATA)],
                                        "since": f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}"}, )),
        ("text+attack", lambda: ({"query": rng.choice(["rançon", "CNIL", "prestataire"]),
                                  "attack": [rng.choice(ATTACKS)]}, )),
        ("attack+data", lambda: ({"attack": [rng.choice(ATTACKS)], "data": [rng.choice(DATA)]}, )),
    ]
    out = []
    for i in range(n):
        label, make = kinds[i % len(kinds)]
        out.append((label, make()[0]))
    return out


def bench_search(n_incidents: int, n_queries: int, folder: Path) -> dict[str, list[float]]:
    path = folder / "search.db"
    start = time.perf_counter()
    names = build_search_store(path, n_incidents)
    print(f"search: generated {n_incidents:,} incidents in {time.perf_counter() - start:.0f} s")
    rng = random.Random(3)
    timings: dict[str, list[float]] = {}
    with Store(path) as store:
        for _ in range(5):
            store.search("données")
        for label, kwargs in queries(rng, names, n_queries):
            start = time.perf_counter()
            store.search(**kwargs)  # type: ignore[arg-type]
            timings.setdefault(label, []).append((time.perf_counter() - start) * 1000)
    # baseline: what a text query costs without the full-text index, on the same texts
    conn = sqlite3.connect(path)
    baseline = []
    for word in ["piratage", names[7], "données"]:
        start = time.perf_counter()
        conn.execute("SELECT i.id FROM incidents i JOIN mentions m ON m.incident_id = i.id JOIN articles a "
                     "ON a.id = m.article_id WHERE a.text LIKE ? ORDER BY i.start_date DESC LIMIT 50",
                     (f"%{word}%",)).fetchall()
        baseline.append((time.perf_counter() - start) * 1000)
    conn.close()
    timings["baseline: LIKE scan"] = baseline
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) >= 2 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rate, baseline = bench_ingest(args.articles, folder)
        print(f"ingest: {rate:,.0f} articles/s through Store.add (target >= 500); "
              f"baseline plain executemany {baseline:,.0f} rows/s")
        timings = bench_search(args.incidents, args.queries, folder)
    everything = [t for label, ts in timings.items() if not label.startswith("baseline") for t in ts]
    print(f"search on {args.incidents:,} incidents: "
          f"{'query':<22} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, ts in [*timings.items(), ("all queries", everything)]:
        print(f"{'':>33}{label:<22} {len(ts):>4} {statistics.median(ts):>8.1f} {p95(ts):>8.1f} "
              f"{max(ts):>8.1f}")
    ok = rate >= 500 and p95(everything) < 50
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
