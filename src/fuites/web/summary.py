"""What a page says about an incident in sentences: its one-paragraph summary, each field's quote
from the articles, and where its sources come from."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from fuites.display import count_text, date_text
from fuites.pretty import sentence_around
from fuites.store.queries import IncidentDetail
from fuites.web.i18n import Labels


def _on(value: str, lang: str) -> str:
    """A date as the complement of a verb: "le 18 avril 2014", "en avril 2014", "en 2014"."""
    text = date_text(value, lang)
    has_day = value[-3:-2] == "-" and value.count("-") >= 2 and len(value) in (7, 10)
    if lang == "fr":
        return ("le " if has_day else "en ") + text
    return ("on " if has_day else "in ") + text


def sentence(i: IncidentDetail, t: Labels) -> str:
    """The incident in one paragraph: who, what, when, how many, which data, who was told."""
    lang = t.lang
    what = (" " + t.message("and").join(t("attack", a).lower() for a in i.attack)) if i.attack else ""
    head = (i.victim or i.organisation) + (f" ({t('sector', i.sector)})" if i.sector else "")
    when = ""
    for name in ("occurred", "discovered", "disclosed"):
        value = getattr(i, name)
        if value:
            when = " " + t.message(f"summary_{name}", date=_on(value, lang))
            break
    out = [t.message("summary_head", head=head, what=what or " " + t.message("summary_incident"),
                     when=when)]
    if i.affected_count is not None:
        who = f" ({', '.join(t('who', w) for w in i.affected_who)})" if i.affected_who else ""
        text = count_text(i.affected_count, i.affected_qualifier, lang)
        out.append(t.message("summary_count", count=text[:1].upper() + text[1:], who=who))
    if i.data:
        out.append(t.message("summary_data", data=", ".join(t("data", d).lower() for d in i.data)))
    if i.data_not:
        out.append(t.message("summary_data_not", data=", ".join(t("data", d).lower() for d in i.data_not)))
    if i.notified_individuals:
        out.append(t.message("summary_notified"))
    return " ".join(out)


@dataclass
class Quote:
    """A sentence of an article that supports a field, the supporting words marked."""

    article: int
    anchor: str
    before: str
    match: str
    after: str


def quote(text: str, span: tuple[int, int], article: int, anchor: str) -> Quote:
    start, end = span
    begin, finish = sentence_around(text, span)
    return Quote(article, anchor, " ".join(text[begin:start].split(" ")), text[start:end], text[end:finish])


def outlet(url: str | None) -> str | None:
    """The site an article comes from: "www.lemonde.fr" -> "lemonde.fr"."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or None


def headline(title: str | None, text: str, doc: str) -> str:
    """How a source is named: its title, else its first line when it reads as a headline, the file
    name only as a last resort."""
    if title and title.strip():
        return " ".join(title.split())
    first = text.strip().split("\n", 1)[0].strip()
    if 10 <= len(first) <= 160:
        return first
    return doc
