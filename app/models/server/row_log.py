"""The row log of the case tables and the append-only guard on the audit trail (triggers)."""

from __future__ import annotations

from sqlalchemy import Connection

from app.models.server import RoleNames


def install(conn: Connection, names: RoleNames) -> None:
    """Create or replace the row-log and guard triggers."""
