"""An article's text as HTML with its evidence spans marked, every character escaped.

Each span is one `<mark class="ev f-FIELD" id="{prefix}-{field}-{n}">` element, so a link to its
id highlights the whole span (`mark:target`) even when several fields cite one sentence: spans
nest; one that crosses another is cut where the other ends, its first piece keeping the id. The
marks show nothing by themselves: a page highlights one field's marks on demand, in its colour.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape


def clean_spans(text: str, evidence: Mapping[str, Sequence[Sequence[int]]]) -> dict[str, list[tuple[int, int]]]:
    """The well-formed spans within the text, by field; a malformed record shows no mark, not an error."""
    out: dict[str, list[tuple[int, int]]] = {}
    for name, spans in evidence.items():
        good = []
        for span in spans or []:
            if (
                isinstance(span, (list, tuple))
                and len(span) == 2
                and all(isinstance(v, int) for v in span)
                and 0 <= span[0] < span[1] <= len(text)
            ):
                good.append((span[0], span[1]))
        if good:
            out[name] = good
    return out


def anchor(prefix: str, name: str, n: int) -> str:
    return f"{prefix}-{name}-{n}"


def highlight(text: str, evidence: Mapping[str, Sequence[Sequence[int]]], prefix: str,
              names: Mapping[str, str] | None = None) -> Markup:
    """The text with one mark per evidence span; `names` gives each field's label (its tooltip)."""
    spans = clean_spans(text, evidence)
    # (start, -end, order, field, n, first piece): outer spans open first at a shared start
    todo = [(s, -e, order, name, n, True)
            for order, (name, n, (s, e)) in enumerate((name, n, span) for name, items in spans.items()
                                                      for n, span in enumerate(items))]
    heapq.heapify(todo)
    out: list[str] = []
    open_ends: list[int] = []
    position = 0

    def upto(end: int) -> None:
        nonlocal position
        out.append(str(escape(text[position:end])))
        position = end

    while todo or open_ends:
        if open_ends and (not todo or open_ends[-1] <= todo[0][0]):
            upto(open_ends.pop())
            out.append("</mark>")
            continue
        start, neg_end, order, name, n, first = heapq.heappop(todo)
        end = -neg_end
        if open_ends and end > open_ends[-1]:
            # crosses the open span: stop where it ends, go on after it
            heapq.heappush(todo, (open_ends[-1], neg_end, order, name, n, False))
            end = open_ends[-1]
        upto(start)
        ident = f' id="{escape(anchor(prefix, name, n))}"' if first else ""
        label = (names or {}).get(name, name)
        out.append(f'<mark class="ev f-{escape(name)}"{ident} title="{escape(label)}">')
        open_ends.append(end)
    upto(len(text))
    return Markup("".join(out))
