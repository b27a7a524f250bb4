"""A handle to stop a running statement from another thread (SQLite interrupt, PostgreSQL cancel).

The inbox counts a search's matches after showing its first page; a newer search makes that
count moot, and on a large database it would hold a worker and the server for nothing. The
worker runs the statement inside `watch(connection)`; the view calls `cancel()` from elsewhere.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The statement was cancelled on request; its result is no longer wanted."""


class Cancel:
    """Cancel one watched statement; cancelling before it starts stops it from starting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: Any = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        with self._lock:
            return self._cancelled

    @contextmanager
    def watch(self, connection: Connection) -> Iterator[None]:
        """Run the body's statements cancellable; a cancelled one raises Cancelled."""
        raw = connection.connection.dbapi_connection
        with self._lock:
            if self._cancelled:
                raise Cancelled
            self._conn = raw
        try:
            yield
        except DBAPIError as exc:
            if self.cancelled:
                raise Cancelled from exc
            raise
        finally:
            with self._lock:
                self._conn = None

    def cancel(self) -> None:
        """Stop the watched statement, if one runs (may wait briefly for the server)."""
        with self._lock:
            self._cancelled = True
            conn = self._conn
            if isinstance(conn, sqlite3.Connection):
                conn.interrupt()  # only while watched: an interrupt between statements lingers
                return
        if isinstance(conn, psycopg.Connection) and not conn.closed:
            try:
                conn.cancel_safe(timeout=5.0)
            except (psycopg.Error, OSError) as exc:
                log.info("could not cancel a count: %s", exc)
