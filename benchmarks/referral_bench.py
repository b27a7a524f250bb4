"""Referral tracker and agency-panel benchmark on the 1,000,000-request databases.

    python benchmarks/referral_bench.py [--sqlite benchmarks/out/bench.sqlite3]
                                        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/pol_bench]

Opens each database with Database(url).open() first, so migration 0003r (its indexes) applies;
the data itself is not touched. For every tracker filter it measures, 20 times after one
warm-up, the time from choosing the filter to the table model holding the first page (the
model's real fetch path: ids, count, names and working days, run synchronously here), and
beside it the bare SQL of the same page and count. Then the agency-performance panel for the
last finished quarter, beside its bare aggregate SQL, and two review queues.
Targets (issue 5): tracker first page <= 100 ms median; agency panel <= 500 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text  # noqa: E402

from app.models import County, Referral  # noqa: E402
from app.models.database import Database  # noqa: E402
from app.models.enums import ReferralStatus  # noqa: E402
from app.models.review import ReviewReason  # noqa: E402
from app.services.core import jalali  # noqa: E402
from app.services.referrals.dto import QueueFilter, TrackerFilter  # noqa: E402
from app.services.referrals.tracker import ReferralTracker  # noqa: E402
from app.services.reports.statistics import StatisticsService  # noqa: E402
from app.services.review.service import ReviewService  # noqa: E402
from benchmarks import timing  # noqa: E402

RUNS = 20
OUT = Path(__file__).resolve().parent / "out"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/pol_bench"
TRACKER_TARGET_MS, PANEL_TARGET_MS = 100, 500


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median milliseconds of `runs` calls (after one warm-up)."""
    return timing.timed(fn, runs, warmups=1)


def bare_sql(db: Database, *statements: tuple[str, dict]) -> Callable[[], object]:
    """A function running SQL statements on one connection and fetching every row."""
    def run() -> object:
        with db.engine.connect() as c:
            return [c.execute(text(sql), params).all() for sql, params in statements]
    return run


def bench(name: str, url: str) -> list[tuple[str, float, float, int]]:
    """Measure every action on one backend: (action, app ms, bare SQL ms, target ms)."""
    from app.views.table_models.paged_model import PAGE_SIZE
    from app.views.table_models.referral_model import ReferralTableModel

    db = Database(url)
    t = time.perf_counter()
    state = db.open()
    print(f"\n{name}: {url}\n  open/upgrade ({state.value}) took {time.perf_counter() - t:.1f} s")
    tracker = ReferralTracker(db)
    model = ReferralTableModel()

    def show(f: TrackerFilter, sort: str = "deadline", desc: bool = False) -> None:
        """What the model does when a filter is chosen: fetch page and count, then hold it."""
        model.reset_with(model.generation, tracker.page(f, 0, PAGE_SIZE, sort, desc, True))

    today = jalali.tehran_today()
    year, quarter = jalali.last_finished_quarter(today)
    q_start, q_end = jalali.quarter_bounds(year, quarter)
    with db.read() as s:
        busiest = s.execute(select(Referral.agency_id, func.count()).group_by(Referral.agency_id)
                            .order_by(func.count().desc()).limit(1)).one()[0]
        tabriz = s.scalar(select(County.id).where(County.name == "تبریز"))
        letter_no = s.scalar(select(Referral.letter_no).order_by(Referral.id.desc()).limit(1))
    soon = tracker.calendar().add_working_days(today, 5)
    p = {"open": "open", "today": today, "soon": soon, "a": busiest, "c": tabriz,
         "s": q_start, "e": q_end, "no": letter_no}
    page_sql = "SELECT r.id FROM referral r {join} WHERE {where} ORDER BY r.deadline, r.id LIMIT 200"
    count_sql = "SELECT count(*) FROM referral r {join} WHERE {where}"

    def sql_pair(where: str, join: str = "") -> Callable[[], object]:
        return bare_sql(db, (page_sql.format(join=join, where=where), p),
                        (count_sql.format(join=join, where=where), p))

    county_join = "JOIN request q ON q.id = r.request_id"
    cases: list[tuple[str, TrackerFilter, Callable[[], object]]] = [
        ("tracker: open (default)", TrackerFilter(status=ReferralStatus.OPEN),
         sql_pair("r.status = :open")),
        ("tracker: all statuses", TrackerFilter(), sql_pair("1 = 1")),
        ("tracker: one agency (busiest)", TrackerFilter(agency_id=busiest),
         sql_pair("r.agency_id = :a")),
        ("tracker: answered", TrackerFilter(status=ReferralStatus.ANSWERED),
         sql_pair("r.status = 'answered'")),
        ("tracker: overdue only", TrackerFilter(overdue_only=True),
         sql_pair("r.status = :open AND r.deadline < :today")),
        ("tracker: due within 5 working days", TrackerFilter(due_within=5),
         sql_pair("r.status = :open AND r.deadline >= :today AND r.deadline <= :soon")),
        ("tracker: county (Tabriz)", TrackerFilter(county_id=tabriz),
         sql_pair("q.county_id = :c", county_join)),
        ("tracker: county + open", TrackerFilter(county_id=tabriz, status=ReferralStatus.OPEN),
         sql_pair("q.county_id = :c AND r.status = :open", county_join)),
        (f"tracker: letter dates {year}/Q{quarter}", TrackerFilter(date_from=q_start,
                                                                  date_to=q_end),
         sql_pair("r.letter_date >= :s AND r.letter_date <= :e")),
        ("tracker: agency + overdue", TrackerFilter(agency_id=busiest, overdue_only=True),
         sql_pair("r.agency_id = :a AND r.status = :open AND r.deadline < :today")),
        ("tracker: letter number", TrackerFilter(text=letter_no), sql_pair("r.letter_no = :no")),
    ]
    rows: list[tuple[str, float, float, int]] = []
    for label, f, sql in cases:
        rows.append((label, timed(lambda f=f: show(f)), timed(sql), TRACKER_TARGET_MS))
    rows.append(("tracker: all, sorted by agency", timed(lambda: show(TrackerFilter(), "agency")),
                 timed(sql_pair("1 = 1")), TRACKER_TARGET_MS))
    stats = StatisticsService(db)
    period = ("r.letter_date >= :s AND r.letter_date <= :e AND r.status <> 'withdrawn'")
    panel_sql = bare_sql(
        db,
        ("SELECT r.agency_id, count(*), sum(CASE WHEN r.response_date IS NOT NULL THEN 1 ELSE 0 "
         "END), sum(CASE WHEN r.response_date <= r.deadline THEN 1 ELSE 0 END), sum(CASE WHEN "
         "r.status = 'open' AND r.deadline < :today THEN 1 ELSE 0 END), sum(CASE WHEN r.grade = "
         "'inadequate' THEN 1 ELSE 0 END), sum(r.extensions) FROM referral r WHERE " + period +
         " GROUP BY r.agency_id", p),
        ("SELECT r.agency_id, r.letter_date, r.response_date, count(*) FROM referral r WHERE "
         + period + " AND r.response_date IS NOT NULL GROUP BY r.agency_id, r.letter_date, "
         "r.response_date", p),
        ("SELECT r.agency_id, count(e.id) FROM referral r JOIN referral_event e ON "
         "e.referral_id = r.id WHERE " + period + " AND e.kind <> 'extension' "
         "GROUP BY r.agency_id", p),
    )
    rows.append((f"agency panel {year}/Q{quarter}",
                 timed(lambda: stats.agency_performance(q_start, q_end)), timed(panel_sql),
                 PANEL_TARGET_MS))
    reviews = ReviewService(db, tracker)
    limit = tracker.calendar().add_working_days(today, -10)
    rows.append(("review queue: overdue > 10 working days",
                 timed(lambda: reviews.queue(QueueFilter(ReviewReason.OVERDUE))),
                 timed(bare_sql(db, ("SELECT id FROM referral WHERE status = 'open' AND deadline "
                                     "< :l ORDER BY deadline, id LIMIT 200",
                                     {"l": limit}))), TRACKER_TARGET_MS))
    sample = QueueFilter(ReviewReason.SAMPLE, date_from=q_start, date_to=q_end, seed=1)
    rows.append((f"review queue: sample of {year}/Q{quarter}",
                 timed(lambda: reviews.queue(sample)), 0.0, PANEL_TARGET_MS))
    db.dispose()
    print(f"  {'action':<44}{'app ms':>9}{'SQL ms':>9}{'ratio':>7}{'target':>8}")
    for action, app_ms, sql_ms, target in rows:
        ratio = f"{app_ms / sql_ms:>7.1f}" if sql_ms else f"{'':>7}"
        sql = f"{sql_ms:>9.1f}" if sql_ms else f"{'—':>9}"
        mark = "ok" if app_ms <= target else "SLOW"
        print(f"  {action:<44}{app_ms:>9.1f}{sql}{ratio}{target:>6} {mark}")
    return rows


def main() -> int:
    """Run on SQLite and on PostgreSQL."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", default=str(OUT / "bench.sqlite3"))
    ap.add_argument("--pg", default=PG_DEFAULT, help="PostgreSQL URL ('' to skip)")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    # One application for the whole run: the models are QObjects, and a QApplication that is
    # garbage-collected between the two backends crashes PySide6 at exit.
    app = QApplication.instance() or QApplication([])
    if Path(args.sqlite).exists():
        bench("SQLite", f"sqlite:///{args.sqlite}")
    else:
        print(f"no SQLite database at {args.sqlite}; run benchmarks/build_db.py first")
    if args.pg:
        bench("PostgreSQL", args.pg)
    sys.stdout.flush()
    # PySide6 6.12.0 returns Py_True from Signal.emit without a reference; the few hundred
    # emits above leave True's count short and CPython 3.11 aborts while finalizing
    # («bool_dealloc»). Leave without finalizing; the figures are printed already.
    del app
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
