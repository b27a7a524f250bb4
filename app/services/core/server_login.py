"""Signing in to a shared PostgreSQL server as one's own login (no shared password anywhere).

On a server the password is the server's: Pol checks it by connecting as the user's LOGIN role,
and every later connection of that desktop is made as that login, so the server's privileges
and row-level security apply to everything the user does.
"""

from __future__ import annotations

import os

import psycopg
from sqlalchemy.engine import make_url

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    DatabaseUnavailable,
    NoDatabaseAccess,
    PolError,
)

# A desktop of a database whose logins carry a prefix (see app.models.server) is told so here.
ENV_LOGIN_PREFIX = "POL_LOGIN_PREFIX"
CONNECT_TIMEOUT_S = 10


def login_prefix() -> str:
    """The login prefix this desktop signs in with (empty in an ordinary office)."""
    return os.environ.get(ENV_LOGIN_PREFIX, "")


def login_url(base_url: str, login: str, password: str) -> str:
    """`base_url` (a server's SQLAlchemy URL) with the login and password put in."""
    url = make_url(base_url).set(username=login, password=password or None)
    return url.render_as_string(hide_password=False)


def classify(exc: psycopg.Error) -> PolError:
    """The Persian error a refused connection means."""
    text = str(exc).lower()
    if "password authentication failed" in text or ("role" in text and "does not exist" in text):
        # An unknown name reads the same as a wrong password: nothing is revealed.
        return AuthenticationFailed()
    if "not permitted to log in" in text:
        return AccountLocked()
    if "permission denied for database" in text or "permission denied for" in text:
        return NoDatabaseAccess()
    first = str(exc).strip().splitlines()
    return DatabaseUnavailable(first[0] if first else "")


def check_login(base_url: str, login: str, password: str) -> None:
    """Connect once as `login`; raise AuthenticationFailed, AccountLocked, NoDatabaseAccess or
    DatabaseUnavailable when the server refuses."""
    u = make_url(base_url)
    try:
        conn = psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432,
                               dbname=u.database, user=login, password=password,
                               connect_timeout=CONNECT_TIMEOUT_S,
                               **{str(k): str(v) for k, v in u.query.items()})
    except psycopg.Error as exc:
        raise classify(exc) from exc
    conn.close()
