"""The intake form on a frozen PostgreSQL server (a private cluster): wait, give up, save later."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.errors import WaitAbandoned
from app.models.database import Database
from app.models.request import Request
from app.models.server_limits import ServerTimeouts
from app.services.registry import Services
from app.views import background
from app.views.widgets.waiting_bar import WaitingBar
from tests.support import pg_cluster
from tests.support.forms import open_filled_intake
from tests.support.helpers import make_actor
from tests.support.pg_cluster import private_cluster  # noqa: F401, F811 - a fixture

# Long enough that the save is still hanging when the user gives up after the 3 s notice.
PATIENT = ServerTimeouts(statement_s=20, connect_s=20)


def _count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Request))


def test_given_up_save_on_a_frozen_server_keeps_the_form_and_never_lands_twice(
        qtbot, app, private_cluster) -> None:  # noqa: F811 - the fixture
    """SIGSTOP: the bar shows, «انصراف» keeps the text; SIGCONT: the late copy rolls back and
    the retried save is stored once, with no restart."""
    db = Database(private_cluster.url("pol"), timeouts=PATIENT)
    services = Services.for_database(db)
    actor = make_actor(services, f"clerk{uuid.uuid4().hex[:6]}")
    before = _count(db)
    d = open_filled_intake(qtbot, services, actor)
    with pg_cluster.restored(private_cluster):
        private_cluster.freeze()
        d.submit()
        qtbot.waitUntil(lambda: d.findChild(WaitingBar) is not None
                        and d.findChild(WaitingBar).isVisible(), timeout=20000)
        qtbot.mouseClick(d.findChild(WaitingBar).button, Qt.MouseButton.LeftButton)
        assert d.save_button.isEnabled() and d.general.text() == WaitAbandoned().message
        assert (d.national_id.text(), d.subject.text()) == ("0013542419", "درخواست روشنایی معبر")
        assert d.body.toPlainText() == "کوچهٔ ما از ماه پیش تاریک است."
    # The server answers again: the given-up job ends, and its late copy is not committed.
    assert background.wait_all(60000)
    assert _count(db) == before
    with qtbot.waitSignal(d.registered, timeout=30000):
        d.submit()
    assert d.pages.currentIndex() == 1
    assert _count(db) == before + 1
    db.dispose()
