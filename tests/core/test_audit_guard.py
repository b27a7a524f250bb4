"""The server's own guard: the row log's contents, and an audit trail nobody quietly edits."""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy import text

from app.models.database import Database
from app.models.enums import Role
from app.models.server import row_log
from app.services.registry import Services
from tests.support import audit_tamper
from tests.support.helpers import make_actor, register
from tests.support.pg_logins import add_login, login_url, role_names

GUARDED = ("audit_event", "row_change")
DESTROY = ("UPDATE {t} SET id = id", "DELETE FROM {t}", "TRUNCATE {t}")


@pytest.fixture
def filled(pg_url: str):  # noqa: ANN201
    """A PostgreSQL database with one request registered through Pol."""
    db = Database(pg_url)
    db.open()
    sv = Services.for_database(db)
    register(sv, make_actor(sv, "op", Role.OPERATOR))
    yield sv
    db.dispose()


def _superuser(pg_url: str) -> psycopg.Connection:
    return psycopg.connect(login_url(pg_url, "postgres"))


@pytest.mark.parametrize("table", GUARDED)
@pytest.mark.parametrize("statement", DESTROY)
def test_even_a_superuser_is_refused_without_the_switch(filled, pg_url, table, statement) -> None:
    """UPDATE, DELETE, TRUNCATE of the audit trail or the row log: the trigger refuses."""
    with _superuser(pg_url) as c, pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
        c.execute(statement.format(t=table))
    assert "append-only" in str(err.value)
    with filled.db.read() as s:
        assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0


def test_the_maintenance_switch_lets_the_owner_through(filled, pg_url) -> None:
    """With SET LOCAL pol.audit_maintenance = 'on' a deliberate DELETE goes through."""
    with filled.db.engine.begin() as c:
        audit_tamper.maintenance(c)
        c.execute(text("DELETE FROM row_change"))
        c.execute(text("TRUNCATE audit_event"))
    with filled.db.read() as s:
        assert s.execute(text("SELECT count(*) FROM audit_event")).scalar() == 0


@pytest.mark.parametrize("role", ["operator", "inspector"])
def test_a_user_login_is_refused_by_privilege(filled, pg_url, role) -> None:
    """A user's own login has no UPDATE, DELETE or TRUNCATE there, switch or not."""
    login = add_login(filled.db, f"u{role[:3]}", role)
    refused = 0
    for table in GUARDED:
        for statement in DESTROY:
            with psycopg.connect(login_url(pg_url, login)) as c:
                c.execute(f"SET LOCAL {row_log.MAINTENANCE_SETTING} = 'on'")
                with pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
                    c.execute(statement.format(t=table))
                assert "permission denied" in str(err.value)
                refused += 1
    with psycopg.connect(login_url(pg_url, login)) as c, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        c.execute("INSERT INTO row_change (at, login, tx, table_name, action, columns, changes) "
                  "VALUES (now(), 'x', txid_current(), 'request', 'UPDATE', '', '')")
    assert refused == 6


def test_the_server_stamps_each_event_with_its_transaction_and_login(filled, pg_url) -> None:
    """Whatever the client sends, tx and db_login are the server's."""
    login = add_login(filled.db, "forger", "operator")
    with psycopg.connect(login_url(pg_url, login)) as c:
        tx = c.execute("SELECT txid_current()").fetchone()[0]
        c.execute("INSERT INTO audit_event (at, username, entity, action, before, after, "
                  "prev_hash, hash, tx, db_login) VALUES (now(), 'x', 'request', 'update', '', '',"
                  " '0', 'forged', 1, 'someone_else')")
    with filled.db.read() as s:
        row = s.execute(text("SELECT tx, db_login FROM audit_event WHERE hash = 'forged'")).one()
        pol = s.execute(text("SELECT tx, db_login FROM audit_event ORDER BY id LIMIT 1")).one()
    assert tuple(row) == (tx, login)
    assert pol.tx is not None and pol.db_login == "postgres"


def test_the_row_log_records_columns_and_values(filled, pg_url) -> None:
    """INSERT: the non-null columns; UPDATE: old and new of what changed (a no-op is skipped);
    DELETE: the old row."""
    with _superuser(pg_url) as c:
        cid = c.execute("INSERT INTO citizen (national_id, first_name, last_name, address, "
                        "created_at, version) VALUES ('0000000000', 'الف', 'ب', '', now(), 1) "
                        "RETURNING id").fetchone()[0]
        c.execute("UPDATE citizen SET first_name = 'پ' WHERE id = %s", (cid,))
        c.execute("UPDATE citizen SET first_name = 'پ' WHERE id = %s", (cid,))  # no change
        c.execute("DELETE FROM citizen WHERE id = %s", (cid,))
    with filled.db.read() as s:
        rows = s.execute(text("SELECT action, columns, changes, login FROM row_change "
                              "WHERE table_name = 'citizen' AND row_id = :i ORDER BY id"),
                         {"i": cid}).all()
    assert [r.action for r in rows] == ["INSERT", "UPDATE", "DELETE"]
    assert {"first_name", "last_name", "national_id", "id"} <= set(rows[0].columns.split(","))
    assert "mobile" not in rows[0].columns.split(",")  # NULL: not a column the insert set
    assert rows[1].columns == "first_name"
    assert json.loads(rows[1].changes) == {"first_name": ["الف", "پ"]}
    assert json.loads(rows[2].changes)["first_name"] == "پ"
    assert {r.login for r in rows} == {"postgres"}


def test_install_is_idempotent(filled) -> None:
    """Installing again (as every later migration does) leaves one set of triggers."""
    names = role_names(filled.db)
    with filled.db.engine.begin() as c:
        row_log.install(c, names)
        row_log.install(c, names)
    with filled.db.read() as s:
        n = s.execute(text(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('pol_row_log', 'pol_row_log_insert',"
            " 'pol_audit_stamp', 'pol_audit_guard', 'pol_audit_guard_truncate')")).scalar()
    assert n == 2 * len(row_log.LOGGED_TABLES) + 1 + 2 * len(GUARDED)
