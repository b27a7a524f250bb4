"""The PostgreSQL server enforces the calls' rules: who may write them, and whose counties."""

from __future__ import annotations

import psycopg
import pytest

from app.models.database import Database
from app.models.enums import Role
from app.services.calls.dto import CallAnswer, CallFilter
from app.services.core.context import SYSTEM
from app.services.core.jalali import tehran_today
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.core.test_county_scope import build_world
from tests.core.test_county_scope_pg import _login, pg_services  # noqa: F401 - a fixture
from tests.support import helpers, secure_pg
from tests.support.secure_pg import SecureDatabase

pytestmark = pytest.mark.pg

CALL_INSERT = "INSERT INTO satisfaction_call (request_id) SELECT 1 WHERE false"
CALL_UPDATE = "UPDATE satisfaction_call SET score = score WHERE false"
ATTEMPT_INSERT = "INSERT INTO satisfaction_call_attempt (call_id) SELECT 1 WHERE false"
ATTEMPT_UPDATE = "UPDATE satisfaction_call_attempt SET note = note WHERE false"
DELETES = ["DELETE FROM satisfaction_call WHERE false",
           "DELETE FROM satisfaction_call_attempt WHERE false"]
READS = ["SELECT count(*) FROM satisfaction_call",
         "SELECT count(*) FROM satisfaction_call_attempt"]
RULES = {  # role -> (allowed, refused)
    "inspector": (READS, [CALL_INSERT, CALL_UPDATE, ATTEMPT_INSERT, ATTEMPT_UPDATE, *DELETES]),
    "operator": ([*READS, CALL_INSERT, CALL_UPDATE, ATTEMPT_INSERT], [ATTEMPT_UPDATE, *DELETES]),
    "manager": ([*READS, CALL_INSERT, CALL_UPDATE, ATTEMPT_INSERT], [ATTEMPT_UPDATE, *DELETES]),
    "admin": ([*READS, CALL_INSERT, CALL_UPDATE, ATTEMPT_INSERT], [ATTEMPT_UPDATE, *DELETES]),
}

sdb = secure_pg.module_database()


@pytest.mark.parametrize("role", list(RULES))
def test_each_role_may_do_with_calls_what_it_should(sdb: SecureDatabase, role: str) -> None:
    """Inspectors read; operators, managers (and administrators) record; attempts are never
    changed and nothing is deleted."""
    allowed, refused = RULES[role]
    login = sdb.add_login(f"call_{role}", role)
    with sdb.connect(login) as conn:
        assert [sql for sql in allowed if secure_pg.refused(conn, sql)] == []
        assert [sql for sql in refused if secure_pg.refused(conn, sql)] == refused


def test_an_operator_calls_and_an_inspector_reads_as_their_own_logins(sdb: SecureDatabase) -> None:
    owner = Services.for_database(Database(sdb.url))
    people = {role: owner.users.add(SYSTEM, f"c{role[:3]}", "secret-1", role, f"کاربر {role}")
              for role in ("operator", "inspector")}
    logins = {role: sdb.add_login(f"c{role[:3]}", role) for role in people}
    op = Services.for_database(Database(sdb.login_url(logins["operator"])))
    clerk = actor_of(people["operator"])
    r = helpers.register(op, clerk, nid=helpers.valid_nid("800000001"))
    r = op.requests.answer_directly(clerk, r.id, r.version, "پاسخ داده شد")
    op.requests.close(clerk, r.id, r.version, satisfaction=2)
    done = op.calls.record(clerk, r.id, 0, CallAnswer(True, 5, True, "راضی است"))
    assert done.attempts == 1
    insp = Services.for_database(Database(sdb.login_url(logins["inspector"])))
    row = insp.calls.row(r.id, actor_of(people["inspector"]))
    assert (row.score, row.solved) == (5, True)
    with psycopg.connect(sdb.libpq_url(), autocommit=True) as conn:
        logged = conn.execute(
            "SELECT table_name, login FROM row_change WHERE table_name LIKE 'satisfaction%' "
            "ORDER BY id").fetchall()
    assert {t for t, _ in logged} == {"satisfaction_call", "satisfaction_call_attempt"}
    assert {who for _, who in logged} == {logins["operator"]}
    for sv in (owner, op, insp):
        sv.db.dispose()


def test_a_scoped_login_sees_only_its_counties_calls(pg_services: Services) -> None:  # noqa: F811
    w = build_world(pg_services)
    today = tehran_today()
    with pg_services.db.engine.begin() as c:
        for rid in (w.a_requests[0], w.b_requests[0]):
            call = c.exec_driver_sql(
                "INSERT INTO satisfaction_call (request_id, outcome, attempts, last_attempt_day, "
                "comment, created_at, version) VALUES (%s, 'pending', 1, %s, '', now(), 1) "
                "RETURNING id", (rid, today)).scalar()
            c.exec_driver_sql(
                "INSERT INTO satisfaction_call_attempt (call_id, request_id, at, day, reached, "
                "note) VALUES (%s, %s, now(), %s, false, '')", (call, rid, today))
    with _login(pg_services, "farmandari") as conn:
        assert conn.execute("SELECT array_agg(request_id) FROM satisfaction_call").fetchone()[0] \
            == [w.a_requests[0]]
        assert conn.execute("SELECT count(*) FROM satisfaction_call_attempt").fetchone()[0] == 1
        cur = conn.execute("UPDATE satisfaction_call SET comment = 'x' WHERE request_id = %s",
                           (w.b_requests[0],))
        assert cur.rowcount == 0
    rows = pg_services.calls.page(CallFilter("today"), actor=w.scoped).rows
    assert [r.request_id for r in rows] == [w.a_requests[0]]
    assert Role.OPERATOR == w.scoped.role
