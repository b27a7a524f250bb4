"""The command line, run in-process against real databases."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.models.database import Database, SchemaState

ROOT = Path(__file__).resolve().parents[2]


def test_version_flag() -> None:
    """`python main.py --version` prints the version."""
    out = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == f"Pol {__version__}"


def test_db_upgrade_creates_a_new_database(tmp_path, capsys) -> None:
    """`db upgrade` creates and migrates a new SQLite file."""
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert "now at head" in capsys.readouterr().out
    assert Database(url).schema_state() is SchemaState.CURRENT


def test_demo_then_users(db_url, capsys, monkeypatch) -> None:
    """Fill a database with demo data, add a user from stdin, list users."""
    assert main(["--db", db_url, "demo", "--requests", "300", "--seed", "3"]) == 0
    assert "300 requests" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password\n"))
    assert main(["--db", db_url, "users", "add", "sara", "--role", "inspector"]) == 0
    assert main(["--db", db_url, "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "sara\tinspector\tactive" in listing and "demo\tadmin" in listing


def test_bad_user_input_gets_a_persian_message(tmp_path, capsys, monkeypatch) -> None:
    """A too-short password is refused with a Persian message and exit code 2."""
    url = f"sqlite:///{tmp_path / 'y.sqlite3'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("ab\n"))
    assert main(["--db", url, "users", "add", "x", "--role", "operator"]) == 2
    assert "گذرواژه" in capsys.readouterr().err


def test_unknown_role_is_refused() -> None:
    """argparse refuses a role that does not exist."""
    with pytest.raises(SystemExit):
        main(["users", "add", "x", "--role", "king"])


def test_env_database_url_is_used(tmp_path, monkeypatch, capsys) -> None:
    """POL_DATABASE_URL points the command line at a database."""
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv("POL_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert str(tmp_path / "env.sqlite3") in capsys.readouterr().out
