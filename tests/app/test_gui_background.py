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


def test_a_write_tells_the_change_bus_what_it_touched(qtbot, app) -> None:
    """The ids come from the returned DTO (a referral names its request too), or from `changes`."""
    from dataclasses import dataclass

    from app.views.framework.bus import bus

    @dataclass
    class ReferralInfo:  # the shape of the service's DTO
        id: int
        request_id: int

    heard: list[tuple[str, list[int]]] = []
    bus().referrals_changed.connect(lambda ids: heard.append(("referrals", ids)))
    bus().requests_changed.connect(lambda ids: heard.append(("requests", ids)))
    bus().meetings_changed.connect(lambda ids: heard.append(("meetings", ids)))
    before = background.jobs_started()
    done: list[object] = []
    background.write(None, lambda: ReferralInfo(9, 5), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert sorted(heard) == [("referrals", [9]), ("requests", [5])]
    heard.clear()
    background.write(None, lambda: None, changes=lambda _r: {"meetings": [3, 4]})
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)
    assert heard == [("meetings", [3, 4])]
    assert background.jobs_started() - before == 2


def test_a_failed_write_announces_nothing_and_a_closed_owner_still_announces(qtbot, app) -> None:
    """A failure is not news; a write whose dialog was closed meanwhile still is."""
    from app.views.framework.bus import bus

    heard: list[list[int]] = []
    bus().requests_changed.connect(heard.append)
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("no")

    background.write(None, fail, on_error=errors.append, changes=lambda _r: {"requests": [1]})
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert heard == []
    gate = threading.Event()
    owner = QLabel()
    calls: list[object] = []
    background.write(owner, lambda: gate.wait(2 * WAIT_MS / 1000), on_done=calls.append,
                     changes=lambda _r: {"requests": [7]})
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: heard == [[7]], timeout=WAIT_MS)
    assert calls == []  # the owner is gone: its callback is dropped, the news is not
