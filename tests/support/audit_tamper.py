"""Tests that tamper with the audit trail on purpose set the maintenance switch first."""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.models.server.row_log import MAINTENANCE_SETTING


def maintenance(conn: Connection) -> None:
    """Allow UPDATE/DELETE of audit events in this transaction (PostgreSQL's guard trigger)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SET LOCAL {MAINTENANCE_SETTING} = 'on'"))
