"""The meeting day: queue numbers, walk-ins, issues as requests, directives as referrals."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from app.errors import ConflictError, ValidationError
from app.models.enums import Channel, MeetingStatus, ReferralStatus, RequestStatus, Role
from app.services.core import jalali
from app.services.meetings.dto import DirectiveInput
from app.services.registry import Services
from app.services.requests.dto import CitizenInput, InboxFilter
from tests.support.calendar_helpers import citizen, day_service, manager, set_holidays, weekly
from tests.support.helpers import agency_id, make_actor, register, valid_nid


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """An operator."""
    return make_actor(services, "op", Role.OPERATOR)


@pytest.fixture
def today_meeting(services, op):  # noqa: ANN001, ANN201
    """Today's occurrence of a manager's weekly day, opened (whatever weekday today is)."""
    today = jalali.tehran_today()
    set_holidays(services.db, today, today, {})
    m = manager(services)
    sch = weekly(services, m, jalali.weekday_index(today) % 6,
                 jalali.format_jalali(today - timedelta(days=60), False), hours=(0, 23))
    if jalali.weekday_index(today) == 6:  # a Friday: hold a one-off instead
        return services.meetings.create_meeting(op, m, today, time(8), time(12), kind="one_off")
    return services.meetings.open_occurrence(op, sch, today)


def test_pre_registration_gives_queue_numbers_and_refuses_a_second_entry(services, op,
                                                                         today_meeting) -> None:
    """Queue numbers count up; the same citizen is not queued twice; a bad ID names the field."""
    day = day_service(services)
    a = day.pre_register(op, today_meeting.id, citizen(1), "آسفالت کوچه")
    b = day.pre_register(op, today_meeting.id, citizen(2, "احمدی"), "")
    assert (a.queue_no, b.queue_no) == (1, 2) and a.pre_registered and not a.received
    with pytest.raises(ValidationError) as err:
        day.add_walk_in(op, today_meeting.id, CitizenInput(national_id=citizen(1).national_id))
    assert "نوبت ۱" in err.value.errors["citizen.national_id"]
    with pytest.raises(ValidationError) as err:
        day.pre_register(op, today_meeting.id, CitizenInput(national_id="1234567890",
                                                            last_name="رضایی"))
    assert "کد ملی نامعتبر" in err.value.errors["citizen.national_id"]
    with pytest.raises(ValidationError) as err:
        day.add_walk_in(op, today_meeting.id, CitizenInput(last_name="رضایی"))
    assert err.value.errors["citizen.national_id"] == "کد ملی را وارد کنید."
    with pytest.raises(ValidationError) as err:  # unknown citizen and no name
        day.add_walk_in(op, today_meeting.id, CitizenInput(national_id=valid_nid("555000111")))
    assert "نام خانوادگی" in err.value.errors["citizen.last_name"]
    assert [x.queue_no for x in day.day(today_meeting.id).attendees] == [1, 2]


def test_walk_in_of_a_known_citizen_shows_their_earlier_requests(services, op,
                                                                  today_meeting) -> None:
    """National ID first: a known citizen is found with their requests; a walk-in needs no name."""
    nid = valid_nid("001354241")
    register(services, op, nid=nid, subject="قطعی مکرر آب")
    register(services, op, nid=nid, subject="ترمیم آسفالت")
    day = day_service(services)
    found = day.look_up_citizen("۰۰۱۳۵۴۲۴" + nid[-2:], today_meeting.id)
    assert found is not None and found.citizen.last_name == "قاسم‌زاده"
    assert [e.subject for e in found.earlier] == ["ترمیم آسفالت", "قطعی مکرر آب"]
    assert found.queue_no is None
    walk = day.add_walk_in(op, today_meeting.id, CitizenInput(national_id=nid), "گازکشی")
    assert walk.full_name == "زهرا قاسم‌زاده" and not walk.pre_registered
    assert day.look_up_citizen(nid, today_meeting.id).queue_no == walk.queue_no
    assert day.look_up_citizen(valid_nid("555000111")) is None


def test_issue_becomes_a_request_linked_to_the_meeting_and_manager(services, op,
                                                                    today_meeting) -> None:
    """Raising an issue marks the citizen received and puts a meeting request in the inbox."""
    day = day_service(services)
    att = day.add_walk_in(op, today_meeting.id, citizen(7), "آب شرب")
    res = day.raise_issue(op, att.id, "قطعی آب روستای خاصبان", "سه روز است آب قطع است.",
                          agency_id=agency_id(services, "شرکت آب و فاضلاب"))
    req = services.requests.get(res.request_id)
    assert req.channel == Channel.MEETING and req.channel_label == "دیدار مردمی"
    assert req.meeting_id == today_meeting.id and req.agency == "شرکت آب و فاضلاب"
    assert req.citizen is not None and req.citizen.national_id == citizen(7).national_id
    assert jalali.to_tehran(req.received_at).date() == today_meeting.day
    found = services.inbox.page(InboxFilter(channel=Channel.MEETING, text="خاصبان"), 0, 10)
    assert [r.id for r in found.rows] == [req.id]
    md = day.day(today_meeting.id)
    (a,) = md.attendees
    assert a.received and [i.tracking_code for i in a.issues] == [res.tracking_code]
    assert md.received_count == 1
    # The meeting's manager is reached through the meeting: the compliance counts the issue.
    slip = day.slip(res.request_id)
    assert (slip.tracking_code, slip.queue_no, slip.manager) == (res.tracking_code, 1,
                                                                  "حمیدرضا قاسم‌زاده")


def test_directive_becomes_a_referral_with_agency_and_deadline(services, op,
                                                                today_meeting) -> None:
    """The manager's directive is a directive referral; a bad one leaves no request behind."""
    day = day_service(services)
    att = day.add_walk_in(op, today_meeting.id, citizen(8), "روشنایی")
    water = agency_id(services, "شرکت آب و فاضلاب")
    bad = DirectiveInput(text="", agency_id=None, deadline=today_meeting.day)
    with pytest.raises(ValidationError) as err:
        day.raise_issue(op, att.id, "نشت لوله", directive=bad)
    assert set(err.value.errors) == {"directive.text", "directive.agency_id",
                                     "directive.deadline"}
    assert day.day(today_meeting.id).attendees[0].issues == ()
    deadline = today_meeting.day + timedelta(days=21)
    res = day.raise_issue(op, att.id, "نشت لوله", directive=DirectiveInput(
        "رفع نشتی تا پایان ماه و گزارش به استانداری", water, deadline))
    assert res.directive is not None and res.directive.open
    req = services.requests.get(res.request_id)
    (ref,) = req.referrals
    assert ref.directive and ref.agency_id == water and ref.status == ReferralStatus.OPEN
    assert ref.deadline <= deadline and ref.letter_date == today_meeting.day
    assert req.status == RequestStatus.AWAITING_AGENCY
    (issue,) = day.day(today_meeting.id).attendees[0].issues
    assert issue.directives[0].text == "رفع نشتی تا پایان ماه و گزارش به استانداری"
    slip = day.slip(res.request_id)
    assert slip.directive_agency == "شرکت آب و فاضلاب"
    # A second directive on the same issue, afterwards.
    second = day.issue_directive(op, req.id, req.version, DirectiveInput(
        "بررسی دوباره", agency_id(services, "شرکت گاز"), deadline, letter_no="۱۲/۳۴"))
    assert second.letter_no == "12/34"


def test_close_meeting_with_minutes_count_and_agencies(services, op, today_meeting) -> None:
    """Closing counts the received citizens (or a larger number given) and keeps the minutes."""
    day = day_service(services)
    for k in range(3):
        att = day.add_walk_in(op, today_meeting.id, citizen(20 + k), "")
        if k < 2:
            day.mark_received(op, att.id, att.version)
    mg = services.meetings
    with pytest.raises(ValidationError) as err:
        mg.close_meeting(op, today_meeting.id, today_meeting.version, "  ")
    assert "صورتجلسه" in err.value.errors["minutes"]
    with pytest.raises(ValidationError) as err:
        mg.close_meeting(op, today_meeting.id, today_meeting.version, "متن", citizens_received=1)
    assert "۲" in err.value.errors["citizens_received"]
    closed = mg.close_meeting(op, today_meeting.id, today_meeting.version, "صورتجلسهٔ دیدار",
                              "دستور رسیدگی صادر شد", "شرکت آب و فاضلاب، شرکت گاز")
    assert closed.status == MeetingStatus.HELD
    md = day.day(today_meeting.id).meeting
    assert (md.citizens_received, md.agencies_present) == (2, "شرکت آب و فاضلاب، شرکت گاز")
    with pytest.raises(ValidationError):  # a closed meeting takes no more walk-ins
        day.add_walk_in(op, today_meeting.id, citizen(30), "")


def test_marking_received_from_a_stale_queue_is_a_conflict(services, op, today_meeting) -> None:
    """Two desktops toggle the same queue entry: the second gets the conflict message."""
    from app.models.database import Database

    day = day_service(services)
    att = day.add_walk_in(op, today_meeting.id, citizen(40), "")
    other = Services.for_database(Database(services.db.url))
    try:
        day.mark_received(op, att.id, att.version)
        with pytest.raises(ConflictError):
            day_service(other).mark_received(op, att.id, att.version, received=False)
    finally:
        other.db.dispose()


def test_a_cancelled_or_future_meeting_takes_no_walk_ins(services, op) -> None:
    """Walk-ins only on the day; pre-registration ahead of it; nothing on a cancelled meeting."""
    m = manager(services)
    future = services.meetings.create_meeting(op, m, jalali.tehran_today() + timedelta(days=3),
                                              time(9), time(12), kind="one_off")
    day = day_service(services)
    with pytest.raises(ValidationError) as err:
        day.add_walk_in(op, future.id, citizen(50), "")
    assert "پیش‌ثبت‌نام" in err.value.errors["status"]
    day.pre_register(op, future.id, citizen(50), "")
    c = services.meetings.cancel_meeting(op, future.id, future.version, "لغو")
    assert c.status == MeetingStatus.CANCELLED
    with pytest.raises(ValidationError):
        day.pre_register(op, future.id, citizen(51), "")
