"""Satisfaction calls (issue 13 part 3).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0012c
Revises: 0011o
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0012c"
down_revision = "0011o"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
