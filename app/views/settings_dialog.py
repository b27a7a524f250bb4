"""Settings: a local database file or a PostgreSQL server, with «آزمایش اتصال»."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import default_database_path
from app.errors import PolError
from app.models.database import Database, SchemaState
from app.views import background
from app.views.connection_settings import ConnectionChoice, save_choice
from app.views.formatting import plain


def check_connection(url: str) -> SchemaState:
    """Connect once and read the schema state (runs off the GUI thread)."""
    db = Database(url)
    try:
        return db.schema_state()
    finally:
        db.dispose()


STATE_TEXT = {
    SchemaState.CURRENT: "اتصال برقرار است؛ پایگاه داده آماده است.",
    SchemaState.EMPTY: "اتصال برقرار است؛ پایگاه داده خالی است و در نخستین اجرا ساخته می‌شود.",
    SchemaState.BEHIND: "اتصال برقرار است؛ ساختار پایگاه داده به‌روزرسانی خواهد شد.",
    SchemaState.NEWER: "اتصال برقرار است، اما پایگاه داده از نسخهٔ جدیدتر «پل» است (فقط‌خواندنی).",
}


class SettingsDialog(QDialog):
    """Choose where the data lives; the choice is remembered for this user."""

    connection_tested = Signal(bool, str)  # ok, Persian message
    database_chosen = Signal(str)  # the URL to open

    def __init__(self, current: ConnectionChoice | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("تنظیمات پایگاه داده")
        current = current or ConnectionChoice(path=str(default_database_path()))
        self.local = QRadioButton("فایل محلی (یک رایانه)")
        self.server = QRadioButton("سرور PostgreSQL (چند رایانه)")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.path = self._ltr(QLineEdit(current.path or str(default_database_path())))
        browse = QPushButton("انتخاب…")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.host = self._ltr(QLineEdit(current.host))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port)
        self.database = self._ltr(QLineEdit(current.database))
        self.user = self._ltr(QLineEdit(current.user))
        self.password = self._ltr(QLineEdit(current.password))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.local)
        form.addRow("مسیر فایل:", path_row)
        form.addRow(self.server)
        form.addRow("نشانی سرور:", self.host)
        form.addRow("درگاه:", self.port)
        form.addRow("نام پایگاه داده:", self.database)
        form.addRow("نام کاربری:", self.user)
        form.addRow("گذرواژه:", self.password)
        self.test_button = QPushButton("آزمایش اتصال")
        self.result = plain(QLabel(""))
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("ذخیره و اتصال")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        (self.server if current.kind == "server" else self.local).setChecked(True)
        self._kind_changed()
        self.local.toggled.connect(lambda _c: self._kind_changed())
        browse.clicked.connect(self._browse)
        self.test_button.clicked.connect(self.test_connection)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    @staticmethod
    def _ltr(edit: QLineEdit) -> QLineEdit:
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return edit

    def _kind_changed(self) -> None:
        server = self.server.isChecked()
        for w in (self.host, self.port, self.database, self.user, self.password):
            w.setEnabled(server)
        self.path.setEnabled(not server)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "فایل پایگاه داده", self.path.text(),
                                              "SQLite (*.sqlite3)")
        if path:
            self.path.setText(path)

    def choice(self) -> ConnectionChoice:
        """What the form describes."""
        return ConnectionChoice(
            kind="server" if self.server.isChecked() else "local", path=self.path.text().strip(),
            host=self.host.text().strip(), port=self.port.value(),
            database=self.database.text().strip(), user=self.user.text().strip(),
            password=self.password.text(),
        )

    def test_connection(self) -> None:
        """Try the connection off the GUI thread and say what happened."""
        url = self.choice().url()
        self.test_button.setEnabled(False)
        self.result.setText("در حال آزمایش…")
        background.run(lambda: check_connection(url), on_done=self._tested_ok,
                       on_error=self._tested_failed, owner=self)

    def _tested_ok(self, state: SchemaState) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(STATE_TEXT[state])
        self.connection_tested.emit(True, STATE_TEXT[state])

    def _tested_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        message = exc.message if isinstance(exc, PolError) else f"اتصال برقرار نشد: {exc}"
        self.result.setText(message)
        self.connection_tested.emit(False, message)

    def save(self) -> None:
        """Remember the choice and ask Pol to open it."""
        choice = self.choice()
        if choice.kind == "local" and not choice.path:
            self.result.setText("مسیر فایل پایگاه داده را وارد کنید.")
            return
        if choice.kind == "server" and not (choice.host and choice.database and choice.user):
            self.result.setText("نشانی سرور، نام پایگاه داده و نام کاربری را وارد کنید.")
            return
        if not save_choice(choice):
            self.result.setText("گذرواژه در این رایانه نگه‌داری امن ندارد و ذخیره نشد؛ "
                                "در هر اجرا دوباره پرسیده می‌شود.")
        self.database_chosen.emit(choice.url())
        self.accept()
