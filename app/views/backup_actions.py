"""«پشتیبان‌گیری…» and «بازگردانی از پشتیبان…» under «پرونده», the automatic backup at start and
the offer to restore the latest backup when the local file is damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from app.errors import DatabaseDamaged
from app.models.database import Database
from app.services.core import backup
from app.views import background, file_dialogs, formatting, palette, style, words
from app.views.formatting import literal_html
from app.views.icons import icon
from app.views.widgets.ltr_edit import PathEdit

TITLE = "پشتیبان‌گیری"


def sqlite_path_of(url: str) -> Path | None:
    """The local file behind a database URL, or None for a server."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database)
    return None

MIN_WIDTH = 600  # room for a network share's path


def _message(exc: Exception) -> str:
    return words.error_text(exc)


def _plain(box: QMessageBox) -> QMessageBox:
    """Paths and database text are shown as they are, never as markup."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class BackupDialog(QDialog):
    """The backup folder (a local folder or a network share) and «پشتیبان‌گیری اکنون»."""

    backup_written = Signal(str)  # the new backup's path

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.db = db
        self.setMinimumWidth(MIN_WIDTH)
        self.folder = PathEdit(str(backup.backup_folder()))
        browse = QPushButton("انتخاب…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("پوشهٔ پشتیبان‌ها:", row)
        path = db.sqlite_path
        latest = backup.latest_backup(path) if path is not None else None
        self.latest = QLabel(f"آخرین پشتیبان: {formatting.path(latest)}" if latest
                             else "هنوز پشتیبانی در این پوشه نیست.")
        self.latest.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(
            "هر روز در نخستین اجرا، نسخه‌ای خودکار گرفته می‌شود و ۱۴ نسخهٔ آخر نگه داشته می‌شود."
            if path is not None else "از پایگاه دادهٔ سرور با pg_dump پشتیبان گرفته می‌شود.")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.now = QPushButton(icon("backup", palette.ICON_ON_ACCENT), "پشتیبان‌گیری اکنون")
        style.set_role(self.now, "primary")
        self.now.clicked.connect(self.start_backup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(words.CLOSE)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.latest)
        layout.addWidget(self.status)
        layout.addWidget(self.now)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = file_dialogs.choose_folder(self, "پوشهٔ پشتیبان‌ها", file_dialogs.BACKUP,
                                            self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start_backup(self) -> None:
        """Remember the folder and write a backup off the GUI thread."""
        folder = self.folder.text().strip()
        try:
            backup.set_backup_folder(folder)
        except OSError as exc:
            self.status.setText(f"پوشه ذخیره نشد: {exc.strerror or exc}")
            return
        self.now.setEnabled(False)
        self.status.setText("در حال پشتیبان‌گیری و بررسی نسخه…")
        db = self.db
        background.run(lambda: backup.backup_database(db), on_done=self._done,
                       on_error=self._failed, owner=self)

    def _done(self, out: Path) -> None:
        self.now.setEnabled(True)
        self.status.setText(f"نسخهٔ پشتیبان نوشته و بررسی شد: \u2066{out}\u2069")
        self.latest.setText(f"آخرین پشتیبان: \u2066{out}\u2069")
        self.backup_written.emit(str(out))

    def _failed(self, exc: Exception) -> None:
        self.now.setEnabled(True)
        self.status.setText(_message(exc))


class BackupActions(QObject):
    """Backup and restore for the window; the application releases and reopens the database."""

    release_requested = Signal()  # close every connection: the file is about to be replaced
    restored = Signal(str)  # the file was replaced (Persian note); reopen it
    restore_failed = Signal(str)  # nothing was replaced (Persian message); reopen as it was

    def __init__(self, window: QWidget, current_url: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self.current_url = current_url

    # --- backup ---------------------------------------------------------------------------

    def open_dialog(self, db: Database | None) -> None:
        """The backup dialog for the open database."""
        if db is None:
            QMessageBox.information(self.window, TITLE, "پایگاه داده هنوز باز نشده است.")
            return
        BackupDialog(db, self.window).exec()

    def auto_backup(self, db: Database, show: Callable[[str], None]) -> None:
        """The daily automatic backup of a local file, in the background; the result is shown."""
        def done(out: Path | None) -> None:
            if out is not None:
                show(f"پشتیبان خودکار نوشته شد: \u2066{out}\u2069")

        # Owned by the window: closed before the copy ends, it hears nothing more.
        background.run(lambda: backup.auto_backup(db), on_done=done,
                       on_error=lambda exc: show("پشتیبان خودکار نوشته نشد: " + _message(exc)),
                       owner=self.window)

    # --- restore --------------------------------------------------------------------------

    def choose_and_restore(self) -> None:
        """«بازگردانی از پشتیبان…»: pick a file, confirm, replace the database, reopen."""
        target = sqlite_path_of(self.current_url())
        if target is None:
            QMessageBox.information(self.window, "بازگردانی", literal_html(backup.PG_RESTORE_ADVICE))
            return
        chosen = file_dialogs.open_file(
            self.window, "بازگردانی از پشتیبان", file_dialogs.BACKUP,
            "پایگاه دادهٔ پل (*.sqlite3);;همهٔ فایل‌ها (*)", start=str(backup.backup_folder()))
        if chosen:
            self.confirm_and_restore(Path(chosen), target)

    def offer_latest(self, exc: DatabaseDamaged) -> bool:
        """At start, for a damaged file: offer to restore the latest backup. False: no backup."""
        target = Path(exc.path)
        latest = backup.latest_backup(target)
        if latest is None:
            return False
        box = _plain(QMessageBox(QMessageBox.Icon.Critical, "پایگاه دادهٔ آسیب‌دیده",
                                 exc.message + f"\n\nآخرین نسخهٔ پشتیبان: \u2066{latest}\u2069\n"
                                 "آن را بازمی‌گردانید؟", parent=self.window))
        restore = box.addButton("بازگردانی آخرین پشتیبان", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("بستن", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is restore:
            self._restore(latest, target)
        return True

    def confirm_and_restore(self, chosen: Path, target: Path) -> None:
        """Ask before replacing the database with a backup."""
        box = _plain(QMessageBox(
            QMessageBox.Icon.Warning, "بازگردانی از پشتیبان",
            f"پایگاه دادهٔ \u2066{target}\u2069 با پشتیبان \u2066{chosen}\u2069 جایگزین می‌شود. "
            "فایل کنونی کنار گذاشته می‌شود و پاک نمی‌شود. ادامه می‌دهید؟",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self._restore(chosen, target)

    def _restore(self, chosen: Path, target: Path) -> None:
        """Release the database, replace it off the GUI thread, then have it reopened."""
        self.release_requested.emit()  # the application closes every connection first

        def done(aside: Path | None) -> None:
            note = f"پایگاه داده از \u2066{chosen}\u2069 بازگردانده شد."
            if aside is not None:
                note += f" فایل پیشین کنار گذاشته شد: \u2066{aside}\u2069"
            self.restored.emit(note)

        def failed(exc: Exception) -> None:
            _plain(QMessageBox(QMessageBox.Icon.Critical, "بازگردانی", _message(exc),
                               parent=self.window)).exec()
            self.restore_failed.emit(_message(exc))

        background.run(lambda: backup.restore_sqlite(chosen, target), on_done=done,
                       on_error=failed)
