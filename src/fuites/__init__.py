"""fuites: data breaches reported in the press, read into incident records."""

from typing import TYPE_CHECKING

from fuites.errors import ExportError, FuitesError, InputError, StoreError
from fuites.extract.pipeline import extract
from fuites.models import Affected, Document, Incident

if TYPE_CHECKING:
    from fuites.store import Store

__all__ = [
    "Affected", "Document", "ExportError", "FuitesError", "Incident", "InputError", "StoreError",
    "Store", "extract",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # The store brings SQLAlchemy and Alembic: loaded on first use of `fuites.Store`, so that
    # `fuites extract` does not pay for them.
    if name == "Store":
        from fuites.store import Store

        return Store
    raise AttributeError(f"module 'fuites' has no attribute {name!r}")
