"""An Atom feed of new incidents, filtered like the list: `/feed.atom?sector=health&data=national_id`.

ElementTree writes the XML, so a victim's name with `<` or `&` stays text; characters XML cannot
hold at all (NUL and other controls) are dropped. Absolute links start with the configured base
URL (`fuites serve --base-url`), never with the Host header a client sent.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from fuites.display import date_text
from fuites.models import printable
from fuites.store import IncidentSummary
from fuites.web import listing
from fuites.web.api import filters_from, may_read
from fuites.web.app import Web, web
from fuites.web.i18n import Labels
from fuites.web.listing import Filters

ATOM = "http://www.w3.org/2005/Atom"
router = APIRouter(dependencies=[Depends(may_read)])


def _iso(moment: Any) -> str:
    if not isinstance(moment, datetime):
        return datetime.now(UTC).isoformat(timespec="seconds")
    # the store writes local naive times (datetime.now()); astimezone reads them as such
    utc: datetime = moment.astimezone(UTC)
    return utc.isoformat(timespec="seconds").replace("+00:00", "Z")


@router.get(
    "/feed.atom",
    tags=["incidents"],
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def feed(request: Request, w: Annotated[Web, Depends(web)], f: Annotated[Filters, Depends(filters_from)]) -> Response:
    """New incidents as Atom, newest first; takes the filters of `/api/incidents`."""
    from fuites.web.pages import language, summary_line

    labels = Labels(language(request))
    with w.store.engine.connect() as conn:
        rows = listing.newest(conn, w.store.names, f, limit=50)
    base = w.base_url(request)
    here = f"{base}{request.url.path}" + (f"?{request.url.query}" if request.url.query else "")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        # a store filled before names were cleaned may hold a character XML cannot carry
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: printable(v) for k, v in attrs.items()})
        if text is not None:
            element.text = printable(text)
        return element

    sub(root, "id", here)
    sub(root, "title", f"fuites: {labels.ui('tagline')}")
    sub(root, "updated", _iso(max((u for _, u in rows), default=None)))
    sub(root, "link", rel="self", href=here)
    sub(root, "link", rel="alternate", href=f"{base}/")
    sub(sub(root, "author"), "name", "fuites")
    for row, updated in rows:
        entry = sub(root, "entry")
        incident = IncidentSummary(**row)
        sub(entry, "id", f"{base}/incidents/{incident.id}")
        sub(entry, "title", summary_line(incident, labels))
        sub(entry, "updated", _iso(updated))
        sub(entry, "link", rel="alternate", href=f"{base}/incidents/{incident.id}")
        lines = [f"{labels.ui('organisation')}: {incident.organisation}"]
        if incident.when:
            lines.append(f"{labels.ui('start')}: {date_text(incident.when, labels.lang)}")
        if incident.attack:
            lines.append(f"{labels.ui('attack')}: " + ", ".join(labels("attack", a) for a in incident.attack))
        if incident.data:
            lines.append(f"{labels.ui('data_exposed')}: " + ", ".join(labels("data", d) for d in incident.data))
        sub(entry, "summary", "\n".join(lines), type="text")
        if incident.sector:
            sub(entry, "category", term=incident.sector, label=labels("sector", incident.sector))
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
