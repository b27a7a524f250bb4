"""File dialogs open in the folder last used for their purpose (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from app.views import file_dialogs
from tests.support.waits import WAIT_MS


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """Keep QSettings (where the folders are remembered) in the test's folder."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings("Pol", "Pol").clear()


class Asked:
    """The starting path each static dialog was opened with, and what it answers."""

    def __init__(self) -> None:
        self.starts: list[str] = []
        self.answers: dict[str, object] = {}


@pytest.fixture
def asked(monkeypatch) -> Asked:  # noqa: ANN001
    """Qt's static dialogs replaced by ones that note where they opened."""
    record = Asked()

    def fake(kind: str):  # noqa: ANN202
        def dialog(_parent, _title, start, *_a, **_k):  # noqa: ANN001, ANN202
            record.starts.append(start)
            return record.answers[kind]
        return dialog

    for kind in ("getSaveFileName", "getOpenFileName", "getOpenFileNames",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, kind, fake(kind))
    return record


def test_a_save_dialog_opens_where_the_last_file_of_its_kind_went(app, asked, tmp_path) -> None:
    """Documents first; then the folder chosen last time, the proposed name kept."""
    reports = tmp_path / "گزارش‌ها"
    reports.mkdir()
    asked.answers["getSaveFileName"] = (str(reports / "q2.pdf"), "PDF")
    assert file_dialogs.save_file(None, "t", file_dialogs.REPORTS, "q2.pdf") == str(reports / "q2.pdf")
    assert asked.starts[0] == str(Path(file_dialogs.documents_folder()) / "q2.pdf")
    file_dialogs.save_file(None, "t", file_dialogs.REPORTS, "q3.pdf")
    assert asked.starts[1] == str(reports / "q3.pdf")


def test_each_purpose_keeps_its_own_folder(app, asked, tmp_path) -> None:
    """Imports come from one folder, exports go to another; a new purpose starts at the last."""
    incoming, outgoing = tmp_path / "incoming", tmp_path / "outgoing"
    incoming.mkdir()
    outgoing.mkdir()
    answers = asked.answers
    answers["getOpenFileName"] = (str(incoming / "requests.xlsx"), "")
    file_dialogs.open_file(None, "t", file_dialogs.IMPORT)
    answers["getSaveFileName"] = (str(outgoing / "list.xlsx"), "")
    file_dialogs.save_file(None, "t", file_dialogs.EXPORT, "list.xlsx")
    asked.starts.clear()
    file_dialogs.open_file(None, "t", file_dialogs.IMPORT)
    file_dialogs.save_file(None, "t", file_dialogs.EXPORT, "list.xlsx")
    answers["getOpenFileNames"] = ([], "")
    file_dialogs.open_files(None, "t", file_dialogs.ATTACHMENTS)  # never used: the last folder
    assert asked.starts == [str(incoming), str(outgoing / "list.xlsx"), str(outgoing)]


def test_a_cancelled_dialog_changes_nothing_and_a_vanished_folder_is_passed_over(
        app, asked, tmp_path) -> None:
    """Cancel keeps the remembered folder; a folder since removed (a USB stick) is skipped."""
    stick = tmp_path / "usb"
    stick.mkdir()
    answers = asked.answers
    answers["getExistingDirectory"] = str(stick)
    assert file_dialogs.choose_folder(None, "t", file_dialogs.BACKUP) == str(stick)
    answers["getExistingDirectory"] = ""
    assert file_dialogs.choose_folder(None, "t", file_dialogs.BACKUP) == ""
    assert file_dialogs.last_folder(file_dialogs.BACKUP) == str(stick)
    stick.rmdir()
    assert file_dialogs.last_folder(file_dialogs.BACKUP) == file_dialogs.documents_folder()


def test_a_callers_own_path_wins(app, asked, tmp_path) -> None:
    """The settings dialog's database path and the backup folder are where the dialog opens."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    file_dialogs.remember_folder(file_dialogs.DATABASE, str(elsewhere))
    answers = asked.answers
    answers["getSaveFileName"] = ("", "")
    answers["getExistingDirectory"] = ""
    own = str(tmp_path / "data" / "pol.sqlite3")
    file_dialogs.save_file(None, "t", file_dialogs.DATABASE, own)
    file_dialogs.choose_folder(None, "t", file_dialogs.FOLDERS, str(tmp_path))
    assert asked.starts == [own, str(tmp_path)]


def test_a_real_dialog_opens_in_the_remembered_folder(app, qtbot, tmp_path) -> None:
    """Qt's own dialog (the one Linux desktops get), driven as a user would: pick, then reopen."""
    folder = tmp_path / "نامه‌ها"
    folder.mkdir()
    seen: list[str] = []

    def answer(target: Path | None) -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, lambda: answer(target))
            return
        dialog = dialogs[0]
        seen.append(dialog.directory().absolutePath())
        if target is None:
            dialog.reject()
        else:
            dialog.selectFile(str(target))
            dialog.accept()

    QTimer.singleShot(50, lambda: answer(folder / "letter.pdf"))
    chosen = file_dialogs.save_file(None, "t", file_dialogs.LETTERS, "letter.pdf", "PDF (*.pdf)")
    assert chosen == str(folder / "letter.pdf")
    QTimer.singleShot(50, lambda: answer(None))
    assert file_dialogs.save_file(None, "t", file_dialogs.LETTERS, "next.pdf") == ""
    assert seen[1] == str(folder)
    qtbot.waitUntil(lambda: not any(isinstance(w, QFileDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=WAIT_MS)
