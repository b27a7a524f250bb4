"""Satisfaction calls (issue 13 part 3): the call of each closed request and its attempts.

Written by hand to match app/models/satisfaction_call.py. Two new tables only (CREATE TABLE,
CREATE INDEX), so SQLite never copies a large table. On a PostgreSQL database with Pol's server
safeguards the tables get their grants, row log and county policies (server.install).

Revision ID: 0012c
Revises: 0011o
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0012c"
down_revision = "0011o"
branch_labels = None
depends_on = None

CALL, ATTEMPT = "satisfaction_call", "satisfaction_call_attempt"


def upgrade() -> None:
    """Create the two tables (unless a rewound test database has them) and secure them."""
    bind = op.get_bind()
    have = set(sa.inspect(bind).get_table_names())
    if CALL not in have:
        op.create_table(
            CALL,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=False),
            sa.Column("outcome", sa.String(length=12), nullable=False),
            sa.Column("attempts", sa.SmallInteger(), nullable=False),
            sa.Column("last_attempt_day", sa.Date(), nullable=True),
            sa.Column("score", sa.SmallInteger(), nullable=True),
            sa.Column("solved", sa.Boolean(), nullable=True),
            sa.Column("comment", sa.Text(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=True),
            sa.Column("caller_id", sa.Integer(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)",
                               name=op.f("ck_satisfaction_call_score_range")),
            sa.CheckConstraint("attempts >= 0 AND attempts <= 3",
                               name=op.f("ck_satisfaction_call_attempts_range")),
            sa.ForeignKeyConstraint(["caller_id"], ["app_user.id"],
                                    name=op.f("fk_satisfaction_call_caller_id_app_user")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_satisfaction_call_request_id_request")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_call")),
            sa.UniqueConstraint("request_id", name=op.f("uq_satisfaction_call_request_id")),
        )
        op.create_index("ix_satisfaction_call_finished", CALL, ["finished_at", "outcome"])
    if ATTEMPT not in have:
        op.create_table(
            ATTEMPT,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("call_id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("reached", sa.Boolean(), nullable=False),
            sa.Column("note", sa.Text(), nullable=False),
            sa.Column("caller_id", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(["call_id"], ["satisfaction_call.id"],
                                    name=op.f("fk_satisfaction_call_attempt_call_id_satisfaction_call")),
            sa.ForeignKeyConstraint(["caller_id"], ["app_user.id"],
                                    name=op.f("fk_satisfaction_call_attempt_caller_id_app_user")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_satisfaction_call_attempt_request_id_request")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_call_attempt")),
            sa.UniqueConstraint("call_id", "day", name="uq_satisfaction_call_attempt_day"),
        )
        op.create_index("ix_satisfaction_call_attempt_day", ATTEMPT, ["day"])
        op.create_index("ix_satisfaction_call_attempt_request_id", ATTEMPT, ["request_id"])
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the attempts, then the calls (the row-log triggers go with the tables)."""
    op.drop_table(ATTEMPT)
    op.drop_table(CALL)
