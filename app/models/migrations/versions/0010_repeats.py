"""Repeat visitors and duplicates (issue 13 part 1): who linked two requests, when, and unlinking.

`request_link` existed since revision 0001 but nothing wrote it. It gains who made the link and
when, and a removal flag (removed_at/removed_by): no server group may DELETE case data, so an
unlink is recorded and a later link of the same pair clears it. The index on `other_id` serves
"the links of a request both ways" (request_id already leads the unique pair's index).

Only columns and an index are added to a table the server already grants, row-logs and limits
by county (app.models.server: CASE_TABLES, LOGGED_TABLES, CONDITIONS), so the grants, policies
and triggers of `server.install` need no refresh.

Revision ID: 0010r
Revises: 0009w
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010r"
down_revision = "0009w"
branch_labels = None
depends_on = None

_COLUMNS = (("created_at", sa.DateTime), ("created_by", sa.Integer),
            ("removed_at", sa.DateTime), ("removed_by", sa.Integer))


def upgrade() -> None:
    """Add the four columns and the index (skipping what a rewound test database has)."""
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("request_link")}
    indexes = {i["name"] for i in inspector.get_indexes("request_link")}
    with op.batch_alter_table("request_link", schema=None) as batch_op:
        for name, type_ in _COLUMNS:
            if name not in have:
                batch_op.add_column(sa.Column(name, type_(), nullable=True))
        if "ix_request_link_other" not in indexes:
            batch_op.create_index("ix_request_link_other", ["other_id"])


def downgrade() -> None:
    """Drop the removed links (the older schema cannot tell them apart), the index, the columns."""
    op.get_bind().execute(sa.text("DELETE FROM request_link WHERE removed_at IS NOT NULL"))
    with op.batch_alter_table("request_link", schema=None) as batch_op:
        batch_op.drop_index("ix_request_link_other")
        for name, _type in reversed(_COLUMNS):
            batch_op.drop_column(name)
