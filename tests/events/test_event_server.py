"""Events on a secured PostgreSQL server: the desk's own login records and edits an event
through the service (the grants of issue 14 §1 cover the table), an inspector's is refused."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from app.models.database import Database
from app.models.enums import EventKind
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.events.dto import EventInput
from app.services.registry import Services
from tests.conftest import PG_ADMIN_URL
from tests.support.secure_pg import SecureDatabase, secure_database

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def sdb(pg_template: str | None) -> Iterator[SecureDatabase]:
    """One secured database for the module."""
    if pg_template is None:
        pytest.skip("PostgreSQL server not reachable")
    with secure_database(PG_ADMIN_URL) as s:
        yield s


def test_an_operator_records_and_edits_an_event_as_its_own_login(sdb: SecureDatabase) -> None:
    """Create, edit and list under the operator's login; the overview counts as it may."""
    owner = Services.for_database(Database(sdb.url))
    person = owner.users.add(SYSTEM, "evop", "secret-1", "operator", "کاربر رویداد")
    op = Services.for_database(Database(sdb.login_url(sdb.add_login("evop", "operator"))))
    clerk = actor_of(person)
    today = jalali.tehran_today()
    e = op.events.create(clerk, EventInput("سفر استاندار", EventKind.TRIP, today, today))
    edited = op.events.update(clerk, e.id, e.version, EventInput(
        "سفر استاندار به اهر", EventKind.TRIP, today, today))
    assert edited.version == e.version + 1
    assert [(s.event.name, s.received) for s in op.events.overview(clerk)] == [
        ("سفر استاندار به اهر", 0)]
    op.db.dispose()
    owner.db.dispose()


def test_an_inspector_login_reads_events_but_may_not_write_them(sdb: SecureDatabase) -> None:
    """The server refuses an inspector's INSERT and UPDATE on the event table."""
    login = sdb.add_login("ev_insp", "inspector")
    with sdb.connect(login) as conn:
        assert conn.execute("SELECT count(*) FROM event").fetchone()[0] >= 0
        for sql in ("INSERT INTO event (name) SELECT 'x' WHERE false",
                    "UPDATE event SET name = name WHERE false"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
