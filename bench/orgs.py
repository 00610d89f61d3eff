"""Organisation matching: `NameIndex.find` at 10k, 100k and 1M organisations, against the scan of
every key of similar length that it replaced, measured in the same run. Target: <= 1 ms at 1M.

Queries are names that are not stored (the case of every new victim: the whole fuzzy search
runs and finds nothing), plain or with a common descriptor ("Mairie de ..."), and stored names
with a typo (found by the fuzzy search). Every answer is checked equal to the scan's.

Times are the CPU time of the process (the machine may be shared: wall time would measure the
neighbours' load as much as the code).

    .venv/bin/python bench/orgs.py [--sizes 10000,100000,1000000] [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from rapidfuzz import fuzz, process

from fuites.merge import NAME_RATIO, NameIndex, name_key, similar_names
from fuites.store.fuzzy import length_window

# Syllables of invented names: about as many distinct names as a real register has.
SYLLABLES = [c + v for c in "bcdfgklmnprstvz" for v in ["a", "e", "i", "o", "u", "ou", "an", "er"]] + [
    "ix", "os", "ar", "el", "in", "ur"]
HEADS = ["Groupe ", "Mairie de ", "Centre hospitalier de ", "Banque ", "Clinique ", "Université de ",
         "Mutuelle ", "Lycée ", "Conseil départemental de "]
TAILS = ["", " Santé", " Mobile", " Assurances", " Logistique", " Énergie", " Immobilier", " Conseil"]


# Registers are full of "Mairie de ...", "Centre hospitalier de ...": such names share most of
# their letters with thousands of others, and every one within the ratio must be scored.
DESCRIPTORS = 0.3


def names(rng: random.Random, n: int, descriptors: float, taken: set[str] | None = None) -> list[str]:
    """Invented names; a share `descriptors` of them with a common head ("Mairie de ") or tail."""
    keys: dict[str, None] = {}
    while len(keys) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if rng.random() < 0.3:
            word += " " + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if rng.random() < descriptors:
            word = f"{rng.choice(HEADS)}{word}{rng.choice(TAILS)}"
        key = name_key(word)
        if taken is None or key not in taken:
            keys[key] = None
    return list(keys)


def typo(rng: random.Random, key: str) -> str:
    i = rng.randrange(1, len(key))
    return key[:i] + rng.choice("aeiouy") + key[i:]


def scan_find(by_length: dict[int, list[str]], keys: dict[str, int], key: str) -> int | None:
    """The matching of before: every key of a length that can reach the ratio, scored by rapidfuzz.

    (The scan of before took lengths within about 9 %, which missed some names 3 or 4 letters
    longer or shorter that reach the ratio; the index misses none.)"""
    if key in keys:
        return keys[key]
    near = [other for length in length_window(len(key), NAME_RATIO) for other in by_length.get(length, ())]
    for other, _, _ in process.extract(key, near, scorer=fuzz.ratio, score_cutoff=NAME_RATIO, limit=5):
        if similar_names(key, other):
            return keys[other]
    return None


def found_org(index: NameIndex, key: str) -> int | None:
    found = index.find(key)
    return found[0] if found else None


def timed(find: Callable[[str], object], queries: list[str]) -> tuple[list[float], list[object]]:
    times, answers = [], []
    for query in queries:
        start = time.process_time()
        answers.append(find(query))
        times.append((time.process_time() - start) * 1000)
    return times, answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(14)
    print(f"{'organisations':>13} {'queries':>25} {'scan ms mean/p95':>18} {'index ms mean/p95':>18} "
          f"{'speed-up':>8} {'index build s':>13}")
    for size in (int(s) for s in args.sizes.split(",")):
        stored = names(rng, size, DESCRIPTORS)
        taken = set(stored)
        plain = names(rng, args.queries, 0.0, taken)
        described = names(rng, args.queries, 1.0, taken)
        rows = [(k, i) for i, k in enumerate(stored)]
        index = NameIndex()
        index.load(rows)
        start = time.perf_counter()
        index.find("zzz build the index")
        build = time.perf_counter() - start
        by_length: dict[int, list[str]] = {}
        for key in stored:
            by_length.setdefault(len(key), []).append(key)
        org_of = dict(rows)
        typos = [typo(rng, rng.choice(stored)) for _ in range(args.queries)]
        for label, queries in (("unknown", plain), ("unknown, with descriptor", described), ("typo", typos)):
            scan_times, scan_answers = timed(partial(scan_find, by_length, org_of), queries)
            index_times, index_answers = timed(partial(found_org, index), queries)
            assert scan_answers == index_answers, f"{label}: the index and the scan disagree"
            s_mean, i_mean = statistics.mean(scan_times), statistics.mean(index_times)
            s_p95 = statistics.quantiles(scan_times, n=20)[-1]
            i_p95 = statistics.quantiles(index_times, n=20)[-1]
            print(f"{size:>13,} {label:>25} {s_mean:>8.3f} / {s_p95:<7.3f} {i_mean:>8.3f} / {i_p95:<7.3f} "
                  f"{s_mean / i_mean:>7.1f}x {build:>13.1f}")


if __name__ == "__main__":
    main()
