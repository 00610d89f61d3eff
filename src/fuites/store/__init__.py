"""The incident store: tables, migrations, queries, and `Store`, its Python API.

`Store` composes the stages after reading (extract, store, merge); it is loaded on first use so
that `fuites.merge`, which reads the store's tables, can import them without importing itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fuites.store.api import IngestReport, Outcome, Store
    from fuites.store.queries import ArticleRef, IncidentDetail, IncidentSummary, Stats, Timeline

__all__ = ["ArticleRef", "IncidentDetail", "IncidentSummary", "IngestReport", "Outcome", "Stats", "Store",
           "Timeline"]


def __getattr__(name: str) -> Any:
    if name in ("IngestReport", "Outcome", "Store"):
        from fuites.store import api

        return getattr(api, name)
    if name in __all__:
        from fuites.store import queries

        return getattr(queries, name)
    raise AttributeError(f"module 'fuites.store' has no attribute {name!r}")
