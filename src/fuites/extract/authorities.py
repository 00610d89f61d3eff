"""Who was told: authorities notified (or a complaint filed), the affected people, and through what."""

from __future__ import annotations

import re
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
    skip = lexicon.pattern("authority_context", "skip").search(text)
    if skip:
        # "X a notifié la CNIL et conseille à ses clients ...": the clause before the advice counts
        text = text[: _clause_start(text, skip.start())]
    if not lexicon.pattern("authority_context", "cues").search(text):
        return []
    context = lexicon.raw["authority_context"]
    negated = lexicon.pattern("authority_context", "negated") if "negated" in context else None
    negated_after = lexicon.pattern("authority_context", "negated_after") if "negated_after" in context else None
    return [
        Notice("authority", h.id, sentence.start + h.start, sentence.start + h.end, sentence.index)
        for h in lexicon.cues("authorities").find(text)
        if not (negated and negated.search(text[max(0, h.start - 60) : h.start]))
        and not (negated_after and negated_after.search(text[h.end : h.end + 90]))
    ]


def find_notifications(sentence: Sentence, lexicon: Lexicon) -> list[Notice]:
    """The victim informing the affected people, and the channels it used."""
    text = sentence.text
    skip = lexicon.pattern("notification", "skip")
    if skip.search(text):
        # "... à des fins de phishing », indique Orange dans son message publié sur son site": the
        # quoted warning is skipped, the attribution outside the quotes still counts.
        text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
        warning = skip.search(text)
        if warning:
            # "Il informe les clients par courriel et les appelle à la vigilance face au phishing":
            # what comes before the warning's clause still counts
            text = text[: _clause_start(text, warning.start())]
    cue = lexicon.pattern("notification", "cues").search(text)
    if cue and _to_an_authority_only(text[cue.end() :], lexicon):
        cue = None  # "une notification envoyée à la CNIL": the authority told, not the people
    cue = cue or _told_people(text, lexicon)
    if not cue:
        return []
    before = text[max(0, cue.start() - 60) : cue.start()]
    if lexicon.pattern("notification", "negated").search(before):
        return []
    if lexicon.pattern("notification", "promised").search(before) and lexicon.pattern("notification", "conditional").search(text):
        return []  # "will notify customers once the review is complete": not begun
    notices = [Notice("notified", "true", sentence.start + cue.start(), sentence.start + cue.end(), sentence.index)]
    taken = [(h.start, h.end) for h in lexicon.cues("data").find(text)]
    for hit in lexicon.cues("channels").find(text):
        if any(s <= hit.start < e for s, e in taken):
            continue  # "adresse e-mail" is data, not the way people were told
        notices.append(Notice("channel", hit.id, sentence.start + hit.start, sentence.start + hit.end, sentence.index))
    return notices


_CLAUSE_BREAK = re.compile(r",\s|;\s|\bet\b|\bmais\b|\bqui\b|\band\b|\bbut\b|\bwho\b")


def _clause_start(text: str, offset: int) -> int:
    """Where the clause holding `offset` starts: after the last comma or conjunction before it."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, 0, offset)]
    return breaks[-1] if breaks else 0


_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")


def _to_an_authority_only(after: str, lexicon: Lexicon) -> bool:
    """The words after a verb or a message of telling name an authority, and no people told."""
    people = lexicon.pattern("notification", "people")
    return bool(lexicon.pattern("notification", "authority_only").search(after[:70]) and not people.search(after[:40]))


def _told_people(text: str, lexicon: Lexicon) -> re.Match[str] | None:
    """A verb of telling with the people told after it (or before it, in the passive)."""
    people = lexicon.pattern("notification", "people")
    for verb in lexicon.pattern("notification", "tell").finditer(text):
        after = text[verb.end() : verb.end() + 70]
        before = text[max(0, verb.start() - 60) : verb.start()]
        if _to_an_authority_only(after, lexicon):
            continue
        if people.search(after) or people.search(before):
            return verb
    return None
