"""Charts drawn on the server as inline SVG: readable without JavaScript, printable, linkable.

Every label goes through `escape`; a chart carries a <title> and a <desc> listing its figures,
so a screen reader (or a text browser) reads the numbers the bars show.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

Bar = tuple[str, int, str | None]  # label, value, link (or None)


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bars(title: str, items: Sequence[Bar], *, width: int = 560, row: int = 22, label_width: int = 190) -> Markup:
    """Horizontal bars, one per category, largest value full width."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    chart_w = width - label_width - 60
    height = row * len(items) + 8
    desc = "; ".join(f"{label}: {value}" for label, value, _ in items)
    out = [
        f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    ]
    for n, (label, value, href) in enumerate(items):
        y = 4 + n * row
        w = max(1, round(chart_w * value / top))
        inner = (
            f'<text x="{label_width - 8}" y="{y + row * 0.68:.1f}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="{row - 6}"/>'
            f'<text class="value" x="{label_width + w + 6}" y="{y + row * 0.68:.1f}">{value}</text>'
        )
        out.append(f"<g>{_link(href, inner)}</g>")
    out.append("</svg>")
    return Markup("".join(out))


def columns(title: str, items: Sequence[Bar], *, width: int = 720, height: int = 220) -> Markup:
    """Vertical columns in time order (incidents per month), a year label under each January."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    base, left = height - 28, 36
    step = (width - left - 8) / len(items)
    desc = "; ".join(f"{label}: {value}" for label, value, _ in items)
    out = [
        f'<svg class="chart columns" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"<desc>{escape(desc)}</desc>",
        f'<text class="axis" x="{left - 6}" y="14" text-anchor="end">{top}</text>',
        f'<line class="axis" x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}"/>',
    ]
    for n, (label, value, href) in enumerate(items):
        h = (base - 10) * value / top
        x = left + n * step
        inner = (
            f'<rect x="{x + step * 0.1:.1f}" y="{base - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>'
        )
        out.append(_link(href, inner))
        if n == 0 or label.endswith("-01"):
            out.append(f'<text class="axis" x="{x:.1f}" y="{base + 16}">{escape(label[:4])}</text>')
    out.append("</svg>")
    return Markup("".join(out))
