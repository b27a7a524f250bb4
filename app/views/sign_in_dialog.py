"""Sign in (or, on a database with no accounts yet, create the first administrator).

The same form unlocks a locked session (`locked_user`): then it is embedded in the lock's cover
(see session_lock.py), the user name is fixed, and «خروج از حساب» replaces «انصراف».
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.requests.dto import UserInfo
from app.views import background, style, words
from app.views.widgets.field_errors import general_label
from app.views.widgets.ltr_edit import ltr_line_edit

SIGN_IN = "ورود"
SIGN_IN_TITLE = "ورود به پل"
FIRST_ADMIN_TITLE = "ساخت حساب مدیر سامانه"
FIRST_ADMIN_INTRO = "هنوز هیچ کاربری تعریف نشده است. نخستین حساب، مدیر سامانه خواهد بود."
CREATE_ACCOUNT = "ساخت حساب"
LEAVE = "خروج از حساب"

if TYPE_CHECKING:
    from app.services.core.users import UserService


class SignInDialog(QDialog):
    """Asks for user name and password; checks them off the GUI thread."""

    leave_requested = Signal()  # locked mode: the user chose to sign out instead

    def __init__(self, users: UserService | None, first_admin: bool = False,
                 parent: QWidget | None = None, locked_user: str = "") -> None:
        super().__init__(parent)
        self.users = users
        self.first_admin = first_admin
        self.locked_user = locked_user
        self.user: UserInfo | None = None
        self.setWindowTitle(FIRST_ADMIN_TITLE if first_admin else SIGN_IN_TITLE)
        self.setMinimumWidth(380)
        self.username = ltr_line_edit(text=locked_user)
        self.password = ltr_line_edit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.full_name = QLineEdit()
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if first_admin:
            intro = QLabel(FIRST_ADMIN_INTRO)
            intro.setWordWrap(True)
            form.addRow(intro)
            form.addRow("نام و نام خانوادگی:", self.full_name)
        form.addRow("نام کاربری:", self.username)
        form.addRow("گذرواژه:", self.password)
        if locked_user:
            self.username.setReadOnly(True)
        self.message = general_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(CREATE_ACCOUNT if first_admin else SIGN_IN)
        style.set_role(self.ok, "primary")
        self.cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(LEAVE if locked_user else words.CANCEL)
        buttons.accepted.connect(self.submit)
        if locked_user:
            self.cancel.clicked.connect(self.leave_requested)
        else:
            buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.textEdited.connect(lambda _t: self.message.setText(""))
        (self.password if locked_user else self.username).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """A locked session is never left by Escape: only by «خروج از حساب»."""
        if self.locked_user and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        """Check the credentials (or create the first administrator) in the background."""
        self.ok.setEnabled(False)
        background.run(self.job(), on_done=self._done, on_error=self._failed, owner=self)

    def job(self) -> Callable[[], Any]:
        """What «ورود» runs off the GUI thread (its result goes to `_done`)."""
        users, name, password = self.users, self.username.text(), self.password.text()
        full_name = self.full_name.text()
        assert users is not None
        if self.first_admin:
            return lambda: users.add(SYSTEM, name, password, Role.ADMIN, full_name)
        return lambda: users.authenticate(name, password)

    def _done(self, user: UserInfo) -> None:
        self.user = user
        self.ok.setEnabled(True)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.selectAll()
        if isinstance(exc, ValidationError):
            self.message.setText("؛ ".join(exc.errors.values()))
        else:
            self.message.setText(words.error_text(exc))
