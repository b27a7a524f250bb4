"""Messages to citizens: the template for an agency's answer recorded (issue 14 §3).

The agency's adequate answer is its own kind of message («agency_answered», with the agency's
name as a placeholder), so existing databases get its default text seeded beside the five of
0018m. No new table: sms_template's grants and policies from 0018m cover the new row.

Revision ID: 0020t
Revises: 0019e
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020t"
down_revision = "0019e"
branch_labels = None
depends_on = None

KIND = "agency_answered"
# The default text as it stood when this migration was written (see 0018m).
_TEXT = "پاسخ {دستگاه} به درخواست {کد_رهگیری} رسید"

_template = sa.table("sms_template", sa.column("kind", sa.String), sa.column("text", sa.Text))


def upgrade() -> None:
    """Seed the kind's template unless the office (or a rewound test database) has it."""
    bind = op.get_bind()
    if bind.scalar(sa.select(_template.c.kind).where(_template.c.kind == KIND)) is None:
        op.execute(_template.insert().values(kind=KIND, text=_TEXT))


def downgrade() -> None:
    """Remove the kind's template; messages already written stay (they are what was sent, and
    the older code lists and sends a kind it does not know by its raw name)."""
    op.execute(_template.delete().where(_template.c.kind == KIND))
