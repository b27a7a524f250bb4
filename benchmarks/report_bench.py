"""Quarterly report benchmark: a quarter of 250,000 requests, ~60,000 referrals, ~800 meetings.

    python benchmarks/report_bench.py [--pg postgresql+psycopg://postgres@127.0.0.1/pol_report]

Builds the quarter (1405 Q2) once per backend, then measures the report in a fresh process so the
peak memory is the report's own: time in queries, time rendering the PDF, peak resident memory.
Targets (issue 3): PDF in at most 10 s, peak memory at most 400 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 9, 23)  # 1405/07/01: the data fills 1405 Q2 and ends the day before


def build(url: str, requests: int) -> dict[str, float]:
    """Fill one database with a single quarter of heavy traffic."""
    from sqlalchemy import func, select

    from app.demo.generator import DemoGenerator
    from app.models import Meeting, Referral, Request
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    db = Database(url)
    prepare_database(db)
    t = time.perf_counter()
    DemoGenerator(db, seed=250, today=TODAY, managers=60, deep_share=0.24, quarters=1,
                  include_today=False).run(requests)
    took = time.perf_counter() - t
    with db.read() as s:
        counts = {name: s.scalar(select(func.count()).select_from(model)) or 0
                  for name, model in (("requests", Request), ("referrals", Referral),
                                      ("meetings", Meeting))}
    db.dispose()
    return {"build_seconds": took, **counts}


def measure(url: str, out: str) -> None:
    """Produce the report once (in this fresh process) and print timings as JSON."""
    from app.models.database import Database
    from app.services.registry import Services
    from app.services.reports.service import write_quarterly_report

    db = Database(url)
    db.open()
    stats = Services.for_database(db).stats
    t = time.perf_counter()
    timings = write_quarterly_report(stats, 1405, 2, Path(out))
    total = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"total": total, "peak_mb": peak_mb, **timings}))


def fresh_pg(url: str) -> str:
    """Drop and recreate the benchmark database named in the URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{u.database}"')
    return url


def main() -> int:
    """Build (unless --reuse) and measure on each backend; print a table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=250_000)
    ap.add_argument("--pg", help="PostgreSQL URL of a benchmark database (dropped and recreated)")
    ap.add_argument("--reuse", action="store_true", help="measure existing databases only")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--measure", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(*args.measure)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    sqlite_path = OUT / "report.sqlite3"
    targets = [("SQLite", f"sqlite:///{sqlite_path}")]
    if args.pg:
        targets.append(("PostgreSQL", args.pg))
    rows = []
    for name, url in targets:
        built: dict[str, float] = {}
        if not args.reuse:
            if name == "SQLite":
                for suffix in ("", "-wal", "-shm"):
                    Path(str(sqlite_path) + suffix).unlink(missing_ok=True)
            else:
                fresh_pg(url)
            print(f"building {name}…", file=sys.stderr)
            built = build(url, args.requests)
            print(f"  {built}", file=sys.stderr)
        runs = []
        for _ in range(args.runs):
            res = subprocess.run([sys.executable, __file__, "--measure", url,
                                  str(OUT / f"report-{name}.pdf")],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
        best = min(runs, key=lambda r: r["total"])
        rows.append((name, built, best))
    print(f"\n{'backend':<11}{'requests':>9}{'referrals':>10}{'meetings':>9}"
          f"{'queries s':>11}{'render s':>10}{'total s':>9}{'peak MB':>9}")
    for name, built, r in rows:
        print(f"{name:<11}{int(built.get('requests', 0)):>9}{int(built.get('referrals', 0)):>10}"
              f"{int(built.get('meetings', 0)):>9}{r['queries']:>11.2f}{r['render']:>10.2f}"
              f"{r['total']:>9.2f}{r['peak_mb']:>9.0f}")
    print("\ntargets: total <= 10 s, peak <= 400 MB (best of "
          f"{args.runs} runs, each in a fresh process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
