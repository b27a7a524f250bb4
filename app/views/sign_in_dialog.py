"""Sign in (or, on a database with no accounts yet, create the first administrator)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError, ValidationError
from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.requests.dto import UserInfo
from app.views import background
from app.views.formatting import plain

if TYPE_CHECKING:
    from app.services.core.users import UserService


class SignInDialog(QDialog):
    """Asks for user name and password; checks them off the GUI thread."""

    def __init__(self, users: UserService, first_admin: bool = False,
                 parent: QWidget | None = None, locked_user: str = "") -> None:
        super().__init__(parent)
        self.users = users
        self.first_admin = first_admin
        self.user: UserInfo | None = None
        self.setWindowTitle("ساخت حساب مدیر سامانه" if first_admin else "ورود به پل")
        self.username = QLineEdit(locked_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.full_name = QLineEdit()
        form = QFormLayout()
        if first_admin:
            intro = QLabel("هنوز هیچ کاربری تعریف نشده است. نخستین حساب، مدیر سامانه خواهد بود.")
            intro.setWordWrap(True)
            form.addRow(intro)
            form.addRow("نام و نام خانوادگی:", self.full_name)
        form.addRow("نام کاربری:", self.username)
        form.addRow("گذرواژه:", self.password)
        if locked_user:
            self.username.setReadOnly(True)
        self.message = plain(QLabel(""))
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("ساخت حساب" if first_admin else "ورود")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def submit(self) -> None:
        """Check the credentials (or create the first administrator) in the background."""
        users, name, password = self.users, self.username.text(), self.password.text()
        full_name = self.full_name.text()
        self.ok.setEnabled(False)
        if self.first_admin:
            job = lambda: users.add(SYSTEM, name, password, Role.ADMIN, full_name)  # noqa: E731
        else:
            job = lambda: users.authenticate(name, password)  # noqa: E731
        background.run(job, on_done=self._done, on_error=self._failed, owner=self)

    def _done(self, user: UserInfo) -> None:
        self.user = user
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.selectAll()
        if isinstance(exc, ValidationError):
            self.message.setText("؛ ".join(exc.errors.values()))
        else:
            self.message.setText(exc.message if isinstance(exc, PolError) else str(exc))
