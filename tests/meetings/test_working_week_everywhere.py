"""One change of the office's working week moves deadlines, the calendar, compliance and the
report alike (on SQLite and PostgreSQL).

Today is Saturday 1405/09/07 (the suite's clock). No official holiday falls in 1405/09/08–09/30.
Before: Friday is the only rest day. After: Thursday and Friday, and Tuesday 1405/09/10 is a
holiday «تعطیل آزمایشی».
- a request registered today: 10 working days -> 09/18 before, 09/22 after (Sun 08, Mon 09,
  Wed 11, Sat 14 … Wed 18, Sat 21, Sun 22);
- a referral with the agency's own period of 5 days: 09/15 after (08, 09, 11, 14, 15); the
  office default of 15 days before: 09/25;
- the calendar of Azar 1405 shades every Thursday (and 09/10);
- a manager whose weekly day is Thursday is expected on no day of Aban once Thursday rests;
- the quarterly report of summer 1405: the same manager's expected days drop to none, and an
  agency's mean working days to answer drop by the Thursdays between letter and answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.models.enums import Role
from app.services.core import jalali
from app.services.core.working_week.service import (
    AgencyPeriodEdit,
    HolidayEdit,
    WorkingWeekChanges,
    WorkingWeekService,
)
from app.services.meetings.calendar import WEEKLY_REST
from tests.support.calendar_helpers import J, manager, weekly
from tests.support.helpers import agency_id, make_actor, register

THU = 5  # Iranian weekday index (0 = Saturday)
AGENCY = "شرکت گاز"


def _summer_referral(services, op):  # noqa: ANN001, ANN202
    """A request of 1405/05/01 referred on 05/03 and answered on 05/17."""
    req = register(services, op, received_at=jalali.tehran_to_utc(
        datetime.combine(J("1405/05/01"), datetime.min.time()).replace(hour=9)), agency=AGENCY)
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services, AGENCY),
                                   "۱۲۳/الف", J("1405/05/03"), working_days=10)
    services.referrals.record_response(op, ref.id, ref.version, "انجام شد", J("1405/05/17"))


def _report(services):  # noqa: ANN001, ANN202
    report = services.stats.quarterly_report(1405, 2, today=J("1405/09/07"))
    mean = next(a.mean_working_days for a in report.agencies if a.agency == AGENCY)
    return report, mean


def test_the_working_week_drives_deadlines_calendar_compliance_and_report(services) -> None:
    admin = make_actor(services, "boss", Role.ADMIN)
    op = make_actor(services, "clerk", Role.OPERATOR)
    thursday_manager = manager(services, "رضا امینی", "معاون هماهنگی امور عمرانی")
    weekly(services, thursday_manager, THU, "1405/01/01")
    _summer_referral(services, op)
    ww = WorkingWeekService(services.db)

    # --- before ---
    before = register(services, op, subject="درخواست پیش از تغییر")
    assert before.deadline == J("1405/09/18")
    gas = agency_id(services, AGENCY)
    r_before = services.referrals.refer(op, before.id, before.version, gas, "۱/۱",
                                        J("1405/09/07"))
    assert r_before.deadline == J("1405/09/24")  # the office default, 15 working days
    aban = services.compliance.month(1405, 8, until=J("1405/09/07"))
    thursdays_aban = sum(1 for d in jalali.iter_days(*jalali.month_bounds(1405, 8))
                         if d.weekday() == jalali.THURSDAY)
    row = next(m for m in aban.managers if m.manager_id == thursday_manager)
    assert 0 < row.expected <= thursdays_aban
    report, mean_before = _report(services)
    expected_summer = next(m.expected for m in report.managers
                           if m.manager_id == thursday_manager)
    assert expected_summer > 0

    # --- the change, through the settings service ---
    week = ww.read()
    agency = next(a for a in week.agencies if a.id == gas)
    ww.save(admin, WorkingWeekChanges(
        rest_weekdays=frozenset({jalali.THURSDAY, jalali.FRIDAY}), rest_expected=week.rest_value,
        holidays=(HolidayEdit(None, None, J("1405/09/10"), "تعطیل آزمایشی"),),
        agencies=(AgencyPeriodEdit(gas, agency.version, "۵"),)))

    # deadlines
    after = register(services, op, subject="درخواست پس از تغییر")
    assert after.deadline == J("1405/09/22")
    r_after = services.referrals.refer(op, after.id, after.version, gas, "۱/۲", J("1405/09/07"))
    assert r_after.deadline == J("1405/09/15")  # the agency's own 5 working days

    # the calendar: the range says which weekdays rest, and a rule day on Thursday is off
    rng = services.calendar.month(1405, 9, today=J("1405/09/07"))
    assert rng.rest_weekdays == frozenset({jalali.THURSDAY, jalali.FRIDAY})
    assert rng.holidays[J("1405/09/10")] == "تعطیل آزمایشی"
    thursday_occ = [o for o in rng.occurrences if o.manager_id == thursday_manager]
    assert thursday_occ and all(o.reason == WEEKLY_REST for o in thursday_occ)

    # compliance: no Thursday is expected any more
    aban = services.compliance.month(1405, 8, until=J("1405/09/07"))
    assert all(m.expected == 0 for m in aban.managers if m.manager_id == thursday_manager)

    # the report: compliance and the working days to answer follow the same setting
    report, mean_after = _report(services)
    assert all(m.expected == 0 for m in report.managers if m.manager_id == thursday_manager)
    letter, answer = J("1405/05/03"), J("1405/05/17")
    thursdays = sum(1 for d in jalali.iter_days(letter + timedelta(days=1), answer)
                    if d.weekday() == jalali.THURSDAY
                    and not _is_holiday(services, d))
    assert thursdays == 2
    assert mean_before - mean_after == thursdays


def _is_holiday(services, d) -> bool:  # noqa: ANN001
    return d in services.calendar.range(d, d).holidays
