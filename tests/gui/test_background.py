"""Background jobs: results reach the GUI thread, but never a widget that was deleted."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from app.views import background


def test_result_arrives_on_the_gui_thread(qtbot, app) -> None:
    """The callback runs on the GUI thread with the function's result."""
    seen: list[tuple[int, bool]] = []
    background.run(lambda: 6 * 7, on_done=lambda v: seen.append(
        (v, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]


def test_callbacks_are_dropped_once_the_owner_is_deleted(qtbot, app) -> None:
    """A dialog closed while its query runs: its callback is not called on the dead widget."""
    gate = threading.Event()
    label = QLabel()
    calls: list[str] = []
    background.run(lambda: gate.wait(5) and "late", on_done=calls.append, owner=label)
    background.run(lambda: gate.wait(5) and "kept", on_done=calls.append)
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: calls == ["kept"], timeout=5000)
    background.wait_all(5000)
    qtbot.wait(200)  # let any queued callback be delivered before judging
    assert calls == ["kept"]
