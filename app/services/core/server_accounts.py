"""A Pol user's LOGIN role on a PostgreSQL server, changed in the same transaction as its row.

The account functions (app.models.server.accounts) do the work as the database's owner and
refuse anything that is not this database's Pol login; this module calls them and turns their
refusals into Persian messages. Only SCRAM verifiers go to the server, never a password.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg.errors
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import PermissionDenied, PolError, ValidationError
from app.models.server import RoleNames, accounts
from app.services.core import messages as msg
from app.services.core import scram

MAX_LOGIN_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1
OURS = (accounts.ACTIVE, accounts.INACTIVE)
_MANAGE = "مدیریت کاربران"


def login_too_long(names: RoleNames, username: str) -> str | None:
    """The Persian message when a user name makes a login longer than the server allows."""
    if len(names.login(username).encode("utf-8")) <= MAX_LOGIN_BYTES:
        return None
    return msg.username_too_long_for_server(MAX_LOGIN_BYTES - len(names.login_prefix.encode()))


def refusal(exc: DBAPIError) -> PolError | None:
    """The Persian error a refusal of the account functions means (None: not a refusal)."""
    state = getattr(exc.orig, "sqlstate", None)
    if isinstance(exc.orig, psycopg.errors.InsufficientPrivilege):
        return PermissionDenied(_MANAGE)  # the server does not count this login an administrator
    if state in (accounts.NAME_TAKEN, accounts.NOT_A_POL_LOGIN):
        return ValidationError({"username": msg.USERNAME_USED_ON_SERVER})
    if state == accounts.NAME_INVALID:
        return ValidationError({"username": msg.USERNAME_NOT_ALLOWED_ON_SERVER})
    if state == accounts.NO_LOGIN:
        return ValidationError({"password": msg.NO_SERVER_LOGIN})
    if state == accounts.ROLE_INVALID:
        return ValidationError({"role": msg.ROLE_INVALID})
    return None


def _call(s: Session, fn: Callable[..., None], *args: object) -> None:
    """Run one account function in the session's transaction; refusals become Persian."""
    try:
        fn(s.connection(), *args)
    except DBAPIError as exc:
        err = refusal(exc)
        if err is None:
            raise
        raise err from exc


def status(s: Session, username: str) -> str:
    """What the user's login is on the server (accounts.MISSING, ACTIVE, …)."""
    return accounts.status(s.connection(), username)


def create(s: Session, username: str, password: str, role: str, active: bool = True) -> None:
    """Make the user's login, member of the role's group (NOLOGIN when not active)."""
    _call(s, accounts.create, username, scram.verifier(password), role)
    if not active:
        _call(s, accounts.set_login, username, False)


def set_role(s: Session, username: str, role: str) -> None:
    """Move the user's login to the role's group (nothing to do before it has a login)."""
    if status(s, username) in OURS:
        _call(s, accounts.set_role, username, role)


def set_active(s: Session, username: str, active: bool) -> None:
    """LOGIN or NOLOGIN (nothing to do before the user has a login)."""
    if status(s, username) in OURS:
        _call(s, accounts.set_login, username, active)


def set_password(s: Session, username: str, password: str, role: str, active: bool) -> None:
    """A new password; a user without a login (made before logins existed) gets one now."""
    if status(s, username) in OURS:
        _call(s, accounts.set_password, username, scram.verifier(password))
    else:  # missing, or refused by the function with the reason
        create(s, username, password, role, active)
