"""The store as a user sees it through `fuites.Store`: writing once, searching, showing, counting."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from fuites.errors import StoreError
from fuites.models import Affected, Document, Incident
from fuites.store import Store


def article(doc: str, published: str | None, text: str, *incidents: Incident, url: str | None = None,
            title: str | None = None) -> Document:
    return Document(doc=doc, published=published, text=text, url=url, title=title,
                    reports_incident=bool(incidents), incidents=list(incidents), extractor="test-1")


ORANGE_MAY = article(
    "orange-mai", "2014-05-07",
    "Orange a reconnu le vol de données personnelles de 1,3 million de clients et prospects, "
    "constaté le 18 avril sur une plateforme d'envoi de courriels. La société assure que les "
    "mots de passe ne sont pas concernés.",
    Incident(victim="Orange", sector="telecom", attack=["intrusion"], data=["email", "phone"],
             affected=Affected(count=1_300_000, qualifier="approx"), discovered="--04-18"),
    Incident(primary=False, victim="Orange", affected=Affected(count=800_000), disclosed="--02"),
    url="https://press.example/orange-mai", title="Orange : 1,3 million de clients touchés",
)
ORANGE_FOLLOW_UP = article(
    "orange-suite", "2014-05-09",
    "L'opérateur Orange France précise que 1,2 million de clients seraient concernés par le vol de "
    "données révélé cette semaine, et qu'une plainte a été déposée.",
    Incident(victim="Orange France", sector="telecom", affected=Affected(count=1_200_000),
             authorities=["law_enforcement"]),
)
MUTUELLE = article(
    "mutuelle", "2024-02-05",
    "La mutuelle Horizon Santé a subi un rançongiciel : les numéros de sécurité sociale de 48 000 "
    "adhérents ont été dérobés par le groupe Akira, et la société a prévenu la CNIL.",
    Incident(victim="Horizon Santé", sector="insurance", attack=["ransomware"], actors=["Akira"],
             data=["national_id", "name"], affected=Affected(count=48_000), occurred="2024-02-01"),
)


def test_store_reopens_without_losing_articles(db_url: str) -> None:
    with Store(db_url) as store:
        store.add([ORANGE_MAY])
    with Store(db_url) as store:
        assert store.stats().articles == 1
        tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "incidents", "mentions", "organisations", "org_aliases", "alembic_version"} <= tables


def test_revision_changes_when_any_store_commits(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fuites.store.db import CommitProbe

    monkeypatch.setattr(CommitProbe, "PG_SECONDS", 0.0)
    with Store(db_url) as reader, Store(db_url) as writer:
        before = reader.revision()
        writer.add([ORANGE_MAY])
        after_other = reader.revision()
        assert after_other != before
        reader.add([MUTUELLE])
        assert reader.revision() != after_other


def test_same_url_is_stored_once(store: Store) -> None:
    again = ORANGE_MAY.model_copy(update={"text": ORANGE_MAY.text + " Mise à jour."})
    report = store.add([ORANGE_MAY, again])
    assert (report.new, report.duplicates) == (1, 1)


def test_same_text_reformatted_is_stored_once(store: Store) -> None:
    copy = ORANGE_MAY.model_copy(update={"url": None, "doc": "copie",
                                         "text": "  " + ORANGE_MAY.text.upper().replace(" ", "\n ")})
    report = store.add([ORANGE_MAY, copy])
    assert [o.status for o in report.outcomes] == ["new", "duplicate"]


def test_follow_up_with_another_name_joins_the_incident(store: Store) -> None:
    store.add([ORANGE_MAY, ORANGE_FOLLOW_UP])
    timeline = store.org("l'opérateur Orange")
    assert [i.start for i in timeline.incidents] == ["2014-02", "2014-04-18"]
    assert [i.articles for i in timeline.incidents] == [1, 2]


def test_conflicting_counts_are_kept_with_their_articles(store: Store) -> None:
    report = store.add([ORANGE_MAY, ORANGE_FOLLOW_UP])
    first, second = (o.article for o in report.outcomes)
    incident = store.show(report.outcomes[1].incidents[0])
    # one primary report each: a tie, so the later report's figure is the headline
    assert incident.affected_count == 1_200_000
    assert incident.conflicts["affected"] == {"1200000": [second], "1300000": [first]}
    assert incident.sources["authorities"] == {"law_enforcement": [second]}
    assert [a.doc for a in incident.sources_articles] == ["orange-mai", "orange-suite"]


def test_explain_says_why_each_article_joined(store: Store) -> None:
    report = store.add([ORANGE_MAY, ORANGE_FOLLOW_UP])
    explained = store.explain(report.outcomes[1].incidents[0])
    assert explained.sources_articles[0].reasons == ["new incident"]
    assert explained.sources_articles[1].reasons[0].startswith("same organisation, dates 2 days apart")


def test_search_ignores_accents_and_case(store: Store) -> None:
    store.add([ORANGE_MAY, MUTUELLE])
    assert [i.victim for i in store.search("SECURITE SOCIALE")] == ["Horizon Santé"]
    assert [i.victim for i in store.search("rançongiciel")] == ["Horizon Santé"]
    assert [i.victim for i in store.search("sante")] == ["Horizon Santé"]


def test_search_phrase_needs_the_words_together(store: Store) -> None:
    store.add([ORANGE_MAY, MUTUELLE])
    assert store.search('"passe ne sont"')[0].victim == "Orange"
    assert store.search('"ne passe sont"') == []


def test_search_filters_combine(store: Store) -> None:
    store.add([ORANGE_MAY, MUTUELLE])
    assert [i.victim for i in store.search(data=["national_id"])] == ["Horizon Santé"]
    assert [i.victim for i in store.search(attack=["intrusion"], sector="telecom")] == ["Orange"]
    assert [i.victim for i in store.search(since="2024-01")] == ["Horizon Santé"]
    assert [i.start for i in store.search(org="Orange France", until="2014-03")] == ["2014-02"]
    assert store.search("données", org="Horizon Santé", attack=["intrusion"]) == []


def test_stats_count_incidents_by_year_sector_attack_and_data(store: Store) -> None:
    store.add([ORANGE_MAY, ORANGE_FOLLOW_UP, MUTUELLE])
    stats = store.stats()
    assert (stats.incidents, stats.articles, stats.organisations) == (3, 3, 2)
    assert stats.by_year == {"2014": 2, "2024": 1}
    assert stats.by_attack == {"intrusion": 1, "ransomware": 1}
    assert stats.by_data["name"] == 1


def test_remerge_rebuilds_the_same_incidents(store: Store) -> None:
    store.add([ORANGE_FOLLOW_UP, ORANGE_MAY, MUTUELLE])
    before = {(i.victim, i.start, i.articles) for i in store.search(limit=None)}
    assert store.remerge() == 3
    assert {(i.victim, i.start, i.articles) for i in store.search(limit=None)} == before


def test_bad_record_line_fails_alone(store: Store) -> None:
    lines = [ORANGE_MAY.model_dump_json(), '{"doc": "x", "incidents": [{"victim": 3}]}', "not json",
             MUTUELLE.model_dump_json()]
    report = store.add_records(lines, source="records.jsonl")
    assert [o.status for o in report.outcomes] == ["new", "failed", "failed", "new"]
    assert report.failed[0].source == "records.jsonl:2"
    assert report.failed[0].message.startswith("cannot read records.jsonl:2: not an extracted record")
    assert "incidents.0.victim" in report.failed[0].message


def test_interrupted_run_keeps_whole_articles_and_rerun_completes(store: Store) -> None:
    def interrupted() -> Iterator[Document]:
        yield ORANGE_MAY
        yield ORANGE_FOLLOW_UP
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add(interrupted())
    assert_whole(store)
    report = store.add([ORANGE_MAY, ORANGE_FOLLOW_UP, MUTUELLE])
    assert report.failed == [] and report.new + report.duplicates == 3
    assert (store.stats().articles, store.stats().incidents) == (3, 3)


def test_killed_ingest_leaves_whole_articles_and_rerun_completes(db_url: str, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    with records.open("w", encoding="utf-8") as f:
        for i in range(3000):
            # one breach a day at one of 300 organisations, reported once each
            record = Incident(victim=f"Société {i % 300}", occurred=f"{2000 + i // 300}-{1 + i % 12:02d}-01")
            doc = Document(doc=f"m{i}", published=record.occurred, text=f"Fuite de données numéro {i}.",
                           reports_incident=True, incidents=[record])
            f.write(doc.model_dump_json() + "\n")
    command = [sys.executable, "-c", "from fuites.cli import app; app()",
               "ingest", "--records", "--db", db_url, str(records)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        with Store(db_url) as watcher:
            while watcher.stats().articles == 0 and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    with Store(db_url) as store:
        stored = store.stats().articles
        assert_whole(store)
        assert 0 < stored
        report = store.add_records(records.read_text(encoding="utf-8").splitlines())
        assert (report.new, report.duplicates, len(report.failed)) == (3000 - stored, stored, 0)


def assert_whole(store: Store) -> None:
    """Every stored article has all its mentions, and every incident has an article."""
    with store.engine.connect() as conn:
        missing = conn.exec_driver_sql(
            "SELECT count(*) FROM articles a"
            " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
        ).scalar()
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM incidents i"
            " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.incident_id = i.id)"
        ).scalar()
    assert (missing, orphans) == (0, 0)


def test_unknown_incident_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no incident 999"):
        store.show(999)


def test_unknown_organisation_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no organisation named 'Nobody'"):
        store.org("Nobody")


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store postgresql"):
        Store("postgresql://user:secret@127.0.0.1:1/none")


def test_extraction_json_is_kept_whole(store: Store) -> None:
    store.add([ORANGE_MAY])
    with store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT extraction, extractor_version FROM articles").one()
    extraction = raw[0] if isinstance(raw[0], dict) else json.loads(raw[0])
    assert extraction["incidents"][1]["affected"]["count"] == 800_000
    assert raw[1] == "test-1"


def test_another_writer_s_incidents_are_seen_by_the_next_article(db_url: str) -> None:
    # merge keeps an organisation's incidents in memory between articles; another Store writing
    # meanwhile must not be missed
    later = article(
        "orange-2019", "2019-03-04",
        "Orange signale un nouvel accès frauduleux aux comptes clients de sa boutique en ligne, "
        "découvert le 1er mars.",
        Incident(victim="Orange", sector="telecom", discovered="2019-03-01"),
    )
    later_follow_up = article(
        "orange-2019-suite", "2019-03-12",
        "Orange précise que l'accès frauduleux à sa boutique en ligne visait 30 000 comptes.",
        Incident(victim="Orange", sector="telecom", affected=Affected(count=30_000)),
    )
    with Store(db_url) as first:
        first.add([ORANGE_MAY])
        with Store(db_url) as second:
            (added,) = second.add([later]).outcomes
        (joined,) = first.add([later_follow_up]).outcomes
    assert added.incidents and joined.incidents == added.incidents
