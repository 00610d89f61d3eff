"""Organisation matching: `NameIndex.find` at 10k, 100k and 1M organisations, against the scan of
every key of similar length and against the index as it was before names were grouped by their
common descriptors (read from git: --before), measured in the same run. Target: <= 1 ms at 1M.

Queries are names that are not stored (the case of every new victim: the whole fuzzy search
runs and finds nothing), plain or under a common descriptor ("Mairie de ...", "... Santé"),
stored names as they are, and stored names with a typo (found by the fuzzy search): plain, under
a descriptor, or with the typo in the descriptor. Every answer is checked equal to the scan's.

Times are the CPU time of the process (the machine may be shared: wall time would measure the
neighbours' load as much as the code). Each size's queries run after 1,000 others of the same
kinds, as in a store that has been matching names for a while.

    .venv/bin/python bench/orgs.py [--sizes 10000,100000,1000000] [--queries 300] [--before REV]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
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


def before_index(rev: str) -> types.ModuleType | None:
    """store/fuzzy.py as it was at `rev`, or None when git cannot give it."""
    root = Path(__file__).resolve().parents[1]
    try:
        source = subprocess.run(["git", "-C", str(root), "show", f"{rev}:src/fuites/store/fuzzy.py"],
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("fuzzy_before")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{rev}:src/fuites/store/fuzzy.py", "exec"), module.__dict__)
    return module


def before_find(index: object, keys: dict[str, int], key: str) -> int | None:
    """`NameIndex.find` over the index of before."""
    if key in keys:
        return keys[key]
    for other in index.similar(key, limit=5):  # type: ignore[attr-defined]
        if similar_names(key, other):
            return keys[other]
    return None


def descriptor_typo(rng: random.Random, key: str) -> str:
    """A typo in the descriptor of a stored name ("mairie de" -> "mairiie de")."""
    head = next((h for h in (name_key(h + "x")[:-1] for h in HEADS) if key.startswith(h) and len(h) > 1), "")
    if not head:
        return typo(rng, key)
    i = rng.randrange(1, len(head))
    return key[:i] + rng.choice("aeiouy") + key[i:]


def found_org(index: NameIndex, key: str) -> int | None:
    found = index.find(key)
    return found[0] if found else None


def index_bytes(index: object) -> int:
    """Memory of a FuzzyKeys beyond the key strings (which merge holds anyway): its numpy arrays,
    the lists and dicts of references, and the groups' arrays."""
    total = 0
    for value in vars(index).values():
        if isinstance(value, np.ndarray):
            total += value.nbytes
        elif isinstance(value, list | dict):
            total += sys.getsizeof(value)
            if isinstance(value, dict):
                total += sum(sys.getsizeof(v) for v in value.values() if isinstance(v, list))
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            total += index_bytes(value)
    return total


def adding(index: NameIndex, keys: list[str]) -> tuple[float, float]:
    """Mean and largest CPU ms to add one name and commit it, as merge does after each article."""
    times = []
    for org, key in enumerate(keys):
        start = time.process_time()
        index.add(key, -1 - org)
        index.commit()
        times.append((time.process_time() - start) * 1000)
    return statistics.mean(times), max(times)


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
    parser.add_argument("--before", default="dec90c7", help="git revision of the index to compare with")
    args = parser.parse_args()
    before = before_index(args.before)
    if before is None:
        print(f"(the index of {args.before} is not in git here: compared with the scan only)")
    rng = random.Random(14)
    print(f"{'organisations':>13} {'queries':>24} {'scan ms mean/p95':>18} {'before ms mean/p95':>18} "
          f"{'index ms mean/p95':>18} {'vs before':>9} {'build s':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        stored = names(rng, size, DESCRIPTORS)
        taken = set(stored)
        plain = names(rng, args.queries, 0.0, taken)
        described = names(rng, args.queries, 1.0, taken)
        rows = [(k, i) for i, k in enumerate(stored)]
        index = NameIndex()
        index.load(rows)
        start = time.process_time()
        index.find("zzz build the index")
        build = time.process_time() - start
        memory = index_bytes(index._fuzzy)
        old = None
        if before is not None:
            old = before.FuzzyKeys(NAME_RATIO)
            old.extend(stored)
        by_length: dict[int, list[str]] = {}
        for key in stored:
            by_length.setdefault(len(key), []).append(key)
        org_of = dict(rows)
        with_descriptor = [k for k in stored if any(k.startswith(name_key(h + "x")[:-1]) for h in HEADS)]
        plain_stored = [k for k in stored if " " not in k]
        kinds = {
            "unknown": plain,
            "unknown, with descriptor": described,
            "known": [rng.choice(stored) for _ in range(args.queries)],
            "typo": [typo(rng, rng.choice(plain_stored)) for _ in range(args.queries)],
            "typo, with descriptor": [typo(rng, rng.choice(with_descriptor)) for _ in range(args.queries)],
            "typo in the descriptor": [descriptor_typo(rng, rng.choice(with_descriptor)) for _ in range(args.queries)],
        }
        # the first query of a length (in a group) builds its look-up plan once: warm them up on
        # other names of the same kinds, as a store does over its first articles
        warm = names(rng, 200, 0.0, taken) + names(rng, 300, 1.0, taken)
        timed(partial(found_org, index), warm + [typo(rng, k) for k in warm])
        for label, queries in kinds.items():
            scan_times, scan_answers = timed(partial(scan_find, by_length, org_of), queries)
            index_times, index_answers = timed(partial(found_org, index), queries)
            assert scan_answers == index_answers, f"{label}: the index and the scan disagree"
            s_mean, i_mean = statistics.mean(scan_times), statistics.mean(index_times)
            s_p95 = statistics.quantiles(scan_times, n=20)[-1]
            i_p95 = statistics.quantiles(index_times, n=20)[-1]
            shown = "-", "", "-"
            if old is not None:
                old_times, old_answers = timed(partial(before_find, old, org_of), queries)
                assert old_answers == index_answers, f"{label}: the index of before and this one disagree"
                o_mean, o_p95 = statistics.mean(old_times), statistics.quantiles(old_times, n=20)[-1]
                shown = f"{o_mean:8.3f}", f"{o_p95:<7.3f}", f"{o_mean / i_mean:.1f}x"
            print(f"{size:>13,} {label:>24} {s_mean:>8.3f} / {s_p95:<7.3f} {shown[0]:>8} / {shown[1]:<7} "
                  f"{i_mean:>8.3f} / {i_p95:<7.3f} {shown[2]:>9} {build:>7.1f}", flush=True)
        # names added one by one after the queries (a key added is kept aside, then sorted in)
        add_mean, add_max = adding(index, names(rng, 20_000, DESCRIPTORS, taken))
        print(f"{size:>13,} index {memory / 1e6:.1f} MB beyond the keys; adding a name: {add_mean:.3f} ms mean, "
              f"{add_max:.0f} ms at most (20,000 added one by one)", flush=True)


if __name__ == "__main__":
    main()
