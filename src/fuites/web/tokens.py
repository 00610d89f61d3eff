"""API tokens: `fuites token create` prints one once; the server keeps only its SHA-256.

Tokens live in a small text file (one `name<TAB>sha256<TAB>created` a line, mode 0600), not in
the store, so the same tokens guard a SQLite or a PostgreSQL store and a read-only store copy.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_config_dir

from fuites.errors import FuitesError

ENV_TOKENS = "FUITES_TOKENS"
PREFIX = "fu_"


def default_path() -> Path:
    """$FUITES_TOKENS, else `tokens` in the user config dir."""
    env = os.environ.get(ENV_TOKENS)
    return Path(env) if env else Path(user_config_dir("fuites", appauthor=False)) / "tokens"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(name: str, path: Path | None = None) -> str:
    """A new token named `name`, appended to the tokens file; returns the token itself."""
    if not name or any(c in name for c in "\t\r\n"):
        raise FuitesError(f"cannot use {name!r} as a token name: give a name without tabs or line breaks")
    path = path or default_path()
    token = PREFIX + secrets.token_urlsafe(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(f"{name}\t{_digest(token)}\t{datetime.now(UTC).isoformat(timespec='seconds')}\n")
    except OSError as e:
        raise FuitesError(f"cannot write the tokens file {path}: {e.strerror}; give --tokens PATH") from e
    return token


class TokenFile:
    """The tokens a server accepts, read again when the file changes (a token created while serving works)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._mtime: float | None = None
        self._names: dict[str, str] = {}

    def _load(self) -> None:
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            self._names, self._mtime = {}, None
            return
        if mtime == self._mtime:
            return
        names = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                names[parts[1]] = parts[0]
        self._names, self._mtime = names, mtime

    def check(self, token: str) -> str | None:
        """The name of a valid token, else None."""
        self._load()
        return self._names.get(_digest(token))
