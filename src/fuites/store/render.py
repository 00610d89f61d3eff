"""Store results as Rich renderables, for `--format table` of search, show, org, stats, merge --explain."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from fuites.display import date_text
from fuites.store.queries import IncidentDetail, IncidentSummary, Stats


def _count(count: int | None, qualifier: str | None) -> str:
    if count is None:
        return ""
    prefix = {"approx": "~", "at_least": "≥", "at_most": "≤", "order": "order of "}.get(qualifier or "", "")
    return prefix + f"{count:,}".replace(",", " ")


def _date(value: str | None, *, earlier: bool = False) -> str:
    """ISO dates as they are; one without its year, or none, in words."""
    if value and not value.startswith("--"):
        return value
    return date_text(value, "en", earlier=earlier) if value or earlier else ""


def render_summaries(found: Sequence[IncidentSummary]) -> RenderableType:
    if not found:
        return Text("no incident matches", style="dim")
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "date", "victim", "sector", "attack", "affected", "data", "articles"):
        table.add_column(column, justify="right" if column in ("id", "affected", "articles") else "left",
                         no_wrap=column in ("id", "date", "affected"))
    for i in found:
        table.add_row(str(i.id), _date(i.when, earlier=i.earlier), i.victim, i.sector or "", ", ".join(i.attack),
                      _count(i.affected_count, i.affected_qualifier), ", ".join(i.data), str(i.articles))
    return table


def _conflict_note(detail: IncidentDetail, field: str) -> str:
    values = detail.conflicts.get(field)
    if not values:
        return ""
    return "  [yellow]conflict: " + "; ".join(
        f"{value} (articles {', '.join(map(str, ids))})" for value, ids in values.items()
    ) + "[/yellow]"


def render_incident(detail: IncidentDetail) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()

    def row(name: str, value: str, field: str | None = None) -> None:
        sources = detail.sources.get(field or name, {})
        cited = sorted({a for ids in sources.values() for a in ids})
        note = f" [dim]\\[{', '.join(map(str, cited))}][/dim]" if cited else ""
        table.add_row(name, (value or "[dim]-[/dim]") + note + _conflict_note(detail, field or name))

    table.add_row("incident", f"{detail.id}  {detail.organisation}")
    row("victim", detail.victim)
    row("sector", detail.sector or "")
    row("country", detail.country or "")
    row("attack", ", ".join(detail.attack))
    row("actors", ", ".join(detail.actors))
    row("affected", " ".join(filter(None, [_count(detail.affected_count, detail.affected_qualifier),
                                            ", ".join(detail.affected_who)])))
    row("data", ", ".join(detail.data))
    row("data_not", ", ".join(detail.data_not))
    for name in ("occurred", "discovered", "disclosed"):
        row(name, _date(getattr(detail, name)))
    row("authorities", ", ".join(detail.authorities))
    row("notified", "yes" if detail.notified_individuals else "no", "notified_individuals")
    row("channels", ", ".join(detail.channels))
    articles = Table(title="articles [numbers in brackets above]", title_justify="left", show_edge=False)
    for column in ("id", "published", "title or source", "role"):
        articles.add_column(column)
    for a in detail.sources_articles:
        articles.add_row(str(a.id), a.published or "", a.title or a.url or a.source,
                         "primary" if a.primary else "recalled")
    return Group(table, Text(""), articles)


def render_explanation(detail: IncidentDetail) -> RenderableType:
    when = _date(detail.when, earlier=detail.earlier) or "undated"
    lines = [Text.from_markup(f"[bold]incident {detail.id}[/bold]: {detail.victim}, {when}, "
                              f"{len(detail.sources_articles)} article(s)")]
    for a in detail.sources_articles:
        role = "primary" if a.primary else "recalled"
        title = a.title or a.url or a.source
        lines.append(Text(f"  article {a.id} ({a.published or 'undated'}, {role}) {title}"))
        for reason in a.reasons:
            lines.append(Text(f"      {reason}", style="cyan"))
    for field, values in detail.conflicts.items():
        shown = "; ".join(f"{v}: articles {', '.join(map(str, ids))}" for v, ids in values.items())
        lines.append(Text(f"  conflict on {field}: {shown}", style="yellow"))
    return Group(*lines)


def render_stats(stats: Stats) -> RenderableType:
    head = Text(
        f"{stats.incidents} incidents, {stats.organisations} organisations; {stats.articles} articles read, "
        f"{stats.kept_aside} of them kept aside (no incident reported)"
    )
    tables = []
    for title, counts in (("year", stats.by_year), ("sector", stats.by_sector), ("attack", stats.by_attack),
                          ("data", stats.by_data)):
        table = Table(title=f"by {title}", title_justify="left", show_edge=False, show_header=False)
        table.add_column()
        table.add_column(justify="right")
        for key, n in counts.items():
            table.add_row(key, str(n))
        tables.append(table)
    return Group(head, *tables)
