"""The users dialog on a PostgreSQL server: the same buttons make and change the users' logins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QInputDialog

from app.errors import AccountLocked
from app.models.database import Database
from app.models.enums import Role
from app.services.core import scram
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.registry import Services
from app.views.admin.add_user_dialog import AddUserDialog
from app.views.admin.users_dialog import SERVER_PASSWORDS, UsersDialog
from tests.conftest import _pg_admin
from tests.support.waits import WAIT_MS


@pytest.fixture
def pg_services(app, pg_url: str) -> Iterator[Services]:  # noqa: ANN001
    """Services over a fresh PostgreSQL database."""
    db = Database(pg_url)
    db.open()
    yield Services.for_database(db)
    db.dispose()


def _login(sv: Services, username: str) -> tuple[bool, str]:
    """(rolcanlogin, stored verifier) of a user's login."""
    names = sv.users.server_names()
    assert names is not None
    conn = _pg_admin()
    assert conn is not None
    with conn:
        return conn.execute("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = %s",
                            (names.login(username),)).fetchone()


def _select(d: UsersDialog, username: str) -> None:
    row = next(i for i, u in enumerate(d.model.rows) if u.username == username)
    d.table.selectionModel().select(
        d.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def test_the_dialog_manages_logins_on_a_server(qtbot, pg_services, monkeypatch) -> None:  # noqa: ANN001
    """Add, deactivate and reset a password through the widgets; the note says passwords are
    the server's."""
    admin = actor_of(pg_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))
    d = UsersDialog(pg_services, admin)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.model.rowCount() == 1, timeout=WAIT_MS)
    assert d.server_note.isVisible() and d.server_note.text() == SERVER_PASSWORDS
    add = AddUserDialog(pg_services.users, admin)
    qtbot.addWidget(add)
    add.username.setText("maryam")
    add.role.setCurrentIndex(add.role.findData(Role.INSPECTOR.value))
    add.password.setText("long-pass")
    add.password2.setText("long-pass")
    with qtbot.waitSignal(add.saved, timeout=WAIT_MS):
        add.submit()
    assert _login(pg_services, "maryam")[0] is True
    d.reload()
    qtbot.waitUntil(lambda: d.model.rowCount() == 2, timeout=WAIT_MS)
    _select(d, "maryam")
    assert d.selected().username == "maryam", d.message.text()
    d.active_button.click()
    qtbot.waitUntil(lambda: d.message.text() != "", timeout=WAIT_MS)
    assert "غیرفعال شد" in d.message.text(), d.message.text()
    qtbot.waitUntil(lambda: not next(u for u in d.model.rows if u.username == "maryam").active,
                    timeout=WAIT_MS)
    assert _login(pg_services, "maryam")[0] is False
    with pytest.raises(AccountLocked):
        pg_services.users.authenticate("maryam", "long-pass")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("fresh-pass", True))
    _select(d, "maryam")
    with qtbot.waitSignal(d.users_changed, timeout=WAIT_MS):
        d.password_button.click()
    assert scram.matches(_login(pg_services, "maryam")[1], "fresh-pass")


def test_a_name_taken_on_the_server_is_shown_on_the_field(qtbot, pg_services) -> None:  # noqa: ANN001
    """The server's refusal comes back as the Persian message under the user name."""
    admin = actor_of(pg_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))
    add = AddUserDialog(pg_services.users, admin)
    qtbot.addWidget(add)
    add.username.setText("x_admin")  # shaped like a Pol group's name
    add.password.setText("long-pass")
    add.password2.setText("long-pass")
    add.submit()
    qtbot.waitUntil(lambda: "سرور" in add.errors.labels["username"].text(), timeout=WAIT_MS)
