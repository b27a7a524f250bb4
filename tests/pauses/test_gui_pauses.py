"""Pause → resume from the request detail pane: the reason dialog, the section, the inbox row,
and the deadline shown moving by the working days the clock stood still."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QApplication

from app.models.enums import RequestStatus
from app.services.core import clock, jalali, reference
from app.services.core import messages as msg
from app.services.pauses.dto import PAUSED_LABEL
from app.views import background, formatting
from app.views.inbox.inbox_page import InboxPage
from app.views.lifetime import select_row
from app.views.pauses import words as pw
from app.views.pauses.clock_section import ClockSection
from app.views.referrals.reason_dialog import ReasonDialog
from tests.support.waits import WAIT_MS


def _action(pane, text: str):  # noqa: ANN001, ANN202
    return next(a for a in pane.more_menu.actions() if a.text() == text)


def test_pause_then_resume_moves_the_deadline_shown(qtbot, gui_services, operator,
                                                    monkeypatch) -> None:
    page = InboxPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(gui_services, operator)
    pos = page.model.find_row(lambda r: r.status == RequestStatus.IN_REVIEW)
    assert pos >= 0
    select_row(page.table, pos)
    request_id = page.model.row_at(pos).id
    pane = page.detail
    section = next(s for s in pane.sections if isinstance(s, ClockSection))
    qtbot.waitUntil(lambda: section.clock is not None and section.clock.id == request_id,
                    timeout=WAIT_MS)
    before = gui_services.requests.get(request_id).deadline
    assert pane.fields["deadline"].text() == formatting.date(before)
    pause, resume = _action(pane, pw.PAUSE_ACTION), _action(pane, pw.RESUME_ACTION)
    assert pause.isEnabled() and not resume.isEnabled()
    refused: list[str] = []

    def answer_with(reason: str):  # noqa: ANN202
        def answer(dialog: ReasonDialog) -> int:
            dialog.text.setPlainText("")
            dialog.submit()  # no reason: the Persian message sits under the field
            label = dialog.errors.labels["reason"]
            qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
            refused.append(label.text())
            dialog.text.setPlainText(reason)
            with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
                dialog.submit()
            return 1
        return answer

    monkeypatch.setattr(ReasonDialog, "exec", answer_with("رونوشت سند مالکیت خواسته شد"))
    pause.trigger()
    assert refused == [msg.PAUSE_REASON_REQUIRED]
    qtbot.waitUntil(lambda: section.clock is not None and section.clock.paused, timeout=WAIT_MS)
    assert section.state.text().startswith(PAUSED_LABEL)
    assert not pause.isEnabled() and resume.isEnabled()
    qtbot.waitUntil(lambda: page.model.row_at(pos).status_label == PAUSED_LABEL, timeout=WAIT_MS)
    assert "رونوشت سند مالکیت" in "\n".join(
        pane.history.item(i).text() for i in range(pane.history.count()))

    # Monday 03:15 Tehran (Sunday night in UTC): Sunday and Monday stood still.
    clock.set_now(jalali.tehran_to_utc(datetime.combine(
        jalali.parse_jalali_date("1405/09/09"), time(3, 15))), ticking=True)
    moved = reference.work_calendar(gui_services.db).add_working_days(before, 2)
    monkeypatch.setattr(ReasonDialog, "exec", answer_with("مدارک رسید"))
    resume.trigger()
    assert refused[-1] == msg.RESUME_REASON_REQUIRED
    qtbot.waitUntil(lambda: pane.fields["deadline"].text() == formatting.date(moved),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: section.clock is not None and not section.clock.paused,
                    timeout=WAIT_MS)
    assert section.state.text() == pw.RUNNING
    assert "۲ روز کاری" in section.history.item(1).text()
    assert pause.isEnabled() and not resume.isEnabled()
    qtbot.waitUntil(lambda: page.model.row_at(pos).status_label != PAUSED_LABEL,
                    timeout=WAIT_MS)
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()
    page.resize(1366, 768)
    pane.scroll.ensureWidgetVisible(section)
    QApplication.processEvents()
    pane.grab().save("/tmp/pause_pane.png")


def test_the_referral_pane_pauses_with_its_own_buttons(qtbot, gui_services, operator,
                                                       monkeypatch) -> None:
    from app.models.enums import ReferralStatus
    from app.services.referrals.dto import TrackerFilter
    from app.views.referrals.referral_pane import ReferralPane

    ref = gui_services.tracker.page(TrackerFilter(status=ReferralStatus.OPEN), limit=1).rows[0]
    pane = ReferralPane()
    qtbot.addWidget(pane)
    pane.resize(460, 700)
    pane.show()
    pane.set_context(gui_services, operator)
    pane.load(ref.id)
    qtbot.waitUntil(lambda: pane.dossier is not None and pane.dossier.id == ref.id,
                    timeout=WAIT_MS)
    pause, resume = pane.clock.pause_controls[0], pane.clock.resume_controls[0]
    assert pause.isEnabled() and not resume.isEnabled()

    def answer(dialog: ReasonDialog) -> int:
        dialog.text.setPlainText("دستگاه رونوشت پروانهٔ کسب را خواسته است")
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.submit()
        return 1

    monkeypatch.setattr(ReasonDialog, "exec", answer)
    pause.click()
    qtbot.waitUntil(lambda: pane.dossier.paused_since is not None, timeout=WAIT_MS)
    assert pane.status.text().startswith(PAUSED_LABEL)
    assert "متوقف" in pane.fields["deadline"].text()
    assert resume.isEnabled() and not pause.isEnabled()
    assert "پروانهٔ کسب" in pane.clock.history.item(1).text()
    pane.grab().save("/tmp/pause_referral_pane.png")
