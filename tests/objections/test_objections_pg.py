"""The server itself holds the objection's rules: who records, who decides, and how far an
inspector's decision reaches into the case (PostgreSQL logins, as `psql` would connect)."""

from __future__ import annotations

import psycopg
import pytest

from app.errors import ServerRefused
from app.models.database import Database
from app.models.enums import ReferralStatus, RequestStatus, Role
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.objections.support import closed_direct, closed_referred
from tests.support import secure_pg
from tests.support.secure_pg import SecureDatabase

pytestmark = pytest.mark.pg
REASON = "پاسخ مشکل را حل نکرد."

sdb = secure_pg.module_database("po")


def test_grants_of_each_group_on_the_objection(sdb: SecureDatabase) -> None:
    clerk_sql = {  # a clerk may take an objection down, never decide one
        "INSERT INTO objection (request_id, reason) SELECT 1, 'x' WHERE false": False,
        "INSERT INTO objection (request_id, outcome) SELECT 1, 'upheld' WHERE false": True,
        "UPDATE objection SET outcome = 'upheld' WHERE false": True,
        "DELETE FROM objection WHERE false": True,
    }
    inspector_sql = {  # an inspector decides; records none; touches only the decision columns
        "UPDATE objection SET outcome = 'upheld', decision_note = 'x' WHERE false": False,
        "UPDATE objection SET reason = 'x' WHERE false": True,
        "INSERT INTO objection (request_id) SELECT 1 WHERE false": True,
        "UPDATE request SET subject = subject WHERE false": True,
        "UPDATE referral SET response_text = response_text WHERE false": True,
        "DELETE FROM objection WHERE false": True,
    }
    for role, cases in (("operator", clerk_sql), ("inspector", inspector_sql)):
        with sdb.connect(sdb.add_login(f"g_{role}", role)) as conn:
            assert {sql: secure_pg.refused(conn, sql) for sql in cases} == cases


def _people(sdb: SecureDatabase, tag: str) -> tuple[Services, dict[str, Services], dict]:
    owner = Services.for_database(Database(sdb.url))
    actors, services = {}, {}
    for role in ("operator", "inspector", "manager"):
        name = f"{tag}{role[:3]}"
        actors[role] = actor_of(owner.users.add(SYSTEM, name, "secret-1", role, f"کاربر {role}"))
        services[role] = Services.for_database(Database(sdb.login_url(sdb.add_login(name, role))))
    return owner, services, actors


def test_each_role_does_its_part_as_its_own_login(sdb: SecureDatabase) -> None:
    owner, sv, who = _people(sdb, "w")
    direct = closed_direct(sv["operator"], who["operator"], "500000011")
    referred = closed_referred(sv["operator"], who["operator"], "500000012")
    a = sv["operator"].objections.record(who["operator"], direct.id, direct.version, REASON)
    b = sv["operator"].objections.record(who["operator"], referred.id, referred.version, REASON)
    # The inspector's login rejects one (the request closes again) and upholds the other
    # (the agency's referral reopens): its narrow grants are enough.
    sv["inspector"].objections.reject(who["inspector"], a.id, a.version, "پاسخ کافی بود.")
    up = sv["inspector"].objections.uphold(who["inspector"], b.id, b.version)
    assert owner.requests.get(direct.id).status == RequestStatus.CLOSED
    after = owner.requests.get(referred.id)
    assert after.status == RequestStatus.AWAITING_AGENCY
    assert [r.status for r in after.referrals] == [ReferralStatus.OPEN]
    assert up.reopened_referrals == (after.referrals[0].id,)
    # A clerk's login cannot decide even if Pol were fooled into letting it.
    other = closed_direct(sv["operator"], who["operator"], "500000013")
    c = sv["operator"].objections.record(who["operator"], other.id, other.version, REASON)
    from dataclasses import replace

    pretender = replace(who["operator"], role=Role.INSPECTOR)
    with pytest.raises(ServerRefused):
        sv["operator"].objections.uphold(pretender, c.id, c.version)
    assert owner.objections.get(c.id).outcome == "pending"
    for s in (owner, *sv.values()):
        s.db.dispose()


def test_an_inspector_changes_a_request_only_in_its_decision(sdb: SecureDatabase) -> None:
    """With psql, an inspector's login updates no request row outside a deciding transaction,
    and no login changes an objection once decided."""
    owner, sv, who = _people(sdb, "x")
    req = closed_direct(sv["operator"], who["operator"], "500000021")
    o = sv["operator"].objections.record(who["operator"], req.id, req.version, REASON)
    login = sdb.names.login("xins")
    with sdb.connect(login) as conn:
        cur = conn.execute("UPDATE request SET status = 'closed' WHERE id = %s", (req.id,))
        assert cur.rowcount == 0  # the restrictive policy hides the row from the update
        cur = conn.execute("UPDATE referral SET status = 'open' WHERE true")
        assert cur.rowcount == 0
    assert owner.requests.get(req.id).status == RequestStatus.REOPENED
    sv["inspector"].objections.reject(who["inspector"], o.id, o.version, "پاسخ کافی بود.")
    with sdb.connect(login) as conn:  # a later transaction: the decision's reach has ended
        assert conn.execute("UPDATE request SET status = 'reopened' WHERE id = %s",
                            (req.id,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="decided already"):
            conn.execute("UPDATE objection SET outcome = 'upheld' WHERE id = %s", (o.id,))
    with psycopg.connect(sdb.libpq_url(), autocommit=True) as conn:  # not even the superuser
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="decided already"):
            conn.execute("UPDATE objection SET decision_note = '' WHERE id = %s", (o.id,))
    assert owner.requests.get(req.id).status == RequestStatus.CLOSED
    for s in (owner, *sv.values()):
        s.db.dispose()
