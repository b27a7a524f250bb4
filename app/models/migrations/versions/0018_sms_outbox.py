"""Messages to citizens (issue 14 §3): the `sms_outbox` and `sms_template` tables and the
citizen's `sms_opt_out` flag.

The templates are seeded with the default Persian texts (services.sms.rules), which the office
edits. On a server the new tables get their grants and the outbox its county policy (through
its request or meeting) from `server.install`.

Revision ID: 0018m
Revises: 0017s
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0018m"
down_revision = "0017s"
branch_labels = None
depends_on = None

# The default texts as they stood when this migration was written (a later change of the
# defaults in the code must not change what this revision seeds).
_TEMPLATES = {
    "registered": "درخواست شما در استانداری ثبت شد. کد رهگیری: {کد_رهگیری}",
    "referred": "درخواست {کد_رهگیری} به {دستگاه} ارجاع شد. مهلت پاسخ دستگاه: {مهلت}",
    "answered": "به درخواست {کد_رهگیری} پاسخ داده شد؛ استانداری آذربایجان شرقی",
    "closed": "درخواست {کد_رهگیری} مختومه شد. سپاس از شکیبایی شما؛ استانداری",
    "appointment": "نوبت {نوبت} دیدار مردمی با {مدیر}، {تاریخ} ساعت {ساعت}، {مکان}",
}


def upgrade() -> None:
    """Create the tables and the flag (unless a rewound test database has them); seed."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "sms_opt_out" not in {c["name"] for c in inspector.get_columns("citizen")}:
        # Added in place: a batch copy of citizen would lose its triggers on SQLite.
        op.add_column("citizen", sa.Column("sms_opt_out", sa.Boolean(), nullable=False,
                                           server_default=sa.false()))
    if not inspector.has_table("sms_outbox"):
        op.create_table(
            "sms_outbox",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=True),
            sa.Column("meeting_id", sa.Integer(), nullable=True),
            sa.Column("citizen_id", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("mobile", sa.String(length=11), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("parts", sa.SmallInteger(), nullable=False),
            sa.Column("status", sa.String(length=10), nullable=False),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("next_try_at", sa.DateTime(), nullable=True),
            sa.Column("claim_token", sa.String(length=32), nullable=True),
            sa.Column("claimed_at", sa.DateTime(), nullable=True),
            sa.Column("idempotency_key", sa.String(length=40), nullable=False),
            sa.Column("gateway_reply", sa.Text(), nullable=False),
            sa.Column("sent_by_hand", sa.Integer(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("sent_at", sa.DateTime(), nullable=True),
            sa.ForeignKeyConstraint(["citizen_id"], ["citizen.id"],
                                    name=op.f("fk_sms_outbox_citizen_id_citizen")),
            sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                    name=op.f("fk_sms_outbox_meeting_id_meeting")),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_sms_outbox_request_id_request")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_outbox")),
            sa.UniqueConstraint("idempotency_key", name=op.f("uq_sms_outbox_idempotency_key")),
            sa.CheckConstraint("status IN ('queued', 'sent', 'failed', 'held')",
                               name=op.f("ck_sms_outbox_status")),
        )
        op.create_index("ix_sms_outbox_request_id", "sms_outbox", ["request_id"])
        op.create_index("ix_sms_outbox_citizen_id", "sms_outbox", ["citizen_id"])
        op.create_index("ix_sms_outbox_status_next", "sms_outbox", ["status", "next_try_at"])
    if not inspector.has_table("sms_template"):
        template = op.create_table(
            "sms_template",
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=True),
            sa.Column("updated_by", sa.Integer(), nullable=True),
            sa.PrimaryKeyConstraint("kind", name=op.f("pk_sms_template")),
        )
        op.bulk_insert(template, [{"kind": k, "text": t} for k, t in _TEMPLATES.items()])
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the tables and the flag (in place, for citizen's triggers)."""
    op.drop_table("sms_template")
    op.drop_table("sms_outbox")
    op.execute("ALTER TABLE citizen DROP COLUMN sms_opt_out")
