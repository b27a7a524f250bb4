"""The inspection review on SQLite and PostgreSQL: the queue, reviews, roles, the audit chain."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import text

from app.errors import PermissionDenied, ValidationError
from app.models.enums import FollowUpKind, Role
from app.models.review import ReviewReason, ReviewVerdict
from app.services.core import jalali, persian
from app.services.referrals.dto import QueueFilter
from app.services.requests.dto import NewRequest
from app.services.review.service import ReviewService, default_seed, draw_sample
from tests.support import audit_tamper
from tests.support.helpers import agency_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date


def _at(jdate: str, hour: int = 10) -> datetime:
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(hour)))


def _close_on(db, request_id: int, jdate: str) -> None:  # noqa: ANN001
    """Move a closing time into the past (closing always stamps now)."""
    with db.engine.begin() as c:
        c.execute(text("UPDATE request SET closed_at = :a WHERE id = :i"),
                  {"a": _at(jdate, 12), "i": request_id})


@pytest.fixture
def people(services):  # noqa: ANN001, ANN201
    """An operator and an inspector."""
    return make_actor(services, "op", Role.OPERATOR), make_actor(services, "insp", Role.INSPECTOR)


@pytest.fixture
def queue_data(services, people):  # noqa: ANN001, ANN201
    """One escalated referral, one long overdue, three requests closed in autumn 1405."""
    op, _ = people
    sv = services
    r1 = register(sv, op, received_at=_at("1405/05/01"), nid=valid_nid("100000001"))
    esc = sv.referrals.refer(op, r1.id, r1.version, agency_id(sv), "1/1", J("1405/05/01"))
    sv.referrals.add_follow_up(op, esc.id, FollowUpKind.PHONE, J("1405/06/01"), "بی‌پاسخ")
    esc = sv.referrals.extend(op, esc.id, esc.version, 5, "درخواست دستگاه")
    esc = sv.referrals.escalate(op, esc.id, esc.version, "دستگاه پاسخ نمی‌دهد")
    r2 = register(sv, op, received_at=_at("1405/07/20"), nid=valid_nid("100000002"))
    late = sv.referrals.refer(op, r2.id, r2.version, agency_id(sv, "شرکت گاز"), "2/2",
                              J("1405/07/20"))
    closed = []
    for k, sat in enumerate([1, 2, 5]):
        r = register(sv, op, received_at=_at("1405/07/01"), nid=valid_nid(f"20000000{k}"))
        r = sv.requests.answer_directly(op, r.id, r.version, "پاسخ داده شد")
        sv.requests.close(op, r.id, r.version, satisfaction=sat)
        _close_on(sv.db, r.id, "1405/07/1" + str(k))
        closed.append(r.id)
    return {"escalated": esc, "late": late, "closed": closed, "r1": r1}


AUTUMN = dict(date_from=J("1405/07/01"), date_to=J("1405/09/30"))


def test_queues_list_what_needs_review(services, queue_data) -> None:
    """Escalated, overdue beyond the threshold, low satisfaction: each its own list."""
    rv = ReviewService(services.db)
    esc = rv.queue(QueueFilter(ReviewReason.ESCALATED))
    assert [r.referral_id for r in esc.rows] == [queue_data["escalated"].id] and esc.total == 1
    assert esc.rows[0].detail == "دستگاه پاسخ نمی‌دهد" and esc.rows[0].verdict is None
    cal = rv.tracker.calendar()
    today = jalali.tehran_today()
    late_by = cal.working_days_between(queue_data["late"].deadline, today)
    overdue = rv.queue(QueueFilter(ReviewReason.OVERDUE, overdue_days=late_by - 1))
    assert queue_data["late"].id in [r.referral_id for r in overdue.rows]
    assert f"{jalali.format_jalali(queue_data['late'].deadline)}" == jalali.format_jalali(
        next(r.day for r in overdue.rows if r.referral_id == queue_data["late"].id))
    stricter = rv.queue(QueueFilter(ReviewReason.OVERDUE, overdue_days=late_by))
    assert queue_data["late"].id not in [r.referral_id for r in stricter.rows]
    low = rv.queue(QueueFilter(ReviewReason.LOW_SATISFACTION, **AUTUMN))
    assert [r.request_id for r in low.rows] == queue_data["closed"][1::-1]  # newest first
    assert low.rows[0].detail == "رضایت ۲ از ۵"
    summer = rv.queue(QueueFilter(ReviewReason.LOW_SATISFACTION, date_from=J("1405/04/01"),
                                  date_to=J("1405/06/31")))
    assert summer.total == 0


def test_the_random_sample_is_reproducible(services, queue_data) -> None:
    """The same seed draws the same closed requests; the sample never leaves the period."""
    rv = ReviewService(services.db)
    f = QueueFilter(ReviewReason.SAMPLE, sample_size=2, seed=7, **AUTUMN)
    first = [r.request_id for r in rv.queue(f).rows]
    assert len(first) == 2 and set(first) <= set(queue_data["closed"])
    for seed in range(8):  # the database's numbering draws exactly what the pure function draws
        assert rv.sample_ids(QueueFilter(ReviewReason.SAMPLE, sample_size=2, seed=seed,
                                         **AUTUMN)) == draw_sample(queue_data["closed"], 2, seed)
    assert [r.request_id for r in rv.queue(f).rows] == first
    draws = {tuple(draw_sample(queue_data["closed"], 2, seed)) for seed in range(30)}
    assert len(draws) > 1  # the seed matters
    everything = QueueFilter(ReviewReason.SAMPLE, sample_size=50, seed=1, **AUTUMN)
    assert sorted(r.request_id for r in rv.queue(everything).rows) == sorted(queue_data["closed"])
    assert draw_sample(list(range(1000)), 5, 42) == draw_sample(list(reversed(range(1000))), 5, 42)
    assert default_seed(J("1405/07/01"), J("1405/09/30")) == default_seed(J("1405/07/01"),
                                                                          J("1405/09/30"))


def test_inspector_records_a_review_and_the_queue_shows_it(services, people,
                                                           queue_data) -> None:
    """The verdict appears in the queue; «unreviewed only» then hides the item."""
    _, inspector = people
    rv = ReviewService(services.db)
    esc = queue_data["escalated"]
    with pytest.raises(ValidationError) as err:
        rv.record(inspector, esc.request_id, esc.id, ReviewReason.ESCALATED,
                  ReviewVerdict.NEEDS_CORRECTION, "  ")
    assert set(err.value.errors) == {"note"}
    info = rv.record(inspector, esc.request_id, esc.id, ReviewReason.ESCALATED,
                     ReviewVerdict.NEEDS_CORRECTION, "پیگیری کافی نبوده است")
    assert info.verdict_label == "نیازمند اصلاح" and info.reviewer == "کاربر insp"
    row = rv.queue(QueueFilter(ReviewReason.ESCALATED)).rows[0]
    assert row.verdict == ReviewVerdict.NEEDS_CORRECTION
    assert rv.queue(QueueFilter(ReviewReason.ESCALATED, unreviewed_only=True)).total == 0
    sample = QueueFilter(ReviewReason.SAMPLE, sample_size=10, seed=3, unreviewed_only=True,
                         **AUTUMN)
    target = queue_data["closed"][0]
    rv.record(inspector, target, None, ReviewReason.SAMPLE, ReviewVerdict.PROPER, "مطلوب")
    assert target not in [r.request_id for r in rv.queue(sample).rows]
    with pytest.raises(Exception):  # noqa: B017 - a referral of another request
        rv.record(inspector, target, esc.id, ReviewReason.SAMPLE, ReviewVerdict.PROPER, "x")


def test_the_dossier_shows_the_whole_history(services, people, queue_data) -> None:
    """Request events, the referral's letter, follow-up, extension, escalation and reviews."""
    _, inspector = people
    rv = ReviewService(services.db)
    esc = queue_data["escalated"]
    rv.record(inspector, esc.request_id, esc.id, ReviewReason.ESCALATED,
              ReviewVerdict.VIOLATION, "تأخیر بدون دلیل موجه")
    d = rv.dossier(esc.request_id)
    assert d.request.id == esc.request_id and [r.id for r in d.referrals] == [esc.id]
    lines = [(t.what, t.action, t.note) for t in d.timeline]
    assert lines[0][:2] == ("درخواست", "ثبت")
    agency = "ارجاع به شرکت آب و فاضلاب"
    assert (agency, "پیگیری", "تماس تلفنی: بی‌پاسخ") in lines
    assert (agency, "تمدید مهلت", "درخواست دستگاه") in lines
    assert (agency, "ارجاع به بازرسی", "دستگاه پاسخ نمی‌دهد") in lines
    assert lines[-1] == ("بازرسی", "تخلف؛ ارجاع به امور حقوقی", "تأخیر بدون دلیل موجه")
    assert [t.at for t in d.timeline] == sorted(t.at for t in d.timeline)
    assert [r.verdict for r in d.reviews] == [ReviewVerdict.VIOLATION]


def test_inspectors_write_reviews_and_nothing_else(services, people, queue_data) -> None:
    """Request, referral and account writes refuse the inspector; reviews refuse the operator."""
    op, inspector = people
    sv = services
    r = sv.requests.get(queue_data["r1"].id)
    ref = queue_data["late"]
    refused = [
        lambda: sv.requests.register(inspector, NewRequest(channel="walk_in", type="complaint",
                                                           subject="موضوع")),
        lambda: sv.requests.update(inspector, r.id, r.version, {"subject": "تغییر"}),
        lambda: sv.requests.answer_directly(inspector, r.id, r.version, "پاسخ"),
        lambda: sv.requests.close(inspector, r.id, r.version),
        lambda: sv.requests.reopen(inspector, r.id, r.version, "دلیل"),
        lambda: sv.requests.assign(inspector, r.id, r.version, inspector.user_id),
        lambda: sv.referrals.record_response(inspector, ref.id, ref.version, "پاسخ",
                                             J("1405/07/25")),
        lambda: sv.referrals.escalate(inspector, ref.id, ref.version, "شرح"),
        lambda: sv.users.set_role(inspector, inspector.user_id, Role.ADMIN),
        lambda: sv.users.add(inspector, "new", "secret-1", Role.OPERATOR),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert sv.requests.get(r.id).version == r.version
    with pytest.raises(PermissionDenied) as err:
        ReviewService(sv.db).record(op, r.id, None, ReviewReason.SAMPLE, ReviewVerdict.PROPER,
                                    "نظر")
    assert "ثبت نظر بازرسی" in err.value.message


def test_chain_check_names_the_first_edited_event(services, people, queue_data) -> None:
    """Editing one stored event is caught at exactly that event, with a Persian description."""
    rv = ReviewService(services.db)
    ok = rv.check_chain()
    assert ok.ok and ok.first_bad is None and ok.checked > 10 and "سالم" in ok.message
    with services.db.read() as s:
        victim = s.execute(text("SELECT id FROM audit_event WHERE entity = 'referral' AND "
                                "action = 'escalate'")).scalar_one()
    with services.db.engine.begin() as c:
        audit_tamper.maintenance(c)
        c.execute(text("UPDATE audit_event SET after = REPLACE(after, 'پاسخ نمی‌دهد', "
                       "'پاسخ داد') WHERE id = :i"), {"i": victim})
    bad = rv.check_chain()
    assert not bad.ok and bad.first_bad is not None and bad.first_bad.id == victim
    assert bad.first_bad.action_label == "ارجاع به بازرسی"
    assert f"رویداد شمارهٔ {persian.to_persian_digits(victim)} " in bad.message
    assert "ارجاع به بازرسی روی ارجاع" in bad.message and bad.checked < ok.checked
