"""The call page worked through by keyboard alone: score, solved, comment, save-and-next."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.services.calls.dto import DUE, TODAY, CallFilter
from app.services.core import messages as msg
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views.calls import words as w
from app.views.calls.call_model import CallListModel
from app.views.calls.calls_page import CallsPage
from tests.support.helpers import register, valid_nid
from tests.support.waits import WAIT_MS


def _close_three(services, actor) -> list[int]:  # noqa: ANN001
    """Three fresh closed requests: the newest closings, last in the list."""
    ids = []
    for k in range(3):
        r = register(services, actor, nid=valid_nid(f"7{k:08d}"))
        r = services.requests.answer_directly(actor, r.id, r.version, "پاسخ داده شد")
        services.requests.close(actor, r.id, r.version)
        ids.append(r.id)
    return ids


def _page(qtbot, services, actor) -> CallsPage:  # noqa: ANN001
    page = CallsPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(services, actor)
    return page


def _key(qtbot, widget, key: Qt.Key, text: str = "") -> None:  # noqa: ANN001
    qtbot.keyClick(widget, key)


def _persian_key(widget, text: str) -> None:  # noqa: ANN001
    """A key typed on the Persian layout (sent as an event: keyClicks may abort on Persian)."""
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                             Qt.KeyboardModifier.NoModifier, text))


def _current_key(page: CallsPage) -> int | None:
    row = page.model.row_at(page.table.currentIndex().row())
    return row.request_id if row is not None else None


def _saved_and_reloaded(qtbot, page: CallsPage, press) -> None:  # noqa: ANN001
    with qtbot.waitSignal(page.pane.call_recorded, timeout=WAIT_MS):
        with qtbot.waitSignal(page.model.first_page_shown, timeout=WAIT_MS):
            press()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.table.currentIndex().isValid(),
                    timeout=WAIT_MS)


def test_call_model_passes_qt_model_tester(qtmodeltester, gui_services, operator) -> None:
    """The call list's model obeys Qt's model contract."""
    _close_three(gui_services, operator)
    model = CallListModel()
    model.reset_with(model.generation, gui_services.calls.page(CallFilter()))
    assert model.rowCount() >= 3
    qtmodeltester.check(model, force_py=True)


def test_an_operator_works_through_the_list_by_keyboard(qtbot, gui_services, operator) -> None:
    fresh = _close_three(gui_services, operator)
    page = _page(qtbot, gui_services, operator)
    total = page.model.total
    assert total >= 3
    page.table.setFocus()  # the list starts on its first request
    qtbot.waitUntil(lambda: page.pane.row is not None, timeout=WAIT_MS)
    assert page.table.currentIndex().row() == 0
    first = _current_key(page)
    second = page.model.row_at(1).request_id
    assert page.pane.fields["citizen"].text() and page.pane.fields["mobile"].text().startswith(
        "\u2066۰۹")  # the mobile, left to right
    # Enter without a score: the form says what is missing, nothing is stored.
    _key(qtbot, page.table, Qt.Key.Key_Return)
    assert msg.CALL_SCORE_REQUIRED in page.pane.message.text()
    # 4, S, Enter: reached, satisfied 4, solved; the next request takes its place.
    _key(qtbot, page.table, Qt.Key.Key_4)
    _key(qtbot, page.table, Qt.Key.Key_S)
    assert page.pane.scores.checkedId() == 4 and page.pane.yes.isChecked()
    _saved_and_reloaded(qtbot, page, lambda: _key(qtbot, page.table, Qt.Key.Key_Return))
    assert page.model.total == total - 1
    assert _current_key(page) == second
    row = gui_services.calls.row(first)
    assert (row.outcome, row.score, row.solved) == ("reached", 4, True)
    # 0: nobody answered; it leaves today's list and is in «تماس‌های امروز».
    _saved_and_reloaded(qtbot, page, lambda: _key(qtbot, page.table, Qt.Key.Key_0))
    assert page.model.total == total - 2
    assert gui_services.calls.row(second).attempts == 1
    today = [r.request_id for r in gui_services.calls.page(CallFilter(TODAY)).rows]
    assert set(today) == {first, second}
    # Persian keys (۲ and «د» on the Persian layout), a comment after C, Enter in the comment.
    third = _current_key(page)
    _persian_key(page.table, "۲")
    _persian_key(page.table, "د")
    assert page.pane.scores.checkedId() == 2 and page.pane.no.isChecked()
    _key(qtbot, page.table, Qt.Key.Key_C)
    assert page.pane.comment.hasFocus()
    page.pane.comment.setText("هنوز پاسخی از دستگاه نگرفته است")
    _saved_and_reloaded(qtbot, page,
                        lambda: _key(qtbot, page.pane.comment, Qt.Key.Key_Return))
    row = gui_services.calls.row(third)
    assert (row.score, row.solved, row.comment) == (2, False, "هنوز پاسخی از دستگاه نگرفته است")
    assert page.table.hasFocus()
    # Esc in the comment goes back to the list without saving.
    _key(qtbot, page.table, Qt.Key.Key_Tab)
    assert page.pane.comment.hasFocus()
    _key(qtbot, page.pane.comment, Qt.Key.Key_Escape)
    assert page.table.hasFocus()
    # Down moves on; the list is what the service says.
    before = _current_key(page)
    _key(qtbot, page.table, Qt.Key.Key_Down)
    if page.model.rowCount() > 1:
        assert _current_key(page) != before
    due = [r.request_id for r in gui_services.calls.page(CallFilter(DUE)).rows]
    assert first not in due and second not in due and third not in due
    assert set(fresh) - {first, second, third} <= set(due)
    page.grab().save("/tmp/calls_page.png")


@pytest.fixture
def inspector(gui_services):  # noqa: ANN001, ANN201
    """A signed-in inspector."""
    return actor_of(gui_services.users.add(SYSTEM, "insp", "secret-1", Role.INSPECTOR, "بازرس"))


def test_an_inspector_reads_the_list_but_cannot_record(qtbot, gui_services, operator,
                                                       inspector) -> None:
    _close_three(gui_services, operator)
    page = _page(qtbot, gui_services, inspector)
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.pane.row is not None, timeout=WAIT_MS)
    assert page.pane.help.text() == w.READ_ONLY
    assert not page.pane.save_button.isEnabled()
    total = page.model.total
    _key(qtbot, page.table, Qt.Key.Key_4)
    _key(qtbot, page.table, Qt.Key.Key_S)
    _key(qtbot, page.table, Qt.Key.Key_Return)
    assert page.pane.scores.checkedId() == -1
    assert page.model.total == total
    assert gui_services.calls.row(page.pane.row.request_id).attempts == 0
