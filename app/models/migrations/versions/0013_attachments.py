"""Scanned letters and photos on file (issue 13 part 4): the attachment tables.

`attachment` holds what a list shows (owner, name, type, size, SHA-256, who added it, and who
removed it, when and why); `attachment_content` holds the bytes, one row each, so no list ever
reads a blob. Both join the server's safeguards: every group reads them (an inspector reads the
letters on file); operators, managers and administrators insert them and may UPDATE only the
removal columns of `attachment`; nobody may UPDATE the content or DELETE either. The county
policies reach both through the owner (request, referral or meeting). `attachment` is
row-logged; the content is not (it can never change, and its SHA-256 is in the logged row).

On PostgreSQL the content column is stored EXTERNAL: scans and PDFs are compressed already,
so the server should not spend time trying to compress them again.

Revision ID: 0013a
Revises: 0012c
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0013a"
down_revision = "0012c"
branch_labels = None
depends_on = None

ONE_OWNER = ("(CASE WHEN request_id IS NULL THEN 0 ELSE 1 END"
             " + CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END"
             " + CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END) = 1")


def upgrade() -> None:
    """Create both tables (unless a rewound test database has them) and refresh the server."""
    bind = op.get_bind()
    have = set(sa.inspect(bind).get_table_names())
    if "attachment" not in have:
        op.create_table(
            "attachment",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=True),
            sa.Column("referral_id", sa.Integer(), nullable=True),
            sa.Column("meeting_id", sa.Integer(), nullable=True),
            sa.Column("name", sa.String(length=255), nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=False),
            sa.Column("mime", sa.String(length=100), nullable=False),
            sa.Column("extension", sa.String(length=10), nullable=False),
            sa.Column("size", sa.Integer(), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.Column("removed_at", sa.DateTime(), nullable=True),
            sa.Column("removed_by", sa.Integer(), nullable=True),
            sa.Column("removed_reason", sa.Text(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.CheckConstraint(ONE_OWNER, name=op.f("ck_attachment_one_owner")),
            sa.CheckConstraint("size > 0", name=op.f("ck_attachment_size_positive")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_attachment_request_id_request")),
            sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                    name=op.f("fk_attachment_referral_id_referral")),
            sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                    name=op.f("fk_attachment_meeting_id_meeting")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        )
        op.create_index("ix_attachment_request", "attachment", ["request_id", "id"])
        op.create_index("ix_attachment_referral", "attachment", ["referral_id", "id"])
        op.create_index("ix_attachment_meeting", "attachment", ["meeting_id", "id"])
    if "attachment_content" not in have:
        op.create_table(
            "attachment_content",
            sa.Column("attachment_id", sa.Integer(), nullable=False),
            sa.Column("data", sa.LargeBinary(), nullable=False),
            sa.ForeignKeyConstraint(["attachment_id"], ["attachment.id"],
                                    name=op.f("fk_attachment_content_attachment_id_attachment")),
            sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachment_content")),
        )
    if bind.dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE attachment_content ALTER COLUMN data SET STORAGE EXTERNAL")
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop both tables (with every file on them): only for a rewound test database."""
    op.drop_table("attachment_content")
    op.drop_index("ix_attachment_meeting", table_name="attachment")
    op.drop_index("ix_attachment_referral", table_name="attachment")
    op.drop_index("ix_attachment_request", table_name="attachment")
    op.drop_table("attachment")
