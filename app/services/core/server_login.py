"""Signing in to a shared PostgreSQL server as one's own login (no shared password anywhere).

On a server the password is the server's: Pol checks it by connecting as the user's LOGIN role,
and every later connection of that desktop is made as that login, so the server's privileges
and row-level security apply to everything the user does.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    DatabaseUnavailable,
    NoDatabaseAccess,
    NotAPolUser,
    PolError,
    ServerRefused,
)

if TYPE_CHECKING:
    from app.models.database import Database
    from app.services.requests.dto import UserInfo

# A desktop of a database whose logins carry a prefix (see app.models.server) is told so here.
ENV_LOGIN_PREFIX = "POL_LOGIN_PREFIX"
CONNECT_TIMEOUT_S = 10
# A name no Pol user has: the settings dialog's «آزمایش اتصال» knocks with it to see whether the
# server answers at all (it has no login of its own to test with).
PROBE_LOGIN = "pol_connection_probe"

_configured_prefix = ""  # the desktop's setting (Settings dialog); the environment wins


def set_login_prefix(prefix: str) -> None:
    """Use `prefix` when POL_LOGIN_PREFIX is not set (the value kept in the desktop's settings)."""
    global _configured_prefix
    _configured_prefix = prefix.strip()


def login_prefix() -> str:
    """The login prefix this desktop signs in with (empty in an ordinary office)."""
    if ENV_LOGIN_PREFIX in os.environ:
        return os.environ[ENV_LOGIN_PREFIX]
    return _configured_prefix


def is_server_url(url: str) -> bool:
    """True for a PostgreSQL URL."""
    return make_url(url).get_backend_name() == "postgresql"


def needs_own_login(url: str) -> bool:
    """True for a server URL that names no login: each user signs in as their own login first."""
    u = make_url(url)
    return u.get_backend_name() == "postgresql" and not u.username


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


def probe(base_url: str) -> None:
    """Knock on the server with a login nobody has; return when it answers (with a refusal),
    raise DatabaseUnavailable when nothing answers or the database is missing."""
    u = make_url(base_url)
    try:
        conn = psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432,
                               dbname=u.database, user=PROBE_LOGIN, password="-",
                               connect_timeout=CONNECT_TIMEOUT_S,
                               **{str(k): str(v) for k, v in u.query.items()})
    except psycopg.Error as exc:
        error = classify(exc)
        if isinstance(error, DatabaseUnavailable):
            raise error from exc
        return  # refused by name or password: the server is there
    conn.close()


def sign_in(base_url: str, username: str, password: str,
            prefix: str | None = None) -> tuple[Database, UserInfo]:
    """Connect to the server as the user's own login and find their Pol account.

    Raises AuthenticationFailed, AccountLocked, NoDatabaseAccess, DatabaseUnavailable (the
    server's refusals), SchemaNeedsUpgrade (a login never migrates) or NotAPolUser. On success the
    returned Database is connected as that login; the caller owns it.
    """
    from app.models.database import Database
    from app.services.core.persian import clean_text
    from app.services.core.reference import prepare_database
    from app.services.core.users import UserService

    name = clean_text(username)
    if not name or not password:
        raise AuthenticationFailed()
    login = (login_prefix() if prefix is None else prefix) + name
    check_login(base_url, login, password)
    db = Database(login_url(base_url, login, password))
    try:
        try:
            prepare_database(db, upgrade=False)
            user = next((u for u in UserService(db).list() if u.username == name), None)
        except ServerRefused as exc:  # Database.read's translation of the same refusal
            raise NoDatabaseAccess() from exc
        except DBAPIError as exc:
            if isinstance(exc.orig, psycopg.errors.InsufficientPrivilege):
                raise NoDatabaseAccess() from exc
            raise
        if user is None:
            raise NotAPolUser(login)
        if not user.active:
            raise AccountLocked()
    except BaseException:
        db.dispose()
        raise
    return db, user
