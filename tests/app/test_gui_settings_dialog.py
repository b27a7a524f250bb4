"""The database settings dialog: test a connection, remember the choice, never the password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.views.connection_settings import ConnectionChoice, load_choice
from app.views.settings_dialog import SettingsDialog
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
                                             database="x", user="u", password="p"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT_MS) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False and "اتصال به پایگاه داده برقرار نشد" in tested.args[1]


def test_testing_the_real_postgresql_server(qtbot, app, pg_url) -> None:
    """The test server is reachable and its fresh database is ready."""
    from sqlalchemy.engine import make_url

    u = make_url(pg_url)
    dialog = SettingsDialog(ConnectionChoice(kind="server", host=u.host, port=u.port or 5432,
                                             database=u.database, user=u.username))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connection_tested, timeout=WAIT_MS) as tested:
        dialog.test_button.click()
    assert tested.args == [True, "اتصال برقرار است؛ پایگاه داده آماده است."]


def test_choice_is_remembered_without_a_plain_password(qtbot, app, tmp_path) -> None:
    """Saving remembers the server; the password is not written to the settings file."""
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="db.ostandari.local",
                                             port=5433, database="pol", user="maryam",
                                             password="very-secret-1"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.database_chosen, timeout=WAIT_MS) as chosen:
        dialog.save()
    assert chosen.args[0].startswith("postgresql+psycopg://maryam:very-secret-1@db.ostandari")
    choice = load_choice()
    assert choice is not None and (choice.kind, choice.host, choice.port) == (
        "server", "db.ostandari.local", 5433)
    settings_text = "".join(p.read_text(errors="ignore") for p in tmp_path.rglob("*.conf"))
    assert "db.ostandari.local" in settings_text and "very-secret-1" not in settings_text


def test_missing_fields_are_refused(qtbot, app) -> None:
    """A server without a host is not saved."""
    dialog = SettingsDialog(ConnectionChoice(kind="server", host="", database="pol", user="u"))
    qtbot.addWidget(dialog)
    dialog.save()
    assert "نشانی سرور" in dialog.result.text() and load_choice() is None
