"""The database settings dialog: test a connection, remember the choice, never a password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.views.connection_settings import ConnectionChoice, load_choice
from app.views.settings_dialog import OWN_ACCOUNT_NOTE, SERVER_ANSWERS, SettingsDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.support.waits import WAIT_MS


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """Keep QSettings in the test's folder."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("Pol", "Pol").clear()


def test_testing_a_reachable_local_file(qtbot, app, tmp_path) -> None:
    """A new local file is reported as reachable and empty."""
    dialog = SettingsDialog(ConnectionChoice(path=str(tmp_path / "new.sqlite3")))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT_MS) as tested:
        dialog.test_button.click()
    assert tested.args[0] is True and "خالی" in tested.args[1]


def test_testing_an_unreachable_server_says_so(qtbot, app) -> None:
    """A server that does not answer gives the Persian connection message."""
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="127.0.0.1", port=1,
                                             database="x"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT_MS) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False and "اتصال به پایگاه داده برقرار نشد" in tested.args[1]


def test_testing_the_real_postgresql_server(qtbot, app, pg_url) -> None:
    """The test server answers; with no shared login the dialog says users sign in themselves."""
    from sqlalchemy.engine import make_url

    u = make_url(pg_url)
    dialog = SettingsDialog(ConnectionChoice(kind="server", host=u.host, port=u.port or 5432,
                                             database=u.database))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT_MS) as tested:
        dialog.test_button.click()
    assert tested.args == [True, SERVER_ANSWERS]


def test_a_server_has_no_shared_login_fields(qtbot, app) -> None:
    """Only host, port, database and the login prefix; the note says who signs in."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    dialog = SettingsDialog(ConnectionChoice(kind="server"))
    qtbot.addWidget(dialog)
    assert not any(e.echoMode() == QLineEdit.EchoMode.Password
                   for e in dialog.findChildren(QLineEdit))
    assert OWN_ACCOUNT_NOTE in [label.text() for label in dialog.findChildren(QLabel)]
    assert "هر کاربر با حساب کاربری و گذرواژهٔ خودش" in OWN_ACCOUNT_NOTE


def test_choice_is_remembered_without_any_password(qtbot, app, tmp_path,
                                                   memory_keyring: MemoryKeyring) -> None:
    """Saving remembers the server only; the old shared login's kept password is deleted."""
    old = QSettings("Pol", "Pol")  # what an older Pol kept: a shared login, its password in
    for key, value in (("db/kind", "server"), ("db/host", "db.ostandari.local"),
                       ("db/port", 5433), ("db/database", "pol"), ("db/user", "pol")):
        old.setValue(key, value)
    old.sync()
    memory_keyring.set_password("Pol", "pol@db.ostandari.local:5433/pol", "shared-secret-1")
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="db.ostandari.local",
                                             port=5433, database="pol", login_prefix="ab_"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.database_chosen, timeout=WAIT_MS) as chosen:
        dialog.save()
    assert chosen.args[0] == "postgresql+psycopg://db.ostandari.local:5433/pol"
    choice = load_choice()
    assert choice is not None and (choice.kind, choice.host, choice.port, choice.login_prefix) \
        == ("server", "db.ostandari.local", 5433, "ab_")
    settings = QSettings("Pol", "Pol")
    assert not [k for k in settings.allKeys() if "password" in k or k == "db/user"]
    assert memory_keyring.passwords == {}
    settings_text = "".join(p.read_text(errors="ignore") for p in tmp_path.rglob("*.conf"))
    assert "db.ostandari.local" in settings_text and "secret" not in settings_text


def test_a_bad_login_prefix_is_refused(qtbot, app) -> None:
    """A prefix PostgreSQL would need quoted is not saved."""
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="h", database="pol",
                                             login_prefix="Bad Prefix"))
    qtbot.addWidget(dialog)
    dialog.save()
    assert "پیشوند" in dialog.result.text() and load_choice() is None


def test_missing_fields_are_refused(qtbot, app) -> None:
    """A server without a host is not saved."""
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="", database="pol"))
    qtbot.addWidget(dialog)
    dialog.save()
    assert "نشانی سرور" in dialog.result.text() and load_choice() is None
