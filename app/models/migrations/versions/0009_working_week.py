"""The office's own working week: rest days, estimated holidays, agency answer periods.

Placeholder revision, filled in by the work of issue 12.

Revision ID: 0009w
Revises: 0008f
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0009w"
down_revision = "0008f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
