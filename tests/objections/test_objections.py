"""The citizen's objection through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models.enums import AnswerGrade, ReferralStatus, RequestStatus, Role
from app.models.review import ReviewReason
from app.services.core import clock, jalali
from app.services.referrals.dto import QueueFilter
from tests.conftest import SUITE_NOW
from tests.objections.support import closed_direct, closed_referred
from tests.support.helpers import make_actor

REASON = "پاسخ داده‌شده مشکل را حل نکرده و آب هنوز قطع می‌شود."


@pytest.fixture
def people(services):  # noqa: ANN001, ANN201
    """A clerk, an inspector, a manager."""
    return (make_actor(services, "desk1", Role.OPERATOR),
            make_actor(services, "insp1", Role.INSPECTOR),
            make_actor(services, "boss1", Role.MANAGER))


def _tehran(y: int, m: int, d: int, hh: int, mm: int) -> datetime:
    """A Tehran wall-clock moment as the naive UTC the clock takes."""
    return jalali.tehran_to_utc(datetime(y, m, d, hh, mm))


def test_recording_reopens_the_request_on_its_own_track(services, people) -> None:
    clerk, _inspector, _boss = people
    req = closed_direct(services, clerk)
    info = services.objections.record(clerk, req.id, req.version, REASON)
    assert (info.outcome, info.outcome_label, info.reason) == ("pending", "در انتظار تصمیم", REASON)
    assert info.recorded_by == "کاربر desk1" and info.answer_label == "پاسخ مستقیم دفتر"
    after = services.requests.get(req.id)
    assert after.status == RequestStatus.REOPENED and after.closed_at is None
    mine = services.objections.of_request(req.id)
    assert [o.id for o in mine.items] == [info.id] and not mine.may_object
    # The request's history says who took it, when and why.
    history = services.requests.dossier(req.id).history
    assert (history[-1].label, history[-1].after["note"]) == ("ثبت اعتراض شهروند", REASON)


def test_the_window_ends_with_the_last_day_at_any_hour(services, people) -> None:
    """Closed at 10:00 on 1405/09/07: objections until 23:59 on 1405/10/07 (30 days)."""
    clerk, _inspector, _boss = people
    first = closed_direct(services, clerk, "400000021")
    second = closed_direct(services, clerk, "400000022")
    clock.set_now(_tehran(2026, 12, 28, 23, 50), ticking=True)  # the last day, 23:50 Tehran
    assert services.objections.of_request(first.id).last_day == jalali.from_jalali(1405, 10, 7)
    assert services.objections.record(clerk, first.id, first.version, REASON).pending
    clock.set_now(_tehran(2026, 12, 29, 0, 5), ticking=True)  # the day after, just past midnight
    with pytest.raises(ValidationError) as err:
        services.objections.record(clerk, second.id, second.version, REASON)
    assert "۱۴۰۵/۱۰/۰۷" in err.value.errors["status"]
    assert "۳۰ روز" in err.value.errors["status"]
    assert services.requests.get(second.id).status == RequestStatus.CLOSED
    late = services.objections.of_request(second.id)
    assert not late.may_object and "۱۴۰۵/۱۰/۰۷" in late.why_not


def test_the_office_sets_the_window(services, people) -> None:
    clerk, _inspector, _boss = people
    admin = make_actor(services, "adm1", Role.ADMIN)
    services.office.save(admin, {"objection_window_days": "۱۰"})
    req = closed_direct(services, clerk)
    clock.set_now(SUITE_NOW + timedelta(days=11), ticking=True)
    with pytest.raises(ValidationError) as err:
        services.objections.record(clerk, req.id, req.version, REASON)
    assert "۱۴۰۵/۰۹/۱۷" in err.value.errors["status"]


def test_only_a_closed_request_takes_an_objection(services, people) -> None:
    clerk, _inspector, _boss = people
    from tests.support.helpers import register, valid_nid

    req = register(services, clerk, nid=valid_nid("400000031"))
    req = services.requests.answer_directly(clerk, req.id, req.version, "پاسخ")
    with pytest.raises(ValidationError) as err:
        services.objections.record(clerk, req.id, req.version, REASON)
    assert "مختومه" in err.value.errors["status"]
    closed = services.requests.close(clerk, req.id, req.version)
    with pytest.raises(ValidationError) as err:
        services.objections.record(clerk, closed.id, closed.version, "  ")
    assert set(err.value.errors) == {"reason"}


def test_who_records_and_who_decides(services, people) -> None:
    clerk, inspector, boss = people
    req = closed_direct(services, clerk)
    with pytest.raises(PermissionDenied):
        services.objections.record(inspector, req.id, req.version, REASON)
    info = services.objections.record(clerk, req.id, req.version, REASON)
    with pytest.raises(PermissionDenied):
        services.objections.uphold(clerk, info.id, info.version)
    other = closed_direct(services, clerk, "400000041")
    second = services.objections.record(boss, other.id, other.version, REASON)  # a manager too
    assert services.objections.reject(boss, second.id, second.version, "پاسخ کافی بود.").outcome \
        == "rejected"
    assert services.objections.uphold(inspector, info.id, info.version).outcome == "upheld"


def test_upholding_a_direct_answer_makes_the_office_answer_again(services, people) -> None:
    clerk, inspector, _boss = people
    req = closed_direct(services, clerk)
    info = services.objections.record(clerk, req.id, req.version, REASON)
    with pytest.raises(ValidationError) as err:  # no closing while the inspection decides
        services.requests.close(clerk, req.id, services.requests.get(req.id).version)
    assert "در انتظار تصمیم" in err.value.errors["status"]
    done = services.objections.uphold(inspector, info.id, info.version, "پاسخ ناقص بود.")
    assert (done.outcome_label, done.decided_by, done.decision_note) == (
        "پذیرفته شد", "کاربر insp1", "پاسخ ناقص بود.")
    req = services.requests.get(req.id)
    assert req.status == RequestStatus.REOPENED and req.deadline > jalali.tehran_today()
    history = services.requests.dossier(req.id).history
    assert (history[-1].label, history[-1].after["note"]) == ("پذیرش اعتراض", "پاسخ ناقص بود.")
    # The clerk answers again and closes; the new answer has its own window.
    req = services.requests.answer_directly(clerk, req.id, req.version, "پاسخ کامل‌تر.")
    req = services.requests.close(clerk, req.id, req.version)
    assert services.objections.of_request(req.id).may_object


def test_upholding_an_agency_answer_reopens_its_referral(services, people) -> None:
    clerk, inspector, _boss = people
    req = closed_referred(services, clerk)
    info = services.objections.record(clerk, req.id, req.version, REASON)
    assert info.answer_label == "پاسخ شرکت آب و فاضلاب"
    done = services.objections.uphold(inspector, info.id, info.version)
    req = services.requests.get(req.id)
    (ref,) = req.referrals
    assert done.reopened_referrals == (ref.id,)
    assert (req.status, ref.status, ref.grade) == (
        RequestStatus.AWAITING_AGENCY, ReferralStatus.OPEN, AnswerGrade.INADEQUATE)
    assert ref.deadline > jalali.tehran_today()
    # The agency answers again; the request can then be closed.
    services.referrals.record_response(clerk, ref.id, ref.version, "پاسخ دوم.",
                                       jalali.tehran_today())
    req = services.requests.get(req.id)
    assert services.requests.close(clerk, req.id, req.version).status == RequestStatus.CLOSED


def test_rejecting_needs_a_reason_and_closes_the_request_as_it_was(services, people) -> None:
    clerk, inspector, _boss = people
    req = closed_direct(services, clerk)
    closed_at = req.closed_at
    info = services.objections.record(clerk, req.id, req.version, REASON)
    with pytest.raises(ValidationError) as err:
        services.objections.reject(inspector, info.id, info.version, " \u200c ")
    assert err.value.errors == {"note": "دلیل رد اعتراض را بنویسید."}
    done = services.objections.reject(inspector, info.id, info.version, "پاسخ کافی بود.")
    assert done.outcome_label == "رد شد"
    req = services.requests.get(req.id)
    assert (req.status, req.closed_at) == (RequestStatus.CLOSED, closed_at)
    with pytest.raises(ValidationError) as err:  # the same answer, objected to again
        services.objections.record(clerk, req.id, req.version, REASON)
    assert "پیش‌تر اعتراض" in err.value.errors["status"]
    with pytest.raises(ValidationError) as err:  # decided once
        services.objections.uphold(inspector, info.id, done.version)
    assert err.value.errors["status"] == "دربارهٔ این اعتراض پیش‌تر تصمیم گرفته شده است."


def test_two_desks_deciding_the_same_objection(services, people) -> None:
    clerk, inspector, boss = people
    req = closed_referred(services, clerk)
    info = services.objections.record(clerk, req.id, req.version, REASON)
    services.objections.uphold(inspector, info.id, info.version)
    with pytest.raises(ConflictError):
        services.objections.reject(boss, info.id, info.version, "پاسخ کافی بود.")
    assert services.objections.get(info.id).outcome == "upheld"
    assert services.requests.get(req.id).status == RequestStatus.AWAITING_AGENCY


def test_the_review_queue_lists_objections_pending_first(services, people) -> None:
    clerk, inspector, _boss = people
    a = closed_direct(services, clerk, "400000051")
    b = closed_referred(services, clerk, "400000052")
    oa = services.objections.record(clerk, a.id, a.version, REASON)
    services.objections.record(clerk, b.id, b.version, "پاسخ دستگاه کلی بود.")
    services.objections.reject(inspector, oa.id, oa.version, "پاسخ کافی بود.")
    page = services.reviews.queue(QueueFilter(ReviewReason.OBJECTION))
    assert [(r.request_id, r.verdict_label) for r in page.rows] == [
        (b.id, "در انتظار تصمیم"), (a.id, "رد شد")]
    assert page.total == 2 and page.rows[0].agency == "شرکت آب و فاضلاب"
    assert page.rows[0].detail == "پاسخ دستگاه کلی بود."
    pending = services.reviews.queue(QueueFilter(ReviewReason.OBJECTION, unreviewed_only=True))
    assert [r.request_id for r in pending.rows] == [b.id]
    assert services.objections.count_pending() == 1
    # The inspector's dossier of the item tells the objection's story.
    actions = [t.action for t in services.reviews.dossier(a.id).timeline]
    assert "ثبت اعتراض شهروند" in actions and "رد اعتراض" in actions
