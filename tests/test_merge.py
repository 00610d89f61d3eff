"""Merge: which articles tell of the same incident, and what the incident then says."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from fuites.merge import (
    BANDS,
    NUM_PERM,
    ROWS,
    WIRE_COPY,
    Source,
    combine,
    decide,
    display_name,
    facts_of,
    fold,
    minhash,
    name_key,
    resolve,
    similar_names,
)
from fuites.models import Document
from fuites.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "merge" / "articles.jsonl"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def load_fixtures() -> list[tuple[Document, list[str]]]:
    out = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = row.pop("gold")
        out.append((Document.model_validate(row), gold))
    return out


Mentions = dict[tuple[str, int], int | None]


def pairwise(predicted: Mentions, gold: dict[tuple[str, int], str]) -> tuple[float, float]:
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
            "SELECT a.doc_id, m.position, m.incident_id"
            " FROM mentions m JOIN articles a ON a.id = m.article_id"
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


@pytest.mark.parametrize("name, key", [
    ("Orange", "orange"), ("Orange France", "orange"), ("l'opérateur Orange", "orange"),
    ("l’opérateur historique Orange", "orange"), ("le groupe Cultura", "cultura"), ("Cultura SAS", "cultura"),
    ("La Poste", "la poste"), ("La Banque Postale", "la banque postale"),
    ("Centre hospitalier d'Armentières", "centre hospitalier d armentieres"),
])
def test_name_key_drops_descriptors_and_suffixes_only(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize("a, b", [
    ("Orange", "Orange Cyberdefense"), ("La Poste", "La Poste Mobile"), ("Horizon Santé", "Horizon Sport"),
    ("Centre hospitalier d'Armentières", "Centre hospitalier d'Argenteuil"), ("Boulanger", "Boulangerie"),
    ("Sport 2000", "Sport 3000"),
])
def test_close_names_of_different_organisations_stay_apart(a: str, b: str) -> None:
    assert not similar_names(name_key(a), name_key(b))


def test_spelling_variants_are_one_organisation() -> None:
    assert similar_names(name_key("Fédération française de football"),
                         name_key("Fédération française du football"))
    assert display_name("l'enseigne Horizon Sport") == "Horizon Sport"


def test_date_without_year_takes_the_article_year_or_the_one_before() -> None:
    assert resolve("--04-18", "2014-05-07") == "2014-04-18"
    assert resolve("--11", "2014-02-03") == "2013-11"
    assert resolve("--04-18", None) is None
    assert resolve("2014-04", "2020-01-01") == "2014-04"


def _facts(record: dict[str, object], published: str, primary: bool = True, article: int = 1):  # type: ignore[no-untyped-def]
    return facts_of(record, published, primary, article)


def test_same_organisation_three_months_apart_is_a_new_incident() -> None:
    february = _facts({"disclosed": "2014-02-03", "affected": {"count": 800_000}}, "2014-02-03", article=1)
    may = _facts({"discovered": "--04-18", "affected": {"count": 1_300_000}}, "2014-05-07", article=2)
    assert decide(may, True, [(1, february)], {}, {}).incident_id is None


def test_follow_up_weeks_later_joins_on_the_same_count() -> None:
    first = _facts({"disclosed": "2024-10-19", "affected": {"count": 19_000_000}}, "2024-10-21", article=1)
    follow = _facts({"affected": {"count": 19_000_000}}, "2024-12-20", article=2)
    decision = decide(follow, True, [(7, first)], {}, {})
    assert (decision.incident_id, decision.rule) == (7, 3)
    assert "same affected count" in decision.reason


def test_wire_copy_naming_no_victim_joins_the_copied_incident() -> None:
    copy = _facts({}, "2024-10-21", article=2)
    decision = decide(copy, True, [], {5: (0.83, 1)}, {})
    assert (decision.incident_id, decision.reason) == (5, "wire copy of article 1 (similarity 0.83)")


def test_recalled_incident_without_date_is_an_earlier_incident_of_its_own() -> None:
    recalled = _facts({"victim": "Orange"}, "2014-05-07", primary=False, article=2)
    decision = decide(recalled, False, [], {}, {})
    assert (decision.incident_id, decision.rule) == (None, 6)
    assert decision.reason == "new incident (an earlier incident recalled without a date)"


def test_recalled_incident_without_date_joins_the_one_undated_incident() -> None:
    dated = _facts({"disclosed": "2014-05-06"}, "2014-05-07", article=1)
    undated = _facts({"victim": "Orange"}, None, primary=False, article=3)
    recalled = _facts({"victim": "Orange"}, "2015-01-02", primary=False, article=4)
    decision = decide(recalled, False, [(1, dated), (2, undated)], {}, {})
    assert (decision.incident_id, decision.rule) == (2, 5)


def test_a_date_without_its_year_is_kept_and_refined_by_one_with_it() -> None:
    alone = combine([Source(1, None, True, {"victim": "Orange", "discovered": "--04-18"})])
    assert (alone["discovered"], alone["start_date"]) == ("--04-18", None)
    both = combine([Source(1, None, True, {"victim": "Orange", "discovered": "--04-18"}),
                    Source(2, "2014-05-07", True, {"victim": "Orange", "discovered": "2014-04-18"})])
    assert (both["discovered"], both["conflicts"]) == ("2014-04-18", {})


def test_two_incidents_of_one_article_never_merge() -> None:
    placed = _facts({"disclosed": "2014-05-06"}, "2014-05-07", article=3)
    other = _facts({"disclosed": "2014-05"}, "2014-05-07", primary=False, article=3)
    assert decide(other, False, [(1, placed)], {}, {}).incident_id is None


def test_headline_count_is_the_majority_then_the_latest_report() -> None:
    def source(article: int, published: str, count: int, primary: bool = True) -> Source:
        return Source(article, published, primary, {"victim": "Orange", "affected": {"count": count}})

    majority = combine([source(1, "2014-05-07", 1_300_000), source(2, "2014-05-07", 1_300_000),
                        source(3, "2014-05-28", 1_200_000)])
    assert majority["affected_count"] == 1_300_000
    assert majority["conflicts"]["affected"] == {"1300000": [1, 2], "1200000": [3]}
    tie = combine([source(1, "2014-05-07", 1_300_000), source(3, "2014-05-28", 1_200_000)])
    assert tie["affected_count"] == 1_200_000


def test_refining_dates_do_not_conflict_but_others_do() -> None:
    merged = combine([Source(1, "2014-05-07", True, {"discovered": "2014-04"}),
                      Source(2, "2014-05-08", True, {"discovered": "--04-18"}),
                      Source(3, "2014-05-08", False, {"discovered": "2014-03-02"})])
    assert merged["discovered"] == "2014-04-18"
    assert merged["conflicts"]["discovered"] == {"2014-04-18": [1, 2], "2014-03-02": [3]}


def test_data_said_exposed_and_not_exposed_is_a_conflict_kept_in_data() -> None:
    merged = combine([Source(1, "2024-10-21", True, {"data": ["bank_account"]}),
                      Source(2, "2024-10-22", True, {"data_not": ["bank_account", "password"]})])
    assert (merged["data"], merged["data_not"]) == (["bank_account"], ["password"])
    assert merged["conflicts"]["data"] == {"bank_account": [1]}


def test_bands_follow_datasketch() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=WIRE_COPY, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_minhash_is_datasketchs() -> None:
    # stored fingerprints stay comparable with those datasketch computed before
    import re

    from datasketch import MinHash

    text = ("Orange a reconnu mardi le vol de données personnelles de 1,3 million de clients, constaté le "
            "18 avril sur une plateforme de gestion des campagnes de courriels ; les mots de passe ne sont "
            "pas concernés, précise l'opérateur.")
    words = re.findall(r"\w+", fold(text))
    reference = MinHash(num_perm=NUM_PERM, scheme="affine32")
    reference.update_batch({" ".join(words[i: i + 5]).encode() for i in range(len(words) - 4)})
    assert minhash(text) == np.asarray(reference.hashvalues, dtype=np.uint64).tobytes()


WIRE_TEXT = (
    "La société {victim} a confirmé lundi avoir été victime d'une intrusion dans son système "
    "d'information. Les pirates ont pu consulter les noms, les adresses électroniques et les numéros "
    "de téléphone de plusieurs milliers de clients, selon un communiqué publié sur son site. "
    "L'entreprise a porté plainte et prévenu la CNIL, et recommande à ses clients de se méfier des "
    "messages frauduleux qui pourraient se servir de ces informations dans les semaines à venir."
)


def _wire(doc: str, victim: str, day: str) -> Document:
    from fuites.models import Incident

    return Document(doc=doc, lang="fr", published=day, text=WIRE_TEXT.format(victim=victim),
                    reports_incident=True, extractor="test",
                    incidents=[Incident(victim=victim, attack=["intrusion"], data=["name", "email", "phone"],
                                        disclosed=day)])


def test_a_near_copy_naming_another_victim_is_not_a_wire_copy(store: Store) -> None:
    first = _wire("a", "Vellanor", "2024-06-03")
    copies = [_wire(f"copy-{n}", f"Société Numéro{n}", "2024-06-04") for n in range(3)]
    same = _wire("same", "Vellanor", "2024-06-05")
    same = same.model_copy(update={"text": same.text + " Mise à jour mardi."})
    report = store.add([first, *copies, same])
    assert report.failed == []
    original = store.search(org="Vellanor")
    assert len(original) == 1 and original[0].victim == "Vellanor" and original[0].articles == 2
    for n in range(3):
        found = store.search(org=f"Société Numéro{n}")
        assert len(found) == 1 and found[0].id != original[0].id
