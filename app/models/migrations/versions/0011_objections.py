"""The citizen's objection (issue 13 part 2): the objection table and its server safeguards.

`objection` holds each objection to a closed request's answer, with its decision (version
column: two desks may decide the same one). The decision columns have server defaults, so a
clerk's INSERT leaves them out (roles.py grants clerks those columns only). On PostgreSQL
`server.install` runs again: grants, row log, county policy, and the decision trigger with the
inspector's restrictive policies (app.models.server.objections).

Revision ID: 0011o
Revises: 0010r
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0011o"
down_revision = "0010r"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_objection_request": ["request_id", "id"],
    "ix_objection_recorded_at": ["recorded_at"],
    "ix_objection_decided_at": ["decided_at"],
    "ix_objection_outcome": ["outcome", "recorded_at"],
}


def upgrade() -> None:
    """Create the objection table (unless a rewound test database has it) and secure it."""
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("objection"):
        op.create_table(
            "objection",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("request_id", sa.Integer(), nullable=False),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
            sa.Column("recorded_by", sa.Integer(), nullable=True),
            sa.Column("closed_at_before", sa.DateTime(), nullable=False),
            sa.Column("answer_kind", sa.String(length=10), nullable=False),
            sa.Column("agency_id", sa.Integer(), nullable=True),
            sa.Column("outcome", sa.String(length=10), server_default=sa.text("'pending'"),
                      nullable=False),
            sa.Column("decision_note", sa.Text(), server_default=sa.text("''"), nullable=False),
            sa.Column("decided_at", sa.DateTime(), nullable=True),
            sa.Column("decided_by", sa.Integer(), nullable=True),
            sa.Column("decided_tx", sa.BigInteger(), nullable=True),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                    name=op.f("fk_objection_request_id_request")),
            sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"],
                                    name=op.f("fk_objection_recorded_by_app_user")),
            sa.ForeignKeyConstraint(["agency_id"], ["agency.id"],
                                    name=op.f("fk_objection_agency_id_agency")),
            sa.ForeignKeyConstraint(["decided_by"], ["app_user.id"],
                                    name=op.f("fk_objection_decided_by_app_user")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_objection")),
        )
        for name, columns in INDEXES.items():
            op.create_index(name, "objection", columns, unique=False)
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the table (its trigger, policies on it and grants go with it) and the policies it
    lent the request and referral tables."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in ("request", "referral"):
            op.execute(f"DROP POLICY IF EXISTS objection_decision ON {table}")
        names = server.stored_names(bind)
        if names is not None:  # the older schema's inspectors update no request or referral
            inspector = bind.dialect.identifier_preparer.quote_identifier(
                names.group("inspector"))
            op.execute(f"REVOKE UPDATE ON request, referral FROM {inspector}")
    for name in INDEXES:
        op.drop_index(name, table_name="objection")
    op.drop_table("objection")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS pol_objection_decision()")
        op.execute("DROP FUNCTION IF EXISTS objection_decided_now(integer)")
