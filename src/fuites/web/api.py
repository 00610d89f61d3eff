"""The REST API under /api: the reads of `fuites search`, `show`, `org`, `stats`, and adding articles.

Reads are public unless the server runs with `reads="token"`; writes always need a token from
`fuites token create`, sent as `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hashlib
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import to_json

from fuites import advice
from fuites.advice import Check
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.web import is_url
from fuites.models import Document, IsoDate
from fuites.store import IncidentDetail, IncidentSummary, Outcome, Stats, Timeline
from fuites.web import listing
from fuites.web.app import Web, error_body, web
from fuites.web.i18n import negotiate
from fuites.web.listing import ArticleView, Filters, SourceRef

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_ID = 2**63 - 1  # the store's ids are 64-bit integers: a larger one names nothing


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def require_token(request: Request, w: Annotated[Web, Depends(web)]) -> str:
    """The name of the caller's token; 401 with what to do when there is none or it is unknown."""
    token = bearer(request)
    if token is None:
        raise HTTPException(
            401,
            "this needs a token: send `Authorization: Bearer <token>`; "
            "`fuites token create NAME` on the server makes one",
            headers={"WWW-Authenticate": "Bearer"},
        )
    name = w.tokens.check(token)
    if name is None:
        raise HTTPException(
            401,
            "this token is not one the server knows: check it was created with "
            "`fuites token create` for the tokens file the server reads",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return name


async def may_read(request: Request, w: Annotated[Web, Depends(web)]) -> None:
    if w.settings.reads == "token":
        await require_token(request, w)


router = APIRouter(prefix="/api", dependencies=[Depends(may_read)])
Reader = Annotated[Web, Depends(web)]


class IncidentItem(IncidentSummary):
    """An incident of a list, with the articles it comes from."""

    sources: list[SourceRef] = Field(default_factory=list)


class IncidentList(BaseModel):
    incidents: list[IncidentItem]
    next: str | None = Field(None, description="give it as `cursor` for the next page; null on the last")


class StatsOut(Stats):
    by_month: dict[str, int] = Field(default_factory=dict)


async def filters_from(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description='words or "a phrase", in texts and names')] = None,
    org: Annotated[str | None, Query(max_length=255, description="an organisation's name or alias")] = None,
    sector: Annotated[str | None, Query(max_length=64, description="an id or a label, French or English")] = None,
    attack: Annotated[list[str] | None, Query(max_length=10, description="every one given must hold")] = None,
    data: Annotated[list[str] | None, Query(max_length=25, description="every one given must hold")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="inclusive: 2024-03 is all March")] = None,
) -> Filters:
    return Filters(
        q=q,
        org=org,
        sector=sector,
        attack=tuple(attack or ()),
        data=tuple(data or ()),
        since=since,
        until=until,
    ).check(negotiate(request.headers.get("accept-language"), "en"))


class IncidentQuery(BaseModel):
    """The parameters of the list, read in one validation: the list is the API's hot path, and
    FastAPI's parameter by parameter reading cost as much as the store's queries."""

    q: str | None = Field(None, max_length=500, description='words or "a phrase", in texts and names')
    org: str | None = Field(None, max_length=255, description="an organisation's name or alias")
    sector: str | None = Field(None, max_length=64, description="an id or a label, French or English")
    attack: list[str] | None = Field(None, max_length=10, description="every one given must hold")
    data: list[str] | None = Field(None, max_length=25, description="every one given must hold")
    since: str | None = Field(None, pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")
    until: str | None = Field(None, pattern=DATE_PATTERN, description="inclusive: 2024-03 is all March")
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(50, ge=1, le=listing.MAX_LIMIT)


@router.get("/incidents", response_model=IncidentList, tags=["incidents"])
def list_incidents(w: Reader, request: Request, p: Annotated[IncidentQuery, Query()]) -> Response:
    """Incidents matching every filter, most recent first, a page at a time."""
    f = Filters(q=p.q, org=p.org, sector=p.sector, attack=tuple(p.attack or ()), data=tuple(p.data or ()),
                since=p.since, until=p.until).check(negotiate(request.headers.get("accept-language"), "en"))
    with w.store.engine.connect() as conn:
        found = listing.page(conn, w.store.names, f, cursor=p.cursor, limit=p.limit)
        sources = listing.sources_of(conn, [i["id"] for i in found.incidents])
    # rows to JSON at once, without FastAPI validating them again
    body = {"incidents": [{**i, "sources": sources[i["id"]]} for i in found.incidents], "next": found.next}
    return Response(to_json(body), media_type="application/json")


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, tags=["incidents"])
def get_incident(w: Reader, incident_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> IncidentDetail:
    """One incident: every field, the articles each value comes from, and the conflicts."""
    return w.store.show(incident_id)


@router.get("/orgs/{name:path}", response_model=Timeline, tags=["incidents"])
def get_org(w: Reader, name: Annotated[str, Path(max_length=255)]) -> Timeline:
    """An organisation's incidents, oldest first."""
    return w.store.org(name)


@router.get("/check/{name:path}", response_model=Check, tags=["incidents"])
def get_check(w: Reader, name: Annotated[str, Path(max_length=255)],
              lang: Annotated[str, Query(pattern="^(fr|en)$")] = "fr") -> Check:
    """`fuites check`: an organisation's incidents and what its exposed people should do."""
    return advice.check(w.store, name, lang)


@router.get("/stats", response_model=StatsOut, tags=["incidents"])
def get_stats(w: Reader) -> StatsOut:
    """Incidents by year, month, sector, attack and data category."""
    return w.cached("stats", lambda: _stats(w))


def _stats(w: Web) -> StatsOut:
    with w.store.engine.connect() as conn:
        months = dict(listing.per_month(conn))
    return StatsOut(**w.store.stats().model_dump(), by_month=months)


@router.get("/articles/{article_id}", response_model=ArticleView, tags=["articles"])
def get_article(w: Reader, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> ArticleView:
    """A stored article: its cleaned text, the record extracted from it with evidence spans
    (character offsets into `text`), and the incident each of its records was placed in."""
    with w.store.engine.connect() as conn:
        found = listing.article(conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id} in the store; an incident's `sources` lists its articles")
    return found


class ArticleIn(BaseModel):
    """One article to add: its `text`, or its `html`, or only its `url` to fetch."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article as plain text")
    html: str | None = Field(None, description="the article's page; its main text is kept")
    url: str | None = Field(None, max_length=2000, description="where it was published; fetched if alone")
    title: str | None = Field(None, max_length=1000)
    published: IsoDate | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY (a timestamp too)")
    doc: str | None = Field(None, max_length=255, description="an id of your own for the article")

    @field_validator("text", "html", "url", "title", "doc")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        # JSON lets "\ud800" through: half a UTF-16 pair, which no text can store or show
        if value is not None and _SURROGATE.search(value):
            raise ValueError("holds a lone surrogate (such as \\ud800): send UTF-8 text, or pairs of \\u escapes")
        return value

    @model_validator(mode="after")
    def one_body(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give `text` or `html`, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give the article as `text` or `html`, or its `url` to fetch it")
        if self.url and not is_url(self.url):
            raise ValueError("`url` must start with http:// or https://")
        if (self.text or self.html or "x").strip() == "":
            raise ValueError("the article is empty")
        return self


class OutcomeOut(BaseModel):
    source: str
    status: str
    message: str = ""
    article: int | None = None
    incidents: list[int] = Field(default_factory=list)


class AddedOut(BaseModel):
    outcomes: list[OutcomeOut]


@router.post(
    "/articles",
    response_model=AddedOut,
    status_code=201,
    tags=["articles"],
    responses={
        200: {"description": "already stored"},
        401: {"description": "no or unknown token"},
        413: {"description": "body too large"},
        422: {"description": "not an article"},
    },
)
async def add_article(w: Reader, body: ArticleIn, token: Annotated[str, Depends(require_token)]) -> Any:
    """Extract an article, store it and merge its incidents (needs a token)."""
    outcomes = await _add(w, body, token)
    out = AddedOut(
        outcomes=[
            OutcomeOut(
                source=o.source,
                status=o.status,
                message=o.message,
                article=o.article,
                incidents=list(o.incidents),
            )
            for o in outcomes
        ]
    )
    if outcomes and all(o.status == "failed" for o in outcomes):
        return JSONResponse(error_body(422, outcomes[0].message), status_code=422)
    status = 201 if any(o.status == "new" for o in outcomes) else 200
    return JSONResponse(out.model_dump(mode="json"), status_code=status)


async def _add(w: Web, body: ArticleIn, token: str) -> list[Outcome]:
    """Fetch (in a thread), extract (in the extraction process), store (in a thread): the event
    loop and the readers' threads never run the extractor."""
    source = f"api:{token}"
    jobs: list[RawArticle | Outcome] = []
    if body.text is None and body.html is None:
        assert body.url is not None
        jobs = await run_in_threadpool(_fetch, w, body.url)
    else:
        content = body.text if body.text is not None else body.html or ""
        doc_id = body.doc or "api-" + hashlib.sha256(content.encode("utf-8", "replace")).hexdigest()[:16]
        jobs = [RawArticle(doc_id, body.url or source, text=body.text, html=body.html, url=body.url, title=body.title,
                           published=body.published)]
    outcomes: list[Outcome] = []
    for job in jobs:
        if isinstance(job, Outcome):
            outcomes.append(job)
            continue
        doc = await w.extractor(job)
        if isinstance(doc, str):
            outcomes.append(Outcome(job.source, "failed", doc))
            continue
        outcomes.append(await run_in_threadpool(_store, w, doc, job.source))
    return outcomes


def _fetch(w: Web, url: str) -> list[RawArticle | Outcome]:
    """The articles at a URL (one page, or a feed's entries), or why they could not be read."""
    from fuites.ingest.web import read_url

    out: list[RawArticle | Outcome] = []
    for item in read_url(url, allow_private=w.settings.allow_private):
        if isinstance(item, ReadFailure):
            out.append(Outcome(item.source, "failed", item.message))
        else:
            out.append(item)
    return out


def _store(w: Web, doc: Document, source: str) -> Outcome:
    with w.write_lock:
        outcome = w.store.add_document(doc, source)
    w.invalidate()
    if outcome.status in ("new", "updated"):
        w.alerts.kick()  # committed: its alerts go out from the background, not in this request
    return outcome
