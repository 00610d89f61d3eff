"""Categories of data exposed, and those the article says were NOT exposed.

Each mention maps to its own id. A mention inside the scope of a negation ("aucune donnée
bancaire", "ni les mots de passe ni les IBAN", "... n'ont pas été exposés") goes to `data_not`;
hedged exposure ("pourraient avoir été consultées") counts as exposed; a category exposed for
some and not for others counts as exposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from fuites.extract.text import Sentence
from fuites.vocab import CueSet, Hit, Lexicon


@dataclass(frozen=True)
class DataMention:
    id: str
    start: int
    end: int
    sentence: int
    negated: bool
    # "did not hold full payment card details": only the whole item was spared, a part may have leaked
    whole_only: bool = False


@dataclass(frozen=True)
class _Negation:
    determiner: re.Pattern[str]
    verbal_before: re.Pattern[str]
    verbal_after: re.Pattern[str]
    scope_end: re.Pattern[str]
    clause_start: re.Pattern[str]
    skip: re.Pattern[str]
    exposure: re.Pattern[str]
    means: re.Pattern[str]
    warning: re.Pattern[str]
    not_an_item: re.Pattern[str]
    determiners: re.Pattern[str]
    people: CueSet
    separator: re.Pattern[str]
    last_item: re.Pattern[str]
    whole_before: re.Pattern[str]
    whole_after: re.Pattern[str]
    misuse: re.Pattern[str] | None  # what a negation may deny of exposed data: its use (a French sentence on use is skipped)


@cache
def _negation(lexicon: Lexicon) -> _Negation:
    joiners = "|".join(sorted(lexicon.value("victim", "list_joiners"), key=len, reverse=True))
    return _Negation(
        determiner=lexicon.pattern("negation", "determiner"),
        verbal_before=lexicon.pattern("negation", "verbal_before"),
        verbal_after=lexicon.pattern("negation", "verbal_after"),
        scope_end=lexicon.pattern("negation", "scope_end"),
        clause_start=lexicon.pattern("negation", "clause_start"),
        skip=lexicon.pattern("data_context", "skip"),
        exposure=lexicon.pattern("data_context", "exposure"),
        means=lexicon.pattern("data_context", "means"),
        warning=lexicon.pattern("data_context", "warning"),
        not_an_item=lexicon.pattern("data_context", "not_an_item"),
        people=lexicon.words("who"),
        whole_before=re.compile(rf"\b(?:{'|'.join(lexicon.value('data_context', 'whole_before'))})\s+$", re.IGNORECASE),
        whole_after=re.compile(rf"\s+(?:{'|'.join(lexicon.value('data_context', 'whole_after'))})\b", re.IGNORECASE),
        determiners=re.compile(rf"^(?:(?:{'|'.join(lexicon.value('data_context', 'determiners'))})\s*)+", re.IGNORECASE),
        misuse=lexicon.pattern("negation", "misuse") if "misuse" in lexicon.raw["negation"] else None,
        separator=re.compile(rf"\s*,\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners})\s+"),
        # the items after the last named one, up to the one a joiner adds: "identifiant interne et statut
        # (radié ou inscrit)", "des codes postaux, des références administratives et des horodatages"
        last_item=re.compile(
            rf"(?:\s+[^\s,;:.()]+){{0,3}}?(?P<items>(?:\s*,\s*[^,;:.()«»\"]{{3,60}}?){{0,6}}\s*,?\s+(?:{joiners})\s+"
            rf"[^,;:.()«»\"]{{3,60}}?)(?=\s*(?:[,;:.()«»\"]|$))"
        ),
    )


_LIST_ITEM = re.compile(r"\s*[-–•*·]")  # "- Adresses postales,": one item of a bulleted list


def find_data(sentence: Sentence, lexicon: Lexicon) -> list[DataMention]:
    """Data categories of one sentence, each marked negated or not."""
    rules = _negation(lexicon)
    text = sentence.text
    hits = lexicon.cues("data").find(text)
    if not hits:
        return []
    if rules.skip.search(text) and not rules.exposure.search(text):
        return []
    negated_ranges = _negated_ranges(text, rules)
    if len(hits) == 1 and _a_word_in_passing(text, hits[0].start, negated_ranges, rules):
        return []  # "send help to an address": one data word in a sentence that says nothing of data
    # "bourrage d'identifiants", "accessible sans mot de passe": the words name the attack.
    attack_spans = lexicon.cues("attack").spans(text)
    mentions = []
    for hit in hits:
        if _inside_skipped_clause(text, hit, rules) or any(s <= hit.start < e for s, e in attack_spans):
            continue
        clause = _clause(text, hit)
        if rules.warning.search(clause) or (hit.id in _CREDENTIALS and rules.means.search(clause)):
            continue
        negated = any(s <= hit.start < e for s, e in negated_ranges)
        whole_only = negated and bool(
            rules.whole_before.search(text, max(0, hit.start - 12), hit.start) or rules.whole_after.match(text, hit.end)
        )
        start, end = sentence.start + hit.start, sentence.start + hit.end
        mentions.append(DataMention(hit.id, start, end, sentence.index, negated, whole_only))
    if "list_only" in lexicon.raw["data_context"]:
        # "plus aucun mail ne part", "les courriels du maire": messages, not the addresses
        # the word stands for in a list of data ("noms, prénoms et e-mails")
        list_only = lexicon.pattern("data_context", "list_only")
        if all(list_only.fullmatch(text, m.start - sentence.start, m.end - sentence.start) for m in mentions):
            mentions = []
    if len(mentions) >= 2:
        named = [(m.start - sentence.start, m.end - sentence.start) for m in mentions]
        for start, end in _unnamed_items(text, named, rules):
            negated = any(s <= start < e for s, e in negated_ranges)
            mentions.append(DataMention(_OTHER, sentence.start + start, sentence.start + end, sentence.index, negated))
    return mentions


def _a_word_in_passing(text: str, at: int, negated_ranges: list[tuple[int, int]], rules: _Negation) -> bool:
    """A sentence of some length whose one data word is neither said spared, nor an item of a
    bulleted list, nor said of data exposed."""
    if len(text.split()) < 8 or _LIST_ITEM.match(text) or any(s <= at < e for s, e in negated_ranges):
        return False
    return not rules.exposure.search(text)


def _unnamed_items(text: str, named: list[tuple[int, int]], rules: _Negation) -> list[tuple[int, int]]:
    """Items of a list of data that no category names ("des codes postaux, des références
    administratives et des horodatages"): each is `other` (SCHEMA)."""
    spans = sorted(named)
    pieces: list[tuple[int, int]] = []
    for (_, gap_start), (gap_end, _) in pairwise(spans):
        if 0 < gap_end - gap_start <= 80:
            # what comes before the first separator or after the last one belongs to a named item
            bounds = [(s.start(), s.end()) for s in rules.separator.finditer(text, gap_start, gap_end)]
            pieces += [(a_end, b_start) for (_, a_end), (b_start, _) in pairwise(bounds)]
    tail = rules.last_item.match(text, spans[-1][1])
    if tail:
        start, end = tail.span("items")
        bounds = [(s.start(), s.end()) for s in rules.separator.finditer(text, start, end)]
        pieces += [(a_end, b_start) for (_, a_end), (b_start, _) in pairwise([*bounds, (end, end)])]
    items = []
    for start, end in pieces:
        words = rules.determiners.sub("", text[start:end].strip())
        if (
            len(words) >= 3
            and len(words.split()) <= 5
            and not rules.not_an_item.search(text[start:end])
            and not any(hit.id != "records" for hit in rules.people.find(words))  # "employees": who, not what
            and not any(s < end and start < e for s, e in spans)
        ):
            items.append((start, end))
    return items


_OTHER = "other"

# what an attacker logs in with: named as the means of an attack, they are not data taken
_CREDENTIALS = {"password", "username", "email"}


def _clause(text: str, hit: Hit) -> str:
    """The words between the commas or semicolons around a hit."""
    clause_start = max(text.rfind(",", 0, hit.start), text.rfind(";", 0, hit.start), -1) + 1
    clause_end_match = re.search(r"[,;]", text[hit.end :])
    clause_end = hit.end + clause_end_match.start() if clause_end_match else len(text)
    return text[clause_start:clause_end]


def _inside_skipped_clause(text: str, hit: Hit, rules: _Negation) -> bool:
    """A category named in an advice or phishing clause ("changez votre mot de passe") is not data."""
    clause = _clause(text, hit)
    return bool(rules.skip.search(clause)) and not rules.exposure.search(clause)


def _scope_end(text: str, start: int, rules: _Negation) -> int:
    """Where the negation at `start` ends: a closing bracket ends it only when the negation opened
    inside the brackets ("(but no passwords) as well as card numbers", not "none (even cards) or")."""
    for end in rules.scope_end.finditer(text, start):
        if end.group(0) != ")" or "(" not in text[start : end.start()]:
            return end.start()
    return len(text)


def _negated_ranges(text: str, rules: _Negation) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for m in rules.determiner.finditer(text):
        limit = min(_scope_end(text, m.end(), rules), m.end() + 150)
        # "n'était toutefois accessible" closes the scope of "aucune" as a verb would.
        verb = re.search(r"\b(?:n'|ne |n’)", text[m.end() : limit])
        if verb:
            limit = m.end() + verb.start()
        ranges.append((m.start(), limit))
    for m in rules.verbal_before.finditer(text):
        starts = [c.end() for c in rules.clause_start.finditer(text, 0, m.start())]
        start = max(starts) if starts else 0
        ranges.append((start, m.start()))
    for m in rules.verbal_after.finditer(text):
        end = _scope_end(text, m.end(), rules)
        if rules.misuse and rules.misuse.search(text, m.end(), end):
            continue  # "no reason to believe the records were misused": the use is denied, not the exposure
        ranges.append((m.start(), end))
    return ranges


def resolve(mentions: list[DataMention]) -> tuple[list[str], list[str]]:
    """`data` and `data_not` ids in order of first mention.

    An explicit negation wins over a plain mention elsewhere (often advice or background); a
    category said exposed and not exposed in the same sentence was exposed for some: `data`.
    """
    exposed: list[str] = []
    not_exposed: list[str] = []
    negated_in = {(m.id, m.sentence) for m in mentions if m.negated}
    positive_in = {(m.id, m.sentence) for m in mentions if not m.negated}
    for_some = {i for i, sentence in negated_in if (i, sentence) in positive_in}
    # "the last four digits of cards" taken, "full card details" not: the part leaked
    partly = {m.id for m in mentions if not m.negated} - {m.id for m in mentions if m.negated and not m.whole_only}
    for_some |= partly
    # `other` gathers items of their own: "le groupe sanguin" taken and "les photos" not are two items
    negated_ids = {i for i, _ in negated_in} - for_some - {_OTHER}
    for m in mentions:
        if m.id in negated_ids or (m.id == _OTHER and m.negated):
            if m.id not in not_exposed:
                not_exposed.append(m.id)
        elif m.id not in exposed:
            exposed.append(m.id)
    # "coordonnées" stands for contact details only when the article names none of them.
    specific = {"email", "phone", "postal_address"}
    if "contact" in exposed and specific & set(exposed):
        exposed.remove("contact")
    return exposed, not_exposed
