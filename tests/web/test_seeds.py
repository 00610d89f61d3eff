"""The seed articles (read from ../shared/seeds, skipped when absent) as a reader meets them: extracted,
ingested and served, every fact of a record comes back through the API and the pages."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from fuites.cli import app
from fuites.extract.pipeline import extract_articles
from fuites.ingest.files import read_paths
from fuites.models import Document
from web.conftest import Served, serving

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FIELDS = ("victim", "sector", "country", "attack", "actors", "data", "data_not", "occurred", "discovered",
          "disclosed", "authorities", "notified_individuals", "channels")


def seeds() -> list[Document]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    return list(extract_articles(a for a in read_paths([str(SEEDS)]) if not isinstance(a, Exception)))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, list[Document]]]:
    docs = seeds()
    with serving(tmp_path_factory.mktemp("seeds"), docs) as s:
        yield s, docs


@pytest.fixture
def api(seeded: tuple[Served, list[Document]]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=seeded[0].url, timeout=60) as client:
        yield client


def test_every_field_of_every_record_comes_back_from_the_api(
    seeded: tuple[Served, list[Document]], api: httpx.Client
) -> None:
    _, docs = seeded
    listed = api.get("/api/incidents", params={"limit": 200}).json()["incidents"]
    article_ids = {source["id"] for item in listed for source in item["sources"]}
    stored = {a["doc"]: a for a in (api.get(f"/api/articles/{aid}").json() for aid in article_ids)}
    for doc in docs:
        view = stored[doc.doc]
        for position, record in enumerate(doc.incidents):
            incident_id = view["incidents"][str(position)]
            assert incident_id, f"{doc.doc}: incident {position} ({record.victim}) was not placed"
            got = api.get(f"/api/incidents/{incident_id}").json()
            for name in FIELDS:
                want: Any = getattr(record, name)
                assert got[name] == want, f"{doc.doc} #{position} {name}: {got[name]!r} != {want!r}"
            affected = record.affected
            assert (got["affected_count"], got["affected_qualifier"], got["affected_who"]) == (
                (affected.count, affected.qualifier, affected.who) if affected else (None, None, []))


def test_orange_has_two_incidents_on_its_timeline(api: httpx.Client) -> None:
    timeline = api.get("/api/orgs/Orange").json()
    assert [i["affected_count"] for i in timeline["incidents"]] == [800_000, 1_300_000]
    assert [i["when"] for i in timeline["incidents"]] == ["--02", "--04-18"]


def test_a_date_without_its_year_reads_as_such_on_the_pages(
    seeded: tuple[Served, list[Document]], api: httpx.Client
) -> None:
    timeline = api.get("/api/orgs/Orange").json()
    page = api.get("/orgs/Orange", headers={"Accept-Language": "fr"}).text
    assert "février (année non précisée)" in page and "18 avril (année non précisée)" in page
    main = timeline["incidents"][1]["id"]
    card = api.get(f"/incidents/{main}", headers={"Accept-Language": "fr"}).text
    assert "18 avril (année non précisée)" in card and "5 mai (année non précisée)" in card


def test_the_cli_shows_the_dates_without_their_year(seeded: tuple[Served, list[Document]]) -> None:
    served, _ = seeded
    result = CliRunner().invoke(app, ["org", "--db", served.db, "Orange", "--format", "jsonl"])
    assert [i["when"] for i in json.loads(result.stdout)["incidents"]] == ["--02", "--04-18"]
    main = served.store.org("Orange").incidents[1].id
    result = CliRunner().invoke(app, ["show", "--db", served.db, str(main)], env={"COLUMNS": "120"})
    assert "18 April (year not given)" in result.stdout


def test_search_ransomware_finds_la_poste_mobile(seeded: tuple[Served, list[Document]]) -> None:
    served, _ = seeded
    result = CliRunner().invoke(app, ["search", "--db", served.db, "ransomware", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert "La Poste Mobile" in {json.loads(line)["victim"] for line in result.stdout.splitlines()}


def test_the_monthly_chart_says_how_many_incidents_it_leaves_out(api: httpx.Client) -> None:
    page = html.unescape(api.get("/stats", headers={"Accept-Language": "fr"}).text)
    assert "2 incidents sans mois connu (date inconnue ou année seule) ne figurent pas" in page
