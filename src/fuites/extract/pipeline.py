"""Raw article -> Document: clean, cut into sentences, run each extractor, assemble the incidents."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import cast

from fuites.clean import clean
from fuites.extract import nlp
from fuites.extract.attack import actors_named, find_attacks, resolve_actors, resolve_attacks
from fuites.extract.authorities import find_authorities, find_notifications
from fuites.extract.data import find_data, resolve
from fuites.extract.dates import DateContext, DateMention, PartialDate, find_dates, infer_published, parse_iso
from fuites.extract.language import detect_language
from fuites.extract.numbers import ACCOUNT_NOUNS, Count, find_counts
from fuites.extract.prefilter import may_report_incident
from fuites.extract.related import (
    Thread,
    recalled_sentences,
    recalls_other_incident,
    route,
    supplier_threads,
)
from fuites.extract.text import Sentence, split_sentences
from fuites.extract.victim import (
    Candidate,
    a_court_ruling,
    bare_role_mention,
    country_of,
    find_candidates,
    is_byline,
    mentions_in,
    named_by_role,
    sector_votes,
)
from fuites.ingest.article import RawArticle
from fuites.models import Affected, Document, Incident, Qualifier, Span
from fuites.vocab import Hit, Lexicon, load, load_common

EXTRACTOR_VERSION = "fuites-rules-1"
# NER reads the head of the article, and later only the sentences that tell of a breach: the victim
# is named in the title and lead, names met later are found by patterns and by looking up the names
# already known; NER is most of the extraction time.
NER_CHARS = 1_000
SUPPORTED = ("fr", "en")
# The language of an article ruled out is only informative: a shorter sample tells it.
RULED_OUT_SAMPLE = 160
# Bounds on what one article may cost, so that no text stalls a batch or the server: the text read
# (real articles are far shorter; the rest of a longer one is kept but not read), and the time after
# which extraction stops between two steps, with what it found so far.
MAX_CHARS = 200_000
TIME_BUDGET_S = 30.0


@dataclass
class _Prepared:
    raw: RawArticle
    text: str
    sentences: list[Sentence]
    lang: str
    title_index: int | None
    published: PartialDate | None
    warnings: list[str] = field(default_factory=list)
    # False when the prefilter rules the article out: no breach cue in any language
    may_report: bool = True
    budget: float = TIME_BUDGET_S
    deadline: float = float("inf")  # set when its own extraction starts, after the batch's NER
    # The candidates found without NER by the cheap test, and the actors they were found with.
    plain: tuple[frozenset[str], list[Candidate]] | None = None


def extract(
    text: str,
    *,
    published: str | None = None,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Document:
    """Read one article into its incident record.

    >>> extract("Orange a reconnu le vol des noms de 1,3 million de clients.").primary.victim
    'Orange'
    """
    raw = RawArticle(doc_id=doc_id or "article", source="<text>", text=text, title=title, published=published, url=url)
    return next(extract_articles([raw]))


def extract_articles(
    articles: Iterable[RawArticle],
    *,
    today: dt.date | None = None,
    batch_size: int = 32,
    time_budget: float = TIME_BUDGET_S,
) -> Iterator[Document]:
    """Documents for raw articles, in order; NER runs in batches over the articles of each language.

    An article whose extraction takes more than `time_budget` seconds stops with what it found so
    far and a warning."""
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        prepared = [_prepare(raw, time_budget) for raw in batch]
        entities: dict[int, nlp.Entities] = {}
        # Only a language with a NER model has a model run to spare.
        for lang in {p.lang for p in prepared if p.lang in SUPPORTED and p.lang in nlp.MODELS}:
            indexes = [
                i for i, p in enumerate(prepared) if p.lang == lang and p.may_report and not _victim_is_plain(p)
            ]
            chunks = [(i, offset, text) for i in indexes for offset, text in _ner_chunks(prepared[i])]
            found_in = nlp.entities(lang, (text for _, _, text in chunks))
            for (i, offset, _), found in zip(chunks, found_in, strict=True):
                entities.setdefault(i, []).extend((offset + a, offset + b, label) for a, b, label in found)
        for i, p in enumerate(prepared):
            yield _assemble(p, entities.get(i, []), today or dt.date.today())


def _ner_chunks(p: _Prepared) -> list[tuple[int, str]]:
    """What NER reads of an article, each with its offset: the head, cut at a sentence end so that no
    name is cut in two, then each later sentence that tells of a breach or recalls another incident,
    where the victims of recalled incidents are named ("la Direction X avait déjà subi une attaque")."""
    ends = [s.end for s in p.sentences if s.end <= NER_CHARS]
    head_end = ends[-1] if ends else NER_CHARS
    lexicon = load(p.lang)
    breach = lexicon.pattern("reports", "breach")
    later = [
        (s.start, s.text)
        for s in p.sentences
        if s.start >= head_end and (breach.search(s.text) or recalls_other_incident(s, lexicon))
    ]
    return [(0, p.text[:head_end]), *later]


# Two or three capitalised words in lower case after their capital: a person's name or a company's.
_PERSON_SHAPED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'-]+(?: [A-ZÀ-Ý][a-zà-ÿ'-]+){1,2}")


def _hit_before_a_place(candidates: list[Candidate]) -> Candidate | None:
    """The best candidate, unless it is a place never said to be hit ("la région de Valmont") and an
    organisation said to be hit comes close behind it."""
    if not candidates:
        return None
    best = candidates[0]
    if best.as_victim or set(best.labels) != {"LOC"}:
        return best
    return next((c for c in candidates[1:4] if c.as_victim and c.as_hit and c.score >= best.score / 2), best)


def _victim_is_plain(p: _Prepared) -> bool:
    """The cheap test before the model: patterns alone already name a victim that breach verbs are
    said of, early in the article, so NER would add nothing. An article that recalls other incidents
    needs NER for their victims ("Après Boulanger, au tour de ...")."""
    lexicon = load(p.lang)
    if any(recalls_other_incident(s, lexicon) for s in p.sentences):
        p.plain = None
        return False
    actors = {a.name for a in actors_named(p.sentences[:12], lexicon, article=p.sentences)}
    candidates = find_candidates(p.sentences, [], lexicon, actors, p.title_index)
    p.plain = (frozenset(actors), candidates)
    if not candidates:
        return False
    best = candidates[0]
    if _PERSON_SHAPED.fullmatch(best.display):
        return False  # "Gérald Darmanin" or "Mondial Relay": NER tells a person from a company
    if re.search(rf"[A-ZÀ-Ý][\w-]*\s+[dD]['’]{re.escape(best.display)}\b", p.text):
        return False  # "Ivoire" of "Air Côte d'Ivoire": the end of a longer name, which NER reads whole
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    early = min(best.sentences) <= (p.title_index or 0) + 1
    return best.as_victim >= 1 and early and best.score >= 2 * runner_up and best.score >= 4


def _prepare(raw: RawArticle, time_budget: float = TIME_BUDGET_S) -> _Prepared:
    body = raw.text
    if body is None and raw.html is not None:
        from fuites.ingest.html import read_html

        body = read_html(raw.html, raw.doc_id, raw.source).text
    body = body or ""
    title = (raw.title or "").strip()
    if title and not body.lstrip().startswith(title[:40]):
        body = f"{title}\n{body}"
    cleaned = clean(body)
    warnings: list[str] = []
    read = cleaned.text
    if len(read) > MAX_CHARS:
        read = read[:MAX_CHARS]
        warnings.append(
            f"article of {len(cleaned.text):,} characters: only its first {MAX_CHARS:,} were read for extraction"
        )
    may_report = may_report_incident(read)
    lang = detect_language(read, sample=None if may_report else RULED_OUT_SAMPLE)
    # The relevance decision needs a sentence that tells of an incident: an article with none of
    # those cues anywhere is decided here, before sentences, NER and extractors.
    may_report = may_report and lang in SUPPORTED and bool(load(lang).pattern("reports", "incident").search(read))
    published = parse_iso(raw.published) or parse_iso(cleaned.header_published)
    if published is None and cleaned.header_line:
        published = _date_of_line(cleaned.header_line, lang)
    # An article ruled out needs its sentences only to find its own date.
    sentences = split_sentences(read) if may_report or published is None else []
    if published is None:
        published = _dateline(sentences, lang)
    if lang not in SUPPORTED:
        warnings.append(f"language '{lang}' is not supported yet: no record extracted")
    title_index = _title_index(sentences)
    return _Prepared(
        raw, cleaned.text, sentences, lang, title_index, published, warnings, may_report=may_report, budget=time_budget
    )


def _title_index(sentences: list[Sentence]) -> int | None:
    """The headline: a short first line that does not end like a sentence."""
    for sentence in sentences[:4]:
        text = sentence.text
        if is_byline(text):
            continue
        if len(text) < 25 and not re.search(r"[:,]", text) and sentence.index == 0 and len(sentences) > 1:
            continue  # a byline ("Nicolas Gouhier")
        if len(text) < 200 and not text.endswith((".", "!", "?", "»")) and not text.startswith("-"):
            return sentence.index
        return None
    return None


def _date_of_line(line: str, lang: str) -> PartialDate | None:
    sentence = Sentence(0, 0, len(line), line, 0)
    context = DateContext(None, dt.date.today())
    dates = [m.date for m in find_dates([sentence], load(lang), context) if m.date.year]
    return dates[0] if dates else None


_DATELINES = (
    re.compile(r"^[A-ZÉÈ][\w'’ .-]{1,40}(?:\s*\([^)]{1,30}\))?\s*,\s*(?:le\s+)?(?P<date>[^-–—(:]{6,30}?)\s*[-–—(:]"),
    # "GRAND RAPIDS, Mich. (Aug. 16, 2024) —": the date in brackets after the place
    re.compile(r"^[A-ZÉÈ][\w'’ .-]{1,40}(?:,\s*[A-Z][\w.]{1,14})?\s*\((?P<date>[^)]{6,30})\)\s*[-–—:]"),
    # "BRUXELLES, 18 novembre 2025" on a line of its own
    re.compile(
        r"^[A-ZÉÈ][\w'’ .-]{1,40}(?:\s*\([^)]{1,30}\))?,\s*(?:le\s+)?(?P<date>[^-–—(:,]{6,30}(?:19|20)\d\d)\.?\s*$"
    ),
)


# The lines above an article's text where a page prints its date, after its menus, title and byline.
_HEADER_LINES = 6
_CLOCK = re.compile(
    r",?\s*(?:à|at)?\s*\d{1,2}[:h]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]\d{1,2})?\s*$"
)
# What a page prints before its date: "Author: Jeanne Roy Published", "Information publiée le", "information
# fournie par Le Courrier", "Mis à jour le"
_DATE_PREFIX = re.compile(
    r"^(?:(?:author|auteur|par|by)\s*:?\s*(?-i:[A-ZÀ-Ý][\w'’.-]*\s+){1,3})?"
    r"(?:(?:publi[ée]e?|mise? à jour|modifi[ée]e?|actualis[ée]e?|published|updated|posted)(?:\s+(?:le|on))?\s*:?\s*)"
    # a page's source line, which a broken line may have glued to the headline
    r"|^.*?\binformation (?:publiée le|fournie par(?:\s+(?-i:[A-ZÀ-Ý][\w'’.-]*)){1,3})\s+",
    re.IGNORECASE,
)


def _dateline(sentences: list[Sentence], lang: str) -> PartialDate | None:
    """A wire-style opening ("PARIS, 9 juillet 2025 - ..."), or a first line that is only a date
    ("Nov. 8, 2025")."""
    for sentence in sentences[:_HEADER_LINES]:
        # "16 Jan, 2026", "(19/05/2024)", "Par la rédaction | 7 août 2019 | Mis à jour ...", "Staff Writer |
        # January 7, 2025 1:05 AM": a date alone on a header line or between its bars, its hour left out,
        # in the page's language or in English
        # and "[Mis à jour le 4 mai 2017 à 7h30] Les services ...": a date in brackets opening the lead
        parts = [
            _CLOCK.sub("", _DATE_PREFIX.sub("", p.strip(" ()[]."))).strip(" ()[].")
            for p in re.split(r"\s*[|\]]\s*|\s+[-–—]\s+", sentence.text)
        ]
        for part in parts:
            # "24 Jul 2020 News": the section's name may follow the date
            part = re.sub(r"(?<=\d\d)\s+[A-ZÀ-Ý][a-zà-ÿ]{2,15}$", "", part)
            if len(part) <= 24 and re.search(r"\b(?:19|20)\d\d(?:-\d\d-\d\d)?$", part):
                for language in dict.fromkeys((lang, "en")):
                    date = _date_of_line(part, language)
                    if date and date.year and date.day:
                        return date
        for dateline in _DATELINES:
            m = dateline.match(sentence.text)
            date = _date_of_line(m.group("date"), lang) if m else None
            if date and date.year:
                return date
    return None


def _assemble(p: _Prepared, entities: nlp.Entities, today: dt.date) -> Document:
    p.deadline = time.monotonic() + p.budget
    document = Document(
        doc=p.raw.doc_id,
        lang=p.lang,
        title=p.raw.title,
        url=p.raw.url,
        text=p.text,
        warnings=p.warnings,
        extractor=EXTRACTOR_VERSION,
    )
    if p.lang not in SUPPORTED or not p.sentences:
        document.published = p.published.iso() if p.published else None
        return document
    lexicon = load(p.lang)
    published = p.published
    # First pass: dates whose year only a weekday can fix tell the article's own date.
    dates = find_dates(p.sentences, lexicon, DateContext(published, today))
    if published is None:
        published = infer_published(dates)
        if published is not None:
            dates = find_dates(p.sentences, lexicon, DateContext(published, today))
    elif published.day is None:
        # "date 2026-04" above "Ce mardi 14 avril, ...": the text fixes the day of the month given
        month = (published.year, published.month)
        own = next((m.date for m in dates if m.own_day and (m.date.year, m.date.month) == month), None)
        if own is not None:
            published = own
            dates = find_dates(p.sentences, lexicon, DateContext(published, today))
    document.published = published.iso() if published else None
    if not p.may_report:
        return document
    if _out_of_time(p, "dates"):
        document.warnings = p.warnings
        return document

    actor_mentions = actors_named(p.sentences, lexicon)
    actors = {a.name for a in actor_mentions}
    recalled = recalled_sentences(p.sentences, lexicon)
    if not entities and p.plain is not None and p.plain[0] == actors:
        candidates = p.plain[1]  # found the same way by the cheap test before NER
    else:
        candidates = find_candidates(p.sentences, entities, lexicon, actors, p.title_index)
    _discount_recalled(candidates, recalled)
    primary = _hit_before_a_place(candidates)
    threads = route(p.sentences, candidates, primary, lexicon, p.title_index)
    threads += supplier_threads(p.sentences, candidates, primary, threads, lexicon)

    incidents: list[Incident] = []
    for thread in threads:
        if _out_of_time(p, "incidents"):
            break
        incident = _incident(thread, p, lexicon, dates, published, primary)
        if incident is not None:
            if thread.alongside and incidents and incidents[0].primary:
                _share_attackers(incident, incidents[0])
            incidents.append(incident)
    document.warnings = p.warnings
    main = incidents[0] if incidents and incidents[0].primary else None
    if main is not None:
        _same_group(main, incidents[1:], p.text, lexicon)
    evidence = _reports_incident(main, p, lexicon, primary) if main is not None else None
    if evidence is None:
        document.reports_incident = False
        document.incidents = []
        return document
    document.reports_incident = True
    document.incidents = incidents
    document.evidence["reports_incident"] = [evidence.span()]
    return document


def _out_of_time(p: _Prepared, step: str) -> bool:
    """The article's time budget is spent: said once in its warnings, and the caller stops."""
    if time.monotonic() <= p.deadline:
        return False
    p.warnings.append(f"extraction stopped at {step}: the article took longer than its time budget, its record may be incomplete")
    return True


def _discount_recalled(candidates: list[Candidate], recalled: set[int]) -> None:
    """A name met only in sentences that recall other incidents is not the article's victim."""
    for candidate in candidates:
        if candidate.sentences and candidate.sentences <= recalled and not candidate.as_next:
            candidate.score *= 0.3
    candidates.sort(key=lambda c: (-c.score, min(c.sentences) if c.sentences else 0))


def _incident(
    thread: Thread,
    p: _Prepared,
    lexicon: Lexicon,
    dates: list[DateMention],
    published: PartialDate | None,
    primary: Candidate | None,
) -> Incident | None:
    victim = thread.victim
    if victim is None:
        return None
    sentences = thread.sentences
    indexes = {s.index for s in sentences}
    evidence: dict[str, list[Span]] = {}

    def cite(field_name: str, sentence_index: int) -> None:
        sentence = p.sentences[sentence_index]
        spans = evidence.setdefault(field_name, [])
        if sentence.span() not in spans:
            spans.append(sentence.span())

    for start, _ in victim.spans:
        for s in sentences:
            if s.start <= start < s.end:
                cite("victim", s.index)

    actor_mentions = actors_named(sentences, lexicon, {victim.display}, article=p.sentences)
    actors = resolve_actors(actor_mentions)
    for a in actor_mentions:
        cite("actors", a.sentence)
    data_mentions = [m for s in sentences for m in find_data(s, lexicon)]
    data, data_not = resolve(data_mentions)
    attacks = [m for s in sentences for m in find_attacks(s, lexicon)]
    implied = ["ransomware"] if actors and _ransomware_group(actors, lexicon, sentences) else []
    attack_ids = resolve_attacks(attacks, lexicon, implied, data_taken=bool(data))
    if thread.supplier:
        attack_ids = [a for a in attack_ids if a != "supplier"]  # it was the way in, not a way into it
    ransom_demand = lexicon.value("attack_rules", "ransom")  # read as extortion or ransomware above
    for attack in attacks:
        if attack.id in attack_ids or attack.id == ransom_demand:
            cite("attack", attack.sentence)

    for mention in data_mentions:
        cite("data_not" if mention.id in data_not and mention.negated else "data", mention.sentence)

    counts = [c for s in sentences for c in find_counts(s, lexicon)]
    affected, only_people = _affected(counts, sentences, lexicon, thread.primary)
    for c in counts:
        if affected and c.value == affected.count:
            cite("affected", c.sentence)

    authorities: list[str] = []
    notified = False
    channels: list[str] = []
    telling: set[int] = set()  # sentences where the victim tells the affected people
    for s in sentences:
        for notice in find_authorities(s, lexicon):
            if any(a <= notice.start < b for a, b in victim.spans):
                continue  # "la zone de police de Valdor" hit: the victim's name, no authority told
            if notice.id not in authorities:
                authorities.append(notice.id)
            cite("authorities", notice.sentence)
        for notice in find_notifications(s, lexicon):
            telling.add(s.index)
            if notice.kind == "notified":
                notified = True
                cite("notified_individuals", notice.sentence)
            elif notice.id not in channels:
                channels.append(notice.id)
                cite("channels", notice.sentence)

    # "En 2024, 144 communes ont été visées": a tally's year dates no incident of the article
    statistic = lexicon.pattern("reports", "statistics")
    own_dates = [d for d in dates if d.sentence in indexes and not statistic.search(p.sentences[d.sentence].text)]
    if thread.primary:
        others_before = lexicon.pattern("date_clauses", "others_before")
        own_dates = [d for d in own_dates if not others_before.search(_text_before(d, p.sentences))]
    roles = _date_roles(own_dates, p.sentences, lexicon, telling)
    if not thread.primary:
        named = _date_after_name(victim, own_dates, p.sentences, lexicon)
        if named is not None:
            roles["occurred"] = named
    for role, dated in roles.items():
        cite(role, dated.sentence)
    disclosed = roles.get("disclosed")
    disclosed_iso = disclosed.date.iso() if disclosed else None
    if disclosed_iso is None and thread.primary and published is not None and published.year:
        # The article is the report, or quotes the victim with no other date.
        disclosed_iso = published.iso()

    # A recalled incident of another organisation reads its sector from its own name and context;
    # of the same organisation, or when nothing is said of the other, from the whole article.
    sector_vote = sector_votes(victim, p.sentences, lexicon, document_wide=False)
    if thread.primary or victim is primary or not sector_vote:
        # the article's words vote, less those of the incidents it recalls
        sector_vote = sector_votes(victim, thread.sentences if thread.primary else p.sentences, lexicon)
    if not sector_vote and thread.primary:
        # "Ce n'est pas la première fois que la compagnie aérienne ...": a recalled incident's sentence
        # still says what the victim does, when nothing else does
        sector_vote = sector_votes(victim, p.sentences, lexicon)
    sector = sector_vote.most_common(1)[0][0] if sector_vote else "other"
    if affected and only_people and affected.who == ["users"]:
        # "40 000 personnes" and nothing else said of them: the people such a body serves
        served = load_common()["served_by_sector"].get(sector)
        affected = affected.model_copy(update={"who": [served]}) if served else affected
    return Incident(
        primary=thread.primary,
        victim=victim.display,
        sector=sector,
        country=country_of(victim, p.sentences, lexicon),
        attack=attack_ids,
        actors=actors,
        affected=affected,
        data=data,
        data_not=data_not,
        occurred=roles["occurred"].date.iso() if "occurred" in roles else None,
        discovered=roles["discovered"].date.iso() if "discovered" in roles else None,
        disclosed=disclosed_iso,
        authorities=authorities,
        notified_individuals=notified,
        channels=channels if notified else [],
        evidence=evidence,
    )


_ENCRYPTION = re.compile(r"ransom|ran[çc]on|chiffr|crypt", re.IGNORECASE)


def _share_attackers(other: Incident, main: Incident) -> None:
    """An organisation hit in the same wave ("X et Y sont également touchés") was hit by the main
    incident's attackers and their means, unless its own sentences say otherwise."""
    if not other.actors and main.actors:
        other.actors = list(main.actors)
        other.evidence["actors"] = list(main.evidence.get("actors", []))
    if not other.attack and main.attack:
        other.attack = list(main.attack)
        other.evidence["attack"] = list(main.evidence.get("attack", []))


def _same_group(main: Incident, others: list[Incident], text: str, lexicon: Lexicon) -> None:
    """ "X claimed the attack - the same group that hit Y last month": a group named beside an earlier
    victim as "the same group" is the main incident's attacker too."""
    same = lexicon.pattern("actors", "same_group")
    if main.actors:
        return
    for other in others:
        said = [(a, b) for a, b in other.evidence.get("actors", []) if same.search(text, a, b)]
        if other.actors and said:
            main.actors = list(other.actors)
            main.evidence["actors"] = said
            return


def _ransomware_group(actors: list[str], lexicon: Lexicon, sentences: list[Sentence]) -> bool:
    """A group known for ransomware named as the attacker makes it a ransomware attack, unless the
    article says nothing was encrypted this time (such groups also steal and extort without it)."""
    groups = lexicon.raw["actors"].get("ransomware_groups", [])
    if not any(re.match(rf"(?:{g})\b", a, re.IGNORECASE) for a in actors for g in groups):
        return False
    ruled_out = lexicon.pattern("attack_rules", "negated")
    return not any(
        _ENCRYPTION.search(m.group(0)) for s in sentences for m in ruled_out.finditer(s.text)
    )


def _affected(
    counts: list[Count], sentences: list[Sentence], lexicon: Lexicon, primary: bool
) -> tuple[Affected | None, bool]:
    """The count of who was hit: the first stated figure that is not a customer base, a figure
    rather than an order of magnitude ("des milliers de comptes" in the standfirst, "un peu moins
    de 18 000 comptes" in the text); and whether its people were only said to be people."""
    # "Le groupe compte 3 700 salariés": a figure said as the victim's size is its size wherever no
    # sentence tells of the breach beside it ("les données RH des 140 salariés ont été dérobées")
    sizes = {c.value for c in counts if c.base}
    told = set(map(id, _told_counts(counts, sentences, lexicon)))
    # "la Cnil signalait un doublement des incidents touchant plus d'un million de personnes": a statistic
    statistic = lexicon.pattern("reports", "statistics")
    statistics = {s.index for s in sentences if statistic.search(s.text)}
    stated = [
        c
        for c in counts
        if not c.base
        and (c.value not in sizes or id(c) in told)
        and c.sentence not in statistics
        and not _said_unaffected(c, sentences, lexicon)
        and not _of_the_one_before(c, sentences, lexicon)
    ]
    people = [c for c in stated if c.who[:1] != ("records",)]  # "7 milliards de fichiers" counts records
    figures_of_records = [c for c in stated if c.qualifier != "order" and c.who[:1] == ("records",)]
    if all(c.qualifier == "order" for c in people) and any(all(f.value > c.value for c in people) for f in figures_of_records):
        people = []  # "340 million records" said, "millions of citizens" only in passing: the figure
    pool = people or stated
    pool = _told_counts(pool, sentences, lexicon) or pool
    figures = [c for c in pool if c.qualifier != "order"]
    if not figures:
        # "des dizaines de milliers d'utilisateurs" told, "quelque 45 000 utilisateurs" said elsewhere: the
        # figure that falls within the order of magnitude is the same count, said more precisely
        # ("des milliers de clients", "quelque 30 000 clients": thousands are read loosely, up to a hundredfold)
        figures = [c for c in stated if c.qualifier != "order" and any(o.value <= c.value < 100 * o.value for o in pool)]
    chosen = (figures or pool)[0] if pool else None
    if chosen is not None and chosen.qualifier == "at_least":
        # "plus de 200 000" in the title, "214 000" in the text: the figure the bound rounds down
        sharper = [
            c
            for c in stated
            if c.qualifier == "exact" and chosen.value < c.value < 1.5 * chosen.value
            and (chosen.vague or c.vague or set(c.who) & set(chosen.who))
        ]
        chosen = sharper[0] if sharper else chosen
    who = _who(sentences, lexicon, chosen)
    if chosen is None:
        return (Affected(count=None, qualifier=None, who=who) if who else None), False
    # Headlines drop qualifiers: "420 000 abonnés" in the title, "environ 420 000" in the text.
    # A bound said elsewhere of the same figure ("up to 3 million") is more precise than "3 million".
    qualifiers = [c.qualifier for c in stated if c.value == chosen.value and c.qualifier != "exact"]
    bounds = [q for q in qualifiers if q in ("at_least", "at_most")]
    if chosen.qualifier == "exact" and qualifiers:
        chosen = replace(chosen, qualifier=qualifiers[0])
    elif chosen.qualifier == "approx" and bounds:
        chosen = replace(chosen, qualifier=bounds[0])
    if chosen.vague and len(who) > 1:
        # "800 000 personnes": who they are comes from the rest of the article
        who = [w for w in who if w != "users"] if who.index("users") == 0 else who
    who = who or list(chosen.who)
    return Affected(count=chosen.value, qualifier=cast(Qualifier, chosen.qualifier), who=who), chosen.vague


def _of_the_one_before(count: Count, sentences: list[Sentence], lexicon: Lexicon) -> bool:
    """ "Après la FFT et ses 1,2 million de licenciés, c'est au tour de ...": a figure said before the
    turn of the article's victim is the earlier victim's."""
    if not lexicon.value("victim", "after_another") or not lexicon.value("victim", "turn_of"):
        return False
    sentence = next((s for s in sentences if s.index == count.sentence), None)
    if sentence is None or not lexicon.pattern("victim", "after_another").match(sentence.text.lstrip(" «\"'(")):
        return False
    return bool(lexicon.pattern("victim", "turn_of").search(sentence.text, count.end - sentence.start))


def _said_unaffected(count: Count, sentences: list[Sentence], lexicon: Lexicon) -> bool:
    """ "its 38 stores were not affected": a figure the article says was spared."""
    sentence = next((s for s in sentences if s.index == count.sentence), None)
    if sentence is None:
        return False
    after = _CLAUSE_END.split(sentence.text[count.end - sentence.start :][:_NEGATION_REACH], maxsplit=1)[0]
    return bool(lexicon.pattern("negation", "verbal_before").search(after))


_NEGATION_REACH = 40
_CLAUSE_END = re.compile(r"[;:]|\b(?:but|mais|and|et)\b")


def _told_counts(counts: list[Count], sentences: list[Sentence], lexicon: Lexicon) -> list[Count]:
    """The counts of sentences that tell of the breach ("the numbers of 2.4 million users were published"),
    not of the victim's audience ("90 million people use the app every day")."""
    cues = [lexicon.pattern("reports", "incident"), lexicon.pattern("reports", "breach"), lexicon.pattern("who_rules", "hit")]
    text = {s.index: s.text for s in sentences}
    return [c for c in counts if any(cue.search(text.get(c.sentence, "")) for cue in cues)]


def _who(sentences: list[Sentence], lexicon: Lexicon, chosen: Count | None) -> list[str]:
    """Who was hit: the noun of the count, and the people whose data the article says was taken."""
    found: list[str] = list(chosen.who) if chosen else []
    who = lexicon.words("who")
    for sentence in sentences:
        for pattern in lexicon.each("who_rules", "affected_people"):
            for m in pattern.finditer(sentence.text):
                for hit in who.find(m.group("who")):
                    if hit.id not in found and hit.id != "records" and hit.text.lower() not in _NOT_WHO:
                        found.append(hit.id)
    return found


_VAGUE_PEOPLE = {"personnes", "people", "individuals", "personne"}
_NOT_WHO = _VAGUE_PEOPLE | ACCOUNT_NOUNS  # "accounts" say whose only with a noun after them


def _date_roles(
    mentions: list[DateMention], sentences: list[Sentence], lexicon: Lexicon, telling: set[int]
) -> dict[str, DateMention]:
    """Each date takes the role of the cue that governs it (the nearest one before it in its clause,
    else the one right after it); per role, the earliest date. A date no cue governs in a sentence
    where the victim tells the affected people ("les courriers arrivent depuis lundi") is when it
    disclosed the breach to them."""
    role_cues = lexicon.cues("date_roles")
    reporting = lexicon.pattern("date_clauses", "reporting")
    new_clause = lexicon.pattern("date_clauses", "new_clause")
    cleft = lexicon.pattern("date_clauses", "cleft")
    best: dict[str, DateMention] = {}
    for mention in mentions:
        if mention.date.month is None and mention.date.year is None:
            continue
        sentence = sentences[mention.sentence]
        start, end = mention.start - sentence.start, mention.end - sentence.start
        hits = _events_dated(role_cues.find(sentence.text), sentence.text, reporting)
        if cleft.search(sentence.text, 0, start):
            # the date is the focus of "c'est ... que": the verb after "que" governs it
            cue = next((h for h in hits if h.start >= end), None)
        else:
            cue = _governing_cue(sentence.text, start, end, hits)
        if cue is not None and cue.id == "event":
            # an attack named far from the date does not date it: a verb may, further away
            near = cue.start - end < 30 if cue.start >= end else start - cue.end < 30
            cue = replace(cue, id="occurred") if near else _governing_cue(
                sentence.text, start, end, [h for h in hits if h.id != "event"]
            )
        if (
            cue is not None
            and cue.end <= start
            and reporting.fullmatch(sentence.text, cue.start, cue.end)
            and new_clause.search(sentence.text, cue.end, start)
        ):
            continue  # "said a script had been planted on February 3": the date is the reported clause's
        role = cue.id if cue is not None else "disclosed" if mention.sentence in telling else None
        if role == "occurred" and mention.sentence in telling and cue is not None and _SINCE.match(cue.text):
            role = "disclosed"  # "les bénéficiaires reçoivent depuis le 8 avril un courrier"
        if role is None:
            continue
        current = best.get(role)
        if current is None or _better(mention.date, current.date):
            best[role] = mention
    return best


def _text_before(mention: DateMention, sentences: list[Sentence]) -> str:
    sentence = sentences[mention.sentence]
    return sentence.text[: mention.start - sentence.start]


def _date_after_name(
    victim: Candidate, mentions: list[DateMention], sentences: list[Sentence], lexicon: Lexicon
) -> DateMention | None:
    """The date right after a recalled victim's name, before any other date: "des villes comme A le 24
    septembre ou B le 21 janvier", "A ou B en 2022, C en 2023". A recall tells of past attacks, so
    the date is when each one occurred, unless a verb of finding or telling stands between."""
    role_cues = lexicon.cues("date_roles")
    for start, end in sorted(victim.spans):
        sentence = sentences[_sentence_of(sentences, start)]
        following = [m for m in mentions if m.sentence == sentence.index and m.start >= end]
        if not following:
            continue
        date = min(following, key=lambda m: m.start)
        between = sentence.text[end - sentence.start : date.start - sentence.start]
        if len(between) > 60 or re.search(r"[;.:!?]", between):
            continue
        if any(h.id in ("disclosed", "discovered") for h in role_cues.find(between)):
            continue
        return date
    return None


def _events_dated(hits: list[Hit], text: str, reporting: re.Pattern[str]) -> list[Hit]:
    """The attacks named that may date when it occurred ("the June 3 cyberattack", "the breach in
    March"): not those a verb of finding or telling governs ("disclosed the breach on Monday"). A verb
    of saying governs a clause, not the attack it names ("said the intrusion on May 4 reached ...")."""
    says = [m.span() for m in reporting.finditer(text)]

    def governs(h: Hit) -> bool:
        return h.id != "event" and not any(a <= h.start < b for a, b in says)

    return [hit for hit in hits if hit.id != "event" or not any(governs(h) and 0 <= hit.start - h.end < 30 for h in hits)]


def _precision(date: PartialDate) -> int:
    return (date.month is not None) + (date.day is not None)


def _better(a: PartialDate, b: PartialDate) -> bool:
    """The earliest date of a role, a year alone giving way to a dated day or month."""
    if _precision(a) != _precision(b) and min(_precision(a), _precision(b)) == 0:
        return _precision(a) > _precision(b)
    return _earlier(a, b)


_SINCE = re.compile(r"(?:depuis|since)\b", re.IGNORECASE)
# What may come before a date that opens its sentence and so governs its main verb.
_FRONTED = re.compile(r"\W*(?:(?:le|la|ce|cet|en|d[èe]s le|dans la nuit du|on|in|early|late)\s*)?", re.IGNORECASE)
_ROLE_FOLLOWS = re.compile(r"^\s*,?\s*(?:date|jour|moment|when|the day)\b", re.IGNORECASE)
# "a affirmé lundi être la cible de pirates": a present infinitive puts the attack on the day said
_STATE_FOLLOWS = re.compile(r"^\s*,?\s*(?:être|etre|subir)\b", re.IGNORECASE)


def _governing_cue(text: str, start: int, end: int, hits: list[Hit]) -> Hit | None:
    # a cue may end inside the date it governs ("depuis le" before "le 2 octobre")
    before = [h for h in hits if h.start < start and h.end <= end and ";" not in text[h.end : start]]
    after = [h for h in hits if h.start >= end and ";" not in text[end : h.start]]
    if after and _ROLE_FOLLOWS.match(text[end:]):
        return after[0]
    if after and after[0].id == "occurred" and after[0].start - end < 30 and _STATE_FOLLOWS.match(text[end:]):
        return after[0]
    if before and start - before[-1].end < 200:
        return before[-1]
    if after and after[0].start - end < 80:
        return after[0]
    if after and after[0].id == "occurred" and _FRONTED.fullmatch(text[:start]) and after[0].start - end < 250:
        return after[0]  # "Le 27 février dernier, la société X, spécialisée dans ..., a été la cible"
    return None


def _earlier(a: PartialDate, b: PartialDate) -> bool:
    if a.year and b.year and a.year != b.year:
        return a.year < b.year
    return (a.month or 13, a.day or 32) < (b.month or 13, b.day or 32)


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    return next((s.index for s in sentences if s.start <= offset < s.end), -1)


# A consequence after a comma ("exposed online, allowing anyone to read it") is a clause of its own,
# its hedge kept with it.
_CLAUSES = re.compile(
    r"[;:]\s|,\s+(?:and|but|while|et|mais|tandis que|alors que)\s+"
    r"|,\s+(?=(?:allowing|enabling|letting|which (?:could|would|might|may)|permettant|ce qui (?:pourrait|permet))\b)"
    # "X, l'éditeur du logiciel qui permet de réserver, a été visé": what the name does is its own clause
    r"|,\s+(?=(?:a|ont|avait|avaient|has|have|had) (?:«\s*)?(?:été|been) )"
    # "victime d'un vol de matériel qui pourrait exposer ...": what happened, then what could follow
    r"|\s+(?=qui (?:\w+ )?(?:pourrai(?:en)?t|risquai(?:en)?t)\b)"
)


def _tells_an_event(sentence: Sentence, lexicon: Lexicon, *, breach_words: bool = True) -> bool:
    """A clause that speaks of a breach and is neither what could happen ("could allow an attacker
    to ...") nor a flaw found in a product ("the bug let attackers ..., and hackers breached X").
    Without `breach_words`, only the incident cues count ("victime" alone tells nothing)."""
    hypothetical = lexicon.pattern("reports", "hypothetical")
    vulnerability = lexicon.pattern("reports", "vulnerability")
    incident, breach = lexicon.pattern("reports", "incident"), lexicon.pattern("reports", "breach")
    happened = lexicon.pattern("reports", "happened")
    return any(
        (incident.search(clause) or (breach_words and breach.search(clause)))
        and not hypothetical.search(clause)
        and (not vulnerability.search(clause) or happened.search(clause))
        for clause in _CLAUSES.split(sentence.text)
    )


def _about_a_flaw(p: _Prepared, lexicon: Lexicon) -> bool:
    """The headline or lead speaks of a flaw found in a product, and tells of nothing that happened
    through it: "a flaw could let attackers read messages" or "a bug attackers are using in the wild"
    is research, "a flaw exposed the routes of 1.3 million users" an exposure."""
    flaw = lexicon.pattern("reports", "flaw")
    start = p.title_index or 0
    lead = p.sentences[start : start + 2]
    happened = any(_tells_an_event(s, lexicon, breach_words=False) for s in lead)
    return any(flaw.search(s.text) for s in lead) and not happened


def _reads_as_general(text: str, lexicon: Lexicon) -> bool:
    """A sentence of a guide, a law or statistics rather than of one incident."""
    general, statistics = lexicon.pattern("reports", "general"), lexicon.pattern("reports", "statistics")
    return bool(general.search(text) or statistics.search(text))


def _reports_incident(main: Incident, p: _Prepared, lexicon: Lexicon, victim: Candidate | None) -> Sentence | None:
    """The sentence that tells of a cyber incident at the organisation the article names, or None:
    without one the article reports no incident, whatever else it says."""
    if victim is None or (victim.score < 0.5 and not victim.as_victim):
        return None  # no organisation, or only a place or a word named in passing
    if set(victim.labels) == {"LOC"} and not victim.roles and not victim.as_victim:
        return None  # a place NER found, never said to be hit nor named by a role
    if a_court_ruling(victim, lexicon):
        return None
    incident = lexicon.pattern("reports", "incident")
    said_of_victim = victim.sentences | {_sentence_of(p.sentences, start) for start, _ in victim.anaphora}
    if main.attack:
        # "des données du fabricant": in an article that tells how it was hit, a role noun with no
        # name of its own stands for the article's victim
        said_of_victim |= {s.index for s in p.sentences if bare_role_mention(lexicon).search(s.text)}
    ruled_out = lexicon.pattern("reports", "ruled_out")
    cyber = [s for s in p.sentences if incident.search(s.text) and not ruled_out.search(s.text)]
    if not cyber:
        return None  # "intrusion", "fuite", "attaque" in their everyday senses, or a hacking lead ruled out
    if "everyday" in lexicon.raw["reports"]:
        everyday, context = lexicon.pattern("reports", "everyday"), lexicon.pattern("reports", "cyber_context")
        # "a cargo ship hijacked by pirates", "the river breached a levee": everyday words said of a thing
        physical = lexicon.pattern("reports", "physical")
        cyber = [s for s in cyber if not physical.search(s.text) or incident.search(everyday.sub(" ", s.text))]
        only_everyday = not any(incident.search(everyday.sub(" ", s.text)) for s in cyber)
        if only_everyday and not any(context.search(s.text) for s in p.sentences):
            return None  # a match's attacks, a burglary's stolen goods: no computer or data in sight
    told = [s for s in cyber if s.index in said_of_victim]
    # else the attack, the data or the people the incident's own sentences tell of, in an article about one
    told += [p.sentences[_sentence_of(p.sentences, start)] for start, _ in main.evidence.get("attack", [])]
    told += [p.sentences[_sentence_of(p.sentences, start)] for start, _ in main.evidence.get("data", [])]
    told += [p.sentences[_sentence_of(p.sentences, start)] for start, _ in main.evidence.get("affected", [])]
    breach = lexicon.pattern("reports", "breach")
    told += [s for s in p.sentences if s.index in said_of_victim and breach.search(s.text)]
    kinds = lexicon.raw["reports"].get("kinds_of_incidents") and lexicon.pattern("reports", "kinds_of_incidents")
    told = [s for s in told if _tells_an_event(s, lexicon) and not (kinds and kinds.search(s.text))]
    if not victim.as_victim:
        # a name never said to be hit needs an event beside it, not only attackers ("150 pirates arrêtés")
        actors = lexicon.pattern("reports", "actors_only")
        told = [s for s in told if incident.search(actors.sub(" ", s.text))]
    if "campaign_only" in lexicon.raw["reports"]:
        campaign = lexicon.pattern("reports", "campaign_only")
        told = [s for s in told if not campaign.search(s.text) or breach.search(campaign.sub(" ", s.text))]
    statistic = lexicon.pattern("reports", "statistics")
    told = [s for s in told if not statistic.search(s.text)]  # a tally of many breaches tells none
    if not told:
        return None
    general = sum(1 for s in p.sentences if _reads_as_general(s.text, lexicon))
    if not victim.as_hit and _about_a_flaw(p, lexicon):
        return None  # research on a flaw or a malware, its vendor quoted: no one said to be hit
    headline = p.sentences[p.title_index] if p.title_index is not None else p.sentences[0]
    if "judicial_headline" in lexicon.raw["reports"] and "insider" not in main.attack:
        # "Deux pirates mis en examen pour avoir attaqué ...": the case, not the incident; an
        # employee arrested for stealing the data is still the story of the theft, and a headline
        # that names the intrusion at its victim ("Intrusion chez X : deux suspects arrêtés") the incident's
        # ("X hacker jailed": the attacker, not the attack)
        actors = lexicon.pattern("reports", "actors_only")
        told_in_headline = incident.search(actors.sub(" ", headline.text)) and mentions_in(victim, headline)
        if lexicon.pattern("reports", "judicial_headline").search(headline.text) and not told_in_headline:
            return None
    if "exercise_headline" in lexicon.raw["reports"] and lexicon.pattern("reports", "exercise_headline").search(headline.text):
        return None  # "Une cyberattaque simulée pour former les soignants": an exercise, its attack is played
    if victim.as_victim > 0:
        return told[0]
    if "warning_headline" in lexicon.raw["reports"] and lexicon.pattern("reports", "warning_headline").search(headline.text):
        return None  # "Arnaque X : de faux courriels en son nom": a scam in its name, no one said hit
    # A review, a guide or a statistics piece says so in its headline; its names are examples.
    if _reads_as_general(headline.text, lexicon):
        return None
    # "Banque X : une ex-conseillère soupçonnée ..., ce qu'il faut savoir": the headline's subject,
    # said to be hit in the text, is the victim even when the rest reads as a guide.
    named_again = sum(victim.forms.values()) >= 2 or bool(victim.roles)  # not a headline's common noun
    if (named_again and (mentions_in(victim, headline) or named_by_role(victim, headline))) or victim.score >= 3 + general:
        return told[0]
    # "Files of the X were found exposed online": the victim named in the very sentence of the event
    strong = [s for s in told if s.index in victim.sentences and incident.search(s.text)]
    if strong and not general:
        return strong[0]
    return None
