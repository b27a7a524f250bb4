"""The referral as an official letter (issue 13 part 6).

Placeholder: filled in by the work on that part; it keeps the revision chain in one order.

Revision ID: 0015l
Revises: 0014p
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0015l"
down_revision = "0014p"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
