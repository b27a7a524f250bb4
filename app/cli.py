"""The command line: open the GUI, fill demo data, migrate, manage users, print reports."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app import __version__, cli_audit, cli_backup, cli_samad, cli_users
from app.config import resolve_database_url
from app.errors import PolError

DEFAULT_DEMO_REQUESTS = 10_000


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb."""
    p = argparse.ArgumentParser(prog="pol", description="Pol (پل): درخواست‌های مردمی استانداری")
    p.add_argument("--version", action="version", version=f"Pol {__version__}")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL (sqlite:///… or postgresql+psycopg://…)")
    p.add_argument("--demo", action="store_true", help="open the separate demo database")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the window (the default)")

    demo = sub.add_parser("demo", help="fill the database with realistic demo data")
    demo.add_argument("--requests", type=int, default=DEFAULT_DEMO_REQUESTS)
    demo.add_argument("--seed", type=int, default=1405)
    demo.add_argument("--today", help="pretend today is this Gregorian date (YYYY-MM-DD)")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    cli_users.add_upgrade_options(
        db_sub.add_parser("upgrade", help="migrate the schema to this version of Pol"))
    db_sub.add_parser("status", help="show the schema state")
    cli_backup.add_verbs(db_sub)

    cli_users.add_verbs(sub)

    report = sub.add_parser("report", help="print reports")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    q = report_sub.add_parser("quarterly", help="the quarterly report as PDF (and .xlsx)")
    q.add_argument("--year", type=int, help="Jalali year (default: the last finished quarter)")
    q.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
    q.add_argument("--out", required=True, help="output file (.pdf or .xlsx)")
    q.add_argument("--number", default="", help="report number printed in the header")

    imp = sub.add_parser("import", help="import requests from another system")
    imp_sub = imp.add_subparsers(dest="import_command", required=True)
    samad = imp_sub.add_parser("samad", help="a SAMAD export (.csv or tab-separated .txt in "
                               "UTF-8, UTF-16 or Windows-1256; .xlsx)")
    samad.add_argument("file", metavar="FILE")
    samad.add_argument("--json", action="store_true", help="print the summary as JSON")
    samad.add_argument("--map", action="append", default=[], metavar="HEADER=field",
                       help="read the column HEADER as field (samad_code, received_at, type, "
                            "channel, first_name, last_name, national_id, mobile, county, agency, "
                            "subject, body; empty to ignore the column); repeatable")
    cli_audit.add_verbs(sub)
    cli_samad.add_verbs(sub)
    return p


def _open(url: str):  # noqa: ANN202 - returns Services; imported lazily to keep --help fast
    """Open (create or migrate) a database and build its services."""
    from app.models.database import Database
    from app.services.core.reference import prepare_database
    from app.services.registry import Services

    db = Database(url)
    prepare_database(db)
    return Services.for_database(db)


def cmd_demo(args: argparse.Namespace, url: str) -> int:
    """Fill a database with demo data and print how long it took."""
    from datetime import date

    from app.demo.generator import DemoGenerator

    sv = _open(url)
    today = date.fromisoformat(args.today) if args.today else None
    t = time.perf_counter()
    last = [-1]

    def progress(pct: int, msg: str) -> None:
        if pct // 10 != last[0]:
            last[0] = pct // 10
            print(f"{pct:3d}%  {msg}", file=sys.stderr)

    result = DemoGenerator(sv.db, seed=args.seed, today=today, progress=progress).run(args.requests)
    took = time.perf_counter() - t
    print(f"{result.requests} requests, {result.citizens} citizens, {result.referrals} referrals, "
          f"{result.meetings} meetings in {took:.1f} s ({sv.db.describe()})")
    return 0


def cmd_db(args: argparse.Namespace, url: str) -> int:
    """Migrate or describe the schema."""
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    if args.db_command == "backup":
        return cli_backup.cmd_backup(args, url)
    if args.db_command == "restore":
        return cli_backup.cmd_restore(args, url)
    if args.db_command == "status":
        print(Database(url).schema_state().value)
        return 0
    db = cli_users.upgrade_database(args, url)
    state = prepare_database(db)
    print(f"schema was {state.value}; now at head ({db.describe()})")
    return 0


def cmd_report(args: argparse.Namespace, url: str) -> int:
    """Write the quarterly report as PDF or .xlsx."""
    from app.services.core import jalali
    from app.services.reports.service import write_quarterly_report

    sv = _open(url)
    # A report from a damaged file could print wrong figures: run the complete check first.
    sv.db.check(full=True)
    if args.year is None or args.quarter is None:
        year, quarter = jalali.last_finished_quarter(jalali.tehran_today())
        year, quarter = args.year or year, args.quarter or quarter
    else:
        year, quarter = args.year, args.quarter
    out = Path(args.out)
    timings = write_quarterly_report(sv.stats, year, quarter, out, number=args.number)
    print(json.dumps({"out": str(out), "year": year, "quarter": quarter,
                      "seconds": {k: round(v, 3) for k, v in timings.items()}}))
    return 0


def cmd_import(args: argparse.Namespace, url: str) -> int:
    """Import a SAMAD export; rejected rows are reported, not fatal (exit code 0)."""
    from app.services.core import persian
    from app.services.core.context import SYSTEM
    from app.services.requests.samad.importer import FIELD_LABELS, import_samad

    header_map: dict[str, str] = {}
    for item in args.map:
        header, sep, field = item.partition("=")
        if not sep or not header.strip():
            raise PolError(f"نگاشت ستون «{item}» باید به شکل «سرستون=فیلد» باشد.")
        header_map[header.strip()] = field.strip()
    sv = _open(url)
    result = import_samad(sv.db, SYSTEM, Path(args.file), header_map=header_map)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    fa = persian.to_persian_digits
    print(f"واردشده: {fa(result.imported)} درخواست")
    print(f"تکراری (پیش‌تر واردشده): {fa(result.duplicates)}")
    print(f"ردشده: {fa(len(result.rejected))}")
    for e in result.rejected:
        print(f"  ردیف {fa(e.row)} — {FIELD_LABELS.get(e.field, e.field)}: {e.message}")
    summary = result.to_json()
    if summary["unknown_headers"]:
        print("ستون‌های ناشناخته (نادیده گرفته شد): " + "، ".join(summary["unknown_headers"]))
    for dup in result.duplicate_headers:
        print(f"ستون {fa(dup.column)} «{dup.header}» هم‌معنی ستون «{dup.same_as}» است (نادیده گرفته شد؛ "
              "با --map می‌توانید آن را به جای دیگری بخوانید).")
    for warning in result.warnings:
        print(warning)
    for p in result.possible_repeats:  # shown for a person to decide; nothing is linked
        print(f"  ردیف {fa(p.row)} شاید تکرار درخواست {p.request} باشد (ثبت‌شده با کد {p.new_code}).")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    url = resolve_database_url(args.db, demo=args.demo)
    if args.command not in (None, "gui"):
        # The commands log to the same rotating file as the window (the window sets it up itself).
        from app.config import setup_logging

        setup_logging()
    try:
        if args.command == "demo":
            return cmd_demo(args, url)
        if args.command == "db":
            return cmd_db(args, url)
        if args.command == "users":
            return cli_users.cmd_users(args, _open(url))
        if args.command == "report":
            return cmd_report(args, url)
        if args.command == "import":
            return cmd_import(args, url)
        if args.command == "audit":
            return cli_audit.cmd_audit(args, url)
        if args.command == "samad":
            return cli_samad.cmd_samad(args, _open(url))
        # One window per user: asked before Pol's window code is imported (about 5 s on a busy
        # desk), so a second start brings the first window forward in under a second.
        from app.views.single_instance import claim_window

        instance = claim_window(args.demo)
        if instance is None:
            return 0
        from app.bootstrap import run_gui

        return run_gui(args.db, demo=args.demo, instance=instance)
    except PolError as exc:
        cli_backup.print_error(exc, url)
        if hasattr(exc, "errors"):
            for field, msg in exc.errors.items():  # type: ignore[attr-defined]
                print(f"  {field}: {msg}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user; name the cause
        cli_backup.print_error(cli_backup.diagnose(url, exc), url)
        return 3
