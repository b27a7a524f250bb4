"""A fresh PostgreSQL database with its own role prefix, and logins to connect as.

The shared test server trusts local connections, so a login connects without a password;
what a login may do is then decided by the server's privileges alone, which is what is tested.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest

from app.models.database import Database
from app.models.server import RoleNames
from app.services.core.reference import prepare_database
from tests.support import pg_roles


@dataclass
class SecureDatabase:
    """A migrated database of its own prefix on the shared server."""

    admin_url: str  # libpq URL of the server's maintenance database (superuser)
    name: str
    names: RoleNames

    def libpq_url(self, user: str = "postgres") -> str:
        """libpq URL of this database for a user."""
        base = self.admin_url.rsplit("/", 1)[0].split("://", 1)[1].split("@", 1)[-1]
        return f"postgresql://{user}@{base}/{self.name}"

    @property
    def url(self) -> str:
        """SQLAlchemy URL of this database as the superuser (the migrations' role in tests)."""
        return self.libpq_url().replace("postgresql://", "postgresql+psycopg://", 1)

    def add_login(self, name: str, role: str | None) -> str:
        """Create a LOGIN role `{login_prefix}{name}`, member of the group of `role` (or none)."""
        login = self.names.login(name)
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            # Pol's own account functions may have made it already (users.add on a server).
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                conn.execute(f'CREATE ROLE "{login}" LOGIN')
            if role is not None:
                conn.execute(f'GRANT "{self.names.group(role)}" TO "{login}"')
        return login

    def login_url(self, login: str) -> str:
        """SQLAlchemy URL of this database as `login`."""
        return self.libpq_url(login).replace("postgresql://", "postgresql+psycopg://", 1)

    def connect(self, login: str) -> psycopg.Connection:
        """An autocommit connection to this database as `login` (no password: trust)."""
        return psycopg.connect(self.libpq_url(login), autocommit=True, connect_timeout=5)


@contextmanager
def secure_database(admin_url: str, kind: str = "ps") -> Iterator[SecureDatabase]:
    """Create, migrate and finally drop a database and every role of its prefix.

    Every role made under the prefix is dropped too, so a test may make logins freely as long
    as their names start with `names.login_prefix` (`names.login(name)`).
    """
    prefix = pg_roles.new_prefix(kind)
    name = f"pol_s_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(admin_url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    sdb = SecureDatabase(admin_url, name, RoleNames(prefix, prefix))
    try:
        db = Database(sdb.url, role_prefix=prefix, login_prefix=prefix)
        prepare_database(db)
        db.dispose()
        yield sdb
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg_roles.drop_roles(admin, prefix)
        # and whatever else the tests made under the prefix (a stranger in no group, …)
        for (role,) in admin.execute("SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)",
                                     (prefix,)).fetchall():
            admin.execute(f'DROP ROLE "{role.replace(chr(34), chr(34) * 2)}"')
        admin.close()


def module_database(kind: str = "ps") -> Callable[..., Iterator[SecureDatabase]]:
    """A module-scoped fixture `sdb`: one secured database (prefix `kind`) for a test module.

    Use as `sdb = secure_pg.module_database("pl")` at a module's top; skips without a server.
    """

    @pytest.fixture(scope="module", name="sdb")
    def sdb(pg_template: str | None) -> Iterator[SecureDatabase]:
        from tests.conftest import PG_ADMIN_URL  # the suite's server (conftest reads its env)

        if pg_template is None:
            pytest.skip("PostgreSQL server not reachable")
        with secure_database(PG_ADMIN_URL, kind) as s:
            yield s

    return sdb


def refused(conn: psycopg.Connection, sql: str) -> bool:
    """True when the server refuses the statement for want of privileges (others raise)."""
    try:
        conn.execute(sql)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False
