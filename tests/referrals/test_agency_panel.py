"""The agency-performance panel against a small fixture worked out by hand, and its .xlsx.

Quarter: تابستان ۱۴۰۵ (1405/04/01–1405/06/31). Holidays inside it: 04/03-04, 05/13, 05/21-22,
05/30 (a Friday anyway), 06/08. Fridays are off; working days count (start, end].
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from openpyxl import load_workbook

from app.models.enums import AnswerGrade, FollowUpKind, Role
from app.services.core import jalali
from app.services.referrals.agency_export import HEADERS, write_agency_performance
from app.services.reports.statistics import working_day_counter
from tests.support.helpers import agency_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date


def _at(jdate: str) -> datetime:
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(9)))


@pytest.fixture
def summer(services):  # noqa: ANN001, ANN201
    """Water: two referrals of the quarter (one withdrawn, left out); gas: one, never answered."""
    op = make_actor(services, "op", Role.OPERATOR)
    sv = services
    water, gas = agency_id(sv), agency_id(sv, "شرکت گاز")

    def refer(agency: int, day: str, nid: str, days: int | None = None):  # noqa: ANN202
        r = register(sv, op, received_at=_at(day), nid=valid_nid(nid))
        return sv.referrals.refer(op, r.id, r.version, agency, "9/" + nid[-2:], J(day),
                                  working_days=days)

    # W1: 04/01 (Mon) + 10 working days -> 04/15; answered 04/10: Tue 04/02, Sat 04/06 .. Wed
    #     04/10 = 6 working days, on time.
    w1 = refer(water, "1405/04/01", "100000001", 10)
    assert w1.deadline == J("1405/04/15")
    sv.referrals.record_response(op, w1.id, w1.version, "رفع شد", J("1405/04/10"))
    # W2: 05/10 (Sat) + 5 -> 05/17, extended by 2 -> 05/19; answered inadequately on 05/25:
    #     05/11, 12, 14, 15, 17, 18, 19, 20, 24, 25 = 10 working days, late; still open.
    w2 = refer(water, "1405/05/10", "100000002", 5)
    assert w2.deadline == J("1405/05/17")
    w2 = sv.referrals.extend(op, w2.id, w2.version, 2, "درخواست دستگاه")
    assert w2.deadline == J("1405/05/19")
    sv.referrals.add_follow_up(op, w2.id, FollowUpKind.PHONE, J("1405/05/20"))
    sv.referrals.add_follow_up(op, w2.id, FollowUpKind.LETTER, J("1405/05/21"))
    w2 = sv.referrals.record_response(op, w2.id, w2.version, "در دست اقدام", J("1405/05/25"),
                                      grade=AnswerGrade.INADEQUATE)
    sv.referrals.escalate(op, w2.id, w2.version, "پاسخ ناکافی پس از تمدید")
    # W3: withdrawn: counted nowhere.
    w3 = refer(water, "1405/06/01", "100000003")
    sv.referrals.withdraw(op, w3.id, w3.version, "ارجاع اشتباه")
    # G1: 06/21, never answered; its deadline (1405/07/07) has passed.
    refer(gas, "1405/06/21", "100000004")
    # G2: the quarter before: not in this period.
    refer(gas, "1405/03/31", "100000005")
    return jalali.quarter_bounds(1405, 2)


def test_panel_numbers_match_the_hand_computation(services, summer) -> None:
    """Referred, answered, on time, median and mean days, overdue, inadequate, the rest."""
    rows = {a.agency: a for a in services.stats.agency_performance(*summer)}
    assert set(rows) == {"شرکت آب و فاضلاب", "شرکت گاز"}
    water, gas = rows["شرکت آب و فاضلاب"], rows["شرکت گاز"]
    assert (water.referred, water.answered, water.answered_on_time) == (2, 2, 1)
    assert water.on_time_share == 0.5
    assert water.median_working_days == 8.0 and water.mean_working_days == 8.0
    assert (water.overdue_now, water.inadequate, water.extensions) == (1, 1, 1)
    assert (water.follow_ups, water.escalated) == (2, 1)
    assert water.agency_id == agency_id(services)
    assert (gas.referred, gas.answered, gas.overdue_now, gas.median_working_days) == (
        1, 0, 1, None)
    assert (gas.extensions, gas.follow_ups, gas.escalated) == (0, 0, 0)


def test_panel_exports_to_xlsx(services, summer, tmp_path) -> None:
    """The workbook is right-to-left, one line per agency, numbers as numbers."""
    rows = services.stats.agency_performance(*summer)
    out = tmp_path / "agencies.xlsx"
    assert write_agency_performance(rows, *summer, out) == 2
    ws = load_workbook(out).active
    assert ws.sheet_view.rightToLeft
    assert [c.value for c in ws[1]] == HEADERS
    lines = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert lines["شرکت آب و فاضلاب"][1:5] == (2, 2, 1, 50.0)
    assert lines["شرکت گاز"][4] is None and lines["شرکت گاز"][7] == 1


def test_working_day_counter_agrees_with_the_calendar(services) -> None:
    """The running count used by the panel gives exactly the calendar's working days."""
    from app.services.core import reference

    cal = reference.work_calendar(services.db)
    days = [J("1404/12/20"), J("1405/01/15"), J("1405/02/01"), J("1404/11/01"), J("1405/01/01")]
    between = working_day_counter(cal, days)
    for a in days:
        for b in days:
            assert between(a, b) == cal.working_days_between(a, b), (a, b)
    assert between(J("1403/01/01"), J("1405/01/01")) == cal.working_days_between(
        J("1403/01/01"), J("1405/01/01"))
