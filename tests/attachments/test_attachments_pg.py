"""Attachments on the PostgreSQL server itself: privileges of each real role, county policies,
the row log and storage; what the server refuses whatever client a login uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import psycopg
import pytest

from app.errors import PermissionDenied, ServerRefused
from app.models.database import Database
from app.models.enums import Role
from app.services.attachments.dto import REQUEST, Owner
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.attachments.samples import pdf_bytes, png_bytes
from tests.core.test_county_scope import World, build_world
from tests.core.test_county_scope_pg import _login
from tests.support import helpers, secure_pg
from tests.support.secure_pg import SecureDatabase

pytestmark = pytest.mark.pg

# WHERE false: the server checks privileges when it plans, so nothing needs to exist.
NOBODY = [
    "DELETE FROM attachment WHERE false",
    "DELETE FROM attachment_content WHERE false",
    "TRUNCATE attachment_content",
    "UPDATE attachment_content SET data = data WHERE false",
    "UPDATE attachment SET sha256 = sha256 WHERE false",
    "UPDATE attachment SET name = 'x' WHERE false",
    "UPDATE attachment SET request_id = request_id WHERE false",
]
FORBIDDEN = {
    "inspector": NOBODY + [
        "INSERT INTO attachment (name) SELECT 'x' WHERE false",
        "INSERT INTO attachment_content (attachment_id) SELECT 1 WHERE false",
        "UPDATE attachment SET removed_reason = 'x' WHERE false",
    ],
    "operator": NOBODY, "manager": NOBODY, "admin": NOBODY,
}
WRITERS = [
    "INSERT INTO attachment (name) SELECT 'x' WHERE false",
    "INSERT INTO attachment_content (attachment_id) SELECT 1 WHERE false",
    "UPDATE attachment SET removed_at = now(), removed_by = 1, removed_reason = 'x',"
    " version = version + 1 WHERE false",
]
READ = ["SELECT count(*) FROM attachment", "SELECT count(*) FROM attachment_content"]
ALLOWED = {"inspector": READ, "operator": READ + WRITERS, "manager": READ + WRITERS,
           "admin": READ + WRITERS}

sdb = secure_pg.module_database()


@pytest.mark.parametrize("role", ["inspector", "operator", "manager", "admin"])
def test_each_role_on_the_attachment_tables(sdb: SecureDatabase, role: str) -> None:
    login = sdb.add_login(f"att_{role}", role)
    with sdb.connect(login) as conn:
        refused = [sql for sql in FORBIDDEN[role] if secure_pg.refused(conn, sql)]
        passed = [sql for sql in ALLOWED[role] if not secure_pg.refused(conn, sql)]
    assert refused == FORBIDDEN[role]
    assert passed == ALLOWED[role]


def test_each_role_works_through_pol_as_its_own_login(sdb: SecureDatabase) -> None:
    """An operator adds and removes; an inspector reads, and the server refuses its writes."""
    owner = Services.for_database(Database(sdb.url))
    people = {r: owner.users.add(SYSTEM, f"a{r[:3]}", "secret-1", r, f"کاربر {r}")
              for r in ("operator", "inspector")}
    logins = {r: sdb.add_login(f"a{r[:3]}", r) for r in people}
    op = Services.for_database(Database(sdb.login_url(logins["operator"])))
    clerk = actor_of(people["operator"])
    req = helpers.register(op, clerk)
    data = pdf_bytes(2)
    a = op.attachments.add(clerk, Owner(REQUEST, req.id), "نامه.pdf", data)
    gone = op.attachments.remove(clerk, a.id, a.version, "تکراری")
    b = op.attachments.add(clerk, Owner(REQUEST, req.id), "عکس.png", png_bytes())
    insp_sv = Services.for_database(Database(sdb.login_url(logins["inspector"])))
    inspector = actor_of(people["inspector"])
    assert [x.removed for x in insp_sv.attachments.list(Owner(REQUEST, req.id), inspector)] == \
        [True, False]
    assert insp_sv.attachments.content(gone.id, inspector).data == data
    with pytest.raises(PermissionDenied):  # the service says no
        insp_sv.attachments.remove(inspector, b.id, b.version, "نه")
    # And the server says no to the same write, should a client skip the service's check.
    posing = replace(inspector, role=Role.OPERATOR)
    with pytest.raises(ServerRefused):
        insp_sv.attachments.remove(posing, b.id, b.version, "نه")
    with pytest.raises(ServerRefused):
        insp_sv.attachments.add(posing, Owner(REQUEST, req.id), "x.png", png_bytes(7, 7))
    with sdb.connect(logins["inspector"]) as conn:
        assert secure_pg.refused(
            conn, f"UPDATE attachment SET removed_reason = 'x' WHERE id = {b.id}")
    # Each change is in the server's row log with an audit event of its transaction.
    with psycopg.connect(sdb.libpq_url(), autocommit=True) as conn:
        rows = conn.execute("SELECT action, columns, login FROM row_change "
                            "WHERE table_name = 'attachment' ORDER BY id").fetchall()
        storage = conn.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = "
                               "'attachment_content'::regclass AND attname = 'data'").fetchone()
        logged_content = conn.execute("SELECT count(*) FROM row_change "
                                      "WHERE table_name = 'attachment_content'").fetchone()[0]
    assert [r[0] for r in rows] == ["INSERT", "UPDATE", "INSERT"]
    assert rows[1][1] == "removed_at,removed_by,removed_reason,version"
    assert {r[2] for r in rows} == {logins["operator"]}
    assert storage == ("e",) and logged_content == 0  # EXTERNAL: no try at compressing scans
    for sv in (owner, op, insp_sv):
        sv.db.dispose()


@pytest.fixture
def pg_services(pg_url: str) -> Iterator[Services]:
    """Services over a fresh PostgreSQL database (opened as the superuser, like the owner)."""
    db = Database(pg_url)
    db.open()
    yield Services.for_database(db)
    db.dispose()


def test_a_scoped_login_reaches_only_its_counties_attachments(pg_services: Services) -> None:
    w: World = build_world(pg_services)
    mine = pg_services.attachments.add(SYSTEM, Owner(REQUEST, w.a_requests[0]), "a.pdf",
                                       pdf_bytes())
    theirs = pg_services.attachments.add(SYSTEM, Owner(REQUEST, w.b_requests[0]), "b.pdf",
                                         pdf_bytes(2))
    with _login(pg_services, "farmandari") as c:
        ids = [r[0] for r in c.execute("SELECT id FROM attachment ORDER BY id").fetchall()]
        content = [r[0] for r in c.execute("SELECT attachment_id FROM attachment_content")]
        assert ids == [mine.id] and content == [mine.id]
        cur = c.execute("UPDATE attachment SET removed_reason = 'x', removed_at = now() "
                        "WHERE id = %s", (theirs.id,))
        assert cur.rowcount == 0  # another county's row is out of reach
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the policy's WITH CHECK
            c.execute("INSERT INTO attachment (request_id, name, kind, mime, extension, size,"
                      " sha256, created_at, removed_reason, version) VALUES (%s, 'x', 'other',"
                      " 'x', '', 1, 'x', now(), '', 1)", (w.b_requests[0],))
        cur = c.execute("UPDATE attachment SET removed_reason = 'ok', removed_at = now() "
                        "WHERE id = %s", (mine.id,))
        assert cur.rowcount == 1
    assert not pg_services.attachments.list(Owner(REQUEST, w.b_requests[0]))[0].removed
