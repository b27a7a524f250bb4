"""Where the database is, remembered per user in QSettings; on a server, no shared login at all.

A server choice is only its address (host, port, database) and the login prefix of the office's
logins: each user signs in with their own PostgreSQL login. The OS keyring keeps at most the
signed-in user's own password, when they ask for it (account «login@host:port/db»).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from sqlalchemy.engine import URL, make_url

KEYRING_SERVICE = "Pol"
log = logging.getLogger(__name__)


@dataclass
class ConnectionChoice:
    """A local SQLite file or a PostgreSQL server."""

    kind: str = "local"  # "local" | "server"
    path: str = ""
    host: str = "127.0.0.1"
    port: int = 5432
    database: str = "pol"
    login_prefix: str = ""  # put before each user name to make their server login

    def url(self) -> str:
        """The SQLAlchemy URL of this choice (a server's names no login)."""
        if self.kind == "local":
            return f"sqlite:///{self.path}"
        return URL.create("postgresql+psycopg", host=self.host, port=self.port,
                          database=self.database).render_as_string(hide_password=False)


def keyring_account(base_url: str, login: str) -> str:
    """The keyring account of one login's own password on one server database."""
    u = make_url(base_url)
    return f"{login}@{u.host or '127.0.0.1'}:{u.port or 5432}/{u.database or ''}"


def _settings() -> QSettings:
    return QSettings("Pol", "Pol")


def _keyring():  # noqa: ANN202 - the keyring module, or None when it is missing or useless
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except RuntimeError:
        return None
    return keyring


def keyring_available() -> bool:
    """True when the OS has a keyring Pol can keep a password in."""
    return _keyring() is not None


def save_password(account: str, password: str) -> bool:
    """Keep a password in the OS keyring; False when no keyring is available."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, account, password)
        return True
    except Exception:  # noqa: BLE001 - any keyring failure means «not kept», never a crash
        log.warning("the keyring refused to keep a password", exc_info=True)
        return False


def load_password(account: str) -> str:
    """The kept password, or "" when there is none (or no keyring)."""
    kr = _keyring()
    if kr is None:
        return ""
    try:
        return kr.get_password(KEYRING_SERVICE, account) or ""
    except Exception:  # noqa: BLE001
        log.warning("the keyring could not be read", exc_info=True)
        return ""


def delete_password(account: str) -> None:
    """Remove a kept password (nothing happens when there is none)."""
    kr = _keyring()
    if kr is None:
        return
    try:
        if kr.get_password(KEYRING_SERVICE, account) is not None:
            kr.delete_password(KEYRING_SERVICE, account)
    except Exception:  # noqa: BLE001
        log.warning("the keyring could not delete a password", exc_info=True)


def forget_shared_login(s: QSettings | None = None) -> None:
    """Delete what an older Pol kept of a shared server login: its name and its password."""
    s = s or _settings()
    old_user = s.value("db/user")
    if old_user:
        old = URL.create("postgresql+psycopg", host=str(s.value("db/host", "")),
                         port=int(s.value("db/port", 5432)),
                         database=str(s.value("db/database", "")))
        delete_password(keyring_account(old.render_as_string(), str(old_user)))
    s.remove("db/user")
    s.remove("db/password")  # never kept in plain text, but an early build did
    s.sync()


def save_choice(choice: ConnectionChoice) -> None:
    """Remember the choice (never a password)."""
    s = _settings()
    forget_shared_login(s)  # before the address below replaces the old one
    s.setValue("db/kind", choice.kind)
    s.setValue("db/path", choice.path)
    s.setValue("db/host", choice.host)
    s.setValue("db/port", choice.port)
    s.setValue("db/database", choice.database)
    s.setValue("db/login_prefix", choice.login_prefix)
    s.sync()


def load_choice() -> ConnectionChoice | None:
    """The remembered choice, or None."""
    s = _settings()
    kind = s.value("db/kind")
    if kind not in ("local", "server"):
        return None
    if s.contains("db/user"):
        forget_shared_login(s)  # a shared password must not outlive the upgrade
    return ConnectionChoice(
        kind=str(kind), path=str(s.value("db/path", "")), host=str(s.value("db/host", "")),
        port=int(s.value("db/port", 5432)), database=str(s.value("db/database", "")),
        login_prefix=str(s.value("db/login_prefix", "") or ""),
    )


def chosen_database() -> tuple[str, str] | None:
    """The remembered choice as (URL, login prefix), or None (app.config.resolve_database)."""
    choice = load_choice()
    return None if choice is None else (choice.url(), choice.login_prefix)


def remember_user(base_url: str, username: str) -> None:
    """Keep the name last signed in with on this server (a name is no secret)."""
    s = _settings()
    s.setValue("signin/server", keyring_account(base_url, ""))
    s.setValue("signin/user", username)
    s.sync()


def last_user(base_url: str) -> str:
    """The name last signed in with on this server, or ""."""
    s = _settings()
    if s.value("signin/server") != keyring_account(base_url, ""):
        return ""
    return str(s.value("signin/user", "") or "")
