"""The citizen's objection (issue 13 part 2).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0011o
Revises: 0010r
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0011o"
down_revision = "0010r"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
