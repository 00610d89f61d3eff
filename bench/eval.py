"""Extraction quality on every set at hand, in one run: `make eval`.

Prints the micro F1 of the seeds and of the fixture articles (the shared scorer), the CASIE
development figures (real English articles annotated by others), and the false-alarm rate and
speed on a fixed sample of real French general news. The real sets are read from ../shared and
skipped with a line saying so when absent; nothing of them is written anywhere.

    python bench/eval.py [--shared ../shared] [--news 3000] [--errors] [--only seeds,fixtures,casie,news]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from fuites.extract.pipeline import extract_articles
from fuites.ingest.article import RawArticle

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# the sample of general-news.sh: the same seed, so both read the same articles
NEWS_SEED = 20261203


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(raws: list[RawArticle]) -> dict[str, dict[str, Any]]:
    return {d.doc: json.loads(d.model_dump_json(exclude={"text"})) for d in extract_articles(raws)}


def _files(paths: list[Path]) -> list[RawArticle]:
    return [RawArticle(doc_id=p.stem, source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]


def _gold(paths: list[Path]) -> dict[str, dict[str, Any]]:
    docs = [json.loads(line) for path in paths for line in path.read_text().splitlines() if line.strip()]
    return {d["doc"]: d for d in docs}


def _micro_f1(scorer: ModuleType, gold: dict[str, dict[str, Any]], files: list[Path], label: str, errors: bool) -> None:
    tally = scorer.score(gold, _records(_files(files)))
    _, (precision, recall, f1), _ = tally.report()
    print(f"{label:<22} {len(gold):>4} articles  micro P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    if errors:
        for error in tally.errors:
            print("   ", error)


def seeds(shared: Path, errors: bool) -> None:
    scorer = _module(shared / "eval" / "score.py")
    gold = _gold([shared / "eval" / "seeds.gold.jsonl"])
    _micro_f1(scorer, gold, sorted((shared / "seeds").glob("*.txt")), "seeds", errors)


def fixtures(shared: Path, errors: bool) -> None:
    scorer = _module(shared / "eval" / "score.py")
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        gold = _gold(sorted(folder.glob("gold-*.jsonl")))
        _micro_f1(scorer, gold, [folder / f"{doc}.txt" for doc in gold], f"fixtures/{folder.name}", errors)


def casie(shared: Path, errors: bool) -> None:
    folder = shared / "eval" / "casie-dev"
    scorer = _module(shared / "eval" / "casie_score.py")
    gold = scorer.load(folder / "gold.jsonl")
    started = time.perf_counter()
    predicted = _records(_files(sorted((folder / "texts").glob("*.txt"))))
    seconds = time.perf_counter() - started
    found: list[str] = []
    result = scorer.score(gold, predicted, found)
    incident, victim, count = result["reports_incident"], result["victim"], result["count"]
    print(
        f"{'casie-dev':<22} {len(gold):>4} articles  reports_incident acc {incident['accuracy']:.3f}"
        f" (P {incident['precision']:.3f} R {incident['recall']:.3f})  victim {victim['accuracy']:.3f}"
        f" (named {result['victim_named']['accuracy']:.3f})  count {count['accuracy']:.3f}"
        f"  {len(predicted) / seconds:.1f} articles/s"
    )
    if errors:
        for line in found:
            print("   ", line)


def _news_sample(path: Path, n: int) -> list[RawArticle]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        sample = lines.readlines()
    random.Random(NEWS_SEED).shuffle(sample)
    raws = []
    for line in sample[:n]:
        item = json.loads(line)
        raws.append(
            RawArticle(
                doc_id=item["id"],
                source=str(path),
                text=item["text"],
                title=item.get("title"),
                published=item.get("published"),
            )
        )
    return raws


def news(shared: Path, n: int, errors: bool) -> None:
    raws = _news_sample(shared / "corpora" / "orangesum-fr.jsonl.gz", n)
    started = time.perf_counter()
    flagged: list[str] = []
    for document in extract_articles(raws):
        if document.reports_incident and document.primary:
            flagged.append(f"{document.doc}\t{document.primary.victim}\t{','.join(document.primary.attack)}")
    seconds = time.perf_counter() - started
    print(
        f"{'general news (fr)':<22} {len(raws):>4} articles  read as incidents {len(flagged)}"
        f" ({100 * len(flagged) / max(len(raws), 1):.2f} %)  {len(raws) / seconds:.1f} articles/s"
    )
    if errors:
        for line in flagged:
            print("   ", line)


def _steps(args: argparse.Namespace) -> Iterator[tuple[str, Path | None]]:
    shared: Path = args.shared
    needs = {
        "seeds": shared / "seeds",
        "fixtures": None,
        "casie": shared / "eval" / "casie-dev",
        "news": shared / "corpora" / "orangesum-fr.jsonl.gz",
    }
    for name in args.only.split(","):
        yield name, needs[name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--news", type=int, default=3000, help="general-news articles to read")
    parser.add_argument("--errors", action="store_true", help="list the errors of each set")
    parser.add_argument("--only", default="seeds,fixtures,casie,news")
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"{args.shared}: no shared evaluation material here; nothing to score", file=sys.stderr)
        return 0
    for name, needed in _steps(args):
        if needed is not None and not needed.exists():
            print(f"{name:<22} skipped: {needed} is absent")
            continue
        if name == "seeds":
            seeds(args.shared, args.errors)
        elif name == "fixtures":
            fixtures(args.shared, args.errors)
        elif name == "casie":
            casie(args.shared, args.errors)
        elif name == "news":
            news(args.shared, args.news, args.errors)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
