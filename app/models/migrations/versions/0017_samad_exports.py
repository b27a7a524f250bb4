"""Answers exported for SAMAD (issue 14 §2): the `samad_export` and `samad_export_item` tables.

Each «answers for SAMAD» workbook is recorded with a fingerprint of every request's row in it,
so the next export marks what was given before and can offer only what is new. On a server the
new tables get their grants (clerks insert, nobody updates or deletes) and the items their
county policy through their request, from `server.install`.

Revision ID: 0017s
Revises: 0016f
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0017s"
down_revision = "0016f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create both tables (unless a rewound test database has them) and their safeguards."""
    bind = op.get_bind()
    tables = set(sa.inspect(bind).get_table_names())
    if "samad_export" not in tables:
        op.create_table(
            "samad_export",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("year", sa.SmallInteger(), nullable=False),
            sa.Column("quarter", sa.SmallInteger(), nullable=False),
            sa.Column("only_new", sa.Boolean(), nullable=False),
            sa.Column("rows", sa.Integer(), nullable=False),
            sa.Column("file_name", sa.String(length=255), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_samad_export")),
        )
    if "samad_export_item" not in tables:
        op.create_table(
            "samad_export_item",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("export_id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=False),
            sa.Column("fingerprint", sa.String(length=64), nullable=False),
            sa.ForeignKeyConstraint(["export_id"], ["samad_export.id"],
                                    name=op.f("fk_samad_export_item_export_id_samad_export")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_samad_export_item_request_id_request")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_samad_export_item")),
        )
        op.create_index("ix_samad_export_item_request", "samad_export_item",
                        ["request_id", "fingerprint"])
        op.create_index("ix_samad_export_item_export", "samad_export_item", ["export_id"])
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop both tables (their indexes, grants and policies go with them)."""
    op.drop_table("samad_export_item")
    op.drop_table("samad_export")
