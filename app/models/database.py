"""Engine factory, transactions and schema migration for SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from app.errors import (
    DatabaseDamaged,
    DatabaseUnavailable,
    PolError,
    SchemaNeedsUpgrade,
    SchemaTooNewError,
    ServerRefused,
    WaitAbandoned,
)
from app.models import server_limits
from app.models.server_limits import ServerTimeouts

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15000
# Every PostgreSQL write transaction takes this advisory lock first, so audit events are
# appended one at a time (a linear hash chain) and lock order can never deadlock.
WRITE_LOCK_KEY = 0x706F6C  # "pol"


# Operational errors that mean "the schema is not what this code expects", not "unreachable".
_SCHEMA_MISMATCH = ("no such column", "no such table", "has no column", "does not exist")


def _unavailable(exc: DBAPIError | PoolTimeout) -> bool:
    """True when an error means the database cannot be reached or used now."""
    if isinstance(exc, PoolTimeout) or exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    text_ = str(exc.orig or exc).lower()
    return not any(m in text_ for m in _SCHEMA_MISMATCH)


# SQLite's words for a file whose pages or header are not what they must be.
_DAMAGE_MARKERS = ("malformed", "not a database", "file is encrypted", "corrupt",
                   "btreeinitpage", "database disk image")


def _damaged(exc: BaseException) -> bool:
    """True when a driver error says the SQLite file itself is damaged."""
    text_ = str(getattr(exc, "orig", None) or exc).lower()
    return any(m in text_ for m in _DAMAGE_MARKERS)


def check_sqlite_file(path: str | Path, full: bool = False) -> None:
    """Run `PRAGMA quick_check` (or the slower, complete `integrity_check` when `full`) on a
    SQLite file; raise DatabaseDamaged naming the file when it is not sound.

    A plain sqlite3 connection is used: the engine's connect hook would switch the journal mode,
    which writes to the file, and nothing may be written to a file that may be damaged.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return  # a new database; nothing to check yet
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=15)
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        if isinstance(exc, sqlite3.OperationalError) and not _damaged(exc):
            raise DatabaseUnavailable(str(exc)) from exc
        raise DatabaseDamaged(str(path), str(exc)) from exc
    if rows != ["ok"]:
        lines = [ln for r in rows for ln in str(r).splitlines() if ln and not ln.startswith("***")]
        first = lines[0] if lines else ""
        raise DatabaseDamaged(str(path), first)
    if full:
        _check_dates(path)


def _check_dates(path: Path) -> None:
    """Raise DatabaseDamaged when a DATE or DATETIME column holds something that is no date.

    integrity_check reads pages, not values: a row edited outside Pol to «zz» passes it, and the
    report's SQL compares dates as text, so such a row would silently count as «not answered».
    The complete check (reports, backups) therefore also asks SQLite to parse every date.
    """
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=15)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        for table in tables:
            for col in conn.execute(f'PRAGMA table_info("{table}")'):
                name, decl = col[1], str(col[2]).upper()
                if decl not in ("DATE", "DATETIME"):
                    continue
                bad = conn.execute(
                    f'SELECT "{name}" FROM "{table}" WHERE "{name}" IS NOT NULL '
                    f'AND julianday("{name}") IS NULL LIMIT 1').fetchone()
                if bad is not None:
                    raise DatabaseDamaged(str(path), f"{table}.{name}: {bad[0]!r} is no date")
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(str(path), str(exc)) from exc
    finally:
        conn.close()


def _first_line(exc: BaseException) -> str:
    """The driver's own first line of an error, for the technical part of the message."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else ""


def _unavailable_error(exc: DBAPIError | PoolTimeout) -> DatabaseUnavailable:
    """One message for every way a server stops answering.

    A dry pool, a statement timeout, a server that does not answer and a lost connection all
    mean the same to the user, so they read the same sentence; only a refusal to connect
    (wrong host, password, database) keeps the driver's detail, which says what to fix.
    """
    orig = getattr(exc, "orig", None)
    if (isinstance(exc, PoolTimeout) or exc.connection_invalidated
            or isinstance(orig, (psycopg.errors.QueryCanceled,
                                 server_limits.ServerNotAnswering))):
        return DatabaseUnavailable()
    return DatabaseUnavailable(_first_line(exc))


class SchemaState(Enum):
    """How the database's schema compares with this build of Pol."""

    EMPTY = "empty"
    BEHIND = "behind"
    CURRENT = "current"
    NEWER = "newer"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    """Set the pragmas every SQLite connection needs (WAL, durable commits, foreign keys)."""
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: object) -> None:
    """Start SQLite transactions ourselves: writers take the write lock up front.

    A deferred transaction that reads and then writes can fail with SQLITE_BUSY when another
    desktop wrote in between; BEGIN IMMEDIATE waits for the lock (busy_timeout) instead.
    """
    write = conn.get_execution_options().get("pol_write", False)  # type: ignore[attr-defined]
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")  # type: ignore[attr-defined]


def create_db_engine(url: str, echo: bool = False,
                     timeouts: ServerTimeouts | None = None) -> Engine:
    """Build an engine for a SQLite file or a PostgreSQL server with Pol's settings.

    On PostgreSQL every wait has a limit (`timeouts`, by default from POL_STATEMENT_TIMEOUT).
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None hands transaction control to the "begin" hook below.
        engine = create_engine(
            u,
            echo=echo,
            connect_args={"isolation_level": None, "check_same_thread": False, "timeout": 15},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    limits = timeouts or ServerTimeouts.from_env()
    engine = create_engine(
        u,
        echo=echo,
        pool_pre_ping=True,
        pool_size=limits.pool_size,
        max_overflow=limits.max_overflow,
        pool_timeout=limits.pool_timeout_s,
        connect_args=limits.connect_args(u),
    )
    server_limits.install(engine, limits)
    return engine


class Database:
    """One database: its engine, read and write transactions, and its schema state."""

    def __init__(self, url: str, echo: bool = False,
                 timeouts: ServerTimeouts | None = None, role_prefix: str | None = None,
                 login_prefix: str | None = None) -> None:
        self.url = url
        # The prefixes a new PostgreSQL database's roles get (see app.models.server); an
        # existing database keeps the ones stored in it.
        self.role_prefix = role_prefix
        self.login_prefix = login_prefix
        self.engine = create_db_engine(url, echo=echo, timeouts=timeouts)
        self._write_engine = self.engine.execution_options(pol_write=True)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)
        self.writable = True

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database (None for PostgreSQL or an in-memory database)."""
        u = self.engine.url
        if self.is_sqlite and u.database and u.database != ":memory:":
            return Path(u.database)
        return None

    def _translate(self, exc: DBAPIError | PoolTimeout) -> PolError | None:
        """The Persian error a driver error means, or None when it is a plain bug."""
        path = self.sqlite_path
        if path is not None and isinstance(exc, DBAPIError) and _damaged(exc):
            return DatabaseDamaged(str(path), _first_line(exc))
        if isinstance(getattr(exc, "orig", None), psycopg.errors.InsufficientPrivilege):
            # The server's own grants or county policies said no (a client Pol does not know
            # of, or a role changed while signed in): what the user typed is kept by the caller.
            return ServerRefused()
        if _unavailable(exc):
            return _unavailable_error(exc)
        return None

    def check(self, full: bool = False) -> None:
        """Check a SQLite file's pages (quick, or complete when `full`); no-op on PostgreSQL."""
        path = self.sqlite_path
        if path is not None:
            check_sqlite_file(path, full=full)

    @property
    def is_sqlite(self) -> bool:
        """True for an embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        """True for a PostgreSQL server."""
        return self.engine.dialect.name == "postgresql"

    def describe(self) -> str:
        """A short Persian description of where the data lives (for the status bar)."""
        u = self.engine.url
        # LRI … PDI keeps a path or host name in its own order inside the Persian sentence.
        if self.is_sqlite:
            return f"فایل محلی: \u2066{u.database}\u2069"
        return f"سرور: \u2066{u.host}:{u.port or 5432}/{u.database}\u2069"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only transaction; always rolled back."""
        session = self._read()
        try:
            yield session
        except (DBAPIError, PoolTimeout) as exc:
            err = self._translate(exc)
            if err is not None:
                raise err from exc
            raise
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A short write transaction: committed when the block ends, rolled back on error."""
        if not self.writable:
            raise SchemaTooNewError()
        session = self._write()
        try:
            if self.is_postgresql:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            yield session
            if server_limits.given_up():
                # The user stopped waiting and may save again: this late copy must not land.
                raise WaitAbandoned()
            session.commit()
        except (DBAPIError, PoolTimeout) as exc:
            session.rollback()
            err = self._translate(exc)
            if err is not None:
                raise err from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # --- schema ---------------------------------------------------------------------------

    def alembic_config(self) -> Config:
        """Alembic configuration pointing at Pol's migrations and this database."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def schema_state(self) -> SchemaState:
        """Compare the database's Alembic revision with this build's head."""
        script = ScriptDirectory.from_config(self.alembic_config())
        heads = set(script.get_heads())
        try:
            with self.engine.connect() as conn:
                current = set(MigrationContext.configure(conn).get_current_heads())
                has_tables = bool(inspect(conn).get_table_names())
        except (DBAPIError, PoolTimeout) as exc:
            raise self._translate(exc) or DatabaseUnavailable(_first_line(exc)) from exc
        if not current:
            return SchemaState.BEHIND if has_tables else SchemaState.EMPTY
        if current == heads:
            return SchemaState.CURRENT
        known = {rev.revision for rev in script.walk_revisions()}
        if current - known:
            return SchemaState.NEWER
        return SchemaState.BEHIND

    def upgrade(self) -> None:
        """Migrate the schema to this build's head (refuses a newer schema)."""
        if self.schema_state() is SchemaState.NEWER:
            self.writable = False
            raise SchemaTooNewError()
        cfg = self.alembic_config()
        cfg.attributes["role_prefix"] = self.role_prefix
        cfg.attributes["login_prefix"] = self.login_prefix
        with self.engine.begin() as conn:
            if self.is_postgresql:
                # A migration may rewrite a big table: no statement limit for it.
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
            with server_limits.unbounded(conn.connection.dbapi_connection):
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")

    def open(self, upgrade: bool = True) -> SchemaState:
        """Create or migrate the schema as needed; a newer schema makes the database read-only.

        A local file is checked first (`PRAGMA quick_check`): a damaged one is not opened at all.
        With `upgrade=False` (a user's own server login, which may not migrate) a schema that is
        missing or behind raises SchemaNeedsUpgrade instead.
        """
        self.check(full=False)
        state = self.schema_state()
        if state is SchemaState.NEWER:
            self.writable = False
        elif state is not SchemaState.CURRENT:
            if not upgrade:
                raise SchemaNeedsUpgrade()
            self.upgrade()
        return state

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as c:
                c.execute(text("SELECT 1"))
            return True
        except (DBAPIError, PoolTimeout):
            return False

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
