"""Interface labels in French and English, read from `labels.toml`; the language a request gets."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from fuites.store.filters import KINDS, FilterError

LANGUAGES = ("fr", "en")


@cache
def _tables() -> dict[str, dict[str, dict[str, Any]]]:
    text = resources.files("fuites.web").joinpath("labels.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


class Labels:
    """The labels of one language: `t("ui", "sector")`, `t("data", "email")`."""

    __slots__ = ("lang", "_table")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._table = _tables()[lang]

    def __call__(self, kind: str, key: str | None) -> str:
        if key is None:
            return ""
        table = self._table.get(kind)
        return str(table.get(key, key)) if table else key

    def ui(self, key: str) -> str:
        return str(self._table["ui"].get(key, key))

    def reason(self, text: str) -> str:
        """Why merge grouped an article, in this language (the store keeps it in English)."""
        for pattern, replacement in _reason_rules(self.lang):
            text = pattern.sub(replacement, text)
        return text

    def message(self, key: str, **values: str) -> str:
        """A sentence of the `messages` table with its blanks filled."""
        return str(self._table["messages"][key]).format(**values)


def filter_message(error: FilterError, labels: Labels) -> str:
    """A refused filter value, in the reader's words: what was wrong, the close matches, the choices."""
    if error.kind in ("since", "until", "period"):
        return labels.message("bad_date" if error.kind != "period" else "bad_period", value=error.value)
    names = [labels(error.kind, i) for i in KINDS[error.kind]]
    text = labels.message("unknown_value", kind=labels.ui(error.kind).lower(), value=error.value)
    if error.suggestions:
        text += " " + labels.message("did_you_mean", values=", ".join(labels(error.kind, i) for i in error.suggestions))
    return text + " " + labels.message("choices", values=", ".join(names))


@cache
def _reason_rules(lang: str) -> list[tuple[re.Pattern[str], str]]:
    rules = _tables()[lang].get("reasons", {}).get("rules", [])
    return [(re.compile(pattern), replacement) for pattern, replacement in rules]


def negotiate(accept_language: str | None, default: str) -> str:
    """The first of our languages the Accept-Language header asks for, by its q values."""
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and q > 0:
            ranked.append((-q, position, primary))
    return min(ranked)[2] if ranked else default
