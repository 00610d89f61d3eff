"""An HTML page -> its article: main text (paragraphs as lines), title and date, by trafilatura."""

from __future__ import annotations

import trafilatura
from trafilatura.utils import load_html

from fuites.errors import InputError
from fuites.ingest.article import RawArticle

# Extraction time grows with the number of elements (about 10 s per 100,000); a news page has a
# few thousand, so a page far beyond that is not an article and would only make the run hang.
MAX_ELEMENTS = 50_000

# Publication date from the page's markup only: the extensive search would take the first
# date of the body (often the attack's) for the article's own; the extractor reads the text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def read_html(
    html: str,
    doc_id: str,
    source: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
) -> RawArticle:
    """The article of an HTML page; given `title` and `published` win over the page's own.

    Nothing in the page runs: lxml parses it, trafilatura drops scripts, styles and forms, and
    no URL is fetched.
    """
    tree = load_html(_as_document(html))
    if tree is None:
        raise InputError("no HTML document in it")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise InputError(
            f"too many HTML elements ({elements:,}, the limit is {MAX_ELEMENTS:,}); not an article page"
        )
    extracted = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(extracted, "text", None)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML")
    return RawArticle(
        doc_id=doc_id,
        source=source,
        text=text,
        url=url or getattr(extracted, "url", None),
        title=title or getattr(extracted, "title", None),
        published=published or getattr(extracted, "date", None),
    )


def _as_document(html: str) -> str:
    # trafilatura takes a page without an <html> tag near its start for something else, and
    # jsonl `html` fields are often bare fragments ("<p>...</p>").
    if "<html" in html[:1024].lower():
        return html
    return f"<html><body>{html}</body></html>"
