"""The clock stops while the citizen owes papers (issue 13 part 5).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0014p
Revises: 0013a
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0014p"
down_revision = "0013a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
