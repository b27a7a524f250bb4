"""A window closed while its database is still opening hears nothing more from that work."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from app.bootstrap import Application
from tests.support import waits
from tests.support.waits import WAIT_MS


def test_closing_the_window_while_the_database_opens_leaves_no_error(qtbot, app,
                                                                     sqlite_url) -> None:
    """The opening job's progress and result find no window: they are dropped, not raised
    (pytest-qt fails the test on any exception in the event loop)."""
    pol = Application(sqlite_url, demo=False)
    pol.start()
    pol.ping_timer.stop()
    pol.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(waits.background_idle, timeout=WAIT_MS)
    qtbot.wait(200)  # let the queued callbacks (if any were kept) run
    assert pol.services is None  # the result never reached the deleted window's application
