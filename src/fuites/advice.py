"""What a person whose data leaked should do: advice per data category, from `vocab/advice.toml`.

`check(store, "Orange")` is `fuites check Orange`: the organisation's incidents, for each what
was exposed and what the articles say was NOT exposed, and the advice for the categories
exposed, in French or English. The advice itself is data: adding a category or a language is
adding lines to the TOML file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from fuites.display import count_text, date_text
from fuites.errors import InputError
from fuites.models import DATA

if TYPE_CHECKING:
    from fuites.store import Store

LANGUAGES = ("fr", "en")


class Advice(BaseModel):
    """What to do about one exposed data category."""

    id: str
    label: str
    steps: list[str]


class IncidentCheck(BaseModel):
    """One incident as an exposed person reads it."""

    id: int
    victim: str
    start: str | None = None
    when: str | None = Field(default=None, description="the date shown: `start`, else one without its year")
    affected_count: int | None = None
    affected_qualifier: str | None = None
    exposed: list[str] = Field(default_factory=list, description="labels of the data categories exposed")
    not_exposed: list[str] = Field(default_factory=list, description="labels of those said NOT exposed")
    not_exposed_text: str | None = None
    urls: list[str] = Field(default_factory=list)


class Check(BaseModel):
    """`fuites check ORG`: incidents, advice per exposed category, general advice."""

    organisation: str
    lang: str
    incidents: list[IncidentCheck] = Field(default_factory=list)
    advice: list[Advice] = Field(default_factory=list)
    general: list[str] = Field(default_factory=list)
    nothing_said: str | None = None
    texts: dict[str, str] = Field(default_factory=dict)


@cache
def _table() -> dict[str, Any]:
    return tomllib.loads(resources.files("fuites.vocab").joinpath("advice.toml").read_text("utf-8"))


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"no advice in {lang!r}; give one of {', '.join(LANGUAGES)}")
    return lang


def label(data_id: str, lang: str = "fr") -> str:
    """A data category in words: "bank_account" -> "IBAN / coordonnées bancaires"."""
    entry = _table()["data"].get(data_id)
    return str(entry["label"][_lang(lang)]) if entry else data_id


def advice(data: Iterable[str], lang: str = "fr") -> list[Advice]:
    """The advice for exposed data categories, in SCHEMA.md's order of categories."""
    lang, wanted = _lang(lang), set(data)
    table = _table()["data"]
    return [Advice(id=d, label=table[d]["label"][lang], steps=list(table[d][lang]))
            for d in (*DATA, *sorted(wanted - set(DATA))) if d in wanted and d in table]


def general(lang: str = "fr") -> list[str]:
    """What to do after any breach."""
    return list(_table()["general"][_lang(lang)])


def texts(lang: str = "fr") -> dict[str, str]:
    """The sentences around the advice (headings, the NOT-exposed sentence), for pages and the CLI."""
    return dict(_table()["texts"][_lang(lang)])


def check(store: Store, org: str, lang: str = "fr") -> Check:
    """An organisation's incidents and what its exposed people should do."""
    words = texts(lang)
    timeline = store.org(org)
    incidents: list[IncidentCheck] = []
    exposed: set[str] = set()
    for summary in timeline.incidents:
        detail = store.show(summary.id)
        exposed |= set(detail.data)
        # an item one article says exposed and another not stays exposed (as in merge)
        not_exposed = [label(d, lang) for d in detail.data_not if d not in detail.data]
        incidents.append(IncidentCheck(
            id=detail.id, victim=detail.victim, start=detail.start, when=detail.when,
            affected_count=detail.affected_count, affected_qualifier=detail.affected_qualifier,
            exposed=[label(d, lang) for d in detail.data], not_exposed=not_exposed,
            not_exposed_text=(words["not_exposed_line"].format(labels=", ".join(not_exposed))
                              if not_exposed else None),
            urls=[a.url for a in detail.sources_articles if a.url],
        ))
    return Check(
        organisation=timeline.organisation, lang=lang, incidents=incidents, advice=advice(exposed, lang),
        general=general(lang), nothing_said=None if exposed else words["nothing_said"], texts=words,
    )


def render_text(result: Check) -> str:
    """The check as plain text, for a terminal or an e-mail."""
    t = result.texts
    lines = [result.organisation, "=" * len(result.organisation), ""]
    if not result.incidents:
        lines.append(t["no_incident"])
    for incident in result.incidents:
        when = incident.when or incident.start
        head = f"#{incident.id} {incident.victim}" + (f" ({date_text(when, result.lang)})" if when else "")
        if incident.affected_count is not None:
            head += f": {count_text(incident.affected_count, incident.affected_qualifier, result.lang)} {t['affected']}"
        lines.append(head)
        if incident.exposed:
            lines.append(f"  {t['exposed']}: {', '.join(incident.exposed)}")
        if incident.not_exposed_text:
            lines.append(f"  {t['not_exposed']}: {incident.not_exposed_text}")
        lines += [f"  {t['source']}: {url}" for url in incident.urls]
    lines.append("")
    if result.nothing_said:
        lines += [result.nothing_said, ""]
    for item in result.advice:
        lines.append(item.label[:1].upper() + item.label[1:])
        lines += [f"  - {step}" for step in item.steps]
    lines += ["", t["general"]] + [f"  - {step}" for step in result.general]
    return "\n".join(lines) + "\n"
