"""Batch intake benchmark (issue 14 §1): saving a grid row and showing the next, ≤ 30 ms.

    python benchmarks/batch_intake_bench.py --sqlite FILE.sqlite3 [--pg URL] [--rows 200]

Opens each database built by benchmarks/build_db.py (Database.open applies migration 0019e),
creates an event, then types `--rows` rows as the batch intake grid does: each row is the
service call the dialog's worker makes (BatchIntakeService.save_row: one transaction, tracking
code, citizen found or created, repeats refreshed) plus the grid model's update that shows the
code and the blank next row. Half the rows are new citizens, half come back. Prints the median
and 95th percentile in milliseconds, beside the bare SQL of one INSERT of a request row.
The databases gain the typed rows (a copy is advised). Every row carries the same mobile, so
the bench's citizens make one growing "person" for the repeat findings: a pessimistic case.

Measured 2026-12-01 03:55 UTC at 1,000,000 requests (build_db.py: 100,000 x 10, SQLite and
PostgreSQL), 200 rows, a quiet machine (load 1; a 10M-step Python loop 0.27 s), median / p95:
    SQLite      5.9 /  8.6 ms (bare INSERT + commit 0.58 ms)
    PostgreSQL  9.3 / 14.4 ms (bare INSERT + commit 0.68 ms)
Each row writes its SMS message too. Run again on the same files the one "person" grows by 200
rows a run: 8.3 / 10.4 and 10.7 / 13.6 ms the second time, 11.5 / 14.2 and 16.4 / 20.6 the
third; PostgreSQL 5M 10.2 / 12.5 ms. At 100,000 on the slower machine of 2026-11-30: 16.4 / 24.8
and 24.8 / 30.9 ms; under load (average 5 to 12) medians were 90 to 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text  # noqa: E402

from app.models import Request  # noqa: E402
from app.models.database import Database  # noqa: E402
from app.models.enums import Channel, EventKind, Role  # noqa: E402
from app.services.core import jalali  # noqa: E402
from app.services.core.context import SYSTEM  # noqa: E402
from app.services.core.persian import national_id_check_digit  # noqa: E402
from app.services.core.users import actor_of  # noqa: E402
from app.services.events.dto import BatchRow, EventInput  # noqa: E402
from app.services.registry import Services  # noqa: E402

TARGET_MS = 30


def _nid(i: int) -> str:
    first = f"{700000000 + i:09d}"
    return first + national_id_check_digit(first)


def bench(url: str, rows: int) -> tuple[int, float, float, float, float]:
    """(requests before, median ms, p95 ms, bare INSERT median ms, median CPU ms of this
    process) on one database."""
    from PySide6.QtWidgets import QApplication

    from app.views.inbox.batch_grid_model import COL_SUBJECT, BatchGridModel

    _app = QApplication.instance() or QApplication([])
    db = Database(url)
    db.open()
    services = Services.for_database(db)
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(Request)) or 0
    stamp = time.strftime("%H%M%S")
    actor = actor_of(services.users.add(SYSTEM, f"bench{stamp}", "secret-1", Role.OPERATOR,
                                        "میز سنجش"))
    today = jalali.tehran_today()
    event = services.events.create(actor, EventInput(f"سفر سنجش {stamp}", EventKind.TRIP, today,
                                                     today + timedelta(days=1)))
    model = BatchGridModel()
    counties = services.intake.county_names()
    samples: list[float] = []
    cpus: list[float] = []  # this process's CPU time: less swayed by a busy machine
    for i in range(rows + 5):
        r = len(model.rows) - 1
        nid = _nid((int(stamp) * 1000 + (i if i % 2 else i // 2)) % 290_000_000)  # half return
        row = BatchRow(national_id=nid, first_name="علی", last_name="رضایی",
                       mobile="09121234567", county=counties[i % len(counties)],
                       agency="", subject=f"درخواست شمارهٔ {i} سفر")
        for col, value in enumerate((row.national_id, row.first_name, row.last_name,
                                     row.mobile, row.county, row.agency, row.subject)):
            model.setData(model.index(r, col), value)
        t, cpu = time.perf_counter(), time.process_time()
        saved = services.intake.save_row(actor, model.rows[r].data, event.id, Channel.TRIP)
        model.set_state(r, saving=False, request_id=saved.request_id,
                        tracking_code=saved.tracking_code)
        _ = model.data(model.index(r + 1, COL_SUBJECT))  # the next, blank row is there
        if i >= 5:  # warm-ups
            samples.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    bare = []
    with db.engine.connect() as c:
        rid = c.execute(text("SELECT max(id) FROM request")).scalar_one() + 1_000_000
        c.commit()
        for i in range(rows):
            t = time.perf_counter()
            with c.begin():
                c.execute(text(
                    "INSERT INTO request (id, tracking_code, channel, type, subject, body, "
                    "received_at, status, priority, deep_rooted, answer_text, actions_taken, "
                    "search_key, created_at, version) VALUES (:id, :code, 'trip', 'request', "
                    "'x', '', :now, 'new', 'normal', false, '', '', '', :now, 1)"),
                    {"id": rid + i, "code": f"B{stamp}{i:06d}", "now": jalali.utc_now()})
            bare.append((time.perf_counter() - t) * 1000)
        with c.begin():  # leave no trace of the bare rows
            c.execute(text("DELETE FROM request WHERE id >= :lo"), {"lo": rid})
    db.dispose()
    samples.sort()
    return (before, statistics.median(samples), samples[int(len(samples) * 0.95) - 1],
            statistics.median(bare), statistics.median(cpus))


def main() -> int:
    """Measure on each database given and print a table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite")
    ap.add_argument("--pg")
    ap.add_argument("--rows", type=int, default=200)
    args = ap.parse_args()
    print(f"{'backend':<12}{'requests':>10}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>8}"
          f"{'bare ms':>9}{'ratio':>7}  target ≤ {TARGET_MS} ms")
    for name, url in (("SQLite", f"sqlite:///{args.sqlite}" if args.sqlite else None),
                      ("PostgreSQL", args.pg)):
        if url:
            n, med, p95, bare, cpu = bench(url, args.rows)
            print(f"{name:<12}{n:>10}{med:>11.1f}{p95:>9.1f}{cpu:>8.1f}{bare:>9.2f}"
                  f"{med / bare:>7.1f}  {'ok' if med <= TARGET_MS else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
