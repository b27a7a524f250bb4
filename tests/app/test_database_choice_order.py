"""Where Pol finds its database: --db, POL_DATABASE_URL, the machine-wide file, the user's choice
in Settings, the local file (issue 15); a machine-wide file with a password or damaged is passed
over with a log line, never a crash."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.config import default_database_path, resolve_database, resolve_database_url, sqlite_url
from app.machine_setting import (
    ENV_MACHINE_INI,
    PROBLEM_DAMAGED,
    PROBLEM_PASSWORD,
    PROBLEM_PREFIX,
    machine_ini_path,
    read_machine_setting,
)

SERVER = "postgresql+psycopg://pol-server.ostandari.local/pol"
USER_CHOICE = ("postgresql+psycopg://other-server/pol", "ea_")


@pytest.fixture
def machine_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The machine-wide file's place for this test (written by each test as it needs)."""
    path = tmp_path / "ProgramData" / "Pol" / "pol.ini"
    path.parent.mkdir(parents=True)
    monkeypatch.setenv(ENV_MACHINE_INI, str(path))
    return path


def _write(path: Path, text: str, bom: bool = False) -> None:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def test_the_order_flag_env_machine_user_local(machine_ini: Path, monkeypatch) -> None:
    """Each source wins over every one after it, and gives way to every one before it."""
    def user() -> tuple[str, str]:
        return USER_CHOICE

    local = resolve_database(user_choice=lambda: None)
    assert (local.url, local.source) == (sqlite_url(default_database_path()), "local")
    chosen = resolve_database(user_choice=user)
    assert (chosen.url, chosen.source, chosen.login_prefix) == (USER_CHOICE[0], "user", "ea_")
    _write(machine_ini, f"[database]\nurl = {SERVER}\n")
    machine = resolve_database(user_choice=user)
    assert (machine.url, machine.source, machine.machine_path) == (SERVER, "machine", machine_ini)
    monkeypatch.setenv("POL_DATABASE_URL", "sqlite:///from-env.sqlite3")
    env = resolve_database(user_choice=user)
    assert (env.url, env.source) == ("sqlite:///from-env.sqlite3", "env")
    flag = resolve_database("sqlite:///from-flag.sqlite3", user_choice=user)
    assert (flag.url, flag.source) == ("sqlite:///from-flag.sqlite3", "cli")


def test_the_command_line_reads_the_machine_wide_file_too(machine_ini: Path) -> None:
    """`Pol.exe report …` on an installed desk goes to the server IT set, not a local file."""
    assert resolve_database_url() == sqlite_url(default_database_path())
    _write(machine_ini, f"[database]\nurl = {SERVER}\n")
    assert resolve_database_url() == SERVER
    # The demo keeps its own file whatever IT set.
    assert resolve_database(demo=True).source == "demo"


def test_a_file_from_notepad_with_a_bom_and_a_login_prefix(machine_ini: Path) -> None:
    """UTF-8 with a byte-order mark, comments, a login prefix: all read."""
    _write(machine_ini, "; written by the installer\n[database]\n"
                        f"url = {SERVER}\nlogin_prefix = tabriz_  ; the office's logins\n", bom=True)
    setting = read_machine_setting()
    assert (setting.url, setting.login_prefix, setting.problem) == (SERVER, "tabriz_", "")


@pytest.mark.parametrize("text, problem", [
    ("[database]\nurl = postgresql+psycopg://pol:secret@server/pol\n", PROBLEM_PASSWORD),
    ("[database]\nurl = postgresql+psycopg://server/pol?password=secret\n", PROBLEM_PASSWORD),
    ("[database]\nurl = not a url\n", PROBLEM_DAMAGED),
    ("[database\nurl = x\n", PROBLEM_DAMAGED),
    ("url = postgresql+psycopg://server/pol\n", PROBLEM_DAMAGED),  # no section
    ("[database]\n", PROBLEM_DAMAGED),
    (f"[database]\nurl = {SERVER}\nlogin_prefix = Bad-Prefix\n", PROBLEM_PREFIX),
], ids=["password", "password-param", "not-a-url", "broken-section", "no-section", "no-url",
        "bad-prefix"])
def test_an_unusable_file_is_passed_over_with_a_log_line(
        machine_ini: Path, caplog, text: str, problem: str) -> None:
    """The user's choice (or the local file) is used instead; the reason is kept and logged."""
    _write(machine_ini, text)
    with caplog.at_level(logging.WARNING, logger="app.machine_setting"):
        source = resolve_database(user_choice=lambda: USER_CHOICE)
    assert (source.url, source.source) == (USER_CHOICE[0], "user")
    assert (source.note, source.note_path) == (problem, machine_ini)
    assert str(machine_ini) in caplog.text
    assert "secret" not in caplog.text  # a password in the file never reaches the log


def test_bytes_that_are_not_utf8_are_passed_over(machine_ini: Path, caplog) -> None:
    """A file saved in another encoding is damaged, not a crash."""
    machine_ini.write_bytes("[database]\nurl = postgresql+psycopg://سرور/pol\n".encode("utf-16"))
    with caplog.at_level(logging.WARNING, logger="app.machine_setting"):
        source = resolve_database()
    assert (source.source, source.note) == ("local", PROBLEM_DAMAGED)
    assert "damaged" in caplog.text


def test_an_unreadable_path_is_passed_over(machine_ini: Path) -> None:
    """A folder where the file should be (or no right to read it) does not stop Pol."""
    machine_ini.mkdir()
    source = resolve_database()
    assert (source.source, source.note) == ("local", PROBLEM_DAMAGED)


def test_no_file_is_no_problem(machine_ini: Path) -> None:
    """The ordinary desk without an installer's setting: nothing to say."""
    source = resolve_database()
    assert (source.source, source.note) == ("local", "")


def test_the_default_places(monkeypatch) -> None:
    """%ProgramData%\\Pol\\pol.ini on Windows, /etc/pol/pol.ini elsewhere."""
    import sys

    monkeypatch.delenv(ENV_MACHINE_INI, raising=False)
    assert machine_ini_path() == Path("/etc/pol/pol.ini")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramData", "D:\\ProgramData")
    assert machine_ini_path() == Path("D:\\ProgramData") / "Pol" / "pol.ini"
