"""The outbox on a secured PostgreSQL server: each role's own login writes and sends what Pol
lets it, and the server refuses the rest."""

from __future__ import annotations

import pytest

from app.models.database import Database
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.registry import Services
from app.services.sms import rules
from app.services.sms.dto import GatewayConfig
from tests.sms.gateway import Gateway, gateway  # noqa: F401 - the fixture
from tests.support import helpers, secure_pg
from tests.support.secure_pg import SecureDatabase

pytestmark = pytest.mark.pg

sdb = secure_pg.module_database()

TEMPLATE_WRITE = "UPDATE sms_template SET text = text WHERE false"
OUTBOX_WRITE = ["INSERT INTO sms_outbox (kind) SELECT 'x' WHERE false",
                "UPDATE sms_outbox SET status = 'sent' WHERE false"]
NOBODY = ["DELETE FROM sms_outbox WHERE false", "TRUNCATE sms_outbox"]


@pytest.mark.parametrize("role", ["inspector", "operator", "admin"])
def test_each_role_on_the_sms_tables(sdb: SecureDatabase, role: str) -> None:
    login = sdb.add_login(f"sms_{role[:4]}", role)
    with sdb.connect(login) as conn:
        assert not secure_pg.refused(conn, "SELECT count(*) FROM sms_outbox")
        assert all(secure_pg.refused(conn, sql) for sql in NOBODY)
        assert [secure_pg.refused(conn, sql) for sql in OUTBOX_WRITE] == \
            [role == "inspector"] * 2
        assert secure_pg.refused(conn, TEMPLATE_WRITE) == (role != "admin")


def test_an_operator_login_queues_and_sends(sdb: SecureDatabase,
                                            gateway: Gateway) -> None:  # noqa: F811
    """Registration as the clerk's own login writes the message; sending updates it."""
    owner = Services.for_database(Database(sdb.url))
    boss = owner.users.add(SYSTEM, "smsadm", "secret-1", "admin", "مدیر")
    clerk_user = owner.users.add(SYSTEM, "smsop", "secret-1", "operator", "کارشناس")
    logins = {"admin": sdb.add_login("smsadm", "admin"),
              "operator": sdb.add_login("smsop", "operator")}
    admin_sv = Services.for_database(Database(sdb.login_url(logins["admin"])))
    admin_sv.sms.save_gateway(actor_of(boss), GatewayConfig(
        gateway.url("ok"), "POST", "to={mobile}\nmsg={text}\nuid={id}", timeout_s=2))
    admin_sv.sms.save_template(actor_of(boss), "registered", "کد رهگیری: {کد_رهگیری}")
    op = Services.for_database(Database(sdb.login_url(logins["operator"])))
    clerk = actor_of(clerk_user)
    d = helpers.register(op, clerk)
    assert op.sms.send_due(clerk, "k").sent == 1
    (row,) = op.sms.outbox(actor=clerk)
    assert row.status == rules.SENT and row.text == f"کد رهگیری: {d.tracking_code}"
    assert gateway.hits[0]["msg"] == row.text
    for sv in (owner, admin_sv, op):
        sv.db.dispose()


def test_an_operator_login_records_an_agency_answer_and_its_message(sdb: SecureDatabase) -> None:
    """The agency's answer, recorded by the clerk's own login, writes its message there too;
    the outbox's page and count read through the same login."""
    from app.services.core.jalali import tehran_today
    from app.services.sms import outbox

    owner = Services.for_database(Database(sdb.url))
    clerk_user = owner.users.add(SYSTEM, "smsans", "secret-1", "operator", "کارشناس")
    op = Services.for_database(Database(sdb.login_url(sdb.add_login("smsans", "operator"))))
    clerk = actor_of(clerk_user)
    d = helpers.register(op, clerk)
    ref = op.referrals.refer(clerk, d.id, d.version, helpers.agency_id(op), "۱۲۳/۴۵",
                             tehran_today())
    op.referrals.record_response(clerk, ref.id, ref.version, "لوله‌کشی اصلاح شد.",
                                 tehran_today())
    page = op.sms.outbox_page(actor=clerk)
    mine = [r for r in page.rows if r.tracking_code == d.tracking_code]
    assert [r.kind for r in mine] == [rules.AGENCY_ANSWERED, rules.REFERRED, rules.REGISTERED]
    assert mine[0].text == rules.render(rules.DEFAULT_TEMPLATES[rules.AGENCY_ANSWERED],
                                        outbox.agency_answer_values(d.tracking_code,
                                                                    "شرکت آب و فاضلاب"))
    assert page.total == len(page.rows)
    for sv in (owner, op):
        sv.db.dispose()
