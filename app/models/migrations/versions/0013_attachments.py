"""Scanned letters and photos on file (issue 13 part 4).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0013a
Revises: 0012c
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0013a"
down_revision = "0012c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
