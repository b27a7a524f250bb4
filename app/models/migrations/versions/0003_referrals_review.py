"""Referral tracker and inspection review: escalation time, the review table, queue indexes.

Revision ID: 0003r
Revises: 0002
Create Date: 2026-11-28

Written by hand to match app/models/referral.py and app/models/review.py. Only operations that
SQLite can do in place are used (ADD COLUMN, CREATE TABLE, CREATE INDEX), so the batch mode never
copies the million-row request table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003r"
down_revision = "0002"
branch_labels = None
depends_on = None

# Columns of the covering index the agency-performance aggregates read (see StatisticsService).
PERIOD_COLUMNS = ["letter_date", "agency_id", "status", "deadline", "response_date", "grade",
                  "extensions", "escalated"]


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("escalated_by", sa.Integer(), nullable=True))
        batch_op.create_index("ix_referral_escalated_at", ["escalated_at"], unique=False)
        batch_op.create_index("ix_referral_letter_no", ["letter_no"], unique=False)
        batch_op.create_index("ix_referral_period", PERIOD_COLUMNS, unique=False)

    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.create_index("ix_request_closed_at", ["closed_at", "satisfaction", "id"],
                              unique=False)
        batch_op.create_index("ix_request_county_id", ["county_id", "id"], unique=False)

    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                name=op.f("fk_review_referral_id_referral")),
        sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                name=op.f("fk_review_request_id_request")),
        sa.ForeignKeyConstraint(["reviewer_id"], ["app_user.id"],
                                name=op.f("fk_review_reviewer_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_referral_id"), ["referral_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_request_id"), ["request_id"], unique=False)


def _drop_column(table: str, column: str) -> None:
    """Drop a column in place (SQLite 3.35+ can); batch mode would rebuild the table, which
    with foreign keys on fails on the rows of the tables that refer to it."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_request_id"))
        batch_op.drop_index(batch_op.f("ix_review_referral_id"))
    op.drop_table("review")
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.drop_index("ix_request_county_id")
        batch_op.drop_index("ix_request_closed_at")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_period")
        batch_op.drop_index("ix_referral_letter_no")
        batch_op.drop_index("ix_referral_escalated_at")
    _drop_column("referral", "escalated_by")
    _drop_column("referral", "escalated_at")
