"""Indexes for the inbox at a million rows: default order, deep pages, a citizen's requests.

Revision ID: 0003i
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0003i"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Replace two single-column indexes by composite ones."""
    op.drop_index("ix_request_received_at", table_name="request")
    op.drop_index("ix_request_citizen_id", table_name="request")
    op.create_index("ix_request_received_id", "request", ["received_at", "id"])
    op.create_index("ix_request_citizen_received", "request", ["citizen_id", "received_at"])


def downgrade() -> None:
    """Back to the single-column indexes."""
    op.drop_index("ix_request_citizen_received", table_name="request")
    op.drop_index("ix_request_received_id", table_name="request")
    op.create_index("ix_request_citizen_id", "request", ["citizen_id"])
    op.create_index("ix_request_received_at", "request", ["received_at"])
