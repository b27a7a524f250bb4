"""Satisfaction calls on SQLite and PostgreSQL: the sample, the attempts, two desks, roles."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import Base, Request
from app.models.enums import Role
from app.models.satisfaction_call import CallOutcome, SatisfactionCallAttempt
from app.services.calls.dto import DUE, FINISHED, TODAY, CallAnswer, CallFilter
from app.services.calls.rules import in_sample, sample_bucket
from app.services.core import clock, jalali
from app.services.core import messages as msg
from app.services.core.context import SYSTEM, Actor
from tests.support.helpers import county_id, make_actor, register, valid_nid

NO = CallAnswer(reached=False)


def tehran(day: date, hour: int, minute: int = 0) -> datetime:
    """A Tehran wall-clock moment as naive UTC (the clock's form)."""
    return jalali.tehran_to_utc(datetime.combine(day, time(hour, minute)))


def closed(services, op: Actor, k: int, satisfaction: int | None = None) -> int:  # noqa: ANN001
    """Register, answer and close one request of its own citizen (in Tabriz); its id."""
    r = register(services, op, nid=valid_nid(f"3{k:08d}"))
    r = services.requests.answer_directly(op, r.id, r.version, "پاسخ داده شد")
    services.requests.close(op, r.id, r.version, satisfaction=satisfaction)
    return r.id


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """An operator."""
    return make_actor(services, "op", Role.OPERATOR)


def _due(services, actor: Actor | None = None, county: int | None = None) -> list[int]:  # noqa: ANN001
    return [r.request_id for r in services.calls.page(CallFilter(DUE, county), actor=actor).rows]


def test_schema_matches_the_models(db) -> None:  # noqa: ANN001
    """Migration 0012c creates exactly what app/models/satisfaction_call.py declares."""
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    assert [d for d in diff if "satisfaction_call" in repr(d)] == []


def test_the_sample_is_the_same_whenever_the_list_is_built(services, op) -> None:  # noqa: ANN001
    """The share picks requests by a stable hash of their id; a larger share keeps them all."""
    ids = [closed(services, op, k) for k in range(24)]
    assert sorted(_due(services)) == sorted(ids)  # 100 per cent by default: all of them
    services.office.save(SYSTEM, {"calls_sample_percent": "40"})
    first, again = _due(services), _due(services)
    assert first == again
    assert sorted(first) == sorted(i for i in ids if in_sample(i, 40))
    assert 0 < len(first) < len(ids)
    services.office.save(SYSTEM, {"calls_sample_percent": "70"})
    assert set(first) <= set(_due(services))
    services.office.save(SYSTEM, {"calls_sample_percent": "0"})
    assert _due(services) == []
    # The hash spreads consecutive ids: about the share of any run of them is chosen.
    assert 380 <= sum(sample_bucket(i) < 40 for i in range(1, 1001)) <= 420


def test_the_list_shows_the_citizen_the_request_and_its_answer(services, op) -> None:  # noqa: ANN001
    rid = closed(services, op, 1, satisfaction=4)
    row = services.calls.page(CallFilter()).rows[0]
    assert (row.request_id, row.call_version, row.citizen, row.mobile) == (
        rid, 0, "زهرا قاسم‌زاده", "09121234567")
    assert row.answer == "پاسخ داده شد" and row.county == "تبریز"
    assert row.closing_satisfaction == 4 and row.outcome is None and row.attempts == 0


def test_open_or_long_closed_requests_are_not_listed(services, op) -> None:  # noqa: ANN001
    """Only closed requests, and only within the office's window after closing."""
    open_one = register(services, op, nid=valid_nid("400000001"))
    rid = closed(services, op, 2)
    assert _due(services) == [rid]
    with pytest.raises(ValidationError) as err:
        services.calls.record(op, open_one.id, 0, NO)
    assert err.value.errors["status"] == msg.CALL_REQUEST_NOT_CLOSED
    clock.set_now(clock.now() + timedelta(days=31), ticking=True)
    assert _due(services) == []  # the default window: 30 days
    services.office.save(SYSTEM, {"calls_window_days": "40"})
    assert _due(services) == [rid]


# (day, hour, minute, accepted): Tehran wall-clock times of successive attempts.
SCHEDULES = {
    "late first": [(0, 23, 50, True), (1, 0, 10, True), (1, 23, 50, False), (2, 0, 10, True)],
    "early first": [(0, 0, 10, True), (0, 23, 50, False), (1, 23, 50, True), (2, 0, 10, True)],
}


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_three_attempts_on_different_days_at_any_hour(services, op, name) -> None:  # noqa: ANN001
    """23:50 and 00:10 twenty minutes later are two days; 00:10 and 23:50 the same day are one."""
    rid = closed(services, op, 3)
    start = jalali.tehran_today() + timedelta(days=1)
    version, attempts = 0, 0
    for offset, hour, minute, accepted in SCHEDULES[name]:
        clock.set_now(tehran(start + timedelta(days=offset), hour, minute))
        if not accepted:
            with pytest.raises(ValidationError) as err:
                services.calls.record(op, rid, version, NO)
            assert err.value.errors["day"] == msg.CALL_SAME_DAY
            assert rid not in _due(services)  # tried today: back tomorrow
            assert [r.request_id for r in services.calls.page(CallFilter(TODAY)).rows] == [rid]
            continue
        assert rid in _due(services)
        result = services.calls.record(op, rid, version, NO)
        version, attempts = result.version, attempts + 1
        assert result.attempts == attempts
        assert result.outcome == (CallOutcome.NO_ANSWER if attempts == 3 else CallOutcome.PENDING)
    _finished_as_no_answer(services, op, rid, version)


def _finished_as_no_answer(services, op: Actor, rid: int, version: int) -> None:  # noqa: ANN001
    """After three unreached attempts the request leaves the list as «پاسخ نداد»."""
    clock.set_now(clock.now() + timedelta(days=2))
    assert rid not in _due(services)
    row = services.calls.page(CallFilter(FINISHED)).rows[0]
    assert (row.request_id, row.outcome_label) == (rid, "پاسخ نداد")
    with pytest.raises(ValidationError) as err:
        services.calls.record(op, rid, version, NO)
    assert err.value.errors["outcome"] == msg.CALL_FINISHED
    with services.db.read() as s:
        days = list(s.scalars(select(SatisfactionCallAttempt.day)
                              .where(SatisfactionCallAttempt.request_id == rid)))
    assert len(set(days)) == 3


def test_a_reached_call_records_the_answer_and_is_audited(services, op) -> None:  # noqa: ANN001
    rid = closed(services, op, 4, satisfaction=5)
    with pytest.raises(ValidationError) as err:
        services.calls.record(op, rid, 0, CallAnswer(True))
    assert set(err.value.errors) == {"score", "solved"}
    with pytest.raises(ValidationError):
        services.calls.record(op, rid, 0, CallAnswer(True, score=6, solved=True))
    with pytest.raises(ValidationError) as err:
        services.calls.record(op, rid, 0, CallAnswer(False, score=3))
    assert err.value.errors["score"] == msg.CALL_SCORE_WHEN_UNREACHED
    done = services.calls.record(op, rid, 0, CallAnswer(True, 2, False, "هنوز آب قطع است"))
    assert (done.outcome, done.attempts) == (CallOutcome.REACHED, 1)
    assert rid not in _due(services)
    row = services.calls.row(rid)
    assert (row.score, row.solved, row.comment) == (2, False, "هنوز آب قطع است")
    history = services.requests.dossier(rid).history
    call = [h for h in history if h.action == "call"]
    assert len(call) == 1 and call[0].label == "تماس رضایت"
    assert call[0].after["note"] == "پاسخ داد؛ رضایت ۲ از ۵؛ مشکل حل نشد؛ هنوز آب قطع است"
    assert call[0].who == "کاربر op"


def test_two_desks_on_one_request(services) -> None:  # noqa: ANN001
    """Both desks list the request; the second to save learns why, in Persian."""
    a = make_actor(services, "desk_a", Role.OPERATOR)
    b = make_actor(services, "desk_b", Role.MANAGER)
    rid = closed(services, a, 5)
    seen_a = services.calls.page(CallFilter()).rows[0]
    seen_b = services.calls.page(CallFilter()).rows[0]
    assert seen_a.call_version == seen_b.call_version == 0
    services.calls.record(a, rid, seen_a.call_version, NO)
    with pytest.raises(ValidationError) as err:  # the same day: the rule says why
        services.calls.record(b, rid, seen_b.call_version, CallAnswer(True, 5, True))
    assert err.value.errors["day"] == msg.CALL_SAME_DAY
    clock.set_now(clock.now() + timedelta(days=1))
    with pytest.raises(ConflictError) as conflict:  # the next day, from the stale list
        services.calls.record(b, rid, seen_b.call_version, CallAnswer(True, 5, True))
    assert msg.THIS_CALL in conflict.value.message
    fresh = services.calls.page(CallFilter()).rows[0]
    assert fresh.call_version == 1 and fresh.attempts == 1
    done = services.calls.record(b, rid, fresh.call_version, CallAnswer(True, 5, True))
    assert done.outcome == CallOutcome.REACHED
    with services.db.read() as s:
        n = s.scalar(text("SELECT count(*) FROM satisfaction_call_attempt"))
    assert n == 2


def test_inspectors_read_but_do_not_call(services, op) -> None:  # noqa: ANN001
    rid = closed(services, op, 6)
    inspector = make_actor(services, "insp", Role.INSPECTOR)
    assert _due(services, inspector) == [rid]
    with pytest.raises(PermissionDenied):
        services.calls.record(inspector, rid, 0, NO)
    admin = make_actor(services, "adm", Role.ADMIN)
    assert services.calls.record(admin, rid, 0, NO).attempts == 1


def test_a_county_limited_desk_sees_and_calls_its_counties_only(services, op) -> None:  # noqa: ANN001
    rid = closed(services, op, 7)  # Tabriz
    marand = Actor(op.user_id, op.username, Role.OPERATOR, "مرند",
                   frozenset({county_id(services, "مرند")}))
    tabriz = Actor(op.user_id, op.username, Role.OPERATOR, "تبریز",
                   frozenset({county_id(services, "تبریز")}))
    assert _due(services, marand) == [] and _due(services, tabriz) == [rid]
    assert _due(services, county=county_id(services, "مرند")) == []
    with pytest.raises(NotFound):
        services.calls.record(marand, rid, 0, NO)
    assert services.calls.record(tabriz, rid, 0, NO).attempts == 1
    assert services.calls.rows([rid], marand) == []


def test_the_citizen_must_have_a_mobile(services, op) -> None:  # noqa: ANN001
    rid = closed(services, op, 8)
    with services.db.engine.begin() as c:
        c.execute(text("UPDATE citizen SET mobile = NULL WHERE id = "
                       "(SELECT citizen_id FROM request WHERE id = :i)"), {"i": rid})
    assert _due(services) == []
    with pytest.raises(ValidationError) as err:
        services.calls.record(op, rid, 0, NO)
    assert err.value.errors["mobile"] == msg.CALL_NO_MOBILE


def test_request_ids_unchanged(services, op) -> None:  # noqa: ANN001
    """Recording a call leaves the request row (and its version) alone."""
    rid = closed(services, op, 9)
    with services.db.read() as s:
        before = s.get(Request, rid).version
    services.calls.record(op, rid, 0, CallAnswer(True, 4, True))
    with services.db.read() as s:
        assert s.get(Request, rid).version == before
