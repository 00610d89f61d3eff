"""Which sentences tell the main incident and which recall an earlier or another one.

A sentence recalls another incident when it says so in the past ("avait déjà reconnu une
intrusion", "l'année dernière", "une faille similaire"); the sentences right after it that go on
in the same tense ("Elle avait saturé ...") belong to the same recalled incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from fuites.extract.text import Sentence
from fuites.extract.victim import (
    Candidate,
    bare_role_opening,
    key_of,
    mentions_in,
    role_word_pattern,
    said_hit_in,
)
from fuites.vocab import Lexicon


@dataclass
class Thread:
    """The sentences of one incident, and its victim."""

    victim: Candidate | None
    sentences: list[Sentence] = field(default_factory=list)
    primary: bool = False
    supplier: bool = False  # the provider through which the main incident happened
    # "X et Y sont également touchés": hit in the same wave as the main incident, by the same attackers
    alongside: bool = False


# The most victims one sentence recalls: past them it lists examples ("des sites comme A, B, C, D ou E").
_MOST_NAMED = 4


def recalls_other_incident(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence may tell another incident than the article's (past perfect, earlier markers)."""
    return (
        bool(lexicon.pattern("related", "past").search(_unreported(sentence.text, lexicon)))
        or recalls_earlier(sentence, lexicon)
        or recalls_others(sentence, lexicon)
        or by_the_same_attackers(sentence, lexicon)
    )


def _unreported(text: str, lexicon: Lexicon) -> str:
    """The sentence without its reported speech's tense shift: "confirmed it had been hit" tells the
    article's incident in the past perfect because of "confirmed", not an earlier one."""
    if "reported" not in lexicon.raw["related"]:
        return text
    return lexicon.pattern("related", "reported").sub(lambda m: " " * len(m.group(0)), text)


def recalls_others(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence says other organisations were hit too ("n'est pas la seule visée")."""
    return recalls_alongside(sentence, lexicon) or _says(sentence, lexicon, "others")


def recalls_alongside(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence says others were hit in the same wave, by the same attackers ("sont également touchés")."""
    return _says(sentence, lexicon, "alongside")


def by_the_same_attackers(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence tells the attackers' earlier victims ("il a déjà attaqué X", "en s'attaquant à X")."""
    return _says(sentence, lexicon, "same_attackers")


def _says(sentence: Sentence, lexicon: Lexicon, cues: str) -> bool:
    """A cue of the language's `[related]` list `cues` is in the sentence; a language without the list has none."""
    return cues in lexicon.raw["related"] and bool(lexicon.pattern("related", cues).search(sentence.text))


def recalls_earlier(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence says outright that it tells an earlier or another incident."""
    if "earlier" not in lexicon.raw["related"]:
        return bool(lexicon.pattern("related", "past").search(_unreported(sentence.text, lexicon)))
    return bool(lexicon.pattern("related", "earlier").search(sentence.text))


def recalled_sentences(sentences: list[Sentence], lexicon: Lexicon) -> set[int]:
    """Indexes of the sentences that tell an earlier or another incident, and of those that go straight
    on with one ("Back in 2003, X was hacked. In that instance, ...")."""
    recalled = {s.index for s in sentences if recalls_earlier(s, lexicon) or recalls_others(s, lexicon)}
    continues = lexicon.pattern("related", "continues")
    return recalled | {s.index for s in sentences if s.index - 1 in recalled and continues.search(s.text)}


def route(
    sentences: list[Sentence],
    candidates: list[Candidate],
    primary: Candidate | None,
    lexicon: Lexicon,
    title_index: int | None = None,
) -> list[Thread]:
    """Split the article's sentences into the primary thread and recalled incidents' threads."""
    main = Thread(primary, primary=True)
    others: dict[str, Thread] = {}
    continues = lexicon.pattern("related", "continues")
    current: list[Thread] = []
    told_with_main = False
    sections = digest_sections(sentences, candidates, primary, title_index)
    for sentence in sentences:
        if sections and sentence.index == title_index:
            continue  # a digest's headline lists its incidents: it tells none of them
        if sentence.index in sections:
            owner = sections[sentence.index]
            if owner is not None:  # else the story of a victim not found: no thread is told by it
                others.setdefault(_key(owner), Thread(owner)).sentences.append(sentence)
            continue
        recalls = recalls_other_incident(sentence, lexicon)
        elsewhere = None if recalls else _hit_elsewhere(sentence, candidates, primary, lexicon)
        if elsewhere is not None:
            # "En début de semaine, le centre hospitalier de X a été touché": another organisation's incident,
            # told in a sentence of its own
            current = [others.setdefault(_key(elsewhere), Thread(elsewhere))]
            current[0].sentences.append(sentence)
            told_with_main = False
            continue
        if recalls:
            victims = [
                c
                for c in candidates
                if c is not primary and mentions_in(c, sentence) and c.score > 0 and _named_as_victim(c, sentence)
                and not _inside_another(c, candidates, sentence)
                and not _rubric_of(c, sentence)
                and not c.as_parent  # "d'autres enseignes du groupe X, comme Y": the group owns those hit
                # "la Ville de Valmoret" recalling others is the main victim named in full
                and not (primary is not None and _named_in_full(c, primary))
            ]
            if not victims and current:
                for thread in current:  # "Elle avait saturé ...": the recalled incident goes on
                    thread.sentences.append(sentence)
                continue
            same_attackers = by_the_same_attackers(sentence, lexicon)
            if not victims:
                # "plusieurs autres fédérations ont été victimes d'attaques similaires": others, unnamed
                # nor one of another organisation the sentence names, not found a victim ("En France Radiomax a déjà ...")
                named_other = any(c is not primary and mentions_in(c, sentence) for c in candidates)
                if (
                    primary is None
                    or not recalls_earlier(sentence, lexicon)
                    or recalls_others(sentence, lexicon)
                    or (named_other and not mentions_in(primary, sentence))
                    or same_attackers  # the attackers' other victims, not found
                    # "Les mairies voisines avaient été touchées ...": others, a plural subject of their own
                    or (_PLURAL_SUBJECT.match(sentence.text) and not mentions_in(primary, sentence))
                ):
                    current = []
                    main.sentences.append(sentence)  # background of the main incident
                    continue
                victims = [primary]
            current = []
            alongside = (
                recalls_alongside(sentence, lexicon) and not recalls_earlier(sentence, lexicon)
            ) or same_attackers
            for victim in victims[:_MOST_NAMED]:
                thread = others.setdefault(_key(victim), Thread(victim))
                thread.sentences.append(sentence)
                thread.alongside = thread.alongside or alongside
                current.append(thread)
            told_with_main = primary is not None and mentions_in(primary, sentence)
            if primary is not None and primary not in victims and told_with_main:
                main.sentences.append(sentence)
            continue
        goes_on = continues.search(sentence.text) or (
            # "X est une autre victime. L'entreprise admet que ...": its own sentence, told apart from the main
            # incident's, goes on about it in the same paragraph
            len(current) == 1
            and not told_with_main
            and sentence.paragraph == current[0].sentences[-1].paragraph
            and _opens_with_anaphor(lexicon).match(sentence.text)
            and not any(mentions_in(c, sentence) for c in candidates if c is not current[0].victim)
        )
        if current and goes_on and not (primary and mentions_in(primary, sentence)):
            for thread in current:
                thread.sentences.append(sentence)
            continue
        current = []
        main.sentences.append(sentence)
        for victim in _hit_beside(sentence, candidates, primary, lexicon) or _listed_hit(sentence, candidates, primary, lexicon):
            # "Kobara et Talvane ont été victimes": the other one hit in the same wave
            thread = others.setdefault(_key(victim), Thread(victim))
            thread.sentences.append(sentence)
            thread.alongside = True
    return [main, *others.values()]


def _others_hit(sentence: Sentence, candidates: list[Candidate], primary: Candidate, lexicon: Lexicon) -> list[Candidate]:
    """The organisations other than the main victim that the sentence says were hit, neither the provider
    nor the owner of the one hit, nor a name inside another."""
    return [
        c
        for c in candidates
        if c is not primary and c.score > 0 and not c.as_supplier and not c.as_parent
        and mentions_in(c, sentence) and said_hit_in(c, sentence, lexicon)
        and not _inside_another(c, candidates, sentence) and not _same_name(c, primary)
    ]


def _hit_elsewhere(
    sentence: Sentence, candidates: list[Candidate], primary: Candidate | None, lexicon: Lexicon
) -> Candidate | None:
    """The one other organisation a sentence that does not name the main victim says was hit."""
    if primary is None or not lexicon.pattern("reports", "breach").search(sentence.text):
        return None
    if mentions_in(primary, sentence) or any(sentence.start <= a < sentence.end for a, _ in primary.anaphora):
        return None  # "L'enseigne a informé ses clients": the main victim, named by its role
    hit = [
        c
        for c in _others_hit(sentence, candidates, primary, lexicon)
        # "le Département" hit, then "le Conseil départemental d'X a été victime": the same body
        if not (c.roles and role_word_pattern(lexicon).match(primary.display)) and not _stands_for(c, primary)
    ]
    return hit[0] if len(hit) == 1 else None


def _listed_hit(
    sentence: Sentence, candidates: list[Candidate], primary: Candidate | None, lexicon: Lexicon
) -> list[Candidate]:
    """The organisations of a list a sentence says were hit by the main incident's attack, without naming
    the main victim ("L'offensive a aussi visé les serveurs des communes de X, Y ou encore Z")."""
    if primary is None or mentions_in(primary, sentence):
        return []
    hit = _others_hit(sentence, candidates, primary, lexicon)
    return hit[:_MOST_NAMED] if len(hit) >= 2 else []


def _hit_beside(
    sentence: Sentence, candidates: list[Candidate], primary: Candidate | None, lexicon: Lexicon
) -> list[Candidate]:
    """The other organisations a sentence says were hit together with the main victim."""
    if primary is None or not said_hit_in(primary, sentence, lexicon):
        return []
    return [
        c
        for c in _others_hit(sentence, candidates, primary, lexicon)
        if not _stands_for(c, primary)
        # "X, installée dans la zone du Cormier, a été victime": a place in an aside about the main victim
        and not all(_COMPLEMENT.search(sentence.text, 0, a - sentence.start) for a, _ in c.spans if sentence.start <= a < sentence.end)
    ][:_MOST_NAMED]


_COMPLEMENT = re.compile(r"\b(?:de|du|des|d'|d’|dans|à|au|aux|en|sur|of|in|at|from|near)\s*(?:la |le |les |l'|l’|the )?$", re.IGNORECASE)


def _stands_for(word: Candidate, name: Candidate) -> bool:
    """ "le Département" for "le Conseil départemental d'X", "la Région" for "la Région Y": a body's
    one-word head noun, whose stem is in the name."""
    head = key_of(word.display)
    return " " not in head and len(head) >= 5 and head[:5] in key_of(name.display) and head != key_of(name.display)


def _same_name(one: Candidate, other: Candidate) -> bool:
    """The words of one name are among the other's: "Dax" and "Centre hospitalier de Dax", "Université de X"
    and "université X"."""
    a, b = (set(re.findall(r"\w+", c.display.casefold())) - _SMALL_WORDS for c in (one, other))
    return a <= b or b <= a


def _named_in_full(one: Candidate, other: Candidate) -> bool:
    """One name ends the other: "Ville de Valmoret" and "Valmoret"."""
    a, b = one.display.casefold(), other.display.casefold()
    return a.endswith(f" {b}") or b.endswith(f" {a}") or a == b


_SMALL_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "of", "the"})


@cache
def _opens_with_anaphor(lexicon: Lexicon) -> re.Pattern[str]:
    """A sentence whose subject is a pronoun or a role noun standing for a name told before: "Elle a ...",
    "L'entreprise admet ..."."""
    pronouns = "|".join(lexicon.value("related", "pronouns"))
    return re.compile(rf"^\W*(?:(?:{pronouns})\b|{bare_role_opening(lexicon)})", re.IGNORECASE)


_HEADING_END = re.compile(r"[.!?…»\"”]\s*$")


def digest_sections(
    sentences: list[Sentence], candidates: list[Candidate], primary: Candidate | None, title_index: int | None = None
) -> dict[int, Candidate | None]:
    """The stories of a digest, with the organisation each is about (None: one not found).

    A digest heads each story with its victim ("Acme : les données de 5 000 clients en vente"),
    the story running to the next heading, or lists them ("- Acme, an insurer, said ..."), each
    item a story. Only the stories of other organisations than the main victim are returned;
    nothing for an article of one story.
    """
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    def named_in(sentence: Sentence, before: int) -> Candidate | None:
        return next(
            (c for c in candidates if c.score >= 1 and any(sentence.start <= a < before for a, _ in c.spans)), None
        )

    headings: list[tuple[Sentence, Candidate | None]] = []
    items: list[tuple[Sentence, Candidate | None]] = []
    for sentence in sentences:
        text = sentence.text.strip()
        if sentence.index == title_index:
            continue
        if _LIST_ITEM.match(text) and sentence is by_paragraph[sentence.paragraph][0]:
            if len(text.split()) > _FEWEST_WORDS_OF_A_STORY:  # not "- Adresses postales", an entry of a list
                items.append((sentence, named_in(sentence, sentence.start + 60)))
            continue
        alone = len(by_paragraph[sentence.paragraph]) == 1
        if not alone or len(text) > 140 or _HEADING_END.search(text) or " : " not in text:
            continue
        headings.append((sentence, named_in(sentence, sentence.start + text.index(" : "))))
    owners: dict[int, Candidate | None] = {}
    if _several_others(headings, primary):
        for n, (heading, owner) in enumerate(headings):
            end = headings[n + 1][0].index if n + 1 < len(headings) else len(sentences)
            if owner is not primary:
                for sentence in sentences[heading.index : end]:
                    owners[sentence.index] = owner
    if _several_others(items, primary):
        for item, owner in items:
            if owner is not None and owner is not primary:
                for sentence in by_paragraph[item.paragraph]:
                    owners[sentence.index] = owner
    return owners


_PLURAL_SUBJECT = re.compile(r"\W*(?:Les|Des|Plusieurs|D'autres|D’autres|Other|Several|Many)\s+[a-zà-ÿ-]+[sx]\b")
_LIST_ITEM = re.compile(r"^[-–•*·]\s+\S")
_FEWEST_WORDS_OF_A_STORY = 6


def _several_others(stories: list[tuple[Sentence, Candidate | None]], primary: Candidate | None) -> bool:
    """Two organisations or more, one of them not the main victim, head the stories."""
    owned = {id(owner) for _, owner in stories if owner is not None}
    others = {id(owner) for _, owner in stories if owner is not None and owner is not primary}
    return len(owned) >= 2 and bool(others)


def _inside_another(candidate: Candidate, candidates: list[Candidate], sentence: Sentence) -> bool:
    """Every mention of the candidate in the sentence is part of a longer name: "Rennes" in "le CHU
    de Rennes"."""
    own = [(a, b) for a, b in candidate.spans if sentence.start <= a < sentence.end]
    longer = [(a, b) for c in candidates if c is not candidate for a, b in c.spans if sentence.start <= a < sentence.end]
    return bool(own) and all(any(a <= x and y <= b and (b - a) > (y - x) for a, b in longer) for x, y in own)


def _key(candidate: Candidate) -> str:
    return candidate.name.casefold()


_NOT_AS_VICTIM = re.compile(
    r"(?:selon|d'apr[èe]s|according to|cit[ée] par|à l'|au|to|\bà|\ben|\bin|\bnear|based in|install[ée]e? à|"
    # "la ville de Diest (Brabant flamand)": in brackets, the place where the one named before is
    r"\bdans (?:le |la |les |l')?|\bpr[èe]s (?:de |du |d')|\bnon loin (?:de |du |d')|\()\s*$",
    re.IGNORECASE,
)


def _rubric_of(candidate: Candidate, sentence: Sentence) -> bool:
    """ "Énergie : après l'attaque contre X, ...", "Vie locale : ...": the label that opens a
    headline before its colon, the subject's field, not an organisation the sentence recalls."""
    own = [(a - sentence.start, b - sentence.start) for a, b in candidate.spans if sentence.start <= a < sentence.end]
    return bool(own) and all(not sentence.text[:a].strip() and _RUBRIC_REST.match(sentence.text, b) for a, b in own)


_RUBRIC_REST = re.compile(r"(?:\s+[a-zà-ÿœ'’-]+){0,3}\s*:\s")


def _named_as_victim(candidate: Candidate, sentence: Sentence) -> bool:
    """Named in this sentence otherwise than as a source quoted or a place."""
    for start, _ in candidate.spans:
        if sentence.start <= start < sentence.end:
            before = sentence.text[max(0, start - sentence.start - 25) : start - sentence.start]
            if not _NOT_AS_VICTIM.search(before):
                return True
    return False


def supplier_threads(
    sentences: list[Sentence],
    candidates: list[Candidate],
    primary: Candidate | None,
    threads: list[Thread],
    lexicon: Lexicon,
) -> list[Thread]:
    """A provider whose breach the article tells as an event of its own (its systems hit, several
    of its clients affected) is a recalled incident too, besides `supplier` in the main one."""
    if "supplier_clients" not in lexicon.raw["related"]:
        return []
    several = lexicon.pattern("related", "supplier_clients")
    breach = lexicon.pattern("attack_rules", "breach_context")
    taken = {id(t.victim) for t in threads}
    found: list[Thread] = []
    for candidate in candidates:
        if candidate is primary or id(candidate) in taken or not candidate.as_supplier:
            continue
        own = [s for s in sentences if mentions_in(candidate, s)]
        if any(breach.search(s.text) for s in own) and any(several.search(s.text) for s in own):
            # Its own facts: the sentences that do not also tell the main victim's side.
            apart = [s for s in own if primary is None or not mentions_in(primary, s)]
            # "... l'éditeur a détecté l'intrusion le 5 juin": the sentence after goes on about it.
            following = [sentences[s.index + 1] for s in apart if s.index + 1 < len(sentences)]
            apart += [
                s
                for s in following
                if s not in apart
                and (primary is None or not mentions_in(primary, s))
                and not any(mentions_in(c, s) for c in candidates if c is not candidate and c.score > 1)
            ]
            apart.sort(key=lambda s: s.index)
            if apart:
                found.append(Thread(candidate, apart, supplier=True))
    return found
