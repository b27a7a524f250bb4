"""The only place that starts threads: run a function off the GUI thread, report back on it."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[int, str], None]


class _Signals(QObject):
    """Signals a worker emits; Qt queues them to the receiver's (GUI) thread."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)


class _Job(QRunnable):
    """A function run on the pool; it never touches a widget."""

    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        """Call the function and emit its result or its exception."""
        try:
            if self.with_progress:
                result = self.fn(lambda pct, msg: self.signals.progressed.emit(int(pct), str(msg)))
            else:
                result = self.fn()
        except Exception as exc:  # noqa: BLE001 - every failure is handed to on_error
            exc.__pol_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_pool = QThreadPool()
_pool.setMaxThreadCount(2)
_running: set[_Job] = set()


def run(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Progress | None = None, owner: QObject | None = None) -> None:
    """Run `fn` on a worker thread; the callbacks run later on the GUI thread.

    With `on_progress`, `fn` is called with one argument, a progress function (percent, message).
    With `owner`, the callbacks are dropped once that widget is deleted: a page or dialog may be
    closed while its query still runs, and its result must not reach widgets that are gone.
    """
    if owner is not None:
        on_done, on_error, on_progress = (_while_alive(owner, cb)
                                          for cb in (on_done, on_error, on_progress))
    job = _Job(fn, with_progress=on_progress is not None)
    job.setAutoDelete(False)
    _running.add(job)

    def done(result: Any) -> None:
        _running.discard(job)
        if on_done is not None:
            on_done(result)

    def failed(exc: Exception) -> None:
        _running.discard(job)
        if on_error is not None:
            on_error(exc)
        else:
            print(getattr(exc, "__pol_traceback__", exc))

    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    if on_progress is not None:
        job.signals.progressed.connect(on_progress)
    _pool.start(job)


def _while_alive(owner: QObject, cb: Callable[..., None] | None) -> Callable[..., None] | None:
    """A callback that runs only while the owner's Qt object still exists."""
    if cb is None:
        return None

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            cb(*args)
    return call


def wait_all(msecs: int = 30000) -> bool:
    """Wait for running jobs (used at shutdown and in tests)."""
    return _pool.waitForDone(msecs)
