"""One jsonl line -> one article: `id`, `text` or `html`, and optional `url`, `title`, `published`."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from fuites.errors import InputError
from fuites.ingest.article import RawArticle
from fuites.ingest.html import read_html
from fuites.ingest.text import normalize_newlines
from fuites.models import IsoDate


class JsonlArticle(BaseModel):
    """The fields of a jsonl line that `fuites` reads; other fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: IsoDate | None = None


class NestedTooDeep(InputError):
    """A JSON value nested deeper than Python's parser goes."""


def parse_object(line: str) -> dict[str, Any]:
    """The JSON object of a line; raise InputError when the line is not one."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"not JSON ({err.msg} at column {err.colno})") from err
    except RecursionError as err:
        raise NestedTooDeep("JSON nested too deeply to read; give one flat object a line") from err
    if not isinstance(value, dict):
        raise InputError(f"not a JSON object but {type(value).__name__}; give one object a line")
    return value


def read_jsonl_line(line: str, fallback_id: str, source: str) -> RawArticle:
    """The article of one jsonl line; `text` wins over `html` when a line has both."""
    try:
        record = JsonlArticle.model_validate(parse_object(line))
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise InputError(f'field "{field}": {first["msg"].lower()}') from err
    doc_id = str(record.id) if record.id not in (None, "") else fallback_id
    if record.text is not None and record.text.strip():
        return RawArticle(
            doc_id=doc_id, source=source, text=normalize_newlines(record.text),
            url=record.url, title=record.title, published=record.published,
        )
    if record.html is not None and record.html.strip():
        return read_html(
            record.html, doc_id, source, url=record.url, title=record.title, published=record.published,
        )
    if record.text is not None or record.html is not None:
        raise InputError('empty "text"' if record.text is not None else 'empty "html"')
    raise InputError('no "text" or "html" field; give the article in one of them')
