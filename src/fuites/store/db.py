"""Opening a store: where it lives, the connection settings, and migrating it to the code's schema."""

from __future__ import annotations

import functools
import operator
import os
import shlex
import sqlite3
import threading
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, cast

from platformdirs import user_data_dir
from sqlalchemy import ClauseElement, Connection, Dialect, Engine, Select, create_engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase

from fuites.errors import StoreError

ENV_DB = "FUITES_DB"


def default_path() -> Path:
    """The store used when none is given: $FUITES_DB, else fuites.db in the user data dir."""
    return Path(user_data_dir("fuites", appauthor=False)) / "fuites.db"


def database_url(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> str:
    """A SQLAlchemy URL from a path, a URL or nothing (`--db` as a user types it).

    `create=False`: a SQLite file that does not exist is an error, and no folder is made for it
    (what reading commands want: a mistyped path must not leave an empty store behind).
    """
    if db is None:
        db = os.environ.get(ENV_DB) or default_path()
    text = os.fspath(db)
    if text.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we install; SQLAlchemy would look for psycopg2 otherwise
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    path = Path(text).expanduser()
    if not create and text != ":memory:" and not path.is_file():
        raise StoreError(f"no store at {path}: `fuites ingest --db {shlex.quote(str(path))} ARTICLES` makes one")
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite opens transactions on its own and breaks SAVEPOINT; SQLAlchemy's documented
    # recipe is to turn that off and emit BEGIN ourselves (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL with synchronous=NORMAL stays consistent on a crash; only the last commits may be lost
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_BUSY_MS = 10000


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL, as many connections opening a new store at once all ask.

    SQLite runs no busy handler for this switch: while another connection holds the file, it fails
    at once ("locked") or leaves the mode as it was. It is tried again until the file is in WAL (by
    this connection or another), within the busy timeout. A file already in WAL takes no lock.
    """
    deadline = time.monotonic() + _BUSY_MS / 1000
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
        else:
            # a store in memory has no WAL; it is only ever opened once
            if mode in ("wal", "memory") or time.monotonic() > deadline:
                return
        time.sleep(0.02)


def _sqlite_begin(conn: Any) -> None:
    # A writer asks for IMMEDIATE: it takes the write lock at BEGIN, waiting up to busy_timeout,
    # instead of failing when two deferred transactions both try to upgrade their read locks.
    mode = "IMMEDIATE" if conn.get_execution_options().get("writer") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def open_engine(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Engine:
    """An engine on the store, migrated to the latest schema (`create`: see `database_url`)."""
    url = database_url(db, create=create)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        migrate(engine)
    except SQLAlchemyError as e:
        raise StoreError(f"cannot open the store {_safe(url)}: {_reason(e)}; check --db") from e
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; a store already there costs one query."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "fuites.store:migrations")
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    # Two processes opening a new store at once: one migrates, the other waits for it, then finds
    # the schema there (SQLite: the write lock taken at BEGIN; PostgreSQL: an advisory lock).
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


_MIGRATION_LOCK = 0x66756974  # "fuit"


class CommitProbe:
    """Tells whether anything was committed to the store since it last looked, by any process.

    `value()` changes after every commit by any connection. SQLite keeps a counter for that
    (`PRAGMA data_version`, read on a connection of the probe's own that never writes: each call
    costs microseconds). PostgreSQL has no such counter per database: the probe reads the server's
    write-ahead log position, which moves with every commit (and with some other work, which only
    makes the probe say "changed" more often than needed); as that is a round trip, it is read at
    most every `PG_SECONDS`. A store in memory has no other connection: the probe returns None.
    """

    PG_SECONDS = 0.25

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._last: tuple[float, object] = (0.0, None)
        self._kind = engine.dialect.name
        database = engine.url.database
        self._sqlite_file = (
            Path(database) if self._kind == "sqlite" and database and database != ":memory:" else None
        )

    def value(self) -> object:
        with self._lock:
            if self._sqlite_file is not None:
                if self._sqlite is None:
                    self._sqlite = sqlite3.connect(
                        f"{self._sqlite_file.as_uri()}?mode=ro", uri=True, check_same_thread=False
                    )
                return self._sqlite.execute("PRAGMA data_version").fetchone()[0]
            if self._kind != "postgresql":
                return None
            now = time.monotonic()
            if now - self._last[0] < self.PG_SECONDS:
                return self._last[1]
            with self.engine.connect() as conn:
                lsn = conn.exec_driver_sql(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                    "ELSE pg_current_wal_lsn() END::text"
                ).scalar()
            self._last = (now, lsn)
            return lsn

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None


def executemany_plain(conn: Connection, statement: ClauseElement, rows: Sequence[dict[str, Any]]) -> None:
    """Run an INSERT for many rows of plain integers and strings through the driver's executemany.

    An article's LSH bands and an incident's tags are such rows; handed to the driver as they are,
    they skip SQLAlchemy's per-row parameter processing, which costs more than SQLite's inserts.
    Only for columns without a bind processor (no JSON, dates or enums).
    """
    if not rows:
        return
    sql, order = _plain_sql(statement, conn.dialect)
    params = [tuple(r[k] for k in order) for r in rows] if order else list(rows)
    with _driver_cursor(conn, sql, params) as cursor:
        cursor.executemany(sql, params)


class _driver_cursor:  # noqa: N801 - used as a context manager, like a function
    """A DBAPI cursor on the connection's current transaction, for the write path's hot statements.

    SQLAlchemy's execution context costs more than SQLite's inserts; the driver's cursor skips it.
    Driver errors are raised as SQLAlchemy's (`IntegrityError`...), as `conn.execute` raises them.
    """

    def __init__(self, conn: Connection, sql: str, params: Any) -> None:
        self.conn, self.sql, self.params = conn, sql, params
        self.cursor: Any = None

    def __enter__(self) -> Any:
        self.cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        return self.cursor

    def __exit__(self, kind: Any, error: Any, _tb: Any) -> None:
        self.cursor.close()
        dbapi = self.conn.dialect.loaded_dbapi
        if error is not None and isinstance(error, dbapi.Error):
            raise DBAPIError.instance(self.sql, self.params, error, dbapi.Error,
                                      dialect=self.conn.dialect) from error


def execute_driver(conn: Connection, sql: str) -> None:
    """A statement without parameters or rows (SAVEPOINT, RELEASE...) on the driver's cursor."""
    with _driver_cursor(conn, sql, None) as cursor:
        cursor.execute(sql)


@functools.lru_cache(maxsize=32)
def _plain_sql(statement: ClauseElement, dialect: Dialect) -> tuple[str, list[str] | None]:
    """A statement's SQL for a driver, and the order of its parameters when they are positional."""
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    return compiled.string, list(compiled.positiontup or []) if compiled.positional else None


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url


def _reason(e: Exception) -> str:
    return " ".join(str(getattr(e, "orig", None) or e).split())[:300]


def execute_plain(conn: Connection, statement: UpdateBase, row: dict[str, Any]) -> Any:
    """Run a single-row INSERT or UPDATE on the driver's cursor, with the dialect's SQL and bind
    processors (JSON, dates, booleans) applied here: the same row as `conn.execute` writes, without
    SQLAlchemy's per-execution context, which costs more than SQLite's insert.

    Returns the first column of the first row returned (a RETURNING), else None. A statement whose
    columns need Python-side defaults, or expanding parameters, goes through `conn.execute`.
    """
    plan = _single_sql(statement, conn.dialect, tuple(row))
    if plan is None:
        result = conn.execute(statement, row)
        return result.scalar() if result.returns_rows else None
    sql, order, processors = plan
    values = {k: (processors[k](v) if k in processors else v) for k, v in row.items()}
    params = tuple(values[k] for k in order) if order is not None else values
    with _driver_cursor(conn, sql, params) as cursor:
        cursor.execute(sql, params)
        if cursor.description is None:
            return None
        first = cursor.fetchone()
        return None if first is None else first[0]


def executemany_processed(conn: Connection, statement: UpdateBase, rows: Sequence[dict[str, Any]]) -> None:
    """Run an INSERT for many rows through the driver's executemany, with the dialect's bind
    processors (JSON, dates) applied here as `conn.execute` would: the rows it writes, without its
    per-row bookkeeping. All rows have the keys of the first."""
    if not rows:
        return
    plan = _single_sql(statement, conn.dialect, tuple(rows[0]))
    if plan is None:
        conn.execute(statement, list(rows))
        return
    sql, order, processors = plan
    keys = order if order is not None else list(rows[0])
    pick = operator.itemgetter(*keys)
    steps = [(i, processors[k]) for i, k in enumerate(keys) if k in processors]
    values = []
    for r in rows:
        value = list(pick(r)) if len(keys) > 1 else [pick(r)]
        for i, process in steps:
            value[i] = process(value[i])
        values.append(tuple(value))
    params: Any = values if order is not None else [dict(zip(keys, v, strict=True)) for v in values]
    with _driver_cursor(conn, sql, params) as cursor:
        cursor.executemany(sql, params)


def insert_tuples(conn: Connection, statement: ClauseElement, keys: tuple[str, ...],
                  rows: Sequence[tuple[Any, ...]]) -> None:
    """`executemany_plain` for rows given as tuples of `keys`: a million LSH bands need no dict each."""
    if not rows:
        return
    sql, order = _plain_sql(statement, conn.dialect)
    if order is not None and tuple(order) != keys:
        at = [keys.index(k) for k in order]
        rows = [tuple(r[i] for i in at) for r in rows]
    params: Any = rows if order is not None else [dict(zip(keys, r, strict=True)) for r in rows]
    with _driver_cursor(conn, sql, params) as cursor:
        cursor.executemany(sql, params)


@functools.lru_cache(maxsize=128)
def _single_sql(statement: UpdateBase, dialect: Dialect,
                keys: tuple[str, ...]) -> tuple[str, list[str] | None, dict[str, Any]] | None:
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    if (compiled.insert_prefetch or compiled.update_prefetch or compiled.postfetch
            or any(b.expanding for b in compiled.binds.values())):
        return None
    names = list(compiled.positiontup or []) if compiled.positional else list(compiled.bind_names.values())
    if set(names) - set(keys) or compiled.escaped_bind_names:
        return None
    processors = {k: p for k, p in compiled._bind_processors.items() if k in keys and p is not None}
    return compiled.string, names if compiled.positional else None, processors


def query_plain(conn: Connection, statement: Select[Any], params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of a SELECT on the driver's cursor, for the write path's per-article lookups; the
    dialect's result processors (JSON on SQLite, booleans) are applied as `conn.execute` would.
    Parameters must need no bind processing; expanding ones go through `conn.execute`. Values the
    statement holds itself (a constant, a LIMIT's OFFSET 0) are taken from it."""
    plan = _query_sql(statement, conn.dialect, tuple(params))
    if plan is None:
        return [tuple(r) for r in conn.execute(statement, params)]
    sql, order, processors, fixed = plan
    given = {**fixed, **params} if fixed else params
    values = tuple(given[k] for k in order) if order is not None else given
    with _driver_cursor(conn, sql, values) as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    active = [(i, p) for i, p in enumerate(processors) if p]
    if not active:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        row = list(r)
        for i, p in active:
            row[i] = p(row[i])
        out.append(tuple(row))
    return out


@functools.lru_cache(maxsize=256)  # the web's lists keep one statement per shape of filters
def _query_sql(statement: Select[Any], dialect: Dialect,
               keys: tuple[str, ...]) -> tuple[str, list[str] | None, list[Any], dict[str, Any]] | None:
    compiled = statement.compile(dialect=dialect)
    if (any(b.expanding for b in compiled.binds.values()) or compiled.escaped_bind_names
            or any(p is not None for p in compiled._bind_processors.values())):
        return None
    names = list(compiled.positiontup or []) if compiled.positional else list(compiled.bind_names.values())
    if not set(keys) <= set(names):
        return None
    fixed = {}
    for name in set(names) - set(keys):
        bind = compiled.binds[name]
        if bind.required or bind.callable is not None:
            return None
        fixed[name] = bind.value
    processors = [c.type._cached_result_processor(dialect, None) for c in statement.selected_columns]
    return compiled.string, names if compiled.positional else None, processors, fixed


# Backup and restore (`fuites backup`, `fuites restore`)

def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store URL; None for another database."""
    if not url.startswith("sqlite:///"):
        return None
    name = url[len("sqlite:///"):]
    return Path(name) if name and name != ":memory:" else None


def _pg_guidance(url: str, what: str) -> str:
    safe = _safe(url.replace("postgresql+psycopg://", "postgresql://"))
    if what == "backup":
        return (f"the store is PostgreSQL ({safe}): back it up with PostgreSQL's own tool, which is safe "
                f"while serving: pg_dump --format=custom --file PATH '{safe}' (give the real password, "
                "or use ~/.pgpass)")
    return (f"the store is PostgreSQL ({safe}): restore a pg_dump file with "
            f"pg_restore --clean --if-exists --dbname '{safe}' PATH")


def backup(db: str | os.PathLike[str] | None, path: str | os.PathLike[str]) -> int:
    """Copy a SQLite store to `path` with SQLite's online backup API, safe while a server or an
    ingest writes to it: the copy is one consistent state of the store. The copy is written beside
    `path` and renamed at the end, so `path` is never half-written. Returns its size in bytes."""
    url = database_url(db)
    source = _sqlite_file(url)
    if source is None:
        raise StoreError(_pg_guidance(url, "backup"))
    if not source.exists():
        raise StoreError(f"no store at {source}: check --db")
    target = Path(path).expanduser()
    if target.exists() and target.resolve() == source.resolve():
        raise StoreError(f"{target} is the store itself: give another path for the backup")
    if not target.parent.is_dir():
        raise StoreError(f"cannot write {target}: the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.unlink(missing_ok=True)
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            # one self-contained file: no -wal beside it to forget when copying it elsewhere
            dst.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as e:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot back up {source} to {target}: {e}") from None
    return target.stat().st_size


def restore(path: str | os.PathLike[str], db: str | os.PathLike[str] | None, *, replace: bool = False) -> int:
    """Put a backup made by `backup` in place of a SQLite store, then migrate it to the code's
    schema. A store that holds articles is replaced only with `replace`. Returns the number of
    articles the store then holds.

    The backup is checked first (a SQLite file of a fuites store, intact); it is copied into the
    store with the backup API, so a server reading the store sees the old or the new one, never a mix.
    """
    url = database_url(db)
    target = _sqlite_file(url)
    if target is None:
        raise StoreError(_pg_guidance(url, "restore"))
    source = Path(path).expanduser()
    if not source.is_file():
        raise StoreError(f"no backup at {source}: give the file `fuites backup` wrote")
    if target.exists() and source.resolve() == target.resolve():
        raise StoreError(f"{source} is the store itself: give the backup's path")
    _check_backup(source)
    if target.exists() and not replace:
        held = _articles_in(target)
        if held:
            raise StoreError(f"the store {target} holds {held} articles: give --replace to overwrite it "
                             f"with {source} (`fuites backup` it first if unsure)")
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src, \
                closing(sqlite3.connect(target)) as dst:
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
    except (sqlite3.Error, OSError) as e:
        raise StoreError(f"cannot restore {source} into {target}: {e}") from None
    open_engine(target).dispose()  # migrate a backup made by an older fuites
    return _articles_in(target)


def _check_backup(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as e:
        raise StoreError(f"{path} is not a fuites backup: {e}") from None
    if status != "ok":
        raise StoreError(f"{path} is damaged ({status}): restore another backup")
    if not {"alembic_version", "articles", "incidents"} <= tables:
        raise StoreError(f"{path} is a SQLite file but not a fuites store: give the file `fuites backup` wrote")


def _articles_in(path: Path) -> int:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0

