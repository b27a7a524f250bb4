"""Double booking is refused by the database itself, also when desktops try at the same moment.

PostgreSQL: the exclusion constraint ex_meeting_no_overlap (btree_gist, tsrange); SQLite: the
meeting_no_overlap triggers under BEGIN IMMEDIATE. Also: migration 0003m keeps existing rows.
"""

from __future__ import annotations

import threading
import time as _time
import uuid
from datetime import datetime, time

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.errors import ValidationError
from app.models.database import Database, SchemaState
from app.models.enums import MeetingKind, Role
from app.services.core import jalali
from app.services.meetings.service import OVERLAP_MESSAGE
from app.services.registry import Services
from tests.support.calendar_helpers import J, calendar, manager
from tests.support.helpers import make_actor

DAY = "1405/10/06"


def _utc(hour: int, minute: int = 0) -> datetime:
    return jalali.tehran_to_utc(datetime.combine(J(DAY), time(hour, minute)))


def _insert_sql(manager_id: int, agency_id: int, start: datetime, end: datetime,
                status: str = "planned") -> tuple[str, dict]:
    """A bare INSERT of a meeting, bypassing every check in Python."""
    return ("INSERT INTO meeting (manager_id, agency_id, kind, status, day, starts_at, ends_at, "
            "place, title, cancel_reason, move_reason, minutes, actions_taken, agencies_present, "
            "citizens_received, created_at, version) VALUES (:m, :a, 'one_off', :st, :d, :s, :e, "
            "'', '', '', '', '', '', '', 0, :s, 1)",
            {"m": manager_id, "a": agency_id, "st": status, "d": J(DAY), "s": start, "e": end})


def _agency_of(db: Database, manager_id: int) -> int:
    with db.engine.connect() as c:
        return c.execute(text("SELECT agency_id FROM manager WHERE id = :i"),
                         {"i": manager_id}).scalar_one()


def test_overlapping_meeting_of_the_same_manager_is_refused(services) -> None:
    """Overlap is refused in Persian; back-to-back, cancelled or other managers are fine."""
    op = make_actor(services, "op", Role.OPERATOR)
    a, b = manager(services, "احمد"), manager(services, "بهرام")
    mg = services.meetings
    first = mg.create_meeting(op, a, J(DAY), time(9), time(12), kind=MeetingKind.ONE_OFF)
    with pytest.raises(ValidationError) as err:
        mg.create_meeting(op, a, J(DAY), time(11, 30), time(13), kind=MeetingKind.TRIP)
    assert err.value.errors == {"start_time": OVERLAP_MESSAGE}
    mg.create_meeting(op, a, J(DAY), time(12), time(13), kind=MeetingKind.TRIP)  # touches only
    mg.create_meeting(op, b, J(DAY), time(9), time(12), kind=MeetingKind.ONE_OFF)
    # Moving into a taken hour is refused too; after a cancellation the hour is free again.
    other = mg.create_meeting(op, a, J("1405/10/07"), time(9), time(12), kind=MeetingKind.ONE_OFF)
    with pytest.raises(ValidationError):
        mg.move_meeting(op, other.id, other.version, J(DAY), time(10), time(11), "جابه‌جایی")
    mg.cancel_meeting(op, first.id, first.version, "لغو")
    moved = mg.move_meeting(op, other.id, other.version, J(DAY), time(10), time(11), "جابه‌جایی")
    assert moved.day == J(DAY)
    assert len(calendar(services).range(J(DAY), J(DAY)).occurrences) == 4


def test_the_database_refuses_an_overlap_that_bypasses_the_service(services) -> None:
    """A bare INSERT (no Python check at all) of an overlapping meeting fails in the database."""
    a = manager(services)
    ag = _agency_of(services.db, a)
    with services.db.engine.begin() as c:
        c.execute(text(_insert_sql(a, ag, _utc(9), _utc(12))[0]),
                  _insert_sql(a, ag, _utc(9), _utc(12))[1])
    sql, params = _insert_sql(a, ag, _utc(10), _utc(11))
    with pytest.raises(IntegrityError):
        with services.db.engine.begin() as c:
            c.execute(text(sql), params)
    sql, params = _insert_sql(a, ag, _utc(10), _utc(11), status="cancelled")
    with services.db.engine.begin() as c:
        c.execute(text(sql), params)  # a cancelled meeting blocks nothing
    with pytest.raises(IntegrityError):
        with services.db.engine.begin() as c:  # ... until someone un-cancels it
            c.execute(text("UPDATE meeting SET status = 'planned' WHERE status = 'cancelled'"))
    sql, params = _insert_sql(a, ag, _utc(12), _utc(10))
    with pytest.raises(IntegrityError):  # CHECK (ends_at > starts_at)
        with services.db.engine.begin() as c:
            c.execute(text(sql), params)


def test_double_booking_under_threads_one_wins(services) -> None:
    """Six desktops book the same manager at overlapping hours at once: exactly one succeeds."""
    op = make_actor(services, "op", Role.OPERATOR)
    a = manager(services)
    n = 6
    barrier = threading.Barrier(n)
    won, refused, errors = [], [], []

    def desk(k: int) -> None:
        sv = Services.for_database(Database(services.db.url))
        try:
            barrier.wait(30)
            sv.meetings.create_meeting(op, a, J(DAY), time(9, 5 * k), time(11, 5 * k),
                                       kind=MeetingKind.ONE_OFF)
            won.append(k)
        except ValidationError as exc:
            refused.append(exc.errors)
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            sv.db.dispose()

    threads = [threading.Thread(target=desk, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert len(won) == 1 and len(refused) == n - 1
    assert all(e == {"start_time": OVERLAP_MESSAGE} for e in refused)
    assert len(calendar(services).range(J(DAY), J(DAY)).occurrences) == 1


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_postgresql_exclusion_constraint_holds_between_open_transactions(pg_url) -> None:
    """Two transactions, no advisory lock, no Python check: the second INSERT waits for the first
    and fails when it commits (the exclusion constraint, not a check in Python)."""
    db = Database(pg_url)
    db.open()
    sv = Services.for_database(db)
    a = manager(sv)
    ag = _agency_of(db, a)
    db.dispose()
    url = _psycopg_url(pg_url)
    first = psycopg.connect(url)
    second = psycopg.connect(url)
    outcome: list[object] = []
    sql_a = ("INSERT INTO meeting (manager_id, agency_id, kind, status, day, starts_at, ends_at, "
             "place, title, cancel_reason, move_reason, minutes, actions_taken, "
             "agencies_present, citizens_received, created_at, version) VALUES "
             "(%s, %s, 'one_off', 'planned', %s, %s, %s, '', '', '', '', '', '', '', 0, %s, 1)")
    try:
        first.execute(sql_a, (a, ag, J(DAY), _utc(9), _utc(12), _utc(9)))  # not committed
        second_pid = second.info.backend_pid

        def other_desktop() -> None:
            try:
                second.execute(sql_a, (a, ag, J(DAY), _utc(10), _utc(13), _utc(10)))
                second.commit()
                outcome.append("committed")
            except psycopg.errors.ExclusionViolation as exc:
                second.rollback()
                outcome.append(exc.diag.constraint_name)

        t = threading.Thread(target=other_desktop)
        t.start()
        with psycopg.connect(url, autocommit=True) as watch:
            deadline = _time.monotonic() + 30
            while _time.monotonic() < deadline:  # wait until the second INSERT is blocked
                row = watch.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                                    (second_pid,)).fetchone()
                if row and row[0] == "Lock":
                    break
                # Not time.sleep: under faketime with a real monotonic clock it fails (EINVAL).
                threading.Event().wait(0.02)
            else:
                pytest.fail("the second insert never waited for the first")
        first.commit()
        t.join(30)
        assert outcome == ["ex_meeting_no_overlap"]
        count = first.execute("SELECT count(*) FROM meeting WHERE manager_id = %s",
                              (a,)).fetchone()
        assert count == (1,)
    finally:
        first.close()
        second.close()


# --- migration 0003m on a database that already holds meetings ------------------------------

ROWS_0002 = [
    "INSERT INTO agency (id, name, is_governorate, version) VALUES (1, 'استانداری', true, 1)",
    "INSERT INTO manager (id, name, title, agency_id, active, version) "
    "VALUES (1, 'احمد', 'معاون', 1, true, 1)",
    "INSERT INTO meeting_schedule (id, manager_id, agency_id, weekday, start_time, end_time, "
    "place, valid_from, version) VALUES (1, 1, 1, 0, '09:00:00', '12:00:00', '', '2026-01-01', 1)",
    "INSERT INTO meeting (id, manager_id, schedule_id, agency_id, kind, status, day, starts_at, "
    "ends_at, place, cancel_reason, minutes, actions_taken, agencies_present, citizens_received, "
    "created_at, version) VALUES (1, 1, 1, 1, 'weekly', 'held', '2026-11-21', "
    "'2026-11-21 05:30:00', '2026-11-21 08:30:00', '', '', 'صورتجلسه', '', '', 2, "
    "'2026-11-21 05:30:00', 1)",
    "INSERT INTO citizen (id, national_id, first_name, last_name, address, created_at, version) "
    "VALUES (1, '0013542419', 'زهرا', 'رضایی', '', '2026-11-21 05:30:00', 1)",
    "INSERT INTO meeting_attendee (id, meeting_id, citizen_id, queue_no, topic, pre_registered, "
    "received, created_at, version) VALUES (1, 1, 1, 1, 'آب', false, true, "
    "'2026-11-21 05:30:00', 1)",
    "INSERT INTO request (id, tracking_code, channel, type, subject, body, citizen_id, "
    "received_at, status, priority, deep_rooted, answer_text, meeting_id, actions_taken, "
    "search_key, created_at, version) VALUES (1, 'T1', 'meeting', 'request', 'آب', '', 1, "
    "'2026-11-21 06:00:00', 'new', 'normal', false, '', 1, '', '', '2026-11-21 06:00:00', 1)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):  # noqa: ANN001, ANN201
    """An empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    from tests.conftest import _pg_admin, _pg_url

    conn = _pg_admin()
    if conn is None:
        pytest.skip("PostgreSQL server not reachable")
    name = f"pol_mig_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


def test_migration_keeps_meetings_attendees_and_requests(empty_url) -> None:
    """A database at 0002 with a meeting, its attendee and its request migrates with every row."""
    db = Database(empty_url)
    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with db.engine.begin() as c:
        for sql in ROWS_0002:
            c.execute(text(sql))
    assert db.schema_state() is SchemaState.BEHIND
    db.upgrade()
    assert db.schema_state() is SchemaState.CURRENT
    with db.engine.connect() as c:
        row = c.execute(text("SELECT schedule_id, occurrence_day, title, move_reason, "
                             "citizens_received FROM meeting WHERE id = 1")).one()
        assert tuple(row[:1]) == (1,) and str(row[1]) == "2026-11-21"
        assert tuple(row[2:]) == ("", "", 2)
        assert c.execute(text("SELECT meeting_id FROM request WHERE id = 1")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM meeting_attendee")).scalar() == 1
        if db.is_sqlite:
            assert c.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    # The migrated database refuses double booking like a new one.
    sql, params = ("INSERT INTO meeting (manager_id, agency_id, kind, status, day, starts_at, "
                   "ends_at, place, title, cancel_reason, move_reason, minutes, actions_taken, "
                   "agencies_present, citizens_received, created_at, version) VALUES (1, 1, "
                   "'trip', 'planned', '2026-11-21', '2026-11-21 06:00:00', "
                   "'2026-11-21 07:00:00', '', '', '', '', '', '', '', 0, "
                   "'2026-11-21 06:00:00', 1)", {})
    with pytest.raises(IntegrityError):
        with db.engine.begin() as c:
            c.execute(text(sql), params)
    db.dispose()
