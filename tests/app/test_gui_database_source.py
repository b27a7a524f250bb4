"""The settings dialog says where the open database's choice came from (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.machine_setting import DatabaseSource
from app.views import words
from app.views.connection_settings import ConnectionChoice
from app.views.settings_dialog import SettingsDialog

SERVER = "postgresql+psycopg://pol-server/pol"
INI = Path("C:/ProgramData/Pol/pol.ini")


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """Keep QSettings in the test's folder."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("Pol", "Pol").clear()


def _source_text(qtbot, source: DatabaseSource) -> str:  # noqa: ANN001
    dialog = SettingsDialog(ConnectionChoice(), source=source)
    qtbot.addWidget(dialog)
    assert dialog.source_label is not None and dialog.source_label.objectName() == "databaseSource"
    return dialog.source_label.text()


@pytest.mark.parametrize("source, says, overrides", [
    (DatabaseSource(SERVER, "machine", INI), "از تنظیم سراسری این رایانه", True),
    (DatabaseSource(SERVER, "env"), "از متغیر محیطی", True),
    (DatabaseSource(SERVER, "cli"), "از خط فرمان", True),
    (DatabaseSource(SERVER, "user"), "انتخاب شما در این رایانه", False),
    (DatabaseSource("sqlite:///x", "local"), "پرونده محلی", False),
], ids=["machine", "env", "cli", "user", "local"])
def test_each_source_is_named(qtbot, app, source: DatabaseSource, says: str,
                              overrides: bool) -> None:
    """Named in Persian; a source that decides at every start says a saved choice won't last."""
    text = _source_text(qtbot, source)
    assert says in text
    assert (words.SOURCE_OVERRIDES.split("،")[0] in text) is overrides
    if source.source == "machine":
        assert "pol.ini" in text  # the path IT wrote, so a clerk can tell IT which file
    if source.source == "env":
        assert "POL_DATABASE_URL" in text


def test_a_refused_machine_setting_is_explained(qtbot, app) -> None:
    """A machine-wide file with a password was passed over: the dialog says so and why."""
    text = _source_text(qtbot, DatabaseSource("sqlite:///x", "local", note="password",
                                              note_path=INI))
    assert "پرونده محلی" in text and "گذرواژه" in text and "pol.ini" in text


def test_no_source_no_label(qtbot, app) -> None:
    """Opened without a source (older callers): no label, nothing else changes."""
    dialog = SettingsDialog(ConnectionChoice())
    qtbot.addWidget(dialog)
    assert dialog.source_label is None
