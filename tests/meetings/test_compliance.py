"""Meeting-day compliance against a fixture whose figures were worked out by hand.

Quarter: زمستان ۱۴۰۳ (1403/10/01 Saturday – 1403/12/30 Thursday, the leap year's 30 Esfand).
Holiday table for the quarter (set by the test): 10/25 Tue, 11/08 Mon, 11/22 Mon, 12/29 Wed,
12/30 Thu.

A (governorate), Monday rule from before the quarter: 13 Mondays, 11/08 and 11/22 are holidays
-> 11 rule days. Held 10/03 10/10 10/17 10/24 11/01 11/15 11/29 12/06 (8), cancelled 12/13,
12/20 moved to Tuesday 12/21 and held, nothing on 12/27.
-> expected 11 - 1 = 10, held 9, cancelled 1, missed 1 (12/27).
Issues: three at 10/03 (received counted: 3), one at 10/10 closed with 5 citizens -> citizens 8,
issues 4; two directives, one answered -> directives 2, open 1.

B (water), Wednesday rule from 1403/11/01: Wednesdays 11/03 … 12/22 (8) and 12/29 (holiday).
Held 11/03 11/10 11/17 12/01 12/15, nothing on 11/24 12/08 12/22 -> expected 8, held 5, missed 3.
A provincial trip on 12/05 (Sunday) with 20 citizens and one issue: citizens 20, issues 1; a
trip is not a weekly day, so held stays 5.

C (governorate), Sunday rule replaced by a Tuesday rule from 1403/11/15: Sundays 10/02 … 11/14 (7)
and Tuesdays 11/16 … 12/28 (7) = 14 rule days; Tuesday 12/14 cancelled -> expected 13, held 13.
"""

from __future__ import annotations

from datetime import time

import pytest

from app.models.enums import MeetingKind, Role
from app.services.core import jalali
from app.services.meetings.calendar import CalendarFilter
from app.services.meetings.compliance import manager_rows
from app.services.meetings.dto import DirectiveInput
from tests.support.calendar_helpers import (
    J,
    citizen,
    compliance,
    day_service,
    manager,
    set_holidays,
    weekly,
)
from tests.support.helpers import agency_id, make_actor

MON, WED, SUN, TUE, SAT = 2, 4, 1, 3, 0
Q_START, Q_END = J("1403/10/01"), J("1403/12/30")


def _held(services, op, sch: int, jdate: str, citizens: int | None = None) -> int:  # noqa: ANN001
    m = services.meetings.open_occurrence(op, sch, J(jdate))
    services.meetings.close_meeting(op, m.id, m.version, "صورتجلسه", citizens_received=citizens)
    return m.id


@pytest.fixture
def winter_1403(services):  # noqa: ANN001, ANN201
    """The fixture of the module docstring; returns (operator, A, B, C)."""
    op = make_actor(services, "op", Role.OPERATOR)
    set_holidays(services.db, Q_START, Q_END, {
        J("1403/10/25"): "ولادت امام علی", J("1403/11/08"): "مبعث",
        J("1403/11/22"): "پیروزی انقلاب اسلامی", J("1403/12/29"): "روز ملی شدن صنعت نفت",
        J("1403/12/30"): "آخرین روز سال"})
    mg, day = services.meetings, day_service(services)
    a = manager(services, "احمد عباسی", "معاون توسعهٔ مدیریت و منابع")
    b = manager(services, "بهرام نوری", "مدیرعامل", agency="شرکت آب و فاضلاب")
    c = manager(services, "جواد کریمی", "معاون سیاسی، امنیتی و اجتماعی")
    # A
    sch_a = weekly(services, a, MON, "1403/09/01")
    first = None
    for jd in ("10/03", "10/10", "10/17", "10/24", "11/01", "11/15", "11/29", "12/06"):
        mid = services.meetings.open_occurrence(op, sch_a, J(f"1403/{jd}"))
        if jd == "10/03":
            first = mid
            atts = [day.add_walk_in(op, mid.id, citizen(k), "موضوع") for k in range(3)]
            r0 = day.raise_issue(op, atts[0].id, "آسفالت معابر", directive=DirectiveInput(
                "رسیدگی و گزارش", agency_id(services, "اداره کل راه و شهرسازی"),
                J("1403/10/30")))
            r1 = day.raise_issue(op, atts[1].id, "قطعی آب")
            day.raise_issue(op, atts[2].id, "گازکشی روستا")
            req1 = services.requests.get(r1.request_id)
            day.issue_directive(op, req1.id, req1.version, DirectiveInput(
                "اعزام کارشناس", agency_id(services, "شرکت آب و فاضلاب"), J("1403/11/10")))
            ref0 = services.requests.get(r0.request_id).referrals[0]
            services.referrals.record_response(op, ref0.id, ref0.version, "انجام شد",
                                               J("1403/10/20"))
            mg.close_meeting(op, mid.id, mid.version, "صورتجلسه")
        elif jd == "10/10":
            att = day.add_walk_in(op, mid.id, citizen(9), "")
            day.raise_issue(op, att.id, "مشکل بیمه")
            mg.close_meeting(op, mid.id, mid.version, "صورتجلسه", citizens_received=5)
        else:
            mg.close_meeting(op, mid.id, mid.version, "صورتجلسه")
    assert first is not None
    mg.cancel_occurrence(op, sch_a, J("1403/12/13"), "جلسهٔ شورای تأمین")
    moved = mg.move_occurrence(op, sch_a, J("1403/12/20"), J("1403/12/21"), time(9), time(12),
                               "سفر هیئت دولت")
    mg.close_meeting(op, moved.id, moved.version, "صورتجلسه")
    # B
    sch_b = weekly(services, b, WED, "1403/11/01")
    for jd in ("11/03", "11/10", "11/17", "12/01", "12/15"):
        _held(services, op, sch_b, f"1403/{jd}")
    trip = mg.create_meeting(op, b, J("1403/12/05"), time(10), time(13), kind=MeetingKind.TRIP,
                             title="سفر استانی به مراغه")
    att = day.add_walk_in(op, trip.id, citizen(30), "")
    day.raise_issue(op, att.id, "آب روستا")
    mg.close_meeting(op, trip.id, trip.version, "صورتجلسهٔ سفر", citizens_received=20)
    # C
    sch_sun = weekly(services, c, SUN, "1403/09/01")
    for jd in ("10/02", "10/09", "10/16", "10/23", "10/30", "11/07", "11/14"):
        _held(services, op, sch_sun, f"1403/{jd}")
    sch_tue = weekly(services, c, TUE, "1403/11/15")
    for jd in ("11/16", "11/23", "11/30", "12/07", "12/21", "12/28"):
        _held(services, op, sch_tue, f"1403/{jd}")
    mg.cancel_occurrence(op, sch_tue, J("1403/12/14"), "مرخصی استعلاجی")
    return op, a, b, c


def _row(rows, name: str):  # noqa: ANN001, ANN202
    return next(r for r in rows if r.manager == name)


def test_compliance_per_manager_matches_hand_computation(services, winter_1403) -> None:
    """Every figure of the module docstring, per manager."""
    summary = compliance(services).quarter(1403, 4)
    a, b, c = (_row(summary.managers, n) for n in ("احمد عباسی", "بهرام نوری", "جواد کریمی"))
    assert (a.expected, a.held, a.cancelled, a.missed) == (10, 9, 1, 1)
    assert a.missed_days == (J("1403/12/27"),)
    assert (a.citizens_received, a.issues_raised, a.directives_issued, a.directives_open) == (
        8, 4, 2, 1)
    assert (b.expected, b.held, b.cancelled, b.missed) == (8, 5, 0, 3)
    assert b.missed_days == (J("1403/11/24"), J("1403/12/08"), J("1403/12/22"))
    assert (b.citizens_received, b.issues_raised, b.directives_issued) == (20, 1, 0)
    assert (c.expected, c.held, c.cancelled, c.missed, c.missed_days) == (13, 13, 1, 0, ())
    assert [m.manager for m in summary.missed] == ["بهرام نوری", "احمد عباسی"]


def test_compliance_per_agency_sums_its_managers(services, winter_1403) -> None:
    """The governorate (A + C) and the water company (B), most missed days first."""
    agencies = compliance(services).quarter(1403, 4).agencies
    assert [(r.agency, r.managers, r.expected, r.held, r.cancelled, r.missed,
             r.citizens_received, r.issues_raised, r.directives_issued, r.directives_open)
            for r in agencies] == [
        ("شرکت آب و فاضلاب", 1, 8, 5, 0, 3, 20, 1, 0, 0),
        ("استانداری آذربایجان شرقی", 2, 23, 22, 2, 1, 8, 4, 2, 1),
    ]
    assert agencies[1].held_share == pytest.approx(22 / 23)


def test_a_month_and_filters(services, winter_1403) -> None:
    """Esfand 1403 alone; filters by agency and manager narrow the rows."""
    _op, a, b, _c = winter_1403
    esfand = compliance(services).month(1403, 12)
    ra = _row(esfand.managers, "احمد عباسی")
    assert (ra.expected, ra.held, ra.cancelled, ra.missed) == (3, 2, 1, 1)
    water = CalendarFilter(agency_id=agency_id(services, "شرکت آب و فاضلاب"))
    assert [m.manager for m in compliance(services).quarter(1403, 4, water).managers] == [
        "بهرام نوری"]
    assert [m.manager for m in compliance(services).quarter(
        1403, 4, CalendarFilter(manager_id=a)).managers] == ["احمد عباسی"]


def test_the_quarterly_report_uses_the_same_computation(services, winter_1403) -> None:
    """StatisticsService (the report) and the calendar panel give identical rows."""
    panel = compliance(services).quarter(1403, 4).managers
    assert services.stats.manager_compliance(Q_START, Q_END) == panel
    report = services.stats.quarterly_report(1403, 4)
    assert report.managers == panel


def test_a_rule_day_today_counts_only_once_recorded(services) -> None:
    """This morning's meeting is not 'missed' before it is held; past empty days are."""
    op = make_actor(services, "op", Role.OPERATOR)
    set_holidays(services.db, J("1405/08/20"), J("1405/09/10"), {})
    m = manager(services)
    sch = weekly(services, m, SAT, "1405/08/01")
    today = J("1405/09/07")  # a Saturday

    def rows():  # noqa: ANN202
        with services.db.read() as s:
            return manager_rows(s, J("1405/08/20"), J("1405/09/10"), J("1405/09/10"), today=today)

    (r,) = rows()
    assert (r.expected, r.held, r.missed_days) == (2, 0, (J("1405/08/23"), J("1405/08/30")))
    mt = services.meetings.open_occurrence(op, sch, today)
    services.meetings.close_meeting(op, mt.id, mt.version, "صورتجلسه")
    (r,) = rows()
    assert (r.expected, r.held, r.missed) == (3, 1, 2)
    assert jalali.weekday_index(today) == SAT
