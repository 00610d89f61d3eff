"""Keys within a fuzz.ratio of a query, without a scan of every key.

fuzz.ratio(a, b) >= R means an indel distance d <= (1 - R/100) * (len(a) + len(b)).

Names under a common descriptor ("mairie de ...", "centre hospitalier de ... sante", "... bank")
share most of their letters with thousands of others. The commonest leading and trailing words
of the keys (a head or a tail shared by many keys, learnt from them) make a key's group, and what
is between, its core, is what tells it from the others of its group. A group is searched only
when the query can match its head and tail within its edits (a typo in the descriptor still
finds its group). One indel changes the count of one letter by one, so a key is at least as
many indels away as the letters it has more of than the query, and the query more of than it:
counted as the query's letters less the group's head and tail against the core's letters (a few
64-bit masks a key), that bound gives each key the best score it can reach, before any string
is read. Keys are then compared exactly, in C (rapidfuzz), best reachable first, until the best
found beat what the others can reach: a few dozen in a group of thousands.

The other keys, without a common head or tail, are found by a segment index (PassJoin). Cut a
key into d_max + 1 segments (d_max: the most edits any query length allows it): d edits touch
at most d of them, so one is found whole in the query, shifted by at most (d +/- the difference
of lengths) / 2. A query looks up, for each length a match can have, each segment slot at each
possible shift: a few hundred hash look-ups whatever the number of keys. Their hashes live in
one sorted numpy array (a few bytes a segment), with the keys added since it was sorted kept
in a small dict beside it.

The keys found either way (and only those) are scored by rapidfuzz, in the order a scan by
length then insertion would meet them, so the answer is the one a full scan gives.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

# Keys added since the array was sorted, as a share of it, before it is sorted again.
_RECENT_SHARE = 0.05
_RECENT_MIN = 20_000
# Groups are learnt once there are this many keys, and again each time their number doubles.
_LEARN_MIN = 1_000
# A head or tail of up to this many words makes a group when this share of the keys (and at
# least _GROUP_MIN of them) have it; the commonest _GROUPS_MAX heads and tails are kept.
_GROUP_WORDS = 3
_GROUP_SHARE = 0.0005
_GROUP_MIN = 50
_GROUPS_MAX = 64
# Keys of the groups compared at first, best reachable score first; then four times as many.
_BLOCK = 64

Numbers = np.ndarray[tuple[int], np.dtype[np.int32]]
Table = np.ndarray[tuple[int, int], np.dtype[np.int64]]


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
def most_edits(length: int, ratio: float) -> int:
    """The most edits a key within `ratio` of a key of `length` can be away from it."""
    return max(max_indel(ratio, length, n) for n in length_window(length, ratio))


@functools.cache
def segments(length: int, ratio: float) -> tuple[tuple[int, int], ...]:
    """(start, length) of the segments a stored key of `length` is cut into."""
    parts = min(length, most_edits(length, ratio) + 1)
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


def _learn(keys: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """The commonest heads ("mairie de ") and tails (" bank") of the keys, each with its number
    (from 1; 0 is no head or tail)."""
    heads: Counter[str] = Counter()
    tails: Counter[str] = Counter()
    for key in keys:
        at = -1
        for _ in range(_GROUP_WORDS):
            at = key.find(" ", at + 1)
            if at < 0:
                break
            heads[key[: at + 1]] += 1
        at = len(key)
        for _ in range(_GROUP_WORDS):
            at = key.rfind(" ", 0, at)
            if at <= 0:
                break
            tails[key[at:]] += 1
    least = max(_GROUP_MIN, _GROUP_SHARE * len(keys))
    found = [{text: number for number, (text, count) in enumerate(counts.most_common(_GROUPS_MAX), 1)
              if count >= least} for counts in (heads, tails)]
    return found[0], found[1]


# How many times a letter is counted in its masks: cores rarely hold a letter more often.
_LEVELS = 3


def letters(text: str) -> tuple[int, ...]:
    """64-bit masks of the letters of a text, one per count: bit `ord % 64` of mask j is set when
    the text has more than j letters of that bit. One indel changes one count by one, so the bits
    set in one text's masks and not in the other's are as many indels at least."""
    counts = Counter(code & 63 for code in map(ord, text))
    masks = [0] * _LEVELS
    for bit, count in counts.items():
        for level in range(min(count, _LEVELS)):
            masks[level] |= 1 << bit
    return tuple(masks)


_BITS = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))


def _letter_counts(text: str) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    """How many letters of a text fall on each of the 64 bits of `letters`."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) & 63
    return np.bincount(codes, minlength=64).astype(np.int64)


def _level_masks(counts: Table) -> np.ndarray[tuple[int, int], np.dtype[np.uint64]]:
    """`letters` of rows of counts per bit (negative counts set no bit)."""
    return np.stack([((counts > level) * _BITS).sum(axis=1, dtype=np.uint64) for level in range(_LEVELS)], axis=1)


class _Grouped:
    """The keys that have a group, in one set of arrays ordered by group, length and insertion:
    their numbers, lengths and the letter masks of their cores, with each group's slice and its
    head and tail; the keys added since they were last put in order are kept aside."""

    def __init__(self) -> None:
        self.ends: dict[tuple[int, int], tuple[str, str]] = {}  # (head, tail) numbers -> texts
        self.slices: dict[tuple[int, int], tuple[int, int]] = {}
        self.numbers = np.empty(0, dtype=np.int32)
        self.lengths = np.empty(0, dtype=np.int32)
        self.masks = np.empty((_LEVELS, 0), dtype=np.uint64)  # one row per level
        self.keys: list[str] = []
        # (group, length, number, key, masks)
        self.recent: list[tuple[tuple[int, int], int, int, str, tuple[int, ...]]] = []
        self._table: tuple[list[tuple[int, int]], Table] = ([], np.empty((0, 64), dtype=np.int64))

    def add(self, group: tuple[int, int], head: str, tail: str, number: int, key: str, *, settle: bool = True) -> None:
        self.ends.setdefault(group, (head, tail))
        self.recent.append((group, len(key), number, key, letters(key[len(head): len(key) - len(tail)])))
        if settle and len(self.recent) > max(256, len(self.keys) // 16):
            self.settle()

    def table(self) -> tuple[list[tuple[int, int]], Table]:
        """The groups and, for each, the letters of its head and tail counted as by `letters`."""
        if len(self._table[0]) != len(self.ends):
            groups = list(self.ends)
            counts = np.stack([_letter_counts(head + tail) for head, tail in self.ends.values()])
            self._table = groups, counts
        return self._table

    def settle(self) -> None:
        """Put the keys kept aside in order with the others."""
        if not self.recent:
            return
        rows = [(group, length, number, key, masks)
                for group, (start, end) in self.slices.items()
                for length, number, key, masks in zip(
                    self.lengths[start:end].tolist(), self.numbers[start:end].tolist(), self.keys[start:end],
                    map(tuple, self.masks[:, start:end].T.tolist()), strict=True)]
        rows += self.recent
        rows.sort()
        self.numbers = np.asarray([r[2] for r in rows], dtype=np.int32)
        self.lengths = np.asarray([r[1] for r in rows], dtype=np.int32)
        self.masks = np.asarray([r[4] for r in rows], dtype=np.uint64).reshape(len(rows), _LEVELS).T.copy()
        self.keys = [r[3] for r in rows]
        self.slices = {}
        for at, row in enumerate(rows):
            start, _ = self.slices.get(row[0], (at, at))
            self.slices[row[0]] = (start, at + 1)
        self.recent = []


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
        self._heads: dict[str, int] = {}
        self._tails: dict[str, int] = {}
        self._grouped = _Grouped()
        self._learnt = 0  # the number of keys the groups were learnt on

    def __len__(self) -> int:
        return len(self._keys)

    def _group(self, key: str) -> tuple[int, int, int, int]:
        """(head number, tail number, head length, tail length) of a key; 0s for none. The
        longest head and tail are taken, and a core of one character at least is left."""
        head = tail = head_length = tail_length = 0
        if self._heads:
            at = -1
            for _ in range(_GROUP_WORDS):
                at = key.find(" ", at + 1)
                if at < 0 or at + 1 >= len(key):
                    break
                number = self._heads.get(key[: at + 1])
                if number:
                    head, head_length = number, at + 1
        if self._tails:
            at = len(key)
            for _ in range(_GROUP_WORDS):
                at = key.rfind(" ", head_length + 1, at)
                if at < 0:
                    break
                number = self._tails.get(key[at:])
                if number:
                    tail, tail_length = number, len(key) - at
        return head, tail, head_length, tail_length

    def _place(self, number: int, key: str, *, settle: bool = True) -> list[int]:
        """Put a key in its group and return no hash, or return the hashes of its segments."""
        head, tail, head_length, tail_length = self._group(key)
        if not head and not tail:
            return _hashes(key, self.ratio)
        self._grouped.add((head, tail), key[:head_length], key[len(key) - tail_length:], number, key,
                           settle=settle)
        return []

    def add(self, key: str) -> None:
        number = len(self._keys)
        self._keys.append(key)
        for h in self._place(number, key):
            self._recent.setdefault(h, []).append(number)
            self._recent_count += 1
        if self._recent_count > max(_RECENT_MIN, _RECENT_SHARE * len(self._hashes)):
            self._sort()
        elif len(self._keys) >= max(_LEARN_MIN, 2 * self._learnt):
            self._rebuild()

    def extend(self, keys: Iterable[str]) -> None:
        self._sort()
        first = len(self._keys)
        self._keys.extend(keys)
        if len(self._keys) >= max(_LEARN_MIN, 2 * self._learnt):
            self._rebuild()
        else:
            self._index(range(first, len(self._keys)))

    def _rebuild(self) -> None:
        """Learn the groups from every key, then place every key again."""
        self._heads, self._tails = _learn(self._keys)
        self._learnt = len(self._keys)
        self._grouped = _Grouped()
        self._hashes = np.empty(0, dtype=np.int64)
        self._numbers = np.empty(0, dtype=np.int32)
        self._recent, self._recent_count = {}, 0
        self._index(range(len(self._keys)))

    def _index(self, numbers: range) -> None:
        hashes: list[int] = []
        owners: list[int] = []
        keys = self._keys
        for number in numbers:
            found = self._place(number, keys[number], settle=False)  # all put in order once, below
            hashes += found
            owners += [number] * len(found)
        self._grouped.settle()
        self._merge(hashes, owners)

    def _sort(self) -> None:
        self._grouped.settle()
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

    # Ungrouped keys: the segment index

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

    def _segment_candidates(self, key: str) -> tuple[list[Numbers], list[int]]:
        """Ungrouped keys that can be within the ratio: slices of the sorted array, and recent keys."""
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
        slices: list[Numbers] = []
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
        return slices, extra

    # Grouped keys: their cores compared with the query's middle

    def _ends(self, key: str, ends: dict[str, int], most: int, *, tail: bool) -> dict[int, int]:
        """The heads (or tails) a match of `key` can have, with the least edits an alignment
        spends on each: its indel distance to the closest start (end) of the key."""
        out = {0: 0}
        if not ends:
            return out
        texts = list(ends)
        longest = max(map(len, texts)) + most
        parts = [key[len(key) - n:] if tail else key[:n] for n in range(min(len(key), longest) + 1)]
        costs = process.cdist(parts, texts, scorer=Indel.distance, score_cutoff=most, dtype=np.int32).min(axis=0)
        for text, cost in zip(texts, costs.tolist(), strict=True):
            if cost <= most:
                out[ends[text]] = cost
        return out

    def _group_candidates(self, key: str, limit: int) -> list[Numbers]:
        """Keys of a group that can be in the answer.

        A group is searched when the query can match its head and tail within its edits, and
        only its keys long enough to allow the edits they cost at least (a key allows more edits
        the longer it is). Each key's letters put a bound on its distance to the query, so on its
        score; keys are compared exactly (in C) by blocks, best reachable first, until the
        `limit` best found beat what the rest can reach; only those (and their ties) go on."""
        ratio = self.ratio
        grouped = self._grouped
        if not grouped.ends:
            return []
        most = most_edits(len(key), ratio)
        heads = self._ends(key, self._heads, most, tail=False)
        tails = self._ends(key, self._tails, most, tail=True)
        window = length_window(len(key), ratio)
        groups, ends_counts = grouped.table()
        reachable: list[tuple[int, int, int]] = []  # (row of the group, first key, end)
        aside: dict[tuple[int, int], int] = {}  # group -> shortest length, for the keys kept aside
        for row, group in enumerate(groups):
            head, tail = group
            if head not in heads or tail not in tails:
                continue
            cost = heads[head] + tails[tail]
            shortest = next((n for n in window if max_indel(ratio, len(key), n) >= cost), None)
            if shortest is None:
                continue
            aside[group] = shortest
            start, end = grouped.slices.get(group, (0, 0))
            lengths = grouped.lengths[start:end]
            first, last = np.searchsorted(lengths, (shortest, window[-1] + 1)).tolist()
            if first < last:
                reachable.append((row, start + first, start + last))
        # the query's letters less those of each group's head and tail: what a core must have
        residue = _letter_counts(key) - ends_counts[[row for row, _, _ in reachable]]
        wanted = _level_masks(residue).tolist()
        lacking = np.maximum(-residue, 0).sum(axis=1).tolist()  # letters of the head and tail the query lacks
        at: list[np.ndarray[tuple[int], np.dtype[np.int64]]] = []
        bests: list[np.ndarray[tuple[int], np.dtype[np.float64]]] = []
        for (_, start, end), masks, lack in zip(reachable, wanted, lacking, strict=True):
            # the least distance each key can be at: the letters one has more of than the other
            apart = sum(np.bitwise_count(grouped.masks[level, start:end] ^ np.uint64(mask))
                        for level, mask in enumerate(masks))
            lengths = grouped.lengths[start:end]
            least = np.maximum(apart + lack, np.abs(lengths - len(key)))
            best = 1 - least / (len(key) + lengths)
            keep = np.flatnonzero(best >= ratio / 100 - 1e-9)
            at.append(keep + start)
            bests.append(best[keep])
        order = np.argsort(-np.concatenate(bests), kind="stable") if at else np.empty(0, dtype=np.int64)
        at_all = np.concatenate(at)[order] if at else order
        best = np.concatenate(bests)[order] if at else np.empty(0)
        numbers: list[Numbers] = []
        scores: list[np.ndarray[tuple[int], np.dtype[np.float64]]] = []
        recent = [r for r in grouped.recent if r[0] in aside and r[1] >= aside[r[0]]]
        if recent:  # few: compared first, whatever their letters
            self._score(key, [r[3] for r in recent], np.asarray([r[2] for r in recent], dtype=np.int32),
                        np.asarray([r[1] for r in recent], dtype=np.int64), most, numbers, scores)
        keys = grouped.keys
        # compared by blocks of the best reachable scores, until the `limit` best found so far
        # beat whatever the others can reach
        start, size = 0, _BLOCK
        while start < len(at_all):
            if sum(map(len, scores)) >= limit:
                kth = np.partition(np.concatenate(scores), -limit)[-limit]
                if best[start] < kth - 1e-9:
                    break
            block = at_all[start: start + size]
            start, size = start + size, 4 * size
            self._score(key, [keys[i] for i in block.tolist()], grouped.numbers[block],
                        grouped.lengths[block].astype(np.int64), most, numbers, scores)
        if not numbers:
            return []
        found, scored = np.concatenate(numbers), np.concatenate(scores)
        if len(found) > limit:  # only the `limit` best (and their ties) can be in the answer
            found = found[scored >= max(ratio / 100, np.partition(scored, -limit)[-limit]) - 1e-9]
        return [found]

    @staticmethod
    def _score(key: str, keys: list[str], numbers: Numbers, lengths: np.ndarray[tuple[int], np.dtype[np.int64]],
               most: int, found: list[Numbers], scores: list[np.ndarray[tuple[int], np.dtype[np.float64]]]) -> None:
        """Append the keys within `most` indels of `key` and their scores (the normalised indel
        similarity, as fuzz.ratio without its factor of 100)."""
        far = process.cdist([key], keys, scorer=Indel.distance, score_cutoff=most, dtype=np.int32)[0]
        near = far <= most
        found.append(numbers[near])
        scores.append(1 - far[near] / (len(key) + lengths[near]))

    def _candidates(self, key: str, limit: int = 5) -> list[int]:
        slices, extra = self._segment_candidates(key)
        slices += self._group_candidates(key, limit)
        if extra:
            slices.append(np.asarray(extra, dtype=np.int32))
        numbers = np.unique(np.concatenate(slices)) if slices else np.empty(0, dtype=np.int32)
        if not len(numbers):
            return []
        if numbers[-1] >= len(self._lengths):  # keys added since the last sort
            keys = self._keys
            lengths = np.fromiter((len(keys[n]) for n in numbers.tolist()), dtype=np.int32, count=len(numbers))
        else:
            lengths = self._lengths[numbers]
        return numbers[np.argsort(lengths, kind="stable")].tolist()  # type: ignore[no-any-return]

    def similar(self, key: str, *, limit: int = 5) -> list[str]:
        """The `limit` keys of highest fuzz.ratio at or above the index's ratio, best first (ties:
        shorter, then older first)."""
        keys = self._keys
        choices = [keys[i] for i in self._candidates(key, limit)]
        if not choices:
            return []
        matches = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=self.ratio, limit=limit)
        return [other for other, _, _ in matches]
