"""The objection's main path through real widgets: recorded from the detail pane, then upheld
or rejected from the inspection's «اعتراض» queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel

from app.models.enums import RequestStatus, Role
from app.models.review import ReviewReason
from app.services.core import clock
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views.inbox.request_detail import RequestDetailPane
from app.views.objections.objection_section import ObjectionSection
from app.views.referrals.reason_dialog import ReasonDialog
from app.views.review.review_page import ReviewPage
from tests.conftest import SUITE_NOW
from tests.objections.support import closed_direct, closed_referred
from tests.support.waits import WAIT_MS, background_idle


@pytest.fixture
def inspector(gui_services):  # noqa: ANN001, ANN201
    """A signed-in inspector."""
    return actor_of(gui_services.users.add(SYSTEM, "insp9", "secret-1", Role.INSPECTOR,
                                           "بازرس دفتر"))


def _pane(qtbot, services, actor, request_id: int) -> tuple[RequestDetailPane, ObjectionSection]:  # noqa: ANN001
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(services, actor)
    section = next(s for s in pane.sections if isinstance(s, ObjectionSection))
    with qtbot.waitSignal(section.loaded, timeout=WAIT_MS):
        pane.load(request_id)
    return pane, section


def _answer_dialog_with(qtbot, monkeypatch, *texts: str) -> list[str]:  # noqa: ANN001
    """Make ReasonDialog.exec type each text in turn and press OK; returns the errors seen."""
    seen: list[str] = []

    def run(dialog: ReasonDialog) -> int:
        for text in texts:
            dialog.text.setPlainText(text)
            if text.strip():
                with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
                    dialog.submit()
                return 1
            dialog.submit()

            def shown(d: ReasonDialog = dialog) -> list[str]:
                labels = [d.general, *d.errors.labels.values()]
                return [x.text() for x in labels if x.text()]

            qtbot.waitUntil(lambda: bool(shown()) and not dialog.busy, timeout=WAIT_MS)
            seen.extend(shown())
        return 0

    monkeypatch.setattr(ReasonDialog, "exec", run)
    return seen


def _select(qtbot, page: ReviewPage, request_id: int):  # noqa: ANN001, ANN202
    rows = page.model.loaded_rows()
    i = next(i for i, r in enumerate(rows) if r.request_id == request_id)
    page.table.selectionModel().select(
        page.model.index(i, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    box = page.pane.objection_box
    qtbot.waitUntil(lambda: box.current is not None and box.current.request_id == request_id,
                    timeout=WAIT_MS)
    return box


def test_record_then_decide_in_the_review_queue(qtbot, gui_services, operator, inspector,
                                                 monkeypatch) -> None:
    direct = closed_direct(gui_services, operator, "700000011")
    referred = closed_referred(gui_services, operator, "700000012")
    for req in (direct, referred):
        pane, section = _pane(qtbot, gui_services, operator, req.id)
        assert section.action.isVisible() and "۱۴۰۵/۱۰/۰۷" in section.window_label.text()
        _answer_dialog_with(qtbot, monkeypatch, "پاسخ مشکل را حل نکرده است.")
        section.action.trigger()  # «ثبت اعتراض…» in the pane's «more» menu
        qtbot.waitUntil(lambda s=section: s.items.count() == 1 and s.state.items
                        and s.state.items[0].pending, timeout=WAIT_MS)
        assert "در انتظار تصمیم" in section.items.item(0).text()
        qtbot.waitUntil(lambda p=pane: p.detail.status == RequestStatus.REOPENED,
                        timeout=WAIT_MS)
    # The inspection's queue lists them as «اعتراض».
    page = ReviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(gui_services, inspector)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.queue.set_reason(ReviewReason.OBJECTION)
    listed = {r.request_id: r.verdict_label for r in page.model.loaded_rows()}
    assert listed[direct.id] == listed[referred.id] == "در انتظار تصمیم"
    # Reject the first: the reason is required, then the request is closed again.
    box = _select(qtbot, page, direct.id)
    assert page.pane.form_box.isHidden() and box.reject_button.isEnabled()
    errors = _answer_dialog_with(qtbot, monkeypatch, "", "پاسخ دفتر کافی و مستند بود.")
    box.reject_button.click()
    assert errors == ["دلیل رد اعتراض را بنویسید."]
    qtbot.waitUntil(lambda: _verdict(page, direct.id) == "رد شد", timeout=WAIT_MS)
    assert gui_services.requests.get(direct.id).status == RequestStatus.CLOSED
    assert not box.reject_button.isEnabled()
    # Uphold the second: the agency's referral is open again.
    box = _select(qtbot, page, referred.id)
    _answer_dialog_with(qtbot, monkeypatch, "پاسخ دستگاه کلی بود.")
    box.uphold_button.click()
    qtbot.waitUntil(lambda: _verdict(page, referred.id) == "پذیرفته شد", timeout=WAIT_MS)
    after = gui_services.requests.get(referred.id)
    assert after.status == RequestStatus.AWAITING_AGENCY
    qtbot.waitUntil(lambda: any("پذیرش اعتراض" in page.pane.timeline.item(i).text()
                                for i in range(page.pane.timeline.count())), timeout=WAIT_MS)
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)


def _verdict(page: ReviewPage, request_id: int) -> str:
    return next(r.verdict_label for r in page.model.loaded_rows() if r.request_id == request_id)


def test_a_late_objection_is_refused_with_the_last_day(qtbot, gui_services, operator,
                                                       _message_boxes_never_block) -> None:
    req = closed_direct(gui_services, operator, "700000021")
    clock.set_now(SUITE_NOW + timedelta(days=31), ticking=True)
    _pane_, section = _pane(qtbot, gui_services, operator, req.id)
    section.action.trigger()
    kind, text = _message_boxes_never_block[-1]
    assert kind == "information" and "۱۴۰۵/۱۰/۰۷" in text and "به پایان رسیده" in text
    assert gui_services.requests.get(req.id).status == RequestStatus.CLOSED


def test_an_inspector_does_not_see_the_record_entry(qtbot, gui_services, operator,
                                                    inspector) -> None:
    req = closed_direct(gui_services, operator, "700000031")
    _pane_, section = _pane(qtbot, gui_services, inspector, req.id)
    assert not section.action.isVisible()
