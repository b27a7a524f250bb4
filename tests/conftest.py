"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, Qt offscreen."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

# Qt must run headless before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# GUI fixtures (the configured QApplication, services over demo data) for every feature folder;
# an in-memory OS keyring a test can look into.
pytest_plugins = ["tests.support.gui_fixtures", "tests.support.memory_keyring"]

from tests.support import pg_roles  # noqa: E402

PG_TEMPLATE_PREFIX: dict[str, str] = {}  # template database -> its role prefix


def _sleep_through_faketime() -> None:
    """Under faketime only: make time.sleep wait on a condition instead of clock_nanosleep.

    The suite is run under libfaketime (0.9.10) at other hours with FAKETIME_DONT_FAKE_MONOTONIC=1,
    which Qt's timers need; there clock_nanosleep, and so Python's time.sleep, fails with EINVAL.
    Pol never sleeps, but the subprocess module sleeps while it waits with a timeout (pg_ctl,
    pg_dump, the command-line tests). A timed condition wait is left alone by libfaketime.
    """
    if "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return
    import threading
    import time

    def sleep(seconds: float) -> None:
        threading.Event().wait(seconds)

    time.sleep = sleep


_sleep_through_faketime()

PG_ADMIN_URL = os.environ.get("POL_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("POL_REQUIRE_PG") == "1"

# The instant every test starts at, whatever the machine's clock says: 10:00 Tehran on Saturday
# 1405/09/07, a working day, the same day the GUI fixtures' demo data is built for. The suite's
# clock ticks from there, so rows written one after another still get increasing times.
SUITE_NOW = datetime(2026, 11, 28, 6, 30)  # naive UTC


@pytest.fixture(scope="session", autouse=True)
def _suite_clock() -> Iterator[None]:
    """Set the services' clock before any session fixture (the templates seed holidays by it)."""
    from app.services.core import clock

    clock.set_now(SUITE_NOW, ticking=True)
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def _test_clock(_suite_clock: None) -> Iterator[None]:
    """Start every test at SUITE_NOW, never at the wall clock; a test may set its own instant."""
    from app.services.core import clock

    clock.set_now(SUITE_NOW, ticking=True)
    yield
    clock.set_now(SUITE_NOW, ticking=True)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's files (and QSettings) out of the real user folders."""
    monkeypatch.setenv("POL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POL_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.delenv("POL_DATABASE_URL", raising=False)
    # A machine-wide setting on the machine running the tests (/etc/pol/pol.ini) is not theirs.
    monkeypatch.setenv("POL_MACHINE_INI", str(tmp_path / "machine" / "pol.ini"))


def _pg_admin():  # noqa: ANN202
    """An autocommit connection to the server's maintenance database, or None."""
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        return None


def _pg_url(name: str) -> str:
    """SQLAlchemy URL of a database on the test server."""
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """A migrated, seeded template database on the PostgreSQL server (None when unreachable)."""
    conn = _pg_admin()
    if conn is None:
        yield None
        return
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    name = f"pol_tpl_{uuid.uuid4().hex[:8]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    # The template's roles (and so every clone's) carry a prefix of this run only; the users'
    # logins too, so two runs on one server never meet. Clones share them, one test at a time.
    prefix = pg_roles.new_prefix()
    db = Database(_pg_url(name), role_prefix=prefix, login_prefix=prefix)
    prepare_database(db)
    db.dispose()
    PG_TEMPLATE_PREFIX[name] = prefix
    try:
        yield name
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg_roles.drop_roles(conn, prefix)
        conn.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file that each test copies."""
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    prepare_database(db)
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _skip_or_fail_pg() -> None:
    """Skip when no PostgreSQL server is reachable, unless POL_REQUIRE_PG=1 demands it."""
    msg = f"PostgreSQL server not reachable at {PG_ADMIN_URL}"
    if REQUIRE_PG:
        pytest.fail(msg + " and POL_REQUIRE_PG=1")
    pytest.skip(msg)


@pytest.fixture
def pg_url(pg_template: str | None) -> Iterator[str]:
    """URL of a fresh PostgreSQL database cloned from the template, dropped afterwards."""
    if pg_template is None:
        _skip_or_fail_pg()
    conn = _pg_admin()
    assert conn is not None
    name = f"pol_t_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        yield _pg_url(name)
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg_roles.drop_logins(conn, PG_TEMPLATE_PREFIX[pg_template])  # the test's users
        conn.close()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """URL of a fresh SQLite file copied from the template."""
    path = tmp_path / "pol.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db(db_url: str) -> Iterator:
    """An opened Database on each backend."""
    from app.models.database import Database

    database = Database(db_url)
    database.open()
    yield database
    database.dispose()


@pytest.fixture
def services(db):  # noqa: ANN001, ANN201
    """Every service over the fresh database."""
    from app.services.registry import Services

    return Services.for_database(db)
