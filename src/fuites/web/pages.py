"""Pages a person reads, rendered on the server: home with facets, incident, organisation, statistics.

Jinja2 escapes everything it prints; the only markup we build in Python (evidence marks, SVG
charts) escapes each piece of text itself. Links from articles are only made links when they
are http(s); anything else (`javascript:`) is shown as text.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from fuites import advice
from fuites.display import count_text, date_text
from fuites.models import ATTACKS, DATA, SECTORS, public_url
from fuites.store import IncidentSummary
from fuites.store.queries import UnknownOrganisation
from fuites.web import charts, listing, summary
from fuites.web.api import MAX_ID, may_read
from fuites.web.app import TEMPLATES, Web, web
from fuites.web.evidence import clean_spans, highlight
from fuites.web.i18n import LANGUAGES, Labels, negotiate
from fuites.web.listing import Filters

router = APIRouter(dependencies=[Depends(may_read)], include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES)
Reader = Annotated[Web, Depends(web)]
LANG_COOKIE = "fuites_lang"


def language(request: Request) -> str:
    """The cookie set by the language links, else Accept-Language, else the server's setting."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    default: str = request.app.state.web.settings.lang
    return negotiate(request.headers.get("accept-language"), default)


def safe_url(url: str | None) -> str | None:
    """The URL if a browser may follow it from our page: http(s) only."""
    if not url:
        return None
    if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return public_url(url)


def count(n: int | None, lang: str) -> str:
    if n is None:
        return ""
    text = f"{n:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    labels = Labels(lang)
    response = templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "t": labels,
            "ui": labels.ui,
            "safe_url": safe_url,
            "count": lambda n: count(n, lang),
            "date": lambda value, earlier=False: date_text(value, lang, earlier=earlier),
            "path": request.url.path,
            "query": request.url.query,
            **context,
        },
        status_code=status,
    )
    response.headers["vary"] = "Accept-Language, Cookie"
    return response


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None,
               **context: Any) -> Response:
    """An error for a person: a 404 says so in their language (the store's message speaks of commands)."""
    if status == 404 and "suggestions" not in context:
        message = Labels(language(request)).message("not_found", path=request.url.path)
    response = render(request, "error.html", status=status, status_code=status, message=message, **context)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


class View:
    """The home page's filters and the links that change them (facets, chips, next page)."""

    def __init__(self, f: Filters, year: str | None) -> None:
        self.f = f
        self.year = year

    def params(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (
                ("q", self.f.q),
                ("org", self.f.org),
                ("sector", self.f.sector),
                ("attack", list(self.f.attack)),
                ("data", list(self.f.data)),
                ("year", self.year),
            )
            if v
        }

    def link(self, **changes: Any) -> str:
        params = {**self.params(), **changes}
        query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
        return "/" + ("?" + query if query else "")

    def toggle(self, kind: str, value: str) -> str:
        if kind in ("attack", "data"):
            current = list(getattr(self.f, kind))
            chosen = [v for v in current if v != value] if value in current else [*current, value]
            return self.link(**{kind: chosen})
        current_value = self.year if kind == "year" else getattr(self.f, kind)
        return self.link(**{kind: None if current_value == value else value})

    def active(self, kind: str, value: str) -> bool:
        if kind in ("attack", "data"):
            return value in getattr(self.f, kind)
        return (self.year if kind == "year" else getattr(self.f, kind)) == value

    def chips(self) -> list[tuple[str, str, str]]:
        """(kind, value, link without it) for each active filter."""
        out = []
        for kind in ("sector", "year"):
            value = self.year if kind == "year" else getattr(self.f, kind)
            if value:
                out.append((kind, value, self.link(**{kind: None})))
        for kind in ("attack", "data"):
            for value in getattr(self.f, kind):
                out.append((kind, value, self.toggle(kind, value)))
        for kind in ("q", "org"):
            if getattr(self.f, kind):
                out.append((kind, getattr(self.f, kind), self.link(**{kind: None})))
        return out


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    w: Reader,
    q: Annotated[str | None, Query(max_length=500)] = None,
    org: Annotated[str | None, Query(max_length=255)] = None,
    sector: Annotated[str | None, Query(max_length=32)] = None,
    attack: Annotated[list[str] | None, Query(max_length=10)] = None,
    data: Annotated[list[str] | None, Query(max_length=25)] = None,
    year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    f = Filters(
        q=q or None,
        org=org or None,
        sector=sector or None,
        attack=tuple(attack or ()),
        data=tuple(data or ()),
        since=year,
        until=year,
    ).check(language(request))
    view = View(f, year)
    with w.store.engine.connect() as conn:
        found = listing.page(conn, w.store.names, f, cursor=cursor, limit=50)
        matched = listing.snippets(conn, [i["id"] for i in found.incidents], f.q)
    labels = Labels(language(request))
    # facets and their links depend only on the filters and the language: built once a while
    facets = w.cached(f"facets:{labels.lang}:{f.key()}:{year}", lambda: _facet_links(w, f, view, labels))
    totals = w.cached("stats", lambda: w.store.stats())
    return render(
        request,
        "home.html",
        view=view,
        page=found,
        snippets=matched,
        facets=facets,
        totals=totals,
        next_link=view.link(cursor=found.next) if found.next else None,
    )


def _facet_links(w: Web, f: Filters, view: View, labels: Labels) -> dict[str, Any]:
    counts = _facets(w, f)
    out: dict[str, Any] = {"total": counts.total}
    for kind in ("sector", "attack", "data", "year"):
        out[kind] = [
            {
                "value": value,
                "n": n,
                "link": view.toggle(kind, value),
                "active": view.active(kind, value),
                "label": value if kind == "year" else labels(kind, value),
            }
            for value, n in getattr(counts, kind)
        ]
    return out


def _facets(w: Web, f: Filters) -> listing.Facets:
    with w.store.engine.connect() as conn:
        return listing.facets(conn, w.store.names, f)


def _fields(detail: Any) -> list[tuple[str, str]]:
    """The card's rows as (evidence field, label key), in reading order."""
    return [
        ("victim", "victim"),
        ("sector", "sector"),
        ("country", "country"),
        ("attack", "attack"),
        ("actors", "actors"),
        ("affected", "affected"),
        ("data", "data_exposed"),
        ("data_not", "data_not"),
        ("occurred", "occurred"),
        ("discovered", "discovered"),
        ("disclosed", "disclosed"),
        ("authorities", "authorities"),
        ("notified_individuals", "notified"),
        ("channels", "channels"),
    ]


INLINE_TEXTS = 10  # article texts shown on an incident page; the others are links


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, w: Reader, incident_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    detail = w.store.show(incident_id)
    labels = Labels(language(request))
    names = {field: labels.ui(label) for field, label in _fields(detail)}
    with w.store.engine.connect() as conn:
        articles = listing.articles_of(conn, incident_id)
    refs = {r.id: r for r in detail.sources_articles}
    # main reports first, then recalls; wire copies after the reports they copy
    articles.sort(key=lambda item: (not (refs[item[0].id].primary if item[0].id in refs else True),
                                    _is_copy(refs.get(item[0].id)), item[0].published or "", item[0].id))
    shown: list[dict[str, Any]] = []
    quotes: dict[str, list[summary.Quote]] = {}
    for view, position in articles:
        records = view.record.get("incidents") or []
        record = records[position] if position < len(records) else {}
        evidence = record.get("evidence") or {}
        prefix = f"a{view.id}"
        inline = len(shown) < INLINE_TEXTS
        for name, items in clean_spans(view.text, evidence).items():
            for n, span in enumerate(items):
                anchor = f"{prefix}-{name}-{n}" if inline else f"/articles/{view.id}"
                quotes.setdefault(name, []).append(summary.quote(view.text, span, view.id, anchor))
        ref = refs.get(view.id)
        shown.append({
            "view": view,
            "primary": bool(record.get("primary", True)),
            "wire": _is_copy(ref),
            "inline": inline,
            "headline": summary.headline(view.title, view.text, view.doc),
            "outlet": summary.outlet(view.url),
            "reasons": [labels.reason(r) for r in (ref.reasons if ref else [])],
            "html": highlight(view.text, evidence, prefix, names) if inline else None,
        })
    return render(request, "incident.html", i=detail, articles=shown, quotes=quotes, fields=_fields(detail),
                  summary=summary.sentence(detail, labels), advice=advice.advice(detail.data, labels.lang),
                  general=advice.general(labels.lang))


def _is_copy(ref: Any) -> bool:
    return bool(ref and any(r.startswith("wire copy") for r in ref.reasons))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, w: Reader, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    with w.store.engine.connect() as conn:
        view = listing.article(conn, article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id} in the store")
    labels = Labels(language(request))
    names = {field: labels.ui(label) for field, label in _fields(None)}
    merged: dict[str, list[list[int]]] = {}
    for record in view.record.get("incidents") or []:
        for name, items in (record.get("evidence") or {}).items():
            merged.setdefault(name, []).extend(items)
    return render(request, "article.html", a=view, html=highlight(view.text, merged, f"a{view.id}", names),
                  headline=summary.headline(view.title, view.text, view.doc), outlet=summary.outlet(view.url))


@router.get("/orgs/{name:path}", response_class=HTMLResponse)
def org_page(request: Request, w: Reader, name: Annotated[str, Path(max_length=255)]) -> Response:
    try:
        timeline = w.store.org(name)
    except UnknownOrganisation as e:
        labels = Labels(language(request))
        return error_page(request, 404, labels.message("unknown_org", name=name),
                          suggestions=[(n, "/orgs/" + quote(n, safe="")) for n in e.suggestions],
                          search="/?" + urlencode({"q": name}))
    checked = advice.check(w.store, name, language(request))
    return render(request, "org.html", tl=timeline, advice=checked.advice, general=checked.general)


@router.get("/feed", response_class=HTMLResponse)
def feed_page(request: Request, w: Reader) -> HTMLResponse:
    """The Atom feed's HTML twin: what it holds, and its address to copy into a feed reader."""
    with w.store.engine.connect() as conn:
        rows = listing.newest(conn, w.store.names, Filters(), limit=50)
    atom = str(request.base_url).rstrip("/") + "/feed.atom"
    return render(request, "feed.html", atom=atom, incidents=[IncidentSummary(**row) for row, _ in rows])


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, w: Reader, name: Annotated[str, Path(max_length=255)]) -> HTMLResponse:
    with w.store.engine.connect() as conn:
        found = listing.by_actor(conn, name)
    if not found:
        raise HTTPException(404, f"no incident names the actor {name!r}")
    return render(request, "actor.html", actor=name, incidents=[IncidentSummary(**i) for i in found])


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, w: Reader) -> HTMLResponse:
    labels = Labels(language(request))
    stats = w.cached("stats", lambda: w.store.stats())

    def months() -> list[tuple[str, int]]:
        with w.store.engine.connect() as conn:
            return listing.per_month(conn)

    by_month = _every_month(w.cached("months", months))
    view = View(Filters(), None)
    drawn = {
        "per_month": charts.columns(labels.ui("per_month"), [(m, n, view.link(year=m[:4])) for m, n in by_month]),
        "by_sector": charts.bars(
            labels.ui("by_sector"),
            [(labels("sector", k), n, view.toggle("sector", k)) for k, n in stats.by_sector.items() if k in SECTORS],
        ),
        "by_attack": charts.bars(
            labels.ui("by_attack"),
            [(labels("attack", k), n, view.toggle("attack", k)) for k, n in stats.by_attack.items() if k in ATTACKS],
        ),
        "by_data": charts.bars(
            labels.ui("by_data"),
            [(labels("data", k), n, view.toggle("data", k)) for k, n in stats.by_data.items() if k in DATA],
        ),
    }
    undated = stats.incidents - sum(n for _, n in by_month)
    return render(request, "stats.html", stats=stats, charts=drawn, undated=undated)


def _every_month(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The months from the first to the last, with 0 for those without incidents: time reads evenly."""
    if not counts:
        return []
    known = dict(counts)
    year, month = int(counts[0][0][:4]), int(counts[0][0][5:7])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append((key, known.get(key, 0)))
        if key >= counts[-1][0] or len(out) > 1200:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@router.get("/lang/{code}")
def set_language(
    code: Annotated[str, Path(pattern="^(fr|en)$")], next: Annotated[str, Query(max_length=2000)] = "/"
) -> RedirectResponse:
    # only a path of this site: "//evil.example" or "https://..." would make us an open redirect
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response


def summary_line(i: IncidentSummary, labels: Labels) -> str:
    """One line about an incident, for the feed's entry titles."""
    parts = [i.victim or i.organisation]
    if i.sector:
        parts.append(labels("sector", i.sector))
    if i.affected_count:
        parts.append(count_text(i.affected_count, i.affected_qualifier, labels.lang))
    return " · ".join(parts)


__all__ = ["Markup", "error_page", "router", "summary_line"]
