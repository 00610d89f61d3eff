"""Keys within a fuzz.ratio of a query, without a scan of every key: a segment index (PassJoin).

fuzz.ratio(a, b) >= R means an indel distance d <= (1 - R/100) * (len(a) + len(b)). Cut a stored
key into d_max + 1 + EXTRA segments (d_max: the most edits any query length allows it): d edits
touch at most d of them, so EXTRA + 1 segments are found whole in the query, each shifted by at
most (d +/- the difference of lengths) / 2. A query looks up, for each length a match can have,
each segment slot at each possible shift: a few hundred hash look-ups whatever the number of
keys, and it may leave out the EXTRA slots that most keys share ("mairie de ..."), since one
intact segment remains among the others. The keys found (and only those) are scored by
rapidfuzz, in the order a scan by length then insertion would meet them, so the answer is the
one a full scan gives.

The segment hashes live in one sorted numpy array (a few bytes a segment: a million names take
tens of MB), with the keys added since it was sorted kept in a small dict beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

# Extra segments let a query leave out the commonest slots, but shorten every segment: on the
# names of bench/orgs.py none is best (1M names: 0.36 ms a query with 0, 2.6 ms with 1).
EXTRA = 0
# Keys added since the array was sorted, as a share of it, before it is sorted again.
_RECENT_SHARE = 0.05
_RECENT_MIN = 20_000


def max_indel(ratio: float, length_a: int, length_b: int) -> int:
    """The largest indel distance that still scores `ratio` between keys of these lengths."""
    return int((1 - ratio / 100) * (length_a + length_b) + 1e-9)


@functools.cache
def length_window(length: int, ratio: float) -> range:
    """Lengths a key can have and still reach `ratio` with a key of `length` (each extra
    character is one indel)."""
    low = length
    while low > 0 and (length - (low - 1)) <= max_indel(ratio, length, low - 1):
        low -= 1
    high = length
    while (high + 1 - length) <= max_indel(ratio, length, high + 1):
        high += 1
    return range(low, high + 1)


@functools.cache
def segments(length: int, ratio: float) -> tuple[tuple[int, int], ...]:
    """(start, length) of the segments a stored key of `length` is cut into."""
    most = max(max_indel(ratio, length, n) for n in length_window(length, ratio))
    parts = min(length, most + 1 + EXTRA)
    short, extra = divmod(length, parts) if parts else (0, 0)
    out, start = [], 0
    for i in range(parts):
        size = short + (1 if i >= parts - extra else 0)
        out.append((start, size))
        start += size
    return tuple(out)


def _hashes(key: str, ratio: float) -> list[int]:
    length = len(key)
    return [hash((length, i, key[start: start + size])) for i, (start, size) in enumerate(segments(length, ratio))]


class FuzzyKeys:
    """Keys added once, each with its insertion order; `similar` finds those within a ratio of a key."""

    def __init__(self, ratio: float) -> None:
        self.ratio = ratio
        self._keys: list[str] = []
        self._lengths = np.empty(0, dtype=np.int32)
        self._hashes = np.empty(0, dtype=np.int64)
        self._numbers = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str) -> None:
        number = len(self._keys)
        self._keys.append(key)
        for h in _hashes(key, self.ratio):
            self._recent.setdefault(h, []).append(number)
            self._recent_count += 1
        if self._recent_count > max(_RECENT_MIN, _RECENT_SHARE * len(self._hashes)):
            self._sort()

    def extend(self, keys: Iterable[str]) -> None:
        self._sort()
        first = len(self._keys)
        self._keys.extend(keys)
        hashes: list[int] = []
        numbers: list[int] = []
        ratio = self.ratio
        for number in range(first, len(self._keys)):
            found = _hashes(self._keys[number], ratio)
            hashes += found
            numbers += [number] * len(found)
        self._merge(hashes, numbers)

    def _sort(self) -> None:
        hashes = [h for h, numbers in self._recent.items() for _ in numbers]
        numbers = [n for found in self._recent.values() for n in found]
        self._recent, self._recent_count = {}, 0
        self._merge(hashes, numbers)

    def _merge(self, hashes: list[int], numbers: list[int]) -> None:
        all_hashes = np.concatenate([self._hashes, np.asarray(hashes, dtype=np.int64)])
        all_numbers = np.concatenate([self._numbers, np.asarray(numbers, dtype=np.int32)])
        order = np.argsort(all_hashes, kind="stable")
        self._hashes, self._numbers = all_hashes[order], all_numbers[order]
        known = len(self._lengths)
        self._lengths = np.concatenate([self._lengths, np.fromiter(
            (len(k) for k in self._keys[known:]), dtype=np.int32, count=len(self._keys) - known)])

    def _probes(self, key: str) -> list[tuple[int, int, list[int]]]:
        """For each length a match can have and each segment slot of keys of that length: the
        hashes of the query's texts that segment can be found as."""
        query_length = len(key)
        out = []
        for length in length_window(query_length, self.ratio):
            edits = max_indel(self.ratio, query_length, length)
            delta = query_length - length
            low, high = -((edits - delta) // 2), (delta + edits) // 2
            for i, (start, size) in enumerate(segments(length, self.ratio)):
                texts = [hash((length, i, key[at: at + size]))
                         for at in range(max(0, start + low), min(query_length - size, start + high) + 1)]
                out.append((length, i, texts))
        return out

    def _candidates(self, key: str) -> list[int]:
        probes = self._probes(key)
        flat = np.asarray([h for _, _, texts in probes for h in texts], dtype=np.int64)
        left = np.searchsorted(self._hashes, flat, side="left")
        right = np.searchsorted(self._hashes, flat, side="right")
        recent = self._recent
        sizes = (right - left).tolist()
        if recent:
            sizes = [size + len(recent.get(h, ())) for size, h in zip(sizes, flat.tolist(), strict=True)]
        # per length, the slots in order of how many keys they bring; at most `edits` of the
        # slots are broken, so all but the edits + 1 rarest can be left out
        slices: list[np.ndarray[tuple[int], np.dtype[np.int32]]] = []
        extra: list[int] = []
        at = 0
        by_length: dict[int, list[tuple[int, int, int]]] = {}
        for length, _, texts in probes:
            by_length.setdefault(length, []).append((sum(sizes[at: at + len(texts)]), at, at + len(texts)))
            at += len(texts)
        query_length = len(key)
        for length, slots in by_length.items():
            keep = max_indel(self.ratio, query_length, length) + 1
            for _, begin, end in sorted(slots)[:keep]:
                for j in range(begin, end):
                    if sizes[j]:
                        slices.append(self._numbers[left[j]: right[j]])
                        if recent:
                            extra += recent.get(int(flat[j]), ())
        numbers = np.unique(np.concatenate(slices)) if slices else np.empty(0, dtype=np.int32)
        order = numbers[np.argsort(self._lengths[numbers], kind="stable")].tolist() if len(numbers) else []
        if extra:
            keys = self._keys
            order = sorted(set(order) | set(extra), key=lambda i: (len(keys[i]), i))
        return order

    def similar(self, key: str, *, limit: int = 5) -> list[str]:
        """The `limit` keys of highest fuzz.ratio at or above the index's ratio, best first (ties:
        shorter, then older first)."""
        keys = self._keys
        choices = [keys[i] for i in self._candidates(key)]
        if not choices:
            return []
        matches = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=self.ratio, limit=limit)
        return [other for other, _, _ in matches]
