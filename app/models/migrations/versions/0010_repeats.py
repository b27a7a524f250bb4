"""Repeat visitors and duplicates (issue 13 part 1).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0010r
Revises: 0009w
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0010r"
down_revision = "0009w"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
