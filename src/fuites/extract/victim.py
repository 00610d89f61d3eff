"""Who was breached: organisation names found by NER and by patterns, scored by the role they play.

The victim is the organisation that breach verbs are said of ("X a été victime", "chez X",
"l'opérateur X"), named most often, in the title; an outlet or firm that is only quoted
("selon Zataz", "à l'AFP"), an authority, or a threat group is not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon, compile_any, load_common

_NAME = (
    r"(?:[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŒ0-9][\w'&.+-]*[\w+]|[A-Z])"
    r"(?:(?:\s+|\s*-\s*)(?:(?:de|du|des|d'|la|le|les|l'|et|&|of|the|and|pour)\s+)?"
    r"(?:[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŒ0-9][\w'&.+-]*[\w+]|[A-Z]))*"
)
_LEADING_ARTICLE = re.compile(r"^(?:l'|le |les |the |via |chez |selon |by |from )", re.IGNORECASE)
_TRAILING = re.compile(r"(?:'s|’s|\s+(?:a|et|and|ont|qui|has|have|said|says))+$")


@dataclass
class Candidate:
    """An organisation name and the evidence for and against it being the victim."""

    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    score: float = 0.0
    as_source: int = 0
    as_victim: int = 0
    roles: Counter[str] = field(default_factory=Counter)

    @property
    def display(self) -> str:
        # The form the article uses most; on a tie, the shortest.
        return min(self.forms.items(), key=lambda kv: (-kv[1], len(kv[0])))[0]


def key_of(name: str) -> str:
    """A name folded for comparison: accents, case, punctuation and legal suffixes removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\b(?:sa|sas|inc|ltd|llc|plc|corp|group|groupe|the)\b", " ", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class _Patterns:
    role_name: re.Pattern[str]
    place: re.Pattern[str]
    subject_after: re.Pattern[str]
    object_before: re.Pattern[str]
    source_before: re.Pattern[str]
    name: re.Pattern[str]
    excluded: frozenset[str]
    excluded_patterns: re.Pattern[str]


@cache
def _patterns(lexicon: Lexicon) -> _Patterns:
    roles = "|".join(lexicon.value("victim", "roles"))
    places = "|".join(lexicon.value("victim", "place_roles"))
    common = load_common()
    nationality = "|".join(p for ps in lexicon.raw["country"].values() if isinstance(ps, list) for p in ps)
    excluded_words = set(common["not_victims"]["names"]) | set(lexicon.value("dates", "months")) | set(
        lexicon.value("dates", "weekdays"))
    return _Patterns(
        role_name=re.compile(
            rf"\b(?:{roles})(?:\s+(?:{nationality}|en ligne|priv[ée]e?|public|publique|sp[ée]cialis[ée]e? dans [\w' -]+?))?\s+(?P<name>{_NAME})",
            re.IGNORECASE if lexicon.lang == "xx" else 0,
        ),
        place=re.compile(rf"\b(?P<role>{places})\s+(?:de |du |des |d'|of )(?P<name>{_NAME})", re.IGNORECASE),
        subject_after=re.compile(
            r"^(?:,[^,]{0,60},)?\s*(?:\([^)]*\)\s*)?(?:lui-m[êe]me |elle-m[êe]me |aussi |[ée]galement |itself |also )?"
            rf"(?:{'|'.join(lexicon.value('victim', 'subject_of'))})",
            re.IGNORECASE,
        ),
        object_before=re.compile(rf"(?:{'|'.join(lexicon.value('victim', 'object_of'))})\s*$", re.IGNORECASE),
        source_before=re.compile(
            rf"(?:{'|'.join(lexicon.value('victim', 'source_cues'))})\s*(?:le |la |l'|les |the )?$", re.IGNORECASE
        ),
        name=re.compile(_NAME),
        excluded=frozenset(key_of(w) for w in excluded_words),
        excluded_patterns=compile_any(common["not_victims"]["patterns"]),
    )


def _clean_name(name: str) -> str:
    name = _LEADING_ARTICLE.sub("", name.strip(" ,.;:«»\"'()-"))
    name = _TRAILING.sub("", name)
    return name.strip(" ,.;:«»\"'()-")


def find_candidates(sentences: list[Sentence], entities: list[tuple[int, int, str]], lexicon: Lexicon,
                    actors: set[str], title_index: int | None) -> list[Candidate]:
    """Organisation names of the article, scored; the best first."""
    patterns = _patterns(lexicon)
    authorities = lexicon.cues("authorities")
    by_key: dict[str, Candidate] = {}
    actor_keys = {key_of(a) for a in actors}

    def add(name: str, start: int, end: int, sentence: Sentence, role: str | None = None) -> None:
        name = _clean_name(name)
        key = key_of(name)
        if len(key) < 2 or key in patterns.excluded or key in actor_keys or any(
            key.startswith(a) or a.startswith(key) for a in actor_keys if len(a) > 3
        ):
            return
        if patterns.excluded_patterns.fullmatch(name) or authorities.ids(name) and len(name) < 40:
            return
        candidate = by_key.setdefault(key, Candidate(name))
        if (start, end) in candidate.spans:
            return
        candidate.spans.append((start, end))
        candidate.sentences.add(sentence.index)
        candidate.forms[name] += 1
        if role:
            candidate.roles[role] += 1

    sentence_at = _sentence_lookup(sentences)
    for start, end, label in entities:
        sentence = sentence_at(start)
        if sentence is None or label not in ("ORG", "MISC", "LOC", "PER", "PERSON"):
            continue
        text = sentence.text[start - sentence.start:end - sentence.start]
        if label in ("PER", "PERSON") and not re.search(r"[A-Z]{2}|\d|-[A-Z]", text):
            continue
        add(text, start, end, sentence)
    for sentence in sentences:
        for m in patterns.role_name.finditer(sentence.text):
            name = m.group("name")
            add(name, sentence.start + m.start("name"), sentence.start + m.start("name") + len(name), sentence,
                m.group(0)[: m.start("name") - m.start()].strip())
        for m in patterns.place.finditer(sentence.text):
            role = m.group("role").lower()
            town_like = re.match(r"(?:mairie|ville|commune|d[ée]partement|r[ée]gion|m[ée]tropole|agglo|conseil|pr[ée]fecture|city|town|county|state)", role)
            if town_like:
                name = m.group("name")
                add(name, sentence.start + m.start("name"), sentence.start + m.end("name"), sentence, role)
            else:
                full = m.group(0)
                add(full[0].upper() + full[1:], sentence.start + m.start(), sentence.start + m.end(), sentence, role)
        if title_index is not None and sentence.index == title_index:
            head = re.match(rf"^\s*(?P<name>{_NAME})\s*(?::|,| -| –)", sentence.text)
            if head:
                add(head.group("name"), sentence.start, sentence.start + len(head.group("name")), sentence)

    _extend_mentions(by_key, sentences)
    for candidate in by_key.values():
        _score(candidate, sentences, patterns, title_index)
    ranked = sorted(by_key.values(), key=lambda c: (-c.score, min(c.sentences)))
    return [c for c in ranked if c.score > 0]


def _sentence_lookup(sentences: list[Sentence]) -> object:
    starts = [s.start for s in sentences]
    import bisect

    def at(offset: int) -> Sentence | None:
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(sentences) and sentences[i].start <= offset < sentences[i].end + 1:
            return sentences[i]
        return None

    return at


def _extend_mentions(by_key: dict[str, Candidate], sentences: list[Sentence]) -> None:
    """Find every plain-text occurrence of each candidate, so that counts do not depend on NER recall."""
    for candidate in by_key.values():
        forms = sorted(candidate.forms, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
        longer = [c for c in by_key.values() if c is not candidate and any(
            f in other for f in forms for other in c.forms if len(other) > len(f))]
        for sentence in sentences:
            for m in pattern.finditer(sentence.text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                # "Orange" inside "Orange Cyberdefense" is a mention of the longer name only.
                if any(s <= start and end <= e and (s, e) != (start, end) for c in longer for s, e in c.spans):
                    continue
                if (start, end) not in candidate.spans:
                    candidate.spans.append((start, end))
                    candidate.sentences.add(sentence.index)
                    candidate.forms[m.group(0)] += 1


def _score(candidate: Candidate, sentences: list[Sentence], patterns: _Patterns, title_index: int | None) -> None:
    by_index = {s.index: s for s in sentences}
    score = 0.0
    for start, end in candidate.spans:
        sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
        if sentence is None:
            continue
        before = sentence.text[:start - sentence.start]
        after = sentence.text[end - sentence.start:]
        if patterns.source_before.search(before[-60:]) or re.match(r"^\s*(?:\)|,)?\s*(?:cit[ée]|rapporte|indique|selon)", after):
            candidate.as_source += 1
            continue
        weight = 1.0
        if patterns.subject_after.match(after):
            weight += 2.5
            candidate.as_victim += 1
        if patterns.object_before.search(before[-40:]):
            weight += 2.0
            candidate.as_victim += 1
        if sentence.index == title_index:
            weight += 2.0
        elif sentence.index <= (title_index or 0) + 2:
            weight += 0.7
        score += weight
    score += 1.5 * sum(candidate.roles.values())
    if candidate.as_source and not candidate.as_victim:
        score -= 2.0 * candidate.as_source
    del by_index
    candidate.score = score


def mentions_in(candidate: Candidate, sentence: Sentence) -> bool:
    return any(sentence.start <= s < sentence.end for s, _ in candidate.spans)


def sector_votes(candidate: Candidate, sentences: list[Sentence], lexicon: Lexicon) -> Counter[str]:
    """Votes for the victim's sector: its name, the role nouns beside it, then the article's words."""
    sectors = lexicon.words("sector")
    votes: Counter[str] = Counter()
    for hit in sectors.find(candidate.display):
        votes[hit.id] += 6
    for role, n in candidate.roles.items():
        for hit in sectors.find(role):
            votes[hit.id] += 4 * n
    mentioned = [s for s in sentences if s.index in candidate.sentences]
    for sentence in mentioned:
        for start, _ in candidate.spans:
            if sentence.start <= start < sentence.end:
                window = sentence.text[max(0, start - sentence.start - 45):start - sentence.start + 60]
                for hit in sectors.find(window):
                    votes[hit.id] += 1.5
    subject_role = re.compile(r"^(?:l'|le |la |les |the )(?P<role>[\w'-]+(?: (?:de|d'|des|du) [\w'-]+)?)", re.I)
    for sentence in sentences:
        m = subject_role.match(sentence.text)
        if m:
            for hit in sectors.find(m.group(0)):
                votes[hit.id] += 1.0
        for hit in sectors.find(sentence.text):
            votes[hit.id] += 0.25
    return votes


def country_of(candidate: Candidate, sentences: list[Sentence], lexicon: Lexicon) -> str | None:
    """A nationality word beside the victim's name, else the language's default country."""
    countries = lexicon.words("country")
    votes: Counter[str] = Counter()
    for start, end in candidate.spans:
        sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
        if sentence is None:
            continue
        window = sentence.text[max(0, start - sentence.start - 35):end - sentence.start + 35]
        for hit in countries.find(window):
            votes[hit.id] += 1
    if votes:
        return votes.most_common(1)[0][0]
    default: str | None = lexicon.raw["country"].get("default")
    return default


def group_spans(candidates: list[Candidate]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in candidates:
        spans[c.display].extend(c.spans)
    return spans
