"""Composition root: the QApplication, fonts, RTL and Persian locale, database, services, window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.config import setup_logging
from app.errors import DatabaseDamaged
from app.excepthook import install_excepthook
from app.machine_setting import SOURCE_CLI, SOURCE_DEMO, SOURCE_MACHINE, SOURCE_USER, DatabaseSource
from app.models.database import Database, SchemaState
from app.services.core import server_login
from app.services.core.context import Actor, can
from app.services.core.users import actor_of
from app.services.registry import Services
from app.services.requests.dto import UserInfo
from app.views import background, fonts, formatting, icons, style, words
from app.views.admin import words as admin_words
from app.views.backup_actions import BackupActions
from app.views.calendar.calendar_page import CalendarPage
from app.views.calls import words as call_words
from app.views.calls.calls_page import CallsPage
from app.views.formatting import database_location, literal_html
from app.views.home.status_page import StatusPage
from app.views.inbox.inbox_page import InboxPage
from app.views.main_window import MainWindow
from app.views.referrals.referrals_page import ReferralsPage
from app.views.reports.reports_page import ReportsPage
from app.views.review.review_page import ReviewPage
from app.views.server_sign_in_dialog import ServerSignInDialog
from app.views.sign_in_dialog import SignInDialog
from app.views.single_instance import SingleInstance
from app.views.sms import words as sms_words

DEMO_REQUESTS = 10_000
PING_INTERVAL_MS = 30_000
log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, right-to-left and Persian, set once for the whole program."""
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Pol")
    app.setOrganizationName("Pol")
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    translator = QTranslator(app)
    if translator.load(QLocale(), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    fonts.register_fonts(app)
    style.apply(app)
    app.setWindowIcon(icons.app_icon())  # the bridge mark, as on the installer's shortcuts
    return app


def prepare(url: str, demo: bool, progress: background.Progress) -> tuple[Services, SchemaState]:
    """Open (create, migrate, fill the demo) the database; runs off the GUI thread."""
    from app.config import demo_database_path, sqlite_url
    from app.demo.generator import DemoGenerator, discard_unfinished_demo
    from app.services.core.reference import prepare_database

    progress(5, words.CONNECT_STEP)
    if demo and url == sqlite_url(demo_database_path()):
        # A fill that was interrupted (it commits in batches) left half a demo: build it again.
        discard_unfinished_demo(demo_database_path())
    db = Database(url)
    state = prepare_database(db)
    services = Services.for_database(db)
    if demo and db.writable and services.stats.overview_counts()["requests"] == 0:
        DemoGenerator(db, progress=lambda p, m: progress(10 + p * 85 // 100, m)).run(DEMO_REQUESTS)
    return services, state


class Application:
    """Wires the window to the services once the database is ready."""

    def __init__(self, url: str, demo: bool, source: DatabaseSource | None = None) -> None:
        self.url = url
        self.demo = demo
        # Where the choice came from (the settings dialog says so); --db when not told.
        self.source = source or DatabaseSource(url, SOURCE_DEMO if demo else SOURCE_CLI)
        self.services: Services | None = None
        self.window = MainWindow()
        self.status_page = StatusPage()
        self.inbox_page = InboxPage()
        self.referrals_page = ReferralsPage()
        self.calendar_page = CalendarPage()
        self.reports_page = ReportsPage()
        self.review_page = ReviewPage()
        self.window.add_page(words.NAV_INBOX, self.inbox_page, "inbox")
        self.window.add_page(words.NAV_REFERRALS, self.referrals_page, "referral")
        self.window.add_page(words.NAV_CALENDAR, self.calendar_page, "calendar")
        self.window.add_page(words.NAV_REPORTS, self.reports_page, "report")
        self.window.add_page(words.NAV_REVIEW, self.review_page, "review")
        self.window.add_page(words.NAV_STATUS, self.status_page, "home")
        self.calls_page = CallsPage()  # issue 13 §3
        self.window.add_page(call_words.NAV, self.calls_page, "phone")
        self.session_lock = None
        self.server_sign_in: ServerSignInDialog | None = None  # open while a server waits
        self.pending_note = ""
        # Signals between pages, connected in one place.
        # The status page's counts follow every write that adds or changes records.
        self.status_page.counts_stale.connect(self._refresh_counts)
        for page in (self.referrals_page, self.review_page, self.calls_page):
            page.message.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
        self.actor: Actor | None = None
        self.window.show_database(words.CONNECTING, connected=False)
        self.window.show_user(words.DEMO if demo else "")
        # The status bar's connection mark is refreshed in the background now and then.
        self.ping_seq = 0
        self.ping_timer = QTimer(self.window)
        self.ping_timer.setInterval(PING_INTERVAL_MS)
        self.ping_timer.timeout.connect(self.check_connection)
        menu = self.window.menuBar().addMenu(words.MENU_FILE)
        menu.addAction(icons.icon("settings"), words.MENU_SETTINGS, self.open_settings)
        menu.addAction(icons.icon("user"), words.MENU_USERS, self.open_users)
        # Administrators only: hidden until an administrator signs in (signed_in).
        self.working_week_action = menu.addAction(icons.icon("calendar"),
                                                  admin_words.MENU_WORKING_WEEK,
                                                  self.open_working_week)
        self.working_week_action.setVisible(False)
        self.office_action = menu.addAction(icons.icon("settings"), admin_words.MENU_OFFICE,
                                            self.open_office_settings)
        self.office_action.setVisible(False)
        menu.addAction(icons.icon("settings"), sms_words.MENU, self.open_sms)
        menu.addSeparator()
        self.backups = BackupActions(self.window, lambda: self.url)
        self.backups.release_requested.connect(self.release_database)
        self.backups.restored.connect(self.reopen)
        self.backups.restore_failed.connect(self.reopen)
        self.backup_action = menu.addAction(
            icons.icon("backup"), words.MENU_BACKUP,
            lambda: self.backups.open_dialog(self.services.db if self.services else None))
        self.restore_action = menu.addAction(words.MENU_RESTORE, self.backups.choose_and_restore)
        menu.addSeparator()
        menu.addAction(icons.icon("close"), words.MENU_QUIT, self.window.close)

    def check_connection(self) -> None:
        """Ask the database whether it still answers; show the result in the status bar."""
        if self.services is None:
            return
        db = self.services.db
        # Checks can overlap on a slow server: only the newest one may set the mark, or an old
        # "connected" answer could hide a newer "lost".
        self.ping_seq += 1
        seq = self.ping_seq

        def show(ok: bool) -> None:
            if seq == self.ping_seq:
                self.window.show_database(db.describe() if ok else db.describe() + " — "
                                          + words.DISCONNECTED,
                                          connected=bool(ok))

        background.run(db.ping, on_done=show, owner=self.window)

    def open_users(self) -> None:
        """The users dialog (read-only for everyone but administrators)."""
        if self.services is None or self.actor is None:
            return
        from app.views.admin.users_dialog import UsersDialog

        dialog = UsersDialog(self.services, self.actor, self.window)
        if self.session_lock is not None:
            dialog.lock_minutes_changed.connect(self.session_lock.set_idle_minutes)
        dialog.exec()

    def open_working_week(self) -> None:
        """The working-week settings (administrators only)."""
        if self.services is None or self.actor is None or not can(self.actor, "reference.manage"):
            return
        from app.views.admin.working_week_dialog import WorkingWeekDialog

        WorkingWeekDialog(self.services.working_week, self.actor, self.window).exec()

    def open_office_settings(self) -> None:
        """The office's own settings (administrators only)."""
        if self.services is None or self.actor is None or not can(self.actor, "reference.manage"):
            return
        from app.views.admin.office_settings_dialog import OfficeSettingsDialog

        OfficeSettingsDialog(self.services.office, self.actor, self.window).exec()

    def open_sms(self) -> None:
        """Messages to citizens: the outbox, the templates and the gateway."""
        if self.services is None or self.actor is None:
            return
        from app.views.sms.sms_dialog import SmsDialog

        SmsDialog(self.services, self.actor, self.window).exec()

    def open_settings(self) -> None:
        """The database settings dialog; a saved choice is opened at once."""
        from app.views.connection_settings import load_choice
        from app.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(load_choice(), self.window, source=self.source)
        dialog.database_chosen.connect(self.open_database)
        dialog.exec()

    def open_database(self, url: str) -> None:
        """Switch to another database (signing in again)."""
        from app.views.connection_settings import load_choice

        choice = load_choice()
        prefix = ""
        if choice is not None and choice.kind == "server" and choice.url() == url:
            prefix = choice.login_prefix
            server_login.set_login_prefix(prefix)
        self.source = DatabaseSource(url, SOURCE_USER, login_prefix=prefix)
        self.url = url
        self.demo = False
        if self.session_lock is not None:  # the next user brings their own lock
            self.session_lock.uninstall()
            self.session_lock = None
        self.actor = None
        self.working_week_action.setVisible(False)
        self.office_action.setVisible(False)
        self.services = None
        self.window.show_user("")
        self.start()

    def release_database(self) -> None:
        """Close every connection (a backup is about to replace the file)."""
        self.ping_timer.stop()
        services, self.services = self.services, None
        background.wait_all()  # no job may still hold a connection to the file
        if services is not None:
            services.db.dispose()

    def reopen(self, note: str = "") -> None:
        """Open the (restored) database again; everyone signs in again."""
        self.window.show_user(words.DEMO if self.demo else "")
        self.pending_note = note  # shown once the database is open again
        self.start()

    def start(self) -> None:
        """Open the database in the background and show progress meanwhile.

        A server named without a login lets nobody in before the user is known: its sign-in
        comes first and connects as the user's own login.
        """
        if server_login.needs_own_login(self.url):
            self.ask_server_sign_in()
            return
        self.status_page.show_database(database_location(self.url), words.PREPARING)
        # Owned by the window: a window closed while the database opens hears nothing more.
        background.run(lambda progress: prepare(self.url, self.demo, progress),
                       on_done=self._ready, on_error=self._failed, on_progress=self._progress,
                       owner=self.window)

    def _progress(self, pct: int, message: str) -> None:
        # Progress messages come from the services with Latin digits («5000 از 10000»).
        self.window.show_progress(pct, formatting.persian_digits(message))

    def ask_server_sign_in(self) -> None:
        """The server's sign-in form; once the user's login is in, the pages open over it."""
        self.status_page.show_database(database_location(self.url), words.WAITING_SIGN_IN)
        self.window.show_database(database_location(self.url), connected=False)
        dialog = ServerSignInDialog(self.url, parent=self.window)
        self.server_sign_in = dialog
        dialog.finished.connect(lambda code: self._server_signed_in(dialog, code))
        dialog.open()

    def _server_signed_in(self, dialog: ServerSignInDialog, code: int) -> None:
        """Closing the form closes Pol; signing in opens the pages as that user."""
        self.server_sign_in = None
        dialog.deleteLater()
        db, user = dialog.database, dialog.user
        if code != QDialog.DialogCode.Accepted.value or db is None or user is None:
            if db is not None:
                db.dispose()
            self.window.close()
            return
        self._ready((Services.for_database(db), SchemaState.CURRENT), user=user)

    def _ready(self, result: tuple[Services, SchemaState], user: UserInfo | None = None) -> None:
        """The database is open: show it and sign in (`user`: already signed in on a server)."""
        services, _state = result
        self.services = services
        db = services.db
        self.window.statusBar().clearMessage()
        self.window.show_progress(None)
        if self.pending_note:
            self.window.statusBar().showMessage(self.pending_note, 20000)
            self.pending_note = ""
        self.ping_seq += 1  # a check still running on the previous database must not answer
        self.window.show_database(db.describe(), connected=True)
        self.ping_timer.start()
        state = words.READY if db.writable else words.READ_ONLY_NEWER
        self.status_page.show_database(db.describe(), state)
        self.reports_page.set_services(services)
        self._refresh_counts()
        if user is not None:
            self.signed_in(user)
        elif self.demo:
            from app.demo.generator import DEMO_ADMIN

            background.run(lambda: services.users.authenticate(*DEMO_ADMIN),
                           on_done=self.signed_in, on_error=self._failed, owner=self.window)
        else:
            users = services.users
            background.run(lambda: not users.list(), on_done=self.ask_sign_in,
                           on_error=self._failed, owner=self.window)
            # Queued last, so the pages' first queries are not kept waiting behind the copy.
            self.backups.auto_backup(db, lambda msg: self.window.statusBar().showMessage(msg, 20000))

    def ask_sign_in(self, first_admin: bool = False) -> None:
        """Show the sign-in dialog; closing it closes Pol."""
        assert self.services is not None
        dialog = SignInDialog(self.services.users, first_admin=first_admin, parent=self.window)
        if dialog.exec() and dialog.user is not None:
            self.signed_in(dialog.user)
        else:
            self.window.close()

    def signed_in(self, user: UserInfo) -> None:
        """Give the pages the signed-in user."""
        assert self.services is not None
        self.actor = actor_of(user)
        self.working_week_action.setVisible(can(self.actor, "reference.manage"))
        self.office_action.setVisible(can(self.actor, "reference.manage"))
        self.window.show_user(words.signed_in_as(user.full_name or formatting.ltr(user.username),
                                                 user.role_label, self.demo))
        for page in (self.inbox_page, self.referrals_page, self.calendar_page, self.review_page,
                     self.calls_page):
            page.set_context(self.services, self.actor)
        # A county-limited user's report and counts cover their counties only.
        self.reports_page.set_actor(self.actor)
        self._refresh_counts()
        self.install_session_lock(user)

    def install_session_lock(self, user: UserInfo) -> None:
        """Lock the window after the office's idle time; signing in again loses no work."""
        from app.views.session_lock import SessionLock

        assert self.services is not None
        if self.session_lock is not None:
            self.session_lock.uninstall()
        self.session_lock = SessionLock(self.window, self.services.users, user.username)
        self.session_lock.load_minutes()
        self.session_lock.install()
        self.session_lock.sign_out_requested.connect(self.window.close)

    def _refresh_counts(self) -> None:
        """Count requests, referrals and meetings again for the status page (off the GUI thread)."""
        if self.services is None:
            return
        stats, actor = self.services.stats, self.actor
        background.run(lambda: stats.overview_counts(actor), on_done=self.status_page.show_counts,
                       on_error=self._failed, owner=self.status_page)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, DatabaseDamaged):
            self.window.show_database(words.DAMAGED, connected=False)
            self.status_page.show_database(database_location(self.url), exc.message)
            if self.backups.offer_latest(exc):
                return
        message = words.error_text(exc)
        self.window.show_progress(None)
        self.window.show_database(words.DISCONNECTED, connected=False)
        self.status_page.show_database(database_location(self.url), message)
        QMessageBox.critical(self.window, words.APP_NAME, literal_html(message))


def run_gui(cli_url: str | None = None, demo: bool = False,
            instance: SingleInstance | None = None) -> int:
    """Open the main window and run the event loop (or wake the one already open, and leave).

    The database: --db, POL_DATABASE_URL, the machine-wide file, then the one chosen in Settings,
    then the local file (app.config.resolve_database).
    """
    from app.config import resolve_database
    from app.views.connection_settings import chosen_database
    from app.views.single_instance import claim_window

    instance = instance or claim_window(demo)  # app.cli claims before importing this module
    if instance is None:
        return 0
    app = make_application()
    log_path = setup_logging()
    log.info("Pol starts (log: %s)", log_path)
    install_excepthook()
    source = resolve_database(cli_url, demo=demo, user_choice=chosen_database)
    log.info("database from %s", source.source)
    if source.source in (SOURCE_MACHINE, SOURCE_USER):
        server_login.set_login_prefix(source.login_prefix)
    pol = Application(source.url, demo, source)
    instance.activated.connect(pol.window.bring_forward)
    pol.window.show_first_time()
    # A machine-wide file IT must fix: said in the status bar once the database is open.
    pol.pending_note = words.machine_problem(source.note, source.note_path)
    pol.start()
    code = app.exec()
    background.wait_all()
    instance.release()
    return code
