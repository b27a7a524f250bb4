"""County scope on the server: a scoped login reading or writing another county's rows (RLS)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.models import server
from app.models.database import Database
from app.models.enums import Role
from app.services.core import persian
from app.services.core.context import SYSTEM
from app.services.registry import Services
from app.services.requests.dto import InboxFilter
from tests.core.test_county_scope import World, build_world

PATTERN = "%" + persian.search_terms("درخواست")[0] + "%"
# scope_search_days over every day the login's rows were received on, one way or the other.
DAYS = "SELECT count(*) FROM scope_search_days(%s, %s::text[], {}, {}, NULL)"
NEWEST = "(SELECT max(received_at)::date FROM request)"
OLDEST = "(SELECT min(received_at)::date FROM request)"


@pytest.fixture
def pg_services(pg_url: str) -> Iterator[Services]:
    """Every service over a fresh PostgreSQL database (opened as the superuser, like the owner)."""
    db = Database(pg_url)
    db.open()
    yield Services.for_database(db)
    db.dispose()


def _login(services: Services, username: str) -> psycopg.Connection:
    """Connect as a Pol user's own LOGIN role, creating it if the accounts work has not."""
    with services.db.engine.begin() as conn:
        names = server.stored_names(conn)
        assert names is not None
        login = names.login(username)
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                      (login,)).scalar()
        if not exists:
            role = next(u.role for u in services.users.list() if u.username == username)
            conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN IN ROLE "{names.group(role)}"')
    url = make_url(services.db.url)
    return psycopg.connect(host=url.host, port=url.port or 5432, dbname=url.database,
                           user=login, autocommit=True, connect_timeout=5)


def _count(conn: psycopg.Connection, sql: str, *args: object) -> int:
    return conn.execute(sql, args).fetchone()[0]


def test_a_scoped_login_sees_and_changes_only_its_counties(pg_services: Services) -> None:
    """Reading another county's requests, referrals and meetings gives no rows; writes fail."""
    w: World = build_world(pg_services)
    province = pg_services.users.add(SYSTEM, "ostan", "secret-1", Role.OPERATOR)
    assert province.county_ids == ()
    refusals = 0
    with _login(pg_services, "farmandari") as c:
        assert _count(c, "SELECT count(*) FROM request WHERE county_id = %s", w.b) == 0
        assert _count(c, "SELECT count(*) FROM request") == 3
        assert _count(c, "SELECT count(*) FROM request WHERE county_id IS NULL") == 0
        assert _count(c, "SELECT count(*) FROM referral WHERE request_id = ANY(%s)",
                      w.b_requests) == 0
        assert _count(c, "SELECT count(*) FROM referral") == 1
        assert _count(c, "SELECT count(*) FROM meeting WHERE county_id = %s", w.b) == 0
        assert _count(c, "SELECT count(*) FROM meeting") == 1
        assert _count(c, "SELECT count(*) FROM review") == 0
        # Updates of another county's rows reach nothing.
        cur = c.execute("UPDATE request SET subject = 'x' WHERE county_id = %s", (w.b,))
        refusals += cur.rowcount == 0
        cur = c.execute("UPDATE referral SET letter_no = 'x' WHERE request_id = ANY(%s)",
                        (w.b_requests,))
        refusals += cur.rowcount == 0
        cur = c.execute("UPDATE meeting SET place = 'x' WHERE id = %s", (w.b_meeting,))
        refusals += cur.rowcount == 0
        # Moving an own request to another county, or inserting one there, is refused.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE request SET county_id = %s WHERE id = %s", (w.b, w.a_requests[0]))
        refusals += 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute(
                "INSERT INTO request (id, tracking_code, channel, type, subject, body, county_id,"
                " received_at, status, priority, deep_rooted, answer_text, actions_taken,"
                " search_key, created_at, version) VALUES (990001, 'X-990001', 'walk_in',"
                " 'complaint', 'x', '', %s, now(), 'new', 'normal', false, '', '', '', now(), 1)",
                (w.b,))
        refusals += 1
        # The county's own rows stay writable.
        cur = c.execute("UPDATE request SET subject = 'ویرایش' WHERE id = %s",
                        (w.a_requests[0],))
        assert cur.rowcount == 1
        # The search function answers only within the login's counties.
        assert _count(c, "SELECT count(*) FROM scope_search(%s)", PATTERN) == 3
        # So does the one the inbox calls, every pattern at once.
        assert _count(c, "SELECT count(*) FROM scope_search_all(%s)", [PATTERN]) == 3
        assert _count(c, "SELECT count(*) FROM scope_search_all(%s)", [PATTERN, "%الف%"]) == 3
        assert _count(c, "SELECT count(*) FROM scope_search_all(%s)", [PATTERN, "%ب0%"]) == 0
        # And the day-by-day one of a first page, over every day, either way.
        assert _count(c, DAYS.format(NEWEST, OLDEST), [PATTERN], []) == 3
        assert _count(c, DAYS.format(OLDEST, NEWEST), [PATTERN], ["%ب%"]) == \
            _count(c, "SELECT count(*) FROM scope_search_all(%s)", [PATTERN, "%ب%"])
        # Citizens stay readable: a citizen may have requests in several counties.
        assert _count(c, "SELECT count(*) FROM citizen") >= 0
    assert refusals == 5
    with _login(pg_services, "ostan") as c:
        assert _count(c, "SELECT count(*) FROM request") == 6
        assert _count(c, "SELECT count(*) FROM referral") == 2
        assert _count(c, "SELECT count(*) FROM meeting") == 2
        assert _count(c, "SELECT count(*) FROM scope_search(%s)", PATTERN) == 6
        assert _count(c, "SELECT count(*) FROM scope_search_all(%s)", [PATTERN, "%ب%"]) == 3
        assert _count(c, DAYS.format(NEWEST, OLDEST), [PATTERN], []) == 6
    # The services opened as the owner are not bypassed: they scope too.
    assert pg_services.inbox.count(InboxFilter(), w.scoped) == 3


def test_search_index_holds_trigrams_and_the_received_day(pg_services: Services) -> None:
    """Migration 0008f: one GIN over the key's trigrams and the day scope_search_days asks for."""
    with pg_services.db.engine.connect() as c:
        defs = [r[0] for r in c.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'request' "
            "AND indexdef LIKE '%%USING gin%%'")]
        c.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in c.exec_driver_sql(
            "EXPLAIN SELECT r.id FROM request r WHERE r.received_at::date = DATE '2026-01-01' "
            "AND r.search_key LIKE '%%درخواست%%'"))
    assert len(defs) == 1 and "gin_trgm_ops" in defs[0] and "::date" in defs[0]
    assert "ix_request_search_day" in plan and "received_at)::date" in plan
