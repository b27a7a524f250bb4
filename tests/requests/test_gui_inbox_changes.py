"""Pages hear each other: a refer or a close in the inbox refreshes rows in place, everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QListWidget

from app.models.enums import ReferralStatus, RequestStatus
from app.services.core import jalali
from app.services.referrals.dto import TrackerFilter
from app.views import background, formatting
from app.views.inbox.close_dialog import CloseDialog
from app.views.inbox.inbox_page import InboxPage
from app.views.inbox.refer_dialog import ReferDialog
from app.views.inbox.request_detail import RequestDetailPane
from app.views.lifetime import select_row
from app.views.referrals.referrals_page import ReferralsPage
from app.views.table_models.inbox_model import COL_AGENCY
from tests.support.waits import WAIT_MS


def _settle(qtbot) -> None:  # noqa: ANN001
    """Let every background job finish and deliver its result."""
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()


def _inbox(qtbot, services, actor) -> InboxPage:  # noqa: ANN001
    page = InboxPage()
    qtbot.addWidget(page)
    page.show()  # the page the user looks at
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(services, actor)
    qtbot.waitUntil(lambda: page.detail.agencies is not None, timeout=WAIT_MS)
    return page


def _select_first(qtbot, page: InboxPage, status: str) -> int:  # noqa: ANN001
    """Select the first loaded row with this status; its position."""
    pos = page.model.find_row(lambda r: r.status == status)
    assert pos >= 0
    select_row(page.table, pos)
    row_id = page.model.row_at(pos).id
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.id == row_id,
                    timeout=WAIT_MS)
    return pos


def test_refer_in_the_inbox_reaches_the_open_tracker(qtbot, gui_services, operator,
                                                     monkeypatch) -> None:
    """The tracker shows the new referral unasked; the inbox row changes in place, selected."""
    inbox = _inbox(qtbot, gui_services, operator)
    referrals = ReferralsPage()
    qtbot.addWidget(referrals)
    with qtbot.waitSignal(referrals.tracker.model.loaded, timeout=WAIT_MS):
        referrals.set_context(gui_services, operator)
    tracker_before = referrals.tracker.model.total
    pos = _select_first(qtbot, inbox, RequestStatus.NEW)
    request_id = inbox.model.row_at(pos).id
    chosen: list[str] = []

    def fill_and_send(dialog: ReferDialog) -> int:
        # The code is shown as everywhere else (framework.shown), the rest of the title in
        # Persian: no bare Latin digits outside the code (#4).
        code = formatting.tracking_code(dialog.detail.tracking_code)
        title = dialog.windowTitle()
        assert code in title
        assert not any(ch in title.replace(code, "") for ch in "0123456789")
        chosen.append(dialog.agency.currentText())
        dialog.letter_no.setText("۱۲۳۴/۵۶")
        dialog.letter_date.set_value(jalali.tehran_today())
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.submit()
        return 1

    monkeypatch.setattr(ReferDialog, "exec", fill_and_send)
    _settle(qtbot)
    generation, jobs = inbox.model.generation, background.jobs_started()
    tracker_generation = referrals.tracker.model.generation
    inbox.detail.buttons["refer"].click()
    # The inbox row shows its new state and agency in place (#11), and stays selected.
    qtbot.waitUntil(lambda: inbox.model.row_at(pos).status == RequestStatus.AWAITING_AGENCY,
                    timeout=WAIT_MS)
    assert inbox.model.data(inbox.model.index(pos, COL_AGENCY)) == chosen[0]
    assert inbox.selected_row().id == request_id
    qtbot.waitUntil(lambda: inbox.detail.detail.status == RequestStatus.AWAITING_AGENCY,
                    timeout=WAIT_MS)
    _settle(qtbot)
    assert inbox.model.generation == generation  # no reset, no recount of the whole inbox
    # The write, the row and the detail pane: no more (agencies and settings were kept),
    # besides one read for each case-depth section of the pane (dossier_sections).
    assert background.jobs_started() - jobs <= 3 + len(inbox.detail.sections)
    # The tracker, open but not on screen, re-queries when the user turns to it.
    assert referrals.tracker.model.generation == tracker_generation
    referrals.show()
    qtbot.waitUntil(lambda: referrals.tracker.model.total == tracker_before + 1, timeout=WAIT_MS)
    new = gui_services.tracker.page(TrackerFilter(status=ReferralStatus.OPEN), 0, 500).rows
    assert request_id in {r.request_id for r in new}
    assert referrals.tracker.model.find_row(lambda r: r.request_id == request_id) >= 0
    # The referral line wraps in the pane instead of scrolling sideways.
    lst: QListWidget = inbox.detail.referrals
    assert lst.count() == 1 and lst.wordWrap() and not lst.horizontalScrollBar().isVisible()
    assert chosen[0] in lst.item(0).text()
    assert inbox.detail.fields["agency"].text() == chosen[0]


def test_agency_column_shows_the_current_referral(gui_services, operator) -> None:
    """A referred request's row names the agency it was referred to (#11)."""
    from app.services.core import reference
    from app.services.requests.dto import InboxFilter

    row = gui_services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), 0, 1).rows[0]
    agency = next(a for a in reference.agencies(gui_services.db)
                  if not a.is_governorate and a.name != row.agency)
    gui_services.referrals.refer(operator, row.id, row.version, agency.id, "۵۵/۱",
                                 jalali.tehran_today(), 10)
    (fresh,) = gui_services.inbox.rows([row.id])
    assert fresh.agency == agency.name and fresh.status == RequestStatus.AWAITING_AGENCY
    assert gui_services.inbox.rows([10**9]) == []


def test_close_asks_for_the_resolution_and_disables_the_actions(qtbot, gui_services, operator,
                                                                monkeypatch) -> None:
    """«مختومه…» asks how it was resolved and the satisfaction; a closed request takes no work."""
    inbox = _inbox(qtbot, gui_services, operator)
    pos = _select_first(qtbot, inbox, RequestStatus.IN_REVIEW)
    request_id = inbox.model.row_at(pos).id
    refused: list[str] = []

    def answer(dialog: CloseDialog) -> int:
        dialog.resolution.setPlainText("")
        dialog.submit()  # no resolution: the message sits under the field, nothing is written
        label = dialog.errors.labels["actions_taken"]
        qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
        refused.append(label.text())
        dialog.resolution.setPlainText("آب محله وصل شد و به شهروند خبر داده شد.")
        dialog.satisfaction.setCurrentIndex(dialog.satisfaction.findData(4))
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.submit()
        return 1

    monkeypatch.setattr(CloseDialog, "exec", answer)
    assert inbox.detail.buttons["close"].text() == "مختومه…"
    inbox.detail.buttons["close"].click()
    assert refused
    stored = gui_services.requests.get(request_id)
    assert stored.status == RequestStatus.CLOSED and stored.satisfaction == 4
    assert stored.actions_taken == "آب محله وصل شد و به شهروند خبر داده شد."
    pane: RequestDetailPane = inbox.detail
    qtbot.waitUntil(lambda: pane.detail.status == RequestStatus.CLOSED, timeout=WAIT_MS)
    for key in ("assign", "answer", "deep", "refer", "close"):
        assert not pane.buttons[key].isEnabled(), key
    assert pane.buttons["reopen"].isEnabled() and pane.answer.isReadOnly()
    assert "آب محله وصل شد" in pane.fields["resolution"].text()
    qtbot.waitUntil(lambda: inbox.model.row_at(pos).status == RequestStatus.CLOSED,
                    timeout=WAIT_MS)
    assert inbox.selected_row().id == request_id


def test_a_new_request_requeries_and_keeps_the_selection(qtbot, gui_services, operator) -> None:
    """A row the list does not hold (just registered) re-queries; the selection stays put."""
    inbox = _inbox(qtbot, gui_services, operator)
    pos = _select_first(qtbot, inbox, RequestStatus.NEW)
    selected = inbox.model.row_at(pos).id
    generation = inbox.model.generation
    with qtbot.waitSignal(inbox.model.first_page_shown, timeout=WAIT_MS):
        inbox.refresh([10**9])
    assert inbox.model.generation == generation + 1
    qtbot.waitUntil(lambda: inbox.selected_row() is not None, timeout=WAIT_MS)
    assert inbox.selected_row().id == selected


def test_persian_text_boxes_and_button_words(qtbot, gui_services, operator) -> None:
    """Body and answer lay out from the right (#2); no shortcut in a button's text (#4)."""
    from PySide6.QtCore import Qt

    inbox = _inbox(qtbot, gui_services, operator)
    for edit in (inbox.detail.body, inbox.detail.answer):
        option = edit.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert "Ctrl" not in inbox.new_button.text() and "Ctrl+N" in inbox.new_button.toolTip()
    assert "Ctrl" not in inbox.filters.search.placeholderText()
    margins = inbox.layout().contentsMargins()
    assert margins.right() >= 8 and margins.left() >= 8  # nothing touches the window's edge


def test_model_refreshed_in_place_passes_qt_model_tester(qtbot, qtmodeltester, gui_services,
                                                         operator) -> None:
    """A row replaced in place keeps the model's contract (same rows, one dataChanged)."""
    from app.services.requests.dto import InboxFilter
    from app.views.table_models.inbox_model import InboxTableModel

    model = InboxTableModel()
    inbox = gui_services.inbox
    model._fetch = lambda f, o, n, s, d, t: inbox.page(f, o, n, s, d, t)  # noqa: SLF001
    model.set_row_fetcher(inbox.rows)
    model.reset_with(model.generation, inbox.page(InboxFilter(), 0, 200))
    row = model.row_at(3)
    gui_services.requests.mark_deep_rooted(operator, row.id, row.version, not row.deep_rooted)
    with qtbot.waitSignal(model.dataChanged, timeout=WAIT_MS) as changed:
        model.refresh([row.id])
    assert changed.args[0].row() == changed.args[1].row() == 3
    assert model.row_at(3).deep_rooted != row.deep_rooted and model.rowCount() == 400
    qtmodeltester.check(model, force_py=True)
