"""`fuites load`: a batch output bulk-loaded gives the store that ingesting the articles one by one gives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_articles import ARTICLES, two_shards
from sqlalchemy import select, text
from typer.testing import CliRunner

from fuites.batch import run_batch
from fuites.cli import app
from fuites.extract.pipeline import EXTRACTOR_VERSION
from fuites.models import Document
from fuites.store import Store
from fuites.store.bulk import BatchArticle, load
from fuites.store.tables import Alias, Article, ArticleBand, Incident, Mention, Organisation
from fuites.store.writer import extraction_of
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
        articles = sorted(conn.execute(select(Article.doc_id, Article.source, Article.url, Article.published,
                                              Article.title, Article.lang, Article.text, Article.text_hash,
                                              Article.extraction, Article.extractor_version,
                                              Article.minhash)).all())
        bands = sorted((doc_of[a], band) for band, a in conn.execute(select(ArticleBand.band, ArticleBand.article_id)))
        found = {word: _found(conn, word) for word in ("cyberattaque", "orages", "transporteur", "rancongiciel")}
        if conn.dialect.name == "sqlite":
            # the full-text index holds exactly the articles' titles and texts
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    return {"incidents": incidents, "links": links, "aliases": aliases, "articles": articles, "bands": bands,
            "found": found, "organisations": sorted(orgs.values())}


def _found(conn: Any, word: str) -> list[str]:
    """The articles the full-text index finds for a word (accents folded, as `fuites search` folds them)."""
    if conn.dialect.name == "postgresql":
        query = "SELECT doc_id FROM articles WHERE search @@ to_tsquery('simple', :w)"
    else:
        query = ("SELECT a.doc_id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                 "WHERE articles_fts MATCH :w")
    return sorted(conn.execute(text(query), {"w": word}).scalars())


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


def test_load_into_a_store_holding_some_of_the_articles_gives_what_ingest_gives(
        two_stores: tuple[str, str], tmp_path: Path) -> None:
    shards, expected, out = _ingested_and_batched(two_stores[0], tmp_path)
    with Store(two_stores[1]) as loaded:
        first = loaded.ingest([str(shards[0])])
        report = load(loaded, out)
        assert report.duplicates == first.new + 1 and report.new == len(ARTICLES) - 1 - first.new
        assert _snapshot(loaded) == expected


def test_an_output_written_without_bands_loads_the_same(two_stores: tuple[str, str], tmp_path: Path) -> None:
    _, expected, out = _ingested_and_batched(two_stores[0], tmp_path)
    for path in (out / "articles").glob("*.parquet"):
        pq.write_table(pq.read_table(path).drop_columns(["bands"]), path)
    with Store(two_stores[1]) as loaded:
        load(loaded, out)
        assert _snapshot(loaded) == expected


def _ingested_and_batched(store_url: str, tmp_path: Path) -> tuple[list[Path], dict[str, Any], Path]:
    """The two shards, the snapshot of a store they were ingested into, and their batch output."""
    shards = two_shards(tmp_path)
    with Store(store_url) as ingested:
        ingested.ingest([str(p) for p in shards])
        expected = _snapshot(ingested)
    out = tmp_path / "out"
    run_batch([str(p) for p in shards], out, workers=1, processes=False)
    return shards, expected, out


def _article(record: dict[str, Any], extractor: str) -> BatchArticle:
    return BatchArticle(doc_id="a", source="a.txt", url=None, title=None, published=None, lang="fr",
                        reports_incident=False, extractor=extractor, text="Un texte.", record=json.dumps(record),
                        text_hash="0" * 64, minhash=None, bands=None)


def test_a_record_of_todays_extractor_is_stored_as_the_model_dumps_it() -> None:
    doc = Document(doc="a", lang="fr", extractor=EXTRACTOR_VERSION, text="Un texte.")
    record = doc.model_dump(mode="json", exclude={"text"})
    assert _article(record, EXTRACTOR_VERSION).extraction() == extraction_of(doc)


def test_a_record_lacking_todays_fields_goes_through_the_model() -> None:
    record = {"doc": "a", "lang": "fr", "incidents": [], "extractor": "older-rules"}
    extraction = _article(record, "older-rules").extraction()
    assert extraction == extraction_of(Document(doc="a", lang="fr", extractor="older-rules"))
    assert extraction["warnings"] == [] and extraction["reports_incident"] is False


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
