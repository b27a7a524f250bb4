"""Search keys folded again: bidi marks, presentation forms, look-alike letters, wide digits, separators.

Placeholder revision, filled in by the work of issue 12.

Revision ID: 0007k
Revises: 0006s
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0007k"
down_revision = "0006s"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
