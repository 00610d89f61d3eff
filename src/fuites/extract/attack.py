"""How the breach happened (ATTACKS ids) and who did it (named threat actors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon


@dataclass(frozen=True)
class AttackMention:
    id: str
    start: int
    end: int
    sentence: int
    # for intrusion: an explicit break-in, not a generic "cyberattaque"; for malware: a kind of its own
    # (an infostealer), not the generic "logiciel malveillant" a ransomware also is
    explicit: bool


_MALWARE, _RANSOMWARE = "malware", "ransomware"


@dataclass(frozen=True)
class ActorMention:
    name: str
    start: int
    end: int
    sentence: int


def find_attacks(sentence: Sentence, lexicon: Lexicon) -> list[AttackMention]:
    explicit = lexicon.pattern("attack_rules", "explicit_intrusion")
    generic_malware = lexicon.pattern("attack_rules", "generic_malware")
    # "No ransomware was deployed", "whether a ransom was demanded": a mechanism ruled out or
    # left open is not one the article gives.
    ruled_out: list[tuple[int, int]] = []
    if "negated" in lexicon.raw["attack_rules"]:
        ruled_out = [m.span() for m in lexicon.pattern("attack_rules", "negated").finditer(sentence.text)]
    needs_context = set(lexicon.value("attack_rules", "needs_breach_context"))
    in_context = bool(lexicon.pattern("attack_rules", "breach_context").search(sentence.text)) and not (
        lexicon.pattern("attack_rules", "negated_context").search(sentence.text)
    )
    mentions = []
    for hit in lexicon.cues("attack").find(sentence.text):
        if any(s <= hit.start < e for s, e in ruled_out) or (hit.id in needs_context and not in_context):
            continue
        mentions.append(
            AttackMention(
                hit.id,
                sentence.start + hit.start,
                sentence.start + hit.end,
                sentence.index,
                bool(explicit.fullmatch(hit.text))
                or (hit.id == _MALWARE and not generic_malware.fullmatch(hit.text)),
            )
        )
    return mentions


def resolve_attacks(
    mentions: list[AttackMention], lexicon: Lexicon, implied: list[str] | None = None, *, data_taken: bool = True
) -> list[str]:
    """Attack ids in order of first mention; a generic word gives way to a sharper mechanism.
    `implied` ids come from elsewhere (a ransomware group named as the attacker); a ransom demand
    is extortion when data was taken, the ransomware's when none is said to be; either is sharper than a
    generic "cyberattaque"."""
    ids: list[str] = []
    for m in mentions:
        if m.id not in ids:
            ids.append(m.id)
    ids += [i for i in implied or [] if i not in ids]
    ransom = lexicon.value("attack_rules", "ransom")
    if ransom in ids:
        means = lexicon.value("attack_rules", "ransom_means" if data_taken else "ransom_means_without_data")
        absorbed = lexicon.value("attack_rules", "ransom_absorbed_by") in ids
        ids = [means if i == ransom and not absorbed else i for i in ids if i != ransom or not absorbed]
        ids = list(dict.fromkeys(ids))
    if _RANSOMWARE in ids and not any(m.explicit for m in mentions if m.id == _MALWARE):
        # "un logiciel malveillant qui chiffre les fichiers" in a ransomware story is the ransomware; an infostealer is not
        ids = [i for i in ids if i != _MALWARE]
    for sharp, broader in lexicon.value("attack_rules", "absorbs").items():
        if sharp in ids:
            ids = [i for i in ids if i not in broader]
    generic = set(lexicon.value("attack_rules", "generic"))
    sharper = set(lexicon.value("attack_rules", "sharper_than_generic"))
    if sharper & set(ids):
        explicit = {m.id for m in mentions if m.explicit}
        sentences_with_sharper = {m.sentence for m in mentions if m.id in sharper}
        # An explicit intrusion named apart from the sharper mechanism still stands.
        explicit_alone = any(m.explicit and m.sentence not in sentences_with_sharper for m in mentions)
        ids = [i for i in ids if i not in generic or (i in explicit and explicit_alone)]
    return ids


@dataclass(frozen=True)
class _ActorPatterns:
    known: re.Pattern[str]
    named: tuple[re.Pattern[str], ...]
    product_before: re.Pattern[str]  # "l'application Kairos": a product that bears a group's name
    business_words: str  # "les magasins Vexor": words said of a business that bears a group's name
    kin_before: re.Pattern[str]  # "un groupe proche de Vexor": a group the attackers are said to be close to
    not_actor: re.Pattern[str]  # words and places a pattern may take for a group's name


@cache
def _actor_patterns(lexicon: Lexicon) -> _ActorPatterns:
    # Known names are matched case-sensitively so that "play" or "royal" in prose is not a group,
    # and not as the first word of a longer name ("Royal Sporting Meuse", "Play Store"); a name with
    # a capital inside ("LockBit") is no word of prose, and the press writes it "Lockbit" too.
    names = [f"(?i:{n})" if re.search(r"[a-z][A-Z]", n) else f"(?:{n})" for n in lexicon.value("actors", "known")]
    known = re.compile(rf"(?<![\w-])(?:{'|'.join(names)})(?![\w-])(?!\s+[A-ZÀ-Ý][a-zà-ÿ])")
    named = tuple(re.compile(p) for p in lexicon.value("actors", "patterns"))
    product_before = re.compile(rf"\b(?:{'|'.join(lexicon.value('actors', 'product_before'))})\s+$", re.IGNORECASE)
    business_words = "|".join(lexicon.value("actors", "business_words"))
    # "proches du groupe russe Vexor", "tied to the Vexor gang": the group's noun and a word may come between
    kin_before = re.compile(
        rf"\b(?:{'|'.join(lexicon.value('actors', 'kin_before'))})\s+(?:(?:le|la|l'|the)\s*)?"
        r"(?:(?:groupe|gang|collectif|group|crew)\s+)?(?:[\w-]+\s+)?$",
        re.IGNORECASE,
    )
    # "qui se dit Malien": a nationality is never a group's name
    nationalities = [term for term in lexicon.country_terms() if " " not in term]
    # "a notorious Ukraine-based crew": a word said of the group, not its name
    adjectives = [rf"\S+-(?:{a})" for a in lexicon.value("victim", "name_adjectives")]
    not_actor = re.compile(
        rf"^(?:{'|'.join([*lexicon.value('actors', 'not_actor'), *nationalities, *adjectives])})$", re.IGNORECASE
    )
    return _ActorPatterns(known, named, product_before, business_words, kin_before, not_actor)


def find_actors(sentence: Sentence, lexicon: Lexicon, victims: set[str] | None = None) -> list[ActorMention]:
    patterns = _actor_patterns(lexicon)
    found: list[ActorMention] = []
    for m in patterns.known.finditer(sentence.text):
        if patterns.product_before.search(sentence.text, max(0, m.start() - 30), m.start()):
            continue  # "l'application Kairos": a product that bears a group's name
        if patterns.kin_before.search(sentence.text, max(0, m.start() - 60), m.start()):
            continue  # "un groupe proche de Vexor": not the group that attacked
        found.append(ActorMention(m.group(0), sentence.start + m.start(), sentence.start + m.end(), sentence.index))
    for pattern in patterns.named:
        for m in pattern.finditer(sentence.text):
            name = m.group("name").rstrip(".,)")
            if patterns.not_actor.match(name) or (victims and name in victims):
                continue
            start = sentence.start + m.start("name")
            if any(a.start <= start < a.end for a in found):
                continue
            if patterns.kin_before.search(sentence.text, max(0, m.start("name") - 60), m.start("name")):
                continue
            found.append(ActorMention(name, start, start + len(name), sentence.index))
    return found


def actors_named(sentences: list[Sentence], lexicon: Lexicon, victims: set[str] | None = None,
                 article: list[Sentence] | None = None) -> list[ActorMention]:
    """The actors the sentences name. A known group's name the article (by default, the sentences)
    gives a business too ("les magasins Vexor", "Vexor stores") is that business's, and no actor there."""
    mentions = [a for s in sentences for a in find_actors(s, lexicon, victims)]
    if not mentions:
        return mentions
    text = " ".join(s.text for s in (article if article is not None else sentences))
    words = _actor_patterns(lexicon).business_words
    businesses = {name for name in {m.name for m in mentions} if _named_as_business(name, text, words)}
    return [m for m in mentions if m.name not in businesses]


def _named_as_business(name: str, text: str, words: str) -> bool:
    named = re.escape(name)
    around = rf"\b(?:{words})\s*{named}(?![\w-])|(?<![\w-]){named}\s*(?:{words})\b"
    return re.search(around, text, re.IGNORECASE) is not None


def resolve_actors(mentions: list[ActorMention]) -> list[str]:
    """Distinct actor names; "LockBit" and "LockBit 3.0" are one group, named by its longest form."""
    names: list[str] = []
    order: dict[str, int] = {}
    for m in sorted(mentions, key=lambda a: -len(a.name)):
        name = _KIND_AFTER.sub("", m.name)  # "Vexor ransomware": the group is "Vexor"
        order.setdefault(name, m.start)
        folded = name.casefold()
        if not any(n.casefold().startswith(folded) for n in names):
            names.append(name)
    return sorted(names, key=lambda n: order.get(n, 0))


_KIND_AFTER = re.compile(r"\s+(?:ransomware|gang)$", re.IGNORECASE)
