"""Signing in to a shared PostgreSQL server as one's own login, before any connection exists.

The server's CONNECT is revoked from PUBLIC, so nothing can be read before the user is known:
this dialog comes first, connects as the user's login off the GUI thread
(`server_login.sign_in`), and hands the connected database and the Pol account to the caller.
The user's own password may be kept in the OS keyring, if they ask; nothing else is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from app.models.database import Database
from app.services.core import server_login
from app.services.requests.dto import UserInfo
from app.views.connection_settings import (
    delete_password,
    keyring_account,
    keyring_available,
    last_user,
    load_password,
    remember_user,
    save_password,
)
from app.views.formatting import database_location, plain
from app.views.sign_in_dialog import SignInDialog

REMEMBER = "گذرواژه‌ام را در این رایانه به خاطر بسپار"
NO_KEYRING = "این رایانه جای امنی برای نگه‌داری گذرواژه ندارد؛ در هر ورود پرسیده می‌شود."
OWN_ACCOUNT = "با نام کاربری و گذرواژهٔ خودتان وارد شوید."


class ServerSignInDialog(SignInDialog):
    """The sign-in form of a server: the typed name's own login connects to the database."""

    def __init__(self, base_url: str, prefix: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(None, parent=parent)
        self.base_url = base_url
        self.prefix = server_login.login_prefix() if prefix is None else prefix
        self.database: Database | None = None
        self.server = plain(QLabel(database_location(base_url)))
        self.server.setObjectName("signInServer")
        self.server.setWordWrap(True)
        hint = plain(QLabel(OWN_ACCOUNT))
        hint.setWordWrap(True)
        self.form.insertRow(0, self.server)
        self.form.insertRow(1, hint)
        self.remember = QCheckBox(REMEMBER)
        self.remember.setObjectName("rememberPassword")
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(NO_KEYRING)
        self.form.addRow(self.remember)
        self.filled_from_keyring = False
        self.username.editingFinished.connect(self._fill_kept_password)
        self.username.textEdited.connect(lambda _t: self._forget_filled_password())
        name = last_user(base_url)
        if name:
            self.username.setText(name)
            self._fill_kept_password()
            self.password.setFocus()

    def account(self, username: str) -> str:
        """The keyring account of a typed user name's login on this server."""
        return keyring_account(self.base_url, self.prefix + username.strip())

    def _fill_kept_password(self) -> None:
        """A password this user asked to keep is filled in (never over one being typed)."""
        if self.password.text() or not self.username.text().strip():
            return
        kept = load_password(self.account(self.username.text()))
        if kept:
            self.password.setText(kept)
            self.remember.setChecked(True)
            self.filled_from_keyring = True

    def _forget_filled_password(self) -> None:
        """Another name is being typed: a password kept for the previous one does not apply."""
        if self.filled_from_keyring:
            self.filled_from_keyring = False
            self.password.clear()
            self.remember.setChecked(False)

    def job(self) -> Callable[[], Any]:
        """Connect as the typed name's login and find its Pol account (off the GUI thread)."""
        base, name, password, prefix = (self.base_url, self.username.text(),
                                        self.password.text(), self.prefix)
        return lambda: server_login.sign_in(base, name, password, prefix)

    def _done(self, result: tuple[Database, UserInfo]) -> None:  # type: ignore[override]
        self.database, user = result
        name, account = self.username.text().strip(), self.account(self.username.text())
        if self.remember.isChecked() and self.remember.isEnabled():
            save_password(account, self.password.text())
        else:
            delete_password(account)
        remember_user(self.base_url, name)
        super()._done(user)
