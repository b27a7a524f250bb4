"""A database made before logins existed (revision 0005t) upgraded on the shared server: its
users get their logins by `users password NAME`, the documented command; and the role
prefixes of `db upgrade`."""

from __future__ import annotations

import io
import sys
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from argon2 import PasswordHasher

from app.cli import main
from app.errors import AuthenticationFailed
from app.models import User
from app.models.database import Database
from app.models.enums import Role
from app.models.server import RoleNames
from app.services.core import jalali
from app.services.registry import Services
from tests.conftest import _pg_admin, _pg_url, _skip_or_fail_pg
from tests.support import pg_roles


@pytest.fixture
def old_database() -> Iterator[tuple[str, RoleNames]]:
    """A database migrated to 0005t only, with two users (one inactive) and Pol's own hashes."""
    admin = _pg_admin()
    if admin is None:
        _skip_or_fail_pg()
    name, prefix = f"pol_old_{uuid.uuid4().hex[:8]}", pg_roles.new_prefix("po")
    admin.execute(f'CREATE DATABASE "{name}"')
    url = _pg_url(name)
    db = Database(url)
    try:
        cfg = db.alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0005t")
        with db.write() as s:
            for username, role, active in (("leila", Role.MANAGER, True),
                                           ("babak", Role.OPERATOR, False)):
                s.add(User(username=username, full_name="", role=role, active=active,
                           password_hash=PasswordHasher().hash("old-pass"),
                           created_at=jalali.utc_now()))
        db.dispose()
        yield url, RoleNames(prefix, prefix)
    finally:
        db.dispose()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg_roles.drop_roles(admin, prefix)
        admin.close()


def _groups(login: str) -> set[str]:
    conn = _pg_admin()
    assert conn is not None
    with conn:
        rows = conn.execute(
            "SELECT g.rolname, u.rolcanlogin FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname = %s", (login,)).fetchall()
    return {f"{g}{'' if can else ' (nologin)'}" for g, can in rows}


def test_upgraded_users_get_their_logins_by_users_password(old_database, capsys,
                                                           monkeypatch) -> None:
    """db upgrade with prefixes → the old users have no login and cannot sign in →
    `users password NAME` gives each one, in its role's group (NOLOGIN when inactive)."""
    url, names = old_database
    bad = main(["--db", url, "db", "upgrade", "--role-prefix", "Bad-prefix"])
    assert bad == 2 and "نامعتبر" in capsys.readouterr().err
    assert main(["--db", url, "db", "upgrade", "--role-prefix", names.prefix,
                 "--login-prefix", names.login_prefix]) == 0
    capsys.readouterr()
    again = main(["--db", url, "db", "upgrade", "--role-prefix", "other_"])
    assert again == 2 and "فقط برای پایگاه دادهٔ تازه" in capsys.readouterr().err

    assert main(["--db", url, "users", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.count("login: none (set one with: users password NAME)") == 2
    db = Database(url)
    try:
        with pytest.raises(AuthenticationFailed):
            Services.for_database(db).users.authenticate("leila", "old-pass")
    finally:
        db.dispose()

    for username in ("leila", "babak"):
        monkeypatch.setattr(sys, "stdin", io.StringIO("new-server-pass\n"))
        assert main(["--db", url, "users", "password", username]) == 0
        assert "login created" in capsys.readouterr().out
    assert _groups(names.login("leila")) == {names.group("manager")}
    assert _groups(names.login("babak")) == {names.group("operator") + " (nologin)"}
    monkeypatch.setattr(sys, "stdin", io.StringIO("newer-server-pass\n"))
    assert main(["--db", url, "users", "password", "leila"]) == 0
    assert capsys.readouterr().out.strip() == "password of leila set"

    assert main(["--db", url, "users", "list"]) == 0
    listed = capsys.readouterr().out
    assert "leila\tmanager\tactive\t\t*\tlogin: can sign in" in listed
    assert "babak\toperator\tinactive\t\t*\tlogin: disabled" in listed
    db = Database(url)
    try:
        assert Services.for_database(db).users.authenticate("leila", "newer-server-pass")
    finally:
        db.dispose()
    monkeypatch.setattr(sys, "stdin", io.StringIO("whatever-pass\n"))
    assert main(["--db", url, "users", "password", "nobody"]) == 2
    assert "کاربر پیدا نشد" in capsys.readouterr().err


def test_users_add_on_a_server_makes_the_login(pg_url, capsys, monkeypatch) -> None:
    """`users add` with the password on standard input: a LOGIN role in the role's group."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("cli-pass-1\n"))
    assert main(["--db", pg_url, "users", "add", "mina", "--role", "inspector"]) == 0
    db = Database(pg_url)
    try:
        with db.read() as s:
            from app.models.server import stored_names

            names = stored_names(s.connection())
    finally:
        db.dispose()
    assert names is not None
    assert _groups(names.login("mina")) == {names.group("inspector")}
    capsys.readouterr()
    assert main(["--db", pg_url, "users", "list"]) == 0
    assert "mina\tinspector\tactive\t\t*\tlogin: can sign in" in capsys.readouterr().out


def test_role_prefixes_are_for_postgresql_only(tmp_path, capsys) -> None:
    """On SQLite the prefixes mean nothing: refused in Persian."""
    url = f"sqlite:///{tmp_path / 'pol.sqlite3'}"
    assert main(["--db", url, "db", "upgrade", "--role-prefix", "office_"]) == 2
    assert "فقط برای پایگاه دادهٔ PostgreSQL" in capsys.readouterr().err
