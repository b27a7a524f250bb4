"""Signing in to a shared server as one's own PostgreSQL login: the form comes first.

A database of its own on the real test server (own role prefix and login prefix), with the
logins a Pol office meets: a clerk who may sign in, a deactivated one, a login without a group
(no CONNECT), a login that is no Pol user. Wrong passwords are tried on a private cluster that
checks them (scram-sha-256): the shared test server trusts every password.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.bootstrap import Application
from app.errors import AccountLocked, AuthenticationFailed, NoDatabaseAccess, NotAPolUser
from app.models.database import Database
from app.models.enums import Role
from app.services.core import server_login
from app.services.core.context import SYSTEM
from app.services.core.reference import prepare_database
from app.services.registry import Services
from app.views import background
from app.views.connection_settings import ConnectionChoice, save_choice
from app.views.server_sign_in_dialog import ServerSignInDialog
from tests.conftest import PG_ADMIN_URL, _pg_url
from tests.support import pg_cluster, pg_roles, waits
from tests.support.memory_keyring import MemoryKeyring
from tests.support.secure_pg import secure_database
from tests.support.waits import WAIT_MS

PASSWORD = "secret-1"


@dataclass
class Office:
    """One Pol database on the shared server and its logins."""

    name: str
    prefix: str
    base_url: str  # the server's URL without a login, as Settings makes it

    def login(self, username: str) -> str:
        """The PostgreSQL login of a Pol user name."""
        return self.prefix + username


def make_login(conn: psycopg.Connection, login: str, group: str | None,
               can_login: bool = True, password: str = PASSWORD) -> None:
    """The login role (created unless `users.add` already made it), with its group if any."""
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(sql.SQL(verb + " ROLE {} " + ("LOGIN" if can_login else "NOLOGIN")
                         + " PASSWORD {}").format(sql.Identifier(login), sql.Literal(password)))
    if group:
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group),
                                                     sql.Identifier(login)))


@pytest.fixture(scope="module")
def office() -> Iterator[Office]:
    """A migrated database with maryam (clerk), reza (deactivated login), stranger (no group)
    and visitor (an inspector login with no Pol account); everything dropped afterwards."""
    try:
        conn = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip(f"PostgreSQL server not reachable at {PG_ADMIN_URL}")
    with conn, secure_database(PG_ADMIN_URL) as sdb:
        prefix = sdb.names.login_prefix
        db = Database(sdb.url)
        users = Services.for_database(db).users
        users.add(SYSTEM, "maryam", PASSWORD, Role.OPERATOR, "مریم رضایی")
        users.add(SYSTEM, "reza", PASSWORD, Role.OPERATOR, "رضا کریمی")
        db.dispose()
        make_login(conn, f"{prefix}maryam", sdb.names.group("operator"))
        make_login(conn, f"{prefix}reza", sdb.names.group("operator"), can_login=False)
        make_login(conn, f"{prefix}stranger", None)
        make_login(conn, f"{prefix}visitor", sdb.names.group("inspector"))
        u = make_url(sdb.url)
        yield Office(sdb.name, prefix, f"postgresql+psycopg://{u.host}:{u.port or 5432}/{sdb.name}")



@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> Iterator[None]:
    """QSettings in the test's folder; the desktop's login prefix as it was."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("Pol", "Pol").clear()
    yield
    server_login.set_login_prefix("")


@pytest.fixture
def prefixed(office: Office, monkeypatch: pytest.MonkeyPatch) -> Office:
    """The office, with this desktop told its login prefix through POL_LOGIN_PREFIX."""
    monkeypatch.setenv(server_login.ENV_LOGIN_PREFIX, office.prefix)
    return office


def _sign_in(qtbot, dialog: ServerSignInDialog, username: str, password: str) -> None:  # noqa: ANN001
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.ok.click()


def _refused(qtbot, dialog: ServerSignInDialog, username: str, password: str) -> str:  # noqa: ANN001
    """Submit, wait for the refusal, return its message."""
    _sign_in(qtbot, dialog, username, password)
    qtbot.waitUntil(lambda: bool(dialog.message.text()) and dialog.ok.isEnabled(),
                    timeout=WAIT_MS)
    assert dialog.result() != QDialog.DialogCode.Accepted.value and dialog.database is None
    assert dialog.username.text() == username and dialog.password.text() == password
    return dialog.message.text()


def _close(pol: Application) -> None:
    pol.ping_timer.stop()
    if pol.session_lock is not None:
        if pol.session_lock.dialog is not None:
            pol.session_lock.dialog.close()
        pol.session_lock.uninstall()
    background.wait_all()
    if pol.services is not None:
        pol.services.db.dispose()


def _signed_in_through_the_form(qtbot, pol: Application, username: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: pol.server_sign_in is not None
                    and pol.server_sign_in.isVisible(), timeout=WAIT_MS)
    assert pol.services is None  # nothing is connected before the user is known
    dialog = pol.server_sign_in
    with qtbot.waitSignal(pol.inbox_page.model.loaded, timeout=WAIT_MS):
        _sign_in(qtbot, dialog, username, PASSWORD)
        qtbot.waitUntil(lambda: pol.session_lock is not None, timeout=WAIT_MS)


# --- the whole flow -----------------------------------------------------------------------------

def test_a_server_without_a_login_asks_first_and_connects_as_the_user(qtbot, app,
                                                                      prefixed) -> None:
    """From a URL naming no login: the form, then Pol as maryam's own login, pages loaded;
    the idle lock opens again with her password."""
    pol = Application(prefixed.base_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.window.show()
    pol.start()
    try:
        _signed_in_through_the_form(qtbot, pol, "maryam")
        assert pol.actor is not None and pol.actor.username == "maryam"
        assert pol.actor.role == Role.OPERATOR and "مریم رضایی" in pol.window.user_label.text()
        with pol.services.db.read() as s:
            assert s.execute(text("SELECT session_user")).scalar() == prefixed.login("maryam")
        qtbot.waitUntil(lambda: pol.window.db_label.text().startswith("●"), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: pol.status_page.counts["requests"].text() == "۰",
                        timeout=WAIT_MS)
        lock = pol.session_lock
        # The office's idle time is still being read: it would undo the 50 ms set here.
        qtbot.waitUntil(waits.background_idle, timeout=WAIT_MS)
        with qtbot.waitSignal(lock.locked, timeout=WAIT_MS):
            lock.set_idle_ms(50)
        form = lock.dialog
        form.password.setText(PASSWORD)
        with qtbot.waitSignal(lock.unlocked, timeout=WAIT_MS):
            form.ok.click()
        assert not lock.is_locked
    finally:
        _close(pol)


def test_closing_the_server_form_closes_pol(qtbot, app, prefixed) -> None:
    """No sign-in, no connection: closing the form closes the window."""
    pol = Application(prefixed.base_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.window.show()
    pol.start()
    try:
        qtbot.waitUntil(lambda: pol.server_sign_in is not None
                        and pol.server_sign_in.isVisible(), timeout=WAIT_MS)
        pol.server_sign_in.reject()
        qtbot.waitUntil(lambda: not pol.window.isVisible(), timeout=WAIT_MS)
        assert pol.services is None and pol.server_sign_in is None
    finally:
        _close(pol)


def test_a_server_chosen_in_settings_signs_in_with_the_settings_prefix(qtbot, app, office,
                                                                      monkeypatch) -> None:
    """Saving a server in Settings opens the form first; its login prefix comes from Settings
    when POL_LOGIN_PREFIX is not set."""
    monkeypatch.delenv(server_login.ENV_LOGIN_PREFIX, raising=False)
    u = make_url(office.base_url)
    save_choice(ConnectionChoice(kind="server", host=u.host, port=u.port, database=u.database,
                                 login_prefix=office.prefix))
    pol = Application("sqlite:///unused.sqlite3", demo=False)
    qtbot.addWidget(pol.window)
    pol.window.show()
    try:
        pol.open_database(office.base_url)
        assert server_login.login_prefix() == office.prefix
        _signed_in_through_the_form(qtbot, pol, "maryam")
        assert pol.actor is not None and pol.actor.username == "maryam"
    finally:
        _close(pol)


def test_a_url_with_a_login_connects_first_then_asks(qtbot, app, pg_url, monkeypatch) -> None:
    """--db with a login (developers, tests, the command line) keeps today's order."""
    asked: list[bool] = []
    monkeypatch.setattr(Application, "ask_sign_in", lambda self, first=False: asked.append(first))
    pol = Application(pg_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    try:
        qtbot.waitUntil(lambda: asked == [True], timeout=WAIT_MS)  # no accounts: first admin
        assert pol.server_sign_in is None
    finally:
        _close(pol)


# --- refusals, each in Persian, the typing kept -------------------------------------------------

@pytest.mark.parametrize(("username", "expected"), [
    ("reza", AccountLocked().message),
    ("stranger", NoDatabaseAccess().message),
    ("visitor", None),  # NotAPolUser names the login
])
def test_each_refusal_has_its_persian_message(qtbot, app, prefixed, username, expected) -> None:
    """A deactivated login, a login with no group, a login that is not a Pol user."""
    dialog = ServerSignInDialog(prefixed.base_url)
    qtbot.addWidget(dialog)
    message = _refused(qtbot, dialog, username, PASSWORD)
    assert message == (expected or NotAPolUser(prefixed.login(username)).message)
    assert "Traceback" not in message


def test_a_server_that_does_not_answer(qtbot, app) -> None:
    """Nothing listens on the port: the connection message, the typing kept."""
    dialog = ServerSignInDialog("postgresql+psycopg://127.0.0.1:1/pol", prefix="")
    qtbot.addWidget(dialog)
    assert "اتصال به پایگاه داده برقرار نشد" in _refused(qtbot, dialog, "maryam", PASSWORD)


def test_a_wrong_password_on_a_server_that_checks_passwords(qtbot, app) -> None:
    """On a cluster with scram-sha-256 for TCP, a wrong password is refused, the right one in."""
    reason = pg_cluster.available()
    if reason is not None:
        pytest.skip(reason)
    cluster = pg_cluster.PrivateCluster(host_auth="scram-sha-256")
    prefix = pg_roles.new_prefix("ps")
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("pol")
        db = Database(cluster.url("pol"), role_prefix=prefix, login_prefix=prefix)
        prepare_database(db)
        Services.for_database(db).users.add(SYSTEM, "maryam", PASSWORD, Role.OPERATOR)
        db.dispose()
        with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                             password=cluster.password, dbname="pol", autocommit=True) as conn:
            make_login(conn, f"{prefix}maryam", f"{prefix}operator")
        base = f"postgresql+psycopg://127.0.0.1:{cluster.port}/pol"
        dialog = ServerSignInDialog(base, prefix=prefix)
        qtbot.addWidget(dialog)
        assert _refused(qtbot, dialog, "maryam", "not-her-password") == \
            AuthenticationFailed().message
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.password.setText(PASSWORD)
            dialog.ok.click()
        assert dialog.user is not None and dialog.user.username == "maryam"
        dialog.database.dispose()
    finally:
        cluster.remove()


def test_a_schema_behind_is_left_to_the_owner(qtbot, app, prefixed) -> None:
    """A login finding the schema one migration behind says so; it does not try to migrate."""
    from alembic.script import ScriptDirectory

    from app.errors import SchemaNeedsUpgrade

    db = Database(_pg_url(prefixed.name))
    script = ScriptDirectory.from_config(db.alembic_config())
    db.dispose()
    u = make_url(_pg_url(prefixed.name))
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                         autocommit=True) as conn:
        head = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        down = script.get_revision(head).down_revision
        conn.execute("UPDATE alembic_version SET version_num = %s",
                     (down[0] if isinstance(down, tuple) else down,))
        try:
            dialog = ServerSignInDialog(prefixed.base_url)
            qtbot.addWidget(dialog)
            assert _refused(qtbot, dialog, "maryam", PASSWORD) == SchemaNeedsUpgrade().message
        finally:
            conn.execute("UPDATE alembic_version SET version_num = %s", (head,))
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head


def test_a_login_never_migrates(tmp_path) -> None:
    """Opening without upgrading refuses a schema that is behind instead of migrating it."""
    from app.errors import SchemaNeedsUpgrade

    db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(SchemaNeedsUpgrade):
        prepare_database(db, upgrade=False)
    with db.engine.connect() as c:
        assert not c.exec_driver_sql("SELECT name FROM sqlite_master").all()
    db.dispose()


# --- the user's own password in the keyring -----------------------------------------------------

def test_remember_keeps_only_the_users_own_password(qtbot, app, prefixed,
                                                    memory_keyring: MemoryKeyring) -> None:
    """Checked: kept under login@host:port/db and filled in next time; unchecked: removed."""
    u = make_url(prefixed.base_url)
    account = f"{prefixed.login('maryam')}@{u.host}:{u.port}/{u.database}"
    first = ServerSignInDialog(prefixed.base_url)
    qtbot.addWidget(first)
    assert first.remember.isEnabled() and not first.remember.isChecked()
    first.remember.setChecked(True)
    with qtbot.waitSignal(first.accepted, timeout=WAIT_MS):
        _sign_in(qtbot, first, "maryam", PASSWORD)
    first.database.dispose()
    assert memory_keyring.passwords == {("Pol", account): PASSWORD}
    again = ServerSignInDialog(prefixed.base_url)
    qtbot.addWidget(again)
    assert (again.username.text(), again.password.text()) == ("maryam", PASSWORD)
    assert again.remember.isChecked()
    again.username.setText("reza")
    again.username.textEdited.emit("reza")  # typing another name drops maryam's password
    assert again.password.text() == "" and not again.remember.isChecked()
    again.username.setText("maryam")
    again.username.editingFinished.emit()
    assert again.password.text() == PASSWORD and again.remember.isChecked()
    again.remember.setChecked(False)
    with qtbot.waitSignal(again.accepted, timeout=WAIT_MS):
        again.ok.click()
    again.database.dispose()
    assert memory_keyring.passwords == {}
    settings = QSettings("Pol", "Pol")
    assert all(PASSWORD not in str(settings.value(k)) for k in settings.allKeys())
