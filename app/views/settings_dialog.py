"""Settings: a local database file or a PostgreSQL server, with «آزمایش اتصال»."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import default_database_path
from app.errors import PolError
from app.machine_setting import SOURCE_CLI, SOURCE_ENV, SOURCE_MACHINE, DatabaseSource
from app.models.database import Database, SchemaState
from app.models.server import valid_login_prefix
from app.services.core import server_login
from app.views import background, file_dialogs, style, words
from app.views.connection_settings import ConnectionChoice, save_choice
from app.views.formatting import plain
from app.views.icons import icon
from app.views.widgets.ltr_edit import PathEdit, ltr_line_edit


def check_connection(url: str) -> SchemaState | None:
    """Connect once and read the schema state (runs off the GUI thread).

    A server URL without a login is only knocked on (None: the server answers); its schema is
    read once a user signs in with their own login.
    """
    if server_login.needs_own_login(url):
        server_login.probe(url)
        return None
    db = Database(url)
    try:
        return db.schema_state()
    finally:
        db.dispose()


CONNECTION_FAILED = ("اتصال برقرار نشد. نشانی، درگاه و نام پایگاه داده را بررسی کنید؛ "
                     "جزئیات در پروندهٔ گزارش برنامه ثبت شد.")
OWN_ACCOUNT_NOTE = ("روی سرور، هر کاربر با حساب کاربری و گذرواژهٔ خودش وارد «پل» می‌شود؛ "
                    "هیچ گذرواژهٔ مشترکی در این رایانه نگه‌داری نمی‌شود.")
SERVER_ANSWERS = "سرور پاسخ می‌دهد؛ هر کاربر هنگام ورود با حساب خود به آن وصل می‌شود."
# Sources that decide at every start, whatever is saved here (app.config.resolve_database).
STRONGER_SOURCES = (SOURCE_CLI, SOURCE_ENV, SOURCE_MACHINE)
MIN_WIDTH = 640  # room for a whole Windows profile path to the database file

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
                 parent: QWidget | None = None, source: DatabaseSource | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("تنظیمات پایگاه داده")
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(MIN_WIDTH)
        current = current or ConnectionChoice(path=str(default_database_path()))
        self.local = QRadioButton("فایل محلی (یک رایانه)")
        self.server = QRadioButton("سرور PostgreSQL (چند رایانه)")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.path = PathEdit(current.path or str(default_database_path()))
        self.path.setObjectName("databasePath")
        browse = QPushButton("انتخاب…")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.host = ltr_line_edit(text=current.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port)
        self.database = ltr_line_edit(text=current.database)
        self.login_prefix = ltr_line_edit(text=current.login_prefix)
        self.login_prefix.setPlaceholderText("(خالی)")
        self.login_prefix.setToolTip("فقط اگر مسئول فناوری گفته باشد: پیشوندی که پیش از نام "
                                     "هر کاربر می‌آید تا نام ورود او روی سرور شود.")
        self.note = plain(QLabel(OWN_ACCOUNT_NOTE))
        self.note.setObjectName("ownAccountNote")
        self.note.setWordWrap(True)
        style.set_role(self.note, "hint")
        self.port.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.local)
        form.addRow("مسیر فایل:", path_row)
        form.addRow(self.server)
        form.addRow("نشانی سرور:", self.host)
        form.addRow("درگاه:", self.port)
        form.addRow("نام پایگاه داده:", self.database)
        form.addRow("پیشوند نام ورود:", self.login_prefix)
        self.test_button = QPushButton("آزمایش اتصال")
        self.result = plain(QLabel(""))
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(2 * self.result.fontMetrics().lineSpacing())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("ذخیره و اتصال")
        style.set_role(save, "primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(words.CANCEL)
        self.test_button.setIcon(icon("refresh"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        self.source_label = self._source_label(source)
        if self.source_label is not None:
            layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.note)  # outside the form: a form row does not grow with wrapping
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        (self.server if current.kind == "server" else self.local).setChecked(True)
        self._kind_changed()
        self.local.toggled.connect(lambda _c: self._kind_changed())
        browse.clicked.connect(self._browse)
        self.test_button.clicked.connect(self.test_connection)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _source_label(self, source: DatabaseSource | None) -> QLabel | None:
        """Where the open database's choice came from, and what a stronger source means."""
        if source is None:
            return None
        named = words.database_source(source.source, source.machine_path)
        lines = [words.SOURCE_LABEL.format(source=f"«{named}»")]
        if source.source in STRONGER_SOURCES:
            lines.append(words.SOURCE_OVERRIDES.format(source=f"«{named}»"))
        if source.note:
            lines.append(words.machine_problem(source.note, source.note_path))
        label = plain(QLabel("\n".join(lines)))
        label.setObjectName("databaseSource")
        label.setWordWrap(True)
        style.set_role(label, "error" if source.note else "hint")
        return label

    def _kind_changed(self) -> None:
        server = self.server.isChecked()
        for w in (self.host, self.port, self.database, self.login_prefix, self.note):
            w.setEnabled(server)
        self.path.setEnabled(not server)

    def _browse(self) -> None:
        path = file_dialogs.save_file(self, "فایل پایگاه داده", file_dialogs.DATABASE,
                                      self.path.text(), "SQLite (*.sqlite3)")
        if path:
            self.path.setText(path)

    def choice(self) -> ConnectionChoice:
        """What the form describes."""
        return ConnectionChoice(
            kind="server" if self.server.isChecked() else "local", path=self.path.text().strip(),
            host=self.host.text().strip(), port=self.port.value(),
            database=self.database.text().strip(), login_prefix=self.login_prefix.text().strip(),
        )

    def test_connection(self) -> None:
        """Try the connection off the GUI thread and say what happened."""
        url = self.choice().url()
        self.test_button.setEnabled(False)
        style.set_role(self.result, "hint")
        self.result.setText("در حال آزمایش…")
        background.run(lambda: check_connection(url), on_done=self._tested_ok,
                       on_error=self._tested_failed, owner=self)

    def _tested_ok(self, state: SchemaState | None) -> None:
        self.test_button.setEnabled(True)
        style.set_role(self.result, "ok")
        text = SERVER_ANSWERS if state is None else STATE_TEXT[state]
        self.result.setText(text)
        self.connection_tested.emit(True, text)

    def _tested_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        if isinstance(exc, PolError):
            message = exc.message
        else:  # the driver's own words (English) go to the log, not on screen
            logging.getLogger(__name__).warning("connection test failed", exc_info=exc)
            message = CONNECTION_FAILED
        style.set_role(self.result, "error")
        self.result.setText(message)
        self.connection_tested.emit(False, message)

    def save(self) -> None:
        """Remember the choice and ask Pol to open it."""
        choice = self.choice()
        style.set_role(self.result, "error")
        if choice.kind == "local" and not choice.path:
            self.result.setText("مسیر فایل پایگاه داده را وارد کنید.")
            return
        if choice.kind == "server" and not (choice.host and choice.database):
            self.result.setText("نشانی سرور و نام پایگاه داده را وارد کنید.")
            return
        if choice.kind == "server" and not valid_login_prefix(choice.login_prefix):
            self.result.setText("پیشوند نام ورود باید با حرف کوچک لاتین آغاز شود، فقط حرف کوچک "
                                "لاتین، رقم و «_» داشته باشد و به «_» ختم شود.")
            return
        save_choice(choice)
        self.database_chosen.emit(choice.url())
        self.accept()
