"""Limits on how long Pol waits for a PostgreSQL server, and the pool sized for Pol's threads.

A frozen server (stopped process, hung host) still has its kernel acknowledge TCP packets, so
neither keepalives nor tcp_user_timeout notice it, and statement_timeout runs on the server that
is frozen. The last line of defence is client-side: every wait for the server's answer on a
connection is bounded, after which the connection is closed and the pool replaces it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

# The setting: seconds a single SQL statement may run on the server (0 disables the limit).
ENV_STATEMENT_TIMEOUT = "POL_STATEMENT_TIMEOUT"
DEFAULT_STATEMENT_TIMEOUT_S = 15.0

# Connections the app holds at once: two background workers (views/background.py), the
# connection check (it runs on those workers too), and up to four jobs the user gave up on
# that still wait for the server. Beyond that a caller waits POOL_TIMEOUT_S for a connection.
POOL_SIZE = 4
MAX_OVERFLOW = 4
POOL_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ServerTimeouts:
    """How long Pol waits for a PostgreSQL server, in seconds."""

    statement_s: float = DEFAULT_STATEMENT_TIMEOUT_S
    connect_s: float = 10.0
    # A lost peer (cable, host down) is noticed by TCP within these limits.
    tcp_user_s: float = 30.0
    keepalive_idle_s: int = 30
    keepalive_interval_s: int = 10
    keepalive_count: int = 3
    # A server that takes this much longer than statement_timeout to answer is not answering.
    grace_s: float = 5.0
    pool_timeout_s: float = POOL_TIMEOUT_S
    pool_size: int = POOL_SIZE
    max_overflow: int = MAX_OVERFLOW

    @classmethod
    def from_env(cls) -> ServerTimeouts:
        """The defaults, with the statement limit from POL_STATEMENT_TIMEOUT (seconds)."""
        raw = os.environ.get(ENV_STATEMENT_TIMEOUT, "").strip()
        if not raw:
            return cls()
        try:
            value = float(raw)
            if value < 0:
                raise ValueError(raw)
        except ValueError:
            log.warning("ignoring %s=%r: not a number of seconds", ENV_STATEMENT_TIMEOUT, raw)
            return cls()
        return cls(statement_s=value)

    @property
    def answer_s(self) -> float | None:
        """Client-side limit on one wait for the server's answer (None: unbounded)."""
        if self.statement_s <= 0:
            return None
        return self.statement_s + self.grace_s

    def connect_args(self, url: URL) -> dict[str, Any]:
        """libpq parameters; any the URL already sets (its query string) win."""
        args: dict[str, Any] = {
            "application_name": "pol",
            "connect_timeout": max(2, round(self.connect_s)),
            "keepalives": 1,
            "keepalives_idle": self.keepalive_idle_s,
            "keepalives_interval": self.keepalive_interval_s,
            "keepalives_count": self.keepalive_count,
            "tcp_user_timeout": int(self.tcp_user_s * 1000),
        }
        options = f"-c statement_timeout={int(self.statement_s * 1000)}"
        if "options" in url.query:  # the URL's own -c settings come last, so they win
            options = f"{options} {url.query['options']}"
        args["options"] = options
        return {k: v for k, v in args.items() if k == "options" or k not in url.query}


class ServerNotAnswering(psycopg.OperationalError):
    """The server did not answer within the client-side limit; the connection was closed."""


class BoundedConnection(psycopg.Connection):  # type: ignore[type-arg]
    """A psycopg connection on which the server may not stay silent longer than a limit."""

    pol_answer_s: float | None = None

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        """Wait as psycopg does, but give up after `pol_answer_s` without a byte moving."""
        limit = self.pol_answer_s
        if limit is not None:
            gen = _until_silent_for(gen, limit)
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except ServerNotAnswering:
            # The protocol state is unknown now: close, so SQLAlchemy invalidates it.
            self.close()
            raise


def _until_silent_for(gen: Any, limit: float) -> Any:
    """Pass psycopg's generator through, raising once the socket stays idle `limit` seconds.

    A deadline on the whole wait would also cut a long bulk insert that keeps the server busy
    answering; silence is what a frozen server shows. psycopg's wait loop wakes the generator
    every `interval` with "nothing ready", which is when the silence is measured.
    """
    last = time.monotonic()
    try:
        state = next(gen)
        while True:
            ready = yield state
            now = time.monotonic()
            if ready:
                last = now
            elif now - last > limit:
                raise ServerNotAnswering(f"the server did not answer within {limit:g} s")
            state = gen.send(ready)
    except StopIteration as done:
        return done.value


# --- connections in use, by thread: a job given up on can have its query cancelled -----------

_in_use: dict[int, set[Any]] = {}
_in_use_lock = threading.Lock()


def _checked_out(_dbapi: Any, record: Any, _proxy: Any) -> None:
    with _in_use_lock:
        _in_use.setdefault(threading.get_ident(), set()).add(record)


def _checked_in(_dbapi: Any, record: Any) -> None:
    with _in_use_lock:
        for thread_id, records in list(_in_use.items()):
            records.discard(record)
            if not records:
                del _in_use[thread_id]


# Threads whose current job the user gave up on: their write transactions must not commit
# when the server answers again, or a retried save would be stored twice.
_given_up: set[int] = set()


def give_up_thread(thread_id: int) -> None:
    """Mark the job running on `thread_id` as given up (its writes roll back instead)."""
    with _in_use_lock:
        _given_up.add(thread_id)


def forget_thread(thread_id: int) -> None:
    """The thread's job ended: its next job starts afresh."""
    with _in_use_lock:
        _given_up.discard(thread_id)


def given_up() -> bool:
    """True when the calling thread's job was given up on."""
    with _in_use_lock:
        return threading.get_ident() in _given_up


def cancel_queries_of_thread(thread_id: int, timeout_s: float = 5.0) -> int:
    """Ask the server to cancel what the given thread's connections run; returns how many."""
    with _in_use_lock:
        records = list(_in_use.get(thread_id, ()))
    sent = 0
    for record in records:
        conn = getattr(record, "dbapi_connection", None)
        if isinstance(conn, psycopg.Connection) and not conn.closed:
            try:
                conn.cancel_safe(timeout=timeout_s)
                sent += 1
            except (psycopg.Error, OSError) as exc:
                log.info("could not cancel a query: %s", exc)
    return sent


@contextmanager
def unbounded(dbapi_conn: Any) -> Iterator[None]:
    """Lift the client-side answer limit on one connection (migrations may run long)."""
    old = getattr(dbapi_conn, "pol_answer_s", None)
    if isinstance(dbapi_conn, BoundedConnection):
        dbapi_conn.pol_answer_s = None
    try:
        yield
    finally:
        if isinstance(dbapi_conn, BoundedConnection):
            dbapi_conn.pol_answer_s = old


def install(engine: Engine, timeouts: ServerTimeouts) -> None:
    """Bound every wait on the engine's connections and track which thread uses which."""

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, _rec: Any, cargs: tuple, cparams: dict) -> Any:
        conn = BoundedConnection.connect(*cargs, **cparams)
        conn.pol_answer_s = timeouts.answer_s
        return conn

    # The pool's pre-ping must be answered at once by a live server: a frozen one is found
    # within the connect limit rather than the (longer) statement limit.
    ping = engine.dialect.do_ping

    def bounded_ping(dbapi_conn: Any) -> bool:
        if not isinstance(dbapi_conn, BoundedConnection):
            return ping(dbapi_conn)
        old = dbapi_conn.pol_answer_s
        dbapi_conn.pol_answer_s = timeouts.connect_s
        try:
            return ping(dbapi_conn)
        finally:
            dbapi_conn.pol_answer_s = old

    engine.dialect.do_ping = bounded_ping  # type: ignore[method-assign]
    event.listen(engine, "checkout", _checked_out)
    event.listen(engine, "checkin", _checked_in)
