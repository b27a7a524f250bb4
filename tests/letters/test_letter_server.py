"""The secretariat's tables on a shared PostgreSQL server (issue 11's safeguards, migration 0015l).

A county-limited clerk numbers letters through Pol as its own login; the register is appended
to and row-logged, never updated or deleted; each county sees only its own letters; an inspector
cannot touch the counter.
"""

from __future__ import annotations

import psycopg
import pytest

from app.models import Request
from app.models.database import Database
from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.core.jalali import tehran_today
from app.services.core.users import actor_of
from app.services.letters.dto import LetterFields
from app.services.registry import Services
from tests.support import helpers, secure_pg
from tests.support.secure_pg import SecureDatabase

pytestmark = pytest.mark.pg

REFUSED = {
    "operator": [
        "DELETE FROM official_letter WHERE false",
        "UPDATE official_letter SET letter_no = letter_no WHERE false",
        "TRUNCATE official_letter",
        "DELETE FROM letter_counter WHERE false",
        "TRUNCATE letter_counter",
    ],
    "inspector": [
        "INSERT INTO letter_counter (year, last_number) SELECT 1, 1 WHERE false",
        "UPDATE letter_counter SET last_number = last_number WHERE false",
        "INSERT INTO official_letter (year) SELECT 1 WHERE false",
    ],
}
ALLOWED = {
    "operator": [
        "SELECT count(*) FROM official_letter",
        "INSERT INTO official_letter (year) SELECT 1 WHERE false",
        "UPDATE letter_counter SET last_number = last_number WHERE false",
    ],
    "inspector": ["SELECT count(*) FROM official_letter", "SELECT count(*) FROM letter_counter"],
}

sdb = secure_pg.module_database("pl")


@pytest.mark.parametrize("role", ["operator", "inspector"])
def test_the_letter_tables_grant_only_what_the_work_needs(sdb: SecureDatabase, role: str) -> None:
    login = sdb.add_login(f"lt_{role}", role)
    with sdb.connect(login) as conn:
        assert [sql for sql in REFUSED[role] if secure_pg.refused(conn, sql)] == REFUSED[role]
        assert [sql for sql in ALLOWED[role] if not secure_pg.refused(conn, sql)] == ALLOWED[role]


def test_a_county_clerk_numbers_letters_as_its_own_login(sdb: SecureDatabase) -> None:
    """Through Pol as the clerk's login: numbers taken, registered, row-logged, county-scoped."""
    owner = Services.for_database(Database(sdb.url))
    tabriz = helpers.county_id(owner)
    elsewhere = next(c.id for c in owner.reference.counties() if c.id != tabriz)
    info = owner.users.add(SYSTEM, "dabir", "secret-1", Role.OPERATOR, "دبیرخانه")
    info = owner.users.set_counties(SYSTEM, info.id, [tabriz], info.version)
    login = sdb.add_login("dabir", Role.OPERATOR)
    clerk_services = Services.for_database(Database(sdb.login_url(login)))
    clerk = actor_of(info)
    try:
        # Another county's letter, numbered first.
        other = helpers.register(owner, SYSTEM, nid=helpers.valid_nid("500000001"))
        with owner.db.write() as s:
            s.get(Request, other.id).county_id = elsewhere
        other = owner.requests.get(other.id)
        owner.referrals.refer(SYSTEM, other.id, other.version, helpers.agency_id(owner), "",
                              tehran_today(), letter=LetterFields())
        mine = helpers.register(clerk_services, clerk, nid=helpers.valid_nid("500000002"))
        ref = clerk_services.referrals.refer(clerk, mine.id, mine.version,
                                             helpers.agency_id(owner), "", tehran_today(),
                                             letter=LetterFields("confidential"))
        assert ref.letter_no == "3/ص/1405-2"
        assert clerk_services.letters.issue_reminder(clerk, ref.id).letter_no == "3/ص/1405-3"
        with sdb.connect(login) as conn:
            seen = [r[0] for r in conn.execute(
                "SELECT letter_no FROM official_letter ORDER BY serial")]
        assert seen == ["3/ص/1405-2", "3/ص/1405-3"]  # not the other county's 1405-1
        with psycopg.connect(sdb.libpq_url(), autocommit=True) as conn:
            logged = conn.execute("SELECT count(*) FROM row_change "
                                  "WHERE table_name = 'official_letter'").fetchone()[0]
        assert logged == 3
    finally:
        clerk_services.db.dispose()
        owner.db.dispose()
