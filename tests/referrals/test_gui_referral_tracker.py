"""The referral tracker through its real widgets: filters, the answer, conflicts, the panel."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from app.models.database import Database
from app.models.enums import AnswerGrade, ReferralStatus, Role
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.referrals.dto import TrackerFilter
from app.services.referrals.tracker import ReferralTracker
from app.services.registry import Services
from app.views.referrals.answer_dialog import AnswerDialog
from app.views.referrals.filter_bar import DEADLINE_OVERDUE
from app.views.referrals.referrals_page import ReferralsPage
from app.views.referrals.reminder_dialog import ReminderDialog
from app.views.table_models.paged_model import ROW_ROLE
from app.views.table_models.referral_model import COL_DAYS, ReferralTableModel
from tests.support.waits import WAIT_MS


@pytest.fixture
def page(qtbot, gui_services, operator):  # noqa: ANN001, ANN201
    """The referrals page on the demo database, its first page loaded."""
    p = ReferralsPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.tracker.model.loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def _select(view, row: int) -> None:  # noqa: ANN001
    view.table.selectionModel().select(
        view.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def test_model_passes_qt_model_tester(qtmodeltester, gui_services) -> None:
    """The lazily paged referral model obeys Qt's model contract."""
    model = ReferralTableModel()
    tracker = ReferralTracker(gui_services.db)
    model._fetch = lambda f, o, n, s, d, t: tracker.page(f, o, n, s, d, t)  # noqa: SLF001
    model.reset_with(model.generation, tracker.page(TrackerFilter(), 0, 200))
    assert model.rowCount() == tracker.count(TrackerFilter()) > 0
    qtmodeltester.check(model, force_py=True)


def test_filters_narrow_the_rows_in_the_database(qtbot, page, gui_services) -> None:
    """Open referrals first; overdue only, one agency and «all statuses» match the service."""
    tracker = ReferralTracker(gui_services.db)
    view = page.tracker
    assert view.model.total == tracker.count(TrackerFilter(status=ReferralStatus.OPEN))
    assert "ارجاع" in view.count_label.text()
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS) as loaded:
        view.filters.deadline.setCurrentIndex(view.filters.deadline.findData(DEADLINE_OVERDUE))
    overdue = tracker.count(TrackerFilter(status=ReferralStatus.OPEN, overdue_only=True))
    assert loaded.args[0] == overdue > 0
    first = view.model.data(view.model.index(0, 0), ROW_ROLE)
    assert first.overdue and "روز کاری تأخیر" in view.model.data(view.model.index(0, COL_DAYS))
    brush = view.model.data(view.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == "#fde2e1"
    qtbot.waitUntil(lambda: view.filters.agency.count() > 1, timeout=WAIT_MS)
    agency = first.agency_id
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS) as loaded:
        view.filters.agency.setCurrentIndex(view.filters.agency.findData(agency))
    expected = tracker.count(TrackerFilter(status=ReferralStatus.OPEN, overdue_only=True,
                                           agency_id=agency))
    assert loaded.args[0] == expected
    assert all(view.model.row_at(r).agency_id == agency for r in range(view.model.total))
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS) as loaded:
        view.filters.clear()
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS) as loaded:
        view.filters.status.setCurrentIndex(0)  # همه
    assert loaded.args[0] == tracker.count(TrackerFilter())


def test_recording_an_answer_from_the_pane(qtbot, page, gui_services, operator,
                                          monkeypatch) -> None:
    """Select a referral, answer it in the dialog: it leaves the «open» list."""
    view = page.tracker
    _select(view, 0)
    qtbot.waitUntil(lambda: view.pane.dossier is not None, timeout=WAIT_MS)
    d = view.pane.dossier
    assert view.pane.buttons["answer"].isEnabled() and view.pane.buttons["follow_up"].isEnabled()
    dialog = AnswerDialog(gui_services.referrals, ReferralTracker(gui_services.db), operator, d)
    qtbot.addWidget(dialog)
    dialog.submit()  # no text yet: the message sits under the field, nothing is written
    label = dialog.errors.labels["response_text"]
    qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
    assert "متن پاسخ" in label.text()
    dialog.text.setPlainText("مشکل برطرف شد و نتیجه به شهروند اعلام شد.")
    dialog.letter_no.setText("۷۷/۸۸۹")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        dialog.submit()
    assert saved.args[0].status == ReferralStatus.ANSWERED
    # The change bus refreshes the row in place: it stays (now answered) and stays selected.
    qtbot.waitUntil(lambda: view.selected_row().status == ReferralStatus.ANSWERED,
                    timeout=WAIT_MS)
    assert view.selected_row().id == d.id
    after = ReferralTracker(gui_services.db).dossier(d.id)
    assert after.response_letter_no == "77/889" and after.grade == AnswerGrade.ADEQUATE


def test_two_desktops_answering_get_the_conflict_and_keep_the_text(qtbot, gui_services,
                                                                   operator) -> None:
    """The second desktop sees the conflict, keeps its text, reloads and sees the first answer."""
    tracker = ReferralTracker(gui_services.db)
    row = tracker.page(TrackerFilter(status=ReferralStatus.OPEN), 0, 1).rows[0]
    d = tracker.dossier(row.id)
    dialog = AnswerDialog(gui_services.referrals, tracker, operator, d)
    qtbot.addWidget(dialog)
    other = Services.for_database(Database(gui_services.db.url))
    other.referrals.record_response(operator, d.id, d.version, "پاسخ از رایانهٔ دیگر",
                                    jalali.tehran_today())
    other.db.dispose()
    dialog.text.setPlainText("پاسخ من")
    dialog.inadequate.setChecked(True)
    with qtbot.waitSignal(dialog.conflicted, timeout=WAIT_MS) as conflict:
        dialog.submit()
    assert "رایانهٔ دیگری" in conflict.args[0] and "رایانهٔ دیگری" in dialog.general.text()
    assert dialog.text.toPlainText() == "پاسخ من" and dialog.inadequate.isChecked()
    assert not dialog.reload_button.isHidden() and dialog.result_value is None
    assert tracker.dossier(d.id).response_text == "پاسخ از رایانهٔ دیگر"  # not overwritten
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.dossier.version > d.version, timeout=WAIT_MS)
    assert "پاسخ از رایانهٔ دیگر" in dialog.theirs.text()
    assert dialog.text.toPlainText() == "پاسخ من"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.submit()  # a deliberate second answer, on the fresh version
    assert tracker.dossier(d.id).grade == AnswerGrade.INADEQUATE


def test_agency_panel_sorts_exports_and_opens_the_tracker(qtbot, page, gui_services,
                                                          tmp_path) -> None:
    """The panel shows the service's rows; sorting, Excel and a double-click work."""
    panel = page.agencies
    year, quarter = jalali.quarter_of(jalali.tehran_today())
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.picker.set_quarter(year, quarter)
    start, end = jalali.quarter_bounds(year, quarter)
    expected = gui_services.stats.agency_performance(start, end)
    assert sorted(a.agency for a in panel.model.rows) == sorted(a.agency for a in expected)
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    referred = [a.referred for a in panel.model.rows]
    assert referred == sorted(referred, reverse=True)
    out = tmp_path / "agencies.xlsx"
    panel.export_excel(str(out))
    qtbot.waitUntil(lambda: "ذخیره شد" in panel.status.text(), timeout=WAIT_MS)
    ws = load_workbook(out).active
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == referred
    late = next(a for a in panel.model.rows if a.overdue_now)
    index = panel.model.index(panel.model.rows.index(late), 0)
    with qtbot.waitSignal(page.tracker.model.loaded, timeout=WAIT_MS) as loaded:
        panel.table.doubleClicked.emit(index)
    assert page.tabs.currentWidget() is page.tracker
    assert loaded.args[0] == ReferralTracker(gui_services.db).count(TrackerFilter(
        status=ReferralStatus.OPEN, agency_id=late.agency_id, overdue_only=True))


def test_reminder_letter_is_ready_to_copy(qtbot, gui_services, operator) -> None:
    """The draft names the agency's head and the letter; «copy» puts it on the clipboard."""
    tracker = ReferralTracker(gui_services.db)
    row = tracker.page(TrackerFilter(overdue_only=True), 0, 1).rows[0]
    d = tracker.dossier(row.id)
    from app.services.referrals.reminders import ReminderService

    dialog = ReminderDialog(ReminderService(gui_services.db), gui_services.referrals, operator, d)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letter is not None, timeout=WAIT_MS)
    text = dialog.text.toPlainText()
    assert d.agency in text and "روز کاری از آن گذشته" in text and "بسمه تعالی" in text
    dialog.copy_text()
    assert QGuiApplication.clipboard().text() == text


def test_inspector_sees_no_referral_actions(qtbot, gui_services) -> None:
    """The tracker shows an inspector the referrals but offers no action on them."""
    inspector = actor_of(gui_services.users.add(SYSTEM, "insp", "secret-1", Role.INSPECTOR))
    p = ReferralsPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.tracker.model.loaded, timeout=WAIT_MS):
        p.set_context(gui_services, inspector)
    assert all(b.isHidden() for b in p.tracker.pane.buttons.values())


def test_an_answered_referral_says_where_it_went(qtbot, page, gui_services, monkeypatch) -> None:
    """Answered from the «pending» list: a notice names its new list and shows it there (#12)."""
    view = page.tracker
    _select(view, 0)
    qtbot.waitUntil(lambda: view.pane.dossier is not None, timeout=WAIT_MS)
    d = view.pane.dossier

    def answer(dialog: AnswerDialog) -> int:
        dialog.text.setPlainText("پاسخ دستگاه رسید.")
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.submit()
        return 1

    monkeypatch.setattr(AnswerDialog, "exec", answer)
    view.pane.buttons["answer"].click()
    assert view.notice.isVisible() or not view.notice.isHidden()
    assert ReferralStatus.ANSWERED.label in view.notice.label.text()
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS):
        view.notice.action.click()
    assert view.model.current_filter.status == ReferralStatus.ANSWERED
    qtbot.waitUntil(lambda: view.selected_row() is not None, timeout=WAIT_MS)
    assert view.selected_row().id == d.id and view.notice.isHidden()


def test_pane_text_boxes_are_right_to_left(qtbot, gui_services, operator) -> None:
    """Every multi-line box of the referral dialogs lays Persian out from the right (#2)."""
    from app.views.referrals.extension_dialog import ExtensionDialog
    from app.views.referrals.follow_up_dialog import FollowUpDialog

    tracker = ReferralTracker(gui_services.db)
    d = tracker.dossier(tracker.page(TrackerFilter(status=ReferralStatus.OPEN), 0, 1).rows[0].id)
    dialogs = [AnswerDialog(gui_services.referrals, tracker, operator, d),
               FollowUpDialog(gui_services.referrals, operator, d),
               ExtensionDialog(gui_services.referrals, operator, d)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    for box in (dialogs[0].text, dialogs[1].note, dialogs[2].reason):
        assert box.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft


def test_a_shown_tracker_hears_a_referral_made_elsewhere(qtbot, page, gui_services,
                                                         operator) -> None:
    """A referral written on another page appears at once; the selected row stays selected."""
    from app.models.enums import RequestStatus
    from app.services.core import reference
    from app.services.requests.dto import InboxFilter
    from app.views import background

    page.show()
    view = page.tracker
    _select(view, 0)
    qtbot.waitUntil(lambda: view.pane.dossier is not None, timeout=WAIT_MS)
    selected = view.pane.dossier.id
    before = view.model.total
    new = gui_services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), 0, 1).rows[0]
    agency = next(a for a in reference.agencies(gui_services.db) if not a.is_governorate)
    referrals = gui_services.referrals
    background.write(None, lambda: referrals.refer(operator, new.id, new.version, agency.id,
                                                   "۹/۸", jalali.tehran_today(), 10))
    qtbot.waitUntil(lambda: view.model.total == before + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.selected_row() is not None, timeout=WAIT_MS)
    assert view.selected_row().id == selected


def test_a_long_state_wraps_inside_the_narrow_pane(qtbot, gui_services, operator) -> None:
    """«در انتظار پاسخ — خارج از مهلت» is read whole in a pane as narrow as at 1366×768."""
    from app.views.referrals import words as rw
    from app.views.referrals.referral_pane import ReferralPane

    tracker = ReferralTracker(gui_services.db)
    row = tracker.page(TrackerFilter(overdue_only=True), 0, 1).rows[0]
    pane = ReferralPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    pane.resize(330, 600)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_dossier(tracker.dossier(row.id))
    assert pane.status.text().endswith(rw.OVERDUE_MARK)
    inner = pane.status.parentWidget()
    viewport = inner.parentWidget()
    qtbot.waitUntil(lambda: inner.width() <= viewport.width(), timeout=WAIT_MS)
    left = pane.status.mapTo(viewport, pane.status.rect().topLeft()).x()
    right = pane.status.mapTo(viewport, pane.status.rect().topRight()).x()
    assert 0 <= left and right < viewport.width()
    # Tall enough for all its lines at that width (nothing cut at the bottom either).
    qtbot.waitUntil(lambda: pane.status.heightForWidth(pane.status.width())
                    <= pane.status.height(), timeout=WAIT_MS)
