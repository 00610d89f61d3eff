"""`fuites load`: a batch output bulk-loaded gives the store that ingesting the articles one by one gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_articles import ARTICLES, two_shards
from sqlalchemy import select
from typer.testing import CliRunner

from fuites.batch import run_batch
from fuites.cli import app
from fuites.store import Store
from fuites.store.bulk import load
from fuites.store.tables import Alias, Article, Incident, Mention, Organisation
from store_backends import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for first in fresh_database(request.param, tmp_path / "a"):
        for second in fresh_database(request.param, tmp_path / "b"):
            yield first, second


def _snapshot(store: Store) -> dict[str, Any]:
    """The store's content with ids replaced by what they stand for (article doc ids, names)."""
    with store.engine.connect() as conn:
        doc_of = dict(conn.execute(select(Article.id, Article.doc_id)).all())
        orgs = dict(conn.execute(select(Organisation.id, Organisation.key)).all())
        incidents = {}
        for row in conn.execute(select(Incident)).mappings():
            values = {k: v for k, v in row.items() if k not in ("id", "updated_at", "org_id", "sources", "conflicts")}
            values["org"] = orgs[row["org_id"]]
            values["sources"] = {field: {value: sorted(doc_of[a] for a in ids) for value, ids in by_value.items()}
                                 for field, by_value in row["sources"].items()}
            values["articles"] = sorted(doc_of[m] for (m,) in conn.execute(
                select(Mention.article_id).where(Mention.incident_id == row["id"])))
            incidents[tuple(values["articles"])] = values
        links = sorted((doc_of[m.article_id], m.position, m.is_primary, tuple(m.reasons),
                        tuple(doc_of[a] for (a,) in conn.execute(select(Mention.article_id).where(
                            Mention.incident_id == m.incident_id))) if m.incident_id else None)
                       for m in conn.execute(select(Mention)))
        aliases = sorted((orgs[a.org_id], a.key, a.name) for a in conn.execute(select(Alias)))
        articles = sorted(conn.execute(select(Article.doc_id, Article.url, Article.published, Article.title,
                                              Article.text_hash, Article.extraction)).all())
    return {"incidents": incidents, "links": links, "aliases": aliases, "articles": articles,
            "organisations": sorted(orgs.values())}


def test_load_gives_the_store_that_ingest_gives(two_stores: tuple[str, str], tmp_path: Path) -> None:
    shards = two_shards(tmp_path)
    ingested_url, loaded_url = two_stores
    with Store(ingested_url) as ingested:
        report = ingested.ingest([str(p) for p in shards])
        assert report.new == len(ARTICLES) - 1 and report.duplicates == 1
        kept_aside = report.aside
        expected = _snapshot(ingested)
    out = tmp_path / "out"
    run_batch([str(p) for p in shards], out, workers=1, processes=False)
    with Store(loaded_url) as loaded:
        report = load(loaded, out)
        assert report.new == len(ARTICLES) - 1 and report.duplicates == 1
        assert report.aside == kept_aside == 1  # the weather report, stored with no incident
        assert _snapshot(loaded) == expected
        again = load(loaded, out)
        assert again.new == 0 and again.duplicates == len(ARTICLES)
        assert _snapshot(loaded) == expected
    assert len(expected["incidents"]) >= 3
    assert any(len(articles) == 2 for articles in expected["incidents"])  # the two Velmont reports merged


def test_load_of_a_folder_that_is_no_batch_output_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "store.db")])
    assert result.exit_code == 1
    assert result.output.startswith("fuites: cannot read") and "plan.json" in result.output


def test_batch_then_load_from_the_command_line(tmp_path: Path) -> None:
    shards = two_shards(tmp_path)
    out = tmp_path / "out"
    run_batch([str(p) for p in shards], out, workers=1, processes=False)
    store = str(tmp_path / "store.db")
    result = CliRunner().invoke(app, ["load", str(out), "--db", store])
    assert result.exit_code == 0, result.output
    assert f"({len(ARTICLES) - 1} new, 1 duplicate)" in result.output
    assert "incidents created" in result.output and "0 incidents created" not in result.output
    again = CliRunner().invoke(app, ["load", str(out), "--db", store])
    assert f"({len(ARTICLES)} duplicate)" in again.output
