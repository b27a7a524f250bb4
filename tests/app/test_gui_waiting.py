"""A slow server: after WAIT_NOTICE_MS a job shows «در انتظار پاسخ سرور…»; giving up keeps the form."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import WaitAbandoned
from app.views import background
from app.views.widgets.waiting_bar import WAITING_TEXT, WaitingBar
from tests.support.forms import open_filled_intake


@pytest.fixture
def gate():  # noqa: ANN201
    """An event the blocked jobs wait on; always released at the end so no thread hangs."""
    event = threading.Event()
    yield event
    event.set()
    background.wait_all(20000)


def _bar(window: QWidget) -> WaitingBar | None:
    return window.findChild(WaitingBar)


def test_a_blocked_save_shows_the_notice_and_giving_up_keeps_the_form(
        qtbot, gui_services, operator, gate, monkeypatch) -> None:
    """The intake save hangs: after 3 s the bar shows; «انصراف» re-enables the form, text kept."""
    reached = threading.Event()

    def hanging_register(actor, data, link=None):  # noqa: ANN001, ANN202 - never answers
        reached.set()
        gate.wait(60)
        return real_register(actor, data)

    real_register = gui_services.requests.register
    monkeypatch.setattr(gui_services.requests, "register", hanging_register)
    d = open_filled_intake(qtbot, gui_services, operator)
    registered: list[object] = []
    d.registered.connect(registered.append)

    d.submit()
    assert reached.wait(20)
    assert not d.save_button.isEnabled()
    qtbot.waitUntil(lambda: _bar(d) is not None and _bar(d).isVisible(), timeout=20000)
    bar = _bar(d)
    assert bar.label.text() == WAITING_TEXT and bar.button.text() == "انصراف"
    assert bar.geometry().bottom() <= d.height() and bar.width() == d.width()

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert d.save_button.isEnabled() and d.isVisible() and d.pages.currentIndex() == 0
    assert d.general.text() == WaitAbandoned().message
    assert (d.national_id.text(), d.first_name.text(), d.last_name.text(), d.subject.text()) == (
        "0013542419", "حمید", "قاسم‌زاده", "درخواست روشنایی معبر")
    assert d.body.toPlainText() == "کوچهٔ ما از ماه پیش تاریک است."

    # The server answers late: the given-up result is dropped, the form is left alone.
    gate.set()
    assert background.wait_all(20000)
    qtbot.wait(100)  # let a queued (and dropped) callback be delivered before judging
    assert registered == [] and d.pages.currentIndex() == 0
    assert d.general.text() == WaitAbandoned().message


def test_a_quick_job_shows_no_notice_and_progress_keeps_it_away(qtbot, app, gate) -> None:
    """Jobs that answer, or keep reporting progress, never show the bar."""
    host = QWidget()
    QVBoxLayout(host).addWidget(QLabel("صفحه"))
    qtbot.addWidget(host)
    host.show()
    seen: list[object] = []

    def steady(progress):  # noqa: ANN001, ANN202
        for i in range(int(background.WAIT_NOTICE_MS / 250) * 2):
            progress(i, "گام")
            if gate.wait(0.25):
                break
        return "done"

    background.run(steady, on_done=seen.append, on_progress=lambda *_: None, owner=host)
    qtbot.waitUntil(lambda: seen == ["done"], timeout=30000)
    assert _bar(host) is None  # the bar is made the first time it is shown: never


def test_giving_up_lends_a_thread_so_new_work_is_not_stuck_behind(qtbot, app, gate) -> None:
    """Both workers hang; after giving up, a new job still runs at once."""
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    errors: list[Exception] = []
    for _ in range(background.WORKER_THREADS + 1):  # the last one waits in the queue
        background.run(lambda: gate.wait(60), on_error=errors.append, owner=host)
    qtbot.waitUntil(lambda: background.waiting_jobs() == background.WORKER_THREADS + 1,
                    timeout=20000)
    background.give_up(host)
    assert len(errors) == background.WORKER_THREADS + 1
    assert all(isinstance(e, WaitAbandoned) for e in errors)
    answered: list[int] = []
    background.run(lambda: 42, on_done=answered.append, owner=host)
    qtbot.waitUntil(lambda: answered == [42], timeout=10000)  # not behind the hung two
    gate.set()
    assert background.wait_all(20000)
    qtbot.waitUntil(lambda: background._pool.maxThreadCount() == background.WORKER_THREADS,
                    timeout=10000)
    assert len(errors) == background.WORKER_THREADS + 1  # the late ends were dropped


def test_giving_up_cancels_the_query_on_the_server(qtbot, app, pg_url) -> None:
    """A slow query given up on is cancelled by the server, freeing its thread at once."""
    from sqlalchemy import text

    from app.models.database import Database

    db = Database(pg_url)  # statement_timeout 15 s: the cancel must come well before
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    started = threading.Event()
    ended: list[BaseException] = []

    def slow() -> None:
        with db.read() as s:
            started.set()
            try:
                s.execute(text("SELECT pg_sleep(60)"))
            except BaseException as exc:
                ended.append(exc)
                raise

    errors: list[Exception] = []
    background.run(slow, on_error=errors.append, owner=host)
    assert started.wait(20)
    qtbot.waitUntil(lambda: background.waiting_jobs() == 1, timeout=20000)
    qtbot.mouseClick(_bar(host).button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and isinstance(errors[0], WaitAbandoned)
    qtbot.waitUntil(lambda: bool(ended), timeout=10000)  # cancelled, not timed out at 15 s
    assert "cancel" in str(ended[0]).lower()
    assert background.wait_all(10000)
    db.dispose()
