"""A Document for a person at a terminal: who was hit, what leaked, and the sentences that say so."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from fuites.models import Affected, Document, Incident, Span

# Article text can carry terminal escape sequences; Rich passes ESC through, so every control
# character but newline and tab is shown as U+FFFD (one character for one: offsets still hold).
_CONTROLS = str.maketrans({c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]})

_ENDS = ".!?…»\")]"
_SENTENCE_END = re.compile(r"[.!?…]+[»\")\]]*(?=\s|$)|\n")
# How far from its evidence a sentence may reach before it is cut with an ellipsis.
_REACH = 300
_MAX_SENTENCES = 3

_QUALIFIERS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "at most ",
               "order": "in the order of "}

# (field, label) in the order a reader asks: who, how, how many, what, when, who was told.
_FIELDS = (
    ("attack", "attack"), ("actors", "actors"), ("affected", "affected"), ("data", "data exposed"),
    ("data_not", "data NOT exposed"), ("occurred", "occurred"), ("discovered", "discovered"),
    ("disclosed", "disclosed"), ("authorities", "authorities"),
    ("notified_individuals", "people notified"), ("channels", "notified by"),
)
_LABELS = dict(_FIELDS)
_EVIDENCE_ORDER = ("victim", "sector", "country", *(name for name, _ in _FIELDS))


def render(document: Document) -> RenderableType:
    """The whole document: one block per incident, the main one first."""
    text = document.text.translate(_CONTROLS)
    parts: list[RenderableType] = []
    if not document.incidents:
        parts.append(Rule(Text("no specific incident reported", style="bold"), align="left"))
        parts.append(_about(document))
    for incident in document.incidents:
        parts.append(_headline(incident))
        parts.append(_about(document))
        parts.append(_table(incident, document))
        parts.append(_evidence(incident.evidence, text))
    if document.evidence:
        parts.append(_evidence(document.evidence, text))
    for warning in document.warnings:
        parts.append(Text(f"warning: {warning}".translate(_CONTROLS), style="yellow"))
    return Group(*parts, Text())


def sentence_around(text: str, span: Span) -> Span:
    """The bounds of the sentence(s) holding `span`, cut at _REACH characters each side."""
    start, end = span
    begin = max(0, start - _REACH)
    for match in _SENTENCE_END.finditer(text, begin, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, max(end, start + 1) - 1)
    finish = min(after.end() if after else len(text), end + _REACH, len(text))
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


def _headline(incident: Incident) -> Rule:
    line = Text()
    line.append(_clean(incident.victim) or "victim not named", style="bold")
    for value in (incident.sector, incident.country):
        if value:
            line.append(" · ")
            line.append(value, style="cyan")
    if not incident.primary:
        line.append("  (also mentioned)", style="dim")
    return Rule(line, align="left", style="bold" if incident.primary else "dim")


def _about(document: Document) -> Text:
    line = Text(document.doc, style="dim")
    if document.title:
        line.append("  ")
        line.append(_clean(document.title), style="italic")
    if document.published:
        line.append(f"  published {document.published}", style="dim")
    return line


def _table(incident: Incident, document: Document) -> Table:
    table = Table(box=box.SIMPLE, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, label in _FIELDS:
        table.add_row(label, _value(name, getattr(incident, name)))
    return table


def _value(name: str, value: object) -> Text:
    if value is None or value == [] or value == "":
        return Text("—", style="dim")
    if isinstance(value, Affected):
        who = ", ".join(value.who)
        if value.count is None:
            return Text(f"{who} (no number given)" if who else "no number given")
        count = f"{_QUALIFIERS[value.qualifier or 'exact']}{value.count:,}".replace(",", " ")
        return Text(f"{count} {who}".strip())
    if isinstance(value, bool):
        return Text("yes", style="green") if value else Text("no", style="dim")
    if isinstance(value, list):
        style = {"data": "red", "data_not": "green"}.get(name, "")
        return Text(", ".join(_clean(str(v)) for v in value), style=style)
    return Text(_clean(str(value)))


def _evidence(evidence: dict[str, list[Span]], text: str) -> RenderableType:
    """For each field, the sentences its spans fall in, with the spans highlighted."""
    known = [f for f in _EVIDENCE_ORDER if f in evidence]
    fields = known + sorted(set(evidence) - set(known))
    lines: list[RenderableType] = []
    for field in fields:
        sentences = _sentences(text, evidence[field])
        if not sentences:
            continue
        lines.append(Text(_LABELS.get(field, field), style="bold"))
        for quote in sentences[:_MAX_SENTENCES]:
            lines.append(Padding(quote, (0, 0, 0, 2)))
        if len(sentences) > _MAX_SENTENCES:
            lines.append(Text(f"  (+{len(sentences) - _MAX_SENTENCES} more)", style="dim"))
    if not lines:
        return Text()
    return Group(Text("evidence", style="bold underline"), *lines, Text())


def _sentences(text: str, spans: Iterable[Span]) -> list[Text]:
    by_sentence: dict[Span, list[Span]] = {}
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            by_sentence.setdefault(sentence_around(text, (start, end)), []).append((start, end))
    quotes = []
    for (begin, finish), inside in sorted(by_sentence.items()):
        quote = Text("“…" if _cut(text, begin, -1) else "“")
        offset = len(quote)
        quote.append(text[begin:finish].replace("\n", " "))
        for start, end in inside:
            quote.stylize("bold reverse", offset + start - begin, offset + end - begin)
        quote.append("…”" if _cut(text, finish, 1) else "”")
        quotes.append(quote)
    return quotes


def _cut(text: str, at: int, step: int) -> bool:
    """Whether a quote bound at `at` falls inside a sentence (looking back for -1, ahead for 1)."""
    i = at - 1 if step < 0 else at
    while 0 <= i < len(text) and text[i].isspace():
        if text[i] == "\n":
            return False
        i += step
    if not 0 <= i < len(text):
        return False
    return text[i] not in _ENDS if step < 0 else text[at - 1] not in _ENDS


def _clean(value: str | None) -> str:
    return (value or "").translate(_CONTROLS)
