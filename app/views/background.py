"""The only place that starts threads: run a function off the GUI thread, report back on it.

`run(fn, on_done, on_error)` for reads; `write(owner, fn, on_done, on_error, changes=...)` for
every write: on success it tells the change bus (app/views/framework/bus.py) which records
changed, so every open page refreshes those rows (Anki's CollectionOp, in small).

A job that has not answered after WAIT_NOTICE_MS shows «در انتظار پاسخ سرور…» on its window,
with a button to give up: the job's late result is then dropped, its error callback hears
WaitAbandoned at once (so the page re-enables itself, keeping what the user typed), the job's
write transaction will roll back rather than commit late (a retried save is not stored twice),
and the server is asked to cancel the job's query. Pages need to do nothing for this.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import WaitAbandoned
from app.models import server_limits
from app.views.widgets.waiting_bar import WaitingBar

Progress = Callable[[int, str], None]
# The ids a write touched, by kind: "requests", "referrals", "meetings", "reviews", "users".
Changes = Callable[[Any], dict[str, list[int]]]
log = logging.getLogger(__name__)

# A job silent (no result, no progress) this long is waiting for the server: say so.
WAIT_NOTICE_MS = 3000
WORKER_THREADS = 2
# Jobs given up on may still hang on a frozen server until their limits expire; each lends the
# pool one more thread meanwhile, so new work is not queued behind them (at most this many;
# the database pool, app/models/server_limits.py, keeps connections for them).
MAX_GIVEN_UP_THREADS = 4


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
        self.thread_id: int | None = None  # set while running: whose queries to cancel
        self._lock = threading.Lock()
        self._ended = False

    @Slot()
    def run(self) -> None:
        """Call the function and emit its result or its exception."""
        with self._lock:
            self.thread_id = threading.get_ident()
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
        finally:
            with self._lock:
                self._ended = True
                server_limits.forget_thread(self.thread_id or 0)

    def give_up(self) -> int | None:
        """Mark the running job given up (its writes will not commit); its thread, if running."""
        with self._lock:
            if self.thread_id is None or self._ended:
                return None
            server_limits.give_up_thread(self.thread_id)
            return self.thread_id


@dataclass(eq=False)
class _Ticket:
    """One run on the GUI side: its job, error callback, waiting notice and fate."""

    job: _Job
    on_error: Callable[[Exception], None] | None
    owner: QObject | None
    timer: QTimer = field(default_factory=QTimer)
    bar: WaitingBar | None = None
    given_up: bool = False


_pool = QThreadPool()
_pool.setMaxThreadCount(WORKER_THREADS)
_running: dict[_Job, _Ticket] = {}
_given_up_running = 0
_started = 0  # jobs started since the program began (tests count the cost of one action)


def run(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Progress | None = None, owner: QObject | None = None,
        always: Callable[[Any], None] | None = None) -> None:
    """Run `fn` on a worker thread; the callbacks run later on the GUI thread.

    With `on_progress`, `fn` is called with one argument, a progress function (percent, message).
    With `owner`, the callbacks are dropped once that widget is deleted: a page or dialog may be
    closed while its query still runs, and its result must not reach widgets that are gone.
    The waiting notice appears on the owner's window (else on the active window).
    `always` hears the result even when the owner is gone (a write that happened is news).
    """
    global _started
    _started += 1
    if owner is not None:
        on_done, on_error, on_progress = (_while_alive(owner, cb)
                                          for cb in (on_done, on_error, on_progress))
    job = _Job(fn, with_progress=on_progress is not None)
    job.setAutoDelete(False)
    ticket = _Ticket(job, on_error, owner)
    _running[job] = ticket
    ticket.timer.setSingleShot(True)
    ticket.timer.setInterval(WAIT_NOTICE_MS)
    ticket.timer.timeout.connect(lambda: _show_waiting(ticket))

    def done(result: Any) -> None:
        if not _settle(ticket):
            return
        if always is not None:
            always(result)
        if on_done is not None:
            on_done(result)

    def failed(exc: Exception) -> None:
        if not _settle(ticket):
            return
        if on_error is not None:
            on_error(exc)
        else:
            log.error("background job failed: %s", getattr(exc, "__pol_traceback__", exc))

    def progressed(pct: int, message: str) -> None:
        if ticket.given_up:
            return
        _hide_waiting(ticket)  # it is moving: not waiting any more
        ticket.timer.start()
        if on_progress is not None:
            on_progress(pct, message)

    job.signals.finished.connect(done)
    job.signals.failed.connect(failed)
    job.signals.progressed.connect(progressed)
    ticket.timer.start()
    _pool.start(job)


def write(owner: QObject | None, fn: Callable[[], Any],
          on_done: Callable[[Any], None] | None = None,
          on_error: Callable[[Exception], None] | None = None,
          changes: Changes | None = None) -> None:
    """Run a write off the GUI thread; on success tell every page what changed (the change bus).

    In the spirit of Anki's CollectionOp: `changes` maps the result to the ids touched
    (`{"requests": [5], "referrals": [9]}`); without it they are read off the returned DTO
    (app.views.framework.bus.changes_of). The bus hears of the write even when the owner
    (a dialog, a pane) was closed meanwhile; `on_done` runs only while the owner lives.
    """
    from app.views.framework import bus as change_bus

    def announce(result: Any) -> None:
        touched = changes(result) if changes is not None else change_bus.changes_of(result)
        change_bus.announce(touched)

    run(fn, on_done=on_done, on_error=on_error, owner=owner, always=announce)


def jobs_started() -> int:
    """How many background jobs were started so far (tests measure the cost of an action)."""
    return _started


def _settle(ticket: _Ticket) -> bool:
    """Book-keeping when a job ends; False when its result must be dropped (given up)."""
    global _given_up_running
    _running.pop(ticket.job, None)
    ticket.timer.stop()
    if ticket.given_up:
        _given_up_running -= 1
        _pool.setMaxThreadCount(WORKER_THREADS + min(_given_up_running, MAX_GIVEN_UP_THREADS))
        return False
    _hide_waiting(ticket)
    return True


def _host_window(ticket: _Ticket) -> QWidget | None:
    """The window the notice goes on: the owner's, else the one the user is looking at."""
    owner = ticket.owner
    if isinstance(owner, QWidget) and shiboken6.isValid(owner):
        return owner.window()
    if owner is not None and not shiboken6.isValid(owner):
        return None
    return QApplication.activeModalWidget() or QApplication.activeWindow()


def _show_waiting(ticket: _Ticket) -> None:
    """The job has been silent for WAIT_NOTICE_MS: show the notice on its window."""
    if ticket.given_up or ticket.job not in _running:
        return
    window = _host_window(ticket)
    if window is None:
        return
    bar = WaitingBar.of(window)
    if not bar.property("polConnected"):
        bar.gave_up.connect(lambda: give_up(window))
        bar.setProperty("polConnected", True)
    ticket.bar = bar
    bar.show_waiting()


def _hide_waiting(ticket: _Ticket) -> None:
    """Take the ticket off its bar; hide the bar when no other job of that window waits."""
    bar, ticket.bar = ticket.bar, None
    if bar is None or not shiboken6.isValid(bar):
        return
    if not any(t.bar is bar for t in _running.values()):
        bar.hide()


def give_up(window: QWidget) -> None:
    """Stop waiting for every slow job shown on `window` (the bar's «انصراف»)."""
    for ticket in [t for t in _running.values() if t.bar is not None
                   and shiboken6.isValid(t.bar) and t.bar.parentWidget() is window]:
        _abandon(ticket)


def _abandon(ticket: _Ticket) -> None:
    """Drop the job's result; tell its page at once; free its thread and query if we can."""
    global _given_up_running
    ticket.given_up = True
    ticket.timer.stop()
    _hide_waiting(ticket)
    if _pool.tryTake(ticket.job):
        _running.pop(ticket.job, None)  # never started: nothing to wait for or cancel
    else:
        _given_up_running += 1
        _pool.setMaxThreadCount(WORKER_THREADS + min(_given_up_running, MAX_GIVEN_UP_THREADS))
        thread_id = ticket.job.give_up()
        if thread_id is not None:
            threading.Thread(target=_cancel_queries, args=(thread_id,),
                             name="pol-cancel", daemon=True).start()
    if ticket.on_error is not None:
        ticket.on_error(WaitAbandoned())


def _cancel_queries(thread_id: int) -> None:
    """Ask the server to cancel the given-up job's query (off the GUI thread: it may hang)."""
    try:
        server_limits.cancel_queries_of_thread(thread_id)
    except Exception:  # noqa: BLE001 - best effort; the job's own limits still apply
        log.exception("cancelling a given-up query failed")


def _while_alive(owner: QObject, cb: Callable[..., None] | None) -> Callable[..., None] | None:
    """A callback that runs only while the owner's Qt object still exists."""
    if cb is None:
        return None

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            cb(*args)
    return call


def waiting_jobs() -> int:
    """How many jobs show the waiting notice now (for tests and diagnostics)."""
    return sum(1 for t in _running.values() if t.bar is not None)


def wait_all(msecs: int = 30000) -> bool:
    """Wait for running jobs (used at shutdown and in tests)."""
    return _pool.waitForDone(msecs)
