"""Merge: which articles tell of the same incident, and what the incident then says."""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

from fuites.merge import Facts, Source, combine, decide, display_name, facts_of, name_key, resolve, similar_names
from fuites.models import Document
from fuites.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "merge" / "articles.jsonl"
sys.path.insert(0, str(Path(__file__).parent / "store"))
from conftest import fresh_database  # noqa: E402


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in fresh_database(request.param, tmp_path):
        with Store(url) as s:
            yield s


def load_fixtures() -> list[tuple[Document, list[str]]]:
    out = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = row.pop("gold")
        out.append((Document.model_validate(row), gold))
    return out


def pairwise(predicted: dict[tuple[str, int], int | None], gold: dict[tuple[str, int], str]) -> tuple[float, float]:
    """Pairwise precision and recall over mentions; an unplaced mention is a cluster of its own."""
    mentions = sorted(gold)
    same_pred = {(a, b) for a, b in combinations(mentions, 2)
                 if predicted[a] is not None and predicted[a] == predicted[b]}
    same_gold = {(a, b) for a, b in combinations(mentions, 2) if gold[a] == gold[b]}
    both = len(same_pred & same_gold)
    return both / max(1, len(same_pred)), both / max(1, len(same_gold))


def merge_quality(store: Store, docs: list[tuple[Document, list[str]]]) -> tuple[float, float, list[str]]:
    report = store.add([d for d, _ in docs])
    assert report.failed == []
    predicted: dict[tuple[str, int], int | None] = {}
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT a.doc_id, m.position, m.incident_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        ).all()
    for doc_id, position, incident in rows:
        predicted[(doc_id, position)] = incident
    gold = {(d.doc, i): g for d, golds in docs for i, g in enumerate(golds)}
    precision, recall = pairwise(predicted, gold)
    errors = []
    for a, b in combinations(sorted(gold), 2):
        same_p = predicted[a] is not None and predicted[a] == predicted[b]
        if same_p != (gold[a] == gold[b]):
            errors.append(f"{'merged' if same_p else 'split'}: {a} {gold[a]} / {b} {gold[b]}")
    return precision, recall, errors


def test_fixture_articles_merge_into_their_incidents(store: Store) -> None:
    docs = load_fixtures()
    assert len(docs) >= 60 and len({g for _, gs in docs for g in gs}) >= 20
    precision, recall, errors = merge_quality(store, docs)
    backend = store.engine.dialect.name
    print(f"\nmerge on {len(docs)} articles ({backend}, in publication order): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95, "\n".join(errors)


def test_fixture_merge_holds_in_any_arrival_order(store: Store) -> None:
    docs = load_fixtures()
    random.Random(int(os.environ.get("FUITES_SEED", "5"))).shuffle(docs)
    precision, recall, errors = merge_quality(store, docs)
    print(f"\nmerge on {len(docs)} articles ({store.engine.dialect.name}, shuffled): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95, "\n".join(errors)
