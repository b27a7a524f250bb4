"""Meeting calendar: weekly rules' occurrences, moves, one-offs, directives, no double booking.

Revision ID: 0003m
Revises: 0002
Create Date: 2026-11-28

Written by hand to match app/models/meeting.py.

- meeting: new columns occurrence_day (the rule's date an occurrence belongs to), title and
  move_reason; the unique (manager_id, starts_at) goes, because a cancelled meeting must not
  block its hour; instead the DATABASE refuses two meetings of one manager that overlap in time
  and are not cancelled: on PostgreSQL an exclusion constraint with btree_gist over
  tsrange(starts_at, ends_at), on SQLite two triggers (every SQLite writer holds the write lock
  from BEGIN IMMEDIATE, so the trigger's check and the insert cannot interleave); plus
  unique (schedule_id, occurrence_day) and CHECK (ends_at > starts_at).
- meeting_schedule: CHECK weekday 0..6 and end_time > start_time.
- meeting_directive: the words of a manager's directive, tied to its referral.

SQLite cannot drop a table constraint in place, so meeting and meeting_schedule are rebuilt.
Alembic's batch mode copies the rows into a new table, drops the old one and renames the copy;
with foreign keys on (Pol always has them on, and the pragma cannot change inside the migration's
transaction) dropping a parent table leaves the children's references counted as violations and
the commit fails. The rebuild below therefore keeps the rows in a scratch copy, defers foreign
keys, drops and recreates the table under its own name and inserts the rows back, which resolves
each counted reference; a row that really went missing would still fail the commit.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0003m"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER meeting_no_overlap_insert BEFORE INSERT ON meeting "
    "WHEN NEW.status <> 'cancelled' BEGIN "
    "SELECT RAISE(ABORT, 'meeting_overlap: manager already has a meeting at this time') "
    "WHERE EXISTS (SELECT 1 FROM meeting m WHERE m.manager_id = NEW.manager_id "
    "AND m.status <> 'cancelled' AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at); "
    "END",
    "CREATE TRIGGER meeting_no_overlap_update "
    "BEFORE UPDATE OF manager_id, starts_at, ends_at, status ON meeting "
    "WHEN NEW.status <> 'cancelled' BEGIN "
    "SELECT RAISE(ABORT, 'meeting_overlap: manager already has a meeting at this time') "
    "WHERE EXISTS (SELECT 1 FROM meeting m WHERE m.id <> NEW.id "
    "AND m.manager_id = NEW.manager_id AND m.status <> 'cancelled' "
    "AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at); "
    "END",
]

MEETING_COLUMNS = ["id", "manager_id", "schedule_id", "agency_id", "county_id", "kind", "status",
                   "day", "starts_at", "ends_at", "place", "cancel_reason", "minutes",
                   "actions_taken", "agencies_present", "citizens_received", "created_at",
                   "version"]
SCHEDULE_COLUMNS = ["id", "manager_id", "agency_id", "weekday", "start_time", "end_time", "place",
                    "valid_from", "valid_to", "version"]


def _schedule_table(with_checks: bool) -> None:
    """CREATE TABLE meeting_schedule (as of 0001, with or without this revision's checks)."""
    extra = [
        sa.CheckConstraint("weekday BETWEEN 0 AND 6",
                           name=op.f("ck_meeting_schedule_weekday_range")),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_meeting_schedule_time_order")),
    ] if with_checks else []
    op.create_table(
        "meeting_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"],
                                name=op.f("fk_meeting_schedule_agency_id_agency")),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"],
                                name=op.f("fk_meeting_schedule_manager_id_manager")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_schedule")),
        *extra,
    )
    op.create_index("ix_meeting_schedule_manager_id", "meeting_schedule", ["manager_id"])


def _meeting_table(new: bool) -> None:
    """CREATE TABLE meeting: this revision's shape (new) or 0001's."""
    cols = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("county_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("actions_taken", sa.Text(), nullable=False),
        sa.Column("agencies_present", sa.Text(), nullable=False),
        sa.Column("citizens_received", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"],
                                name=op.f("fk_meeting_agency_id_agency")),
        sa.ForeignKeyConstraint(["county_id"], ["county.id"],
                                name=op.f("fk_meeting_county_id_county")),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"],
                                name=op.f("fk_meeting_manager_id_manager")),
        sa.ForeignKeyConstraint(["schedule_id"], ["meeting_schedule.id"],
                                name=op.f("fk_meeting_schedule_id_meeting_schedule")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    ]
    if new:
        cols += [
            sa.Column("occurrence_day", sa.Date(), nullable=True),
            sa.Column("title", sa.String(length=300), nullable=False),
            sa.Column("move_reason", sa.Text(), nullable=False),
            sa.UniqueConstraint("schedule_id", "occurrence_day", name="uq_meeting_occurrence"),
            sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_meeting_time_order")),
        ]
    else:
        cols.append(sa.UniqueConstraint("manager_id", "starts_at",
                                        name="uq_meeting_manager_start"))
    op.create_table("meeting", *cols)
    op.create_index("ix_meeting_day", "meeting", ["day"])
    op.create_index("ix_meeting_manager_day", "meeting", ["manager_id", "day"])
    if new:
        op.create_index("ix_meeting_manager_starts", "meeting", ["manager_id", "starts_at"])
        op.create_index("ix_meeting_occurrence_day", "meeting", ["occurrence_day"])


def _sqlite_rebuild(table: str, create: Callable[[], None], insert_cols: list[str],
                    select_exprs: list[str]) -> None:
    """Rebuild a SQLite table that other tables reference, keeping every row (see the docstring)."""
    scratch = f"_{table}_0003m"
    op.execute("PRAGMA defer_foreign_keys = ON")
    op.execute(f"CREATE TABLE {scratch} AS SELECT * FROM {table}")
    op.execute(f"DROP TABLE {table}")
    create()
    op.execute(f"INSERT INTO {table} ({', '.join(insert_cols)}) "
               f"SELECT {', '.join(select_exprs)} FROM {scratch}")
    op.execute(f"DROP TABLE {scratch}")


def _directive_table() -> None:
    """CREATE TABLE meeting_directive."""
    op.create_table(
        "meeting_directive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_directive_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"],
                                name=op.f("fk_meeting_directive_referral_id_referral")),
        sa.ForeignKeyConstraint(["request_id"], ["request.id"],
                                name=op.f("fk_meeting_directive_request_id_request")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_directive")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_meeting_directive_referral_id")),
    )
    op.create_index("ix_meeting_directive_meeting_id", "meeting_directive", ["meeting_id"])
    op.create_index("ix_meeting_directive_request_id", "meeting_directive", ["request_id"])


def upgrade() -> None:
    """Apply this revision."""
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild("meeting_schedule", lambda: _schedule_table(True), SCHEDULE_COLUMNS,
                        SCHEDULE_COLUMNS)
        # Existing weekly meetings were occurrences of their rule on their own day.
        _sqlite_rebuild(
            "meeting", lambda: _meeting_table(True),
            MEETING_COLUMNS + ["occurrence_day", "title", "move_reason"],
            MEETING_COLUMNS + ["CASE WHEN schedule_id IS NOT NULL THEN day END", "''", "''"])
        for sql in SQLITE_TRIGGERS:
            op.execute(sql)
    else:
        op.create_check_constraint(op.f("ck_meeting_schedule_weekday_range"), "meeting_schedule",
                                   "weekday BETWEEN 0 AND 6")
        op.create_check_constraint(op.f("ck_meeting_schedule_time_order"), "meeting_schedule",
                                   "end_time > start_time")
        op.drop_constraint("uq_meeting_manager_start", "meeting", type_="unique")
        op.add_column("meeting", sa.Column("occurrence_day", sa.Date(), nullable=True))
        op.add_column("meeting", sa.Column("title", sa.String(length=300), nullable=False,
                                           server_default=""))
        op.add_column("meeting", sa.Column("move_reason", sa.Text(), nullable=False,
                                           server_default=""))
        # The model supplies these defaults; the server defaults only filled existing rows.
        op.alter_column("meeting", "title", server_default=None)
        op.alter_column("meeting", "move_reason", server_default=None)
        op.execute("UPDATE meeting SET occurrence_day = day WHERE schedule_id IS NOT NULL")
        op.create_unique_constraint("uq_meeting_occurrence", "meeting",
                                    ["schedule_id", "occurrence_day"])
        op.create_check_constraint(op.f("ck_meeting_time_order"), "meeting",
                                   "ends_at > starts_at")
        op.create_index("ix_meeting_manager_starts", "meeting", ["manager_id", "starts_at"])
        op.create_index("ix_meeting_occurrence_day", "meeting", ["occurrence_day"])
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE meeting ADD CONSTRAINT ex_meeting_no_overlap EXCLUDE USING gist "
            "(manager_id WITH =, tsrange(starts_at, ends_at) WITH &&) "
            "WHERE (status <> 'cancelled')"
        )
    _directive_table()


def downgrade() -> None:
    """Revert this revision (moved and one-off details are lost)."""
    op.drop_index("ix_meeting_directive_request_id", table_name="meeting_directive")
    op.drop_index("ix_meeting_directive_meeting_id", table_name="meeting_directive")
    op.drop_table("meeting_directive")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS meeting_no_overlap_update")
        op.execute("DROP TRIGGER IF EXISTS meeting_no_overlap_insert")
        _sqlite_rebuild("meeting", lambda: _meeting_table(False), MEETING_COLUMNS,
                        MEETING_COLUMNS)
        _sqlite_rebuild("meeting_schedule", lambda: _schedule_table(False), SCHEDULE_COLUMNS,
                        SCHEDULE_COLUMNS)
    else:
        op.execute("ALTER TABLE meeting DROP CONSTRAINT IF EXISTS ex_meeting_no_overlap")
        op.drop_index("ix_meeting_occurrence_day", table_name="meeting")
        op.drop_index("ix_meeting_manager_starts", table_name="meeting")
        op.drop_constraint(op.f("ck_meeting_time_order"), "meeting", type_="check")
        op.drop_constraint("uq_meeting_occurrence", "meeting", type_="unique")
        op.drop_column("meeting", "move_reason")
        op.drop_column("meeting", "title")
        op.drop_column("meeting", "occurrence_day")
        op.create_unique_constraint("uq_meeting_manager_start", "meeting",
                                    ["manager_id", "starts_at"])
        op.drop_constraint(op.f("ck_meeting_schedule_time_order"), "meeting_schedule",
                           type_="check")
        op.drop_constraint(op.f("ck_meeting_schedule_weekday_range"), "meeting_schedule",
                           type_="check")
