"""Backups: online copies of the local SQLite file (SQLite's backup API, safe while Pol runs),
each checked and rotated; pg_dump for a PostgreSQL server; restoring a SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from app.config import data_dir, sqlite_url
from app.errors import BackupError, DatabaseDamaged, PolError
from app.models.database import Database, SchemaState, check_sqlite_file
from app.services.core import jalali
from app.services.core import messages as msg

KEEP = 14  # backups kept per database file
MAX_AGE = timedelta(days=1)  # an automatic backup is taken when the latest is older
SETTINGS_FILE = "backup.json"
STAMP = "%Y%m%d-%H%M%S"  # UTC, in the file name, so names sort by time
PG_DUMP_TIMEOUT_S = 3600
PG_SERVER_ADVICE = msg.PG_SERVER_ADVICE
PG_RESTORE_ADVICE = msg.PG_RESTORE_ADVICE


# --- where backups go ---------------------------------------------------------------------

def _settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def default_backup_folder() -> Path:
    """The backup folder when the office has not chosen one: under the user data folder."""
    return data_dir() / "backups"


def backup_folder() -> Path:
    """The folder the office chose for backups (a local folder or a network share)."""
    try:
        folder = json.loads(_settings_path().read_text(encoding="utf-8")).get("folder", "")
    except (OSError, ValueError, AttributeError):
        folder = ""
    return Path(folder) if folder else default_backup_folder()


def set_backup_folder(folder: str | Path | None) -> None:
    """Remember the backup folder (empty or None: the default). It is kept outside the database,
    so a damaged database can still be restored from it."""
    path = _settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"folder": str(folder or "")}, ensure_ascii=False),
                    encoding="utf-8")


# --- the list of backups ------------------------------------------------------------------

def _time_of(path: Path, stem: str) -> datetime | None:
    """The UTC time in a backup's name, or None when the name is not one of ours."""
    rest = path.name[len(stem) + 1:].split(".", 1)[0]
    try:
        return datetime.strptime(rest[:15], STAMP)
    except ValueError:
        return None


def backups_of(db_path: Path, folder: Path | None = None) -> list[Path]:
    """The backups of one database file, newest first."""
    folder = folder or backup_folder()
    stem = Path(db_path).stem
    try:
        found = [p for p in folder.glob(f"{stem}-*.sqlite3") if _time_of(p, stem) is not None]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def latest_backup(db_path: Path, folder: Path | None = None) -> Path | None:
    """The newest backup of a database file, if any."""
    found = backups_of(db_path, folder)
    return found[0] if found else None


def _new_name(folder: Path, stem: str, suffix: str) -> Path:
    """A fresh, time-stamped file name in the folder."""
    stamp = jalali.utc_now().strftime(STAMP)
    out = folder / f"{stem}-{stamp}{suffix}"
    n = 2
    while out.exists():
        out = folder / f"{stem}-{stamp}-{n}{suffix}"
        n += 1
    return out


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(msg.backup_folder_unavailable(str(folder), str(exc.strerror))) from exc


# --- SQLite -------------------------------------------------------------------------------

def _copy_online(source: Path, target: Path, journal: str) -> None:
    """Copy a live SQLite database page by page with SQLite's backup API."""
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=15)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # One self-contained file (no -wal beside it): safe on a network share.
            dst.execute(f"PRAGMA journal_mode = {journal}")
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(db_path: Path, out: Path | None = None, folder: Path | None = None,
                  check_source: bool = True) -> Path:
    """Write a checked backup of a SQLite file; returns its path.

    Without `out` the backup goes to the backup folder and only the newest KEEP are kept.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise BackupError(msg.database_file_missing(str(db_path)))
    if check_source:
        check_sqlite_file(db_path, full=True)
    rotate = out is None
    folder = folder or backup_folder()
    if out is None:
        _ensure_folder(folder)
        out = _new_name(folder, db_path.stem, ".sqlite3")
    else:
        _ensure_folder(out.parent)
    partial = out.with_name(out.name + ".partial")
    try:
        _copy_online(db_path, partial, "DELETE")
        try:
            check_sqlite_file(partial, full=True)
        except DatabaseDamaged as exc:
            raise BackupError(msg.backup_check_failed(exc.detail)) from exc
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise BackupError(msg.backup_write_failed(str(out), str(exc))) from exc
    except OSError as exc:
        raise BackupError(msg.backup_write_failed(str(out), str(exc.strerror or exc))) from exc
    finally:
        partial.unlink(missing_ok=True)
    if rotate:
        prune(db_path, folder)
    return out


def prune(db_path: Path, folder: Path | None = None, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` backups of a database file; returns those deleted."""
    old = backups_of(db_path, folder)[keep:]
    for p in old:
        p.unlink(missing_ok=True)
    return old


def backup_due(db_path: Path, folder: Path | None = None) -> bool:
    """True when the newest backup of the file is older than a day (or there is none)."""
    latest = latest_backup(db_path, folder)
    if latest is None:
        return True
    taken = _time_of(latest, Path(db_path).stem)
    return taken is None or jalali.utc_now() - taken >= MAX_AGE


def auto_backup(db: Database, folder: Path | None = None) -> Path | None:
    """The automatic backup at start: taken when the last one is older than a day.

    Returns the new backup, or None when none was due (or the database is not a local file).
    """
    path = db.sqlite_path
    if path is None or not path.exists() or not backup_due(path, folder):
        return None
    # The file was just checked on open; the copy itself gets the complete integrity check.
    return backup_sqlite(path, folder=folder, check_source=False)


def restore_sqlite(backup: Path, db_path: Path) -> Path | None:
    """Replace a SQLite file with a backup; returns where the replaced file was kept aside.

    Refuses a damaged backup and one written by a newer Pol. Pol must not have the target open
    (the window closes its connections first).
    """
    backup, db_path = Path(backup), Path(db_path)
    if not backup.is_file():
        raise BackupError(msg.backup_file_missing(str(backup)))
    try:
        check_sqlite_file(backup, full=True)
    except DatabaseDamaged as exc:
        raise BackupError(msg.backup_damaged(str(backup), exc.detail)) from exc
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        _copy_online(backup, incoming, "WAL")
        _refuse_foreign_schema(incoming, backup)
        aside = _set_aside(db_path)
        os.replace(incoming, db_path)
    except sqlite3.Error as exc:
        raise BackupError(msg.restore_failed(str(backup), str(exc))) from exc
    except OSError as exc:
        raise BackupError(msg.restore_file_in_use(str(db_path), str(exc.strerror or exc))) from exc
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{incoming}{suffix}").unlink(missing_ok=True)
    check_sqlite_file(db_path, full=False)
    return aside


def _refuse_foreign_schema(copy: Path, backup: Path) -> None:
    """Refuse a file that is not a Pol database or whose schema is newer than this Pol."""
    db = Database(sqlite_url(copy))
    try:
        state = db.schema_state()
    finally:
        db.dispose()
    if state is SchemaState.NEWER:
        raise BackupError(msg.backup_from_newer_pol(str(backup)))
    try:
        # closing(): the file is renamed next, which Windows refuses while a handle is open.
        with closing(sqlite3.connect(copy)) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        revision = None
    if state is SchemaState.EMPTY or revision is None:
        raise BackupError(msg.not_a_pol_database(str(backup)))


def _set_aside(db_path: Path) -> Path | None:
    """Rename the file being replaced (and its -wal/-shm) to NAME.before-restore-STAMP."""
    if not db_path.exists():
        return None
    aside = db_path.with_name(f"{db_path.name}.before-restore-{jalali.utc_now().strftime(STAMP)}")
    for suffix in ("-wal", "-shm", ""):  # the main file last: a crash leaves it in place
        src = Path(f"{db_path}{suffix}")
        if src.exists():
            os.replace(src, Path(f"{aside}{suffix}"))
    return aside


def command_name() -> str:
    """How the user starts Pol's command line: the frozen program's own console executable
    (pol-cli.exe on Windows, Pol elsewhere), or main.py from the source."""
    if getattr(sys, "frozen", False):
        return "pol-cli" if sys.platform == "win32" else "Pol"
    return "python main.py"


def restore_hint(db_path: Path, url: str) -> str:
    """Persian lines naming the latest backup and the command that restores it."""
    latest = latest_backup(db_path)
    pol = command_name()
    if latest is None:
        return (f"در پوشهٔ پشتیبان \u2066{backup_folder()}\u2069 نسخهٔ پشتیبانی از این فایل "
                "پیدا نشد؛ اگر نسخه‌ای در جای دیگری دارید، با دستور زیر بازگردانید:\n"
                f"  \u2066{pol} --db {url} db restore FILE\u2069")
    return (f"آخرین نسخهٔ پشتیبان: \u2066{latest}\u2069\n"
            f"برای بازگردانی آن:\n  \u2066{pol} --db {url} db restore {latest}\u2069")


# --- PostgreSQL ---------------------------------------------------------------------------

def backup_postgresql(url: str, out: Path | None = None, folder: Path | None = None) -> Path:
    """Dump a PostgreSQL database with pg_dump in custom format (-Fc); returns the file."""
    exe = shutil.which("pg_dump")
    if exe is None:
        raise BackupError(PG_SERVER_ADVICE)
    u = make_url(url)
    if out is None:
        folder = folder or backup_folder()
        _ensure_folder(folder)
        out = _new_name(folder, u.database or "pol", ".dump")
    else:
        _ensure_folder(out.parent)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)  # never on the command line, where ps shows it
    args = [exe, "-Fc", "--no-password", "-f", str(out), "-d", u.database or "",
            "-h", u.host or "localhost", "-p", str(u.port or 5432)]
    if u.username:
        args += ["-U", u.username]
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True,
                              timeout=PG_DUMP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        out.unlink(missing_ok=True)
        raise BackupError(msg.pg_dump_failed(str(exc))) from exc
    if done.returncode != 0:
        out.unlink(missing_ok=True)
        detail = (done.stderr.strip().splitlines() or [""])[0]
        raise BackupError(msg.pg_dump_wrote_nothing(detail))
    return out


def backup_database(db: Database, out: Path | None = None) -> Path:
    """`db backup`: a checked SQLite copy, or a pg_dump of a PostgreSQL server."""
    if db.sqlite_path is not None:
        return backup_sqlite(db.sqlite_path, out=out)
    if db.is_postgresql:
        return backup_postgresql(db.url, out=out)
    raise PolError(msg.BACKUP_NOT_POSSIBLE)
