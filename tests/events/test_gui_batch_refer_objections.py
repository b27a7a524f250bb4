"""The inbox's batch referral with a request under objection in the selection: the others are
referred, the count line says how many were left out, a box lists their codes and why."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog, QMessageBox

from app.models.enums import RequestStatus
from app.views.inbox import batch_actions
from app.views.inbox.batch_actions import ReferManyDialog, selected_ids
from app.views.inbox.inbox_page import InboxPage
from tests.objections.support import closed_direct
from tests.support.helpers import register, valid_nid
from tests.support.waits import WAIT_MS, background_idle


def test_batch_refer_leaves_out_and_names_objected(qtbot, gui_services, operator,
                                                   monkeypatch) -> None:  # noqa: ANN001
    """Three selected, one under objection: two referred, its code shown with the reason."""
    plain = [register(gui_services, operator, nid=valid_nid(f"00555000{i}")).id for i in range(2)]
    req = closed_direct(gui_services, operator, "400000041")
    gui_services.objections.record(operator, req.id, req.version, "پاسخ کافی نبود.")
    wanted = set(plain) | {req.id}
    page = InboxPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(gui_services, operator)
    qtbot.waitUntil(lambda: bool(page.agencies) and background_idle(), timeout=WAIT_MS)
    sm = page.table.selectionModel()
    for r in range(page.model.rowCount()):
        row = page.model.data(page.model.index(r, 0), batch_actions.ROW_ROLE)
        if row is not None and row.id in wanted:
            sm.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                      | QItemSelectionModel.SelectionFlag.Rows)
    assert set(selected_ids(page)) == wanted
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text, *_a, **_k: boxes.append(text))
    monkeypatch.setattr(ReferManyDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(page.batch_done, timeout=WAIT_MS) as sig:
        batch_actions.refer_many(page)
    result = sig.args[0]
    assert sorted(result.request_ids) == sorted(plain)
    assert result.skipped_objected == [req.tracking_code]
    assert "۲ درخواست ارجاع شد" in page.count_label.text()
    assert "۱ درخواست در انتظار تصمیم اعتراض" in page.count_label.text()
    (box,) = boxes
    assert req.tracking_code in box and "اعتراض" in box
    assert gui_services.requests.get(req.id).status == RequestStatus.REOPENED
