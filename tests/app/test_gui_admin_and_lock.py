"""The administration dialog and the idle session lock, through their widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMainWindow

from app.errors import AuthenticationFailed
from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views.admin.add_user_dialog import AddUserDialog
from app.views.admin.users_dialog import UsersDialog
from app.views.session_lock import SessionLock
from tests.support.waits import WAIT_MS


@pytest.fixture
def admin(gui_services):  # noqa: ANN001, ANN201
    """A signed-in administrator."""
    return actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))


def _dialog(qtbot, services, actor) -> UsersDialog:  # noqa: ANN001
    d = UsersDialog(services, actor)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.model.rowCount() == len(services.users.list()), timeout=WAIT_MS)
    return d


def _select(d: UsersDialog, username: str) -> None:
    row = next(i for i, u in enumerate(d.model.rows) if u.username == username)
    from PySide6.QtCore import QItemSelectionModel

    d.table.selectionModel().select(
        d.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def test_admin_adds_a_user_changes_the_role_and_deactivates(qtbot, gui_services, admin,
                                                           monkeypatch) -> None:
    """Every change goes through the service and shows in the table."""
    d = _dialog(qtbot, gui_services, admin)
    add = AddUserDialog(gui_services.users, admin)
    qtbot.addWidget(add)
    add.username.setText("maryam")
    add.full_name.setText("مریم رضایی")
    add.role.setCurrentIndex(add.role.findData(Role.INSPECTOR.value))
    add.password.setText("long-pass")
    add.password2.setText("other-pass")
    add.submit()  # the two passwords differ: refused before any call
    assert add.errors.labels["password2"].text() == "دو گذرواژه یکسان نیست."
    add.password2.setText("long-pass")
    with qtbot.waitSignal(add.saved, timeout=WAIT_MS):
        add.submit()
    d.reload()
    qtbot.waitUntil(lambda: any(u.username == "maryam" for u in d.model.rows), timeout=WAIT_MS)
    _select(d, "maryam")
    assert d.role_button.isEnabled() and d.active_button.text() == "غیرفعال کردن"
    d.role.setCurrentIndex(d.role.findData(Role.MANAGER.value))
    with qtbot.waitSignal(d.users_changed, timeout=WAIT_MS):
        d.role_button.click()
    qtbot.waitUntil(lambda: next(u for u in d.model.rows if u.username == "maryam").role
                    == Role.MANAGER, timeout=WAIT_MS)
    _select(d, "maryam")
    with qtbot.waitSignal(d.users_changed, timeout=WAIT_MS):
        d.active_button.click()
    qtbot.waitUntil(lambda: not next(u for u in d.model.rows if u.username == "maryam").active,
                    timeout=WAIT_MS)
    with pytest.raises(AuthenticationFailed):
        gui_services.users.authenticate("maryam", "long-pass")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ab", True))
    _select(d, "maryam")
    d.password_button.click()  # too short: the Persian message, nothing changed
    qtbot.waitUntil(lambda: "گذرواژه" in d.message.text(), timeout=WAIT_MS)


def test_the_dialog_refuses_a_non_administrator(qtbot, gui_services, operator) -> None:
    """Other roles see the accounts but no button does anything."""
    d = _dialog(qtbot, gui_services, operator)
    _select(d, "clerk")
    assert not any(b.isEnabled() for b in (d.add_button, d.role_button, d.active_button,
                                           d.password_button, d.lock_button))
    assert "فقط مدیر سامانه" in d.message.text()


def test_lock_time_is_saved_for_every_desktop(qtbot, gui_services, admin) -> None:
    """The idle time is an office-wide setting."""
    d = _dialog(qtbot, gui_services, admin)
    d.lock.setValue(7)
    with qtbot.waitSignal(d.lock_minutes_changed, timeout=WAIT_MS) as changed:
        d.lock_button.click()
    assert changed.args[0] == 7 and gui_services.users.lock_minutes() == 7


@pytest.fixture
def window(qtbot, app):  # noqa: ANN001, ANN201
    """A main window with a half-typed form in it."""
    w = QMainWindow()
    edit = QLineEdit()
    w.setCentralWidget(edit)
    w.resize(800, 500)
    qtbot.addWidget(w)
    w.show()
    edit.setText("نیمه‌کاره")
    return w


def test_idle_window_locks_and_unlocks_without_losing_work(qtbot, gui_services, operator,
                                                          window) -> None:
    """After the idle time the window is covered; the same password brings it back as it was."""
    lock = SessionLock(window, gui_services.users, "clerk")
    lock.set_idle_ms(200)
    lock.install()
    with qtbot.waitSignal(lock.locked, timeout=WAIT_MS):
        pass
    assert lock.is_locked and not window.centralWidget().isEnabled()
    assert lock.overlay is not None and lock.overlay.isVisible()
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible() and dialog.username.isReadOnly()
    dialog.password.setText("wrong")
    dialog.submit()
    qtbot.waitUntil(lambda: "نادرست" in dialog.message.text(), timeout=WAIT_MS)
    assert lock.is_locked
    dialog.password.setText("secret-1")
    with qtbot.waitSignal(lock.unlocked, timeout=WAIT_MS) as unlocked:
        dialog.submit()
    assert unlocked.args[0].username == "clerk" and not lock.is_locked
    assert window.centralWidget().isEnabled() and window.centralWidget().text() == "نیمه‌کاره"
    assert lock.overlay is None and lock.timer.isActive()
    lock.uninstall()


def test_input_keeps_the_session_open(qtbot, gui_services, operator, window) -> None:
    """Key presses and mouse moves restart the idle timer; 0 minutes means never."""
    from PySide6.QtGui import QMouseEvent

    lock = SessionLock(window, gui_services.users, "clerk")
    lock.set_idle_ms(60_000)
    lock.install()
    # Judged by the timer's remaining time, not by racing it: a loaded machine may stall for
    # longer than any short idle time between two events.
    inputs = [QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier),
              QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                          Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                          Qt.KeyboardModifier.NoModifier)]
    for event in inputs:
        qtbot.waitUntil(lambda: lock.timer.remainingTime() < 59_000, timeout=WAIT_MS)
        before = lock.timer.remainingTime()
        QApplication.sendEvent(window.centralWidget(), event)
        assert lock.timer.isActive() and lock.timer.remainingTime() > before
    assert not lock.is_locked
    lock.set_idle_minutes(0)
    assert not lock.timer.isActive()
    QApplication.sendEvent(window.centralWidget(), inputs[0])
    assert not lock.timer.isActive() and not lock.is_locked  # input does not re-arm "never"
    lock.uninstall()


def test_the_lock_form_sits_under_its_message_and_hides_the_window(qtbot, gui_services,
                                                                  operator, window) -> None:
    """Defect #1: the sign-in form is below the message in the card; nothing under it shows."""
    from PySide6.QtCore import QPoint, QRect

    lock = SessionLock(window, gui_services.users, "clerk")
    lock.install()
    lock.lock()
    qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible(), timeout=WAIT_MS)

    def box(w) -> QRect:  # noqa: ANN001
        return QRect(w.mapTo(window, QPoint(0, 0)), w.size())

    message, form = box(lock.message), box(lock.dialog)
    assert message.bottom() < form.top(), (message, form)
    assert lock.message.heightForWidth(lock.message.width()) <= lock.message.height()
    card = box(lock.message.parentWidget())
    assert card.contains(form) and window.rect().contains(card)
    # The cover is opaque to Qt too: the half-typed field under it is not visible at all.
    assert window.centralWidget().visibleRegion().isEmpty()
    lock.uninstall()
