"""The main window opens right-to-left and Persian on a real database, off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Application, make_application
from app.demo.generator import DemoGenerator
from app.models.database import Database
from app.services.core.reference import prepare_database
from app.views.framework.bus import bus
from tests.support.helpers import register
from tests.support.waits import WAIT_MS


@pytest.fixture
def app(qapp):  # noqa: ANN001, ANN201
    """The application configured as Pol configures it."""
    return make_application()


def test_application_is_rtl_and_persian(app) -> None:
    """Layout direction, default locale and a Persian-capable font are set once."""
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().language() == QLocale.Language.Persian
    assert "Noto Sans Arabic" in app.font().families()


def test_application_carries_the_bridge_icon(app) -> None:
    """Windows and the taskbar show Pol's mark, the same picture as the installer's shortcuts."""
    sizes = app.windowIcon().availableSizes()
    assert sizes and max(s.width() for s in sizes) >= 256


def test_window_shows_database_status_and_counts(app, qtbot, sqlite_url, monkeypatch) -> None:
    """The status page shows the database and the demo counts in Persian digits."""
    asked: list[bool] = []
    monkeypatch.setattr(Application, "ask_sign_in", lambda self, first=False: asked.append(first))
    db = Database(sqlite_url)
    prepare_database(db)
    DemoGenerator(db, seed=2).run(120)
    db.dispose()
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.window.show()
    pol.start()
    qtbot.waitUntil(lambda: pol.status_page.counts["requests"].text() == "۱۲۰", timeout=WAIT_MS)
    assert pol.window.db_label.text().startswith("●")
    assert "فایل محلی" in pol.status_page.db_label.text()
    assert pol.status_page.state_label.text() == "آماده"
    assert pol.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: asked == [False], timeout=WAIT_MS)  # accounts exist: sign in


def test_unreachable_server_shows_a_persian_error(app, qtbot, monkeypatch) -> None:
    """A server that cannot be reached gives a clear Persian message, not a crash."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    pol = Application("postgresql+psycopg://nobody@127.0.0.1:1/none", demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert "اتصال به پایگاه داده برقرار نشد" in shown[0]
    assert pol.window.db_label.text().startswith("○")


def test_connection_mark_follows_the_database(app, qtbot, sqlite_url, monkeypatch) -> None:
    """The status bar shows ● while the database answers and ○ once it stops answering."""
    monkeypatch.setattr(Application, "ask_sign_in", lambda self, first=False: None)
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    qtbot.waitUntil(lambda: pol.services is not None, timeout=WAIT_MS)
    pol.check_connection()
    qtbot.waitUntil(lambda: pol.window.db_label.text().startswith("●"), timeout=WAIT_MS)
    # Let the start-up jobs and this first ping finish on the sound file: a ping still running
    # when the file goes would report ● after the ○ below, and the ○ could pass unseen.
    from app.views import background

    qtbot.waitUntil(lambda: background.wait_all(100), timeout=WAIT_MS)
    # The database file's folder becomes unreachable: a real failure, not a stand-in.
    from pathlib import Path

    from sqlalchemy.engine import make_url

    pol.services.db.dispose()
    path = Path(make_url(sqlite_url).database)
    path.rename(path.with_suffix(".moved"))
    path.mkdir()  # a directory where the file was: SQLite cannot open it
    pol.check_connection()
    qtbot.waitUntil(lambda: pol.window.db_label.text().startswith("○"), timeout=WAIT_MS)
    assert "قطع" in pol.window.db_label.text()


def test_every_page_is_connected_after_demo_sign_in(app, qtbot, sqlite_url) -> None:
    """Signed in as the demo administrator, the inbox, tracker, calendar and review pages load."""
    db = Database(sqlite_url)
    prepare_database(db)
    DemoGenerator(db, seed=3).run(300)
    db.dispose()
    pol = Application(sqlite_url, demo=True)
    qtbot.addWidget(pol.window)
    pol.window.show()
    with qtbot.waitSignal(pol.inbox_page.model.loaded, timeout=30000):
        pol.start()
    assert pol.actor is not None and pol.actor.username == "demo"
    assert "مدیر نمایشی" in pol.window.user_label.text()
    assert [pol.window.nav.item(i).text() for i in range(pol.window.nav.count())] == [
        "صندوق درخواست‌ها", "پیگیری ارجاعات", "تقویم دیدارها", "گزارش‌ها", "بازرسی",
        "وضعیت پایگاه داده", "تماس رضایت"]
    qtbot.waitUntil(lambda: pol.referrals_page.tracker.model.rowCount() > 0, timeout=WAIT_MS)
    assert pol.session_lock is not None and pol.session_lock.installed
    # Pages hear each other: a request registered elsewhere and announced on the change bus
    # (as the intake form, the meeting day and the import do) reaches the inbox and the count.
    qtbot.waitUntil(lambda: pol.status_page.counts["requests"].text() == "۳۰۰", timeout=WAIT_MS)
    assert pol.services is not None
    new = register(pol.services, pol.actor)
    with qtbot.waitSignal(pol.inbox_page.model.loaded, timeout=WAIT_MS):
        bus().requests_changed.emit([new.id])
    qtbot.waitUntil(lambda: pol.status_page.counts["requests"].text() == "۳۰۱", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: new.id in pol.inbox_page.model.positions([new.id]), timeout=WAIT_MS)


def test_an_older_connection_check_never_hides_a_newer_one(app, qtbot, sqlite_url,
                                                          monkeypatch) -> None:
    """A slow check that answers «connected» after a newer check said «lost» is ignored.

    The two checks' answers are delivered in the bad order by hand (the pool would need a slow
    server and luck to do it), through the same callbacks the pool calls.
    """
    from app.views import background

    monkeypatch.setattr(Application, "ask_sign_in", lambda self, first=False: None)
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    qtbot.waitUntil(lambda: pol.services is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: background.wait_all(100), timeout=WAIT_MS)
    pol.ping_timer.stop()  # only the two checks below
    pending: list = []
    monkeypatch.setattr(background, "run", lambda fn, on_done=None, **_kw: pending.append(on_done))
    pol.check_connection()  # the older check: its answer will come last
    pol.check_connection()  # the newer check
    older, newer = pending
    newer(False)
    assert pol.window.db_label.text().startswith("○")
    older(True)
    assert pol.window.db_label.text().startswith("○"), "an older answer hid the newer one"
