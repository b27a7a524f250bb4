"""Batch actions in the inbox: several rows selected, assign / deep-rooted / refer from the
context menu's actions, each one transaction, the rows refreshed by the change bus."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QDialog

from app.models.enums import RequestStatus
from app.views.inbox import batch_actions
from app.views.inbox.batch_actions import ReferManyDialog, selected_ids
from app.views.inbox.inbox_page import InboxPage
from tests.support.waits import WAIT_MS, background_idle


def _page(qtbot, services, actor) -> InboxPage:  # noqa: ANN001
    p = InboxPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.loaded, timeout=WAIT_MS):
        p.set_context(services, actor)
    qtbot.waitUntil(lambda: bool(p.agencies) and background_idle(), timeout=WAIT_MS)
    return p


def _select_open_rows(p: InboxPage, n: int) -> list[int]:
    sm = p.table.selectionModel()
    sm.clearSelection()
    chosen = 0
    for r in range(p.model.rowCount()):
        row = p.model.data(p.model.index(r, 0), batch_actions.ROW_ROLE)
        if row is not None and row.status in (RequestStatus.NEW, RequestStatus.IN_REVIEW):
            sm.select(p.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                      | QItemSelectionModel.SelectionFlag.Rows)
            chosen += 1
            if chosen == n:
                break
    return selected_ids(p)


def test_multi_select_assign_and_deep_rooted(qtbot, gui_services, operator) -> None:
    """The inbox allows several rows; the menu's actions change all of them."""
    p = _page(qtbot, gui_services, operator)
    assert p.table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    ids = _select_open_rows(p, 3)
    assert len(ids) == 3
    menu = batch_actions.context_menu(p)
    assert len(menu.actions()) == 4
    with qtbot.waitSignal(p.batch_done, timeout=WAIT_MS):
        menu.actions()[0].trigger()  # assign to me
    with qtbot.waitSignal(p.batch_done, timeout=WAIT_MS):
        menu.actions()[1].trigger()  # deep-rooted
    for i in ids:
        d = gui_services.requests.get(i)
        assert d.assignee_id == operator.user_id and d.deep_rooted
    assert "۳ درخواست" in p.count_label.text()


def test_refer_many_with_consecutive_numbers(qtbot, gui_services, operator,
                                            monkeypatch) -> None:  # noqa: ANN001
    """Refer three rows to one agency: three consecutive letter numbers, each its referral."""
    p = _page(qtbot, gui_services, operator)
    ids = _select_open_rows(p, 3)
    monkeypatch.setattr(ReferManyDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(p.batch_done, timeout=WAIT_MS) as sig:
        batch_actions.refer_many(p)
    result = sig.args[0]
    assert result.request_ids == sorted(ids) and len(set(result.letter_numbers)) == 3
    for i in ids:
        d = gui_services.requests.get(i)
        assert d.status == RequestStatus.AWAITING_AGENCY
        assert d.referrals[-1].letter_no in result.letter_numbers


def test_refer_many_covering_letter_saved_as_pdf(qtbot, gui_services, operator, monkeypatch,
                                                 tmp_path) -> None:  # noqa: ANN001
    """The covering form takes one number and offers the letter with its annex as a PDF."""
    from PySide6.QtWidgets import QFileDialog

    p = _page(qtbot, gui_services, operator)
    _select_open_rows(p, 2)
    out = tmp_path / "covering.pdf"

    def accept(self) -> QDialog.DialogCode:  # noqa: ANN001
        self.covering.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReferManyDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(p.batch_done, timeout=WAIT_MS) as sig:
        batch_actions.refer_many(p)
    assert len(sig.args[0].letter_numbers) == 1
    qtbot.waitUntil(lambda: out.exists() and background_idle(), timeout=WAIT_MS)
    assert out.read_bytes().startswith(b"%PDF")


def test_tag_selection_with_an_event(qtbot, gui_services, operator, monkeypatch) -> None:
    """«برچسب رویداد…» offers the running events and tags every selected request."""
    from datetime import date

    from PySide6.QtWidgets import QInputDialog
    from sqlalchemy import select

    from app.models import Request
    from app.models.enums import EventKind
    from app.services.events.dto import EventInput

    day = date(2026, 11, 28)
    event = gui_services.events.create(operator, EventInput("ارتباط زنده سامد", EventKind.LIVE_SESSION,
                                                            day, day))
    p = _page(qtbot, gui_services, operator)
    ids = _select_open_rows(p, 2)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("ارتباط زنده سامد", True))
    batch_actions.tag_event(p)
    def tagged() -> bool:
        with gui_services.db.read() as s:
            return set(s.scalars(select(Request.event_id).where(Request.id.in_(ids)))) == {event.id}
    qtbot.waitUntil(tagged, timeout=WAIT_MS)
