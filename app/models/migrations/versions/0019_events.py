"""Surge events (issue 14 §1): the `event` table and request.event_id.

An event is a provincial trip, a live SAMAD session or a special meeting day: its name, kind,
dates, county and responsible manager. A request may be tagged with one (nullable, indexed: the
quarterly report counts each event's requests). On a server the new case table gets its grants,
row log and county policy from `server.install`.

Revision ID: 0019e
Revises: 0018m
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0019e"
down_revision = "0018m"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create event and request.event_id (unless a rewound test database has them)."""
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("event"):
        op.create_table(
            "event",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("starts_on", sa.Date(), nullable=False),
            sa.Column("ends_on", sa.Date(), nullable=False),
            sa.Column("county_id", sa.Integer(), nullable=True),
            sa.Column("manager_id", sa.Integer(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["county_id"], ["county.id"],
                                    name=op.f("fk_event_county_id_county")),
            sa.ForeignKeyConstraint(["manager_id"], ["manager.id"],
                                    name=op.f("fk_event_manager_id_manager")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        )
        op.create_index("ix_event_ends_on", "event", ["ends_on"])
    if "event_id" not in {c["name"] for c in sa.inspect(bind).get_columns("request")}:
        # A plain ADD COLUMN on both backends: a batch copy of request would lose its search
        # triggers (see 0016f).
        op.execute("ALTER TABLE request ADD COLUMN event_id INTEGER "
                   "CONSTRAINT fk_request_event_id_event REFERENCES event (id)")
    if "ix_request_event_id" not in {i["name"] for i in sa.inspect(bind).get_indexes("request")}:
        op.create_index("ix_request_event_id", "request", ["event_id"])
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the column in place, then the table."""
    op.drop_index("ix_request_event_id", table_name="request")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE request DROP CONSTRAINT IF EXISTS fk_request_event_id_event")
    op.execute("ALTER TABLE request DROP COLUMN event_id")
    op.drop_table("event")
