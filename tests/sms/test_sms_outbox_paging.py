"""The outbox pages from the database, its status filter in SQL, with a count: the service and
the «پیامک‌ها» dialog's list, on SQLite and PostgreSQL, with more than one page of messages."""

from __future__ import annotations

from sqlalchemy import delete, update

from app.models.enums import Role
from app.models.sms import SmsMessage
from app.services.registry import Services
from app.services.sms import outbox, rules
from app.views.sms.outbox_model import OBJECT_ROLE, PAGE_SIZE
from app.views.sms.sms_dialog import SmsDialog
from tests.support.helpers import make_actor, register
from tests.support.waits import WAIT_MS

MANY = PAGE_SIZE * 2 + 37  # three pages of the list


def _fill(services: Services) -> dict[str, int]:
    """MANY messages to one citizen, every seventh failed, every fifth sent; counts by status."""
    clerk = make_actor(services, "paging_clerk")
    req = services.requests.get(register(services, clerk).id)
    with services.db.write() as s:
        s.execute(delete(SmsMessage))
        for i in range(MANY):
            m = outbox.write(s, rules.REGISTERED, req.citizen.id,
                             {"کد_رهگیری": f"1405-{i:07d}-0"}, request_id=req.id)
            assert m is not None
            m.status = (rules.FAILED if i % 7 == 0 else rules.SENT if i % 5 == 0
                        else rules.QUEUED)
    return services.sms.counts()


def test_pages_are_newest_first_filtered_and_counted(services: Services) -> None:
    counts = _fill(services)
    sms = services.sms
    first = sms.outbox_page(None, 0, PAGE_SIZE)
    assert first.total == MANY == sum(counts.values())
    second = sms.outbox_page(None, PAGE_SIZE, PAGE_SIZE, with_total=False)
    assert second.total == -1 and len(second.rows) == PAGE_SIZE
    last = sms.outbox_page(None, 2 * PAGE_SIZE, PAGE_SIZE)
    ids = [r.id for p in (first, second, last) for r in p.rows]
    assert len(ids) == MANY and ids == sorted(ids, reverse=True)  # no gap, no repeat
    failed = sms.outbox_page(rules.FAILED, 0, 10)
    assert failed.total == counts[rules.FAILED] and len(failed.rows) == 10
    assert {r.status for r in failed.rows} == {rules.FAILED}
    assert sms.outbox_page(rules.HELD, 0, 10).total == 0


def test_the_dialog_pages_and_counts(qtbot, services: Services) -> None:  # noqa: ANN001
    counts = _fill(services)
    with services.db.write() as s:  # the newest is distinguishable
        newest = s.query(SmsMessage).order_by(SmsMessage.id.desc()).first()
        assert newest is not None
        s.execute(update(SmsMessage).where(SmsMessage.id == newest.id)
                  .values(gateway_reply="OK 7781"))
    d = SmsDialog(services, make_actor(services, "paging_boss", Role.ADMIN))
    qtbot.addWidget(d)
    d.resize(1366, 700)
    d.show()
    tab, model = d.outbox, d.outbox.model
    qtbot.waitUntil(lambda: model.rowCount() == MANY, timeout=WAIT_MS)
    assert tab.total.text() == f"{MANY:,} پیامک".replace(",", "٬").translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert len(model.loaded_rows()) == PAGE_SIZE  # only the first page is in memory
    assert "OK 7781" in model.index(0, 0).data(3)  # Qt.ToolTipRole: the gateway's reply
    # Scrolling to the end fetches the last page, not everything between.
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(MANY - 1, 0).data(OBJECT_ROLE) is not None,
                    timeout=WAIT_MS)
    assert model.index(MANY - 1, 0).data(OBJECT_ROLE).id == min(
        r.id for r in model.loaded_rows())
    # The status filter runs in the database and the count follows it.
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS) as got:
        tab.filter.setCurrentIndex(tab.filter.findData(rules.FAILED))
    assert got.args == [counts[rules.FAILED]] and model.rowCount() == counts[rules.FAILED]
    assert {model.index(i, 0).data(OBJECT_ROLE).status
            for i in range(model.rowCount())} == {rules.FAILED}
