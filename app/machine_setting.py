"""The machine-wide setting IT writes at install time: which database every user of this PC opens.

One small INI file, ``%ProgramData%\\Pol\\pol.ini`` on Windows and ``/etc/pol/pol.ini`` elsewhere
(POL_MACHINE_INI names another, for tests and portable installs)::

    [database]
    url = postgresql+psycopg://server/pol
    login_prefix =            ; optional, as in Settings

The file is readable by every user of the PC, so it must never hold a password: a URL with one is
refused (the file is passed over and the reason logged and shown in Settings), never used and
never silently trimmed, so IT sees the leak and fixes it. A damaged or unreadable file is passed
over the same way; Pol never fails to start because of it. No Qt here: the command line reads it.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_MACHINE_INI = "POL_MACHINE_INI"
MACHINE_INI_NAME = "pol.ini"

# Where a database choice came from (the settings dialog names each in Persian).
SOURCE_CLI = "cli"
SOURCE_DEMO = "demo"
SOURCE_ENV = "env"
SOURCE_MACHINE = "machine"
SOURCE_USER = "user"
SOURCE_LOCAL = "local"

# Why a machine-wide file was passed over.
PROBLEM_PASSWORD = "password"
PROBLEM_DAMAGED = "damaged"
PROBLEM_PREFIX = "prefix"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MachineSetting:
    """What the machine-wide file says: a URL (None when absent or refused) and why not."""

    path: Path
    url: str | None = None
    login_prefix: str = ""
    problem: str = ""  # "" | PROBLEM_PASSWORD | PROBLEM_DAMAGED | PROBLEM_PREFIX


@dataclass(frozen=True)
class DatabaseSource:
    """The database Pol opens and where that choice came from."""

    url: str
    source: str  # one of the SOURCE_* names
    machine_path: Path | None = None  # the machine-wide file, when it decided
    login_prefix: str = ""
    note: str = ""  # a machine-wide file that was passed over: its problem (PROBLEM_*)
    note_path: Path | None = None


def machine_ini_path() -> Path:
    """Where the machine-wide file lives on this PC (POL_MACHINE_INI overrides)."""
    override = os.environ.get(ENV_MACHINE_INI)
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = os.environ.get("ProgramData") or r"C:\ProgramData"
        return Path(program_data) / "Pol" / MACHINE_INI_NAME
    return Path("/etc/pol") / MACHINE_INI_NAME


def _has_password(url: str) -> bool:
    """True when a database URL carries a password (in its user part or as a parameter)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return u.password is not None or any(k.lower() == "password" for k in u.query)


def read_machine_setting(path: Path | None = None) -> MachineSetting:
    """Read the machine-wide file; absent, damaged or holding a password → no URL, never an error."""
    from sqlalchemy.exc import ArgumentError

    from app.models.server import valid_login_prefix

    path = path or machine_ini_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return MachineSetting(path)
    except OSError as exc:
        log.warning("machine-wide setting %s could not be read (%s); passed over", path, exc)
        return MachineSetting(path, problem=PROBLEM_DAMAGED)
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";", "#"))
    try:
        # utf-8-sig: Notepad (and Inno Setup) may put a byte-order mark in front.
        parser.read_string(raw.decode("utf-8-sig"), source=str(path))
        url = parser.get("database", "url", fallback="").strip()
        prefix = parser.get("database", "login_prefix", fallback="").strip()
        if not url:
            raise ValueError("no [database] url")
        password = _has_password(url)
    except (UnicodeDecodeError, configparser.Error, ValueError, ArgumentError) as exc:
        log.warning("machine-wide setting %s is damaged (%s); passed over", path, exc)
        return MachineSetting(path, problem=PROBLEM_DAMAGED)
    if password:
        # The URL itself is not logged: it holds the password.
        log.warning("machine-wide setting %s holds a password; refused (each user signs in with "
                    "their own login; remove the password from the file)", path)
        return MachineSetting(path, problem=PROBLEM_PASSWORD)
    if not valid_login_prefix(prefix):
        log.warning("machine-wide setting %s has an invalid login_prefix %r; passed over",
                    path, prefix)
        return MachineSetting(path, problem=PROBLEM_PREFIX)
    return MachineSetting(path, url=url, login_prefix=prefix)
