"""Counts of affected people: "1,3 million de clients", "plus d'un million", "des dizaines de milliers".

Our own grammar, so that every count keeps its qualifier and the noun of who was hit; spelled
numbers ("trois mille") are converted by text2num.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from text_to_num import text2num

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon


@dataclass(frozen=True)
class Count:
    """A number of people or records hit, as one sentence states it."""

    value: int
    qualifier: str
    who: tuple[str, ...]
    start: int
    end: int
    sentence: int
    base: bool  # a customer base ("qui compte 2 millions de clients"), not an affected count
    vague: bool = False  # "800 000 personnes": the noun does not say who they are to the victim


@dataclass(frozen=True)
class _Grammar:
    number: re.Pattern[str]
    order: tuple[re.Pattern[str], ...]
    at_least: re.Pattern[str]
    at_most: re.Pattern[str]
    approx: re.Pattern[str]
    base: re.Pattern[str]
    base_after: re.Pattern[str]  # "300 salariés au chômage partiel", "in total": after the noun
    whole_base_hit: re.Pattern[str] | None  # "the data on all of its 4 million customers": the base, all hit
    # "ses 40 magasins": the victim's own sites, counted as what it is, not as who was hit
    own_parts: re.Pattern[str] | None
    who_before: re.Pattern[str] | None  # "the tally of people affected stood at": who, before the number
    noun_gap: re.Pattern[str]
    not_people: re.Pattern[str]
    suspects_after: re.Pattern[str] | None
    agents_before: re.Pattern[str] | None
    fraction: re.Pattern[str] | None = None  # "un tiers de ses", "40 % of its": before the number
    fractions: tuple[tuple[re.Pattern[str], Fraction], ...] = ()


@cache
def _grammar(lexicon: Lexicon) -> _Grammar:
    words = "|".join(sorted(lexicon.value("numbers", "words"), key=len, reverse=True))
    scales = "|".join(sorted(lexicon.value("numbers", "scales"), key=len, reverse=True))
    thousands, decimal = _separators(lexicon)
    number = re.compile(
        rf"(?<![\w,.])(?:(?P<digits>\d{{1,3}}(?:{thousands}\d{{3}})+(?!\d)|\d+(?:{decimal}\d+)?)"
        rf"|(?P<words>(?:(?:{words})(?:[\s-]+|(?=\s)))*(?:{words})(?!\w)))"
        rf"(?:\s*(?P<scale>{scales}|k|M)\b)?",
        re.IGNORECASE,
    )
    order = tuple(lexicon.each("numbers", "order"))

    def before(name: str) -> re.Pattern[str]:
        cues = "|".join(lexicon.value("numbers", name))
        return re.compile(rf"(?:{cues})\s*$", re.IGNORECASE)

    def optional(section: str, name: str, shape: str) -> re.Pattern[str] | None:
        """A language's list as one pattern, `shape` holding its alternation as {}; None where it has none."""
        cues = lexicon.raw[section].get(name)
        return re.compile(shape.replace("{}", "|".join(cues)), re.IGNORECASE) if cues else None

    fraction = None
    fractions: tuple[tuple[re.Pattern[str], Fraction], ...] = ()
    raw = lexicon.raw["numbers"]
    if "fractions" in raw:
        shares = "|".join(raw["fractions"])
        fraction = re.compile(rf"\b(?:(?:{shares})|{raw['percent']}){raw['fraction_tail']}", re.IGNORECASE)
        fractions = tuple((re.compile(rf"^(?:{k})", re.IGNORECASE), Fraction(v)) for k, v in raw["fractions"].items())
    return _Grammar(
        fraction=fraction,
        fractions=fractions,
        number=number,
        order=order,
        at_least=before("at_least"),
        at_most=before("at_most"),
        approx=before("approx"),
        base=lexicon.pattern("who_rules", "base"),
        base_after=re.compile(rf"\s*(?:{'|'.join(lexicon.value('who_rules', 'base_after'))})", re.IGNORECASE),
        who_before=optional("who_rules", "who_before", r"(?:{})\s*$"),
        own_parts=optional("who_rules", "own_parts", r"\b(?:{})\b"),
        whole_base_hit=optional("who_rules", "whole_base_hit", r"(?:{})\s*$"),
        noun_gap=re.compile(
            lexicon.raw["numbers"].get(
                "noun_gap", r"\s*(?:de |d'|d’)?\s*(?:ses |leurs |nos |vos |des |les |personnes |of |their |its )?"
            ),
            re.IGNORECASE,
        ),
        suspects_after=optional("numbers", "suspects_after", r"\s+(?:{})"),
        agents_before=optional("numbers", "agents_before", r"(?:{})\s+(?:\w+\s+){0,2}$"),
        not_people=re.compile(
            r"^\s*(?:%|pour ?cent|percent|(?:de |d'|of )?(?:euros?|dollars?|livres?|francs?|pounds)\b|€|\$|£|ans?\b|mois\b|jours?\b|"
            r"heures?\b|h\b|minutes?|secondes?|Go\b|To\b|Mo\b|Ko\b|GB\b|TB\b|MB\b|gigaoctets|t[ée]raoctets|gigas?\b|t[ée]ras?\b|"
            r"gigabytes|terabytes|megabytes|"
            r"fois\b|years?\b|months?\b|days?\b|hours?\b|times\b|pages?\b|km\b|m²|"
            r"(?:lawsuits?|suits|class[- ]actions?)\b)",
            re.IGNORECASE,
        ),
    )


def _separators(lexicon: Lexicon) -> tuple[str, str]:
    """Thousands and decimal separators: "1 300 000" and "1,3" in French, "1,300,000" and "1.3" in English."""
    numbers = lexicon.raw["numbers"]
    return numbers.get("thousands_sep", "[ .]"), numbers.get("decimal_sep", "[,.]")


def _value(match: re.Match[str], lexicon: Lexicon) -> tuple[float, bool] | None:
    """The number a match stands for, and whether it is a rounded figure."""
    scales: dict[str, int] = lexicon.value("numbers", "scales")
    scale_word = (match.group("scale") or "").lower()
    scale = {"k": 1000, "m": 1_000_000}.get(scale_word) or scales.get(scale_word, 1)
    if match.group("digits"):
        digits = match.group("digits")
        thousands, decimal = _separators(lexicon)
        if re.fullmatch(rf"\d{{1,3}}(?:{thousands}\d{{3}})+", digits):
            value = float(re.sub(thousands, "", digits))
        else:
            value = float(re.sub(decimal, ".", digits))
        rounded = scale > 1 and scale_word not in lexicon.raw["numbers"].get("exact_scales", ["mille"])
        return value * scale, rounded or value != int(value)
    spelled = match.group("words").strip().lower()
    if spelled in ("et", "and"):
        return None
    try:
        value = float(text2num(spelled, lexicon.lang))
    except ValueError:
        return None
    return value * scale, scale >= 1_000_000


_MONEY_BEFORE = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|CHF|CAD|AUD))\s*$")
_POSSESSIVE_BEFORE = re.compile(r"\b(?:ses|leurs|its|their|all|tous ses|toutes ses)\s+$", re.IGNORECASE)
_OF_THE_GROUP = re.compile(r"\s+(?:du groupe|de l.enseigne|de la cha[îi]ne|of the (?:group|company|chain))\b", re.IGNORECASE)
_NUMBERED_BEFORE = re.compile(
    r"\b(?:loi|article|d[ée]cret|directive|bill|section|chapitre|chapter|num[ée]ro|number|no\.|n°|niveau|level|phase|"
    r"cat[ée]gorie|category|version|tome|rang|rank)\s*$",
    re.IGNORECASE,
)
_ANAPHORIC = re.compile(r"\b(?:les|ces|the|these|both)\s+$", re.IGNORECASE)
_VERSION_OR_NAME = re.compile(r"[A-Z][\w$-]*\s$")
# "800 000 personnes", "33 millions de Français": the noun does not say who they are to the victim
_VAGUE_PEOPLE = {"personnes", "personne", "victimes", "people", "persons", "individuals", "individus", "victims"} | {
    "français", "belges", "suisses", "canadiens", "québécois", "americans", "britons", "canadians", "australians"
}


def _who_before(before: str, lexicon: Lexicon, pattern: re.Pattern[str]) -> tuple[str, ...]:
    """ "The tally of people affected stood at 8,000": the people named before the number."""
    m = pattern.search(before)
    if m is None:
        return ()
    found = lexicon.words("who").find(m.group("who"))
    if not found:
        return ()
    return ("_vague",) if found[0].text.lower() in _VAGUE_PEOPLE else (found[0].id,)


def _who_after(text: str, lexicon: Lexicon, grammar: _Grammar) -> tuple[tuple[str, ...], int]:
    """The WHO ids named right after a number, and where that noun ends."""
    who = lexicon.words("who")
    gap = grammar.noun_gap.match(text)
    position = gap.end() if gap else 0
    found = [h for h in who.find(text[position : position + 40]) if h.start <= 14]
    if not found and position:
        # "85 000 personnes sont concernées": the gap word is the noun itself
        position = 0
        found = [h for h in who.find(text[:40]) if h.start <= 14]
    if not found:
        return (), 0
    first = found[0]
    end = position + first.end
    if grammar.suspects_after and grammar.suspects_after.match(text, end):
        return (), 0  # "trois personnes soupçonnées d'être liées au groupe": the attackers
    ids = [first.id]
    if first.text.lower() in _VAGUE_PEOPLE:
        ids = ["_vague"]
    if first.text.lower() in ACCOUNT_NOUNS:
        # "4 300 comptes d'abonnés", "accounts of customers": whose accounts they are
        owner = re.match(r"\s*(?:(?:de |d'|d’|des |of |belonging to )(?:ses |leurs |its |their )?)?", text[end:])
        rest = end + (owner.end() if owner else 0)
        people = [h for h in who.find(text[rest : rest + 30]) if h.start <= 1 and h.text.lower() not in ACCOUNT_NOUNS]
        if people:
            ids = [people[0].id]
            end = rest + people[0].end
        else:
            ids = ["_vague"]  # "27 millions de comptes": whose they are comes from the rest of the article
    # "33 000 étudiants et personnels", "patients and staff": every group the number covers
    for _ in range(3):
        joiner = _AND_PEOPLE.match(text, end)
        if joiner is None:
            break
        more = [h for h in who.find(text[joiner.end() : joiner.end() + 30]) if h.start == 0]
        if not more or more[0].text.lower() in _VAGUE_PEOPLE:
            break
        if more[0].id not in ids:
            ids.append(more[0].id)
        end = joiner.end() + more[0].end
    if first.id == "records":
        # "des informations liées à des clients": the record noun says whose records they are.
        about = re.match(lexicon.value("who_rules", "record_about"), text[end:], re.IGNORECASE)
        if about:
            people = [
                h
                for h in who.find(text[end + about.end() : end + about.end() + 30])
                if h.start == 0 and h.id != "records"
            ]
            if people:
                ids = [people[0].id]
                end += about.end() + people[0].end
    return tuple(ids), end


ACCOUNT_NOUNS = {"compte", "comptes", "account", "accounts"}
_AND_PEOPLE = re.compile(
    r"\s*(?:,|et|ainsi que|and|as well as|&)\s+(?:de |des |ses |leurs |les |d'anciens |their |its |the |former )?",
    re.IGNORECASE,
)


def find_counts(sentence: Sentence, lexicon: Lexicon) -> list[Count]:
    """Every "number + who" of a sentence, with its qualifier."""
    grammar = _grammar(lexicon)
    text = sentence.text
    counts: list[Count] = []
    taken: list[tuple[int, int]] = []
    order_matches = sorted((m for p in grammar.order for m in p.finditer(text)), key=lambda m: (m.start(), -m.end()))
    for match in order_matches:
        if any(s <= match.start() < e for s, e in taken):
            continue
        who, noun_end = _who_after(text[match.end() :], lexicon, grammar)
        if not who:
            continue
        unit = (match.groupdict().get("unit") or "").lower()
        scale = (match.groupdict().get("scale") or "").lower()
        scales: dict[str, int] = lexicon.value("numbers", "scales")
        value = scales.get(unit, 1) * scales.get(scale, 1) if scale else 0
        if not value:
            continue
        # "une centaine" is a rounded count; "des centaines" an order of magnitude.
        rounded_order = lexicon.raw["numbers"].get("rounded_order", r"(?:une|la|a|an|about)\b")
        qualifier = "approx" if re.match(rounded_order, match.group(0), re.I) else "order"
        end = match.end() + noun_end
        figure = _figure_after(text, end, value, grammar, lexicon)
        if figure is not None:
            # "des dizaines de milliers de dossiers, 64 000 environ": the figure the order leads to
            value, qualifier, end = figure
        counts.append(_count(sentence, match.start(), end, value, qualifier, who, grammar))
        taken.append((match.start(), end))
    for match in grammar.number.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        rest = text[match.end() :]
        if grammar.not_people.match(rest) or _looks_like_year_or_date(match, text):
            continue
        if _MONEY_BEFORE.search(text, 0, match.start()):
            continue  # "a $5 million ransom for customer data": a sum, not people
        if _NUMBERED_BEFORE.search(text, 0, match.start()):
            continue  # "la loi 12", "le numéro trois du secteur": a number that names or ranks, no count
        digits = match.group("digits") or ""
        if (
            _VERSION_OR_NAME.search(text[: match.start()])
            and not match.group("scale")
            and (re.fullmatch(r"\d+\.\d+", digits) or (digits.isdigit() and int(digits) < 100))
        ):
            continue  # "LockBit 3.0", "Windows 10": part of a name
        parsed = _value(match, lexicon)
        if parsed is None or parsed[0] < 2:
            continue
        who, noun_end = _who_after(rest, lexicon, grammar)
        if not who and grammar.who_before:
            who = _who_before(text[: match.start()], lexicon, grammar.who_before)
        if not who or (who == ("records",) and parsed[0] < 100):
            continue
        amount, rounded = parsed
        before = text[: match.start()]
        if amount < 10 and _ANAPHORIC.search(before):
            continue  # "les deux entreprises", "the two companies": those already named, not a count
        if grammar.agents_before and grammar.agents_before.search(before):
            continue  # "victime de deux de ses salariés": those who did it
        share = _share(before, grammar)
        if share is not None:
            # "environ un tiers de ses 600 000 clients": the share is the count, not the base
            start = match.start() - len(share[1])
            value = round(Fraction(amount) * share[0])
            counts.append(_count(sentence, start, match.end() + noun_end, value, "approx", who, grammar, base=False))
            taken.append((start, match.end() + noun_end))
            continue
        if grammar.at_least.search(before):
            qualifier = "at_least"
        elif grammar.at_most.search(before):
            qualifier = "at_most"
        elif grammar.approx.search(before) or rounded:
            qualifier = "approx"
        else:
            qualifier = "exact"
        counts.append(_count(sentence, match.start(), match.end() + noun_end, int(amount), qualifier, who, grammar))
        taken.append((match.start(), match.end() + noun_end))
    return sorted(counts, key=lambda c: c.start)


_FIGURE_LEAD = re.compile(r"\s*(?:,|\(|–|—)\s*(?:soit\s+)?", re.IGNORECASE)


@cache
def _hedges(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A hedge before a figure ("about 4,200"), and one after it up to the stop ("800 000 environ.")."""
    words = "|".join(lexicon.value("numbers", "approx"))
    return (
        re.compile(rf"(?:{words})\s+", re.IGNORECASE),
        re.compile(rf"\s*(?:(?P<hedge>{words})\b)?\s*[),.;]", re.IGNORECASE),
    )


def _figure_after(text: str, at: int, order: int, grammar: _Grammar, lexicon: Lexicon) -> tuple[int, str, int] | None:
    """The figure given right after an order of magnitude, set off by a comma or brackets, within its
    range ("des dizaines de milliers de dossiers, 64 000 environ", "thousands of users (4,200)"):
    its value, qualifier and end."""
    lead = _FIGURE_LEAD.match(text, at)
    if lead is None:
        return None
    hedge_first, hedge_after = _hedges(lexicon)
    number = grammar.number.match(text, lead.end())
    hedge = None
    if number is None:
        # "(about 4,200)", ", près de 64 000": the hedge comes first
        hedge = hedge_first.match(text, lead.end())
        number = grammar.number.match(text, hedge.end()) if hedge else None
    parsed = _value(number, lexicon) if number else None
    if number is None or parsed is None or not order <= parsed[0] < order * 1000:
        return None
    end = hedge_after.match(text, number.end())
    if end is None:
        return None
    approx = hedge is not None or end.group("hedge") is not None or parsed[1]
    return int(parsed[0]), "approx" if approx else "exact", end.end() - 1


def _share(before: str, grammar: _Grammar) -> tuple[Fraction, str] | None:
    """The fraction said of the number that follows ("un tiers de ses"), and its words."""
    m = grammar.fraction.search(before) if grammar.fraction else None
    if m is None:
        return None
    words = before[m.start() :]
    if m.group("pct"):
        return Fraction(m.group("pct").replace(",", ".")) / 100, words
    for pattern, value in grammar.fractions:
        if pattern.match(words):
            return value, words
    return None


_OPEN_BRACKET = re.compile(r"\(\s*(?:\w+\s+){0,2}$")
_BRACKETED_SIZES = {"citizens", "employees", "students"}
_COMPOUND_SIZE = re.compile(r"[\d.,]+-[a-z]+")
_A_WORD_NEXT = re.compile(r" (?!(?:was|were|is|are|had|has|have)\b)[a-z]")
# A count just after another one and its noun, joined by "et", "and" or a comma
_AFTER_ANOTHER_COUNT = re.compile(r"\d[\d\s.,\u00a0\u202f]*\s+(?:[\w'’-]+\s+){1,3}?(?:et|and|ainsi que|,)\s+(?:\w+\s+)?$")


def _count(
    sentence: Sentence,
    start: int,
    end: int,
    value: int,
    qualifier: str,
    who: tuple[str, ...],
    grammar: _Grammar,
    *,
    base: bool | None = None,
) -> Count:
    window = sentence.text[max(0, start - 45) : start]
    after = sentence.text[end : end + 60]
    if base is None:
        base = bool(grammar.base.search(window)) or bool(grammar.base_after.match(after))
        listed = _AFTER_ANOTHER_COUNT.search(window)
        if not base and listed:
            # "compte 800 000 abonnés mobiles et 90 000 abonnés fixes": the second of a size is one too
            earlier = start - len(window) + listed.start()
            base = bool(grammar.base.search(sentence.text[max(0, earlier - 45) : earlier]))
        # "the 48,000-student district": a figure joined to its noun describes what follows
        base = base or bool(_COMPOUND_SIZE.fullmatch(sentence.text, start, end) and _A_WORD_NEXT.match(after))
        # "la mairie de Valcourt (9 400 habitants)": a town's people or a body's staff in brackets is its size
        base = base or bool(_OPEN_BRACKET.search(window) and after.startswith(")") and set(who) & _BRACKETED_SIZES)
        part = grammar.own_parts.search(sentence.text, start, end) if grammar.own_parts else None
        base = base or bool(part and (_POSSESSIVE_BEFORE.search(window) or _OF_THE_GROUP.match(sentence.text, end)))
        if base and grammar.whole_base_hit and grammar.whole_base_hit.search(window):
            base = False  # the data of every customer it has was taken: its whole base is the count
    vague = who == ("_vague",)
    who = ("users",) if vague else who
    return Count(value, qualifier, who, sentence.start + start, sentence.start + end, sentence.index, base, vague)


def _looks_like_year_or_date(match: re.Match[str], text: str) -> bool:
    digits = match.group("digits") or ""
    if match.group("scale"):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", digits):
        return True
    after = text[match.end() : match.end() + 12].lower()
    return bool(digits) and bool(
        re.match(
            r"\s*(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t?|sept(?:embre)?|"
            r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
            r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
            after,
        )
    )
