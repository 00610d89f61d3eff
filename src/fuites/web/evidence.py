"""An article's text as HTML with its evidence spans marked, every character escaped.

Spans may overlap (the victim's name inside the sentence giving the count): the text is cut at
every span boundary and each piece is marked with all the fields whose spans cover it. The first
piece of each span carries an anchor `{prefix}-{field}-{n}`, which the incident card links to.
"""

from __future__ import annotations

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


def highlight(text: str, evidence: Mapping[str, Sequence[Sequence[int]]], prefix: str) -> Markup:
    spans = clean_spans(text, evidence)
    cuts = {0, len(text)}
    starts: dict[int, list[str]] = {}
    for name, items in spans.items():
        for n, (start, end) in enumerate(items):
            cuts.update((start, end))
            starts.setdefault(start, []).append(anchor(prefix, name, n))
    bounds = sorted(cuts)
    out: list[str] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        for ident in starts.get(start, []):
            out.append(f'<span class="anchor" id="{escape(ident)}"></span>')
        piece = escape(text[start:end])
        fields = sorted(name for name, items in spans.items() if any(s <= start and end <= e for s, e in items))
        if fields:
            out.append(
                f'<mark class="ev" data-fields="{escape(" ".join(fields))}" '
                f'title="{escape(", ".join(fields))}">{piece}</mark>'
            )
        else:
            out.append(str(piece))
    return Markup("".join(out))
