"""A shared server that freezes, stops or runs dry: every wait has a limit and one Persian message.

The freezing and stopping happen on a private cluster started for these tests on its own port;
the shared server on 5432 is only used, never stopped.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from app.errors import DatabaseUnavailable
from app.models.database import Database
from app.models.enums import Channel, RequestType
from app.models.server_limits import ENV_STATEMENT_TIMEOUT, ServerTimeouts
from app.services.registry import Services
from app.services.requests.dto import CitizenInput, NewRequest
from tests.support import pg_cluster
from tests.support.helpers import agency_id, county_id, make_actor, valid_nid
from tests.support.pg_cluster import private_cluster  # noqa: F401, F811 - a fixture

# Short limits so a frozen server is given up on in seconds; the defaults are 15 s and 10 s.
SHORT = ServerTimeouts(statement_s=2, connect_s=2, tcp_user_s=3, keepalive_idle_s=1,
                       keepalive_interval_s=1, keepalive_count=2, grace_s=2, pool_timeout_s=2)
# Worst case for one call against a frozen server: the pool's ping (connect_s), a fresh
# connection (connect_s), then the answer limit (statement_s + grace_s); plus a loaded machine.
LIMIT_S = 2 + 2 + 4 + 6


@pytest.fixture
def served(private_cluster: pg_cluster.PrivateCluster,  # noqa: F811 - the fixture
           ) -> Iterator[pg_cluster.PrivateCluster]:
    """The cluster, answering again after each test whatever the test did to it."""
    with pg_cluster.restored(private_cluster):
        yield private_cluster


def _request(services: Services, nid_prefix: str) -> NewRequest:
    """A valid request (built while the server answers, saved later)."""
    return NewRequest(
        channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject="قطعی مکرر برق",
        body="برق محله از دیروز قطع است.", county_id=county_id(services),
        agency_id=agency_id(services),
        citizen=CitizenInput(national_id=valid_nid(nid_prefix), first_name="زهرا",
                             last_name="قاسم‌زاده", mobile="۰۹۱۲۱۲۳۴۵۶۷"))


def _timed(fn) -> tuple[BaseException | None, float]:  # noqa: ANN001
    """Run fn; its exception (or None) and how long it took."""
    start = time.monotonic()
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - the test judges it
        return exc, time.monotonic() - start
    return None, time.monotonic() - start


def _assert_unavailable(exc: BaseException | None, took: float) -> None:
    assert isinstance(exc, DatabaseUnavailable), repr(exc)
    assert took < LIMIT_S, f"gave up after {took:.1f} s, limit {LIMIT_S} s"
    assert "پاسخ" in exc.message and "حفظ شده" in exc.message


def test_frozen_server_mid_work_is_given_up_within_the_limits(served) -> None:
    """SIGSTOP during a save: the save and the next read end with DatabaseUnavailable; SIGCONT heals."""
    db = Database(served.url("pol"), timeouts=SHORT)
    services = Services.for_database(db)
    actor = make_actor(services, f"clerk{uuid.uuid4().hex[:6]}")
    first = services.requests.register(actor, _request(services, "001354241"))
    data = _request(services, "001354242")

    outcome: list[tuple[BaseException | None, float]] = []
    working = threading.Event()

    def long_save() -> None:
        with db.write() as s:
            working.set()
            for _ in range(50):  # a save that is still running when the server freezes
                s.execute(text("SELECT pg_sleep(0.1)"))

    worker = threading.Thread(target=lambda: outcome.append(_timed(long_save)))
    worker.start()
    assert working.wait(10)
    served.freeze()
    save_exc, save_took = _timed(lambda: services.requests.register(actor, data))
    worker.join(LIMIT_S + 5)
    assert not worker.is_alive()
    read_exc, read_took = _timed(lambda: services.requests.dossier(first.id))
    _assert_unavailable(outcome[0][0], outcome[0][1])
    _assert_unavailable(save_exc, save_took)
    _assert_unavailable(read_exc, read_took)

    served.thaw()
    # The same Database, no restart: the dead connections are replaced by fresh ones.
    again = services.requests.register(actor, data)
    assert services.requests.dossier(again.id).detail.tracking_code == again.tracking_code
    assert db.ping()
    db.dispose()


def test_frozen_server_ping_says_no_in_time(served) -> None:
    """The connection check (status bar) answers False within the limits, then True again."""
    db = Database(served.url("pol"), timeouts=SHORT)
    assert db.ping()
    served.freeze()
    start = time.monotonic()
    assert db.ping() is False
    assert time.monotonic() - start < LIMIT_S
    served.thaw()
    assert db.ping()
    db.dispose()


def test_stopped_server_gets_the_persian_message_and_work_resumes(served) -> None:
    """pg_ctl stop -m immediate: DatabaseUnavailable in Persian; started again, work goes on."""
    db = Database(served.url("pol"), timeouts=SHORT)
    services = Services.for_database(db)
    actor = make_actor(services, f"clerk{uuid.uuid4().hex[:6]}")
    data = _request(services, "001354243")
    served.stop("immediate")
    for call in (lambda: services.requests.register(actor, data),
                 lambda: services.stats.overview_counts()):
        exc, took = _timed(call)
        assert isinstance(exc, DatabaseUnavailable), repr(exc)
        assert took < LIMIT_S
        assert exc.message.startswith("اتصال به پایگاه داده برقرار نشد")
    assert db.ping() is False
    served.start()
    saved = services.requests.register(actor, data)
    assert saved.tracking_code
    db.dispose()


def test_statement_timeout_becomes_the_same_message(served) -> None:
    """A statement longer than the setting is cancelled by the server: the same message."""
    db = Database(served.url("pol"), timeouts=SHORT)

    def slow() -> None:
        with db.read() as s:
            s.execute(text("SELECT pg_sleep(30)"))

    exc, took = _timed(slow)
    _assert_unavailable(exc, took)
    assert exc.message == DatabaseUnavailable().message  # no driver detail: one sentence
    with db.read() as s:
        assert s.execute(text("SELECT 1")).scalar() == 1
    db.dispose()


# --- on the shared server (used, never stopped) ------------------------------------------------

def test_twenty_threads_on_a_small_pool_never_see_a_raw_timeout(pg_url) -> None:
    """A dry pool is DatabaseUnavailable, never sqlalchemy.exc.TimeoutError."""
    small = ServerTimeouts(pool_size=1, max_overflow=0, pool_timeout_s=0.3)
    db = Database(pg_url, timeouts=small)
    errors: list[BaseException] = []
    done: list[int] = []
    lock = threading.Lock()

    def work(i: int) -> None:
        try:
            with db.read() as s:
                s.execute(text("SELECT pg_sleep(0.2)"))
            with lock:
                done.append(i)
        except BaseException as exc:  # noqa: BLE001 - the test judges it
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert done and errors, (len(done), errors)
    assert all(isinstance(e, DatabaseUnavailable) for e in errors), {type(e) for e in errors}
    assert {e.message for e in errors} == {DatabaseUnavailable().message}
    db.dispose()


def test_connection_settings_default_and_from_the_environment(pg_url, monkeypatch) -> None:
    """statement_timeout is 15 s unless POL_STATEMENT_TIMEOUT says otherwise; TCP limits are set."""
    db = Database(pg_url)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SHOW statement_timeout").scalar() == "15s"
        params = c.connection.dbapi_connection.info.get_parameters()
    assert params["connect_timeout"] == "10"
    assert params["keepalives"] == "1" and params["keepalives_idle"] == "30"
    assert params["keepalives_interval"] == "10" and params["keepalives_count"] == "3"
    assert params["tcp_user_timeout"] == "30000"
    db.dispose()
    monkeypatch.setenv(ENV_STATEMENT_TIMEOUT, "4")
    db = Database(pg_url)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SHOW statement_timeout").scalar() == "4s"
    db.dispose()


def test_long_bulk_work_that_keeps_answering_is_not_cut(pg_url) -> None:
    """The client-side limit is on silence, not on total time: a long executemany goes through.

    (One executemany is one wait in psycopg; its rows stream back as the server flushes them.)
    """
    tight = ServerTimeouts(statement_s=1, grace_s=1)  # silent 2 s = not answering
    db = Database(pg_url, timeouts=tight)
    start = time.monotonic()
    with db.engine.connect() as c:
        c.exec_driver_sql("SELECT repeat('x', 9000), pg_sleep(%(s)s)", [{"s": 0.02}] * 200)
    assert time.monotonic() - start > tight.answer_s  # longer than the limit, in small steps
    db.dispose()


def test_the_url_query_string_wins_over_the_defaults(pg_url) -> None:
    """A statement_timeout or connect_timeout written in the URL is the office's choice."""
    db = Database(pg_url + "?connect_timeout=7&options=-c%20statement_timeout%3D3000")
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SHOW statement_timeout").scalar() == "3s"
        assert c.connection.dbapi_connection.info.get_parameters()["connect_timeout"] == "7"
    db.dispose()
