"""SAMAD import benchmark: rows per second and peak memory, against a bare executemany.

    python benchmarks/import_bench.py --rows 100000 [--xlsx] [--pg postgresql+psycopg://postgres@127.0.0.1/pol_import_bench]
    [--tracemalloc]

Builds a SAMAD CSV (and with --xlsx an XLSX) of N rows in benchmarks/out/, imports each into a
fresh database (a new SQLite file; with --pg, the named PostgreSQL database dropped and
recreated), and beside it times a bare `executemany` of the same request rows into the same
table of another fresh database (ratio = import time / bare time). Wall and CPU seconds are
both printed: on a shared machine the CPU time is the steadier figure. Each measurement runs in its own process, so the peak resident
memory (getrusage ru_maxrss) belongs to that measurement alone; --tracemalloc also reports the
peak of Python allocations (slower). Targets (issue 9): 200,000 rows in at most 300 MB, and
100,000 rows in at most 30 s on SQLite.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"
HEADERS = ["کد رهگیری", "تاریخ ثبت", "نوع", "مجرا", "نام", "نام خانوادگی", "کد ملی",
           "تلفن همراه", "شهرستان", "دستگاه", "موضوع", "متن"]
FIRST = ["زهرا", "علی", "مریم", "رضا", "فاطمه", "حسین", "سارا", "محمد", "لیلا", "امیر"]
LAST = ["احمدی", "کریمی", "رضایی", "حسینی", "صادقی", "نوری", "محمدی", "جعفری", "موسوی"]
COUNTIES = ["تبریز", "مراغه", "مرند", "اهر", "میانه", "اسکو", "شهرستان بناب", "سراب"]
AGENCIES = ["شرکت آب و فاضلاب", "شرکت گاز", "شهرداری تبریز", "شرکت توزیع نیروی برق", "کمیته امداد امام خمینی (ره)"]
KINDS = ["شکایت", "درخواست", "پیشنهاد", "انتقاد", ""]
SUBJECTS = ["قطعی مکرر آب آشامیدنی", "آسفالت کوچه خراب است", "روشنایی معابر خاموش است",
            "گازرسانی به روستا", "کندی پاسخگویی اداره", "صف طولانی نانوایی"]
BODY = "شهروند گزارش می‌دهد که مشکل از هفتهٔ گذشته ادامه دارد و تاکنون پاسخی دریافت نکرده است."


def _nid(n: int) -> str:
    """A valid national ID built from a number."""
    from app.services.core.persian import national_id_check_digit

    first = f"{n % 1_000_000_000:09d}"
    return first + national_id_check_digit(first)


def _rows(n: int, seed: int = 1405):  # noqa: ANN202 - a generator of lists
    """N realistic SAMAD rows (some citizens repeat), dated over the last two years."""
    from app.services.core import jalali

    rnd = random.Random(seed)
    start = datetime(2024, 6, 1)
    for i in range(n):
        when = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 700))
        y, m, d = jalali.to_jalali(when.date())
        person = rnd.randrange(n // 2 + 1)  # about half the rows share a citizen
        yield [str(1_000_000 + i), f"{y}/{m:02d}/{d:02d} {when:%H:%M}", rnd.choice(KINDS),
               "سامانه سامد", FIRST[person % len(FIRST)], LAST[person % len(LAST)],
               _nid(100_000_000 + person) if person % 5 else "",
               f"0912{person % 10_000_000:07d}", rnd.choice(COUNTIES), rnd.choice(AGENCIES),
               rnd.choice(SUBJECTS), f"{BODY} پلاک {rnd.randrange(1, 400)}، کوچهٔ {i % 997}"]


def build_csv(path: Path, n: int) -> None:
    """Write the CSV as Excel would (UTF-8 with a BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(_rows(n))


def build_xlsx(path: Path, n: int) -> None:
    """Write the XLSX with openpyxl's streaming writer."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for r in _rows(n):
        ws.append(r)
    wb.save(path)


def fresh_db(url: str | None, tag: str) -> str:
    """A new empty database (SQLite file in OUT, or the PG database recreated); its URL."""
    if url is None:
        path = OUT / f"import-{tag}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{u.database}"')
    return url


def _cpu() -> float:
    """CPU seconds of this process (user + system): steadier than wall time on a busy machine."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# --- the two measurements (each in a child process) --------------------------------------------


def child_import(url: str, path: Path) -> dict[str, object]:
    """Import the file with the application's importer."""
    from app.models.database import Database
    from app.services.core.context import SYSTEM
    from app.services.core.reference import prepare_database
    from app.services.requests.samad.importer import import_samad

    db = Database(url)
    prepare_database(db)
    t, cpu = time.perf_counter(), _cpu()
    result = import_samad(db, SYSTEM, path)
    took, cpu = time.perf_counter() - t, _cpu() - cpu
    db.dispose()
    return {"seconds": took, "cpu": cpu, "imported": result.imported,
            "rejected": len(result.rejected)}


def child_bare(url: str, path: Path) -> dict[str, object]:
    """Insert the same request rows with one bare executemany in one transaction."""
    from sqlalchemy import insert

    from app.models import Request
    from app.models.database import Database
    from app.services.core import jalali
    from app.services.core.reference import prepare_database

    db = Database(url)
    prepare_database(db)
    now = jalali.utc_now()
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for i, r in enumerate(reader, 1):
            rows.append({
                "id": i, "version": 1, "tracking_code": f"B{i:012d}", "samad_code": r[0],
                "channel": "samad", "type": "request", "subject": r[10], "body": r[11],
                "citizen_id": None, "county_id": None, "agency_id": None,
                "received_at": jalali.parse_jalali_datetime(r[1]), "status": "new",
                "priority": "normal", "assignee_id": None, "deadline": None,
                "deep_rooted": False, "resolution": None, "answer_text": "",
                "answered_at": None, "closed_at": None, "satisfaction": None,
                "meeting_id": None, "actions_taken": "", "search_key": r[10] + " " + r[11],
                "created_at": now, "created_by": None})
    t, cpu = time.perf_counter(), _cpu()
    with db.engine.begin() as conn:
        conn.execute(insert(Request.__table__), rows)
    took, cpu = time.perf_counter() - t, _cpu() - cpu
    db.dispose()
    return {"seconds": took, "cpu": cpu, "imported": len(rows)}


def _child(argv: list[str]) -> int:
    """Entry of a measuring child: print one JSON line with the figures and the peak memory."""
    kind, url, path, trace = argv[0], argv[1], Path(argv[2]), argv[3] == "1"
    if trace:
        import tracemalloc

        tracemalloc.start()
    out = (child_import if kind == "import" else child_bare)(url, path)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:
        out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(out))
    return 0


def measure(kind: str, url: str, path: Path, trace: bool) -> dict[str, object]:
    """Run one measurement in a fresh process."""
    proc = subprocess.run([sys.executable, __file__, "_child", kind, url, str(path),
                           "1" if trace else "0"], capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"{kind} on {url} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    """Build the files, run every measurement, print a table."""
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        return _child(sys.argv[2:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--xlsx", action="store_true", help="also build and import an XLSX")
    ap.add_argument("--pg", help="PostgreSQL URL of a benchmark database (dropped and recreated)")
    ap.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    files = [OUT / f"samad-{args.rows}.csv"]
    if args.xlsx:
        files.append(OUT / f"samad-{args.rows}.xlsx")
    for f in files:
        if not f.exists():
            t = time.perf_counter()
            (build_csv if f.suffix == ".csv" else build_xlsx)(f, args.rows)
            print(f"built {f.name} ({f.stat().st_size / 2**20:.1f} MB) in "
                  f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    backends = ([] if args.no_sqlite else [("SQLite", None)]) + ([("PostgreSQL", args.pg)]
                                                                 if args.pg else [])
    print(f"{'backend':<11} {'file':<5} {'rows':>8} {'import s':>9} {'cpu s':>6} {'rows/s':>8} "
          f"{'peak MB':>8} {'bare s':>7} {'cpu s':>6} {'bare MB':>8} {'ratio':>6}")
    for name, url in backends:
        bare = measure("bare", fresh_db(url, "bare"), files[0], args.tracemalloc)
        for f in files:
            got = measure("import", fresh_db(url, "app"), f, args.tracemalloc)
            secs, n = float(got["seconds"]), int(got["imported"])
            extra = f"  traced {got['traced_peak_mb']:.0f} MB" if "traced_peak_mb" in got else ""
            print(f"{name:<11} {f.suffix[1:]:<5} {n:>8} {secs:>9.1f} {got['cpu']:>6.1f} "
                  f"{n / secs:>8.0f} {got['peak_rss_mb']:>8.0f} {bare['seconds']:>7.1f} "
                  f"{bare['cpu']:>6.1f} {bare['peak_rss_mb']:>8.0f} "
                  f"{secs / float(bare['seconds']):>6.1f}{extra}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
