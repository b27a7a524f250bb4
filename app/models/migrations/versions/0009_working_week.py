"""The office's own working week: estimated and removed holidays.

`holiday.estimated` marks a lunar holiday whose date the official calendar may still move by a
day; the `holidays` package says so by appending «(تخمینی)» to the names of the lunar holidays
past its table of confirmed dates, so the rows it seeded with that mark are flagged and the mark
leaves the name. `holiday.removed` lets the office take a day off the table for good: the row
stays, so seeding the package's holidays again does not bring it back (and no server group may
DELETE a reference row). The rest weekdays stay in the `setting` table («rest_weekdays»).

Only columns are added to a table the server already grants and does not row-log, so the
grants, policies and triggers of `server.install` need no refresh.

Revision ID: 0009w
Revises: 0008f
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009w"
down_revision = "0008f"
branch_labels = None
depends_on = None

# The holidays package's Persian estimate mark, as of this revision (frozen).
_MARK = " (تخمینی)"


def upgrade() -> None:
    """Add the two flags; flag the package's estimated holidays and drop the mark from names."""
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("holiday")}
    with op.batch_alter_table("holiday", schema=None) as batch_op:
        if "estimated" not in have:  # a rewound test database may already have them
            batch_op.add_column(sa.Column("estimated", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
        if "removed" not in have:
            batch_op.add_column(sa.Column("removed", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.get_bind().execute(
        sa.text("UPDATE holiday SET estimated = :yes, name = trim(replace(name, :mark, '')) "
                "WHERE source = 'package' AND name LIKE :like"),
        {"yes": True, "mark": _MARK, "like": f"%{_MARK.strip()}%"})


def downgrade() -> None:
    """Put the mark back on estimated names, delete the removed days (the older schema would
    count them as holidays again), drop both columns."""
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE holiday SET name = name || :mark WHERE estimated = :yes"),
                 {"yes": True, "mark": _MARK})
    bind.execute(sa.text("DELETE FROM holiday WHERE removed = :yes"), {"yes": True})
    with op.batch_alter_table("holiday", schema=None) as batch_op:
        batch_op.drop_column("removed")
        batch_op.drop_column("estimated")
