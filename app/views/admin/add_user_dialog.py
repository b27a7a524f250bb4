"""Add a user account: name, role and a password typed twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models.enums import Role
from app.services.core.context import Actor
from app.views import style
from app.views.formatting import plain_label
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.widgets.service_dialog import ServiceDialog

if TYPE_CHECKING:
    from app.services.core.users import UserService


class AddUserDialog(ServiceDialog):
    """The administrator's form for a new account."""

    def __init__(self, users: UserService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("کاربر تازه", "ساخت حساب", parent)
        self.users, self.actor = users, actor
        self.username = ltr_line_edit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.label, r.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("نام کاربری:", self.username, "username")
        self.add_field("نام و نام خانوادگی:", self.full_name, "full_name")
        self.add_field("نقش:", self.role, "role")
        self.add_field("گذرواژه:", self.password, "password")
        self.add_field("تکرار گذرواژه:", self.password2, "password2")
        if users.on_server:  # the password becomes the user's own login on the server
            note = plain_label("این گذرواژه، گذرواژهٔ ورود کاربر به سرور پایگاه داده است.")
            note.setWordWrap(True)
            style.set_role(note, "hint")
            self.add_field("", note)

    def call(self) -> Callable[[], Any] | None:
        """Create the account, unless the two passwords differ."""
        if self.password.text() != self.password2.text():
            self.errors.show({"password2": "دو گذرواژه یکسان نیست."})
            return None
        users, actor = self.users, self.actor
        name, full, role, password = (self.username.text(), self.full_name.text(),
                                      self.role.currentData(), self.password.text())
        return lambda: users.add(actor, name, password, role, full)
