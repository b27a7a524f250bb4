"""Meeting-calendar benchmark: two years of weekly meetings, 60 managers, 200,000 attendees.

    python benchmarks/calendar_bench.py [--pg postgresql://postgres@127.0.0.1:5432/test]
                                        [--rebuild] [--keep-pg]

Builds benchmarks/out/calendar.sqlite3 (kept; --rebuild makes it again) and, with --pg (the URL of
any database on the server, used only to create and drop the benchmark database), a PostgreSQL
database `pol_calendar_bench`, created, filled, measured and dropped again (--keep-pg keeps it).

Measured, median of 20 runs after one warm-up, beside the bare SQL of the same reads:
- switching month: CalendarService.month (the month view's data query: rules, meetings, attendee
  counts, holidays) plus MonthModel.set_month/set_range (the model update);   target <= 100 ms
- compliance for a quarter: ComplianceService.quarter, the computation the quarterly report and
  the calendar's side panel share;                                            target <= 300 ms
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text  # noqa: E402

from app.models import (  # noqa: E402
    Agency,
    Citizen,
    Manager,
    Meeting,
    MeetingAttendee,
    MeetingSchedule,
    Referral,
    Request,
)
from app.models.database import Database  # noqa: E402
from app.models.enums import MeetingKind, MeetingStatus  # noqa: E402
from app.services.core import (
    jalali,
    reference,  # noqa: E402
)
from app.services.meetings.calendar import CalendarService  # noqa: E402
from app.services.meetings.compliance import ComplianceService  # noqa: E402
from benchmarks import timing  # noqa: E402

RUNS = 20
OUT = Path(__file__).resolve().parent / "out"
PG_NAME = "pol_calendar_bench"
TODAY = date(2026, 11, 28)  # 1405/09/07
MANAGERS, ATTENDEES, CITIZENS = 60, 200_000, 50_000
ISSUE_SHARE, DIRECTIVE_SHARE = 0.5, 0.1
BATCH = 10_000


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median milliseconds of `runs` calls (after one warm-up)."""
    return timing.timed(fn, runs, warmups=1)


def _batches(rows: list[dict], size: int = BATCH) -> list[list[dict]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def build(db: Database, seed: int = 6) -> dict[str, int]:
    """Fill a migrated database: rules, two years of meetings, citizens, attendees, issues."""
    rng = random.Random(seed)
    reference.seed_holidays(db, range(1402, 1407))
    cal = reference.work_calendar(db)
    start = TODAY - timedelta(days=730)
    now = datetime(2026, 11, 28, 8, 0)
    with db.write() as s:
        agencies = list(s.scalars(select(Agency.id).order_by(Agency.id)))
        counties = list(s.scalars(text("SELECT id FROM county ORDER BY id")))
        managers = []
        for i in range(MANAGERS):
            m = {"name": f"مدیر {i + 1}", "title": "مدیرکل",
                 "agency_id": agencies[i % len(agencies)],
                 "county_id": counties[i % len(counties)], "active": True, "version": 1}
            managers.append(m)
        ids = s.execute(insert(Manager).returning(Manager.id), managers).scalars().all()
        rules = [{"manager_id": mid, "agency_id": m["agency_id"], "weekday": i % 6,
                  "start_time": dtime(9), "end_time": dtime(12), "place": "سالن ملاقات",
                  "valid_from": start, "valid_to": None, "version": 1}
                 for i, (mid, m) in enumerate(zip(ids, managers, strict=True))]
        sch_ids = s.execute(insert(MeetingSchedule).returning(
            MeetingSchedule.id, MeetingSchedule.manager_id), rules).all()
        meetings = []
        for (sch_id, mid), rule, m in zip(sch_ids, rules, managers, strict=True):
            d = start + timedelta(days=(rule["weekday"] - jalali.weekday_index(start)) % 7)
            while d < TODAY:
                if d not in cal.holidays and rng.random() > 0.05:  # 5% missed: nothing recorded
                    held = rng.random() > 0.06
                    meetings.append({
                        "manager_id": mid, "schedule_id": sch_id, "occurrence_day": d,
                        "agency_id": m["agency_id"], "county_id": m["county_id"],
                        "kind": MeetingKind.WEEKLY,
                        "status": MeetingStatus.HELD if held else MeetingStatus.CANCELLED,
                        "day": d, "starts_at": jalali.tehran_to_utc(datetime.combine(d, dtime(9))),
                        "ends_at": jalali.tehran_to_utc(datetime.combine(d, dtime(12))),
                        "place": "سالن ملاقات", "title": "", "move_reason": "",
                        "cancel_reason": "" if held else "مأموریت", "minutes": "صورتجلسه" if held
                        else "", "actions_taken": "", "agencies_present": "",
                        "citizens_received": 0, "created_at": now, "version": 1,
                    })
                d += timedelta(days=7)
        held_ids: list[tuple[int, int, date, datetime]] = []
        for chunk in _batches(meetings):
            for mid, status, agency, day, starts in s.execute(
                    insert(Meeting).returning(Meeting.id, Meeting.status, Meeting.agency_id,
                                              Meeting.day, Meeting.starts_at), chunk):
                if status == MeetingStatus.HELD:
                    held_ids.append((mid, agency, day, starts))
        held_ids.sort()
    citizens = [{"national_id": f"{9000000000 + i:010d}", "first_name": "شهروند",
                 "last_name": f"{i}", "mobile": None, "county_id": counties[i % len(counties)],
                 "address": "", "created_at": now, "version": 1} for i in range(CITIZENS)]
    with db.write() as s:
        for chunk in _batches(citizens):
            s.execute(insert(Citizen), chunk)
        cit_ids = list(s.scalars(select(Citizen.id).order_by(Citizen.id)))
    per = ATTENDEES // len(held_ids)
    extra = ATTENDEES - per * len(held_ids)
    attendees, requests, referrals = [], [], []
    rid = 0
    with db.write() as s:
        rid_base = (s.scalar(select(func.coalesce(func.max(Request.id), 0))) or 0) + 1
    for k, (mid, agency, day, starts) in enumerate(held_ids):
        n = per + (1 if k < extra else 0)
        for q, cid in enumerate(rng.sample(cit_ids, n), start=1):
            attendees.append({"meeting_id": mid, "citizen_id": cid, "queue_no": q,
                              "topic": "موضوع", "pre_registered": q <= 3, "received": True,
                              "created_at": starts, "version": 1})
            if rng.random() < ISSUE_SHARE:
                r_id = rid_base + rid
                rid += 1
                requests.append({
                    "id": r_id, "tracking_code": f"C{r_id:09d}", "samad_code": None,
                    "channel": "meeting", "type": "request", "subject": "موضوع دیدار",
                    "body": "", "citizen_id": cid, "county_id": None, "agency_id": agency,
                    "received_at": starts, "status": "new", "priority": "normal",
                    "assignee_id": None, "deadline": day + timedelta(days=14),
                    "deep_rooted": False, "resolution": None, "answer_text": "",
                    "answered_at": None, "closed_at": None, "satisfaction": None,
                    "meeting_id": mid, "actions_taken": "", "search_key": "",
                    "created_at": starts, "created_by": None, "version": 1})
                if rng.random() < DIRECTIVE_SHARE:
                    answered = rng.random() < 0.6
                    referrals.append({
                        "request_id": r_id, "agency_id": agency, "letter_no": f"د/{mid}",
                        "letter_date": day, "deadline": day + timedelta(days=20),
                        "status": "answered" if answered else "open", "directive": True,
                        "response_text": "انجام شد" if answered else "",
                        "response_date": day + timedelta(days=10) if answered else None,
                        "response_letter_no": "", "grade": "adequate" if answered else None,
                        "withdrawn_reason": "", "escalated": False, "escalation_note": "",
                        "extensions": 0, "created_at": starts, "created_by": None,
                        "version": 1})
    with db.write() as s:
        for chunk in _batches(attendees):
            s.execute(insert(MeetingAttendee), chunk)
        for chunk in _batches(requests):
            s.execute(insert(Request), chunk)
        for chunk in _batches(referrals):
            s.execute(insert(Referral), chunk)
        s.execute(text("UPDATE meeting SET citizens_received = (SELECT count(*) FROM "
                       "meeting_attendee a WHERE a.meeting_id = meeting.id AND a.received) "
                       "WHERE status = 'held'"))
    if db.is_postgresql:
        with db.engine.connect() as c:
            c.execute(text(f"SELECT setval('request_id_seq', {rid_base + rid})"))
            c.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    else:
        with db.engine.connect() as c:
            c.exec_driver_sql("ANALYZE")
    return {"meetings": len(meetings), "attendees": len(attendees), "requests": len(requests),
            "directives": len(referrals)}


def bare_sql(db: Database, sql: str, params: dict) -> Callable[[], object]:
    """A function running SQL statements and fetching every row."""
    def run() -> object:
        with db.engine.connect() as c:
            return [c.execute(text(q), params).all() for q in sql.split(";") if q.strip()]
    return run


MONTH_SQL = (
    "SELECT s.id, s.manager_id, s.weekday, s.valid_from, s.valid_to, m.name, a.name "
    "FROM meeting_schedule s JOIN manager m ON m.id = s.manager_id "
    "JOIN agency a ON a.id = s.agency_id WHERE s.valid_from <= :hi "
    "AND (s.valid_to IS NULL OR s.valid_to > :lo);"
    "SELECT mt.*, m.name, a.name FROM meeting mt JOIN manager m ON m.id = mt.manager_id "
    "JOIN agency a ON a.id = mt.agency_id WHERE (mt.day BETWEEN :lo AND :hi) "
    "OR (mt.occurrence_day BETWEEN :lo AND :hi);"
    "SELECT a.meeting_id, count(*) FROM meeting_attendee a JOIN meeting mt ON mt.id = "
    "a.meeting_id WHERE mt.day BETWEEN :lo AND :hi GROUP BY a.meeting_id;"
    "SELECT day, name FROM holiday WHERE day BETWEEN :lo AND :hi"
)
COMPLIANCE_SQL = (
    "SELECT manager_id, kind, status, day, occurrence_day, citizens_received FROM meeting "
    "WHERE day BETWEEN :lo AND :hi OR occurrence_day BETWEEN :lo AND :hi;"
    "SELECT mt.manager_id, count(r.id) FROM meeting mt JOIN request r ON r.meeting_id = mt.id "
    "WHERE mt.day BETWEEN :lo AND :hi GROUP BY mt.manager_id;"
    "SELECT mt.manager_id, count(f.id), sum(CASE WHEN f.status = 'open' THEN 1 ELSE 0 END) "
    "FROM meeting mt JOIN request r ON r.meeting_id = mt.id JOIN referral f ON "
    "f.request_id = r.id WHERE mt.day BETWEEN :lo AND :hi AND f.directive GROUP BY mt.manager_id"
)


def bench(name: str, db: Database) -> list[tuple[str, float, float, float]]:
    """(action, app ms, bare SQL ms, target ms) on one backend."""
    from PySide6.QtWidgets import QApplication

    from app.views.calendar.calendar_models import MonthModel

    app = QApplication.instance() or QApplication([])  # noqa: F841
    cal, comp = CalendarService(db), ComplianceService(db)
    model = MonthModel()
    months = [(1404, m) for m in range(1, 13)] + [(1405, m) for m in range(1, 9)]
    k = [0]

    def switch_month() -> None:
        y, m = months[k[0] % len(months)]
        k[0] += 1
        data = cal.month(y, m, today=TODAY)
        model.set_month(y, m, today=TODAY)
        model.set_range(data)

    lo, hi = jalali.month_bounds(1405, 8)
    lo, hi = jalali.week_start(lo), jalali.week_bounds(hi)[1]
    q_lo, q_hi = jalali.quarter_bounds(1405, 2)
    rows = [
        ("switching month (query + model)", timed(switch_month),
         timed(bare_sql(db, MONTH_SQL, {"lo": lo, "hi": hi})), 100.0),
        ("compliance for a quarter", timed(lambda: comp.quarter(1405, 2, until=TODAY)),
         timed(bare_sql(db, COMPLIANCE_SQL, {"lo": q_lo, "hi": q_hi})), 300.0),
    ]
    summary = comp.quarter(1405, 2, until=TODAY)
    n_occ = len(cal.month(1405, 8, today=TODAY).occurrences)
    print(f"\n{name}: {len(summary.managers)} managers in the quarter, {n_occ} calendar entries "
          f"in Aban 1405")
    print(f"{'action':<34}{'app ms':>9}{'SQL ms':>9}{'ratio':>7}{'target':>9}")
    for action, app_ms, sql_ms, target in rows:
        mark = "ok" if app_ms <= target else "SLOW"
        print(f"{action:<34}{app_ms:>9.1f}{sql_ms:>9.1f}{app_ms / max(sql_ms, 0.01):>7.1f}"
              f"{target:>7.0f} {mark}")
    return rows


def main() -> int:
    """Build (if needed) and measure on SQLite, and on PostgreSQL when given a server."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", default=str(OUT / "calendar.sqlite3"))
    ap.add_argument("--pg", help="URL of any database on the PostgreSQL server (for admin)")
    ap.add_argument("--rebuild", action="store_true", help="build the SQLite file again")
    ap.add_argument("--keep-pg", action="store_true", help=f"keep {PG_NAME} afterwards")
    args = ap.parse_args()
    path = Path(args.sqlite)
    if args.rebuild or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        db = Database(f"sqlite:///{path}")
        reference.prepare_database(db)
        t = time.perf_counter()
        counts = build(db)
        print(f"built {path.name} in {time.perf_counter() - t:.1f} s: {counts}", file=sys.stderr)
        db.dispose()
    db = Database(f"sqlite:///{path}")
    db.open()
    bench("SQLite", db)
    db.dispose()
    if args.pg:
        import psycopg
        from sqlalchemy.engine import make_url

        admin = make_url(args.pg).set(drivername="postgresql")
        admin_url = admin.render_as_string(hide_password=False)
        with psycopg.connect(admin_url, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{PG_NAME}"')
        url = admin.set(drivername="postgresql+psycopg", database=PG_NAME).render_as_string(
            hide_password=False)
        try:
            db = Database(url)
            reference.prepare_database(db)
            t = time.perf_counter()
            counts = build(db)
            print(f"built {PG_NAME} in {time.perf_counter() - t:.1f} s: {counts}",
                  file=sys.stderr)
            bench("PostgreSQL", db)
            db.dispose()
        finally:
            if not args.keep_pg:
                with psycopg.connect(admin_url, autocommit=True) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
