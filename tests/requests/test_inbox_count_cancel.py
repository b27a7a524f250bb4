"""A count can be stopped from another thread, on SQLite (interrupt) and PostgreSQL (cancel)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from app.models.cancel import Cancel, Cancelled
from app.models.database import Database
from app.services.registry import Services
from app.services.requests.dto import InboxFilter
from tests.support.waits import WAIT_MS

# A statement that runs until stopped (minutes on either engine).
ENDLESS = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
              "WHERE i < 10000000000) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(600)",
}


def test_a_running_statement_is_cancelled(db: Database) -> None:
    """The worker's statement ends with Cancelled soon after cancel(); the connection lives on."""
    cancel = Cancel()
    outcome: list[BaseException | object] = []
    started = threading.Event()

    def work() -> None:
        try:
            with db.engine.connect() as c, cancel.watch(c):
                started.set()
                outcome.append(c.execute(text(ENDLESS[db.engine.dialect.name])).scalar())
        except BaseException as exc:  # noqa: BLE001 - the test inspects what arrived
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(WAIT_MS / 1000)
    for _ in range(WAIT_MS // 200):  # it may not have reached the server yet: cancel again
        cancel.cancel()
        worker.join(0.2)
        if not worker.is_alive():
            break
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    with db.engine.connect() as c:
        assert c.execute(text("SELECT 1")).scalar() == 1


def test_a_count_cancelled_before_it_starts_does_not_run(services: Services) -> None:
    """A count whose search was superseded before it ran raises Cancelled at once."""
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(Cancelled):
        services.inbox.count(InboxFilter(text="آب"), cancel=cancel)
    assert services.inbox.count(InboxFilter(text="آب"), cancel=Cancel()) == 0
