"""A damaged SQLite file is named, never reported from, and the latest backup is offered."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.demo.generator import DemoGenerator
from app.errors import DatabaseDamaged
from app.models.database import Database
from app.services.core.reference import prepare_database
from tests.support.damage import DAMAGES, damaged_copy, stale_index

ROOT = Path(__file__).resolve().parents[2]
PERSIAN = re.compile(r"[\u0600-\u06FF]{3,}")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Pol database with a year of demo work, checkpointed into one file."""
    path = tmp_path_factory.mktemp("filled") / "pol.sqlite3"
    db = Database(f"sqlite:///{path}")
    prepare_database(db)
    DemoGenerator(db, seed=3, today=date(2026, 11, 28)).run(1200)
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _samad_csv(folder: Path) -> Path:
    path = folder / "samad.csv"
    path.write_text("کد پیگیری,تاریخ ثبت,نام,نام خانوادگی,کد ملی,موضوع,شرح\n"
                    "771234,1405/08/01,علی,رضایی,0012345679,آب,قطعی آب\n", encoding="utf-8")
    return path


VERBS = {
    "report": ["report", "quarterly", "--year", "1405", "--quarter", "2", "--out", "{tmp}/r.pdf"],
    "backup": ["db", "backup", "--out", "{tmp}/b.sqlite3"],
    "import": ["import", "samad", "{tmp}/samad.csv"],
    "users": ["users", "list"],
}


@pytest.mark.parametrize("how", list(DAMAGES))
def test_cli_verbs_name_a_damaged_file(filled: Path, tmp_path: Path, how: str) -> None:
    """Every verb on a damaged copy exits non-zero with a Persian message naming the file."""
    _samad_csv(tmp_path)
    for name, verb in VERBS.items():
        bad = damaged_copy(filled, tmp_path / name, how)
        before = bad.read_bytes()
        argv = [a.replace("{tmp}", str(tmp_path)) for a in verb]
        out = subprocess.run([sys.executable, "main.py", "--db", f"sqlite:///{bad}", *argv],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        said = out.stdout + out.stderr
        assert out.returncode != 0, (how, name, said)
        assert "Traceback" not in said, (how, name, said)
        assert str(bad) in out.stderr, (how, name, said)
        assert "آسیب دیده" in out.stderr and PERSIAN.search(out.stderr)
        assert "db restore" in out.stderr  # what to do next
        assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "b.sqlite3").exists()
        assert bad.read_bytes() == before, "a damaged file must not be written to"


@pytest.mark.parametrize("how", list(DAMAGES))
def test_opening_a_damaged_file_refuses(filled: Path, tmp_path: Path, how: str) -> None:
    """The window's open path (bootstrap.prepare) and Database.open raise DatabaseDamaged."""
    from app.bootstrap import prepare

    bad = damaged_copy(filled, tmp_path, how)
    with pytest.raises(DatabaseDamaged) as caught:
        prepare(f"sqlite:///{bad}", False, lambda _p, _m: None)
    assert str(bad) in caught.value.message and caught.value.path == str(bad)
    with pytest.raises(DatabaseDamaged):
        Database(f"sqlite:///{bad}").open()


def test_the_latest_backup_is_named_with_the_restore_command(filled: Path, tmp_path: Path) -> None:
    """With backups in the backup folder, the message names the newest one and the command."""
    from app.services.core.backup import backup_sqlite

    good = tmp_path / "pol.sqlite3"
    good.write_bytes(filled.read_bytes())
    made = backup_sqlite(good)
    DAMAGES["garbage_middle"](good)
    out = subprocess.run([sys.executable, "main.py", "--db", f"sqlite:///{good}", "users", "list"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert f"db restore {made}" in out.stderr


def test_a_damaged_file_found_mid_work_is_named(filled: Path, tmp_path: Path) -> None:
    """Damage a file after it was opened: reads fail with DatabaseDamaged, not a raw error."""
    from sqlalchemy import text

    path = tmp_path / "pol.sqlite3"
    path.write_bytes(filled.read_bytes())
    db = Database(f"sqlite:///{path}")
    db.open()
    db.dispose()
    DAMAGES["zero_leaf_page"](path)
    with pytest.raises(DatabaseDamaged), db.read() as s:
        s.execute(text("SELECT count(*), sum(length(subject)) FROM request")).all()
    with pytest.raises(DatabaseDamaged), db.write() as s:
        s.execute(text("UPDATE request SET subject = subject || ''"))
    db.dispose()


def test_reports_and_backups_run_the_full_check(filled: Path, tmp_path: Path) -> None:
    """Index and table disagree (quick_check passes): report and backup refuse; no figures."""
    import sqlite3

    bad = tmp_path / "stale.sqlite3"
    bad.write_bytes(filled.read_bytes())
    stale_index(bad)
    with sqlite3.connect(bad) as c:
        assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    for verb in (VERBS["report"], VERBS["backup"]):
        argv = [a.replace("{tmp}", str(tmp_path)) for a in verb]
        out = subprocess.run([sys.executable, "main.py", "--db", f"sqlite:///{bad}", *argv],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode != 0 and "Traceback" not in out.stdout + out.stderr
        assert str(bad) in out.stderr and "آسیب دیده" in out.stderr
        assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "b.sqlite3").exists()


def test_garbage_values_give_a_persian_message(filled: Path, tmp_path: Path) -> None:
    """Well-formed pages holding nonsense values: a Persian message, never a traceback."""
    import sqlite3

    bad = tmp_path / "garbage.sqlite3"
    bad.write_bytes(filled.read_bytes())
    with sqlite3.connect(bad) as c:
        c.execute("UPDATE referral SET response_date = 'zz' WHERE id % 3 = 0")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in VERBS["report"]]
    out = subprocess.run([sys.executable, "main.py", "--db", f"sqlite:///{bad}", *argv],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    said = out.stdout + out.stderr
    assert out.returncode != 0 and "Traceback" not in said
    assert PERSIAN.search(out.stderr) and str(bad) in out.stderr and "db restore" in out.stderr
