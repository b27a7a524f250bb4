"""The search index answers a first page in recency order (reworked for speed).

Placeholder revision, filled in by the work of issue 12.

Revision ID: 0008f
Revises: 0007k
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0008f"
down_revision = "0007k"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
