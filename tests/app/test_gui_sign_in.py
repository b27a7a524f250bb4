"""Signing in: wrong passwords are refused in Persian; a new database creates its first admin."""

from __future__ import annotations

from app.models.enums import Role
from app.views.sign_in_dialog import SignInDialog
from tests.support.waits import WAIT_MS


def test_wrong_password_then_right_one(qtbot, gui_services, operator) -> None:
    """A wrong password shows the message and keeps the user name; the right one signs in."""
    d = SignInDialog(gui_services.users)
    qtbot.addWidget(d)
    d.username.setText("clerk")
    d.password.setText("wrong")
    d.submit()
    qtbot.waitUntil(lambda: bool(d.message.text()), timeout=WAIT_MS)
    assert "نادرست" in d.message.text() and d.username.text() == "clerk"
    d.password.setText("secret-1")
    with qtbot.waitSignal(d.accepted, timeout=WAIT_MS):
        d.submit()
    assert d.user is not None and d.user.role == Role.OPERATOR


def test_first_administrator_is_created_on_an_empty_database(qtbot, app, sqlite_url) -> None:
    """With no accounts, the dialog creates an administrator (and checks the password length)."""
    from app.models.database import Database
    from app.services.registry import Services

    sv = Services.for_database(Database(sqlite_url))
    assert sv.users.list() == []
    d = SignInDialog(sv.users, first_admin=True)
    qtbot.addWidget(d)
    d.full_name.setText("مریم رضایی")
    d.username.setText("maryam")
    d.password.setText("ab")
    d.submit()
    qtbot.waitUntil(lambda: "گذرواژه" in d.message.text(), timeout=WAIT_MS)
    d.password.setText("long-enough")
    with qtbot.waitSignal(d.accepted, timeout=WAIT_MS):
        d.submit()
    assert [u.role for u in sv.users.list()] == [Role.ADMIN]
