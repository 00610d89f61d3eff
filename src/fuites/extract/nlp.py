"""spaCy models, loaded once and only with the components the extractors use.

The French pipeline runs its tokenizer and NER alone: the parser, tagger and lemmatizer cost
most of its time and the extractors read cue patterns, not parses.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from fuites.errors import FuitesError

MODELS = {"fr": "fr_core_news_md"}
Entities = list[tuple[int, int, str]]


@cache
def ner_model(lang: str) -> Any | None:
    """The NER pipeline of a language, or None where no packaged model exists."""
    name = MODELS.get(lang)
    if name is None:
        return None
    import spacy

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return spacy.load(name, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])
    except OSError as error:
        raise FuitesError(f"spaCy model {name} is not installed: run `pip install {name.replace('_', '-')}`") from error


def entities(lang: str, texts: Iterable[str], batch_size: int = 16) -> Iterator[Entities]:
    """Named entities (start, end, label) of each text, in order."""
    model = ner_model(lang)
    if model is None:
        for _ in texts:
            yield []
        return
    for doc in model.pipe(texts, batch_size=batch_size):
        yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]
