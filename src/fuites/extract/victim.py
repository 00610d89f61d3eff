"""Who was breached: organisation names found by NER and by patterns, scored by the role they play.

The victim is the organisation that breach verbs are said of ("X a été victime", "chez X",
"l'opérateur X"), named most often, in the title; an outlet or firm that is only quoted
("selon Zataz", "à l'AFP"), an authority, or a threat group is not.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from fuites.extract.roles import (
    PERSON_AFTER,
    SAID_BEFORE,
    called_an_organisation,
    hit_phrases,
    malware_named,
    organisation_words,
    person_title_before,
    persons_named,
    role_names,
    used_as_organisation,
)
from fuites.extract.text import Sentence
from fuites.vocab import CueSet, Hit, Lexicon, compile_any, load_common

# One capitalised word, matched once (atomic) and of bounded length: a word that could be re-split
# at its hyphens ("A-B-C" as one, two or three words) made a failed match exponential. Digits after a digit
# and a thousands separator ("30,000", "30 000") go on a number, they start no name; nor does a quantity
# ("6-hour", "10m", "5th"): a word that starts with a digit names something only with a capital ("3M").
_WORD = r"(?<!\w)(?!(?<=\d[,.\u00a0\u202f ])\d)(?![0-9][0-9'.&+-]{0,20}[a-z][0-9a-z'&.+-]{0,40}(?!\w))(?>(?:St|Ste|Mt|Ft)\.(?= [A-Z])|[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŒ0-9][\w'&.+-]{0,80}[\w+]|[A-Z0-9]|[a-z]{1,3}[A-Z][\w'&.+-]{0,80}[\w+])"
# "Paris-Saclay le 11 octobre": a day after an article is a date, not part of the name
# "Council on Aging", "Commission on Audit": "on" joins a name only after a body's head noun
_ON_AFTER_HEAD = "|".join(
    f"(?<={head} )on(?= [A-Z][a-z]{{1,40}}\\b(?!['’]))" for head in ("Institute", "Council", "Commission", "Committee", "Center", "Centre")
)
# "Our Lady of Mercy Hospital", "Department of the Treasury": "of the" joins a name after a body's head noun
_OF_THE_AFTER_HEAD = "|".join(
    f"(?<={head} )of the"
    for head in ("Lady", "University", "College", "Institute", "Academy", "Museum", "Church", "Bank", "Department", "Ministry")
)
_NAME_MORE = (
    rf"(?:\s++|\s*+-\s*+)(?:(?:{_OF_THE_AFTER_HEAD}|de|du|des|d'|la|le|les|l'|et|&|of|the|and|pour|for|van|von|voor|der|den"
    rf"|di|del|{_ON_AFTER_HEAD})\s++(?!\d{{1,2}}\b))?{_WORD}"
)
_NAME = rf"{_WORD}(?:{_NAME_MORE})*"
_ALL_CAPS = r"[A-Z]{2,}\b"
_INSIDE_A_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]{1,40}\s$")
# "eBay", "iCloud", "boAt": a brand whose capital comes after a short lower-case start
_BRAND = re.compile(r"[a-z]{1,3}[A-Z]")
# Before a verb the name is tried from each of its words: at most 30 words, so that a long run of
# capitalised words costs linear time, not quadratic.
_NAME_BEFORE = rf"{_WORD}(?:{_NAME_MORE}){{0,30}}"
# A trade noun followed by a name: the trade of that other organisation ("le quotidien « NZZ »")
_NAMES_ANOTHER = re.compile(r"\s+(?:[a-zà-ÿ-]+\s+)?[«\"“]?\s*[A-ZÀ-Ý]")
# "L'Ehpad Les Tilleuls à Brévol a été victime": the town after a name, between it and its verb
_PLACE_OF_A_SUBJECT = r"(?-i:(?:à|in) [A-ZÀ-Ý][\w'-]+(?:[ -](?:sur|sous|en|lès|les|la|le|[A-ZÀ-Ý][\w'-]*)){0,4})"
# "Un Ehpad du Calvados", "une mairie du Var": an indefinite article before a body's role noun
_INDEFINITE_BEFORE = re.compile(r"\b(?:[Uu]ne?|[Pp]lusieurs)\s+$")
_PREPOSITIONS = frozenset({"de", "du", "des", "dans", "sans", "pour", "of", "in", "for"})


# A capitalised phrase, then a preposition and an article before a capital: "Coup dur pour le Centre X".
# At least two words: "Fondation pour la Recherche X", "Ligue contre le Cancer" are names.
_PHRASE_BEFORE_NAME = re.compile(
    r"([A-ZÀ-Ý][a-zà-ÿ]+(?: [a-zà-ÿ]+){1,3}) (?:pour|chez|contre|avec|after|for|at) (?:le |la |les |l'|the )?(?=[A-ZÀ-Ý])"
)


_PLACE_OF_BASE = re.compile(r"(?:,\s*[A-Z][A-Za-z]{1,12}\.?)?-based\b")
_PLACE_FIRST = re.compile(r"(\S+)\s+(?=\S)")
_IN_BEFORE = re.compile(r"(?:^|\W)(?:[Ee]n|[Aa]u|[Ii]n)\s$")


def _common_phrase(text: str) -> bool:
    """Words in lower case joined by a preposition after a capital: "Coup de filet", "Fin de partie"."""
    first, *rest = text.replace("d'", "de ").split()
    return bool(rest) and first[1:].islower() and all(w.islower() for w in rest) and bool(_PREPOSITIONS & set(rest))


_FILE_NAME = re.compile(r"\.(?:zip|rar|7z|exe|dll|docx?|xlsx?|pptx?|pdf|js|jar|apk|bat|ps1|vbs|scr|lnk|iso|txt|csv|sql)$", re.I)


# What each mention as a quoted source takes off a name never said to be hit.
SOURCE_PENALTY = 2.0


@dataclass
class Candidate:
    """An organisation name and the evidence for and against it being the victim."""

    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    score: float = 0.0
    as_source: int = 0
    as_finder: int = 0  # "found by X": who found the flaw or the exposed data
    as_parent: int = 0  # "une filiale du groupe X": the group that owns the one hit
    as_victim: int = 0
    as_hit: int = 0  # breach verbs said of it, not words it speaks
    as_next: int = 0  # "c'est au tour de X": the one hit after those the sentence recalls
    roles: Counter[str] = field(default_factory=Counter)
    as_supplier: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    anaphora: list[tuple[int, int]] = field(default_factory=list)
    body_form: str | None = None  # "Dunmore Council" beside "Dunmore": the form that names the body

    def absorb(self, short: Candidate) -> None:
        """Take in the mentions and evidence of `short`, another form of this name (its forms are the caller's)."""
        # A form only quoted as a source lost points that the name, said to be hit under its other form, keeps.
        refund = sum(SOURCE_PENALTY * c.as_source for c in (self, short) if c.as_source and not c.as_victim)
        if self.as_victim or short.as_victim:
            self.score += refund
        self.spans.extend(short.spans)
        self.sentences |= short.sentences
        self.roles.update(short.roles)
        self.labels.update(short.labels)
        self.score += short.score
        self.as_victim += short.as_victim
        self.as_hit += short.as_hit
        self.as_source += short.as_source
        self.as_finder += short.as_finder
        self.as_parent += short.as_parent

    @property
    def display(self) -> str:
        # The form that names the body, else the one the article uses most; on a tie, the shortest.
        return self.body_form or min(self.forms.items(), key=lambda kv: (-kv[1], len(kv[0])))[0]


def key_of(name: str) -> str:
    """A name folded for comparison: accents, case, punctuation and legal suffixes removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\bthe\b", " ", text)
    bare = re.sub(r"\b(?:sa|sas|sarl|inc|ltd|limited|llc|plc|corp|gmbh|ag|bv|nv|pty|group|groupe)\b", " ", text)
    text = bare if re.search(r"[a-z0-9]", bare) else text  # "Groupe", "AG": a name that is all suffix keeps it
    # "Acme Medical Centers" and "Acme Medical Center": one body, its head noun in either number
    text = re.sub(r"\b(center|centre|service|system|school|hospital|clinic)s\b", r"\1", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class _Patterns:
    role_name: re.Pattern[str]
    object_name: re.Pattern[str]
    subject_name: re.Pattern[str]
    supplier_before: re.Pattern[str]
    place: re.Pattern[str]
    subject_after: re.Pattern[str]
    hit_after: re.Pattern[str]
    object_before: re.Pattern[str]
    breach_after: re.Pattern[str]
    source_before: re.Pattern[str]
    finder_before: re.Pattern[str]
    executive_before: re.Pattern[str]
    vendor_before: re.Pattern[str]
    finder_after: re.Pattern[str]
    name: re.Pattern[str]
    excluded: frozenset[str]
    outlets: frozenset[str]
    excluded_patterns: re.Pattern[str]
    never: frozenset[str]  # malware, threat groups, products
    quoted: frozenset[str]  # security vendors and agencies: the victim only when hit
    agency_shape: re.Pattern[str]  # "District Court": an agency known by the shape of its name
    law: re.Pattern[str]  # "the Data Protection Act": a law, never a body
    vendors: frozenset[str]
    places: frozenset[str]  # countries and regions named as places
    long_places: re.Pattern[str]  # "Pays de la Loire": places whose names hold lower-case words
    country_name: re.Pattern[str]  # a whole name that is a country, a state or a city of `[country]`
    state_after: re.Pattern[str]  # "Hollywood, Calif.,": a town, with the state or country it lies in
    data_label_after: re.Pattern[str]  # "Social Security numbers": the name labels a kind of data
    role_after: re.Pattern[str]  # "Florida practice": a role noun in lower case right after a name
    after_another: re.Pattern[str]
    turn_of: re.Pattern[str]
    turn_after: re.Pattern[str]
    recalled_name: re.Pattern[str]
    more_names: re.Pattern[str]
    source_after: re.Pattern[str]
    market_after: re.Pattern[str]
    others_before: re.Pattern[str]
    based_after: re.Pattern[str]
    headline_head: re.Pattern[str]  # "X : ...", "X piraté : ...": the name a headline opens on
    name_adjective: re.Pattern[str]
    supplier_after: re.Pattern[str]
    example_before: re.Pattern[str]
    speech_after: re.Pattern[str]
    locative: re.Pattern[str]
    some_place_before: re.Pattern[str]  # "une commune du": the name after it is where that body lies
    identifier_before: re.Pattern[str]
    own_before: re.Pattern[str]
    phrase_words: re.Pattern[str]
    parent_before: re.Pattern[str]
    fronted_hit: re.Pattern[str]
    hit_later: re.Pattern[str]
    place_before: re.Pattern[str]
    leading_article: re.Pattern[str]
    trailing: re.Pattern[str]
    not_a_name: re.Pattern[str]
    and_word: re.Pattern[str]
    pair: re.Pattern[str]
    plural_verb: re.Pattern[str]
    conjunction: re.Pattern[str]
    plural_noun_after: re.Pattern[str]
    lowercase_rest: re.Pattern[str] | None
    second_body: re.Pattern[str]
    region_after: re.Pattern[str] | None
    portfolio_tail: re.Pattern[str]
    article_of_a_kind: re.Pattern[str]
    hit_before_places: re.Pattern[str]  # "a touché les sites des villes de": the towns named after it were hit
    generic_kind: re.Pattern[str]  # "PME", "Ehpad": a kind of body, never a name
    role_kinds: dict[str, tuple[str, ...]]  # a name's ending -> the role nouns that stand for it


def _words(lexicon: Lexicon, name: str) -> str:
    """A `[victim]` list as one alternation; an empty one, a cue the language lacks, matches nothing."""
    return "|".join(lexicon.value("victim", name)) or "(?!)"


def _spaced(lexicon: Lexicon, name: str) -> str:
    """A `[victim]` list of words before a name as one alternation, each word with the space after it
    but an elided one ("l'"), which joins the name."""
    return "|".join(w if w.endswith("'") else f"{w} " for w in lexicon.value("victim", name)) or "(?!)"


@cache
def _patterns(lexicon: Lexicon) -> _Patterns:
    # "le lycée X" is also "au lycée X", "du lycée X" once the article merges with the preposition
    roles = "|".join(re.sub(r"^le ", "(?:le|au|du) ", r) for r in lexicon.value("victim", "roles"))
    places = "|".join(lexicon.value("victim", "place_roles"))
    common = load_common()
    nationality = "|".join(lexicon.country_terms())
    adjectives = "|".join(t for t in lexicon.country_terms() if " " not in t and t[:1].islower()) or "(?!)"
    subject_of = "|".join(hit_phrases(lexicon) + lexicon.value("victim", "subject_said"))
    turn = _words(lexicon, "turn_of")
    adverbs = _words(lexicon, "subject_adverbs")
    # what may part a name from the verb said of it: an aside between commas, a comma before
    # "reported", a parenthesis, an adverb ("X itself was hit")
    # "X (XYZ), qui compte un million d'adhérents, a été victime": its acronym, then the aside
    between = (
        rf"(?:\s*\([^)]{{1,40}}\)(?=,)|\s+{_PLACE_OF_A_SUBJECT}(?=,))?(?:,[^,]{{0,100}},|,(?= (?:{_words(lexicon, 'comma_verbs')})))?\s*"
        rf"(?:\([^)]*\)\s*)?(?:{_PLACE_OF_A_SUBJECT}\s+)?(?:(?:{_words(lexicon, 'subject_relatives')}) )?(?:(?:{adverbs}) )?"
    )
    names = role_names()
    finder = lexicon.value("victim", "finder_cues")
    excluded_words = (
        set(common["not_victims"]["names"])
        | set(lexicon.value("dates", "months"))
        | set(lexicon.value("dates", "weekdays"))
    )
    return _Patterns(
        # Role words match in any case; the name after them must be capitalised.
        role_name=re.compile(
            # a role noun in capitals is an acronym ("APP", a news agency), not "app"
            rf"(?!{_ALL_CAPS})(?i:\b(?:{roles})(?:\s+(?:{nationality}|{_words(lexicon, 'role_qualifiers')}))?)"
            rf"(?:(?:\s+[a-zàâçéèêëîïôûùüÿœ'-]+){{0,4}}?\s+(?!(?:{nationality}|{_words(lexicon, 'role_name_stops')})(?:\s|$))"
            rf"[a-zàâçéèêëîïôûùüÿœ'-]+)?\s+(?:«\s?)?(?P<name>{_NAME})"
        ),
        object_name=re.compile(
            rf"(?i:\b(?:{'|'.join(lexicon.value('victim', 'object_of'))}))\s+(?:l'|le |la |les |the )?(?P<name>{_NAME})"
        ),
        # "La Poste avait été victime", "Mondial Relay a confirmé": a name that breach verbs are said of.
        subject_name=re.compile(
            rf"(?P<name>{_NAME_BEFORE})(?:\s?»)?\s*(?:,[^,]{{0,100}},\s*)?(?:\([^)]{{0,400}}\)\s*)?"
            rf"(?i:(?:(?:{_words(lexicon, 'subject_relatives')}) )?(?:(?:{adverbs}) )?"
            rf"(?:{subject_of}))"
        ),
        supplier_before=re.compile(
            r"(?:son|sa|ses|leur|leurs|du|de|d'un|d'une|un|une|le|la|l'|the|its|their|a) (?:[\w-]+ )?"
            # "un prestataire de la SNCF": the name after "de" is the provider's client, not the provider
            rf"(?:{_words(lexicon, 'supplier_before')})s?(?: [\w-]+){{0,3}}(?<!\bde)(?<!\bdu)(?<!\bdes)(?<!\bla)(?<!\bof)(?<!\bthe)\s*$",
            re.IGNORECASE,
        ),
        place=re.compile(
            # "le ministère malien de la Santé": a nationality may come between the role and the name
            rf"(?i:\b(?P<role>(?:{places})(?:s|x)?(?:\s+(?:{_words(lexicon, 'place_adjectives')}|{adjectives})(?=\s))?)"
            r"\s+(?:de |du |des |d'|of ))"
            rf"(?P<name>(?:(?:la |La |l'|L')(?=[A-ZÀ-Ý]))?{_NAME})"
        ),
        subject_after=re.compile(rf"^{between}(?:{subject_of})", re.IGNORECASE),
        headline_head=re.compile(
            rf"^\s*(?P<name>{_NAME})(?:\s+(?i:{_words(lexicon, 'headline_hit')}))?\s*(?::|,| -| –)"
        ),
        hit_after=re.compile(rf"^{between}(?:{'|'.join(hit_phrases(lexicon))})", re.IGNORECASE),
        object_before=re.compile(
            rf"(?:{'|'.join(lexicon.value('victim', 'object_of'))})\s*(?:the |an? |l'|le |la |les )?$", re.IGNORECASE
        ),
        breach_after=compile_any(lexicon.raw["victim"].get("breach_after", ["(?!)"])),
        source_before=re.compile(
            rf"(?:{'|'.join(lexicon.value('victim', 'source_cues') + finder)})\s*(?:le |la |l'|les |the )?$", re.IGNORECASE
        ),
        finder_before=re.compile(rf"(?:{'|'.join(finder)})\s*(?:le |la |l'|les |the )?$", re.IGNORECASE),
        executive_before=re.compile(rf"(?:{'|'.join(lexicon.value('victim', 'executives'))})\s*$", re.IGNORECASE),
        vendor_before=re.compile(
            rf"\b(?:{'|'.join(lexicon.value('victim', 'vendor_roles'))})\s*(?:the |l'|le |la )?$", re.IGNORECASE
        ),
        finder_after=re.compile(rf"^\s*(?:{'|'.join(lexicon.value('victim', 'finder_after'))})", re.IGNORECASE),
        name=re.compile(_NAME),
        excluded=frozenset(key_of(w) for w in excluded_words),
        outlets=frozenset(key_of(w) for w in common["not_victims"].get("outlets", [])),
        excluded_patterns=compile_any(common["not_victims"]["patterns"] + common["not_victims"]["laws"]),
        law=compile_any(common["not_victims"]["laws"]),
        never=frozenset(key_of(n) for n in names.malware | names.actors | names.products),
        quoted=frozenset(key_of(n) for n in names.vendors | names.agencies),
        agency_shape=compile_any(common["roles"]["agency_shapes"]),
        vendors=frozenset(key_of(n) for n in names.vendors),
        places=frozenset(key_of(n) for n in common["roles"]["places"]),
        long_places=re.compile(
            rf"(?<![\w'’-])(?:{'|'.join(re.escape(n) for n in common['roles']['places'] if ' ' in n)})(?![\w'’-])"
        ),
        country_name=re.compile(rf"(?:{nationality})$"),
        # the words a name's cleaning cut off are skipped: "Social Security" cut to "Social"
        data_label_after=re.compile(rf"(?:\s+[A-Z][\w-]*)?\s+(?:{_words(lexicon, 'data_label_after')})\b"),
        state_after=re.compile(rf",\s*(?-i:{nationality})(?:,|\s+(?-i:[a-z]))"),
        role_after=re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?-i:{_bare_role_words(lexicon)})\b"),
        # "Après le CHU de Rennes, ..., c'est la clinique X qui a été touchée": the first is an earlier
        # incident, the one after "c'est" the article's.
        after_another=re.compile(rf"^\W*(?:{_words(lexicon, 'after_another')})\s+(?:le |la |les |l'|the )?$"),
        # "c'est au tour de la ville de Diest": the town named after its role noun
        turn_of=re.compile(
            rf"\b(?:{turn})(?:de |du |des |d'|au |aux )?(?:le |la |les |l')?(?i:(?:{places})\s+(?:de |du |d'))?$"
        ),
        turn_after=re.compile(
            rf".{{0,160}}\b(?:(?:{turn})(?:de |du |des |d'|au |aux |le |la |les |l')|(?:{_words(lexicon, 'next_victim')})\b)"
        ),
        # ", Y ou encore Z" after the first name of a list
        more_names=re.compile(rf"(?:\s*,\s*{_NAME}){{0,8}}\s*,?\s+(?:{_words(lexicon, 'list_joiners')})\s+{_NAME}"),
        # "Après Boulanger, au tour de X": the first name is that of an earlier victim, whatever NER makes of it
        recalled_name=re.compile(
            rf"^\W*(?:{_words(lexicon, 'after_another')})\s+(?:le |la |les |l'|the )?(?P<name>{_NAME})"
            rf"(?=\s*,.{{0,160}}\b(?:{turn})(?:de |du |des |d'|au |aux |le |la |les |l'))"
        ),
        source_after=re.compile(rf"^\s*(?:\)|,)?\s*(?:{_words(lexicon, 'source_after')})"),
        market_after=re.compile(
            r"^\s*,\s*(?:un|une|le|la|l'|a|an|the)\s+(?:[\w-]+\s+){0,3}?"
            rf"(?:{_words(lexicon, 'market_nouns')})s?\b[^.;]{{0,100}}?\b(?:{_words(lexicon, 'market_trade')})\b",
            re.IGNORECASE,
        ),
        others_before=re.compile(
            rf"\b(?:{_words(lexicon, 'attacker_nouns')}|{_words(lexicon, 'other_parties')})(?:\s+[\w-]+)?\s+$", re.IGNORECASE
        ),
        based_after=re.compile(rf"^(?:-| )(?:{_words(lexicon, 'based_after')})\b", re.IGNORECASE),
        name_adjective=re.compile(rf"-(?:{_words(lexicon, 'name_adjectives')})$", re.IGNORECASE),
        supplier_after=re.compile(
            r"^\s*,\s*(?:l'|le |la |son |sa |leur |the |its |their |a |an )?(?:[\w-]+ )?"
            rf"(?:{_words(lexicon, 'supplier_after')})",
            re.IGNORECASE,
        ),
        # the cue, then the names it gives, each but the last followed by a comma or a conjunction
        example_before=re.compile(
            rf"\b(?:{_words(lexicon, 'example_cues')})\s+(?:chez\s+|at\s+)?"
            r"(?:[A-ZÀ-Ý][\w'&.-]*+(?:\s++[A-ZÀ-Ý][\w'&.-]*+)*+\s*+(?:,|et|ou|and|or)\s*+(?:encore\s++)?)*$"
        ),
        speech_after=re.compile(rf"\s+(?:{_words(lexicon, 'speech_after')})\b"),
        locative=re.compile(rf"\b(?:{_words(lexicon, 'locative')})\s+$"),
        # a ministry's name follows "de" too: "des ministères de l'Enseignement supérieur et de la Santé"
        # ... and "the agency based in": the name after it is where the speaker sits
        some_place_before=re.compile(
            rf"\b(?:une?|plusieurs)\s+(?:{'|'.join(r for r in lexicon.value('victim', 'place_roles') if 'minist' not in r)})"
            rf"(?:s|x)?\s+(?:de |du |des |d'|de la |de l')$|\b(?:{'|'.join(lexicon.value('victim', 'seated_in'))})\s+(?:the |la |le |les |l')?$",
            re.IGNORECASE,
        ),
        identifier_before=re.compile(
            rf"\b(?:{_words(lexicon, 'identifier_kinds')})\s+(?:d'|d’|de\s+)?$"
            rf"|\b(?:{_words(lexicon, 'product_kinds')})\s+(?:«\s?)?$",
            re.IGNORECASE,
        ),
        own_before=re.compile(rf"\b(?:{_words(lexicon, 'own_words')})\s+$", re.IGNORECASE),
        phrase_words=re.compile(rf"\s(?:{_words(lexicon, 'phrase_words')})\s"),
        parent_before=re.compile(rf"\b(?:{_words(lexicon, 'parent_before')})\s*$", re.IGNORECASE),
        # the opening phrase, its comma, then the subject: "le Département du", "les services numériques du"
        hit_later=re.compile(rf"^[^;.]*?\b(?:{_words(lexicon, 'hit_later')})"),
        fronted_hit=re.compile(
            rf"^\W*(?:{_words(lexicon, 'fronted_hit')})\b[^,;.]{{0,100}},\s*(?:le |la |les |l'|the )?"
            r"(?:[\w-]+\s+){0,3}(?:(?:de la|de l'|de|du|des|d'|of the|of)\s*)?$"
        ),
        place_before=re.compile(rf"(?:^|\b(?:{_words(lexicon, 'place_before')}))\s*$", re.IGNORECASE),
        # Lowercase articles are not part of a name; a capitalised one may be ("L'Express", "La Poste").
        leading_article=re.compile(
            rf"^(?:{_spaced(lexicon, 'leading_articles')}"
            rf"|(?i:{_words(lexicon, 'leading_prepositions')}|{_words(lexicon, 'leading_epithets')}) )"
        ),
        # "Acme's systems": English cuts its possessive off; the French press writes "Harrow's" for the name
        trailing=re.compile(rf"(?:{_words(lexicon, 'trailing_possessive')}|\s++(?:{_words(lexicon, 'trailing_words')}))+$"),
        not_a_name=re.compile(rf"^(?:{_words(lexicon, 'not_a_name')})\b"),
        and_word=re.compile(rf" (?:{_words(lexicon, 'and_words')}) "),
        pair=re.compile(rf"(\S+(?: \S+)?) (?:{_words(lexicon, 'and_words')}) (\S+(?: \S+)?)"),
        # "X et Y ont été", "X et Y, deux sociétés de services, ont confirmé": two bodies
        plural_verb=re.compile(
            rf"\s*(?:,[^,]{{0,100}},\s*)?(?:{_words(lexicon, 'plural_verbs')})\b|\s*,\s*(?:(?:les|the) )?(?:deux|two|both)\b",
            re.IGNORECASE,
        ),
        conjunction=re.compile(rf"\s+(?:{_words(lexicon, 'and_words')}|{_words(lexicon, 'or_words')})\s+|\s*,\s*"),
        plural_noun_after=re.compile(rf"\s+(?!(?:{_words(lexicon, 'not_plural_nouns')})\b)[a-z]{{3,}}s\b"),
        lowercase_rest=_lowercase_rest(lexicon),
        region_after=(
            re.compile(rf"\s(?:{_words(lexicon, 'region_adjectives')})\b(?![\w'’-])")
            if lexicon.value("victim", "region_adjectives") else None
        ),
        second_body=re.compile(
            rf"\s+(?:{_words(lexicon, 'and_words')})\s+(?:du|de la|de l'|des|le|la|les|l'|the)?\s*"
            rf"(?:{'|'.join(lexicon.value('victim', 'body_heads'))})\b",
            re.IGNORECASE,
        ),
        portfolio_tail=_portfolio_tail(lexicon),
        hit_before_places=re.compile(rf"(?:{_words(lexicon, 'hit_before_places')})", re.IGNORECASE),
        generic_kind=re.compile(rf"(?:l'|the )?(?:{_words(lexicon, 'generic_kinds')})s?", re.IGNORECASE),
        article_of_a_kind=re.compile(
            rf"^(?:{_words(lexicon, 'kind_articles')}) (?=\S+ .*\b(?:{_words(lexicon, 'name_suffixes')})$)"
        ),
        role_kinds={kind[0]: tuple(kind[1:]) for kind in lexicon.raw["victim"].get("role_kinds", [])},
    )


def _lowercase_rest(lexicon: Lexicon) -> re.Pattern[str] | None:
    """The lower-case words that go on a name whose first word alone is capitalised ("la Ligue
    nationale contre le cancer", "l'Office national des forêts"): adjectives of such names, then at
    most three complements of one word, each maybe with an adjective."""
    heads, adjectives = lexicon.value("victim", "lowercase_name_heads"), lexicon.value("victim", "lowercase_name_words")
    if not heads:
        return None
    adjective = rf"(?:{'|'.join(adjectives)})"
    # a complement's noun may take any adjective that has an adjective's ending ("de glisse urbaine")
    endings = rf"[a-zà-ÿœ]{{1,30}}(?:{'|'.join(lexicon.value('victim', 'lowercase_name_endings'))})"
    determiners = rf"(?:{'|'.join(lexicon.value('victim', 'lowercase_name_stops'))})\b"
    noun = rf"(?!{determiners})[a-zà-ÿœ][a-zà-ÿœ-]{{1,40}}"
    complement = (
        rf"\s{{1,3}}(?:de|du|des|d'|d’|contre|pour|et|et de|et des|et du|à)\s{{0,3}}(?:la\s|le\s|les\s|l'|l’)?{noun}"
        rf"(?:\s{{1,3}}(?:{adjective}|{endings})\b)?"
    )
    return re.compile(
        rf"(?:{'|'.join(heads)})(?=\s)(?P<rest>(?:\s{{1,3}}{adjective}\b){{0,3}}(?:{complement}){{0,3}})(?![\w'’-])"
    )


def _portfolio_tail(lexicon: Lexicon) -> re.Pattern[str]:
    """At most two lower-case adjectives after a portfolio ("de la Santé publique")."""
    adjectives = lexicon.value("victim", "lowercase_name_words")
    endings = lexicon.value("victim", "lowercase_name_endings")
    if not adjectives and not endings:
        return re.compile("(?!)")
    adjective = "|".join([*adjectives, *(rf"[a-zà-ÿœ]{{1,30}}(?:{e})" for e in endings)])
    return re.compile(rf"(?:\s(?:{adjective})\b(?![\w'’-])){{1,2}}")


@cache
def _body_heads(lexicon: Lexicon) -> re.Pattern[str] | None:
    """The first words of bodies' names the press writes in lower case ("la caisse d'allocations familiales")."""
    heads = lexicon.value("victim", "body_heads")
    return re.compile("|".join(heads), re.IGNORECASE) if heads else None


def _is_place(name: str, places: CueSet, acronyms: bool = False) -> bool:
    """A name the place words cover ("Vermont", "Saudi Arabian"); an acronym among them ("NHS")
    names a body, unless `acronyms` says the words around it make it a place ("the UK's X"); "Calif"
    is "Calif.", its dot cut as the sentence's."""
    if name.isupper() and not acronyms:
        return False
    return sum(h.end - h.start for h in places.find(name if name.endswith(".") else f"{name}.")) >= len(name) - 1


def is_byline(text: str) -> bool:
    """ "Par Claire Dumont, le 22/08/2025", "By Jane Doe": the author, not the story."""
    return bool(re.match(r"(?:Par|By|Propos recueillis par|Written by|Reporting by)\s+[A-ZÉ]", text)) and len(text) < 90


def _mostly(hits: list[Hit], name: str) -> bool:
    """Cues that cover most of a name: "CNIL", "Commission nationale de l'informatique ..."."""
    return sum(h.end - h.start for h in hits) * 2 >= len(name) or any(h.start == 0 and len(name) > 30 for h in hits)


def _opens_sentence(text: str, start: int) -> bool:
    """The word at `start` opens its sentence, or the quotation that opens it: its capital says nothing."""
    return start == 0 or text[:start].strip() in _OPENERS or text[:start].rstrip().endswith(_BULLETS)


_OPENERS = ('"', "“", "«", "'", "‘", "-", "—", "(")
# A list item opens with a capital wherever the splitter left it: "...; • Enrollment records"
_BULLETS = ("•", "·", "▪", "►", "■", "●", "◦")


# A capitalised article inside a run of capitals opens a new sentence whose full stop was lost
# ("... Russia and Ukraine The Foreign Office was targeted"), unless a connector leads to it ("Bank of
# The West", "Musée de La Poste").
_ARTICLE_INSIDE = re.compile(r"(?<=\s)(?:The|Le|La|Les)\s+(?=[A-ZÀ-Ý])")
_CONNECTORS = frozenset({"de", "du", "des", "of", "and", "et", "&", "for", "pour"})


_FUNCTION_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "of", "the", "and", "for"})


def _abbreviates_common_words(name: str, before: str, bodies: re.Pattern[str] | None = None) -> bool:
    """An acronym in brackets after lower-case words it abbreviates: "point of sale (PoS)",
    "espace numérique de travail (ENT)"; not "la fédération française de voile (FFV)", a body's
    name written in lower case, whose first word is one of `bodies`."""
    if " " in name or not before.endswith("(") or sum(c.isupper() for c in name) < 2:
        return False
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ][\w]*", before[-80:].split(")")[-1])
    acronym = name.lower().replace("-", "")
    letters = "".join(w[0] for w in words).lower()
    content_words = [w for w in words if w not in _FUNCTION_WORDS]
    content = "".join(w[0] for w in content_words).lower()
    if len(name) < 2:
        return False
    if letters.endswith(acronym):
        first = words[-len(acronym)]
    elif content.endswith(acronym):
        first = content_words[-len(acronym)]
    else:
        return False
    return not (bodies and bodies.fullmatch(first))


def _common_word_acronyms(text: str, bodies: re.Pattern[str] | None = None) -> set[str]:
    """The acronyms the article introduces as short for common words: every later use of them too."""
    return {
        m.group(1)
        for m in re.finditer(r"\(([A-Za-z][\w-]{1,9})\)", text)
        if _abbreviates_common_words(m.group(1), text[: m.start() + 1], bodies)
    }


def _clean_name(name: str, patterns: _Patterns) -> str:
    for m in reversed(list(_ARTICLE_INSIDE.finditer(name))):
        before = name[: m.start()].split()
        if before and before[-1] not in _CONNECTORS:
            # "l'Ehpad Les Tilleuls": a plural article opens the name that follows ("Annie Le Gall" is a person's)
            name = name[m.start() :] if m.group(0).startswith("Les") else name[m.end() :]
            break
    name = patterns.leading_article.sub("", name.strip(" ,.;:«»\"'()-"))
    name = patterns.trailing.sub("", name)
    name = patterns.article_of_a_kind.sub("", name)
    return name.strip(" ,.;:«»\"'()-")


def _names_ending_in_s(text: str, lexicon: Lexicon) -> set[str]:
    """Names whose 's is their own ("Pembry's said", "at Pembry's."): written so, at least twice, before a
    verb or a stop, where a possessive is followed by what it owns."""
    after = lexicon.raw["victim"].get("possessive_name_after")
    if not after:
        return set()
    found = Counter(
        m.group("name")
        for m in re.finditer(rf"(?P<name>{_NAME}(?:(?<=['’]s)|['’]s))(?=\s*(?:{'|'.join(after)})(?!\w))", text)
    )
    return {name for name, n in found.items() if n >= 2}


def find_candidates(
    sentences: list[Sentence],
    entities: list[tuple[int, int, str]],
    lexicon: Lexicon,
    actors: set[str],
    title_index: int | None,
) -> list[Candidate]:
    """Organisation names of the article, scored; the best first."""
    patterns = _patterns(lexicon)
    authorities = lexicon.cues("authorities")
    data_cues = lexicon.cues("data")
    role_words = role_word_pattern(lexicon)
    # a role word with at most one adjective ("le groupe français"), not "provider in", "used by the"
    role_prefix = re.compile(
        role_words.pattern.removesuffix("$") + r"(?:\s+(?!(?:in|at|of|by|the|de|du|des|à|en)$)[a-zà-ÿ]+)?$", re.IGNORECASE
    )
    by_key: dict[str, Candidate] = {}
    actor_keys = {key_of(a) for a in actors}
    never = patterns.never | {key_of(n) for n in malware_named(sentences, lexicon)}
    persons = persons_named(sentences, entities, lexicon)
    listed_companies = _listed_with_organisations(entities, _sentence_lookup(sentences))
    called_companies = called_an_organisation(persons.titled | persons.given, sentences, lexicon)
    person_keys = {key_of(n) for n in persons.titled | persons.given} - {
        key_of(n) for n in listed_companies | called_companies
    }
    surname_keys = {key_of(n) for n in persons.surnames} - {key_of(n.split()[-1]) for n in called_companies}
    places = lexicon.words("country")
    demonym = _demonyms(lexicon)
    months = frozenset(k.rstrip(".") for k in lexicon.value("dates", "months"))
    institution_words = re.compile("|".join(lexicon.value("victim", "place_roles")), re.IGNORECASE)

    towns: set[str] = set()
    institutions: set[str] = set()
    # authorities' names ("Department of Justice"): they investigate or warn, unless the article says they were hit
    authority_keys: set[str] = set()
    plural_pairs = {
        m.group(0)
        for sentence in sentences
        if patterns.and_word.search(sentence.text)
        for m in re.finditer(_NAME, sentence.text)
        if patterns.pair.fullmatch(m.group(0))
        and (
            patterns.plural_verb.match(sentence.text[m.end() :])
            or ("&" not in m.group(0) and sentence.text[: m.start()].rstrip().endswith(":"))
        )
    }
    for opening in sentences:
        # "Après Desjardins et Capital One, c'est au tour de X": two earlier victims
        first = re.match(rf"\W*{_NAME}", opening.text)
        if first and patterns.turn_after.match(opening.text[first.end() :]):
            words = first.group(0).split(" ", 1)
            if len(words) == 2 and patterns.after_another.match(words[0] + " ") and patterns.pair.fullmatch(words[1]):
                plural_pairs.add(words[1])

    full_text = text_of(sentences)
    whole_with_s = _names_ending_in_s(full_text, lexicon)
    country_after_name = _country_after_name(lexicon)
    bodies = _body_heads(lexicon)
    common_acronyms = _common_word_acronyms(full_text, bodies)
    capitalised_elsewhere = _elsewhere_finder(full_text)

    def _not_organisation(key: str, name: str) -> bool:
        return (
            key in never
            or key in patterns.excluded
            or key in person_keys
            or key in surname_keys
            or key in patterns.places
            or _is_place(name, places)
        )

    def add(
        name: str, start: int, end: int, sentence: Sentence, role: str | None = None, label: str = "PATTERN"
    ) -> None:
        name = _clean_name(name, patterns)
        at = start - sentence.start
        if whole_with_s and sentence.text.startswith(name, at):
            owned = sentence.text[at + len(name) : at + len(name) + 2]
            if name + owned in whole_with_s:
                # "Pembry's said": the name's own 's, not a possessive
                name, end = name + owned, max(end, start + len(name) + 2)
        branch = country_after_name.search(name) if country_after_name else None
        if branch and branch.end() == len(name) and _named_alone(name[: branch.start()], full_text):
            # "Velcom Allemagne", where "Velcom" is said alone too: Velcom, in Germany ("Air Valdor France" stays)
            name, end = name[: branch.start()], start + branch.start()
        if (based := _BASED.match(name)) and based.end() < len(name):
            name, start = name[based.end() :], start + based.end()  # "Denver-based Kelia Systems": Kelia Systems
        owner = _POSSESSIVE.match(name)
        owner_name = re.sub(r"^[Tt]he\s+", "", owner.group("owner")) if owner else ""
        if owner and _is_place(owner_name, places, acronyms=True):
            # "Ohio's Acme County", "the UK's Coastal Agency": the one the words before speak of
            name, start = owner.group("rest"), start + owner.start("rest")
        where = _PLACE_FIRST.match(name)
        in_place = where and (key_of(where.group(1)) in patterns.places or _is_place(where.group(1), places))
        if where and in_place and _IN_BEFORE.search(sentence.text, 0, start - sentence.start):
            name, start = name[where.end() :], start + where.end()  # "En France Radiomax a été touchée": Radiomax, in France
        if not (name[:1].isupper() or name[:1].isdigit() or _BRAND.match(name)) or patterns.not_a_name.match(name):
            return
        at = end - sentence.start
        if patterns.lowercase_rest and sentence.text[at - len(name) : at] == name:
            whole = patterns.lowercase_rest.match(sentence.text, at - len(name))
            if whole and whole.group("rest") and whole.start("rest") <= at < whole.end():
                # "le Comité régional de vol" found, "à voile" the rest of its lower-case words
                tail = sentence.text[at : whole.end()]
                name, end = name + tail, end + len(tail)
        if patterns.region_after and sentence.text[at - len(name) : at].casefold() == name.casefold():
            region = patterns.region_after.match(sentence.text, at)
            if region:  # "l'Université de Bretagne occidentale": the part of the region is the name's
                name, end = name + region.group(0), end + len(region.group(0))
        at = end - sentence.start
        if sentence.text[at - len(name) : at].casefold() == name.casefold():
            for place in patterns.long_places.finditer(sentence.text[at - len(name) : at + 40]):
                if place.start() < len(name) < place.end():
                    # "la région Centre-Val de Loire": a place whose name goes on past the capitals
                    tail = place.group(0)[len(name) - place.start() :]
                    name, end = name + tail, end + len(tail)
                    break
        if other_body := patterns.second_body.search(name):
            name, end = name[: other_body.start()], start + other_body.start()  # "la Caisse X et du ministère Y": two bodies
        bare_name = re.sub(r"^(?:La|Le|Les|L')\s*", "", name)
        # "le Département", "la Région": a local authority's role noun, capitalised inside sentences and
        # never followed by the name it stands for ("la Ville d'Angers"), is its name
        authority_name = (
            bool(institution_words.fullmatch(bare_name))
            and capitalised_elsewhere(bare_name)
            and not re.search(rf"\b{re.escape(bare_name)}\s+(?:(?:de |d'|du |des )\s*)?[«\"“]?\s*[A-ZÀ-Ý]", full_text)
        )
        if _mostly(data_cues.find(name), name) or (
            (role_words.match(name) or role_words.match(bare_name)) and not authority_name
        ):
            return
        key = key_of(name)
        if all(_NUMERIC_WORD.fullmatch(w) or w.lower().rstrip(".") in months for w in name.split()):
            return  # "January 2016", "980+": a date or a figure
        if _CUT_SHORT.search(name):
            return  # "La Ville de": a name cut before its last word
        if _FILE_NAME.search(name):
            return  # "Invoice.zip": an attachment
        if patterns.name_adjective.search(name):
            return  # "Florida-based", "Crown-owned": a word said of a company, not its name
        if _PLACE_OF_BASE.match(sentence.text, end - sentence.start):
            return  # "Tallow, Ga.-based Acme Clinics": the town the company is based in
        if patterns.phrase_words.search(name):
            return  # "Imaginez ouvrir votre boîte mail": a phrase NER took for a name
        if patterns.identifier_before.search(sentence.text[max(0, start - sentence.start - 20) : start - sentence.start]):
            return
        if name.isupper() and re.match(r"/\s?[A-Z][a-z]", sentence.text[end - sentence.start :]):
            return  # "THE CANADIAN PRESS/Jane Roe", "AFP/John Doe": a photo credit
        if patterns.own_before.search(sentence.text[max(0, start - sentence.start - 10) : start - sentence.start]):
            return  # "notre Bureau d'enquête": the outlet's own desk, which writes the story
        if name in common_acronyms or _abbreviates_common_words(name, sentence.text[: start - sentence.start], bodies):
            return  # "man-in-the-middle (MitM)": the short form of common words
        if (
            len(key) < 2
            or key in patterns.excluded
            or key in actor_keys
            or any(key.startswith(a) or a.startswith(key) for a in actor_keys if len(a) > 3)
        ):
            return
        if _mostly(authorities.find(name), name):
            authority_keys.add(key)
        named_in_capitals = role is not None and " " in name and name.isupper()  # "la société ACME BIOLOGIE"
        if (
            patterns.excluded_patterns.fullmatch(name)
            and not (label == "ORG" and _repeated_acronym(name, full_text))
            and not named_in_capitals
        ):
            return  # "US", "IT", "A": a two-letter acronym is a name only when NER says so and the text repeats it
        titled_person = role is not None and bool(person_title_before(lexicon).search(role + " "))
        if key in never or ((key in person_keys or key in surname_keys) and (role is None or titled_person)):
            # malware, a threat group, a product or a person ("Council chief executive Jane Roe"): never
            # the organisation hit; "la boutique Tara Jarmon", "le groupe Yves Rocher": a brand named after a person
            return
        if patterns.and_word.search(name) and any(key_of(part) in never for part in patterns.and_word.split(name)):
            return  # "Firefox and Opera": a list that holds a product names no organisation
        headline = sentence.index == title_index and sentence.index in title_cased
        if label == "PATTERN" and headline and not elsewhere_in_prose(name):
            return  # "Breach Hits Ontario's Border Staff": title case, capitals the text never writes again
        institution = bool(role and institution_words.search(role))
        if not institution and role is None and any(key.endswith(p) for p in person_keys if len(p) >= 6):
            # "Secretary of State Jane Roe", "NPR's John Doe": a person with a title; "le lycée
            # Victor Hugo" is named after one
            return
        by_role = bool(role and role_prefix.match(patterns.leading_article.sub("", role.lower())))
        if not institution and not by_role and key in patterns.places:
            return  # a country or region named as a place; "le groupe Atlantic" is a company
        if _is_place(name, places) and patterns.plural_noun_after.match(sentence.text, end - sentence.start):
            return  # "Japanese businesses", "Ohio hospitals": a nationality or place said of others
        if role is None and _is_place(name, places) and _NATIONALITY_ENDING.search(name):
            return  # "the Dutch government", "Saudi Arabian firms": a nationality, an adjective
        if demonym.fullmatch(name):
            return  # "33 millions de Français": a people, written with a capital where the adjective is not
        if _INHABITANT.fullmatch(name) and _SOME_PEOPLE_BEFORE.search(sentence.text, 0, start - sentence.start):
            return  # "c'est un Valbrunois qui a averti les élus": an inhabitant, no body
        parts = patterns.conjunction.split(name)
        if len(parts) > 1 and all(_not_organisation(key_of(p), p) for p in parts):
            return  # "Hadoop and CouchDB", "Donetsk and Luhansk", "Mendenhall and Muir"
        pair = patterns.pair.fullmatch(name)
        if pair and (name in plural_pairs or _both_named_apart(pair.group(1), pair.group(2), name, full_text)):
            # "Viamedis et Almerys ont été victimes", "la cible : Viamedis et Almerys": two organisations,
            # where "Marks and Spencer a" and "Cocotte & Cie" are one
            first, second = pair.group(1), pair.group(2)
            add(first, start, start + len(first), sentence, role, label)
            add(second, end - len(second), end, sentence, role, label)
            return
        if two := _AND_A_NAME_WITH_ITS_ARTICLE.search(name):
            # "le Mirebois Daily et The Harrow Courier": a name that opens with its own article is another one
            add(name[: two.start()], start, start + two.start(), sentence, role, label)
            add(name[two.start("second") :], start + two.start("second"), end, sentence, role, label)
            return
        if patterns.data_label_after.match(sentence.text, end - sentence.start):
            return  # "Social Security numbers": a kind of data
        candidate = by_key.setdefault(key, Candidate(name))
        if institution:
            institutions.add(key)
        elif _is_place(name, places) or (" " not in name and patterns.state_after.match(sentence.text, end - sentence.start)):
            towns.add(key)  # "Atlanta", "Hollywood, Calif.": the town, unless said to be hit or named by its role
        if (start, end) in candidate.spans:
            if role:
                candidate.roles[role] += 1
            return
        candidate.spans.append((start, end))
        candidate.sentences.add(sentence.index)
        candidate.forms[name] += 1
        candidate.labels[label] += 1
        if role:
            candidate.roles[role] += 1

    sentence_at = _sentence_lookup(sentences)
    # "Une Nouvelle Cyberattaque qui Fait Trembler les Abonnés": capitals of a title-cased line say nothing
    title_cased = {s.index for s in sentences if _title_cased(s.text)}
    elsewhere_in_prose = (
        _elsewhere_finder(" ".join(s.text for s in sentences if s.index not in title_cased))
        if title_cased
        else capitalised_elsewhere
    )
    # "Jean Roy, directeur général de Coaxis": a name NER took for a person's that the article treats as a company's
    person_labelled = {
        s.text[a - s.start : b - s.start]
        for a, b, label in entities
        if label in ("PER", "PERSON") and (s := sentence_at(a)) is not None
    }
    companies_said_persons = used_as_organisation({n for n in person_labelled if " " not in n}, sentences, lexicon)
    companies_said_persons |= listed_companies | called_companies
    for start, end, label in entities:
        sentence = sentence_at(start)
        if sentence is None or label not in ("ORG", "MISC", "LOC", "PER", "PERSON"):
            continue
        text = sentence.text[start - sentence.start : end - sentence.start]
        person_like = (
            label in ("PER", "PERSON")
            and not re.search(r"[A-Z]{2}|\d|-[A-Z]", text)
            and not any(w.casefold() in organisation_words(lexicon) for w in text.split())
        )
        if person_like and text not in companies_said_persons:
            continue
        if is_byline(sentence.text):
            continue
        if sentence.index in title_cased and not elsewhere_in_prose(text):
            continue
        if (
            _opens_sentence(sentence.text, start - sentence.start)
            and _common_phrase(text)
            and not capitalised_elsewhere(text)
        ):
            continue  # "Coup de filet contre ...": a phrase opening a headline, its capital the sentence's
        if _INDEFINITE_BEFORE.search(sentence.text, 0, start - sentence.start) and patterns.place.fullmatch(text):
            continue  # "Un Ehpad du Calvados visé": where the one hit lies, its name comes later
        lead = _PHRASE_BEFORE_NAME.match(text)
        if lead and _opens_sentence(sentence.text, start - sentence.start) and not capitalised_elsewhere(lead.group(1)):
            # "Coup dur pour le Centre hospitalier X": the phrase that opens the sentence is not the name's
            text, start = text[lead.end() :], start + lead.end()
        add(text, start, end, sentence, label=label)
    for sentence in sentences:
        if is_byline(sentence.text):
            continue
        for m in patterns.role_name.finditer(sentence.text):
            name = m.group("name")
            if patterns.some_place_before.search(sentence.text, max(0, m.start("name") - 60), m.start("name")):
                continue  # "the office based in Lyon": where it sits, not its name
            role = m.group(0)[: m.start("name") - m.start()].strip()
            role_noun = re.sub(r"^(?:l'|le |la |les |au |du |the )", "", role, flags=re.IGNORECASE)
            institution = bool(institution_words.fullmatch(role_noun))
            if role_noun[:1].isupper() and _INSIDE_A_NAME.search(sentence.text, 0, m.start()):
                continue  # "Elmwood School District": the role word is inside a longer name, not its head
            if (role_noun[:1].isupper() and " " not in role_noun) or institution:
                # "La Mutuelle Ligérienne", "le CHU Nord", "le centre hospitalier Sud-Vendée": the role
                # word is part of the name.
                add(
                    f"{role_noun[0].upper()}{role_noun[1:]} {name}",
                    sentence.start + m.end() - len(name) - len(role_noun) - 1,
                    sentence.start + m.end(),
                    sentence,
                    role,
                )
                continue
            add(name, sentence.start + m.start("name"), sentence.start + m.start("name") + len(name), sentence, role)
        for m in patterns.object_name.finditer(sentence.text):
            add(m.group("name"), sentence.start + m.start("name"), sentence.start + m.end("name"), sentence)
            listed = patterns.more_names.match(sentence.text, m.end("name"))
            for item in patterns.name.finditer(listed.group(0) if listed else ""):
                at = sentence.start + m.end("name") + item.start()
                add(item.group(0), at, at + len(item.group(0)), sentence)  # "contre X, Y ou encore Z"
        for m in patterns.recalled_name.finditer(sentence.text):
            add(m.group("name"), sentence.start + m.start("name"), sentence.start + m.end("name"), sentence)
        for m in patterns.subject_name.finditer(sentence.text):
            name, start = m.group("name"), m.start("name")
            if patterns.locative.search(sentence.text, 0, start) and patterns.hit_after.match(sentence.text[m.end("name") :]):
                continue  # "a town in Ontario was hit": the place says where, the town was hit
            if patterns.some_place_before.search(sentence.text, max(0, start - 60), start):
                continue  # "une commune du Lot-et-Garonne victime": the one hit lies there
            words = name.split()
            # "Rabin Dulac est victime": the capitals after the first word are the name's own
            capitals = (
                len(words) >= 2 and all(w[:1].isupper() for w in words) and not re.match(r"(?:Le|La|Les|L')\b", words[0])
            )
            if _opens_sentence(sentence.text, start) and not capitalised_elsewhere(name) and not capitals:
                # At a sentence start capitals say nothing: "Le Stade Ligérien a confirmé" is the Stade
                # Ligérien, "Supporters ont été prévenus" is no name.
                article = re.match(r"(?:Le|La|Les|L'|The )\s*", name)
                if not article or " " not in name[article.end():] and not name[article.end():][:1].isupper():
                    continue
                name, start = name[article.end():], start + article.end()
            add(name, sentence.start + start, sentence.start + m.end("name"), sentence)
        for m in patterns.place.finditer(sentence.text):
            role = m.group("role").lower()
            if patterns.some_place_before.search(sentence.text, max(0, m.start("name") - 60), m.start("name")):
                continue  # "une commune du Lot-et-Garonne": the place it lies in, not its name
            town_like = re.match(
                r"(?:mairie|municipalit[ée]|ville|commune|d[ée]partement|r[ée]gion|m[ée]tropole|agglo|conseil|pr[ée]fecture|city|town|county|state|comt[ée]|canton)",
                role,
            )
            if town_like:
                name = m.group("name")  # "la mairie de la Croix-Haute": the town is "La Croix-Haute"
                # "City of Elmford's Finance Department": the town, of which the department is part
                name = re.split(r"['’]s\s", name, maxsplit=1)[0]
                start = sentence.start + m.start("name")
                article = re.match(r"(?:la |l')", name, re.IGNORECASE)
                if article and re.match(r"(?:d[ée]partement|r[ée]gion|conseil)", role):
                    # "le département de la Seine-Maritime": a department's or region's article is not its name's
                    name, start = name[article.end() :], start + article.end()
                name = name[0].upper() + name[1:]
                add(name, start, start + len(name), sentence, role)
                # "les villes de Tours et du Mans", "des communes de Brévol, Niort ou encore Vannes": each town
                # of the list; a singular role names one more at most
                at, towns_listed = m.end(), 0
                while towns_listed < (8 if role.endswith(("s", "x")) else 1) and (
                    more := _NEXT_PLACE.match(sentence.text, at)
                ):
                    add(more.group("name"), sentence.start + more.start("name"), sentence.start + more.end("name"), sentence, role)
                    at, towns_listed = more.end(), towns_listed + 1
            else:
                full, end = m.group(0), m.end()
                # "le ministère de la Cybersécurité et du Numérique": a ministry's name joins its portfolios
                joined = _MINISTRY.match(role) and _PORTFOLIO_MORE.match(sentence.text, end)
                if joined:
                    full, end = full + joined.group(0), joined.end()
                # "de la Santé publique", "des services du Premier ministre": the lower-case
                # words that end a ministry's portfolio or the Prime Minister's title
                tail = (_MINISTRY.match(role) and patterns.portfolio_tail.match(sentence.text, end)) or (
                    _PRIME_MINISTER_TAIL.match(sentence.text, end) if full.endswith(("Premier", "Première")) else None
                )
                if tail:
                    full, end = full + tail.group(0), tail.end()
                add(full[0].upper() + full[1:], sentence.start + m.start(), sentence.start + end, sentence, role)
        if title_index is not None and sentence.index == title_index:
            head = patterns.headline_head.match(sentence.text)
            if head:
                add(head.group("name"), sentence.start, sentence.start + len(head.group("name")), sentence)

    if lexicon.raw["victim"].get("not_names"):
        for found in _capitalised_names(sentences, lexicon, title_index):
            add(*found, label="CAP")

    def refused(name: str) -> bool:
        key = key_of(name)
        return key in never or key in patterns.excluded or bool(patterns.excluded_patterns.fullmatch(name))

    def another_part(name: str) -> bool:
        """A name known to play another part than the victim's: a group, an agency, a court, a law."""
        key = key_of(name)
        return (
            key in never
            or key in patterns.excluded
            or bool(patterns.law.fullmatch(name) or patterns.agency_shape.fullmatch(name))
            or _mostly(authorities.find(name), name)
        )

    _extend_mentions(by_key, sentences, lexicon, refused)
    for candidate in by_key.values():
        if set(candidate.labels) == {"LOC"} and institution_words.match(candidate.display):
            candidate.labels["ORG"] += 1  # "Centre hospitalier de Varenne": an institution NER read as a place
    for key, candidate in by_key.items():
        _score(candidate, sentences, patterns, title_index)
        if key in patterns.outlets and not candidate.as_hit:
            candidate.score *= 0.2  # an outlet quoted, unless breach verbs are said of it
        if candidate.as_supplier:
            candidate.score *= 0.5  # the provider through which another was hit
        vendor = key in patterns.vendors or (
            _named_as_vendor(candidate, sentence_at, patterns.vendor_before)
            and not institution_words.match(candidate.display)  # "ministère de la Cybersécurité"
        )
        agency = key in patterns.quoted or bool(patterns.agency_shape.fullmatch(candidate.display))
        if (agency or vendor) and not candidate.as_hit:
            # a vendor or an agency speaking of someone else's breach; an agency's own files may leak
            candidate.score *= 0.0 if vendor else 0.2
        _score_anaphora(candidate, sentences, patterns, role_words)
        if (
            set(candidate.labels) == {"LOC"}
            and not candidate.roles
            and not candidate.as_victim
            and (title_index not in candidate.sentences)
        ):
            candidate.score *= 0.5  # a place named in passing, not an organisation
        if _only_at_sentence_start(candidate, sentences) and " " not in candidate.display:
            candidate.score *= 0.5  # a capitalised first word NER took for a name
    for key in authority_keys & by_key.keys():
        if not by_key[key].as_hit:
            del by_key[key]
    for key, candidate in by_key.items():
        placed = key in towns - institutions or set(candidate.labels) == {"LOC"}
        if placed and not (candidate.as_hit or candidate.roles):
            candidate.score *= 0.3  # a town or a place NER found, named as a place, not said to be hit
    owner_of_role = _owner_of_a_role(lexicon)
    for candidate in by_key.values():
        said = [(sentence_at(start), end) for start, end in candidate.spans]
        if all(s and owner_of_role.match(s.text, end - s.start) for s, end in said):
            candidate.score *= 0.3  # "Brookvale's daily newspaper": the town it serves, the newspaper was hit
    _drop_surnames(by_key, sentences, lexicon)
    _credit_role_subjects(by_key, sentences, patterns, role_words)
    _merge_acronyms(by_key, patterns.lowercase_rest, full_text)

    def inside_a_sentence(at: int) -> bool:
        sentence = sentence_at(at)
        return sentence is not None and not _opens_sentence(sentence.text, at - sentence.start)

    _merge_article_forms(by_key, inside_a_sentence)
    _merge_inner_names(by_key)
    _merge_possessive_short_forms(by_key, full_text, role_words)
    _merge_role_heads(by_key, institution_words)
    _drop_heads_of_other_parts(by_key, full_text, another_part)
    if short_forms := lexicon.raw["victim"].get("short_forms"):
        articles = None if short_forms is True else re.compile(rf"\b(?:{'|'.join(short_forms)})\s*$", re.IGNORECASE)
        _merge_short_forms(by_key, sentences, articles, towns)
    for candidate in by_key.values():
        # "the Borealian Cyber Agency (BCA)", "Vexa Security (NASDAQ: VXS)": a vendor or an agency speaking, met
        # under another name too
        keys = {key_of(form) for form in candidate.forms}
        if not candidate.as_hit and keys & patterns.quoted and keys - patterns.quoted:
            candidate.score *= 0.0 if keys & patterns.vendors else 0.2
    for candidate in by_key.values():
        candidate.body_form = _body_form(candidate, institution_words)
    # "une PME", "l'Ehpad" not merged with a name: a kind of body, no one's name, the victim only
    # when the article names none; never another victim beside it
    kinds = {id(c) for c in by_key.values() if patterns.generic_kind.fullmatch(c.display)}
    for candidate in by_key.values():
        candidate.score *= 0.5 if id(candidate) in kinds else 1
    ranked = sorted(by_key.values(), key=lambda c: (-c.score, min(c.sentences)))
    return [c for i, c in enumerate(ranked) if c.score > 0 and (i == 0 or id(c) not in kinds)]


_NEXT_PLACE = re.compile(rf"\s*(?:,|et|and|ou(?: encore)?|or)\s+(?P<prep>de |du |des |d'|of )?(?P<name>{_NAME})")
_MINISTRY = re.compile(r"minist[èe]re|ministry|department", re.IGNORECASE)
_PORTFOLIO_MORE = re.compile(rf"\s+(?:et|and)\s+(?:de la |de l'|du |des |de |d'|the |of )?{_NAME}")
_CUT_SHORT = re.compile(r"\s(?:de|du|des|of|the|la|le|les|et|and)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?P<owner>[^'’]{2,40})['’]s\s+(?P<rest>[A-Z].*)")
_INHABITANT = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ-]+(?:ien|ienne|ois|oise|ais|aise|ain|aine)s?")
_SOME_PEOPLE_BEFORE = re.compile(r"\b(?:un|une|des|les|aux|deux|trois|quelques|plusieurs|nombreux|ce|cet|cette|ces)\s+$", re.IGNORECASE)
_NATIONALITY_ENDING = re.compile(r"(?:an|ese|ish|ian|ais|aise|ois|oise|ien|ienne)$")
_PRIME_MINISTER_TAIL = re.compile(r"\s+ministre\b")
_AND_A_NAME_WITH_ITS_ARTICLE = re.compile(r" (?:et|and|&) (?P<second>(?:The|Le|La|Les) [A-ZÀ-Ý]|L['’][A-ZÀ-Ý])")
# The names after a first one in a list of subjects: "(aside) et Y", ", Y et Z", ", Y, Z and W"
_LISTED_NAME = r"(?:d'|d’)?[A-ZÀ-Ý][\w'’&.-]*(?:\s+[A-ZÀ-Ý][\w'’&.-]*){0,4}(?:\s*\([^)]{0,60}\))?"
_AND_NEXT_NAME = re.compile(
    rf"\s*(?:\([^)]{{0,60}}\)\s*)?(?:,\s*{_LISTED_NAME}\s*){{0,6}},?\s*(?:et|and|&)\s+{_LISTED_NAME}"
)
_BASED_WORDS = r"(?:[A-Z][\w.]*\s+){0,3}?[\w.]+-(?:based|headquartered)\s+"
_BASED_BEFORE = re.compile(rf"(?<=\s){_BASED_WORDS}$")
_BASED = re.compile(rf"^{_BASED_WORDS}")
# Figures, times and dates are no names: "980+", "7am", "10h30", "January 2016".
_NUMERIC_WORD = re.compile(r"[\d.,:/+'’-]+|\d{1,2}(?:am|pm|h\d{0,2})")


@cache
def _name_rules(
    lexicon: Lexicon,
) -> tuple[frozenset[str], frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What the capitalised-name finder reads from the lexicon of a language without NER."""
    victim = lexicon.raw["victim"]
    not_names = frozenset(victim.get("not_names", []))
    first_names = frozenset(victim.get("person_first_names", []))
    bare = sorted({re.sub(r"^(?:the |a |an )", "", r) for r in victim["roles"]}, key=len, reverse=True)
    articles = "|".join(victim.get("apposition", ["the", "a", "an"]))
    apposition = re.compile(
        rf"^,\s+(?:{articles})\s+(?:[\w'&.-]+\s+){{0,5}}?(?P<role>{'|'.join(bare)})\b", re.IGNORECASE
    )
    suffixes = "|".join(victim.get("name_suffixes", ["Inc", "Corp"]))
    suffix = re.compile(rf"\b(?P<suffix>{suffixes})\.?$")
    headline_stop = re.compile(rf"^(?:{'|'.join(victim.get('headline_stop', ['Says']))})$", re.IGNORECASE)
    person_title = re.compile(rf"(?:{'|'.join(victim.get('person_titles', ['Mr']))})\.?\s+$", re.IGNORECASE)
    return not_names, first_names, apposition, suffix, headline_stop, person_title


def _capitalised_names(
    sentences: list[Sentence], lexicon: Lexicon, title_index: int | None
) -> list[tuple[str, int, int, Sentence, str | None]]:
    """Organisation names without NER: capitalised word sequences that are not a sentence opener,
    a person, a place or a date; a role noun in apposition ("X, the department store chain,") or a
    legal suffix ("Inc", "Bank", "Health") is kept as the name's role."""
    not_names, first_names, apposition, suffix, headline_stop, person_title = _name_rules(lexicon)
    title_heads = frozenset(lexicon.raw["victim"].get("title_heads", []))
    org_words = organisation_words(lexicon)  # "Grace Hill County Public Schools" is no person
    places = lexicon.words("country")
    known = _patterns(lexicon).quoted | _patterns(lexicon).never
    mid_sentence: set[str] = set()
    openers: Counter[str] = Counter()
    persons: set[str] = set()
    found: list[tuple[str, int, int, Sentence, str | None]] = []
    # After an opening quote a capital says little: "Kestrel has refused" names, "People say" does not,
    # and the article writes "people" in lower case elsewhere.
    lower = set(re.findall(r"\b[a-z][a-z'-]+\b", " ".join(s.text for s in sentences)))
    for sentence in sentences:
        for m in re.finditer(_NAME, sentence.text):
            quoted = m.start() > 0 and sentence.text[: m.start()].strip() in _OPENERS
            if not _opens_sentence(sentence.text, m.start()) or (quoted and m.group(0).split()[0].lower() not in lower):
                mid_sentence.update(m.group(0).split())
            elif sentence.text[m.end() : m.end() + 1] != ",":  # "Technically, ...": an adverb
                openers[m.group(0).split()[0].removesuffix("'s").removesuffix("’s")] += 1
    body = " ".join(s.text for s in sentences if s.index != title_index)
    for sentence in sentences:
        if is_byline(sentence.text):
            continue
        text = sentence.text
        headline = sentence.index == title_index
        for m in re.finditer(_NAME, text):
            start, words = m.start(), m.group(0).split(" ")
            based = _BASED.match(m.group(0))
            if based:
                start, words = start + based.end(), m.group(0)[based.end() :].split(" ")
            # Openers are stripped at the start of a sentence only: mid-sentence, "Information
            # Commissioner's Office" is one name, whose first word opens no sentence.
            opens = _opens_sentence(text, start)
            after_article = False
            while words and opens and (words[0] in not_names or words[0].rstrip(",") in not_names):
                if key_of(" ".join(words)) in known:
                    break  # "Check Point said": a name the roles know, opener and all
                if after_article and len(words) >= 2 and (
                    words[-1].casefold() in org_words or (words[0].casefold() in org_words and words[1] == "of")
                ):
                    # "The Coastal Cyber Security Centre", "The Department of Fisheries": after its article,
                    # a body's whole name
                    break
                after_article = words[0] in _ARTICLE_OPENERS
                start += len(words[0]) + 1
                words = words[1:]
            if headline:
                # Title case: "Ticketmaster Confirms Data Breach" is the name up to its verb.
                cut = next((i for i, w in enumerate(words) if i and headline_stop.match(w)), len(words))
                words = words[:cut]
            while words and words[-1].lower() in ("of", "the", "and", "&", "-"):
                words = words[:-1]
            if not words or any(_NUMERIC_WORD.fullmatch(w) for w in words):
                continue
            name = " ".join(words)
            if name.isupper() and len(name) > 5 and " " not in name:
                continue  # a dateline ("NASHVILLE") or a shouted label
            said_of = PERSON_AFTER.match(text[start + len(" ".join(words)) :]) or SAID_BEFORE.search(text[:start])
            organisation = any({w.casefold(), w.casefold().removesuffix("s")} & org_words for w in words[1:])
            titled = person_title.search(text[:start])
            if not organisation and ((len(words) >= 2 and (words[0] in first_names or said_of)) or titled):
                persons.update(words[1:])
                continue
            if len(words) >= 2 and words[0].rstrip(".") in title_heads:
                persons.add(words[1].removesuffix("'s"))  # "Governor Brannock's Office": a person's
                continue
            officer = next((i for i, w in enumerate(words) if i and w in title_heads and len(words) - i >= 3), None)
            if officer is not None:
                # "Elmford Mayor Jane Roe": the town or body whose officer speaks, then the person
                persons.update(words[officer + 1 :])
                words = words[:officer]
                name = " ".join(words)
            if len(words) >= 3 and words[-2] in first_names and any(person_title.search(f"{w} ") for w in words[:-2]):
                persons.add(words[-1])  # "Secretary of State Jane Roe", "President John Doe"
                continue
            if len(words) == 1 and (words[0] in persons or words[0].removesuffix("'s") in persons):
                continue
            hits = places.find(name)
            if hits and sum(h.end - h.start for h in hits) >= len(name) - 1:
                continue
            if _opens_sentence(text, start) and len(words) == 1 and words[0] not in mid_sentence:
                # a capitalised first word met nowhere else, unless it opens several sentences and
                # is never written in lower case ("Brookvale is facing ...", "Brookvale's city hall ...")
                bare = words[0].removesuffix("'s").removesuffix("’s")
                if openers[bare] < 2 or bare.lower() in lower or bare in not_names:
                    continue
            if (
                headline
                and _title_cased(text)
                and not re.search(rf"(?<!\w){re.escape(' '.join(words))}(?!\w)", body)
                and not (len(words) >= 3 and re.search(rf"\b[Tt]he {re.escape(' '.join(words[-2:]).lower())}\b", body))
            ):
                # "Fake Invoice Wave Targets Small Shops": in title case, capitals the text never names again
                # ("Norland Court System Restores ..." is named again as "the court system")
                continue
            end = start + len(name)
            role = None
            appos = apposition.match(text[end:])
            if appos:
                role = appos.group("role")
            legal = suffix.search(name)
            if role is None and legal and len(words) > 1:
                role = legal.group("suffix")
            found.append((name, sentence.start + start, sentence.start + end, sentence, role))
    return found


_ARTICLE_OPENERS = frozenset({"The", "Le", "La", "Les"})
_QUOTE_CLOSED = re.compile(r"[”\"»],?\s*$")
_QUOTE_ENDS = ("”", "\"", "»", "”,", "\",", "»,")


def _drop_surnames(by_key: dict[str, Candidate], sentences: list[Sentence], lexicon: Lexicon) -> None:
    """ "Delgado said": a one-word name the article gives elsewhere after a first name or initials
    ("T.J. Delgado") is a person, and so is a given name that only ever speaks ("Gregory said")."""
    first_names = _name_rules(lexicon)[1]
    speech_after = _patterns(lexicon).speech_after
    text = " ".join(s.text for s in sentences)
    for key, candidate in list(by_key.items()):
        name = candidate.display
        if " " in name or not name[:1].isupper():
            continue
        if first_names:
            before = re.finditer(rf"(?:\b([A-Z][a-z]+)|(?<!\w)(?:[A-Z]\.\s?){{1,3}})\s*(?<=\s|\.){re.escape(name)}\b", text)
            if any(m.group(1) is None or m.group(1) in first_names for m in before):
                del by_key[key]
                continue
        # "..., ” Ford said.": a name that only ever speaks, and closes a quotation, is its speaker's
        if name not in first_names and not any(f"{quote} {name}" in text for quote in _QUOTE_ENDS):
            continue  # the plain test first: most names are never after a quotation
        mentions = list(re.finditer(rf"\b{re.escape(name)}\b", text))
        speaks = bool(mentions) and all(speech_after.match(text, m.end()) for m in mentions)
        quoted = speaks and any(_QUOTE_CLOSED.search(text, max(0, m.start() - 4), m.start()) for m in mentions)
        if speaks and (name in first_names or quoted):
            del by_key[key]


@cache
def _bare_role(lexicon: Lexicon) -> re.Pattern[str]:
    """A role noun with its definite article and no name after it: "l'enseigne", "le CHU"."""
    return re.compile(rf"\b(?:l'|le |la |les |the ){_bare_roles(lexicon)}", re.IGNORECASE)


@cache
def bare_role_mention(lexicon: Lexicon) -> re.Pattern[str]:
    """A role noun standing for an organisation, the article merged with a preposition too: "des
    données du fabricant", "au CHU"."""
    return re.compile(rf"\b(?:l'|le |la |les |du |au |the ){_bare_roles(lexicon)}", re.IGNORECASE)


def bare_role_opening(lexicon: Lexicon) -> str:
    """A role noun with its definite article, as a pattern: "l'entreprise", "the retailer"."""
    return rf"(?:l'|le |la |les |the ){_bare_roles(lexicon)}"


@cache
def _owner_of_a_role(lexicon: Lexicon) -> re.Pattern[str]:
    """A possessive before a role noun: "'s 90-year-old daily newspaper"."""
    return re.compile(rf"(?:(?<=['’]s)|['’]s)\s+(?:[\w-]+\s+){{0,2}}?{_bare_roles(lexicon)}", re.IGNORECASE)


def _bare_role_words(lexicon: Lexicon) -> str:
    """Role nouns without their article, as alternatives: "opérateur|hospital|practice"."""
    return "|".join(re.sub(r"^(?:l'|le |la |les |the |a |an )", "", r) for r in lexicon.value("victim", "roles"))


def _bare_roles(lexicon: Lexicon) -> str:
    bare = [re.sub(r"^(?:l'|le |la |les |the )", "", r) for r in lexicon.value("victim", "roles") if not r.startswith(("son ", "its "))]
    return rf"(?:{'|'.join(bare)})\b(?!\s+(?:de |d'|du |des |of )?(?-i:[A-ZÀ-Ý]))"


@cache
def _demonyms(lexicon: Lexicon) -> re.Pattern[str]:
    """Nationality nouns: the country words written in lower case ("belge(?:s)?"), capitalised. Where
    the language writes the adjective capitalised too (English), there are none."""
    words = [term for term in lexicon.country_terms() if term[:1].islower()]
    capitalised = [rf"(?i:{w[0]})(?:{w[1:]})" for w in words if not w.startswith(("de ", "en ", "au", "l'"))]
    return re.compile("|".join(capitalised) or "(?!)")


@cache
def role_word_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Role nouns without their article: "opérateur", "CHU", "mairie"..."""
    return re.compile(rf"^(?:{_bare_role_words(lexicon)})$", re.IGNORECASE)


def _score_anaphora(
    candidate: Candidate, sentences: list[Sentence], patterns: _Patterns, role_words: re.Pattern[str]
) -> None:
    """ "Le CHU a porté plainte", "l'opérateur a reconnu": a role noun standing for the candidate."""
    heads = {re.sub(r"^(?:l'|le |la |les |the )", "", r.lower()) for r in candidate.roles}
    heads |= {noun for role in candidate.roles for noun in patterns.role_kinds.get(role, ())}
    words = candidate.display.split()
    if len(words) > 1:
        heads |= {words[0], words[-1]}  # "CHU Nord", "Pell County": its role noun, first or last
    heads = {h for h in heads if h and role_words.match(h)}
    if not heads:
        return
    pattern = re.compile(
        rf"\b(?:le |la |l'|du |au |les |the )(?:{'|'.join(re.escape(h) for h in heads)})\b(?!\s+(?:de |d'|des |du )?[A-ZÉ])",
        re.IGNORECASE,
    )
    for sentence in sentences:
        for m in pattern.finditer(sentence.text):
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in candidate.spans):
                continue
            candidate.anaphora.append((start, sentence.start + m.end()))
            candidate.score += 0.6
            if patterns.subject_after.match(sentence.text[m.end() :]):
                candidate.score += 1.5
                candidate.as_victim += 1


def _merge_short_forms(
    by_key: dict[str, Candidate], sentences: list[Sentence], articles: re.Pattern[str] | None, towns: set[str]
) -> None:
    """ "Oakhurst" after "Oakhurst Credit Union": a one-word name that opens exactly one longer
    name is that organisation named short. Where `articles` is given, only a head noun always said
    with one of them is ("le Secrétariat" for "Secrétariat du Conseil du trésor"): a name alone is
    as often another organisation ("Bolloré", the group of "Bolloré Transport & Logistics RDC")."""
    at = _sentence_lookup(sentences)

    def after_article(start: int) -> bool:
        sentence = at(start)
        return bool(sentence and articles and articles.search(sentence.text[: start - sentence.start]))

    for key, short in list(by_key.items()):
        if " " in short.display or short.as_parent:
            continue  # "une filiale du groupe Varnel": the group is another organisation than "Varnel Dakar"
        if articles and not all(after_article(start) for start, _ in short.spans):
            continue
        longer = [
            c
            for c in by_key.values()
            if c is not short and any(f.split(" ")[0] == short.display and " " in f for f in c.forms)
        ]
        if len(longer) != 1:
            continue
        other = longer[0]
        whole = next(f for f in other.forms if f.split(" ")[0] == short.display and " " in f)
        if whole.split(" ")[1][:1].islower() or key in towns:
            # "Pôle" cut from "Pôle emploi" by its lower case; "a Hollywood hospital" for "Hollywood
            # Presbyterian Medical Center": a town, which names the organisation in passing
            other.forms[whole] += sum(short.forms.values())
        else:
            other.forms.update(short.forms)
        other.absorb(short)
        del by_key[key]


_OPENING_ARTICLE = re.compile(r"^(?:La|Le|Les|L')\s*(?=\S+\s)")
_ONE_WORD_WITH_ARTICLE = re.compile(r"^(?:La|Le|Les) (\S+)$")


def _merge_article_forms(by_key: dict[str, Candidate], inside_a_sentence: Callable[[int], bool]) -> None:
    """ "La Fédération française de croquet" at a sentence start, "la Fédération française de croquet" inside
    one: where the article also names it without its article, the article is no part of the name
    (a one-word rest, "La Poste", keeps it; when the article writes it inside a sentence, "le quotidien Le
    Vigilant", "Vigilant" after "du" is "Le Vigilant")."""
    for key, with_article in list(by_key.items()):
        opening = _OPENING_ARTICLE.match(with_article.display)
        if not opening:
            one_word = _ONE_WORD_WITH_ARTICLE.match(with_article.display)
            rest_key = key_of(one_word.group(1)) if one_word else ""
            rest = by_key.get(rest_key)
            inside = any(inside_a_sentence(start) for start, _ in with_article.spans)
            if rest is not None and rest is not with_article and key in by_key and inside:
                with_article.forms[with_article.display] += sum(rest.forms.values())
                with_article.absorb(rest)
                del by_key[rest_key]
            continue
        rest = by_key.get(key_of(with_article.display[opening.end() :]))
        if rest is None or rest is with_article:
            continue
        rest.forms[rest.display] += sum(with_article.forms.values())
        rest.absorb(with_article)
        del by_key[key]


def _merge_inner_names(by_key: dict[str, Candidate]) -> None:
    """ "Val Brumeux", a place NER found inside "Centre hospitalier Val Brumeux": a name never
    said but within one longer name is a part of it, not an organisation of its own."""
    for key, inner in list(by_key.items()):
        outer = [
            c
            for c in by_key.values()
            if c is not inner and all(any(a <= s and e <= b and (a, b) != (s, e) for a, b in c.spans) for s, e in inner.spans)
        ]
        if len(outer) == 1:
            # the same mentions: the longer name's evidence already holds the inner one's
            whole = outer[0]
            whole.labels.update(inner.labels)
            whole.score = max(whole.score, inner.score)
            whole.as_victim, whole.as_hit = max(whole.as_victim, inner.as_victim), max(whole.as_hit, inner.as_hit)
            del by_key[key]


_HEAD_ARTICLE = re.compile(r"^(?:The|La|Le|Les|L')\s*")


def _body_form(candidate: Candidate, institution_words: re.Pattern[str]) -> str | None:
    """ "Dunmore Council" among the forms of a name also written "Dunmore": the bare name may be the
    place, the form with its head noun is the body's."""
    forms = set(candidate.forms)
    bodies = [
        form
        for form in forms
        if (cut := form.rfind(" ")) > 0 and form[:cut] in forms and institution_words.fullmatch(form[cut + 1 :])
    ]
    return max(bodies, key=lambda form: candidate.forms[form]) if bodies else None


def _merge_role_heads(by_key: dict[str, Candidate], institution_words: re.Pattern[str]) -> None:
    """ "the District" after "Mt. Diablo Unified School District", "the County" after "Union County": a
    body's head noun, written with its capital, that ends a longer name introduced before it is that name
    said short; of several, the one introduced first, the article's subject. So is an acronym that ends
    one longer name only ("the PCT" after "Harlow PCT")."""
    for key, head in list(by_key.items()):
        word = _HEAD_ARTICLE.sub("", head.display)
        acronym = bool(re.fullmatch(r"[A-Z]{2,6}", word))
        if " " in word or not head.spans:
            continue
        first = min(s for s, _ in head.spans)
        # "the Department" after "the Department of Fisheries": the word that heads a body's name
        ends = institution_words.fullmatch(word) or acronym
        longer = [
            c
            for c in by_key.values()
            if c is not head and c.spans
            and (
                (
                    ends
                    and " " in _HEAD_ARTICLE.sub("", c.display)
                    and c.display.endswith(f" {word}")
                    and min(s for s, _ in c.spans) < first
                )
                or (word[:1].isupper() and _HEAD_ARTICLE.sub("", c.display).startswith(f"{word} of "))
            )
        ]
        if longer and (len(longer) == 1 or not acronym):
            whole = min(longer, key=lambda c: min(s for s, _ in c.spans))
            whole.absorb(head)  # its forms stay the longer name's: the head noun is no name of its own
            del by_key[key]


_NAME_WORD = r"[A-ZÀ-Ý][\w'’&-]*(?:\.[\w'’&-]{1,20}){0,3}"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,11}}")


def _names_a_word_stands_for(text: str) -> dict[str, list[list[str]]]:
    """For each capitalised word, the runs of capitalised words it ends ("Centre": "National Cyber
    Centre") or follows as an acronym in brackets ("DA": "the Data Act"); one pass over the text."""
    names: dict[str, list[list[str]]] = {}
    for run in _NAME_RUN.finditer(text):
        words = run.group(0).split(" ")
        for end in range(1, len(words)):
            names.setdefault(words[end], []).append(words[max(0, end - 5) : end + 1])
        if acronym := _ACRONYM_NEXT.match(text, run.end()):
            names.setdefault(acronym.group("acronym"), []).append(words[-6:])
    return names


def _drop_heads_of_other_parts(by_key: dict[str, Candidate], text: str, another_part: Callable[[str], bool]) -> None:
    """ "The Centre said" after "the National Cyber Centre", an agency that is never a candidate: a
    capitalised last word, left alone, stands for the name it ends, and an acronym for the name it is
    introduced after; when that name plays another part than the victim's, so does the word."""
    names = _names_a_word_stands_for(text)
    for key, head in list(by_key.items()):
        word = _HEAD_ARTICLE.sub("", head.display)
        if " " not in word and any(
            another_part(" ".join(name[i:])) for name in names.get(word, ()) for i in range(len(name) - 1)
        ):
            del by_key[key]


def _merge_possessive_short_forms(by_key: dict[str, Candidate], text: str, role_words: re.Pattern[str]) -> None:
    """ "Dunmore Children's" for "Dunmore Children's Clinic": a name always written with an 's, and that
    opens exactly one longer name ending in a role noun, is that name said short; its 's is no possessive
    ("Burgerline's Canada" is a subsidiary of "Burgerline's")."""
    for key, short in list(by_key.items()):
        if not short.spans or not all("'s" in (text[end - 2 : end], text[end : end + 2]) for _, end in short.spans):
            continue
        longer = [
            c
            for c in by_key.values()
            if c is not short
            and c.display.startswith(f"{short.display}'s ")
            and role_words.match(c.display.rsplit(" ", 1)[-1])
        ]
        if len(longer) == 1:
            longer[0].absorb(short)  # its forms stay the longer name's: the short one is no name of its own
            del by_key[key]


_SMALL_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "contre", "pour", "of", "the", "and", "for"})


def _merge_acronyms(by_key: dict[str, Candidate], lowercase_name: re.Pattern[str] | None, text: str) -> None:
    """ "MLP" and "Mutuelle Ligérienne de Prévoyance" are one organisation, and so are "FNSGU" and
    "Fédération nationale des sports de glisse urbaine", a name whose first word alone is capitalised,
    and any name the article introduces with its acronym ("Centre hospitalier de Varenne (CHV)")."""
    for key, short in list(by_key.items()):
        if not re.fullmatch(r"[A-Z][A-Z0-9&]{1,6}", short.display):
            continue
        # the longest first: "Centre hospitalier de Varenne (CHV)" also ends with "Varenne (CHV)"
        for other in sorted(by_key.values(), key=lambda c: -len(c.display)):
            words = [w for w in re.split(r"[\s-]+", other.display) if w[:1].isupper()]
            initials = "".join(w[0] for w in words) if len(words) >= 2 else ""
            if lowercase_name and lowercase_name.fullmatch(other.display):
                initials = "".join(w[0] for w in re.split(r"[\s'’-]+", other.display) if w.lower() not in _SMALL_WORDS).upper()
            # "Vexa Security (NASDAQ: VXS)": a ticker stands for the name as its acronym does
            introduced = bool(
                re.search(rf"{re.escape(other.display)} \((?:[A-Z]{{2,8}}: ?)?{re.escape(short.display)}\)", text)
            )
            if other is short or (short.display != initials and not introduced):
                continue
            other.forms.update(short.forms)
            other.absorb(short)
            del by_key[key]
            break


def _repeated_acronym(name: str, text: str) -> bool:
    """A short acronym the article uses three times or more ("OZ", "EY")."""
    return name.isupper() and len(re.findall(rf"\b{re.escape(name)}\b", text)) >= 3


def text_of(sentences: list[Sentence]) -> str:
    return "\n".join(s.text for s in sentences)


def _title_cased(text: str) -> bool:
    """A line whose long words nearly all open with a capital: a title-cased heading."""
    long = [w for w in re.findall(r"[^\W\d_][\w'-]*", text) if len(w) >= 4]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _elsewhere_finder(text: str) -> Callable[[str], bool]:
    """Whether a name, capitals included, also stands inside a sentence of the text (not only at its
    start): after a word or punctuation and a space, as a whole word. Each name is looked up once."""
    known: dict[str, bool] = {}

    def word(char: str) -> bool:
        return char.isalnum() or char == "_"

    def elsewhere(name: str) -> bool:
        if name not in known:
            known[name] = False
            at = text.find(name)
            while at >= 0 and not known[name]:
                before, after = text[max(0, at - 2) : at], text[at + len(name) : at + len(name) + 1]
                known[name] = (
                    len(before) == 2
                    and before[1] == " "
                    and (word(before[0]) or before[0] in ",;:»)")
                    and not (after and (word(after) or after == "-"))
                )
                at = text.find(name, at + 1)
        return known[name]

    return elsewhere


_SECURITY_NAME = re.compile(r"\bcyber[ -]?s[ée]curit(?:[ée]|y)\b", re.IGNORECASE)


def _named_as_vendor(
    candidate: Candidate, sentence_at: Callable[[int], Sentence | None], vendor_before: re.Pattern[str]
) -> bool:
    """The name says it is a security firm's or agency's ("Centre pour la cybersécurité"), or somewhere the
    article introduces it as a security vendor's ("la société de cybersécurité X")."""
    if _SECURITY_NAME.search(candidate.display):
        return True
    for start, _ in candidate.spans:
        sentence = sentence_at(start)
        if sentence is None:
            continue
        at = start - sentence.start
        if vendor_before.search(sentence.text, max(0, at - 70), at):
            return True
    return False


def _only_at_sentence_start(candidate: Candidate, sentences: list[Sentence]) -> bool:
    starts = {s.start for s in sentences}
    return all(start in starts for start, _ in candidate.spans)


def _credit_role_subjects(
    by_key: dict[str, Candidate], sentences: list[Sentence], patterns: _Patterns, role_words: re.Pattern[str]
) -> None:
    """ "La mairie victime d'un rançongiciel", "l'établissement a été frappé": a bare role noun that is
    the subject of a breach verb stands for an organisation named before it: one introduced by that
    role, else the one named last before it (not a mere source or place), else the most salient."""
    ranked = sorted(by_key.values(), key=lambda c: -c.score)
    if not ranked:
        return
    best = ranked[0]

    def referent(role: str, offset: int) -> Candidate:
        head = role.lower()
        before = [c for c in ranked if c.spans and c.spans[0][0] < offset]
        by_role = [c for c in before if any(r.lower().endswith(head) for r in c.roles)]
        if by_role:
            return by_role[0]
        named = [c for c in before if not (c.as_source and not c.as_victim) and _maybe_organisation(c, sentences, patterns)]
        if named:
            return max(named, key=lambda c: max(start for start, _ in c.spans if start < offset))
        return best

    subject = re.compile(
        r"(?:^|[:,;]\s*|\b(?:et|mais|que|car)\s+)(?:l'|le |la |les |the )(?P<role>[\w'-]+(?: [\w'-]+)?)(?P<rest>.*)$",
        re.IGNORECASE,
    )
    for sentence in sentences:
        for m in subject.finditer(sentence.text):
            words = m.group("role").split()
            role = next(
                (" ".join(words[:n]) for n in (2, 1) if len(words) >= n and role_words.match(" ".join(words[:n]))), None
            )
            if role is None:
                continue
            rest = (
                m.group("rest")[len(m.group("role")) - len(role) :]
                if False
                else sentence.text[m.start("role") + len(role) :]
            )
            if re.match(r"\s+(?:de |d'|des |du )?[A-ZÉ]", rest):
                continue  # the role introduces a name, counted with that name
            if patterns.subject_after.match(re.sub(r"^\s*(?:,[^,]{0,80},\s*)?", " ", rest)):
                at = sentence.start + m.start("role")
                meant = referent(role, at)
                meant.as_victim += 1
                meant.score += 1.5
                if (at, at + len(role)) not in meant.anaphora:
                    meant.anaphora.append((at, at + len(role)))


def _maybe_organisation(candidate: Candidate, sentences: list[Sentence], patterns: _Patterns) -> bool:
    """Not a place: NER's ORG or MISC, or a "LOC" named after a common noun ("des supermarchés
    Verdaline"), not after a preposition of place nor opening a dateline."""
    if set(candidate.labels) != {"LOC"}:
        return True
    start = candidate.spans[0][0]
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None:
        return False
    return not patterns.place_before.search(sentence.text[: start - sentence.start])


def _sentence_lookup(sentences: list[Sentence]) -> Callable[[int], Sentence | None]:
    starts = [s.start for s in sentences]

    def at(offset: int) -> Sentence | None:
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(sentences) and sentences[i].start <= offset < sentences[i].end + 1:
            return sentences[i]
        return None

    return at


def _extend_mentions(
    by_key: dict[str, Candidate], sentences: list[Sentence], lexicon: Lexicon, refused: Callable[[str], bool]
) -> None:
    """Find every plain-text occurrence of each candidate, so that counts do not depend on NER recall."""
    # The sentences one a line (no name holds a line break): each name is looked for once.
    text = text_of(sentences)
    starts = list(accumulate((len(s.text) + 1 for s in sentences[:-1]), initial=0))
    _add_short_forms(by_key, text, lexicon, refused)
    for candidate in by_key.values():
        forms = sorted(candidate.forms, key=len, reverse=True)
        longer = [
            c
            for c in by_key.values()
            if c is not candidate and any(f in other for f in forms for other in c.forms if len(other) > len(f))
        ]
        for at, form in whole_words(text, forms):
            i = bisect.bisect_right(starts, at) - 1
            sentence = sentences[i]
            start = sentence.start + at - starts[i]
            end = start + len(form)
            # "Orange" inside "Orange Cyberdefense" is a mention of the longer name only.
            if any(s <= start and end <= e and (s, e) != (start, end) for c in longer for s, e in c.spans):
                continue
            if (start, end) not in candidate.spans:
                # "Kestrel" inside "Kestrel’s", a mention already held, is one more form only once
                if not any(s <= start < e for s, e in candidate.spans):
                    candidate.forms[form] += 1
                candidate.spans.append((start, end))
                candidate.sentences.add(sentence.index)


_DOMAIN_NAME = re.compile(r"\w[\w-]*\.[a-z]{2,12}")
_ACRONYM_AFTER = r"\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,7})\)"
_ACRONYM_NEXT = re.compile(_ACRONYM_AFTER)


def _add_short_forms(
    by_key: dict[str, Candidate], text: str, lexicon: Lexicon, refused: Callable[[str], bool]
) -> None:
    """Forms the article names a candidate by once it is introduced: the acronym given in brackets
    ("la Société des alcools du Québec (SAQ)") and the name without a generic tail ("Promutuel" for
    "Promutuel Assurance") when that head is written alone too."""
    tails = re.compile(rf"\s+(?:{_words(lexicon, 'generic_tails')})$")
    taken = {key_of(f) for c in by_key.values() for f in c.forms}
    merged: set[int] = set()
    for candidate in list(by_key.values()):
        if id(candidate) in merged:
            continue
        for form in list(candidate.forms):
            short: list[str] = []
            introduced = re.search(re.escape(form) + _ACRONYM_AFTER, text)
            # written in its brackets only, the acronym is not a form the article uses
            if introduced and _initials_of(introduced["acronym"], form) and len(whole_words(text, [introduced["acronym"]])) > 1:
                short.append(introduced["acronym"])
            head = tails.sub("", form)
            if head != form and len(head) >= 4 and re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])(?!\s+[A-Z])", text):
                short.append(head)
            apart = by_key.get(key_of(head))
            if head != form and apart is not None and apart is not candidate and head in apart.forms:
                # "Mutuelle Sorel", found apart from "Mutuelle Sorel Assurance": the same organisation
                candidate.forms.update(apart.forms)
                candidate.absorb(apart)
                merged.add(id(apart))
                del by_key[key_of(head)]
            for name in short:
                if key_of(name) not in taken and not refused(name):
                    candidate.forms[name] += 0
                    taken.add(key_of(name))
            if _DOMAIN_NAME.fullmatch(form) and form.lower() != form and form.lower() in text:
                candidate.forms[form.lower()] += 0  # "vooruit.brussels a été piraté": a site's name in lower case


def _initials_of(acronym: str, name: str) -> bool:
    """Whether the acronym spells the name's initials ("Colorado Department of Transportation" CDOT,
    "Société des alcools du Québec" SAQ) or its capitals ("PricewaterhouseCoopers" PwC): an acronym
    that spells something else names something else ("Internet Protocol Address (IP)")."""
    words = re.findall(r"\w+", name)
    wanted = acronym.replace("&", "").casefold()
    spellings = (
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w.casefold() not in _FUNCTION_WORDS),
        "".join(c for c in name if c.isupper()),
    )
    return any(wanted == s.casefold() for s in spellings)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def whole_words(text: str, forms: list[str]) -> list[tuple[int, str]]:
    r"""Where the forms stand in the text as whole words (not beside a letter, a digit, `_` or `-`),
    without overlaps, leftmost first and, at one place, the first form in the given order: what
    `(?<![\w-])(?:form|...)(?![\w-])` finds, without compiling a pattern per name."""

    def whole(form: str, at: int) -> int:
        at = text.find(form, at)
        while at >= 0:
            before = text[at - 1] if at else ""
            after = text[at + len(form)] if at + len(form) < len(text) else ""
            if not (before and (_is_word(before) or before == "-")) and not (after and (_is_word(after) or after == "-")):
                return at
            at = text.find(form, at + 1)
        return -1

    found: list[tuple[int, str]] = []
    next_at = {form: whole(form, 0) for form in forms if form}
    while True:
        starts = [at for at in next_at.values() if at >= 0]
        if not starts:
            return found
        start = min(starts)
        form = next(f for f in next_at if next_at[f] == start)
        found.append((start, form))
        end = start + len(form)
        for f, at in next_at.items():
            if 0 <= at < end:
                next_at[f] = whole(f, end)


_ARTICLE = re.compile(r"(?:l'|le |la |les |the |an? )", re.IGNORECASE)


def _without_role(before: str, roles: Counter[str]) -> str:
    """The words before a name less its role noun, article kept: "ayant visé la société informatique"
    becomes "ayant visé la", where the verb said of the name is read."""
    stripped = before.rstrip()
    for role in roles:
        if len(role) < len(stripped) and stripped.lower().endswith(role.lower()) and not stripped[-len(role) - 1].isalnum():
            article = _ARTICLE.match(role)
            return stripped[: -len(role)] + (article.group(0) if article else "")
    return before


def _score(candidate: Candidate, sentences: list[Sentence], patterns: _Patterns, title_index: int | None) -> None:
    score = 0.0
    for start, end in candidate.spans:
        sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
        if sentence is None:
            continue
        before = _BASED_BEFORE.sub("", sentence.text[: start - sentence.start])  # "of the US-based X": "of the X"
        after = sentence.text[end - sentence.start :]
        if patterns.some_place_before.search(before[-60:]):
            continue  # "une commune du Lot-et-Garonne": the place where the one hit lies
        if patterns.country_name.match(candidate.display) and patterns.role_after.match(after):
            continue  # "an attack on Florida practice": the place says where the one hit is
        bare = _without_role(before, candidate.roles)
        object_cue = patterns.object_before.search(bare[-40:])
        source_cue = patterns.source_before.search(before[-60:]) or patterns.source_before.search(bare[-60:])
        if object_cue and source_cue and len(source_cue.group(0)) > len(object_cue.group(0)):
            object_cue = None  # "a parlé au site de X": the words that name an object are the source's
        hit_object = (
            object_cue
            or patterns.breach_after.match(after)
            or patterns.fronted_hit.search(before)
            # "X, premier quotidien du pays, ne publiera qu'une édition après avoir été victime d'une cyberattaque"
            or (_opens_sentence(sentence.text, start - sentence.start) and patterns.hit_later.match(after))
        )
        # "stolen from X" is a breach cue, whatever "from X" says of a source elsewhere; "le directeur
        # de X, indique" is X speaking of itself
        speaks = patterns.source_after.match(after) and not patterns.executive_before.search(before[-60:])
        if not hit_object and (source_cue or speaks):
            candidate.as_source += 1
            candidate.as_finder += bool(source_cue and patterns.finder_before.search(before[-60:]))
            continue
        if patterns.finder_after.match(after):
            candidate.as_source += 1
            candidate.as_finder += 1
            continue
        if patterns.parent_before.search(before[-80:]):
            candidate.as_parent += 1
            continue
        if patterns.based_after.match(after) or patterns.market_after.match(after):
            continue
        weight = 1.0
        if patterns.supplier_before.search(before[-70:]) or patterns.supplier_after.match(after):
            candidate.as_supplier += 1
            score += 0.3
            continue
        examples = patterns.example_before.search(before[-80:]) and not object_cue  # "a frappé des firmes comme X"
        if examples or (patterns.after_another.match(before) and patterns.turn_after.match(after)):
            score += 0.2  # "des enseignes comme Auchan, Picard ou Kiabi": examples, not the story
            continue
        verb = _past_a_second_subject(after, patterns.subject_after)
        if patterns.subject_after.match(verb) and not patterns.locative.search(before):
            # "un établissement à Courbevoie a été victime", "the department in Norland says it was hit": the
            # place says where, not who
            weight += 2.5
            candidate.as_victim += 1
            candidate.as_hit += bool(patterns.hit_after.match(verb))
        turn = bool(patterns.turn_of.search(before[-40:]))
        candidate.as_next += turn
        if hit_object or turn:
            weight += 2.0
            candidate.as_victim += 1
            candidate.as_hit += 1
        if sentence.index == title_index:
            weight += 2.0
        elif sentence.index <= (title_index or 0) + 2:
            weight += 0.7
        score += weight
    score += 1.5 * sum(candidate.roles.values())
    if candidate.as_source and not candidate.as_victim:
        score -= SOURCE_PENALTY * candidate.as_source
    if candidate.as_parent and not candidate.as_hit:
        score *= 0.3  # the parent group of the one hit is not the victim (SCHEMA)
    if candidate.as_finder and not candidate.as_hit:
        score *= 0.1  # the researcher or firm that found the flaw, however much it speaks of it
    candidate.score = score


def said_hit_in(candidate: Candidate, sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence says the candidate was hit: "le centre hospitalier de X a été touché par une cyberattaque"."""
    patterns = _patterns(lexicon)
    for start, end in candidate.spans:
        if not sentence.start <= start < sentence.end:
            continue
        before = sentence.text[: start - sentence.start]
        if patterns.source_before.search(before[-60:]) or patterns.locative.search(before[-30:]):
            continue
        if patterns.some_place_before.search(before[-60:]):
            continue  # "une commune du Lot-et-Garonne victime": the one hit lies there
        said = patterns.hit_after.match(_past_a_second_subject(sentence.text[end - sentence.start :], patterns.hit_after))
        if said and _HIT_WORD.search(said.group(0)):
            return True  # not "X a prévenu ses clients": one may deal with a breach at another
        # "a visé les serveurs des communes de Brévol, Niort ou encore Vannes": each town of a list said hit
        recent = before[-300:]
        if any(
            _EARLIER_IN_A_LIST.fullmatch(recent, hit.end()) for hit in patterns.hit_before_places.finditer(recent)
        ):
            return True
    return False


# The names of a list before one of them, or none: "Brévol, Niort ou encore " before "Vannes"
_EARLIER_IN_A_LIST = re.compile(rf"\s*(?:{_NAME_BEFORE}\s*(?:,|et|ou(?: encore)?|and|or)\s+(?:de |du |des |d'|of )?){{0,8}}")


# "The Department of Justice in Norland says it was hit": where the subject is, before its verb
_IN_A_PLACE = re.compile(r",?\s+in\s+(?:the\s+)?[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,2},?")


def _past_a_second_subject(after: str, verb: re.Pattern[str]) -> str:
    """The text where the verb said of a name is looked for: "Kobara (gestionnaire) et Talvane ont été
    victimes" says it of the first of two subjects too, "the Department in Norland says" of the first word."""
    for between in (_AND_NEXT_NAME.match(after), _IN_A_PLACE.match(after)):
        if between and verb.match(after[between.end() :]):
            return after[between.end() :]
    return after



_HIT_WORD = re.compile(
    r"victim|touch|vis[ée]|cibl|pirat|frapp|attaqu|paralys|compromis|hack|hit|target|breach|affect|impact"
    r"|hors ligne|hors service|inaccessible|\bdown\b|offline",
    re.I,
)


def a_court_ruling(candidate: Candidate, lexicon: Lexicon) -> bool:
    """ "The District Court signed off on the deal": a court named by the shape of its name, never said
    to be hit, rules on a breach; it had none."""
    return not candidate.as_hit and bool(_patterns(lexicon).agency_shape.fullmatch(candidate.display))


def mentions_in(candidate: Candidate, sentence: Sentence) -> bool:
    return any(sentence.start <= s < sentence.end for s, _ in candidate.spans)


def named_by_role(candidate: Candidate, sentence: Sentence) -> bool:
    """The sentence names the candidate by the role noun the article gives it ("Mairie cyberattaquée"
    for "la mairie de Betton")."""
    heads = {re.sub(r"^(?:l'|le |la |les |au |du |the )", "", r.lower()) for r in candidate.roles}
    return any(re.search(rf"(?<!\w){re.escape(h)}(?!\w)", sentence.text, re.IGNORECASE) for h in heads if len(h) > 3)


_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:le|la|les|l'|du|au|aux|des|the)\s*$", re.IGNORECASE)


def _another_name(word: str, text: str, at: int, candidate: Candidate) -> bool:
    """A trade word capitalised after an article inside a sentence ("lorsque Le Journal les a
    contactées") names another organisation, unless it is part of the candidate's own name."""
    return word[:1].isupper() and word not in candidate.display and bool(_ARTICLE_BEFORE.search(text, 0, at))


@cache
def _known_sectors() -> dict[str, str]:
    """Folded names of well-known organisations -> their sector."""
    return {key_of(name): sector for sector, names in load_common()["known_sectors"].items() for name in names}


def sector_votes(
    candidate: Candidate, sentences: list[Sentence], lexicon: Lexicon, *, document_wide: bool = True
) -> Counter[str]:
    """Votes for the victim's sector: its name (24 a word), the role nouns beside it (16), the words
    around its mentions (6), role nouns opening sentences (4), then any word of the article (1)."""
    sectors = lexicon.words("sector")
    votes: Counter[str] = Counter()
    known = _known_sectors()
    for form in {candidate.display, *candidate.forms}:
        if key_of(form) in known:
            votes[known[key_of(form)]] += 100  # "Verizon": a name the press knows, whatever the words around it
            break
    # the words of each of its names ("Lusitanian Football Federation" for "LFF"), and of a name written
    # in one ("PowerVale"); a legal word kept as its role ("Technologies") is counted there
    forms = {re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", form) for form in {candidate.display, *candidate.forms}}
    for sector in {hit.id for form in forms for hit in sectors.find(form) if hit.text not in candidate.roles}:
        votes[sector] += 24
    for role, n in candidate.roles.items():
        for hit in sectors.find(role):
            votes[hit.id] += 16 * n
    mentioned = [s for s in sentences if s.index in candidate.sentences]
    for sentence in mentioned:
        for start, _ in candidate.spans:
            if sentence.start <= start < sentence.end:
                offset = max(0, start - sentence.start - 45)
                window = sentence.text[offset : start - sentence.start + 60]
                for hit in _trade_words(sectors, window, lexicon):
                    if _NAMES_ANOTHER.match(window, hit.end):
                        continue  # "le quotidien NZZ" is another's trade
                    if _another_name(hit.text, sentence.text, offset + hit.start, candidate):
                        continue
                    votes[hit.id] += 6
    # "..., a annoncé l'enseigne": a role noun with no name after it, where the candidate is named
    # or in the sentence after, stands for it.
    anaphor = _bare_role(lexicon)
    near = {i + d for i in candidate.sentences for d in (0, 1)}
    for sentence in sentences:
        if sentence.index in near:
            for noun in anaphor.finditer(sentence.text):
                head = noun.group(0).split()[-1].removeprefix("l'")
                if _NAMES_ANOTHER.match(sentence.text, noun.end()) or _another_name(
                    head, sentence.text, noun.end() - len(head), candidate
                ):
                    continue
                for hit in sectors.find(noun.group(0)):
                    votes[hit.id] += 6
    subject_role = re.compile(r"^(?:l'|le |la |les |the )(?P<role>[\w'-]+(?: (?:de|d'|des|du) [\w'-]+)?)", re.I)
    if not document_wide:  # the article's words speak of its main victim, not of others it names
        return votes
    for sentence in sentences:
        m = subject_role.match(sentence.text)
        if m and not _NAMES_ANOTHER.match(sentence.text, m.end()):
            for hit in sectors.find(m.group(0)):
                votes[hit.id] += 4
        for hit in _trade_words(sectors, sentence.text, lexicon):
            if not _another_name(hit.text, sentence.text, hit.start, candidate):
                votes[hit.id] += 1
    return votes


def _trade_words(sectors: CueSet, text: str, lexicon: Lexicon) -> list[Hit]:
    """Sector words of a text, less those inside the name of a kind of data: "numéro d'assurance
    sociale", "données bancaires" and "dossiers médicaux" say what leaked, not who was hit."""
    hits = sectors.find(text)
    if not hits:
        return hits
    data = lexicon.cues("data").find(text)  # cached: the data extractor read the same sentences
    return [h for h in hits if not any(d.start <= h.start < d.end for d in data)]


_DATELINE = re.compile(r"\W*(?P<place>[A-ZÀ-Ý][\w'’ -]{1,40}),\s+(?:le\s+)?\d{1,2}(?:er)?\s+[a-zéû]{3,9}\.?\s+\d{4}\b")


_LOWER_WORDS = re.compile(r"[a-zà-ÿ'’ -]{0,60}")


def _nationality_of_role(candidate: Candidate, sentences: list[Sentence], lexicon: Lexicon) -> Counter[str]:
    """ "Kobara ... Le fabricant japonais a reconnu", "the Japanese firm said": a role noun with a
    nationality and no name after it, in a sentence naming the candidate or the next, stands for it."""
    countries = lexicon.words("country")
    role = _bare_role(lexicon)
    votes: Counter[str] = Counter()
    near = {i + d for i in candidate.sentences for d in (0, 1)}
    for sentence in sentences:
        if sentence.index not in near:
            continue
        for m in role.finditer(sentence.text):
            after = sentence.text[m.end() : m.end() + 30]
            hit = next((h for h in countries.find(after) if h.start == 1), None)
            if hit and not _NAMES_ANOTHER.match(after, hit.end):
                votes[hit.id] += 1
        for m in _role_after_nationality(lexicon).finditer(sentence.text):
            votes.update(h.id for h in countries.find(m.group("nationality")))
    return votes


def _listed_with_organisations(
    entities: list[tuple[int, int, str]], sentence_at: Callable[[int], Sentence | None]
) -> set[str]:
    """ "Brico Sud, Valmy et Jean Roussel": names NER took for persons', in one list with an
    organisation's name, are organisations' too."""
    runs: list[list[tuple[str, str]]] = []
    previous: tuple[int, Sentence] | None = None
    for start, end, label in sorted(entities):
        sentence = sentence_at(start)
        if sentence is None:
            previous = None
            continue
        name = (sentence.text[start - sentence.start : end - sentence.start], label)
        joined = previous is not None and previous[1] is sentence and _LIST_JOIN.fullmatch(
            sentence.text[previous[0] - sentence.start : start - sentence.start]
        )
        if joined:
            runs[-1].append(name)
        else:
            runs.append([name])
        previous = (end, sentence)
    return {
        text
        for run in runs
        if any(label == "ORG" for _, label in run)
        for text, label in run
        if label in ("PER", "PERSON")
    }


_LIST_JOIN = re.compile(r",\s*|\s+(?:et|and|ou|or)\s+|,\s*(?:et|and|ou|or)\s+")


def _both_named_apart(first: str, second: str, pair: str, text: str) -> bool:
    """ "Kobara et Talvane", each of them also named without the other: two organisations."""
    rest = text.replace(pair, " ")
    return _named_alone(first, rest) and _named_alone(second, rest)


def _named_alone(name: str, text: str) -> bool:
    """A name the text also writes on its own, not followed by a capitalised word."""
    if not name or name.split()[-1].lower() in _SMALL_WORDS:
        return False
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+[A-ZÀ-Ý])", text) is not None


@cache
def _country_after_name(lexicon: Lexicon) -> re.Pattern[str] | None:
    """A country's own name right after a company's ("Velcom Allemagne", "Norel Belgique"), from the
    lexicon's "en Allemagne", "au Canada": one named group per country."""
    groups = []
    for country, words in lexicon.raw["country"].items():
        if not isinstance(words, list):
            continue
        names = [w.split(" ", 1)[1] for w in words if re.match(r"(?:en|au|aux) (?-i:[A-ZÉ])", w)]
        if names and country.isalpha():
            groups.append(rf"(?P<{country}>{'|'.join(names)})")
    return re.compile(rf"\s+(?:{'|'.join(groups)})\b") if groups else None


@cache
def _role_after_nationality(lexicon: Lexicon) -> re.Pattern[str]:
    """ "the Japanese company": the nationality before an English role noun."""
    return re.compile(rf"\bthe (?P<nationality>(?-i:[A-Z])[a-z]+) {_bare_roles(lexicon)}", re.IGNORECASE)


def country_of(candidate: Candidate, sentences: list[Sentence], lexicon: Lexicon) -> str | None:
    """A nationality word beside the victim's name or a role noun standing for it ("le studio
    montréalais"), else the language's default country."""
    countries = lexicon.words("country")
    others = _patterns(lexicon).others_before
    votes: Counter[str] = Counter()
    for start, end in [*candidate.spans, *candidate.anaphora]:
        sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
        if sentence is None:
            continue
        offset = max(0, start - sentence.start - 70)
        window = sentence.text[offset : end - sentence.start + 35]
        for hit in countries.find(window):
            # "le groupe hôtelier japonais Kanto", "le fabricant lyonnais de pièces détachées Kanto": in
            # the role words right before the name, the nationality is the name's
            between = sentence.text[offset + hit.end : start - sentence.start]
            next_to_name = offset + hit.end <= start - sentence.start and bool(_LOWER_WORDS.fullmatch(between))
            near = start - sentence.start - (offset + hit.start) <= 35 or offset + hit.start >= start - sentence.start
            if next_to_name or (
                near and not others.search(sentence.text, max(0, offset + hit.start - 40), offset + hit.start)
            ):
                votes[hit.id] += 1
    after_name = _country_after_name(lexicon)
    for start, end in candidate.spans:
        sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
        named = after_name.match(sentence.text, end - sentence.start) if sentence and after_name else None
        if named:
            votes[named.lastgroup or ""] += 2  # "Velcom Allemagne": the company's branch in that country
    if not votes:
        votes.update(_nationality_of_role(candidate, sentences, lexicon))
    places = lexicon.raw.get("country_places")
    if places:
        place_words = lexicon.words("country_places")
        for start, end in [*candidate.spans, *candidate.anaphora]:
            sentence = next((s for s in sentences if s.start <= start < s.end + 1), None)
            if sentence is not None:
                window = sentence.text[max(0, start - sentence.start - 35) : end - sentence.start + 35]
                votes.update(hit.id for hit in place_words.find(window))
        if not votes:
            # "Genève", "le Préposé fédéral", "300 000 Belges": places, bodies and nationalities said
            # twice place the story abroad, unless the article says France as often
            abroad = Counter(hit.id for sentence in sentences for hit in place_words.find(sentence.text))
            dateline = next((_DATELINE.match(s.text) for s in sentences[:3] if _DATELINE.match(s.text)), None)
            if dateline:  # "QUÉBEC, le 28 janv. 2025 /CNW/": a release dated from its town
                abroad.update(hit.id for hit in place_words.find(dateline.group("place")))
            nationalities = Counter(hit.id for sentence in sentences for hit in countries.find(sentence.text))
            abroad.update({country: n for country, n in nationalities.items() if country in abroad})
            home = lexicon.raw["country"].get("default")
            if abroad and abroad.most_common(1)[0][1] >= 2 and abroad.most_common(1)[0][1] > nationalities[home]:
                votes = abroad
    near_name = bool(votes)
    if not votes and lexicon.raw["country"].get("article_wide"):
        # English reports place the victim by dateline, "-based" and the bodies it told
        # ("CHANDLER, Ariz.", "the Information Commissioner's Office") rather than by nationality.
        for sentence in sentences:
            for hit in countries.find(sentence.text):
                votes[hit.id] += 1
    default: str | None = lexicon.raw["country"].get("default")
    if votes:
        best = votes.most_common(1)[0][1]
        if votes.get(default or "") == best:
            # a tie: home, unless the language's home is only the most likely of many and the words
            # are the name's own ("Richmond" is a US city, inside an English borough council's name)
            tied = [country for country, n in votes.items() if n == best and country != default]
            return tied[0] if tied and near_name and lexicon.raw["country"].get("ties_abroad") else default
        return votes.most_common(1)[0][0]
    return default
