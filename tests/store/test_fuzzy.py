"""Organisation names matched through the q-gram index find what a scan of every key finds."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from fuites.merge import NAME_RATIO, NameIndex
from fuites.store import fuzzy
from fuites.store.fuzzy import FuzzyKeys, length_window

_WORDS = ["banque", "mutuelle", "hopital", "centre", "groupe", "clinique", "orvanis", "telecom", "lunelle",
          "assurances", "de", "du", "la", "saint", "arlan", "brevannes", "montbrezy", "regional", "2", "13"]


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))


def _typo(rng: random.Random, key: str) -> str:
    i = rng.randrange(len(key) + 1)
    edit = rng.choice(["insert", "delete", "swap"])
    if edit == "insert":
        return key[:i] + rng.choice("aeioustr ") + key[i:]
    if edit == "delete" and len(key) > 1:
        return key[:i] + key[i + 1:]
    return key[:i] + rng.choice("aeiou") + key[i + 1:]


def _scan(keys: list[str], key: str) -> list[str]:
    """Every key, shorter first then older, scored against `key`: what the index must reproduce."""
    window = length_window(len(key), NAME_RATIO)
    near = sorted((k for k in keys if len(k) in window), key=lambda k: (len(k), keys.index(k)))
    return [k for k, _, _ in process.extract(key, near, scorer=fuzz.ratio, score_cutoff=NAME_RATIO, limit=5)]


def test_the_index_finds_what_a_scan_of_every_key_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    keys = list(dict.fromkeys(_name(rng) for _ in range(3000)))
    built = FuzzyKeys(NAME_RATIO)
    built.extend(keys)
    # keys added one by one, as merge adds them: kept aside, then sorted into the array by hundreds
    monkeypatch.setattr(fuzzy, "_RECENT_MIN", 100)
    grown = FuzzyKeys(NAME_RATIO)
    for key in keys:
        grown.add(key)
    for _ in range(400):
        query = _typo(rng, rng.choice(keys)) if rng.random() < 0.8 else _name(rng)
        expected = _scan(keys, query)
        assert built.similar(query) == expected, query
        assert grown.similar(query) == expected, query


def test_a_name_with_a_typo_finds_its_organisation() -> None:
    names = NameIndex()
    names.load([("federation francaise de football", 1), ("la poste", 2)])
    assert names.find("federation francaise du football") == (1, "similar name (federation francaise de football)")
    names.add("centre hospitalier de montbrezy", 3)
    names.commit()
    assert names.find("centre hospitalier de montbrezi") == (3, "similar name (centre hospitalier de montbrezy)")
    assert names.find("la poste mobile") is None


def test_names_under_common_descriptors_find_what_a_scan_finds() -> None:
    """Most keys under a few descriptors ("mairie de ...", "... sante"): typos in the name, in the
    descriptor, and names of another descriptor all get the scan's answer."""
    rng = random.Random(11)
    syllables = [c + v for c in "bdfklmnprstvz" for v in "aeiou"]
    heads = ["mairie de ", "centre hospitalier de ", "groupe ", "clinique "]
    tails = ["", "", " sante", " bank", " assurances"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))

    def name() -> str:
        if rng.random() < 0.25:
            return word()
        return rng.choice(heads) + word() + (" " + word() if rng.random() < 0.3 else "") + rng.choice(tails)

    keys = list(dict.fromkeys(name() for _ in range(4000)))
    index = FuzzyKeys(NAME_RATIO)
    index.extend(keys)
    assert index._grouped.ends, "the descriptors make groups"
    for _ in range(300):
        query = rng.choice([_typo(rng, rng.choice(keys)), name(), rng.choice(keys)])
        assert index.similar(query) == _scan(keys, query), query


def test_the_letter_bound_never_exceeds_the_distance() -> None:
    """Cores with a letter many times over, digits and accents: the masks' bound on a group's keys
    is never above their true indel distance, so no key is left out on its letters."""
    rng = random.Random(5)
    letters = "aaaeeennrs12é "
    heads = ["mairie de ", "centre hospitalier de ", "banque "]
    tails = ["", " sante", " mobile"]
    keys = list(dict.fromkeys(rng.choice(heads) + "".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
                              + rng.choice(tails) for _ in range(3000)))
    index = FuzzyKeys(NAME_RATIO)
    index.extend(keys)
    assert index._grouped.ends
    for _ in range(300):
        query = rng.choice([_typo(rng, rng.choice(keys)), _typo(rng, _typo(rng, rng.choice(keys)))])
        assert index.similar(query) == _scan(keys, query), query


def test_keys_under_descriptors_added_one_by_one_find_what_a_scan_finds() -> None:
    """Keys put in their group as merge adds them (kept aside, then put in order) are found."""
    rng = random.Random(3)
    syllables = [c + v for c in "bdklmnrstv" for v in "aeiou"]
    heads = ["mairie de ", "conseil departemental de ", "clinique "]

    def name() -> str:
        return rng.choice(heads) + "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))

    keys = list(dict.fromkeys(name() for _ in range(3000)))
    index = FuzzyKeys(NAME_RATIO)
    for n, key in enumerate(keys, 1):
        index.add(key)
        if n % 97 == 0:
            query = rng.choice([_typo(rng, rng.choice(keys[:n])), name()])
            assert index.similar(query) == _scan(keys[:n], query), query
