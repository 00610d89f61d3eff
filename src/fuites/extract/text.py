"""The clean article cut into sentences that keep their offsets, the unit every extractor reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:M|Mme|Mlle|Me|Dr|Pr|St|Ste|Mt|Ft|cf|etc|env|av|apr|J\.-C|n°|no|art|p|vol|éd|Inc|Ltd|Corp|Co|Jr|Sr|vs|U\.S|"
    r"janv|févr|sept|oct|nov|déc|Mr|Mrs|Ms|Prof|Gen|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    # US states as wire datelines abbreviate them ("GRAND RAPIDS, Mich. (AP) —")
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ill|Kan|Ky|Md|Mass|Mich|Minn|Miss|Mont|Neb|Nev|Okla|Ore|Tenn|Tex|Wash|Wis|Wyo)"
    r"|(?<!contre )\b[A-Z])\.$"  # an initial ("J. Martin"), but "plainte contre X." ends a sentence
)
# A sentence ends at . ! ? … followed by space and a capital, a quote or a digit, or at a line end.
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"“(A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŒ0-9-])|\n+")
# A run of text with no sentence end is cut into pieces of at most this length (at a comma or a
# space), so that what an extractor does per sentence costs linear time on any text: real sentences
# are shorter (the longest met in thousands of articles is about 2,900 characters, glued ones).
MAX_SENTENCE = 3_000
_SOFT_BREAK = re.compile(r"[,;:]\s|\s")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the clean text: `text == document_text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def split_sentences(text: str) -> list[Sentence]:
    """Cut a clean text into sentences; a sentence repeated word for word is kept once."""
    sentences: list[Sentence] = []
    seen: set[str] = set()
    paragraph = 0
    start = 0
    pieces: list[tuple[int, int, bool]] = []
    for boundary in _BOUNDARY.finditer(text):
        candidate = text[start : boundary.start()]
        if "\n" not in boundary.group(0) and _ABBREVIATIONS.search(candidate.rstrip('»"”) ')):
            continue
        pieces.extend(_bounded(text, start, boundary.start(), "\n" in boundary.group(0)))
        start = boundary.end()
    pieces.extend(_bounded(text, start, len(text), True))
    for begin, end, ends_paragraph in pieces:
        raw = text[begin:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            key = re.sub(r"\W+", " ", body).strip().casefold()
            if key not in seen or len(key) < 25:
                seen.add(key)
                sentences.append(Sentence(len(sentences), begin + lead, begin + lead + len(body), body, paragraph))
        if ends_paragraph:
            paragraph += 1
    return sentences


def _bounded(text: str, begin: int, end: int, ends_paragraph: bool) -> list[tuple[int, int, bool]]:
    """A piece of text as pieces of at most MAX_SENTENCE characters, cut after the last comma or
    space of each stretch when there is one in its second half."""
    pieces: list[tuple[int, int, bool]] = []
    while end - begin > MAX_SENTENCE:
        limit = begin + MAX_SENTENCE
        cut = limit
        for m in _SOFT_BREAK.finditer(text, limit - MAX_SENTENCE // 2, limit):
            cut = m.end() if m.group(0)[0] in ",;:" else m.start()
        pieces.append((begin, cut, False))
        begin = cut
    pieces.append((begin, end, ends_paragraph))
    return pieces
