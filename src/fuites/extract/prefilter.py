"""The cheap test in front of the pipeline: can this article be about a breach at all?

One Aho-Corasick pass over the article, lower-cased, looks for the stems of `[prefilter]` in every
language's lexicon at once, each at the start of a word ("pirat" in "piratage", not in
"respiratoire") (French press writes "ransomware" and "hackers" too). An article with
none of them skips sentence splitting, NER and every extractor; most of a general news stream is
decided here in microseconds.
"""

from __future__ import annotations

from functools import cache

import ahocorasick

from fuites.vocab import LANGUAGES, load


@cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for lang in LANGUAGES:
        for stem in load(lang).value("prefilter", "stems"):
            automaton.add_word(stem.casefold(), stem.casefold())
    automaton.make_automaton()
    return automaton


def breach_cue(text: str) -> str | None:
    """The first breach stem the text contains, or None when it has none."""
    folded = text.casefold()
    for end, stem in _automaton().iter(folded):
        start = end - len(stem) + 1
        if start == 0 or not folded[start - 1].isalnum():
            return str(stem)
    return None


def may_report_incident(text: str) -> bool:
    """False only when the text has no breach stem in any language: it cannot report an incident."""
    return breach_cue(text) is not None
