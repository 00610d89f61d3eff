"""What a reader hands to the extractor: one article's text (or HTML) and what is known of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawArticle:
    """An article as read, before cleaning. Exactly one of `text` and `html` is set."""

    doc_id: str
    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read; `message` is one line a user can act on."""

    source: str
    message: str
