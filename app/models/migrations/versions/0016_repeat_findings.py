"""request.repeat_of: each request's latest earlier request of the same citizen on the same
matter, found at registration and stored, so the quarterly report counts instead of comparing
every text of the quarter (issue 13 §1; the measure stays services.requests.repeats).

The upgrade fills it in for every request already there, with the office's threshold and window
as stored. It calls the service's one definition of the finding rather than a copy frozen here:
a copy would drift from what registration stores.

Revision ID: 0016f
Revises: 0015l
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0016f"
down_revision = "0015l"
branch_labels = None
depends_on = None

_FOUND = sa.text("repeat_of IS NOT NULL")


def upgrade() -> None:
    """Add the column (unless a rewound test database has it) and find every request's."""
    from app.services.requests.repeats.findings import refresh_all

    bind = op.get_bind()
    if "repeat_of" not in {c["name"] for c in sa.inspect(bind).get_columns("request")}:
        with op.batch_alter_table("request", schema=None) as batch_op:
            batch_op.add_column(sa.Column("repeat_of", sa.Integer(), nullable=True))
    if "ix_request_repeat_found" not in {i["name"] for i in
                                         sa.inspect(bind).get_indexes("request")}:
        op.create_index("ix_request_repeat_found", "request", ["received_at", "repeat_of"],
                        sqlite_where=_FOUND, postgresql_where=_FOUND)
    with Session(bind=bind) as s:
        refresh_all(s)
        s.flush()


def downgrade() -> None:
    """Drop the index and the column in place (a batch copy of request would lose its search
    triggers)."""
    op.drop_index("ix_request_repeat_found", table_name="request")
    op.execute("ALTER TABLE request DROP COLUMN repeat_of")
