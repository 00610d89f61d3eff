"""fuites: data breaches reported in the press, read into incident records."""

from fuites.errors import ExportError, FuitesError, InputError, StoreError
from fuites.extract.pipeline import extract
from fuites.models import Affected, Document, Incident

__all__ = [
    "Affected", "Document", "ExportError", "FuitesError", "Incident", "InputError", "StoreError",
    "extract",
]
__version__ = "0.1.0"
