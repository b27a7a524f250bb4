"""Inbox benchmark on the 1,000,000-request database built by build_db.py.

    python benchmarks/inbox_bench.py [--sqlite benchmarks/out/bench.sqlite3]
                                     [--pg postgresql+psycopg://postgres@127.0.0.1/pol_bench]

For each user action it measures, 20 times, the time from the action to the table model holding
the new rows (the model's real fetch path, run synchronously here), and beside it the time of the
bare SQL query for the same page. Also the resident memory with the inbox open.
Targets (issue 4): each median <= 100 ms; resident memory <= 300 MB.

Then the search kinds of issue 12 (a rare number, a medium and a common word, two words, a
two-letter word, a tracking code, a national ID, a word found nowhere): the first page as the
model fetches it (with_total=False) and, separately, the count the model asks for afterwards
(InboxService.count), each as median and p95 of 20 runs beside the bare SQL the engine needs
for the same answer. Targets (issue 12): first page <= 20 ms at 1,000,000 requests on SQLite
and PostgreSQL, < 50 ms at 5,000,000 on PostgreSQL.

    python benchmarks/inbox_bench.py --search-only --pg postgresql+psycopg://…/pol_bench_5m

Measured 2026-12-01 03:54-03:56 UTC on a quiet 2-core machine (load 1; a 10M-step Python loop
0.27 s, where the machine of the figures before took 1.05 s), --pages-only, first page (200
rows, as the model fetches it) median / p95 ms [bare SQL median], ratio. Bare SQL: the plain
`LIKE … ORDER BY received_at DESC LIMIT 200` as the planner runs it; a whole code, its
column's lookup. Databases by build_db.py: 100,000 demo requests, x 10 (1M), that x 5 (5M),
each copy's rows received up to a day earlier than their originals.

                        SQLite 1M                 PostgreSQL 1M             PostgreSQL 5M
    rare number          7.4 / 10.3 [4.2] 1.7    14.4 / 15.2 [ 3.7] 3.8    17.4 / 19.7 [  7.3] 2.4
    medium «لوله‌کشی»     6.8 / 10.3 [1.3] 5.1    15.0 / 19.3 [17.8] 0.8    12.7 / 17.6 [246.2] 0.1
    common «پیگیری»       7.3 /  7.7 [1.6] 4.6     8.7 /  9.6 [ 1.2] 7.0     6.8 /  8.1 [  1.2] 5.9
    two words «قطع آب»    8.4 /  9.2 [2.0] 4.3    11.4 / 13.0 [16.3] 0.7    14.4 / 15.1 [ 21.2] 0.7
    2-letter «آب»         5.8 /  7.1 [2.3] 2.5     9.1 / 10.5 [ 2.5] 3.6     6.8 /  7.6 [  1.6] 4.2
    tracking code         0.9 /  1.0 [0.1]         2.0 /  2.5 [ 0.6]         1.9 /  3.1 [  0.6]
    national ID           1.2 /  1.4 [0.1]         2.5 /  3.0 [ 0.7]         4.2 /  5.3 [  0.8]
    no match «کوچه»       0.8 /  0.9 [0.2]         3.3 /  4.0 [ 0.7]         3.6 /  4.2 [  0.7]

Issue 12's targets (<= 20 ms at 1M on both, < 50 ms at 5M) are met. After a surge (410 rows of
one batch text typed on top by batch_intake_bench.py) every median stays <= 15 ms at 1M (SQLite
<= 7) and <= 18.5 ms at 5M: when the newest 600 rows hold part of a page, up to 2,400 are checked
(«پیگیری» at 5M: 16.6 ms, 26.4 by the days). With 610 such rows the newest 600 hold none of a
word, and PostgreSQL first asks whether it is rare (a scan of a trigram's postings): «قطع آب»
35 ms at 1M and 40 ms at 5M, «لوله‌کشی» 27-37 ms at 1M. In a real surge the letters' texts differ.
The counts follow separately (SQLite: 0.5 ms to 1.9 s for «پیگیری»; PostgreSQL up to 4.2 s).

Registration with the repeat check (issue 13 §1), `--register`: 60 interleaved runs each,
median / p95 ms, measured 2026-11-30 16:42 UTC (load average 1.0-1.7; SQLite 1M built by
build_db.py, PostgreSQL the 1M database zb_1m), each new request a follow-up of one of its
citizen's requests (3.5-4.5 candidates found per registration):

                              SQLite 1M        PostgreSQL 1M
    register alone           10.7 / 14.5       17.6 / 30.9
    check (candidates)        2.3 /  3.3        4.8 / 17.1
    check + register         12.0 / 14.0       22.1 / 37.6
    ratio to register alone   1.13              1.26

Target (<= 50 ms at 1,000,000 requests) met on both. The check is two statements (the
person's newest requests and any with the same SAMAD code in one, both settings in one) and
the measure in Python over at most 200 rows. On the loaded machine earlier the same run gave
PostgreSQL 31.9 / 36.6 ms (alone / with check).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, text  # noqa: E402

from app.models.database import Database  # noqa: E402
from app.models.enums import Channel, RequestStatus  # noqa: E402
from app.services.core import jalali, persian  # noqa: E402
from app.services.registry import Services  # noqa: E402
from app.services.requests import search, tracking  # noqa: E402
from app.services.requests.dto import InboxFilter  # noqa: E402
from benchmarks import timing  # noqa: E402

RUNS = 20
REGISTER_RUNS = 60  # registrations per kind (each adds a request)
PAGES_ONLY = False  # --pages-only: skip the counts (seconds each at 5,000,000 requests)
OUT = Path(__file__).resolve().parent / "out"


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median milliseconds of `runs` calls (after one warm-up)."""
    return timing.timed(fn, runs, warmups=1)


def stats(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median and 95th percentile milliseconds of `runs` calls (after one warm-up)."""
    samples: list[float] = []

    def recorded() -> None:
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)

    timing.timed(recorded, runs, warmups=1)
    samples = sorted(samples[1:])  # the warm-up's own sample is left out
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * len(samples)))]


def search_kinds(db: Database) -> list[tuple[str, str]]:
    """(label, query) of each kind of search, the codes taken from the data."""
    with db.engine.connect() as c:
        code, nid = c.execute(text(
            "SELECT r.tracking_code, z.national_id FROM request r JOIN citizen z "
            "ON z.id = r.citizen_id ORDER BY r.id LIMIT 1 OFFSET 777")).one()
    return [("rare number «48291»", "48291"), ("medium word «لوله‌کشی»", "لوله‌کشی"),
            ("common word «پیگیری»", "پیگیری"), ("two words «قطع آب»", "قطع آب"),
            ("2-letter word «آب»", "آب"), ("tracking code", code), ("national ID", nid),
            ("no match «کوچه»", "کوچه")]


def bare_search(db: Database, query: str) -> tuple[str, str, dict]:
    """The bare SQL of a search's first page and of its count (the engine's best statement)."""
    words = persian.search_terms(query)
    params: dict = {f"w{i}": w for i, w in enumerate(words)}
    if len(words) == 1 and search.is_code(words[0]):
        # A whole code is answered by its column (search.code_condition), not by its text.
        column = ("r.tracking_code = :w0" if tracking.is_valid_tracking_code(words[0]) else
                  "r.citizen_id IN (SELECT z.id FROM citizen z WHERE z.national_id = :w0)")
        page = (f"SELECT r.id, r.tracking_code, r.received_at, r.status FROM request r "
                f"WHERE {column} ORDER BY r.received_at DESC, r.id DESC LIMIT 200")
        return page, f"SELECT count(*) FROM request r WHERE {column}", params
    if db.is_sqlite:
        checks = " AND ".join(f"instr(r.search_key, :w{i}) > 0" for i in range(len(words)))
        match = search.match_query(words)
        if match is None:  # no trigram: the received-order index, each key checked
            page = (f"SELECT r.id, r.tracking_code, r.received_at, r.status FROM request r "
                    f"WHERE {checks} ORDER BY r.received_at DESC, r.id DESC LIMIT 200")
            return page, f"SELECT count(*) FROM request r WHERE {checks}", params
        params["q"] = match
        join = (f"FROM request_search f JOIN request r ON r.id = (f.rowid & {search.ID_MASK}) "
                f"WHERE f.request_search MATCH :q AND {checks}")
        page = (f"SELECT r.id, r.tracking_code, r.received_at, r.status {join} "
                "ORDER BY f.rowid DESC LIMIT 200")
        return page, f"SELECT count(*) {join}", params
    likes = " AND ".join(f"search_key LIKE :w{i}" for i in range(len(words)))
    params = {k: search.like(v) for k, v in params.items()}
    page = (f"SELECT id, tracking_code, received_at, status FROM request WHERE {likes} "
            "ORDER BY received_at DESC, id DESC LIMIT 200")
    return page, f"SELECT count(*) FROM request WHERE {likes}", params


def bench_search(name: str, db: Database, inbox: object) -> None:
    """First page and count of each kind of search, app beside bare SQL (median, p95)."""
    from app.views.table_models.inbox_model import PAGE_SIZE

    with db.engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM request")).scalar()
    print(f"\n{name}: search, {n:,} requests (median / p95 of {RUNS} runs, ms)")
    print(f"{'query':<28}{'matches':>9} | {'first page':>12}{'bare':>12}{'ratio':>6} | "
          f"{'count':>14}{'bare':>14}{'ratio':>6}")
    for label, query in search_kinds(db):
        f = InboxFilter(text=query)
        page_sql, count_sql, params = bare_search(db, query)
        first = stats(lambda f=f: inbox.page(f, 0, PAGE_SIZE, with_total=False))  # type: ignore[attr-defined]
        first_sql = stats(bare_sql(db, page_sql, params))
        if PAGES_ONLY:
            count = count_sql_t = (0.0, 0.0)
            matches = -1
        else:
            runs = 5 if n > 2_000_000 else RUNS
            count = stats(lambda f=f: inbox.count(f), runs)  # type: ignore[attr-defined]
            count_sql_t = stats(bare_sql(db, count_sql, params), runs)
            matches = inbox.count(f)  # type: ignore[attr-defined]
        print(f"{label:<28}{matches:>9} | {first[0]:>5.1f} /{first[1]:>5.1f}"
              f"{first_sql[0]:>6.1f} /{first_sql[1]:>5.1f}{first[0] / max(first_sql[0], .01):>6.1f}"
              f" | {count[0]:>6.1f} /{count[1]:>6.1f}{count_sql_t[0]:>7.1f} /{count_sql_t[1]:>6.1f}"
              f"{count[0] / max(count_sql_t[0], .01):>6.1f}")
    sys.stdout.flush()


def bare_sql(db: Database, sql: str, params: dict | None = None) -> Callable[[], object]:
    """A function running one SQL statement and fetching every row."""
    def run() -> object:
        with db.engine.connect() as c:
            return c.execute(text(sql), params or {}).all()
    return run


def bench(name: str, url: str, search_only: bool = False) -> list[tuple[str, float, float]]:
    """Measure every action on one backend: (action, app ms, bare SQL ms)."""
    from PySide6.QtWidgets import QApplication

    from app.views.table_models.inbox_model import PAGE_SIZE, InboxTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841
    db = Database(url)
    db.open()
    sv = Services.for_database(db)
    inbox = sv.inbox
    bench_search(name, db, inbox)
    if search_only:
        db.dispose()
        return []
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


def bench_register(name: str, url: str) -> None:
    """Registration with the repeat check (issue 13 §1) beside registration alone.

    The citizens are ones with requests on file (every 50,000th request's citizen), and each
    new request is a follow-up of one of theirs («پیگیری» + its subject), so the check finds
    and scores candidates as it would at the desk. «with check» is what the intake form costs:
    RepeatService.candidates (citizen rows by national ID and mobile, their newest requests,
    the measure in Python) then RequestService.register. Target: <= 50 ms at 1,000,000.
    Each run adds one request to the database.
    """
    from sqlalchemy import select

    from app.models import Citizen, Request
    from app.services.core.context import SYSTEM
    from app.services.requests.dto import CitizenInput, NewRequest

    db = Database(url)
    db.open()
    sv = Services.for_database(db)
    with db.read() as s:
        top = s.scalar(select(Request.id).order_by(Request.id.desc()).limit(1)) or 0
        picks = s.execute(
            select(Request.subject, Request.channel, Request.county_id, Citizen.national_id,
                   Citizen.mobile, Citizen.first_name, Citizen.last_name)
            .join(Citizen, Citizen.id == Request.citizen_id)
            .where(Request.id.in_(range(1, top + 1, max(1, top // 20))))).all()
    samples = [NewRequest(channel=Channel.PHONE, type="complaint", subject=f"پیگیری {p[0]}",
                          body="درخواست قبلی هنوز نتیجه‌ای نداشته است.", county_id=p[2],
                          citizen=CitizenInput(national_id=p[3] or "", mobile=p[4] or "",
                                               first_name=p[5], last_name=p[6]))
               for p in picks if p[3]]
    found: list[int] = []
    times: dict[str, list[float]] = {"plain": [], "check": [], "both": []}

    def clocked(key: str, fn: Callable[[], object]) -> None:
        t = time.perf_counter()
        fn()
        times[key].append((time.perf_counter() - t) * 1000)

    def both(data: NewRequest) -> None:
        found.append(len(sv.repeats.candidates(data)))
        sv.requests.register(SYSTEM, data)

    # Interleaved, so a shared machine's changing load weighs on the three alike; the first
    # round warms up and is left out.
    for i in range(REGISTER_RUNS + 1):
        data = samples[i % len(samples)]
        clocked("plain", lambda d=data: sv.requests.register(SYSTEM, d))
        clocked("check", lambda d=data: sv.repeats.candidates(d))
        clocked("both", lambda d=data: both(d))

    def med_p95(key: str) -> tuple[float, float]:
        xs = sorted(times[key][1:])
        return statistics.median(xs), xs[min(len(xs) - 1, round(0.95 * len(xs)))]

    (plain_ms, plain_p95), (cand_ms, cand_p95), (check_ms, check_p95) = (
        med_p95("plain"), med_p95("check"), med_p95("both"))
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(Request)) or 0
    print(f"\n{name}: registration with the repeat check ({total:,} requests; median / p95 ms)")
    print(f"  register alone          {plain_ms:6.1f} / {plain_p95:6.1f}")
    print(f"  check (candidates)      {cand_ms:6.1f} / {cand_p95:6.1f}")
    print(f"  check + register        {check_ms:6.1f} / {check_p95:6.1f}   "
          f"ratio to register alone {check_ms / plain_ms:.2f}   "
          f"(candidates found per registration: {statistics.mean(found):.1f}; target <= 50 ms)")
    db.dispose()


def main() -> int:
    """Run on SQLite (and PostgreSQL when given) and print the resident memory."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", default=str(OUT / "bench.sqlite3"))
    ap.add_argument("--pg", help="PostgreSQL URL of the database build_db.py filled")
    ap.add_argument("--no-sqlite", action="store_true", help="measure PostgreSQL only")
    ap.add_argument("--search-only", action="store_true", help="only the searches (issue 12)")
    ap.add_argument("--pages-only", action="store_true", help="searches: first pages, no counts")
    ap.add_argument("--register", action="store_true",
                    help="only registration with and without the repeat check (issue 13)")
    args = ap.parse_args()
    if args.register:
        if not args.no_sqlite and Path(args.sqlite).exists():
            bench_register("SQLite", f"sqlite:///{args.sqlite}")
        if args.pg:
            bench_register("PostgreSQL", args.pg)
        return 0
    global PAGES_ONLY
    PAGES_ONLY = args.pages_only
    if args.no_sqlite:
        pass
    elif Path(args.sqlite).exists():
        bench("SQLite", f"sqlite:///{args.sqlite}", args.search_only)
    else:
        print(f"no SQLite database at {args.sqlite}; run benchmarks/build_db.py first")
    if args.pg:
        bench("PostgreSQL", args.pg, args.search_only)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process with the inbox model open: {rss:.0f} MB "
          "(target <= 300 MB)")
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit (it can crash after a long run)


if __name__ == "__main__":
    sys.exit(main())
