"""Fuzz the readers, cleaning and extraction with hypothesis: 10,000 cases, 0 tracebacks expected.

    .venv/bin/python bench/fuzz.py [--cases 10000]

Cases are split between the targets of tests/fuzzing.py (extraction, the slow one, gets a tenth).
Prints per target: cases run, failures (tracebacks: a reader or an extractor raised), the slowest
case and the process's peak memory; the baseline is the same targets on one fixed, ordinary article.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

import fuzzing  # noqa: E402
from press import article  # noqa: E402


def run(name: str, target: Callable[..., None], strategies: list[Any], cases: int,
        baseline: tuple[Any, ...]) -> bool:
    failures: list[str] = []
    slowest = [0.0]
    count = [0]

    def timed(data: st.DataObject) -> None:
        args = tuple(data.draw(strategy) for strategy in strategies)
        count[0] += 1
        start = time.perf_counter()
        try:
            target(*args)
        except Exception as e:  # noqa: BLE001 - counted, the run goes on
            failures.append(f"{type(e).__name__}: {' '.join(str(e).split())[:200]} on {args!r:.200}")
        slowest[0] = max(slowest[0], time.perf_counter() - start)

    target(*baseline)  # loads what the target loads once (the language model)
    start = time.perf_counter()
    target(*baseline)
    base = time.perf_counter() - start
    test = settings(max_examples=cases, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))(given(st.data())(timed))
    start = time.perf_counter()
    test()
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:10} {count[0]:6} cases  {len(failures):3} tracebacks  mean {total / max(count[0], 1) * 1000:7.1f} ms"
          f"  slowest {slowest[0] * 1000:8.1f} ms  (baseline article {base * 1000:6.1f} ms)  peak RSS {peak:6.0f} MB")
    for failure in failures[:5]:
        print("   ", failure)
    return not failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    text = article(3)
    share = args.cases // 10
    rest = (args.cases - share) // 3
    ok = all([
        run("files", fuzzing.read_file, [fuzzing.raw_bytes, st.sampled_from([".txt", ".html", ".jsonl"])], rest,
            (text.encode(), ".txt")),
        run("jsonl", fuzzing.read_line, [fuzzing.jsonl_lines], rest, ('{"text": "' + text[:200] + '"}',)),
        run("clean", fuzzing.clean_text, [fuzzing.texts], args.cases - share - 2 * rest, (text,)),
        run("extract", fuzzing.extract_text, [fuzzing.texts], share, (text,)),
    ])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
