"""The `db backup` and `db restore` verbs, and what the command line says about a damaged file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from app.errors import DatabaseDamaged, PolError

YES = {"y", "yes", "بله", "ب", "آری"}


def add_verbs(db_sub: argparse._SubParsersAction) -> None:
    """Register `db backup [--out FILE]` and `db restore FILE`."""
    b = db_sub.add_parser("backup", help="back up the database (SQLite: checked copy; "
                                         "PostgreSQL: pg_dump -Fc)")
    b.add_argument("--out", metavar="FILE", help="the backup file (default: the backup folder)")
    r = db_sub.add_parser("restore", help="replace the SQLite database with a backup "
                                          "(asks for confirmation; reads y from stdin)")
    r.add_argument("file", metavar="FILE")


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for a server."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database)
    return None


def cmd_backup(args: argparse.Namespace, url: str) -> int:
    """Write a backup (integrity-checked first on SQLite) and print where it went."""
    from app.models.database import Database
    from app.services.core.backup import backup_database

    db = Database(url)
    try:
        out = backup_database(db, Path(args.out) if args.out else None)
    finally:
        db.dispose()
    print(f"نسخهٔ پشتیبان نوشته شد: \u2066{out}\u2069")
    return 0


def _confirm(question: str) -> bool:
    """Ask on the terminal, or read one line (`y`) from standard input when it is a pipe."""
    print(question + " (y/n) ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in YES


def cmd_restore(args: argparse.Namespace, url: str) -> int:
    """Replace the SQLite file with a backup after confirmation; keep the old file aside."""
    from app.services.core.backup import PG_RESTORE_ADVICE, restore_sqlite

    target = _sqlite_path(url)
    if target is None:
        raise PolError(PG_RESTORE_ADVICE)
    backup = Path(args.file)
    if not backup.is_file():
        raise PolError(f"فایل پشتیبان \u2066{backup}\u2069 پیدا نشد.")
    if not _confirm(f"پایگاه دادهٔ \u2066{target}\u2069 با پشتیبان \u2066{backup}\u2069 جایگزین "
                    "می‌شود و فایل کنونی کنار گذاشته می‌شود. ادامه می‌دهید؟"):
        print("بازگردانی انجام نشد.", file=sys.stderr)
        return 1
    aside = restore_sqlite(backup, target)
    print(f"پایگاه داده از \u2066{backup}\u2069 بازگردانده شد.")
    if aside is not None:
        print(f"فایل پیشین کنار گذاشته شد: \u2066{aside}\u2069")
    return 0


def damaged_hint(url: str) -> str:
    """For a damaged local file: the latest backup and the command that restores it."""
    from app.services.core.backup import restore_hint

    path = _sqlite_path(url)
    return restore_hint(path, url) if path is not None else ""


def diagnose(url: str, exc: BaseException) -> PolError:
    """The Persian error for an unexpected failure: a damaged file if the file is damaged."""
    from app.models.database import check_sqlite_file

    path = _sqlite_path(url)
    if path is not None:
        try:
            check_sqlite_file(path, full=True)
        except PolError as found:
            return found
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    where = f" هنگام کار با پایگاه دادهٔ \u2066{path}\u2069" if path is not None else ""
    advice = ("اگر این خطا تکرار شد، شاید داده‌های این فایل خراب شده باشد؛ آن را از آخرین "
              "پشتیبان بازگردانید و " if path is not None else "")
    err = PolError(f"خطای پیش‌بینی‌نشده{where} رخ داد ({type(exc).__name__}: {first}). "
                   f"{advice}این پیام را به پشتیبانی فنی بدهید.")
    err.offer_backup = path is not None  # type: ignore[attr-defined]
    return err


def print_error(exc: PolError, url: str) -> None:
    """Print a Persian error to stderr; for a damaged file add where the backup is."""
    print(exc.message, file=sys.stderr)
    if isinstance(exc, DatabaseDamaged) or getattr(exc, "offer_backup", False):
        hint = damaged_hint(url)
        if hint:
            print(hint, file=sys.stderr)
