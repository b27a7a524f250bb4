"""The referral as an official letter (issue 13 part 6).

The referral gets its letter's classification (عادی / محرمانه), priority (عادی / فوری / آنی) and
copies (رونوشت, one a line). `letter_counter` holds the secretariat's last serial per Jalali year;
`official_letter` registers every number issued from it (referral and reminder letters), its
unique (year, serial) the database's own refusal of a number issued twice.

SQLite adds the columns in place (no table copy); a database rewound to an older revision (tests
do) may hold them already. On a shared PostgreSQL server the new tables get their grants, the
register its row log and county policy (server.install).

Revision ID: 0015l
Revises: 0014p
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0015l"
down_revision = "0014p"
branch_labels = None
depends_on = None

COLUMNS = ("classification", "priority", "copies")


def upgrade() -> None:
    """Add the letter's columns and the two tables; refresh the server's safeguards."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    have = {c["name"] for c in inspector.get_columns("referral")}
    with op.batch_alter_table("referral", schema=None) as batch_op:
        if "classification" not in have:
            batch_op.add_column(sa.Column("classification", sa.String(length=20), nullable=False,
                                          server_default="normal"))
        if "priority" not in have:
            batch_op.add_column(sa.Column("priority", sa.String(length=20), nullable=False,
                                          server_default="normal"))
        if "copies" not in have:
            batch_op.add_column(sa.Column("copies", sa.Text(), nullable=False,
                                          server_default=""))
    tables = set(inspector.get_table_names())
    if "letter_counter" not in tables:
        op.create_table(
            "letter_counter",
            sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("last_number", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("year", name=op.f("pk_letter_counter")),
        )
    if "official_letter" not in tables:
        op.create_table(
            "official_letter",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("serial", sa.Integer(), nullable=False),
            sa.Column("letter_no", sa.String(length=50), nullable=False),
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("referral_id", sa.Integer(), nullable=False),
            sa.Column("letter_date", sa.Date(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                    name=op.f("fk_official_letter_referral_id_referral")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_official_letter")),
            sa.UniqueConstraint("year", "serial", name="uq_official_letter_year_serial"),
        )
        op.create_index(op.f("ix_official_letter_referral_id"), "official_letter",
                        ["referral_id"], unique=False)
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Drop the register, the counter and the three columns (numbers issued are forgotten)."""
    bind = op.get_bind()
    op.drop_index(op.f("ix_official_letter_referral_id"), table_name="official_letter")
    op.drop_table("official_letter")
    op.drop_table("letter_counter")
    for column in COLUMNS:
        if bind.dialect.name == "sqlite":
            # In place (SQLite 3.35+): a batch copy of the referral table would trip over the
            # rows of the tables that refer to it.
            op.execute(f"ALTER TABLE referral DROP COLUMN {column}")
        else:
            op.drop_column("referral", column)
