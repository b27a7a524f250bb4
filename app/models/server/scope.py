"""County scope on the server: row-level security policies on the case tables."""

from __future__ import annotations

from sqlalchemy import Connection

from app.models.server import RoleNames


def install(conn: Connection, names: RoleNames) -> None:
    """Enable row-level security and create or replace the county policies."""
