"""The inbox through its real widgets: filters, search, intake, referral, conflicts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.models.enums import Channel, RequestStatus
from app.services.core import jalali
from app.services.requests.dto import InboxFilter
from app.views.inbox.inbox_page import InboxPage
from app.views.inbox.intake_dialog import IntakeDialog
from app.views.inbox.refer_dialog import ReferDialog
from app.views.inbox.request_detail import RequestDetailPane
from app.views.table_models.inbox_model import COL_CODE, ROW_ROLE, InboxTableModel
from tests.support.waits import WAIT_MS


@pytest.fixture
def page(qtbot, gui_services, operator):  # noqa: ANN001, ANN201
    """The inbox page connected to a database with 400 demo requests."""
    p = InboxPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def test_model_passes_qt_model_tester(qtmodeltester, gui_services) -> None:
    """The lazily paged model obeys Qt's model contract."""
    model = InboxTableModel()
    inbox = gui_services.inbox
    model._fetch = lambda f, o, n, s, d, t: inbox.page(f, o, n, s, d, t)  # noqa: SLF001
    model.reset_with(model.generation, inbox.page(InboxFilter(), 0, 200))
    assert model.rowCount() == 400
    qtmodeltester.check(model, force_py=True)


def test_first_page_then_filter_and_search_change_rows(qtbot, page, gui_services) -> None:
    """The first page shows; a channel filter and a Persian search narrow the rows and count."""
    assert page.model.total == 400
    assert "۴۰۰" in page.count_label.text()
    samad = gui_services.inbox.count(InboxFilter(channel=Channel.SAMAD))
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS) as loaded:
        page.filters.channel.setCurrentIndex(page.filters.channel.findData(Channel.SAMAD.value))
    assert loaded.args[0] == samad < 400
    first = page.model.data(page.model.index(0, 0), ROW_ROLE)
    assert first.channel_label == "سامانه سامد"
    expected = gui_services.inbox.count(InboxFilter(channel=Channel.SAMAD, text="قطع"))
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS) as loaded:
        page.filters.search.setText("قطع")  # debounced: no query until typing pauses
    assert loaded.args[0] == expected and expected < samad


def test_overdue_rows_stand_out(qtbot, page) -> None:
    """Overdue rows have their own background colour."""
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.filters.overdue.setChecked(True)
    assert page.model.total > 0
    brush = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name() == "#fde2e1"


def test_scrolling_far_loads_the_page_on_demand(qtbot, page) -> None:
    """A row beyond the first page shows «…» until its page arrives off the GUI thread."""
    index = page.model.index(350, COL_CODE)
    assert page.model.data(index) == "…"
    qtbot.waitUntil(lambda: page.model.is_loaded(350), timeout=WAIT_MS)
    assert page.model.data(index, ROW_ROLE) is not None


def _intake(qtbot, gui_services, operator) -> IntakeDialog:  # noqa: ANN001
    d = IntakeDialog(gui_services, operator, [], [])
    qtbot.addWidget(d)
    return d


def test_invalid_national_id_shows_message_and_keeps_typing(qtbot, gui_services, operator) -> None:
    """The inline message names the national ID; everything typed is still there."""
    d = _intake(qtbot, gui_services, operator)
    d.national_id.setText("1234567890")
    d.last_name.setText("رضایی")
    d.subject.setText("قطعی آب")
    d.body.setPlainText("آب محله قطع می‌شود")
    d.submit()
    label = d.errors.labels["citizen.national_id"]
    qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
    assert "کد ملی" in label.text()
    assert (d.national_id.text(), d.last_name.text(), d.subject.text()) == (
        "1234567890", "رضایی", "قطعی آب")
    assert d.body.toPlainText() == "آب محله قطع می‌شود"
    assert d.pages.currentIndex() == 0 and d.result_detail is None


def test_valid_request_gets_a_tracking_code_and_appears(qtbot, page, gui_services,
                                                        operator) -> None:
    """A walk-in is registered, its tracking code shown large, and found by the inbox search."""
    d = _intake(qtbot, gui_services, operator)
    nid = "۰۰۱۳۵۴۲۴۱۹"
    d.national_id.setText(nid)
    d.first_name.setText("حمید")
    d.last_name.setText("قاسم‌زاده")
    d.mobile.setText("+98 914 111 2233")
    d.subject.setText("درخواست روشنایی معبر")
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    detail = reg.args[0]
    assert d.pages.currentIndex() == 1
    assert d.code_label.text().strip("\u2066\u2069") == detail.tracking_code  # Latin digits
    d.copy_code()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == detail.tracking_code
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS) as loaded:
        page.filters.search.setText("روشنایی معبر")
    assert loaded.args[0] >= 1
    codes = [page.model.data(page.model.index(r, 0), ROW_ROLE).tracking_code
             for r in range(page.model.total)]
    assert detail.tracking_code in codes


def test_refer_moves_request_to_awaiting_agency(qtbot, gui_services, operator) -> None:
    """Referring from the dialog sends the letter and moves the request on."""
    new = gui_services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), 0, 1).rows[0]
    detail = gui_services.requests.get(new.id)
    from app.services.core import reference

    dialog = ReferDialog(gui_services, operator, detail, reference.agencies(gui_services.db), 15)
    qtbot.addWidget(dialog)
    # «By hand» with no number (the secretariat's number is the default): inline message,
    # nothing written.
    dialog.hand_number.setChecked(True)
    dialog.letter_no.setText("")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.errors.labels["letter_no"].text()), timeout=WAIT_MS)
    assert gui_services.requests.get(new.id).referrals == []
    dialog.letter_no.setText("۱۲۳۴/۵۶")
    dialog.letter_date.set_value(jalali.tehran_today())
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.submit()
    after = gui_services.requests.get(new.id)
    assert after.status == RequestStatus.AWAITING_AGENCY
    assert after.referrals[0].letter_no == "1234/56"


def test_conflicting_save_shows_conflict_and_keeps_the_answer(qtbot, gui_services, operator,
                                                              monkeypatch) -> None:
    """Another desktop saves first: the conflict message appears; the typed answer stays."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    row = gui_services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), 0, 1).rows[0]
    pane.show_dossier(gui_services.requests.dossier(row.id))
    # The other desktop edits the same request meanwhile.
    gui_services.requests.update(operator, row.id, row.version, {"subject": "موضوع تازه"})
    pane.answer.setPlainText("پاسخ نوشته‌شده توسط کارشناس")
    with qtbot.waitSignal(pane.action_failed, timeout=WAIT_MS) as failed:
        pane.buttons["answer"].click()
    assert "رایانهٔ دیگری" in failed.args[0] and asked
    assert pane.answer.toPlainText() == "پاسخ نوشته‌شده توسط کارشناس"
    qtbot.waitUntil(lambda: pane.fields["subject"].text() == "موضوع تازه", timeout=WAIT_MS)
    assert pane.answer.toPlainText() == "پاسخ نوشته‌شده توسط کارشناس"


def test_assign_to_a_chosen_colleague(qtbot, gui_services, operator, monkeypatch) -> None:
    """The assign action lists active staff (not inspectors) and assigns the chosen one."""
    from PySide6.QtWidgets import QInputDialog

    offered: list[list[str]] = []

    def choose(_parent, _title, _label, names, *_a):  # noqa: ANN001, ANN202
        offered.append(list(names))
        return next(n for n in names if n.startswith("کارشناس دفتر")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    row = gui_services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), 0, 1).rows[0]
    pane.show_dossier(gui_services.requests.dossier(row.id))
    with qtbot.waitSignal(pane.request_changed, timeout=WAIT_MS):
        pane.buttons["assign"].click()
    assert offered[0][0].startswith("کارشناس")  # the signed-in user comes first
    assert not any("بازرس" in n for n in offered[0])
    assert gui_services.requests.get(row.id).assignee == "کارشناس دفتر"
