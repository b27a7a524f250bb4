"""The server itself refuses what a role may not do, whatever client a login uses.

Each login connects with psycopg straight to the database (as `psql` would) and tries what its
role must not do; the refusals are counted. The same logins then do their own work through
Pol's services, so the grants are not merely narrow but enough.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from app.models.database import Database
from app.models.enums import ReferralStatus, Role  # noqa: F401
from app.services.core.context import SYSTEM
from app.services.core.jalali import tehran_today
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.conftest import PG_ADMIN_URL
from tests.support import helpers
from tests.support.secure_pg import SecureDatabase, secure_database

pytestmark = pytest.mark.pg

# What each role must not do, as a client would try it. WHERE false: the server checks the
# privilege when it plans the statement, so nothing needs to exist and nothing is changed.
FORBIDDEN: dict[str, list[str]] = {
    "inspector": [
        # An objection's decision may change a request's status and its referrals' (in the
        # deciding transaction only: tests/objections/test_objections_pg.py); nothing else.
        "UPDATE request SET subject = subject WHERE false",
        "UPDATE referral SET response_text = response_text WHERE false",
        "INSERT INTO request (tracking_code) SELECT 'x' WHERE false",
        "DELETE FROM request WHERE false",
        "INSERT INTO app_user (username) SELECT 'x' WHERE false",
        "UPDATE app_user SET role = 'admin' WHERE false",
        "DELETE FROM audit_event WHERE false",
        "UPDATE audit_event SET hash = hash WHERE false",
        "TRUNCATE audit_event",
        "UPDATE review SET verdict = verdict WHERE false",
        "UPDATE setting SET value = value WHERE false",
    ],
    "operator": [
        "INSERT INTO app_user (username) SELECT 'x' WHERE false",
        "UPDATE app_user SET role = 'admin' WHERE false",
        "INSERT INTO user_county SELECT 1, 1 WHERE false",
        "DELETE FROM audit_event WHERE false",
        "UPDATE audit_event SET hash = hash WHERE false",
        "TRUNCATE audit_event",
        "DELETE FROM request WHERE false",
        "TRUNCATE request",
        "UPDATE setting SET value = '0' WHERE false",
        "INSERT INTO county (name) SELECT 'x' WHERE false",
        "INSERT INTO review (request_id) SELECT 1 WHERE false",
        "SELECT count(*) FROM row_change",
        "UPDATE server_setup SET role_prefix = 'x' WHERE false",
    ],
    "admin": [
        "DELETE FROM audit_event WHERE false",
        "UPDATE audit_event SET hash = hash WHERE false",
        "TRUNCATE audit_event",
        "DELETE FROM row_change WHERE false",
        "DELETE FROM request WHERE false",
        "UPDATE server_setup SET role_prefix = 'x' WHERE false",
    ],
}
FORBIDDEN["manager"] = FORBIDDEN["operator"]

# What each role's work needs, tried the same way: all of it must pass.
ALLOWED: dict[str, list[str]] = {
    "inspector": ["SELECT count(*) FROM request", "SELECT count(*) FROM audit_event",
                  "INSERT INTO review (request_id) SELECT 1 WHERE false",
                  "SELECT count(*) FROM row_change"],
    "operator": ["UPDATE request SET subject = subject WHERE false",
                 "INSERT INTO referral (request_id) SELECT 1 WHERE false",
                 "INSERT INTO audit_event (hash) SELECT 'x' WHERE false"],
    "admin": ["UPDATE app_user SET role = role WHERE false",
              "UPDATE setting SET value = value WHERE false"],
}
ALLOWED["manager"] = ALLOWED["operator"]


@pytest.fixture(scope="module")
def sdb(pg_template: str | None) -> Iterator[SecureDatabase]:
    """One secured database for the module (creating one takes a few seconds)."""
    if pg_template is None:
        pytest.skip("PostgreSQL server not reachable")
    with secure_database(PG_ADMIN_URL) as s:
        yield s


def _refused(conn: psycopg.Connection, sql: str) -> bool:
    """True when the server refuses the statement for want of a privilege."""
    try:
        conn.execute(sql)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


@pytest.mark.parametrize("role", ["inspector", "operator", "manager", "admin"])
def test_each_role_is_refused_what_it_may_not_do(sdb: SecureDatabase, role: str) -> None:
    login = sdb.add_login(f"try_{role}", role)
    with sdb.connect(login) as conn:
        refusals = [sql for sql in FORBIDDEN[role] if _refused(conn, sql)]
        passed = [sql for sql in ALLOWED[role] if not _refused(conn, sql)]
    assert refusals == FORBIDDEN[role]
    assert passed == ALLOWED[role]


def test_no_login_makes_itself_administrator(sdb: SecureDatabase) -> None:
    login = sdb.add_login("climber", "operator")
    attempts = [
        f'GRANT "{sdb.names.group("admin")}" TO "{login}"',
        f'GRANT "{sdb.names.owner}" TO "{login}"',
        f'SET ROLE "{sdb.names.group("admin")}"',
        f'ALTER ROLE "{login}" CREATEROLE',
        f'CREATE ROLE "{login}_2" LOGIN',
        "CREATE TABLE public.mine (x int)",
    ]
    refused = 0
    with sdb.connect(login) as conn:
        for sql in attempts:
            try:
                conn.execute(sql)
            except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidGrantOperation):
                refused += 1
        still = conn.execute("SELECT pg_has_role(current_user, %s, 'member')",
                             (sdb.names.group("admin"),)).fetchone()[0]
    assert refused == len(attempts)
    assert still is False


def test_only_the_databases_own_roles_may_connect(sdb: SecureDatabase) -> None:
    stranger = sdb.add_login("stranger", None)  # a login of no group of this database
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        sdb.connect(stranger).close()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        acl = admin.execute("SELECT datacl::text FROM pg_database WHERE datname = %s",
                            (sdb.name,)).fetchone()[0]
    grants = acl.strip("{}").split(",")
    assert not [g for g in grants if g.startswith("=")]  # "=c/…" would be PUBLIC's CONNECT
    for group in sdb.names.groups:
        assert f"{group}=c/postgres" in grants


def test_a_second_pol_database_shares_no_role(sdb: SecureDatabase) -> None:
    with secure_database(PG_ADMIN_URL) as other:
        assert other.names.prefix != sdb.names.prefix
        theirs = other.add_login("their_operator", "operator")
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            sdb.connect(theirs).close()


def test_the_schema_belongs_to_the_owner(sdb: SecureDatabase) -> None:
    with psycopg.connect(sdb.libpq_url(), autocommit=True) as conn:
        owners = {r[0] for r in conn.execute(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'")}
    assert owners == {sdb.names.owner}


def _services_as(sdb: SecureDatabase, login: str) -> Services:
    db = Database(sdb.login_url(login))
    return Services.for_database(db)


def test_each_role_does_its_work_through_pol_as_its_own_login(sdb: SecureDatabase) -> None:
    owner = Services.for_database(Database(sdb.url))
    people = {role: owner.users.add(SYSTEM, f"w{role[:3]}", "secret-1", role, f"کاربر {role}")
              for role in ("operator", "inspector", "admin")}
    logins = {role: sdb.add_login(f"w{role[:3]}", role) for role in people}
    op = _services_as(sdb, logins["operator"])
    clerk = actor_of(people["operator"])
    req = helpers.register(op, clerk)
    req = op.requests.assign(clerk, req.id, req.version, people["operator"].id)
    op.requests.mark_deep_rooted(clerk, req.id, req.version, True)
    req = op.requests.get(req.id)
    ref = op.referrals.refer(clerk, req.id, req.version, helpers.agency_id(op),
                             "۱۲۳/۴۵", tehran_today())
    assert ref.agency == "شرکت آب و فاضلاب"
    insp = _services_as(sdb, logins["inspector"])
    inspector = actor_of(people["inspector"])
    rv = insp.reviews.record(inspector, req.id, None, "overdue", "proper", "بررسی شد.")
    assert rv.note == "بررسی شد."
    assert insp.reviews.check_chain().ok
    adm = _services_as(sdb, logins["admin"])
    assert adm.users.set_lock_minutes(actor_of(people["admin"]), 20) == 20
    for sv in (op, insp, adm):
        assert sv.stats.overview_counts()["requests"] == 1
        sv.db.dispose()
    owner.db.dispose()


def test_a_login_bearing_a_group_name_is_never_made_a_group(pg_template: str | None) -> None:
    from app.errors import PolError
    from tests.support import pg_roles

    if pg_template is None:
        pytest.skip("PostgreSQL server not reachable")
    prefix = pg_roles.new_prefix("pz")
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{prefix}admin" LOGIN')  # someone's login, by chance
        admin.execute(f'CREATE DATABASE "{prefix}db"')
        try:
            url = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://",
                                                         "postgresql+psycopg://", 1)
            db = Database(f"{url}/{prefix}db", role_prefix=prefix)
            with pytest.raises(PolError, match="پیشوند دیگری"):
                db.upgrade()
            db.dispose()
            member_of = admin.execute(
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "WHERE r.rolname = %s", (f"{prefix}admin",)).fetchone()[0]
            assert member_of == 0
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{prefix}db" WITH (FORCE)')
            pg_roles.drop_roles(admin, prefix)


def test_a_server_refusal_reaches_the_user_as_one_persian_line(sdb: SecureDatabase) -> None:
    """A Pol fooled into thinking an inspector is a clerk still cannot write: the server says no."""
    from dataclasses import replace

    from app.errors import ServerRefused

    owner = Services.for_database(Database(sdb.url))
    info = owner.users.add(SYSTEM, "fooled", "secret-1", "inspector", "بازرس")
    before = owner.stats.overview_counts()["requests"]
    sv = _services_as(sdb, sdb.add_login("fooled", "inspector"))
    pretender = replace(actor_of(info), role=Role.OPERATOR)
    with pytest.raises(ServerRefused, match="اجازهٔ این کار را به حساب شما نمی‌دهد"):
        helpers.register(sv, pretender)
    assert owner.stats.overview_counts()["requests"] == before
    sv.db.dispose()
    owner.db.dispose()
