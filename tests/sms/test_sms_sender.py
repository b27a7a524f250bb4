"""The sender delivers the outbox to a real local HTTP gateway, at most once (issue 14 §3)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Setting
from app.models.database import Database
from app.models.enums import Role
from app.models.sms import SmsMessage
from app.services.core import clock
from app.services.registry import Services
from app.services.sms import rules, sender
from app.services.sms.dto import GatewayConfig
from tests.conftest import SUITE_NOW
from tests.sms.gateway import Gateway, gateway  # noqa: F401 - the fixture
from tests.support.helpers import make_actor, register, valid_nid

API_KEY = "s3cret-KEY-42"
PARAMS = "to={mobile}\nmsg={text}\napikey={key}\nuid={id}"


def _setup(services: Services, gw: Gateway, mode: str, method: str = "POST",
           attempts: int = 5) -> tuple:  # noqa: ANN001
    admin = make_actor(services, "smsboss", Role.ADMIN)
    clerk = make_actor(services, "smsdesk")
    services.sms.save_gateway(admin, GatewayConfig(gw.url(mode), method, PARAMS, timeout_s=1,
                                                   max_attempts=attempts))
    return admin, clerk


def _rows(services: Services) -> list[SmsMessage]:
    with services.db.read() as s:
        rows = list(s.scalars(select(SmsMessage).order_by(SmsMessage.id)))
        s.expunge_all()
        return rows


def _later(minutes: float) -> None:
    clock.set_now(SUITE_NOW + timedelta(minutes=minutes), ticking=True)


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_delivers_once_and_never_resends(services: Services, gateway: Gateway,  # noqa: F811
                                         method: str) -> None:
    """A queued message reaches the gateway with its fields; a sent one is never sent again."""
    _, clerk = _setup(services, gateway, "ok", method)
    d = register(services, clerk)
    summary = services.sms.send_due(clerk, API_KEY)
    assert summary.sent == 1 and summary.failed == 0
    (hit,) = gateway.hits
    (row,) = _rows(services)
    assert hit["to"] == "09121234567" and hit["msg"] == row.text and d.tracking_code in hit["msg"]
    assert hit["apikey"] == API_KEY
    assert hit["uid"] == hit["_header_key"] == row.idempotency_key
    assert row.status == rules.SENT and row.attempts == 1 and row.sent_at is not None
    assert row.claim_token is None
    _later(120)
    assert services.sms.send_due(clerk, API_KEY).sent == 0
    assert len(gateway.hits) == 1
    with services.db.read() as s:  # the key lives in the keyring, never in the database
        assert all(API_KEY not in v for v in s.scalars(select(Setting.value)))


def test_a_failing_gateway_retries_with_backoff_then_gives_up(services: Services,
                                                              gateway: Gateway) -> None:  # noqa: F811
    """500 answers: the message waits 30 s, 1 min, … and is failed after the last attempt."""
    _, clerk = _setup(services, gateway, "fail", attempts=3)
    register(services, clerk)
    s1 = services.sms.send_due(clerk, API_KEY)
    assert s1.retried == 1 and "500" in s1.problems[0]
    (row,) = _rows(services)
    assert row.status == rules.QUEUED and row.attempts == 1
    assert row.next_try_at - clock.now() > timedelta(seconds=25)
    assert services.sms.send_due(clerk, API_KEY).retried == 0  # not due yet: no request
    assert len(gateway.hits) == 1
    _later(1)
    assert services.sms.send_due(clerk, API_KEY).retried == 1
    (row,) = _rows(services)
    assert row.attempts == 2
    assert row.next_try_at - clock.now() > timedelta(seconds=55)  # doubled
    _later(5)
    assert services.sms.send_due(clerk, API_KEY).failed == 1
    (row,) = _rows(services)
    assert row.status == rules.FAILED and "500" in row.gateway_reply
    assert [h["uid"] for h in gateway.hits] == [row.idempotency_key] * 3  # one key throughout
    # The office puts it back in the queue: attempts start again, the key stays.
    assert services.sms.retry(clerk, [row.id]) == 1
    (again,) = _rows(services)
    assert (again.status, again.attempts, again.idempotency_key) == (
        rules.QUEUED, 0, row.idempotency_key)
    assert sender.backoff(1) == timedelta(seconds=30)
    assert sender.backoff(20) == timedelta(hours=1)


def test_a_gateway_that_does_not_answer_times_out(services: Services,
                                                  gateway: Gateway) -> None:  # noqa: F811
    """No answer within the timeout: a retry later, nothing marked sent, no key in the reply."""
    _, clerk = _setup(services, gateway, "hang")
    register(services, clerk)
    summary = services.sms.send_due(clerk, API_KEY)
    assert summary.retried == 1 and summary.sent == 0
    (row,) = _rows(services)
    assert row.status == rules.QUEUED and "timed out" in row.gateway_reply.lower()
    assert API_KEY not in row.gateway_reply


def test_a_retry_after_a_lost_reply_does_not_send_twice(services: Services,
                                                        gateway: Gateway) -> None:  # noqa: F811
    """The gateway delivered but its reply was lost; the retry carries the same key, the
    gateway answers «duplicate», Pol marks it sent — the citizen got one message."""
    _, clerk = _setup(services, gateway, "lose")
    register(services, clerk)
    assert services.sms.send_due(clerk, API_KEY).retried == 1  # the reply never came
    _later(1)
    assert services.sms.send_due(clerk, API_KEY).sent == 1
    (row,) = _rows(services)
    assert row.status == rules.SENT and "DUPLICATE" in row.gateway_reply
    assert len(gateway.hits) == 2 and len(gateway.delivered) == 1
    assert gateway.hits[0]["uid"] == gateway.hits[1]["uid"] == row.idempotency_key


def test_two_desks_never_send_one_message_twice(services: Services, db_url: str,
                                                gateway: Gateway) -> None:  # noqa: F811
    """Two desks (two engines) send at once: every message goes out exactly once."""
    _, clerk = _setup(services, gateway, "ok")
    for k in range(8):
        register(services, clerk, nid=valid_nid(f"0013542{k:02d}"), subject=f"موضوع {k}")
    other = Database(db_url)
    other.open()
    try:
        cfg = services.sms.gateway()
        results = []
        desks = [threading.Thread(target=lambda d=d: results.append(
            sender.send_due(d, cfg, API_KEY, limit=8))) for d in (services.db, other)]
        for t in desks:
            t.start()
        for t in desks:
            t.join(60)
    finally:
        other.dispose()
    assert sum(r.sent for r in results) == 8
    uids = [h["uid"] for h in gateway.hits]
    assert len(uids) == len(set(uids)) == 8
    assert all(r.status == rules.SENT for r in _rows(services))


def test_claim_is_exclusive_until_stale(services: Services, gateway: Gateway) -> None:  # noqa: F811
    """A claimed row is not claimed again; a desk that died mid-send loses it after the lease."""
    _, clerk = _setup(services, gateway, "ok")
    register(services, clerk)
    _token, got = sender.claim(services.db, 10)
    assert len(got) == 1
    assert sender.claim(services.db, 10)[1] == []
    _later(6)  # past the 5-minute lease
    assert sender.claim(services.db, 10)[1] == got
    # The first desk's late outcome is not recorded: the claim is no longer its.
    assert sender._record(services.db, got[0], _token, True, "OK", 5) == ""


def test_gateway_settings_are_checked(services: Services) -> None:
    """Only https (or http to this machine), GET/POST, «name=value» lines, a sane timeout."""
    admin = make_actor(services, "smsboss2", Role.ADMIN)
    with pytest.raises(ValidationError) as e:
        services.sms.save_gateway(admin, GatewayConfig("http://sms.example.ir/send", "PUT",
                                                       "to{mobile}", timeout_s=0))
    assert set(e.value.errors) == {"url", "method", "params", "timeout_s"}
    ok = services.sms.save_gateway(admin, GatewayConfig(
        "https://sms.example.ir/send?u={key}", "get", PARAMS))
    assert services.sms.gateway() == ok and ok.method == "GET"
    clerk = make_actor(services, "smsdesk2")
    with pytest.raises(Exception):  # noqa: B017 - the office's gateway is the admin's
        services.sms.save_gateway(clerk, ok)
