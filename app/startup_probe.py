"""Start-up probe for the smoke test and benchmarks/startup_bench.py; inert unless POL_STARTUP_PROBE is set.

With POL_STARTUP_PROBE=1 the window logs two lines to Pol's log, «startup probe: main window shown»
and «startup probe: inbox shows N rows», each with the wall-clock time (epoch seconds) so a caller
that noted when it launched the process can tell how long start-up took. With
POL_STARTUP_PROBE=quit the window also closes once the inbox has its first rows.
It watches from outside (a timer over the widgets) so the views need no hook of their own.
"""

from __future__ import annotations

import logging
import os
import time

from app.services.core import clock

ENV = "POL_STARTUP_PROBE"
POLL_MS = 10
log = logging.getLogger(__name__)


def install() -> None:
    """Watch the next QApplication that bootstrap makes, if the environment asks for it."""
    mode = os.environ.get(ENV, "")
    if not mode:
        return
    import app.bootstrap as bootstrap

    make = bootstrap.make_application

    def make_and_watch(argv: list[str] | None = None):  # noqa: ANN202 - a QApplication
        qapp = make(argv)
        _watch(qapp, quit_when_ready=mode == "quit")
        return qapp

    bootstrap.make_application = make_and_watch


def _watch(qapp: object, quit_when_ready: bool) -> None:
    """Poll the widgets on the GUI thread until the inbox shows rows; log each milestone once."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.views.inbox.inbox_page import InboxPage

    started = time.perf_counter()
    seen: set[str] = set()
    timer = QTimer(qapp)  # type: ignore[arg-type]
    timer.setInterval(POLL_MS)

    def note(what: str) -> None:
        seen.add(what)
        log.info("startup probe: %s at epoch %.3f (%.3f s after QApplication)",
                 what, clock.machine_epoch(), time.perf_counter() - started)

    def poll() -> None:
        widgets = QApplication.allWidgets()
        if "main window shown" not in seen and any(
                isinstance(w, QMainWindow) and w.isVisible() for w in widgets):
            note("main window shown")
            # Whether Qt's own Persian strings (qtbase_fa.qm) were found, e.g. in a frozen build.
            log.info("startup probe: Qt says Cancel as «%s»",
                     QCoreApplication.translate("QPlatformTheme", "Cancel"))
        for page in (w for w in widgets if isinstance(w, InboxPage)):
            rows = page.table.model().rowCount()
            if rows > 0 and page.table.isVisible():
                note(f"inbox shows {rows} rows")
                timer.stop()
                if quit_when_ready:
                    QApplication.closeAllWindows()
                    QApplication.quit()
                return

    timer.timeout.connect(poll)
    timer.start()
