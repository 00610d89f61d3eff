"""Extraction speed and memory: `fuites` against spaCy's full French pipeline on the same articles.

    python bench/extract.py [--n 500] [--quick] [--jobs 2]

Every article is read once: the corpora are distinct real articles, so that no cache (the cue
matches kept per sentence) serves a copy of an article already read. From ../shared when it is
there: English security news (the CASIE development texts) and general French news (OrangeSum,
mostly not about breaches); otherwise the articles bundled with the package and the test
fixtures. Each side runs in a subprocess of its own so that its peak RSS is its own; loading is
timed apart from the run. spaCy runs `fr_core_news_md` with every component on the same texts,
English ones included (there is no English model to compare with). With --jobs, `fuites extract
--jobs` is timed too on the same articles. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASIE = SHARED / "eval" / "casie-dev" / "texts"
ORANGESUM = SHARED / "corpora" / "orangesum-fr.jsonl.gz"
SAMPLES = ROOT / "src" / "fuites" / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
MODEL = "fr_core_news_md"


def corpora(n: int) -> dict[str, list[str]]:
    """Up to n distinct articles per corpus, by name."""
    found: dict[str, list[str]] = {}
    if CASIE.is_dir():
        found["CASIE-dev (English security news)"] = [
            path.read_text(encoding="utf-8") for path in sorted(CASIE.glob("*.txt"))[:n]
        ]
    if ORANGESUM.is_file():
        with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
            rows = (json.loads(line) for line in lines)
            found["OrangeSum (French general news)"] = [
                f"{row.get('title') or ''}\n{row.get('text') or ''}" for row in islice(rows, n)
            ]
    if not found:
        files = sorted(SAMPLES.glob("*.txt")) + sorted(FIXTURES.rglob("*.txt"))
        found["bundled samples and fixtures"] = [path.read_text(encoding="utf-8") for path in files[:n]]
    return found


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_fuites(texts: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    from fuites.extract.pipeline import extract, extract_articles
    from fuites.ingest.article import RawArticle

    # Models and lexicons load on a first article of each language, apart from the run.
    extract("Orange a reconnu le vol des noms de ses clients.")
    extract("The retailer said hackers stole the names of its customers.")
    loaded = time.perf_counter()
    raws = (RawArticle(doc_id=f"bench-{i}", source="bench", text=t) for i, t in enumerate(texts))
    done = sum(1 for _ in extract_articles(raws))
    return {"articles": done, "load_s": loaded - start, "run_s": time.perf_counter() - loaded}


def run_spacy(texts: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    list(nlp.pipe(["Orange a reconnu le vol des noms de ses clients."]))
    loaded = time.perf_counter()
    done = tokens = 0
    for doc in nlp.pipe(texts):
        done += 1
        tokens += len(doc)
    return {"articles": done, "tokens": tokens, "load_s": loaded - start, "run_s": time.perf_counter() - loaded}


def run_langid(texts: list[str]) -> dict[str, float]:
    from fuites.clean import clean
    from fuites.extract.language import detect_language

    cleaned = [clean(text).text for text in texts]
    detect_language(cleaned[0])
    start = time.perf_counter()
    for text in cleaned:
        detect_language(text)
    return {"articles": len(texts), "load_s": 0.0, "run_s": time.perf_counter() - start}


def worker(side: str, corpus: str, n: int) -> None:
    texts = corpora(n)[corpus]
    runs = {"fuites": run_fuites, "spacy": run_spacy, "langid": run_langid}
    print(json.dumps({**runs[side](texts), "peak_rss_mb": peak_rss_mb()}))


def measure(side: str, corpus: str, n: int) -> dict[str, float] | None:
    child = subprocess.run(
        [sys.executable, __file__, "--worker", side, "--corpus", corpus, "--n", str(n)], capture_output=True, text=True
    )
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{side}: failed ({last})")
        return None
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def measure_cli(texts: list[str], jobs: int) -> float | None:
    """Seconds for `fuites extract --jobs N` on the articles given as JSON lines on stdin."""
    with tempfile.TemporaryFile("w+b") as lines:
        for i, text in enumerate(texts):
            lines.write(json.dumps({"id": f"bench-{i}", "text": text}).encode() + b"\n")
        lines.seek(0)
        start = time.perf_counter()
        child = subprocess.run(
            [str(Path(sys.executable).parent / "fuites"), "extract", "--jobs", str(jobs), "-"],
            stdin=lines, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
    if child.returncode != 0:
        print(f"fuites extract --jobs {jobs}: failed ({child.stderr.decode().strip()[-200:]})")
        return None
    return time.perf_counter() - start


def report(corpus: str, texts: list[str], n: int, jobs: int) -> None:
    chars = sum(len(t) for t in texts)
    print(f"\n{corpus}: {len(texts)} distinct articles, {chars / len(texts):,.0f} characters on average")
    results = {side: measure(side, corpus, n) for side in ("fuites", "spacy")}
    spacy_run = results["spacy"]
    tokens = spacy_run["tokens"] if spacy_run else None
    print(f"{'':40}{'articles/s':>12}{'ms/article':>12}{'tokens/s':>12}{'peak RSS':>12}{'load':>9}")
    labels = {"fuites": "fuites extract_articles", "spacy": f"spaCy {MODEL} (all components)"}
    for side, result in results.items():
        if result is None:
            continue
        rate = result["articles"] / result["run_s"]
        per_token = f"{tokens / result['run_s']:,.0f}" if tokens else "?"
        print(
            f"{labels[side]:40}{rate:12,.1f}{1000 / rate:12,.1f}{per_token:>12}"
            f"{result['peak_rss_mb']:>9,.0f} MB{result['load_s']:>7.1f} s"
        )
    ours, theirs = results["fuites"], results["spacy"]
    if ours and theirs:
        speed = (ours["articles"] / ours["run_s"]) / (theirs["articles"] / theirs["run_s"])
        memory = ours["peak_rss_mb"] / theirs["peak_rss_mb"]
        print(f"fuites / spaCy: {speed:.2f}x the speed, {memory:.2f}x the peak memory")
    langid = measure("langid", corpus, n)
    if ours and langid:
        share = langid["run_s"] / ours["run_s"]
        per_article = langid["run_s"] * 1000 / len(texts)
        print(f"language identification: {per_article:.2f} ms per article, {share:.1%} of extraction")
    if jobs > 1:
        one, many = measure_cli(texts, 1), measure_cli(texts, jobs)
        if one and many:
            print(
                f"`fuites extract` (loading included): {len(texts) / one:,.1f} articles/s with 1 process, "
                f"{len(texts) / many:,.1f} with --jobs {jobs} ({one / many:.2f}x)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="distinct articles per corpus at most (default 500)")
    parser.add_argument("--quick", action="store_true", help="100 articles per corpus, for a first look")
    parser.add_argument("--jobs", type=int, default=0, help="also time `fuites extract --jobs N` against 1 process")
    parser.add_argument("--worker", choices=("fuites", "spacy", "langid"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = 100 if args.quick else args.n
    if args.worker:
        worker(args.worker, args.corpus, n)
        return
    for corpus, texts in corpora(n).items():
        report(corpus, texts, n, args.jobs)


if __name__ == "__main__":
    main()
