"""The shell: formats, isolates, the lock's layout, remembered geometry, the log file, icons."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from app.views import formatting, geometry, icons, words
from tests.support.waits import WAIT_MS

LRI, PDI = "\u2066", "\u2069"


# --- formats ------------------------------------------------------------------------------------

def test_tracking_code_is_latin_and_isolated() -> None:
    """«۱۴۰۵-۰۰۰۹۳۶۰-۸» is shown with Latin digits (a zero you can see), left to right."""
    shown = formatting.tracking_code("۱۴۰۵-۰۰۰۹۳۶۰-۸")
    assert shown == f"{LRI}1405-0009360-8{PDI}"
    from app.services.core.persian import canonical_code

    assert canonical_code(shown) == "1405-0009360-8"  # pasting it back into search finds it


def test_dates_and_times_share_one_format() -> None:
    """A date is «۱۴۰۵/۰۹/۰۷»; a moment is that date, then the Tehran time, isolated RTL."""
    moment = datetime(2026, 11, 28, 6, 35)  # UTC; 10:05 in Tehran
    assert formatting.date(moment.date()) == "۱۴۰۵/۰۹/۰۷"
    assert formatting.date_time(moment) == "\u2067۱۴۰۵/۰۹/۰۷ ۱۰:۰۵\u2069"
    assert formatting.day_of(moment) == "۱۴۰۵/۰۹/۰۷"
    assert formatting.date(None) == formatting.date_time(None) == ""


def test_paths_and_ids_keep_their_order_inside_persian_text() -> None:
    """A database path is isolated, so its leading slash stays at its left end."""
    where = formatting.database_location("sqlite:////home/clerk/pol.sqlite3")
    assert where == f"فایل محلی: {LRI}/home/clerk/pol.sqlite3{PDI}"
    server = formatting.database_location("postgresql+psycopg://pol:secret@db.local:5433/pol")
    assert "secret" not in server and f"{LRI}db.local:5433/pol{PDI}" in server
    assert formatting.national_id("0012345678") == f"{LRI}۰۰۱۲۳۴۵۶۷۸{PDI}"
    assert formatting.progress(5000, 10000) == "۵٬۰۰۰ از ۱۰٬۰۰۰"


def test_unexpected_errors_have_one_short_persian_wording(caplog) -> None:
    """An unforeseen error shows one Persian line; its details go to the log."""
    from app.errors import PolError

    assert words.error_text(PolError("پیام")) == "پیام"
    try:
        raise KeyError("secret-detail")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            text = words.error_text(exc)
    assert text == words.UNEXPECTED_ERROR and "secret-detail" not in text
    assert "secret-detail" in caplog.text and "Traceback" in caplog.text


# --- the log file -------------------------------------------------------------------------------

def test_a_failing_background_job_lands_in_the_log_file(qtbot, app, tmp_path, monkeypatch) -> None:
    """A job without an error handler writes its traceback to the rotating log file."""
    from app import config
    from app.views import background

    monkeypatch.setenv(config.ENV_LOG_DIR, str(tmp_path / "logs"))
    path = config.setup_logging()
    try:
        assert path == tmp_path / "logs" / "pol.log"
        assert config.setup_logging() == path  # once per process: no second handler
        handlers = [h for h in logging.getLogger().handlers if getattr(h, "pol_log_file", None)]
        assert len(handlers) == 1

        def boom() -> None:
            raise ValueError("job-went-wrong")

        background.run(boom)
        qtbot.waitUntil(lambda: path.exists() and "job-went-wrong" in path.read_text("utf-8"),
                        timeout=WAIT_MS)
        text = path.read_text("utf-8")
        assert "Traceback" in text and "in boom" in text
    finally:
        for h in [h for h in logging.getLogger().handlers if getattr(h, "pol_log_file", None)]:
            logging.getLogger().removeHandler(h)
            h.close()


# --- icons --------------------------------------------------------------------------------------

def test_every_icon_of_the_set_draws(app) -> None:
    """The one icon set has the shell's icons and each draws something."""
    needed = {"inbox", "referral", "calendar", "review", "report", "settings", "home", "add",
              "search", "refresh", "print", "export", "close"}
    assert needed <= icons.NAMES
    for name in icons.NAMES:
        image = icons.icon(name).pixmap(24, 24).toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24)), name
    with pytest.raises(KeyError):
        icons.icon("no-such-icon")


# --- the window ---------------------------------------------------------------------------------

def test_window_opens_maximised_first_then_where_it_was_left(qtbot, app) -> None:
    """First run: maximised. Later runs: the saved geometry."""
    from app.views.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show_first_time()
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.setGeometry(QRect(40, 50, 700, 480))  # inside the offscreen 800×600 screen
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show_first_time()
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    assert (second.width(), second.height()) == (700, 480)


def test_splitter_positions_are_remembered(qtbot, app) -> None:
    """geometry.remember keeps a splitter's sizes for the next time."""
    def make() -> QSplitter:
        s = QSplitter()
        s.addWidget(QWidget())
        s.addWidget(QWidget())
        s.resize(600, 300)
        qtbot.addWidget(s)
        return s

    a = make()
    assert geometry.remember(a, "test/split") is False  # nothing saved yet
    a.show()
    a.setSizes([150, 450])
    a.splitterMoved.emit(150, 1)
    # Written once the drag settles, not at every pixel.
    qtbot.waitUntil(lambda: geometry.load("test/split") is not None, timeout=WAIT_MS)
    b = make()
    assert geometry.remember(b, "test/split") is True
    b.show()
    assert b.sizes()[0] == a.sizes()[0]


def test_column_widths_and_order_are_remembered(qtbot, app) -> None:
    """geometry.remember on a header keeps widths and order, even when the model comes later."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    def make() -> QTableView:
        view = QTableView()
        qtbot.addWidget(view)
        geometry.remember(view.horizontalHeader(), "test/columns")
        view.setModel(QStandardItemModel(3, 4))
        return view

    a = make()
    a.horizontalHeader().resizeSection(1, 222)
    a.horizontalHeader().moveSection(3, 0)
    qtbot.waitUntil(lambda: geometry.load("test/columns") is not None, timeout=WAIT_MS)
    b = make()
    assert b.horizontalHeader().sectionSize(1) == 222
    assert b.horizontalHeader().logicalIndex(0) == 3


def test_pages_keep_the_same_room_on_both_sides(qtbot, app) -> None:
    """The page host gives every page the same margin at its right and left edge (RTL)."""
    from app.views.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    page = QLabel("وضعیت:")
    w.add_page("صفحه", page, "home")
    w.resize(1000, 600)
    w.show()
    qtbot.waitExposed(w)
    host = w.page_host
    top_left = page.mapTo(host, page.rect().topLeft())
    right_gap = host.width() - (top_left.x() + page.width())
    assert top_left.x() >= 12 and right_gap >= 12 and abs(right_gap - top_left.x()) <= 1
    nav_left = w.nav.mapTo(w, w.nav.rect().topLeft()).x()
    assert page.mapTo(w, page.rect().topRight()).x() < nav_left  # nav on the right (RTL)


def test_status_bar_progress_uses_persian_digits(qtbot, app, monkeypatch) -> None:
    """The demo fill's «5000 از 10000» reaches the status bar as «۵۰۰۰ از ۱۰۰۰۰»."""
    from app.bootstrap import Application

    pol = Application("sqlite:///" + "/nonexistent/never-opened.sqlite3", demo=False)
    qtbot.addWidget(pol.window)
    pol._progress(50, "ساخت داده‌های نمایشی 5000 از 10000")
    message = pol.window.statusBar().currentMessage()
    assert "۵۰۰۰ از ۱۰۰۰۰" in message and not any(c.isascii() and c.isdigit() for c in message)
    assert pol.window.progress.isVisibleTo(pol.window) and pol.window.progress.value() == 50


def test_status_page_isolates_the_database_path(qtbot, app) -> None:
    """Before and after connecting, the path is an LTR isolate, never turned around."""
    from app.bootstrap import Application

    pol = Application("sqlite:////srv/pol/data.sqlite3", demo=False)
    qtbot.addWidget(pol.window)
    pol.status_page.show_database(formatting.database_location(pol.url), words.PREPARING)
    assert f"{LRI}/srv/pol/data.sqlite3{PDI}" in pol.status_page.db_label.text()


# --- the session lock ---------------------------------------------------------------------------

def test_the_lock_shows_its_message_above_the_sign_in_form(qtbot, gui_services, operator) -> None:
    """The sign-in form sits under the message in one card: nothing covers the text."""
    from app.views.session_lock import SessionLock

    w = QMainWindow()
    w.setCentralWidget(QLabel("کار باز"))
    w.resize(1000, 640)
    qtbot.addWidget(w)
    w.show()
    lock = SessionLock(w, gui_services.users, "clerk")
    lock.install()
    lock.lock()
    qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible(), timeout=WAIT_MS)
    dialog, message = lock.dialog, lock.message
    assert dialog is not None and message is not None
    assert not dialog.isWindow()  # part of the cover, not a box floating over it

    def rect(widget: QWidget) -> QRect:
        return QRect(widget.mapTo(w, widget.rect().topLeft()), widget.size())

    assert not rect(dialog).intersects(rect(message))
    assert rect(message).bottom() < rect(dialog).top()
    # The whole message fits its label (no clipped lines).
    assert message.height() >= message.heightForWidth(message.width())
    for button in (dialog.ok, dialog.cancel):
        assert button.isVisible() and rect(button).intersected(rect(message)).isEmpty()
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    assert lock.overlay is not None and rect(dialog).intersected(rect(lock.overlay)) == rect(dialog)
    with qtbot.waitSignal(lock.sign_out_requested, timeout=WAIT_MS):
        dialog.cancel.click()
    lock.uninstall()


def test_an_uncaught_error_is_logged_and_shown_in_one_persian_line(app, caplog,
                                                                   monkeypatch) -> None:
    """An exception escaping a slot goes to the log with its traceback; the user sees one line."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from app.bootstrap import install_excepthook

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook()
    try:
        raise RuntimeError("slot-broke")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown == [words.UNEXPECTED_ERROR]
    assert "slot-broke" in caplog.text and "Traceback" in caplog.text


def test_navigation_has_icons_and_shortcuts_only_in_tooltips(qtbot, app) -> None:
    """Each page has an icon; Ctrl+2 opens the second page; item text carries no shortcut."""

    from app.views.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    for title, name in (("یک", "inbox"), ("دو", "referral")):
        w.add_page(title, QLabel(title), name)
    w.show()
    qtbot.waitExposed(w)
    item = w.nav.item(1)
    assert not item.icon().isNull() and "Ctrl" not in item.text() and "2" in item.toolTip()
    from PySide6.QtGui import QKeySequence, QShortcut

    shortcut = next(sc for sc in w.findChildren(QShortcut) if sc.key() == QKeySequence("Ctrl+2"))
    shortcut.activated.emit()  # offscreen windows get no focus to deliver the key itself
    qtbot.waitUntil(lambda: w.pages.currentIndex() == 1, timeout=WAIT_MS)
