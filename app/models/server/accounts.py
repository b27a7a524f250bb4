"""LOGIN roles of Pol users, managed through SECURITY DEFINER functions only administrators run."""

from __future__ import annotations

from sqlalchemy import Connection

from app.models.server import RoleNames


def install(conn: Connection, names: RoleNames) -> None:
    """Create or replace the account functions and grant EXECUTE to the admin group."""
