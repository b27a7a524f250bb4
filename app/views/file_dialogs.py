"""Every file and folder dialog of Pol: each opens in the folder last used for its purpose.

One folder remembered per purpose (the Excel files to import arrive in one folder, the reports
are filed in another), kept in the user's QSettings; a purpose not used yet starts where any dialog
was last used, else in the user's Documents. A remembered folder that is gone (a USB stick taken
out) is passed over. The dialogs are Qt's static ones (the system's own on Windows).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

# The purposes (keys in QSettings).
IMPORT = "import"  # Excel / CSV files of requests to import
EXPORT = "export"  # lists saved as Excel (inbox, an agency's referrals)
REPORTS = "reports"  # quarterly reports (PDF, Excel)
LETTERS = "letters"  # letters and reminders saved as PDF
ATTACHMENTS = "attachments"  # files attached to a request, and copies saved from them
SAMAD = "samad"  # files from and for the SAMAD system (both ways: one folder)
BACKUP = "backup"  # backup folders and files
DATABASE = "database"  # the local database file (Settings)
FOLDERS = "folders"  # folders an administrator sets for the office

_KEY = "dialogs/last_folder"


def _settings() -> QSettings:
    return QSettings("Pol", "Pol")


def documents_folder() -> str:
    """The user's Documents folder (the home folder when there is none)."""
    return (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or str(Path.home()))


def last_folder(purpose: str) -> str:
    """Where a dialog for `purpose` opens: its last folder, any dialog's, else Documents."""
    s = _settings()
    for key in (f"{_KEY}/{purpose}", _KEY):
        folder = str(s.value(key, "") or "")
        if folder and Path(folder).is_dir():
            return folder
    return documents_folder()


def remember_folder(purpose: str, folder: str | Path) -> None:
    """Keep `folder` as the last one for `purpose` (and for a purpose not used yet)."""
    s = _settings()
    s.setValue(f"{_KEY}/{purpose}", str(folder))
    s.setValue(_KEY, str(folder))
    s.sync()


def _start(purpose: str, start: str) -> str:
    """A caller's own starting path (a full path or a folder) wins; a bare name goes to the folder."""
    if start and Path(start).is_absolute():
        return start
    folder = last_folder(purpose)
    return str(Path(folder) / start) if start else folder


def save_file(parent: QWidget | None, title: str, purpose: str, name: str = "",
              filters: str = "") -> str:
    """Ask where to save a file proposed as `name`; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, _start(purpose, name), filters)
    if path:
        remember_folder(purpose, Path(path).parent)
    return path


def open_file(parent: QWidget | None, title: str, purpose: str, filters: str = "",
              start: str = "") -> str:
    """Ask for one file to open; "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, _start(purpose, start), filters)
    if path:
        remember_folder(purpose, Path(path).parent)
    return path


def open_files(parent: QWidget | None, title: str, purpose: str, filters: str = "") -> list[str]:
    """Ask for files to open; [] when cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, _start(purpose, ""), filters)
    if paths:
        remember_folder(purpose, Path(paths[0]).parent)
    return list(paths)


def choose_folder(parent: QWidget | None, title: str, purpose: str, current: str = "") -> str:
    """Ask for a folder, starting at `current` when it exists; "" when cancelled."""
    start = current if current and Path(current).is_dir() else last_folder(purpose)
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    if folder:
        remember_folder(purpose, folder)
    return folder
