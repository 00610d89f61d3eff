"""Cue lexicons per language, read from the TOML files beside this module.

Every cue is a regular expression; this module compiles them once per language and answers
"which ids does this text mention, and where".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

LANGUAGES = ("fr", "en")
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Hit:
    """One cue found in a text: the id it stands for and where."""

    id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)
class CueSet:
    """Patterns keyed by id; `find` returns non-overlapping hits, longest first."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # One alternation of every cue: a text it does not match needs no per-cue pass.
    any_cue: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        body = "|".join(f"(?:{p.pattern})" for _, p in self.patterns) or "(?!)"
        object.__setattr__(self, "any_cue", re.compile(body, _FLAGS))

    def find(self, text: str, offset: int = 0) -> list[Hit]:
        found = _find(self, text)
        if offset:
            return [Hit(h.id, h.start + offset, h.end + offset, h.text) for h in found]
        return list(found)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every match of every cue, overlapping ones included."""
        return [m.span() for _, pattern in self.patterns for m in pattern.finditer(text) if m.end() > m.start()]

    def ids(self, text: str) -> set[str]:
        return {hit.id for hit in self.find(text)}

    def search(self, text: str) -> bool:
        return any(pattern.search(text) for _, pattern in self.patterns)


@lru_cache(maxsize=8192)
def _find(cues: CueSet, text: str) -> tuple[Hit, ...]:
    # Sentences are read by several extractors and incidents: each text is matched once.
    if not cues.any_cue.search(text):
        return ()
    hits = [
        Hit(key, m.start(), m.end(), m.group(0))
        for key, pattern in cues.patterns
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end or (hit.start, hit.end) == (k.start, k.end) for k in kept):
            kept.append(hit)
    return tuple(sorted(kept, key=lambda h: (h.start, h.id)))


def compile_any(patterns: list[str], *, word: bool = False) -> re.Pattern[str]:
    """One alternation of cues; `word` wraps plain words in word boundaries."""
    body = "|".join(f"(?:{p})" for p in patterns)
    # Whole words, plural forms included ("hôtels", "Énergies").
    return re.compile(rf"(?<!\w)(?:{body})(?:s|x|es)?(?!\w)" if word else body, _FLAGS)


@dataclass(eq=False)
class Lexicon:
    """The cue words of one language, compiled."""

    lang: str
    raw: dict[str, Any]
    _cache: dict[str, Any] = field(default_factory=dict)

    def cues(self, section: str) -> CueSet:
        """Regex cues of a section whose keys are ids: `[data]`, `[attack]`, `[who]` ..."""
        key = f"cues:{section}"
        if key not in self._cache:
            self._cache[key] = CueSet(
                tuple((id_, re.compile(p, _FLAGS)) for id_, ps in self.raw[section].items() for p in ps)
            )
        return self._cache[key]  # type: ignore[no-any-return]

    def words(self, section: str) -> CueSet:
        """Plain-word cues (role nouns, nationalities): whole words only."""
        key = f"words:{section}"
        if key not in self._cache:
            self._cache[key] = CueSet(
                tuple(
                    (id_, compile_any(ps, word=True)) for id_, ps in self.raw[section].items() if isinstance(ps, list)
                )
            )
        return self._cache[key]  # type: ignore[no-any-return]

    def pattern(self, section: str, name: str, *, word: bool = False) -> re.Pattern[str]:
        """All cues of one list as a single pattern: `pattern("negation", "determiner")`."""
        key = f"pattern:{section}:{name}:{word}"
        if key not in self._cache:
            value = self.raw[section][name]
            self._cache[key] = compile_any(value if isinstance(value, list) else [value], word=word)
        return self._cache[key]  # type: ignore[no-any-return]

    def each(self, section: str, name: str) -> list[re.Pattern[str]]:
        """Each cue of a list compiled apart, for patterns with named groups."""
        key = f"each:{section}:{name}"
        if key not in self._cache:
            self._cache[key] = [re.compile(p, _FLAGS) for p in self.raw[section][name]]
        return self._cache[key]  # type: ignore[no-any-return]

    def country_terms(self) -> list[str]:
        """Every nationality and place cue of `[country]`, whatever country it tells."""
        return [term for terms in self.raw["country"].values() if isinstance(terms, list) for term in terms]

    def table(self, section: str, name: str) -> dict[str, Any]:
        return self.raw[section][name]  # type: ignore[no-any-return]

    def value(self, section: str, name: str) -> Any:
        return self.raw[section][name]


@cache
def load_common() -> dict[str, Any]:
    """Language-independent lists: names that are never a victim, and the like."""
    text = resources.files(__package__).joinpath("common.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def load(lang: str) -> Lexicon:
    """The lexicon of a language ("fr", "en"); unknown languages fall back to French."""
    name = lang if lang in LANGUAGES else "fr"
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return Lexicon(name, tomllib.loads(text))
