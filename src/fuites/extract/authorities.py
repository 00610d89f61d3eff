"""Who was told: authorities notified (or a complaint filed), the affected people, and through what."""

from __future__ import annotations

from dataclasses import dataclass

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon


@dataclass(frozen=True)
class Notice:
    """An authority, a notification of individuals, or a channel, found in a sentence."""

    kind: str  # "authority", "notified" or "channel"
    id: str
    start: int
    end: int
    sentence: int


def find_authorities(sentence: Sentence, lexicon: Lexicon) -> list[Notice]:
    """Authorities a sentence says were notified, seized, or that a complaint went to."""
    text = sentence.text
    if not lexicon.pattern("authority_context", "cues").search(text):
        return []
    if lexicon.pattern("authority_context", "skip").search(text):
        return []
    return [Notice("authority", h.id, sentence.start + h.start, sentence.start + h.end, sentence.index)
            for h in lexicon.cues("authorities").find(text)]


def find_notifications(sentence: Sentence, lexicon: Lexicon) -> list[Notice]:
    """The victim informing the affected people, and the channels it used."""
    text = sentence.text
    if lexicon.pattern("notification", "skip").search(text):
        return []
    cue = lexicon.pattern("notification", "cues").search(text)
    if not cue:
        return []
    notices = [Notice("notified", "true", sentence.start + cue.start(), sentence.start + cue.end(), sentence.index)]
    for hit in lexicon.cues("channels").find(text):
        notices.append(Notice("channel", hit.id, sentence.start + hit.start, sentence.start + hit.end,
                              sentence.index))
    return notices
