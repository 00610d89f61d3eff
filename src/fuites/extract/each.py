"""Raw articles -> Documents, each article's failure kept to itself: what ingest and batch both run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fuites.errors import FuitesError
from fuites.extract.pipeline import extract_articles
from fuites.ingest.article import RawArticle
from fuites.models import Document


def extract_each(raws: Sequence[RawArticle]) -> list[Document | str]:
    """Documents for raw articles, or for each one that failed the reason in one line; each
    document keeps what the reader knew of the article (URL, title, date) when the text did not say.

    A batch goes through the pipeline at once (spaCy is faster on batches); when it fails, each
    article is extracted alone so one bad article only fails itself.
    """
    if not raws:
        return []
    docs: list[Document | str] | None = None
    try:
        docs = list(extract_articles(raws))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        pass
    if docs is None or len(docs) != len(raws):
        docs = [_extract_one(raw) for raw in raws]
    return [doc if isinstance(doc, str) else completed(doc, raw) for doc, raw in zip(docs, raws, strict=True)]


def _extract_one(raw: RawArticle) -> Document | str:
    try:
        return next(iter(extract_articles([raw])), None) or "extraction gave no record"
    except FuitesError as e:
        return str(e)
    except Exception as e:  # noqa: BLE001 - one article's bug must not stop the others
        return f"extraction failed: {type(e).__name__}: {' '.join(str(e).split())[:200]}"


def completed(doc: Document, raw: RawArticle) -> Document:
    """The document with the URL, title and date the reader gave where extraction found none."""
    known: dict[str, Any] = {}
    for name in ("url", "title", "published"):
        if getattr(doc, name) is None and getattr(raw, name) is not None:
            known[name] = getattr(raw, name)
    return doc.model_copy(update=known) if known else doc
