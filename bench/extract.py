"""Extraction speed and memory: `fuites` against spaCy's fr_core_news_md on the same articles.

    python bench/extract.py [--n 2000] [--quick]

The corpus is the French seeds and test fixtures, repeated to N articles. Each side runs in a
subprocess of its own so that its peak RSS is its own; model loading is timed apart from the
run. English runs apart (no spaCy baseline: there is no packaged English model we use), alone
and interleaved with French, with the share of extraction time that language identification
takes. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# English fixtures exist but the baseline is a French model; they join with an English one.
LANGS = ("fr",)
MODEL = "fr_core_news_md"
SIDES = ("fuites", "spacy")


def corpus_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    for lang in LANGS:
        files += sorted((FIXTURES / lang).rglob("*.txt"))
    return files


def english_files() -> list[Path]:
    return sorted((FIXTURES / "en").rglob("*.txt"))


def mixed_corpus(n: int) -> list[str]:
    """French and English articles interleaved, as a feed of international outlets would bring them."""
    french = [path.read_text(encoding="utf-8") for path in corpus_files()]
    english = [path.read_text(encoding="utf-8") for path in english_files()]
    if not english:
        sys.exit(f"no English articles in {FIXTURES / 'en'}")
    english = english * (1 + len(french) // len(english))
    pairs = [text for pair in zip(cycle(french), english) for text in pair]
    return list(islice(cycle(pairs), n))


def corpus(n: int) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in corpus_files()]
    if not texts:
        sys.exit(f"no articles in {SEEDS} nor {FIXTURES}")
    return list(islice(cycle(texts), n))


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_fuites(texts: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    from fuites.extract.pipeline import extract_articles
    from fuites.ingest.article import RawArticle

    def articles(texts: list[str]) -> list[RawArticle]:
        return [RawArticle(doc_id=f"bench-{i}", source="bench", text=t) for i, t in enumerate(texts)]

    # One article first, so that lazily loaded models count as loading, not as running.
    list(extract_articles(articles(texts[:1])))
    loaded = time.perf_counter()
    done = sum(1 for _ in extract_articles(articles(texts)))
    return {"articles": done, "load_s": loaded - start, "run_s": time.perf_counter() - loaded}


def run_spacy(texts: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:1]))
    loaded = time.perf_counter()
    done = tokens = 0
    for doc in nlp.pipe(texts):
        done += 1
        tokens += len(doc)
    run = time.perf_counter() - loaded
    return {"articles": done, "tokens": tokens, "load_s": loaded - start, "run_s": run}


def run_languages(n: int) -> dict[str, float]:
    """English alone and a French-English mix through fuites, and what language identification costs."""
    from fuites.clean import clean
    from fuites.extract.language import detect_language

    english = list(islice(cycle(f.read_text(encoding="utf-8") for f in english_files()), n))
    mixed = mixed_corpus(n)
    en = run_fuites(english)
    mix = run_fuites(mixed)
    cleaned = [clean(text).text for text in mixed]
    start = time.perf_counter()
    for text in cleaned:
        detect_language(text)
    langid_s = time.perf_counter() - start
    return {"articles": mix["articles"], "en_rate": en["articles"] / en["run_s"],
            "mixed_rate": mix["articles"] / mix["run_s"], "langid_s": langid_s, "mixed_run_s": mix["run_s"]}


def worker(side: str, n: int) -> None:
    if side == "languages":
        print(json.dumps({**run_languages(n), "peak_rss_mb": peak_rss_mb()}))
        return
    texts = corpus(n)
    result = run_fuites(texts) if side == "fuites" else run_spacy(texts)
    print(json.dumps({**result, "peak_rss_mb": peak_rss_mb()}))


def measure(side: str, n: int) -> dict[str, float] | None:
    child = subprocess.run(
        [sys.executable, __file__, "--worker", side, "--n", str(n)], capture_output=True, text=True,
    )
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{side}: failed ({last})")
        return None
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def report(n: int) -> None:
    files = corpus_files()
    print(f"corpus: {n} articles, {len(files)} distinct French texts (seeds and fixtures) repeated")
    results = {side: measure(side, n) for side in SIDES}
    spacy_run = results["spacy"]
    tokens = spacy_run["tokens"] if spacy_run else None
    if tokens:
        print(f"tokens: {tokens:,.0f} (spaCy's tokenizer)")
    print(f"\n{'':34}{'articles/s':>12}{'tokens/s':>12}{'peak RSS':>12}{'load':>9}")
    labels = {"fuites": "fuites extract_articles", "spacy": f"spaCy {MODEL} (nlp.pipe)"}
    for side, result in results.items():
        if result is None:
            continue
        rate = result["articles"] / result["run_s"]
        per_token = f"{tokens / result['run_s']:,.0f}" if tokens else "?"
        print(
            f"{labels[side]:34}{rate:12,.1f}{per_token:>12}"
            f"{result['peak_rss_mb']:>9,.0f} MB{result['load_s']:>7.1f} s"
        )
    ours, theirs = results["fuites"], results["spacy"]
    if ours and theirs:
        speed = (ours["articles"] / ours["run_s"]) / (theirs["articles"] / theirs["run_s"])
        memory = ours["peak_rss_mb"] / theirs["peak_rss_mb"]
        print(f"\nfuites / spaCy: {speed:.2f}x the speed, {memory:.2f}x the peak memory")
    languages = measure("languages", n)
    if languages:
        share = languages["langid_s"] / languages["mixed_run_s"]
        print(f"\n{len(english_files())} distinct English fixtures; the mixed corpus alternates French and"
              " English")
        print(f"{'fuites, English articles':34}{languages['en_rate']:12,.1f} articles/s")
        print(f"{'fuites, mixed French and English':34}{languages['mixed_rate']:12,.1f} articles/s")
        print(f"language identification (py3langid): {languages['langid_s'] * 1000 / n:.2f} ms per article, "
              f"{share:.1%} of extraction time (target: under 5 %)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000, help="articles in the corpus (default 2000)")
    parser.add_argument("--quick", action="store_true", help="200 articles, for a first look")
    parser.add_argument("--worker", choices=(*SIDES, "languages"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = 200 if args.quick else args.n
    if args.worker:
        worker(args.worker, n)
    else:
        report(n)


if __name__ == "__main__":
    main()
