"""Paths and database URL resolution. No side effects at import."""

from __future__ import annotations

import logging
import logging.handlers
import os
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from app.machine_setting import (
    SOURCE_CLI,
    SOURCE_DEMO,
    SOURCE_ENV,
    SOURCE_LOCAL,
    SOURCE_MACHINE,
    SOURCE_USER,
    DatabaseSource,
    read_machine_setting,
)

APP_NAME = "Pol"
ENV_DATABASE_URL = "POL_DATABASE_URL"
ENV_DATA_DIR = "POL_DATA_DIR"  # overrides the user data folder (tests, portable installs)
ENV_LOG_DIR = "POL_LOG_DIR"  # overrides the user log folder (tests, portable installs)
LOG_FILE_NAME = "pol.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def data_dir() -> Path:
    """The folder where Pol keeps its local database files."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def default_database_path() -> Path:
    """The everyday local database file."""
    return data_dir() / "pol.sqlite3"


def demo_database_path() -> Path:
    """The demo database file, kept apart from real work."""
    return data_dir() / "pol-demo.sqlite3"


def resolve_database_url(cli_url: str | None = None, demo: bool = False) -> str:
    """Pick the database: --db, POL_DATABASE_URL, the machine-wide file, then the local file."""
    return resolve_database(cli_url, demo).url


def resolve_database(cli_url: str | None = None, demo: bool = False,
                     user_choice: Callable[[], tuple[str, str] | None] | None = None,
                     ) -> DatabaseSource:
    """The database and where its choice came from, in Pol's order of precedence.

    --db, then --demo (its own file), then POL_DATABASE_URL, then the machine-wide file IT put
    there, then ``user_choice()`` (the window's Settings: URL and login prefix), then the local
    file. A machine-wide file that is unusable is passed over; its problem rides along in `note`.
    """
    if cli_url:
        return DatabaseSource(cli_url, SOURCE_CLI)
    if demo:
        return DatabaseSource(sqlite_url(demo_database_path()), SOURCE_DEMO)
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return DatabaseSource(env, SOURCE_ENV)
    machine = read_machine_setting()
    if machine.url:
        return DatabaseSource(machine.url, SOURCE_MACHINE, machine.path, machine.login_prefix)
    chosen = user_choice() if user_choice is not None else None
    if chosen is not None:
        return DatabaseSource(chosen[0], SOURCE_USER, login_prefix=chosen[1],
                              note=machine.problem, note_path=machine.path)
    return DatabaseSource(sqlite_url(default_database_path()), SOURCE_LOCAL,
                          note=machine.problem, note_path=machine.path)


def log_dir() -> Path:
    """The folder where Pol writes its log files (platformdirs' user log folder)."""
    override = os.environ.get(ENV_LOG_DIR)
    return Path(override) if override else Path(user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    """The current log file (older ones: pol.log.1 … pol.log.5)."""
    return log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the program's log to a rotating file in the user's log folder; once per process.

    Returns the file, or None when the folder cannot be written (Pol still runs, logging to stderr).
    """
    root = logging.getLogger()
    target = log_file()
    for handler in root.handlers:
        if getattr(handler, "pol_log_file", None) == target:
            return target  # already set up (a second window, a test)
    root.setLevel(min(root.getEffectiveLevel(), level))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        logging.basicConfig(level=level, format=LOG_FORMAT)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.pol_log_file = target  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.captureWarnings(True)
    return target
