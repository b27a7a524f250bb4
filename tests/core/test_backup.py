"""Backups: online, checked, rotated copies of the SQLite file; restore; pg_dump on PostgreSQL."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.cli import main
from app.config import data_dir
from app.errors import BackupError
from app.models import Setting
from app.models.database import Database
from app.services.core import backup, jalali
from tests.support.damage import DAMAGES


class Clock:
    """A settable UTC clock for jalali.utc_now."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock(datetime(2026, 11, 28, 6, 0, 0))
    monkeypatch.setattr(jalali, "utc_now", c)
    return c


def _count(path: Path, sql: str = "SELECT count(*) FROM setting") -> int:
    with sqlite3.connect(path) as c:
        return int(c.execute(sql).fetchone()[0])


def _open(url: str) -> Database:
    db = Database(url)
    db.open()
    return db


def test_online_backup_sees_uncheckpointed_writes_and_is_checked(sqlite_url: str) -> None:
    """A backup taken while Pol holds the file open has every committed row, as one file."""
    db = _open(sqlite_url)
    with db.write() as s:  # committed into the -wal file, not yet into the main file
        s.add(Setting(key="backup_probe", value="1"))
    out = backup.backup_sqlite(db.sqlite_path)
    assert out.parent == data_dir() / "backups" and out.name.startswith("pol-")
    assert _count(out, "SELECT count(*) FROM setting WHERE key = 'backup_probe'") == 1
    assert not Path(f"{out}-wal").exists()  # self-contained: fit for a network share
    with sqlite3.connect(out) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with db.write() as s:  # Pol keeps working afterwards
        s.add(Setting(key="after", value="2"))
    db.dispose()


def test_auto_backup_once_a_day_keeps_fourteen(sqlite_url: str, clock: Clock) -> None:
    """On start a backup is taken when the last is older than a day; the newest 14 are kept."""
    db = _open(sqlite_url)
    first = backup.auto_backup(db)
    assert first is not None
    clock.now += timedelta(hours=23)
    assert backup.auto_backup(db) is None
    for _ in range(20):
        clock.now += timedelta(days=1, minutes=1)
        assert backup.auto_backup(db) is not None
    kept = backup.backups_of(db.sqlite_path)
    assert len(kept) == backup.KEEP
    assert first not in kept and kept[0] == backup.latest_backup(db.sqlite_path)
    assert kept[0].name == f"pol-{clock.now:%Y%m%d-%H%M%S}.sqlite3"
    db.dispose()


def test_the_office_chooses_the_folder(sqlite_url: str, tmp_path: Path) -> None:
    """The chosen folder (a share, say) is used, created when missing, and remembered."""
    share = tmp_path / "share" / "pol-backups"
    backup.set_backup_folder(share)
    assert backup.backup_folder() == share
    db = _open(sqlite_url)
    assert backup.auto_backup(db).parent == share
    backup.set_backup_folder("")
    assert backup.backup_folder() == backup.default_backup_folder()
    db.dispose()


def test_unreachable_folder_is_a_persian_error(sqlite_url: str, tmp_path: Path) -> None:
    """A folder that cannot be created gives a Persian message naming it."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="پوشهٔ پشتیبان"):
        backup.backup_sqlite(Path(sqlite_url.removeprefix("sqlite:///")), folder=blocker / "sub")


def test_cli_backup_and_restore(sqlite_url: str, tmp_path: Path, capsys, monkeypatch) -> None:
    """`db backup --out` then `db restore` (y on stdin) brings the data back; old file kept."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    out = tmp_path / "copy.sqlite3"
    assert main(["--db", sqlite_url, "db", "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    db = _open(sqlite_url)
    with db.write() as s:
        s.add(Setting(key="typed_after_backup", value="x"))
    db.dispose()
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    assert main(["--db", sqlite_url, "db", "restore", str(out)]) == 1
    assert _count(path, "SELECT count(*) FROM setting WHERE key='typed_after_backup'") == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert main(["--db", sqlite_url, "db", "restore", str(out)]) == 0
    said = capsys.readouterr().out
    assert "بازگردانده شد" in said
    assert _count(path, "SELECT count(*) FROM setting WHERE key='typed_after_backup'") == 0
    aside = [p for p in path.parent.iterdir() if ".before-restore-" in p.name
             and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and str(aside[0]) in said
    assert _count(aside[0], "SELECT count(*) FROM setting WHERE key='typed_after_backup'") == 1
    db = _open(sqlite_url)  # Pol opens the restored file and writes again
    with db.write() as s:
        s.add(Setting(key="after_restore", value="y"))
    db.dispose()


def test_restore_refuses_damaged_and_newer_backups(sqlite_url: str, tmp_path: Path,
                                                   capsys, monkeypatch) -> None:
    """A damaged backup or one from a newer Pol is refused, and the database is left as it was."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    before = path.read_bytes()
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(path, damaged)
    DAMAGES["garbage_middle"](damaged)
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(path, newer)
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE t (x)")
    for bad, words in ((damaged, "آسیب دیده"), (newer, "جدیدتری"), (foreign, "نیست")):
        monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
        assert main(["--db", sqlite_url, "db", "restore", str(bad)]) == 2
        err = capsys.readouterr().err
        assert words in err and str(bad) in err
        assert path.read_bytes() == before
        assert not any(".before-restore-" in p.name for p in path.parent.iterdir())


def test_restore_over_a_damaged_file(sqlite_url: str, tmp_path: Path, monkeypatch) -> None:
    """The way out of a damaged database: restore the latest backup over it."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    made = backup.backup_sqlite(path)
    DAMAGES["corrupt_header"](path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert main(["--db", sqlite_url, "db", "restore", str(made)]) == 0
    db = _open(sqlite_url)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Setting)) > 0
    db.dispose()


def _pg_restore_list(dump: Path) -> str:
    return subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True,
                          check=True).stdout


def test_postgresql_backup_runs_pg_dump(pg_url: str, tmp_path: Path, capsys) -> None:
    """On PostgreSQL `db backup` writes a pg_dump custom-format archive."""
    out = tmp_path / "pol.dump"
    assert main(["--db", pg_url, "db", "backup", "--out", str(out)]) == 0
    assert out.read_bytes()[:5] == b"PGDMP"
    assert "TABLE DATA public request" in _pg_restore_list(out)
    assert main(["--db", pg_url, "db", "backup"]) == 0  # into the backup folder
    assert str(data_dir() / "backups") in capsys.readouterr().out


def test_postgresql_without_pg_dump_explains(pg_url: str, tmp_path: Path, capsys,
                                             monkeypatch) -> None:
    """Without pg_dump on PATH, the message says how the server's own backups are set up."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["--db", pg_url, "db", "backup"]) == 2
    err = capsys.readouterr().err
    assert "pg_dump" in err and "سرور" in err


def test_postgresql_restore_points_to_pg_restore(pg_url: str, tmp_path: Path, capsys) -> None:
    """`db restore` on a server refuses and names pg_restore."""
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    assert main(["--db", pg_url, "db", "restore", str(dump)]) == 2
    assert "pg_restore" in capsys.readouterr().err
    db = Database(pg_url)
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM county")).scalar() > 0
    db.dispose()


@pytest.mark.parametrize(("frozen", "platform", "expected"), [
    (False, "linux", "python main.py"), (True, "win32", "pol-cli"), (True, "linux", "Pol")])
def test_restore_hint_names_the_command_the_user_has(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen: bool, platform: str,
        expected: str) -> None:
    """The frozen program has no main.py: its hint names its own console executable."""
    monkeypatch.setattr(sys, "platform", platform)
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    hint = backup.restore_hint(tmp_path / "pol.sqlite3", "sqlite:///x")
    assert f"\u2066{expected} --db sqlite:///x db restore" in hint
