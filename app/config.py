"""Paths and database URL resolution. No side effects at import."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Pol"
ENV_DATABASE_URL = "POL_DATABASE_URL"
ENV_DATA_DIR = "POL_DATA_DIR"  # overrides the user data folder (tests, portable installs)


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
    """Pick the database: --db, then POL_DATABASE_URL, then the local (or demo) file."""
    if cli_url:
        return cli_url
    if demo:
        return sqlite_url(demo_database_path())
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return env
    return sqlite_url(default_database_path())
