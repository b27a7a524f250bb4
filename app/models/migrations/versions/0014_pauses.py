"""The clock stops while the citizen owes papers (issue 13 part 5): the `clock_pause` table.

One row per pause of a request's or a referral's deadline: when and why it stopped and who
stopped it, when and why it went on and who resumed it, and how many working days the deadline
moved by. Two partial unique indexes keep at most one running pause per request and per
referral. On a server the new case table gets its grants, row log and county policy (through
its request) from `server.install`.

Revision ID: 0014p
Revises: 0013a
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0014p"
down_revision = "0013a"
branch_labels = None
depends_on = None

_RUNNING_ON_REQUEST = sa.text("referral_id IS NULL AND ended_at IS NULL")
_RUNNING = sa.text("ended_at IS NULL")


def upgrade() -> None:
    """Create clock_pause (unless a rewound test database has it) and its safeguards."""
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("clock_pause"):
        op.create_table(
            "clock_pause",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=False),
            sa.Column("referral_id", sa.Integer(), nullable=True),
            sa.Column("started_on", sa.Date(), nullable=False),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("started_by", sa.Integer(), nullable=True),
            sa.Column("start_reason", sa.Text(), nullable=False),
            sa.Column("ended_on", sa.Date(), nullable=True),
            sa.Column("ended_at", sa.DateTime(), nullable=True),
            sa.Column("ended_by", sa.Integer(), nullable=True),
            sa.Column("end_reason", sa.Text(), nullable=False),
            sa.Column("paused_days", sa.Integer(), nullable=False),
            sa.Column("deadline_before", sa.Date(), nullable=True),
            sa.Column("deadline_after", sa.Date(), nullable=True),
            sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                    name=op.f("fk_clock_pause_referral_id_referral")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_clock_pause_request_id_request")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_pause")),
        )
        op.create_index("ix_clock_pause_request_id", "clock_pause", ["request_id"])
        op.create_index("ix_clock_pause_referral_id", "clock_pause", ["referral_id"])
        op.create_index("ix_clock_pause_started_on", "clock_pause", ["started_on"])
        op.create_index("uq_clock_pause_request_running", "clock_pause", ["request_id"],
                        unique=True, sqlite_where=_RUNNING_ON_REQUEST,
                        postgresql_where=_RUNNING_ON_REQUEST)
        op.create_index("uq_clock_pause_referral_running", "clock_pause", ["referral_id"],
                        unique=True, sqlite_where=_RUNNING, postgresql_where=_RUNNING)
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the table (its indexes, grants, policies and triggers go with it)."""
    op.drop_table("clock_pause")
