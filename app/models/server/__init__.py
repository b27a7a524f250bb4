"""PostgreSQL's own enforcement of who may do what, installed by the migrations.

A Pol database on a shared server has its own roles, named with a prefix stored in the
database (`server_setup`), because PostgreSQL role names are server-wide:
- `{prefix}owner` owns the schema; only migrations act as it.
- `{prefix}operator`, `{prefix}manager`, `{prefix}inspector`, `{prefix}admin` are group roles
  (NOLOGIN) holding the privileges of each Pol role (roles.py).
- every Pol user is a LOGIN role named `{login_prefix}{user name}` (the login prefix is empty
  by default, so the login is the Pol user name), member of exactly one group (accounts.py).
Changes to the case tables are logged by a trigger (row_log.py) and county-limited users see
only their counties' rows (scope.py, row-level security).

`install` is idempotent: every migration that adds a table calls it again so the new table gets
its grants, triggers and policies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

DEFAULT_PREFIX = "pol_"
GROUPS = ("operator", "manager", "inspector", "admin")  # the values of app.models.enums.Role
_PREFIX_RE = re.compile(r"^[a-z][a-z0-9_]{0,18}_$")
_LOGIN_PREFIX_RE = re.compile(r"^([a-z][a-z0-9_]{0,18}_)?$")


@dataclass(frozen=True)
class RoleNames:
    """The server-wide names of one database's roles."""

    prefix: str = DEFAULT_PREFIX
    login_prefix: str = ""

    @property
    def owner(self) -> str:
        """The role that owns the schema."""
        return f"{self.prefix}owner"

    def group(self, role: str) -> str:
        """The group role of a Pol role ("operator" -> "pol_operator")."""
        return f"{self.prefix}{role}"

    @property
    def groups(self) -> list[str]:
        """Every group role, in GROUPS order."""
        return [self.group(r) for r in GROUPS]

    def login(self, username: str) -> str:
        """The LOGIN role of a Pol user name."""
        return f"{self.login_prefix}{username}"


def valid_prefix(prefix: str) -> bool:
    """True for a role prefix PostgreSQL accepts unquoted: lower-case, ending in "_"."""
    return bool(_PREFIX_RE.match(prefix))


def valid_login_prefix(prefix: str) -> bool:
    """True for an empty login prefix or one shaped like a role prefix."""
    return bool(_LOGIN_PREFIX_RE.match(prefix))


def stored_names(conn: Connection) -> RoleNames | None:
    """The role names stored with this database, or None before the server setup exists."""
    if conn.dialect.name != "postgresql":
        return None
    exists = conn.execute(text("SELECT to_regclass('server_setup') IS NOT NULL")).scalar()
    if not exists:
        return None
    row = conn.execute(text("SELECT role_prefix, login_prefix FROM server_setup LIMIT 1")).first()
    return RoleNames(row[0], row[1] or "") if row else None


def install(conn: Connection, names: RoleNames) -> None:
    """Create or refresh every server-side safeguard of this database (PostgreSQL only)."""
    from app.models.server import accounts, objections, roles, row_log, scope

    roles.install(conn, names)  # first: the owner and groups the others refer to
    row_log.install(conn, names)
    scope.install(conn, names)
    objections.install(conn, names)  # after scope: its policies narrow the scope's
    accounts.install(conn, names)
    roles.own_everything(conn, names)  # last: whatever the others created belongs to the owner
