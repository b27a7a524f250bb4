"""A PostgreSQL LOGIN role per Pol user, managed by administrators (issue 11), on the real server.

Each module gets a fresh database with its own role and login prefix; its roles are dropped
afterwards. This server trusts every connection, so passwords are tried on a private
scram-sha-256 cluster (test_server_accounts_scram.py); here a password is checked by reading the
verifier the server stored (pg_authid, as superuser).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import select, text

from app.errors import AccountLocked, PermissionDenied, ServerRefused, ValidationError
from app.models import User
from app.models.database import Database
from app.models.enums import Role
from app.models.server import RoleNames, accounts
from app.services.core import messages as msg
from app.services.core import scram, server_accounts
from app.services.core.context import SYSTEM, Actor
from app.services.core.users import UserService, actor_of
from app.services.registry import Services
from tests.conftest import PG_ADMIN_URL, _pg_admin, _skip_or_fail_pg
from tests.support.secure_pg import secure_database


@dataclass
class ServerDb:
    """A fresh Pol database on the shared server, its role names and a superuser connection."""

    url: str
    names: RoleNames
    admin: psycopg.Connection
    services: Services

    def login_url(self, username: str) -> str:
        """The database's URL, connecting as a Pol user's own login (trust: no password)."""
        return self.url.replace("postgres@", f"{self.names.login(username)}@", 1)

    def groups_of(self, username: str) -> set[str]:
        """The roles the user's login is a member of."""
        rows = self.admin.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            (self.names.login(username),)).fetchall()
        return {r[0] for r in rows}

    def can_login(self, username: str) -> bool | None:
        """rolcanlogin of the user's login (None: no such role)."""
        row = self.admin.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                                 (self.names.login(username),)).fetchone()
        return None if row is None else bool(row[0])

    def verifier(self, username: str) -> str:
        """The password verifier the server stored for the user's login."""
        return self.admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                  (self.names.login(username),)).fetchone()[0]


@pytest.fixture(scope="module")
def server_db() -> Iterator[ServerDb]:
    """A database of its own (roles `{p}…`, logins `{p}user`), dropped with its roles."""
    admin = _pg_admin()
    if admin is None:
        _skip_or_fail_pg()
    with secure_database(PG_ADMIN_URL, "pa") as sdb:
        db = Database(sdb.url)
        try:
            sv = Services.for_database(db)
            boss = sv.users.add(SYSTEM, "boss", "boss-pass", Role.ADMIN, "مدیر")
            assert boss.username == "boss"
            yield ServerDb(sdb.url, sdb.names, admin, sv)
        finally:
            db.dispose()
            admin.close()


def _boss(sdb: ServerDb):  # noqa: ANN202 - an Actor
    return actor_of(next(u for u in sdb.services.users.list() if u.username == "boss"))


def test_add_makes_a_login_member_of_exactly_its_group(server_db: ServerDb) -> None:
    """The login is `{login_prefix}name`, LOGIN, plain (no extra powers), in one group; Pol
    keeps no password of its own."""
    users, n = server_db.services.users, server_db.names
    u = users.add(_boss(server_db), "sima", "sima-pass-1", Role.OPERATOR, "سیما")
    assert server_db.groups_of("sima") == {n.group("operator")}
    assert server_db.can_login("sima") is True
    flags = server_db.admin.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
        "FROM pg_roles WHERE rolname = %s", (n.login("sima"),)).fetchone()
    assert flags == (False, False, False, False, False)
    assert scram.matches(server_db.verifier("sima"), "sima-pass-1")
    with server_db.services.db.read() as s:
        assert s.scalar(select(User.password_hash).where(User.id == u.id)) == ""
    assert users.server_logins()["sima"] == accounts.ACTIVE
    assert users.authenticate("sima", "sima-pass-1").id == u.id


def test_role_activity_and_password_follow_the_user(server_db: ServerDb) -> None:
    """set_role moves the membership, set_active(False) is NOLOGIN, reset_password stores the
    new verifier; every change in the same transaction as the row."""
    users, n, boss = server_db.services.users, server_db.names, _boss(server_db)
    u = users.add(boss, "kian", "kian-pass-1", Role.OPERATOR)
    u = users.set_role(boss, u.id, Role.INSPECTOR, expected_version=u.version)
    assert server_db.groups_of("kian") == {n.group("inspector")}
    u = users.set_role(boss, u.id, Role.ADMIN, expected_version=u.version)
    assert server_db.groups_of("kian") == {n.group("admin")}
    u = users.set_active(boss, u.id, False, expected_version=u.version)
    assert server_db.can_login("kian") is False
    with pytest.raises(AccountLocked):
        users.authenticate("kian", "kian-pass-1")  # the server says "not permitted to log in"
    assert users.server_logins()["kian"] == accounts.INACTIVE
    u = users.reset_password(boss, u.id, "kian-pass-2", expected_version=u.version)
    assert scram.matches(server_db.verifier("kian"), "kian-pass-2")
    assert server_db.can_login("kian") is False  # a new password does not reactivate
    users.set_active(boss, u.id, True, expected_version=u.version)
    assert server_db.can_login("kian") is True
    assert users.authenticate("kian", "kian-pass-2").role == Role.ADMIN


def test_a_refused_change_leaves_no_login_behind(server_db: ServerDb) -> None:
    """Role changes are transactional: a write that fails after making the login undoes it."""
    db = server_db.services.db
    with pytest.raises(RuntimeError), db.write() as s:
        server_accounts.create(s, "ghost", "ghost-pass", Role.OPERATOR)
        assert server_accounts.status(s, "ghost") == accounts.ACTIVE
        raise RuntimeError("the row's write failed")
    assert server_db.can_login("ghost") is None


def test_names_the_server_cannot_take_get_persian_messages(server_db: ServerDb) -> None:
    """A name another server role has, a reserved one, or one past 63 bytes: refused in
    Persian, and no Pol user is left behind."""
    users, n, boss = server_db.services.users, server_db.names, _boss(server_db)
    server_db.admin.execute(f'CREATE ROLE "{n.login("taken")}" NOLOGIN')
    cases = {
        "taken": msg.USERNAME_USED_ON_SERVER,  # some other role of the server
        "owner": msg.USERNAME_USED_ON_SERVER,  # the login would be this database's owner
        "x_admin": msg.USERNAME_NOT_ALLOWED_ON_SERVER,  # shaped like a Pol group
        "ن" * 30: msg.username_too_long_for_server(63 - len(n.login_prefix)),
    }
    for name, message in cases.items():
        with pytest.raises(ValidationError) as err:
            users.add(boss, name, "long-pass", Role.OPERATOR)
        assert err.value.errors["username"] == message, name
    assert not {u.username for u in users.list()} & set(cases)
    assert server_db.groups_of("taken") == set()


def test_an_administrator_signed_in_as_its_own_login_manages_users(server_db: ServerDb) -> None:
    """The services on an administrator's own connection make and change logins (the
    functions run as the owner; the administrator's login has no CREATEROLE)."""
    n = server_db.names
    own = Database(server_db.login_url("boss"))
    try:
        sv = Services.for_database(own)
        boss = actor_of(sv.users.authenticate("boss", "boss-pass"))
        u = sv.users.add(boss, "nava", "nava-pass-1", Role.MANAGER)
        assert server_db.groups_of("nava") == {n.group("manager")}
        u = sv.users.set_role(boss, u.id, Role.OPERATOR, expected_version=u.version)
        u = sv.users.reset_password(boss, u.id, "nava-pass-2", expected_version=u.version)
        sv.users.set_active(boss, u.id, False, expected_version=u.version)
        assert server_db.groups_of("nava") == {n.group("operator")}
        assert scram.matches(server_db.verifier("nava"), "nava-pass-2")
        assert server_db.can_login("nava") is False
        with own.read() as s:
            assert s.connection().exec_driver_sql("SELECT current_user").scalar() == n.login("boss")
    finally:
        own.dispose()


def test_an_operator_login_cannot_run_the_account_functions(server_db: ServerDb) -> None:
    """Connected as an operator's login, every account function is refused by the server; on
    that connection even a Pol fooled into taking the operator for an administrator gets the
    server's refusal, in Persian."""
    users, n = server_db.services.users, server_db.names
    op = users.add(_boss(server_db), "omid", "omid-pass", Role.OPERATOR)
    v = scram.verifier("x-pass")
    calls = [("pol_account_create(%s, %s, %s)", ("mallory", v, "admin")),
             ("pol_account_set_role(%s, %s)", ("omid", "admin")),
             ("pol_account_set_login(%s, %s)", ("boss", False)),
             ("pol_account_set_password(%s, %s)", ("boss", v))]
    refused = 0
    with psycopg.connect(server_db.url.replace("+psycopg", "").replace(
            "postgres@", f"{n.login('omid')}@", 1), autocommit=True) as conn:
        for call, args in calls:
            try:
                conn.execute(f"SELECT public.{call}", args)
            except psycopg.errors.InsufficientPrivilege:
                refused += 1
    assert refused == len(calls) == 4
    assert server_db.groups_of("omid") == {n.group("operator")}
    assert server_db.can_login("mallory") is None
    own = Database(server_db.login_url("omid"))
    try:
        forged = Actor(op.id, op.username, Role.ADMIN, op.full_name)  # Pol fooled, not the server
        mine = UserService(own)
        # The row comes first: the server refuses the write to app_user (Database's translation).
        with pytest.raises(ServerRefused):
            mine.add(forged, "mallory", "mallory-pass", Role.ADMIN)
        with pytest.raises(ServerRefused):
            mine.set_role(forged, op.id, Role.ADMIN)
        with own.write() as s, pytest.raises(PermissionDenied):
            server_accounts.set_role(s, "omid", Role.ADMIN)
        assert mine.server_logins()["omid"] == accounts.ACTIVE  # reading is fine
    finally:
        own.dispose()
    assert server_db.groups_of("omid") == {n.group("operator")} and op.role == Role.OPERATOR


def test_the_functions_touch_only_this_databases_pol_logins(server_db: ServerDb) -> None:
    """Called by an administrator's login, the functions refuse the owner, a group, a superuser
    (even one put in a group), a role outside the groups, an unknown role name, a plain
    password, and an injection attempt stays a (refused) name."""
    n = server_db.names
    sa = server_db.admin
    sa.execute(f'CREATE ROLE "{n.login("su")}" SUPERUSER NOLOGIN')
    sa.execute(f'GRANT "{n.group("operator")}" TO "{n.login("su")}"')
    sa.execute(f'CREATE ROLE "{n.login("stranger")}" LOGIN')
    sa.execute(f'CREATE ROLE "{n.login("twofaced")}" LOGIN IN ROLE "{n.group("operator")}", '
               'pg_read_all_data')
    v = scram.verifier("pw-12345")
    evil = f'x"; ALTER ROLE "{n.login("boss")}" SUPERUSER; --'
    attempts = [
        ("pol_account_set_password(%s, %s)", ("owner", v), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_role(%s, %s)", ("admin", "operator"), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_login(%s, %s)", ("operator", True), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_login(%s, %s)", ("su", True), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_password(%s, %s)", ("su", v), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_password(%s, %s)", ("stranger", v), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_role(%s, %s)", ("twofaced", "admin"), accounts.NOT_A_POL_LOGIN),
        ("pol_account_set_role(%s, %s)", ("nobody", "admin"), accounts.NO_LOGIN),
        ("pol_account_create(%s, %s, %s)", ("owner", v, "admin"), accounts.NAME_TAKEN),
        ("pol_account_create(%s, %s, %s)", ("stranger", v, "admin"), accounts.NAME_TAKEN),
        ("pol_account_create(%s, %s, %s)", ("newbie", v, "superuser"), accounts.ROLE_INVALID),
        ("pol_account_create(%s, %s, %s)", ("newbie", "plain-pass", "operator"),
         accounts.VERIFIER_INVALID),
        ("pol_account_create(%s, %s, %s)", ("x_manager", v, "operator"), accounts.NAME_INVALID),
        ("pol_account_set_role(%s, %s)", (evil, "admin"), accounts.NO_LOGIN),
    ]
    refused: list[str] = []
    with psycopg.connect(server_db.url.replace("+psycopg", "").replace(
            "postgres@", f"{n.login('boss')}@", 1), autocommit=True) as conn:
        for call, args, state in attempts:
            try:
                conn.execute(f"SELECT public.{call}", args)
            except psycopg.Error as exc:
                assert exc.sqlstate == state, (call, args, exc)
                refused.append(call)
        conn.execute("SELECT public.pol_account_create(%s, %s, %s)", (evil, v, "operator"))
    assert len(refused) == len(attempts) == 14
    assert server_db.groups_of(evil) == {n.group("operator")}  # a name, nothing more
    row = sa.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s",
                     (n.login("boss"),)).fetchone()
    assert row == (False,)
    assert server_db.groups_of("su") == {n.group("operator")}
    assert server_db.can_login("su") is False
    assert server_db.groups_of("stranger") == set()


def test_install_again_keeps_the_functions_owned_and_granted(server_db: ServerDb) -> None:
    """Later migrations call install again: the functions stay the owner's, only the admin group
    may run the changing ones, every group may ask a status, PUBLIC nothing."""
    from app.models import server

    n = server_db.names
    with server_db.services.db.engine.begin() as conn:
        server.install(conn, n)
        rows = conn.execute(text(
            "SELECT p.proname, pg_get_userbyid(p.proowner), p.prosecdef, "
            "ARRAY(SELECT grantee::regrole::text FROM aclexplode(p.proacl) "
            "      WHERE privilege_type = 'EXECUTE' ORDER BY 1) "
            "FROM pg_proc p WHERE p.proname LIKE 'pol\\_account\\_%' ORDER BY 1")).all()
    assert [r[0] for r in rows] == ["pol_account_create", "pol_account_set_login",
                                    "pol_account_set_password", "pol_account_set_role",
                                    "pol_account_status"]
    for name, owner, definer, grantees in rows:
        assert owner == n.owner
        assert definer == (name != "pol_account_status")
        expected = {n.owner, *n.groups} if name == "pol_account_status" else {n.owner,
                                                                                n.group("admin")}
        assert set(grantees) == expected, name
    users = server_db.services.users
    u = users.add(_boss(server_db), "after_install", "after-pass", Role.OPERATOR)
    users.set_role(_boss(server_db), u.id, Role.MANAGER)
    assert server_db.groups_of("after_install") == {n.group("manager")}
