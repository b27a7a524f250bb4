"""Server-wide roles made by test databases: unique prefixes, and dropping them afterwards.

PostgreSQL roles outlive the databases that granted them privileges, so every test database
gets its own prefixes and the roles go once its databases are dropped.
"""

from __future__ import annotations

import uuid

import psycopg

from app.models.server import GROUPS


def new_prefix(kind: str = "pt") -> str:
    """A role prefix no other test run uses ("pt3fa9c1_")."""
    return f"{kind}{uuid.uuid4().hex[:6]}_"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def drop_logins(conn: psycopg.Connection, prefix: str) -> None:
    """Drop every role that is a member of one of the prefix's groups (the users' logins)."""
    groups = [f"{prefix}{g}" for g in GROUPS]
    logins = conn.execute(
        "SELECT DISTINCT m.rolname FROM pg_auth_members am "
        "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
        "WHERE g.rolname = ANY(%s) AND m.rolname <> %s",
        (groups, f"{prefix}owner")).fetchall()
    for (name,) in logins:
        conn.execute(f"DROP ROLE IF EXISTS {_ident(name)}")


def drop_roles(conn: psycopg.Connection, prefix: str) -> None:
    """Drop the logins, the groups and the owner of a prefix (its databases already dropped)."""
    drop_logins(conn, prefix)
    for name in [*(f"{prefix}{g}" for g in GROUPS), f"{prefix}owner"]:
        conn.execute(f"DROP ROLE IF EXISTS {_ident(name)}")
