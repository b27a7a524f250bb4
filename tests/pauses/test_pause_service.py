"""The stopped clock on SQLite and PostgreSQL: arithmetic at any hour, refusals, conflicts,
the one overdue rule, and the end of a pause when its case closes.

Calendar facts the hand counts rely on (Fridays rest, the holiday table): Azar 1405 has no
holiday; 1405/09/11 is a Wednesday, 09/13 a Friday. 1405/12/19–20 (Wed, Thu) are the
(estimated) Eid al-Fitr holidays, 12/21 a Friday, 12/29 (Sat) oil nationalisation day;
1406/01/01–04 (Sun–Wed) Nowruz, 01/05 a Thursday, 01/12–14 (Thu–Sat) holidays.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from app.errors import ConflictError, ValidationError
from app.models import ClockPause, Holiday
from app.models.enums import ReferralStatus, Role
from app.services.core import audit, clock, jalali, reference
from app.services.core import messages as msg
from app.services.pauses.dto import PAUSED_LABEL
from app.services.referrals.dto import TrackerFilter
from app.services.requests.dto import InboxFilter
from tests.reports.pdftools import norm, pdftotext_pages
from tests.support.helpers import agency_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date
HOLIDAYS = ("1405/12/19", "1405/12/20", "1405/12/29", "1406/01/01", "1406/01/02", "1406/01/03",
            "1406/01/04", "1406/01/12", "1406/01/13", "1406/01/14")


def at(jdate: str, hh: int = 10, mm: int = 0) -> datetime:
    """Naive UTC of a Tehran wall-clock time on a Jalali day."""
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(hh, mm)))


def set_clock(jdate: str, hh: int = 10, mm: int = 0) -> None:
    clock.set_now(at(jdate, hh, mm), ticking=True)


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """A real operator."""
    return make_actor(services, "op", Role.OPERATOR)


@pytest.fixture
def holidays(services):  # noqa: ANN001, ANN201
    """The holidays the hand counts use, in the (editable) table whatever the package says."""
    with services.db.write() as s:
        for text in HOLIDAYS:
            day = J(text)
            if s.scalar(select(Holiday).where(Holiday.day == day)) is None:
                s.add(Holiday(day=day, name="تعطیل", source="manual"))


def _new_request(services, op, jdate: str, hh: int = 10, mm: int = 0, nid: str = "100000001"):  # noqa: ANN001, ANN202
    set_clock(jdate, hh, mm)
    return register(services, op, received_at=at(jdate, hh, mm), nid=valid_nid(nid))


# --- the arithmetic ------------------------------------------------------------------------


def test_pause_across_a_friday_at_23_50_and_03_15(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/11", 23, 50)
    # 10 working days after Wed 09/11: Thu 12, Sat 14 … Thu 19, Sat 21, Sun 22, Mon 23.
    assert req.deadline == J("1405/09/23")
    paused = services.pauses.pause_request(op, req.id, req.version, "کپی سند مالکیت خواسته شد")
    assert paused.paused and paused.paused_since == J("1405/09/11")
    assert paused.deadline == J("1405/09/23")
    # 03:15 Saturday in Tehran is still Friday in UTC: the Tehran day must count.
    set_clock("1405/09/14", 3, 15)
    now = services.pauses.request_clock(req.id)
    assert now.paused_days == 2  # Thursday and Saturday; Friday rests
    resumed = services.pauses.resume_request(op, req.id, now.version, "مدارک رسید")
    assert not resumed.paused
    assert resumed.deadline == J("1405/09/25")  # two working days later: Tue 24, Wed 25
    (p,) = resumed.pauses
    assert (p.paused_days, p.deadline_before, p.deadline_after) == (
        2, J("1405/09/23"), J("1405/09/25"))
    assert (p.start_reason, p.end_reason) == ("کپی سند مالکیت خواسته شد", "مدارک رسید")
    assert p.started_by == p.ended_by == "کاربر op"
    assert services.requests.get(req.id).deadline == J("1405/09/25")
    # The working days left when the clock stopped are the days left after it went on.
    cal = reference.work_calendar(services.db)
    assert (cal.working_days_between(J("1405/09/11"), J("1405/09/23"))
            == cal.working_days_between(J("1405/09/14"), J("1405/09/25")))


def test_pause_over_holidays(services, op, holidays):  # noqa: ANN001
    req = _new_request(services, op, "1405/12/18", 9)  # a Tuesday
    services.pauses.pause_request(op, req.id, req.version, "گواهی کار خواسته شد")
    set_clock("1405/12/22", 8)  # Saturday: Wed and Thu are holidays, Friday rests
    clock_now = services.pauses.request_clock(req.id)
    assert clock_now.paused_days == 1
    resumed = services.pauses.resume_request(op, req.id, clock_now.version, "گواهی رسید")
    assert resumed.deadline == reference.work_calendar(services.db).add_working_days(
        req.deadline, 1)
    assert resumed.pauses[0].paused_days == 1


def test_pause_over_the_year_end(services, op, holidays):  # noqa: ANN001
    req = _new_request(services, op, "1405/12/26", 10)  # a Wednesday
    # Thu 12/27 (1), 12/29 and Nowruz off, Thu 01/05 (2), 07–11 (3–7), 12–14 off, 15–17 (8–10).
    assert req.deadline == J("1406/01/17")
    set_clock("1405/12/29", 23, 50)
    services.pauses.pause_request(op, req.id, services.requests.get(req.id).version,
                                  "شناسنامه و کارت ملی")
    set_clock("1406/01/05", 3, 15)
    resumed = services.pauses.resume_request(op, req.id, services.requests.get(req.id).version,
                                             "رسید")
    assert resumed.pauses[0].paused_days == 1  # Nowruz does not count; Thursday 01/05 does
    assert resumed.deadline == J("1406/01/18")


def test_pause_and_resume_on_the_same_day_count_nothing(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 8)
    services.pauses.pause_request(op, req.id, req.version, "مدرک")
    set_clock("1405/09/07", 23, 50)
    resumed = services.pauses.resume_request(op, req.id, req.version + 1, "رسید")
    assert resumed.pauses[0].paused_days == 0
    assert resumed.deadline == req.deadline


def test_a_referral_pauses_and_its_deadline_moves(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 9)
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services), "۱۲/۳۴",
                                   J("1405/09/07"), working_days=5)
    assert ref.deadline == J("1405/09/12")  # Sun 08 … Thu 12
    set_clock("1405/09/11", 23, 50)  # Wednesday night: one working day left
    paused = services.pauses.pause_referral(op, ref.id, ref.version, "دستگاه سند خواسته است")
    assert paused.paused and paused.request_id == req.id
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_referral(op, ref.id, paused.version, "دوباره")
    assert e.value.errors["status"] == msg.ALREADY_PAUSED
    set_clock("1405/09/16", 3, 15)  # Thu 12, Sat 14, Sun 15, Mon 16 stopped
    row = services.tracker.rows([ref.id])[0]
    assert row.status_label == PAUSED_LABEL and row.paused_days == 4
    assert row.working_days == 1  # frozen: one day was left on 09/11
    resumed = services.pauses.resume_referral(op, ref.id, paused.version, "سند رسید")
    assert resumed.deadline == J("1405/09/17")  # 4 working days after Thu 09/12
    d = services.tracker.dossier(ref.id)
    assert d.paused_since is None and d.paused_days == 4 and d.working_days == 1
    labels = [e.label for e in audit.history(services.db, "request", req.id)]
    assert "توقف مهلت ارجاع" in labels and "ادامهٔ مهلت ارجاع" in labels
    notes = [e.after.get("note") for e in audit.history(services.db, "referral", ref.id)]
    assert "دستگاه سند خواسته است" in notes and "سند رسید" in notes
    history = services.pauses.pauses_of_request(req.id)
    assert [p.agency for p in history] == ["شرکت آب و فاضلاب"]


# --- refusals and conflicts ------------------------------------------------------------------


def test_refusals_have_persian_messages(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 9)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as e:
            services.pauses.pause_request(op, req.id, req.version, reason)
        assert e.value.errors["reason"] == msg.PAUSE_REASON_REQUIRED
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_request(op, req.id, req.version, "ب" * 501)
    assert e.value.errors["reason"] == msg.PAUSE_REASON_TOO_LONG
    with pytest.raises(ValidationError) as e:
        services.pauses.resume_request(op, req.id, req.version, "رسید")
    assert e.value.errors["status"] == msg.NOT_PAUSED
    paused = services.pauses.pause_request(op, req.id, req.version, "مدرک")
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_request(op, req.id, paused.version, "مدرک")
    assert e.value.errors["status"] == msg.ALREADY_PAUSED
    with pytest.raises(ValidationError) as e:
        services.pauses.resume_request(op, req.id, paused.version, "")
    assert e.value.errors["reason"] == msg.RESUME_REASON_REQUIRED
    closed = services.requests.close(op, req.id, paused.version)
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_request(op, req.id, closed.version, "مدرک")
    assert e.value.errors["status"] == msg.PAUSE_REQUEST_CLOSED
    other = register(services, op, nid=valid_nid("100000002"))
    answered = services.requests.answer_directly(op, other.id, other.version, "پاسخ داده شد")
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_request(op, other.id, answered.version, "مدرک")
    assert e.value.errors["status"] == msg.PAUSE_REQUEST_NOT_OPEN


def test_a_withdrawn_referral_is_not_paused(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 9)
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services), "۱۲/۳۴",
                                   J("1405/09/07"))
    gone = services.referrals.withdraw(op, ref.id, ref.version, "اشتباه")
    with pytest.raises(ValidationError) as e:
        services.pauses.pause_referral(op, ref.id, gone.version, "مدرک")
    assert e.value.errors["status"] == msg.PAUSE_REFERRAL_NOT_OPEN


def test_two_desks_pausing_and_resuming_meet_the_version_check(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 9)
    other = make_actor(services, "op2", Role.OPERATOR)
    services.pauses.pause_request(op, req.id, req.version, "مدرک")
    with pytest.raises(ConflictError):  # the second desk still shows the old version
        services.pauses.pause_request(other, req.id, req.version, "مدرک دیگر")
    fresh = services.requests.get(req.id)
    services.pauses.resume_request(op, req.id, fresh.version, "رسید")
    with pytest.raises(ConflictError):
        services.pauses.resume_request(other, req.id, fresh.version, "رسید")
    with services.db.read() as s:
        assert len(s.scalars(select(ClockPause)).all()) == 1


# --- the one overdue rule ------------------------------------------------------------------------


def test_a_paused_case_is_not_overdue_while_it_waits(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/08/01", 9)
    ref = services.referrals.refer(op, req.id, services.requests.get(req.id).version,
                                   agency_id(services), "۵۵/۱", J("1405/08/01"), working_days=5)
    set_clock("1405/09/07", 10)
    assert services.requests.get(req.id).deadline < J("1405/09/07")
    assert services.tracker.count(TrackerFilter(overdue_only=True)) == 1
    assert services.stats.quarter_summary(1405, 3).overdue_at_end == 1
    paused = services.pauses.pause_referral(op, ref.id, ref.version, "مدرک شهروند")
    assert services.tracker.count(TrackerFilter(overdue_only=True)) == 0
    assert not services.tracker.rows([ref.id])[0].overdue
    assert services.stats.quarter_summary(1405, 3).overdue_at_end == 0
    assert services.stats.agency_performance(J("1405/07/01"), J("1405/09/30"))[0].overdue_now == 0
    assert not services.requests.get(req.id).referrals[0].overdue
    set_clock("1405/09/09", 10)  # Mon: Sun 08 and Mon 09 stopped
    resumed = services.pauses.resume_referral(op, ref.id, paused.version, "رسید")
    # Letter on Fri 08/01, deadline Wed 08/06; two working days later: Thu 07, Sat 09.
    assert resumed.deadline == J("1405/08/09")
    assert services.tracker.count(TrackerFilter(overdue_only=True)) == 1
    assert services.stats.quarter_summary(1405, 3).overdue_at_end == 1


def test_a_paused_request_is_not_overdue_in_the_inbox(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/08/01", 9)
    set_clock("1405/09/07", 10)
    overdue = InboxFilter(overdue_only=True)
    assert services.inbox.count(overdue) == 1 and services.requests.get(req.id).overdue
    services.pauses.pause_request(op, req.id, req.version, "مدرک")
    assert services.inbox.count(overdue) == 0
    assert not services.requests.get(req.id).overdue
    row = services.inbox.rows([req.id])[0]
    assert row.status_label == PAUSED_LABEL and not row.overdue
    assert services.requests.get(req.id).paused_since == J("1405/09/07")


def test_closing_a_case_ends_its_pause(services, op):  # noqa: ANN001
    req = _new_request(services, op, "1405/09/07", 9)
    paused = services.pauses.pause_request(op, req.id, req.version, "مدرک")
    set_clock("1405/09/09", 10)
    answered = services.requests.answer_directly(op, req.id, paused.version, "پاسخ")
    clock_now = services.pauses.request_clock(req.id)
    assert not clock_now.paused and clock_now.pauses[0].paused_days == 2
    assert answered.deadline == clock_now.pauses[0].deadline_after
    # A referral answered while paused: its pause ends the same way.
    req2 = register(services, op, nid=valid_nid("100000003"))
    ref = services.referrals.refer(op, req2.id, req2.version, agency_id(services), "۱/۲",
                                   J("1405/09/09"))
    p = services.pauses.pause_referral(op, ref.id, ref.version, "مدرک")
    services.referrals.record_response(op, ref.id, p.version, "انجام شد", J("1405/09/09"))
    c = services.pauses.referral_clock(ref.id)
    assert not c.paused and not c.is_open and c.pauses[0].ended_on == J("1405/09/09")
    assert services.tracker.rows([ref.id])[0].status == ReferralStatus.ANSWERED


# --- the report ------------------------------------------------------------------------------


def test_the_report_counts_paused_days_apart(services, op, tmp_path):  # noqa: ANN001
    """A pause across the quarter's start counts only its days inside the quarter; a running
    one up to the cut-off; the PDF prints the section."""
    req = _new_request(services, op, "1405/06/25", 9)  # Q2
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services), "۷/۸",
                                   J("1405/06/25"))
    set_clock("1405/06/29", 10)  # Sunday
    p = services.pauses.pause_referral(op, ref.id, ref.version, "سند")
    set_clock("1405/07/05", 10)  # Saturday: Mon 30, Tue 31 in Q2; Tue 07/01 … Sat 07/05 in Q3
    p = services.pauses.resume_referral(op, ref.id, p.version, "رسید")
    assert p.pauses[0].paused_days == 2 + 4  # 06/30, 06/31 | 07/01, 02, 03, 05 (04 a Friday)
    own = _new_request(services, op, "1405/09/01", 9, nid="100000004")  # Q3, still paused
    set_clock("1405/09/03", 10)
    services.pauses.pause_request(op, own.id, own.version, "مدارک")
    set_clock("1405/09/07", 10)  # paused Tue 09/03: Wed 04, Thu 05, Sat 07 (06 a Friday)
    q3 = services.stats.quarterly_report(1405, 3).pauses
    assert q3 is not None
    assert (q3.started, q3.ended, q3.cases, q3.paused_at_cut_off) == (1, 1, 2, 1)
    assert (q3.referral_days, q3.request_days) == (4, 3)
    assert q3.agencies[0].agency == "شرکت آب و فاضلاب" and q3.agencies[0].paused_days == 4
    q2 = services.stats.quarterly_report(1405, 2).pauses
    assert (q2.started, q2.ended, q2.referral_days, q2.paused_at_cut_off) == (1, 0, 2, 1)
    out = tmp_path / "q3.pdf"
    services.reports.write_quarterly(1405, 3, out)
    text = " ".join(pdftotext_pages(out))
    assert norm("توقف مهلت در انتظار مدارک شهروند (روزهای توقف)") in text
    assert norm("روزهای کاری توقف مهلت نامه‌های ارجاع") in text
