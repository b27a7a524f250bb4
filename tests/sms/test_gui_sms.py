"""The «پیامک‌ها» dialog through its widgets, over a real SQLite file and a loopback gateway."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import delete

from app.models.enums import Role
from app.models.sms import SmsMessage
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views.sms.gateway_tab import KEY_ACCOUNT
from app.views.sms.outbox_model import OutboxModel
from app.views.sms.sms_dialog import SmsDialog
from tests.sms.gateway import Gateway, gateway  # noqa: F401 - the fixture
from tests.support.helpers import register
from tests.support.waits import WAIT_MS


@pytest.fixture
def admin(gui_services):  # noqa: ANN001, ANN201
    """A signed-in administrator."""
    return actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))


@pytest.fixture
def one_message(gui_services, operator):  # noqa: ANN001, ANN201
    """An outbox holding exactly one queued message (whatever the demo data wrote)."""
    with gui_services.db.write() as s:
        s.execute(delete(SmsMessage))
    return register(gui_services, operator)


def _dialog(qtbot, services, actor) -> SmsDialog:  # noqa: ANN001
    d = SmsDialog(services, actor)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.outbox.model.rowCount() > 0, timeout=WAIT_MS)
    # The page and the counts (with the gateway's state) are two background reads.
    qtbot.waitUntil(lambda: d.outbox.counts.text() != "", timeout=WAIT_MS)
    return d


def test_no_gateway_the_office_marks_sent_by_hand(qtbot, gui_services, operator,
                                                  one_message) -> None:  # noqa: ANN001
    d = _dialog(qtbot, gui_services, operator)
    assert not d.outbox.send_button.isEnabled() and "درگاهی" in d.outbox.note.text()
    assert d.outbox.model.rowCount() == 1
    row = d.outbox.model.row_at(0)
    assert row.tracking_code == one_message.tracking_code and row.status == "queued"
    assert "۱" in d.outbox.counts.text()
    flags = QItemSelectionModel.SelectionFlag
    d.outbox.table.selectionModel().select(d.outbox.model.index(0, 0),
                                           flags.ClearAndSelect | flags.Rows)
    assert [r.id for r in d.outbox.selected()] == [row.id]
    d.outbox.mark_button.click()
    qtbot.waitUntil(lambda: d.outbox.model.row_at(0).status == "sent", timeout=WAIT_MS)
    assert d.templates.text.isReadOnly() and not d.gateway.save_button.isEnabled()


def test_admin_sets_the_gateway_and_sends_off_the_gui_thread(qtbot, gui_services, admin,
                                                             one_message, gateway: Gateway,  # noqa: F811
                                                             memory_keyring) -> None:  # noqa: ANN001
    d = _dialog(qtbot, gui_services, admin)
    qtbot.waitUntil(lambda: d.gateway.timeout.value() == 10, timeout=WAIT_MS)
    d.gateway.url.setText(gateway.url("ok"))
    d.gateway.method.setCurrentText("POST")
    d.gateway.params.setPlainText("to={mobile}\nmsg={text}\napikey={key}\nuid={id}")
    d.gateway.key.setText("key-in-the-ring")
    with qtbot.waitSignal(d.gateway.saved, timeout=WAIT_MS):
        d.gateway.save_button.click()
    assert memory_keyring.passwords[("Pol", KEY_ACCOUNT)] == "key-in-the-ring"
    assert gui_services.sms.gateway().url == gateway.url("ok")
    qtbot.waitUntil(d.outbox.send_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(d.outbox.sent, timeout=WAIT_MS * 2) as sent:
        d.outbox.send_button.click()
    assert sent.args[0].sent == 1
    assert [h["apikey"] for h in gateway.hits] == ["key-in-the-ring"]
    assert gateway.hits[0]["msg"].endswith(one_message.tracking_code)
    qtbot.waitUntil(lambda: d.outbox.model.row_at(0).status == "sent", timeout=WAIT_MS)


def test_template_editor_counts_parts_live_and_refuses_four(qtbot, gui_services, admin,
                                                            one_message) -> None:  # noqa: ANN001
    d = _dialog(qtbot, gui_services, admin)
    t = d.templates
    qtbot.waitUntil(lambda: t.kind.count() == 6, timeout=WAIT_MS)
    t.kind.setCurrentIndex(t.kind.findData("registered"))
    t.text.setPlainText("کد رهگیری: {کد_رهگیری}")
    assert "۱ پیامک" in t.count.text() and t.save_button.isEnabled()
    t.text.setPlainText("{کد_رهگیری} " + "ب" * 190)
    assert "۴ پیامک" in t.count.text() and not t.save_button.isEnabled()
    t.text.setPlainText("شهروند گرامی، کد رهگیری شما {کد_رهگیری} است.")
    with qtbot.waitSignal(t.saved, timeout=WAIT_MS):
        t.save_button.click()
    assert any(i.text == "شهروند گرامی، کد رهگیری شما {کد_رهگیری} است."
               for i in gui_services.sms.templates())


def test_outbox_model_passes_qt_checks(qtbot, qtmodeltester, gui_services, one_message) -> None:  # noqa: ANN001
    model = OutboxModel()
    model.set_fetcher(lambda status, offset, limit, _s, _d, total: gui_services.sms.outbox_page(
        status, offset=offset, limit=limit, with_total=total))
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    qtmodeltester.check(model)


def test_intake_says_no_to_messages(qtbot, gui_services, operator) -> None:  # noqa: ANN001
    """Ticked at intake: the citizen is flagged and the registration queues no message; the
    next intake of the same citizen shows the tick after the lookup."""
    from sqlalchemy import func, select

    from app.models import Citizen
    from tests.support.forms import open_filled_intake

    with gui_services.db.write() as s:
        s.execute(delete(SmsMessage))
    d = open_filled_intake(qtbot, gui_services, operator)
    d.mobile.setText("09141112233")
    d.no_sms.setChecked(True)
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    detail = reg.args[0]
    with gui_services.db.read() as s:
        assert s.get(Citizen, detail.citizen.id).sms_opt_out is True
        assert s.scalar(select(func.count()).select_from(SmsMessage)) == 0
    d.start_another()
    assert not d.no_sms.isChecked()
    d.national_id.setText(detail.citizen.national_id)
    d.look_up_citizen()
    qtbot.waitUntil(d.no_sms.isChecked, timeout=WAIT_MS)
