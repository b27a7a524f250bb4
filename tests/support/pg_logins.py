"""Users' own server logins in tests: create one in a group, connect as it (trust server)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.models.database import Database
from app.models.server import RoleNames, stored_names


def role_names(db: Database) -> RoleNames:
    """The role names stored with a PostgreSQL database."""
    with db.engine.connect() as c:
        names = stored_names(c)
    assert names is not None
    return names


def login_url(url: str, login: str) -> str:
    """A psycopg URL of the same database, signed in as another login (trust server)."""
    u = make_url(url).set(drivername="postgresql", username=login, password=None)
    return u.render_as_string(hide_password=False)


def add_login(db: Database, name: str, role: str) -> str:
    """Create a LOGIN role in a group, as an office's IT could; returns the login name."""
    names = role_names(db)
    login = names.login(name)
    with db.engine.begin() as c:
        c.execute(text(f'CREATE ROLE "{login}" LOGIN IN ROLE "{names.group(role)}"'))
    return login
