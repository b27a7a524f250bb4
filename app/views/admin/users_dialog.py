"""Administration (مدیریت کاربران): add, deactivate, reset password, change role; lock time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.enums import Role
from app.services.core.context import Actor, can
from app.services.core.dto import MAX_LOCK_MINUTES
from app.services.registry import Services
from app.services.requests.dto import UserInfo
from app.views import background, geometry, palette, style, words
from app.views.admin.add_user_dialog import AddUserDialog
from app.views.admin.counties_dialog import CountiesDialog
from app.views.formatting import literal_html, ltr, plain_label
from app.views.icons import icon
from app.views.lifetime import select_row
from app.views.table_models.users_model import ROW_ROLE, UsersModel, counties_text

SERVER_PASSWORDS = ("گذرواژه‌ها را سرور پایگاه داده نگه می‌دارد: هر کاربر با حساب خودش به سرور "
                    "وارد می‌شود و گذرواژه‌ای که این‌جا می‌گذارید گذرواژهٔ همان حساب است.")


class UsersDialog(QDialog):
    """Accounts and their roles; only administrators may change anything."""

    users_changed = Signal()
    lock_minutes_changed = Signal(int)  # the main window passes it to its SessionLock

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("مدیریت کاربران")
        self.setObjectName("usersDialog")
        self.resize(760, 540)
        geometry.remember(self, "users_dialog")
        self.users, self.actor = services.users, actor
        self.reference = services.reference
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("کاربر تازه…")
        style.set_role(self.add_button, "primary")
        self.add_button.setIcon(icon("add", palette.ICON_ON_ACCENT))
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.label, r.value)
        self.role_button = QPushButton("تغییر نقش")
        self.active_button = QPushButton("غیرفعال کردن")
        self.password_button = QPushButton("بازنشانی گذرواژه…")
        self.counties_button = QPushButton("شهرستان‌ها…")  # county scope (a فرمانداری's staff)
        self.lock = QSpinBox()
        self.lock.setRange(0, MAX_LOCK_MINUTES)
        self.lock.setSuffix(" دقیقه")
        self.lock.setSpecialValueText("هرگز")
        self.lock_button = QPushButton(words.SAVE)
        self.message = plain_label("")
        self.message.setWordWrap(True)
        close = QPushButton(words.CLOSE)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(QLabel("نقش:"))
        actions.addWidget(self.role)
        actions.addWidget(self.role_button)
        actions.addWidget(self.active_button)
        actions.addWidget(self.password_button)
        actions.addWidget(self.counties_button)
        actions.addStretch(1)
        lock_row = QHBoxLayout()
        lock_row.addWidget(QLabel("قفل خودکار پس از بی‌کاری:"))
        lock_row.addWidget(self.lock)
        lock_row.addWidget(self.lock_button)
        lock_row.addStretch(1)
        lock_row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        # On a server every user is its own login there: the password is the server's.
        self.server_note = plain_label(SERVER_PASSWORDS)
        self.server_note.setObjectName("serverPasswordsNote")
        self.server_note.setWordWrap(True)
        style.set_role(self.server_note, "hint")
        self.server_note.setVisible(services.users.on_server)
        layout.addWidget(self.server_note)
        layout.addLayout(lock_row)
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.counties_button.clicked.connect(self.choose_counties)
        self.lock_button.clicked.connect(self.save_lock_minutes)
        close.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.admin = can(actor, "users.manage")
        if not self.admin:
            style.set_role(self.message, "hint")
            self.message.setText("فقط مدیر سامانه می‌تواند حساب‌ها را تغییر دهد.")
        self._update_buttons()
        self.reload()
        users = self.users
        background.run(users.lock_minutes, on_done=self.lock.setValue,
                       on_error=self._failed, owner=self)

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the accounts again."""
        background.run(self.users.list, on_done=self._listed,
                       on_error=self._failed, owner=self)

    def _listed(self, rows: list[UserInfo]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for i, u in enumerate(rows):
                if u.id == selected.id:
                    select_row(self.table, i)
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        """The account chosen in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        u = self.selected()
        for b in (self.role_button, self.active_button, self.password_button,
                  self.counties_button):
            b.setEnabled(self.admin and u is not None)
        for w in (self.add_button, self.role, self.lock, self.lock_button):
            w.setEnabled(self.admin)
        if u is not None:
            self.active_button.setText("غیرفعال کردن" if u.active else "فعال کردن")
            self.role.setCurrentIndex(max(0, self.role.findData(u.role)))
            self.counties_button.setToolTip(counties_text(u))

    # --- changing ------------------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], done_text: str) -> None:
        def done(_result: Any) -> None:
            style.set_role(self.message, "ok")
            self.message.setText(done_text)
            self.users_changed.emit()
            self.reload()

        background.write(self, call, on_done=done, on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        style.set_role(self.message, "error")
        if isinstance(exc, ValidationError):
            self.message.setText("؛ ".join(exc.errors.values()))
        else:
            self.message.setText(words.error_text(exc))

    def add_user(self) -> None:
        """Open the new-account form."""
        dialog = AddUserDialog(self.users, self.actor, self)
        if dialog.exec():
            style.set_role(self.message, "ok")
            self.message.setText(f"حساب «{ltr(dialog.result_value.username)}» ساخته شد.")
            self.users_changed.emit()
            self.reload()

    def change_role(self) -> None:
        """Give the selected account the role chosen beside the button."""
        u, users, actor, role = self.selected(), self.users, self.actor, self.role.currentData()
        if u is not None:
            self._run(lambda: users.set_role(actor, u.id, role, expected_version=u.version),
                      f"نقش «{ltr(u.username)}» تغییر کرد.")

    def toggle_active(self) -> None:
        """Deactivate (or reactivate) the selected account."""
        u, users, actor = self.selected(), self.users, self.actor
        if u is not None:
            self._run(lambda: users.set_active(actor, u.id, not u.active,
                                               expected_version=u.version),
                      f"حساب «{ltr(u.username)}» {'غیرفعال' if u.active else 'فعال'} شد.")

    def reset_password(self) -> None:
        """Ask for a new password of the selected account."""
        u, users, actor = self.selected(), self.users, self.actor
        if u is None:
            return
        password, ok = QInputDialog.getText(self, "بازنشانی گذرواژه",
                                            literal_html(f"گذرواژهٔ تازهٔ «{u.username}»:"),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self._run(lambda: users.reset_password(actor, u.id, password,
                                                   expected_version=u.version),
                      f"گذرواژهٔ «{ltr(u.username)}» بازنشانی شد.")

    def save_lock_minutes(self) -> None:
        """Store the idle time before every desktop locks."""
        users, actor, minutes = self.users, self.actor, self.lock.value()

        def done(value: int) -> None:
            style.set_role(self.message, "ok")
            self.message.setText("زمان قفل خودکار ذخیره شد.")
            self.lock_minutes_changed.emit(value)

        background.run(lambda: users.set_lock_minutes(actor, minutes), on_done=done,
                       on_error=self._failed, owner=self)

    def choose_counties(self) -> None:
        """Limit the selected account to some counties (read the list, then ask)."""
        if self.selected() is not None:
            background.run(self.reference.counties, on_done=self._ask_counties,
                           on_error=self._failed, owner=self)

    def _ask_counties(self, counties: list) -> None:
        u, users, actor = self.selected(), self.users, self.actor
        if u is None:
            return
        dialog = CountiesDialog(u.username, counties, u.county_ids, self)
        if dialog.exec():
            chosen = dialog.chosen()
            self._run(lambda: users.set_counties(actor, u.id, chosen,
                                                 expected_version=u.version),
                      f"شهرستان‌های «{ltr(u.username)}» ذخیره شد.")
