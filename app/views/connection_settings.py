"""Where the database is, remembered per user: QSettings for the choice, the OS keyring for
the server password (never stored in plain text; without a keyring it is asked for each time)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from sqlalchemy.engine import URL

KEYRING_SERVICE = "Pol"


@dataclass
class ConnectionChoice:
    """A local SQLite file or a PostgreSQL server."""

    kind: str = "local"  # "local" | "server"
    path: str = ""
    host: str = "127.0.0.1"
    port: int = 5432
    database: str = "pol"
    user: str = "pol"
    password: str = ""

    def url(self) -> str:
        """The SQLAlchemy URL of this choice."""
        if self.kind == "local":
            return f"sqlite:///{self.path}"
        return URL.create("postgresql+psycopg", username=self.user, password=self.password or None,
                          host=self.host, port=self.port,
                          database=self.database).render_as_string(hide_password=False)

    def keyring_account(self) -> str:
        """The account name under which the password is kept."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def _settings() -> QSettings:
    return QSettings("Pol", "Pol")


def save_password(choice: ConnectionChoice) -> bool:
    """Keep the password in the OS keyring; False when no keyring is available."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, choice.keyring_account(), choice.password)
        return True
    except (ImportError, RuntimeError, KeyringError):
        return False


def load_password(choice: ConnectionChoice) -> str:
    """The kept password, or "" when there is none (or no keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, choice.keyring_account()) or ""
    except (ImportError, RuntimeError, KeyringError):
        return ""


def save_choice(choice: ConnectionChoice) -> bool:
    """Remember the choice; returns whether the password could be kept safely."""
    s = _settings()
    s.setValue("db/kind", choice.kind)
    s.setValue("db/path", choice.path)
    s.setValue("db/host", choice.host)
    s.setValue("db/port", choice.port)
    s.setValue("db/database", choice.database)
    s.setValue("db/user", choice.user)
    s.remove("db/password")  # never in plain text, even from an older version
    s.sync()
    return choice.kind == "local" or not choice.password or save_password(choice)


def load_choice() -> ConnectionChoice | None:
    """The remembered choice (with its password from the keyring), or None."""
    s = _settings()
    kind = s.value("db/kind")
    if kind not in ("local", "server"):
        return None
    choice = ConnectionChoice(
        kind=str(kind), path=str(s.value("db/path", "")), host=str(s.value("db/host", "")),
        port=int(s.value("db/port", 5432)), database=str(s.value("db/database", "")),
        user=str(s.value("db/user", "")),
    )
    if choice.kind == "server":
        choice.password = load_password(choice)
    return choice
