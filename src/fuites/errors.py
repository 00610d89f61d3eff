"""The few exceptions `fuites` raises; each message says what was wrong and what to do."""


class FuitesError(Exception):
    """Base of every error `fuites` raises on purpose."""


class InputError(FuitesError):
    """An article could not be read: not text, too large, malformed."""


class StoreError(FuitesError):
    """The incident store could not be opened, migrated or written."""


class QueryError(FuitesError):
    """A search's criteria cannot be used (a date that is none, an unknown id); the message says which."""


class ExportError(FuitesError):
    """Records could not be exported to the asked format."""


class InputWarning(UserWarning):
    """An article was read, but not as given: a guessed encoding, a dropped part."""
