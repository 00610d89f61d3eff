"""The article's language, by py3langid (its model ships inside the package)."""

from __future__ import annotations

from functools import cache
from typing import Any

# The identifier reads the head of the article: enough for a stable answer, cheap on long texts.
SAMPLE_CHARS = 600


@cache
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str, sample: int | None = None) -> str:
    """ISO 639-1 code of the text's language, read from its first `sample` characters; French when
    the text is too short to tell."""
    head = text[: sample or SAMPLE_CHARS]
    if len(head.strip()) < 20:
        return "fr"
    lang, _ = _identifier().classify(head)
    return str(lang)
