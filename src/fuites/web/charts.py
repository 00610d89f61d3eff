"""Charts drawn on the server as inline SVG: readable without JavaScript, printable, linkable.

Every label goes through `escape`; a chart carries a <title> and a <desc> listing its figures,
so a screen reader (or a text browser) reads the numbers the bars show. Charts take the full
width of the page: positions are percentages of it and there is no viewBox, so text keeps its
size on a phone and on a wide screen alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

Bar = tuple[str, int, str | None]  # label, value, link (or None)
MAX_YEAR_LABELS = 8  # a year label is about 30 px wide: eight fit on a phone


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bars(title: str, items: Sequence[Bar], *, row: int = 24, label_share: float = 38.0) -> Markup:
    """Horizontal bars, one per category, largest value full width."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    room = 100.0 - label_share - 9.0  # what is left for the bar, its value after it
    height = row * len(items) + 8
    desc = "; ".join(f"{label}: {value}" for label, value, _ in items)
    out = [
        f'<svg class="chart bars" role="img" width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    ]
    for n, (label, value, href) in enumerate(items):
        y = 4 + n * row
        w = max(0.3, room * value / top)
        inner = (
            f'<text x="{label_share - 1:.1f}%" y="{y + row * 0.68:.1f}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_share:.1f}%" y="{y + 3}" width="{w:.2f}%" height="{row - 6}"/>'
            f'<text class="value" x="{label_share + w + 1:.2f}%" y="{y + row * 0.68:.1f}">{value}</text>'
        )
        out.append(f"<g>{_link(href, inner)}</g>")
    out.append("</svg>")
    return Markup("".join(out))


def columns(title: str, items: Sequence[Bar], *, height: int = 220) -> Markup:
    """Vertical columns in time order (incidents per month), a year label under some Januaries:
    every year when there are few, else every k-th so that labels never overlap."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    base, left = height - 28, 6.0
    step = (100.0 - left - 1.0) / len(items)
    years = sorted({label[:4] for label, _, _ in items})
    every = max(1, math.ceil(len(years) / MAX_YEAR_LABELS))
    shown = set(years[::every])
    desc = "; ".join(f"{label}: {value}" for label, value, _ in items)
    out = [
        f'<svg class="chart columns" role="img" width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<text class="axis" x="{left - 1:.1f}%" y="14" text-anchor="end">{top}</text>',
        f'<line class="axis" x1="{left:.1f}%" y1="{base}" x2="99%" y2="{base}"/>',
    ]
    labelled: set[str] = set()
    for n, (label, value, href) in enumerate(items):
        h = (base - 10) * value / top
        x = left + n * step
        inner = (
            f'<rect x="{x + step * 0.1:.3f}%" y="{base - h:.1f}" width="{max(step * 0.8, 0.05):.3f}%" '
            f'height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>'
        )
        out.append(_link(href, inner))
        year = label[:4]
        if year in shown and year not in labelled:
            labelled.add(year)
            out.append(f'<text class="axis year" x="{x:.3f}%" y="{base + 16}">{escape(year)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
