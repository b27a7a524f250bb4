"""The report's one cut-off (the quarter's end), on every page, and a later print gives the same.

Quarter: پاییز ۱۴۰۴ (1404/07/01–1404/09/30). The suite's clock stands at 1405/09/07, long after.
"""

from __future__ import annotations

from datetime import datetime, time

from app.models.enums import Role
from app.services.core import jalali
from app.services.reports.pdf.formatting import change, point_change
from tests.support.helpers import agency_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date


def _at(jdate: str, hour: int = 10) -> datetime:
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(hour)))


def _fixture(services):  # noqa: ANN001, ANN202
    """Two referrals to the gas company: one answered in the quarter, one only after its end."""
    op = make_actor(services, "op", Role.OPERATOR)
    gas = agency_id(services, "شرکت گاز")
    a = register(services, op, received_at=_at("1404/08/01"), agency="شرکت گاز",
                 nid=valid_nid("300000001"))
    ref_a = services.referrals.refer(op, a.id, a.version, gas, "11/1", J("1404/08/03"))
    services.referrals.record_response(op, ref_a.id, ref_a.version, "انجام شد", J("1404/08/10"))
    # Referred on 09/01; its deadline (15 working days) passes on 09/19, inside the quarter;
    # the answer comes on 1404/10/05, after the quarter's end.
    b = register(services, op, received_at=_at("1404/09/01"), agency="شرکت گاز",
                 nid=valid_nid("300000002"))
    ref_b = services.referrals.refer(op, b.id, b.version, gas, "11/2", J("1404/09/01"))
    assert ref_b.deadline < J("1404/09/30")
    services.referrals.record_response(op, ref_b.id, ref_b.version, "دیر", J("1404/10/05"))
    return op


def test_an_answer_after_the_quarter_end_is_not_answered_on_any_page(services) -> None:
    """Summary, agency table and county table agree: the late letter is unanswered and overdue."""
    _fixture(services)
    rep = services.stats.quarterly_report(1404, 3)
    s = rep.summary
    assert rep.cut_off == J("1404/09/30") == s.as_of
    assert (s.referrals_total, s.referrals_answered, s.referrals_answered_on_time) == (2, 1, 1)
    assert s.on_time_share == 1.0
    assert s.overdue_at_end == 1  # the late letter, at the cut-off
    (gas,) = rep.agencies
    assert (gas.referred, gas.answered, gas.answered_on_time, gas.overdue_now) == (2, 1, 1, 1)
    assert gas.on_time_share == s.on_time_share
    assert s.referred == 2 and s.answered_directly == 0
    tabriz = next(c for c in rep.counties if c.received)
    assert (tabriz.received, tabriz.referred, tabriz.open) == (2, 2, 1)


def test_a_report_printed_later_gives_the_same_figures(services) -> None:
    """Printed a week after the quarter or a year after: every figure is the same."""
    _fixture(services)
    early = services.stats.quarterly_report(1404, 3, today=J("1404/10/02"))
    late = services.stats.quarterly_report(1404, 3, today=J("1405/09/07"))
    assert early.summary == late.summary and early.previous == late.previous
    assert early.agencies == late.agencies and early.counties == late.counties
    assert early.every_deep_rooted == late.every_deep_rooted


def test_a_quarter_still_running_is_cut_at_today(services) -> None:
    """Printed mid-quarter, the cut-off is that day: a deadline still ahead is not overdue."""
    _fixture(services)
    rep = services.stats.quarterly_report(1404, 3, today=J("1404/09/10"))
    assert rep.cut_off == J("1404/09/10")
    assert rep.summary.overdue_at_end == 0 and rep.summary.referrals_answered == 1


def test_percentage_changes_have_one_format() -> None:
    """Always one decimal: «٪۰٫۸» and «٪۲٫۰», never «٪۲»; percentage points the same."""
    assert change(1008, 1000) == "٪۰٫۸ افزایش"
    assert change(102, 100) == "٪۲٫۰ افزایش"
    assert change(97, 100) == "٪۳٫۰ کاهش"
    assert point_change(0.42, 0.40) == "۲٫۰ واحد درصد افزایش"
    assert point_change(0.398, 0.40) == "۰٫۲ واحد درصد کاهش"
