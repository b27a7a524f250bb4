"""Merge the three branches grown from 0002 (inbox indexes, referrals and review, calendar).

Revision ID: 0004
Revises: 0003i, 0003r, 0003m
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0004"
down_revision = ("0003i", "0003r", "0003m")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches touch different objects."""


def downgrade() -> None:
    """Nothing to change."""
