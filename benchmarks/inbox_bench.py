"""Inbox benchmark on the 1,000,000-request database built by build_db.py.

    python benchmarks/inbox_bench.py [--sqlite benchmarks/out/bench.sqlite3]
                                     [--pg postgresql+psycopg://postgres@127.0.0.1/pol_bench]

For each user action it measures, 20 times, the time from the action to the table model holding
the new rows (the model's real fetch path, run synchronously here), and beside it the time of the
bare SQL query for the same page. Also the resident memory with the inbox open.
Targets (issue 4): each median <= 100 ms; resident memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from app.models.database import Database  # noqa: E402
from app.models.enums import Channel, RequestStatus  # noqa: E402
from app.services.core import jalali  # noqa: E402
from app.services.registry import Services  # noqa: E402
from app.services.requests.dto import InboxFilter  # noqa: E402
from benchmarks import timing  # noqa: E402

RUNS = 20
OUT = Path(__file__).resolve().parent / "out"


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median milliseconds of `runs` calls (after one warm-up)."""
    return timing.timed(fn, runs, warmups=1)


def bare_sql(db: Database, sql: str, params: dict | None = None) -> Callable[[], object]:
    """A function running one SQL statement and fetching every row."""
    def run() -> object:
        with db.engine.connect() as c:
            return c.execute(text(sql), params or {}).all()
    return run


def bench(name: str, url: str) -> list[tuple[str, float, float]]:
    """Measure every action on one backend: (action, app ms, bare SQL ms)."""
    from PySide6.QtWidgets import QApplication

    from app.views.table_models.inbox_model import PAGE_SIZE, InboxTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841
    db = Database(url)
    db.open()
    sv = Services.for_database(db)
    inbox = sv.inbox
    model = InboxTableModel()

    def fetch(f: InboxFilter, offset: int, limit: int, sort: str, desc: bool,
              total: bool) -> object:
        return inbox.page(f, offset=offset, limit=limit, sort=sort, descending=desc,
                          with_total=total)

    def show(f: InboxFilter, offset: int = 0) -> None:
        """What the model does for an action: fetch the page, then hold it (the count follows
        separately, as in the model: see count_rows)."""
        page = fetch(f, offset, PAGE_SIZE, "received_at", True, False)
        model._fetch = None  # noqa: SLF001 - no count request from the benchmark
        if offset == 0:
            model.reset_with(model.generation, page)
        else:
            model.page_arrived(model.generation, offset // PAGE_SIZE, page)
        model._fetch = fetch  # noqa: SLF001

    def count_rows(f: InboxFilter) -> None:
        """The total that follows the first page (the count label and scroll bar)."""
        fetch(f, 0, 0, "received_at", True, True)

    model._fetch = fetch  # noqa: SLF001
    today = jalali.tehran_today()
    f_filter = InboxFilter(statuses=[RequestStatus.AWAITING_AGENCY], channel=Channel.SAMAD,
                           date_from=today - timedelta(days=120))
    f_text = InboxFilter(text="لوله‌کشی")
    cutoff = jalali.tehran_to_utc(datetime.combine(today - timedelta(days=120), dtime.min))
    like = "%لولهکشی%"
    rows: list[tuple[str, float, float]] = []
    rows.append(("open inbox (first page)", timed(lambda: show(InboxFilter())),
                 timed(bare_sql(db, "SELECT id, tracking_code, received_at, status FROM request "
                                    "ORDER BY received_at DESC, id DESC LIMIT 200"))))
    rows.append(("change filter (status+channel+dates)", timed(lambda: show(f_filter)),
                 timed(bare_sql(db, "SELECT id FROM request WHERE status = :s AND channel = :c "
                                    "AND received_at >= :d ORDER BY received_at DESC, id DESC "
                                    "LIMIT 200", {"s": "awaiting_agency", "c": "samad",
                                                  "d": cutoff}))))
    rows.append(("free-text search «لوله‌کشی»", timed(lambda: show(f_text)),
                 timed(bare_sql(db, "SELECT id FROM request WHERE search_key LIKE :k "
                                    "ORDER BY received_at DESC, id DESC LIMIT 200",
                                    {"k": like}))))
    rows.append(("scroll to row 500,000", timed(lambda: show(InboxFilter(), 500_000)),
                 timed(bare_sql(db, "SELECT id FROM request ORDER BY received_at DESC, id DESC "
                                    "LIMIT 200 OFFSET 500000"))))
    rows.append(("  then the count of all rows", timed(lambda: count_rows(InboxFilter()), 5),
                 timed(bare_sql(db, "SELECT count(*) FROM request"), 5)))
    rows.append(("  then the count of the search", timed(lambda: count_rows(f_text), 5),
                 timed(bare_sql(db, "SELECT count(*) FROM request WHERE search_key LIKE :k",
                                {"k": like}), 5)))
    some_id = inbox.page(InboxFilter(), 0, 1).rows[0].id
    rows.append(("open a request's detail", timed(lambda: sv.requests.dossier(some_id)),
                 timed(bare_sql(db, "SELECT * FROM request WHERE id = :i", {"i": some_id}))))
    db.dispose()
    print(f"\n{name}: {url}")
    print(f"{'action':<40}{'app ms':>9}{'SQL ms':>9}{'ratio':>7}")
    for action, app_ms, sql_ms in rows:
        print(f"{action:<40}{app_ms:>9.1f}{sql_ms:>9.1f}{app_ms / max(sql_ms, 0.01):>7.1f}")
    return rows


def main() -> int:
    """Run on SQLite (and PostgreSQL when given) and print the resident memory."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", default=str(OUT / "bench.sqlite3"))
    ap.add_argument("--pg", help="PostgreSQL URL of the database build_db.py filled")
    args = ap.parse_args()
    if Path(args.sqlite).exists():
        bench("SQLite", f"sqlite:///{args.sqlite}")
    else:
        print(f"no SQLite database at {args.sqlite}; run benchmarks/build_db.py first")
    if args.pg:
        bench("PostgreSQL", args.pg)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process with the inbox model open: {rss:.0f} MB "
          "(target <= 300 MB)")
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit (it can crash after a long run)


if __name__ == "__main__":
    sys.exit(main())
