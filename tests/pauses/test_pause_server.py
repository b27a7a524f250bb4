"""The stopped clock on a secured PostgreSQL server: each role's grants on clock_pause, its row
log, and the county scope reaching pauses through their request (row-level security)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text

from app.errors import NotFound
from app.models.database import Database
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.conftest import PG_ADMIN_URL
from tests.core.test_county_scope import World, build_world
from tests.core.test_county_scope_pg import _count, _login
from tests.support import helpers
from tests.support.secure_pg import SecureDatabase, secure_database

pytestmark = pytest.mark.pg

FORBIDDEN = {
    "inspector": ["INSERT INTO clock_pause (request_id) SELECT 1 WHERE false",
                  "UPDATE clock_pause SET end_reason = 'x' WHERE false"],
    "operator": ["DELETE FROM clock_pause WHERE false", "TRUNCATE clock_pause"],
    "admin": ["DELETE FROM clock_pause WHERE false"],
}


@pytest.fixture(scope="module")
def sdb(pg_template: str | None) -> Iterator[SecureDatabase]:
    """One secured database for the module."""
    if pg_template is None:
        pytest.skip("PostgreSQL server not reachable")
    with secure_database(PG_ADMIN_URL) as s:
        yield s


@pytest.mark.parametrize("role", ["inspector", "operator", "admin"])
def test_each_role_is_refused_what_it_may_not_do_to_pauses(sdb: SecureDatabase,
                                                           role: str) -> None:
    login = sdb.add_login(f"cp_{role}", role)
    with sdb.connect(login) as conn:
        assert conn.execute("SELECT count(*) FROM clock_pause").fetchone()[0] >= 0
        for sql in FORBIDDEN[role]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


def test_an_operator_pauses_and_resumes_as_its_own_login(sdb: SecureDatabase) -> None:
    owner = Services.for_database(Database(sdb.url))
    person = owner.users.add(SYSTEM, "cpop", "secret-1", "operator", "کاربر توقف")
    op = Services.for_database(Database(sdb.login_url(sdb.add_login("cpop", "operator"))))
    clerk = actor_of(person)
    req = helpers.register(op, clerk)
    paused = op.pauses.pause_request(clerk, req.id, req.version, "مدارک خواسته شد")
    resumed = op.pauses.resume_request(clerk, req.id, paused.version, "مدارک رسید")
    assert not resumed.paused and resumed.pauses[0].end_reason == "مدارک رسید"
    with owner.db.read() as s:  # the server logged both writes of the pause row
        actions = s.execute(text("SELECT action FROM row_change WHERE table_name = 'clock_pause' "
                                 "ORDER BY id")).scalars().all()
    assert actions == ["INSERT", "UPDATE"]
    op.db.dispose()
    owner.db.dispose()


@pytest.fixture
def pg_services(pg_url: str) -> Iterator[Services]:
    """Every service over a fresh PostgreSQL database (opened as the superuser)."""
    db = Database(pg_url)
    db.open()
    yield Services.for_database(db)
    db.dispose()


def test_a_scoped_login_sees_and_changes_only_its_counties_pauses(pg_services: Services) -> None:
    w: World = build_world(pg_services)
    for rid in (w.a_requests[1], w.b_requests[1]):
        d = pg_services.requests.get(rid)
        pg_services.pauses.pause_request(SYSTEM, rid, d.version, "مدارک")
    with _login(pg_services, "farmandari") as c:
        assert _count(c, "SELECT count(*) FROM clock_pause") == 1
        assert _count(c, "SELECT count(*) FROM clock_pause WHERE request_id = ANY(%s)",
                      w.b_requests) == 0
        cur = c.execute("UPDATE clock_pause SET end_reason = 'x' WHERE request_id = ANY(%s)",
                        (w.b_requests,))
        assert cur.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # RLS: another county's case
            c.execute("INSERT INTO clock_pause (request_id, started_on, started_at, "
                      "start_reason, end_reason, paused_days) "
                      "VALUES (%s, now()::date, now(), 'x', '', 0)", (w.b_requests[0],))
    # Through the services the scoped actor finds no other county's case to pause or read.
    with pytest.raises(NotFound):
        pg_services.pauses.request_clock(w.b_requests[1], w.scoped)
    d = pg_services.requests.get(w.b_requests[0])
    with pytest.raises(NotFound):
        pg_services.pauses.pause_request(w.scoped, d.id, d.version, "مدارک")
    assert pg_services.pauses.request_clock(w.a_requests[1], w.scoped).paused
