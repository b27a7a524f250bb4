"""Background jobs: results reach the GUI thread, but never a widget that was deleted."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QLabel

from app.views import background
from tests.support.waits import WAIT_MS


def test_result_arrives_on_the_gui_thread(qtbot, app) -> None:
    """The callback runs on the GUI thread with the function's result."""
    seen: list[tuple[int, bool]] = []
    background.run(lambda: 6 * 7, on_done=lambda v: seen.append(
        (v, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen == [(42, True)]


def test_callbacks_are_dropped_once_the_owner_is_deleted(qtbot, app) -> None:
    """A dialog closed while its query runs: its callback is not called on the dead widget."""
    gate = threading.Event()
    label = QLabel()
    calls: list[str] = []
    # The gate outlasts any wait below, so "late" cannot finish before its owner is gone.
    background.run(lambda: gate.wait(2 * WAIT_MS / 1000) and "late", on_done=calls.append,
                   owner=label)
    background.run(lambda: gate.wait(2 * WAIT_MS / 1000) and "kept", on_done=calls.append)
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: calls == ["kept"], timeout=WAIT_MS)
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()  # deliver any callback still queued before judging
    assert calls == ["kept"]
