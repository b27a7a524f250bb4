"""The shared server enforces who may do what: role prefix, county scope, row log, audit guard.

Tables (both databases, so the schema is the same everywhere): `server_setup` (the role prefix),
`user_county` (a user's counties), `row_change` (the row log, filled on PostgreSQL only) and two
server-set columns of `audit_event` (`tx`, `db_login`). On PostgreSQL the migration then installs
the owner, group roles, grants, triggers and policies (app.models.server); every later migration
that adds a table calls `server.install` again.

The prefix comes from `db upgrade --role-prefix` (Alembic attribute "role_prefix"), else the one
already stored, else "pol_".

Revision ID: 0006s
Revises: 0005t
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0006s"
down_revision = "0005t"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables; on PostgreSQL install the server's safeguards."""
    bind = op.get_bind()
    have = set(sa.inspect(bind).get_table_names())
    if "server_setup" not in have:  # a rewound test database may already have them
        _create_tables()
    if bind.dialect.name != "postgresql":
        return
    attrs = op.get_context().config.attributes
    stored = server.stored_names(bind)
    names = stored or server.RoleNames(attrs.get("role_prefix") or server.DEFAULT_PREFIX,
                                       attrs.get("login_prefix") or "")
    if stored is None:
        bind.execute(sa.text("INSERT INTO server_setup (role_prefix, login_prefix) "
                             "VALUES (:r, :l)"), {"r": names.prefix, "l": names.login_prefix})
    server.install(bind, names)


def _create_tables() -> None:
    """The tables and columns of this revision."""
    op.create_table(
        "server_setup",
        sa.Column("role_prefix", sa.String(length=30), nullable=False),
        sa.Column("login_prefix", sa.String(length=30), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("role_prefix", name=op.f("pk_server_setup")),
    )
    op.create_table(
        "user_county",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("county_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE",
                                name=op.f("fk_user_county_user_id_app_user")),
        sa.ForeignKeyConstraint(["county_id"], ["county.id"],
                                name=op.f("fk_user_county_county_id_county")),
        sa.PrimaryKeyConstraint("user_id", "county_id", name=op.f("pk_user_county")),
    )
    op.create_table(
        "row_change",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.BigInteger(), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_change")),
    )
    # audit verify anti-joins the row log to the audit events on the transaction.
    op.create_index("ix_row_change_tx", "row_change", ["tx"])
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tx", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("db_login", sa.String(length=100), nullable=True))
        batch_op.create_index("ix_audit_event_tx", ["tx"], unique=False)


def downgrade() -> None:
    """Not supported: the roles and grants are the server's, kept by design."""
    raise NotImplementedError("Pol does not downgrade past the server security migration")
