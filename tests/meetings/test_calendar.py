"""The calendar on both databases: occurrences, holidays, cancellations, moves, one-offs."""

from __future__ import annotations

from datetime import time

import pytest

from app.errors import ConflictError, ValidationError
from app.models.database import Database
from app.models.enums import MeetingKind, MeetingStatus, Role
from app.services.core import jalali
from app.services.meetings.calendar import CalendarFilter, OccurrenceState
from app.services.registry import Services
from tests.support.calendar_helpers import J, calendar, manager, set_holidays, weekly
from tests.support.helpers import agency_id, county_id, make_actor

SAT, MON, WED, THU = 0, 2, 4, 5


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """An operator."""
    return make_actor(services, "op", Role.OPERATOR)


def _states(services, start: str, end: str, flt=None) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """(Jalali day, manager, state) of every calendar entry in a range."""
    rng = calendar(services).range(J(start), J(end), flt)
    return [(jalali.format_jalali(o.day, False), o.manager, o.state) for o in rng.occurrences]


def test_nowruz_occurrence_is_shown_cancelled_by_the_holiday(services) -> None:
    """A Saturday rule over Nowruz 1404: 1404/01/02 is a holiday, named as the reason."""
    set_holidays(services.db, J("1404/01/01"), J("1404/01/31"),
                 {J("1404/01/01"): "جشن نوروز", J("1404/01/02"): "عیدنوروز"})
    m = manager(services)
    weekly(services, m, SAT, "1403/12/01")
    rng = calendar(services).range(J("1403/12/20"), J("1404/01/10"))
    got = [(jalali.format_jalali(o.day, False), o.state, o.reason) for o in rng.occurrences]
    assert got == [("1403/12/25", "missed", ""), ("1404/01/02", "holiday", "عیدنوروز"),
                   ("1404/01/09", "missed", "")]
    assert rng.holidays[J("1404/01/01")] == "جشن نوروز"
    assert not rng.occurrences[1].actionable
    # The holiday occurrence cannot be opened as if it were a working day.
    with pytest.raises(ValidationError) as err:
        services.meetings.open_occurrence(make_actor(services, "o2"),
                                          rng.occurrences[1].schedule_id, J("1404/01/02"))
    assert "تعطیل رسمی" in err.value.errors["day"]


def test_thursday_rule_falls_on_30_esfand_1403(services) -> None:
    """Leap-year Esfand: the calendar has 1403/12/30, and the rule's occurrence on it."""
    set_holidays(services.db, J("1403/12/01"), J("1404/01/15"), {J("1404/01/01"): "جشن نوروز"})
    m = manager(services)
    weekly(services, m, THU, "1403/11/01")
    rng = calendar(services).month(1403, 12)
    # The month view's range covers whole weeks, Saturday to Friday.
    assert jalali.weekday_index(rng.start) == 0 and jalali.weekday_index(rng.end) == 6
    assert rng.start <= J("1403/12/01") and rng.end >= J("1403/12/30")
    thursdays = [jalali.format_jalali(o.day, False) for o in rng.occurrences]
    assert "1403/12/30" in thursdays and thursdays[-1] == "1403/12/30"


def test_cancel_and_move_single_occurrences_with_reasons(services, op) -> None:
    """Cancelling needs a reason; a moved occurrence shows on its new day and marks the old one."""
    set_holidays(services.db, J("1405/08/01"), J("1405/08/30"), {})
    m = manager(services)
    sch = weekly(services, m, MON, "1405/07/01")
    mg = services.meetings
    with pytest.raises(ValidationError) as err:
        mg.cancel_occurrence(op, sch, J("1405/08/04"), "  ")
    assert "دلیل لغو" in err.value.errors["reason"]
    mg.cancel_occurrence(op, sch, J("1405/08/04"), "مأموریت خارج از استان")
    moved = mg.move_occurrence(op, sch, J("1405/08/11"), J("1405/08/12"), time(10), time(12),
                               "جلسهٔ شورای تأمین")
    assert (moved.day, moved.occurrence_day) == (J("1405/08/12"), J("1405/08/11"))
    rng = calendar(services).range(J("1405/08/04"), J("1405/08/12"))
    got = [(jalali.format_jalali(o.day, False), o.state, o.reason) for o in rng.occurrences]
    assert got == [("1405/08/04", "cancelled", "مأموریت خارج از استان"),
                   ("1405/08/11", "moved", "جلسهٔ شورای تأمین"),
                   ("1405/08/12", "unclosed", "جلسهٔ شورای تأمین")]
    marker = rng.occurrences[1]
    assert marker.moved_to == J("1405/08/12") and marker.meeting_id is None
    assert rng.occurrences[2].start == time(10)
    # Moving or cancelling the same occurrence from a stale calendar is a conflict.
    with pytest.raises(ConflictError):
        mg.cancel_occurrence(op, sch, J("1405/08/11"), "دوباره")


def test_one_off_meetings_trip_and_presidential_visit(services, op) -> None:
    """One-off meetings appear beside the weekly ones, with their kind and title."""
    m = manager(services)
    mg = services.meetings
    trip = mg.create_meeting(op, m, J("1405/10/06"), time(14), time(17), kind=MeetingKind.TRIP,
                             place="فرمانداری اهر", county_id=county_id(services, "اهر"),
                             title="سفر استانی به شهرستان اهر")
    visit = mg.create_meeting(op, m, J("1405/10/07"), time(10), time(12),
                              kind=MeetingKind.PRESIDENTIAL)
    rng = calendar(services).range(J("1405/10/01"), J("1405/10/07"))
    kinds = {o.meeting_id: (o.kind_label, o.title, o.county_id) for o in rng.occurrences}
    assert kinds[trip.id] == ("سفر استانی", "سفر استانی به شهرستان اهر",
                              county_id(services, "اهر"))
    assert kinds[visit.id][0] == "دیدار نماینده نهاد ریاست جمهوری"
    assert trip.schedule_id is None and trip.occurrence_day is None


def test_filters_by_manager_agency_and_county(services) -> None:
    """Each filter narrows the calendar to the matching managers' meetings."""
    set_holidays(services.db, J("1405/10/01"), J("1405/10/07"), {})
    a = manager(services, "احمد", agency="استانداری آذربایجان شرقی", county="تبریز")
    b = manager(services, "بهرام", "مدیرعامل", agency="شرکت آب و فاضلاب", county="مراغه")
    weekly(services, a, SAT, "1405/01/01")
    weekly(services, b, MON, "1405/01/01")
    everyone = _states(services, "1405/10/01", "1405/10/07")
    assert [x[1] for x in everyone] == ["احمد", "بهرام"]
    assert [x[1] for x in _states(services, "1405/10/01", "1405/10/07",
                                  CalendarFilter(manager_id=b))] == ["بهرام"]
    water = CalendarFilter(agency_id=agency_id(services, "شرکت آب و فاضلاب"))
    assert [x[1] for x in _states(services, "1405/10/01", "1405/10/07", water)] == ["بهرام"]
    tabriz = CalendarFilter(county_id=county_id(services, "تبریز"))
    assert [x[1] for x in _states(services, "1405/10/01", "1405/10/07", tabriz)] == ["احمد"]


def test_weekly_meeting_on_the_rule_day_is_its_occurrence(services, op) -> None:
    """create_meeting of kind weekly on the rule's day links to the rule (no duplicate entry)."""
    set_holidays(services.db, J("1405/08/01"), J("1405/08/30"), {})
    m = manager(services)
    sch = weekly(services, m, SAT, "1405/07/01")
    info = services.meetings.create_meeting(op, m, J("1405/08/02"), time(9), time(12))
    assert (info.schedule_id, info.occurrence_day) == (sch, J("1405/08/02"))
    same = services.meetings.open_occurrence(op, sch, J("1405/08/02"))
    assert same.id == info.id
    rng = calendar(services).range(J("1405/08/02"), J("1405/08/02"))
    assert [o.key for o in rng.occurrences] == [f"m{info.id}"]


def test_bad_input_gets_persian_messages_by_field(services, op) -> None:
    """End before start, a rule with no weekday, no manager: one message per field."""
    m = manager(services)
    mg = services.meetings
    with pytest.raises(ValidationError) as err:
        mg.create_meeting(op, m, J("1405/09/10"), time(12), time(9))
    assert err.value.errors == {"end_time": "ساعت پایان باید پس از ساعت شروع باشد."}
    with pytest.raises(ValidationError) as err:
        mg.schedule_weekly_day(op, m, None, time(9), time(12))
    assert err.value.errors["weekday"] == "روز هفته را انتخاب کنید."
    with pytest.raises(ValidationError) as err:
        mg.schedule_weekly_day(op, None, 6, time(12), time(12))
    assert set(err.value.errors) == {"manager_id", "weekday", "end_time"}
    assert "جمعه" in err.value.errors["weekday"]
    with pytest.raises(ValidationError) as err:
        mg.move_occurrence(op, weekly(services, m, SAT, "1405/01/01"), J("1405/09/14"),
                           None, time(9), time(8), "")
    assert set(err.value.errors) == {"day", "end_time", "reason"}


def test_replacing_the_weekly_day_ends_the_old_rule(services, op) -> None:
    """A new weekly day from a date ends the old rule there; the calendar follows."""
    set_holidays(services.db, J("1405/08/01"), J("1405/08/30"), {})
    m = manager(services)
    weekly(services, m, SAT, "1405/01/01")
    services.meetings.schedule_weekly_day(op, m, WED, time(9), time(12), "",
                                          valid_from=J("1405/08/15"))
    days = [(d, s) for d, _, s in _states(services, "1405/08/01", "1405/08/30")]
    assert [d for d, _ in days] == ["1405/08/02", "1405/08/09", "1405/08/20", "1405/08/27"]
    assert [s.weekday_label for s in services.meetings.schedules(m, J("1405/08/20"))] == [
        "چهارشنبه"]


def test_editing_a_meeting_another_desktop_changed_is_a_conflict(services, op) -> None:
    """Desktop 2 moves a meeting desktop 1 has just cancelled: the conflict message, no change."""
    m = manager(services)
    info = services.meetings.create_meeting(op, m, J("1405/10/06"), time(9), time(12),
                                            kind=MeetingKind.ONE_OFF)
    other = Services.for_database(Database(services.db.url))
    try:
        services.meetings.cancel_meeting(op, info.id, info.version, "تغییر برنامه")
        with pytest.raises(ConflictError) as err:
            other.meetings.move_meeting(op, info.id, info.version, J("1405/10/07"), time(9),
                                        time(12), "جابه‌جایی")
        assert "رایانهٔ دیگری" in err.value.message
    finally:
        other.db.dispose()
    rng = calendar(services).range(J("1405/10/06"), J("1405/10/07"))
    assert [(o.day, o.state) for o in rng.occurrences] == [(J("1405/10/06"),
                                                             OccurrenceState.CANCELLED)]


def test_reinstating_a_cancelled_meeting(services, op) -> None:
    """A cancellation can be undone while the hour is still free."""
    m = manager(services)
    info = services.meetings.create_meeting(op, m, J("1405/10/04"), time(9), time(12),
                                            kind=MeetingKind.ONE_OFF)
    c = services.meetings.cancel_meeting(op, info.id, info.version, "اشتباه")
    back = services.meetings.reinstate_meeting(op, c.id, c.version)
    assert back.status == MeetingStatus.PLANNED and back.cancel_reason == ""


def test_ending_a_weekly_day_stops_its_occurrences(services, op) -> None:
    """A manager who stops holding the meeting: no occurrences after the last day."""
    set_holidays(services.db, J("1405/08/01"), J("1405/08/30"), {})
    m = manager(services)
    weekly(services, m, SAT, "1405/01/01")
    (rule,) = services.meetings.schedules(m, J("1405/08/01"))
    services.meetings.end_weekly_day(op, rule.id, rule.version, J("1405/08/16"))
    days = [d for d, _, _ in _states(services, "1405/08/01", "1405/08/30")]
    assert days == ["1405/08/02", "1405/08/09", "1405/08/16"]
    with pytest.raises(ConflictError):
        services.meetings.end_weekly_day(op, rule.id, rule.version, J("1405/08/23"))
