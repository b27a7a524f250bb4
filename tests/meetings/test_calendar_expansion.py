"""Weekly rules expanded into occurrences: Nowruz, the leap day of Esfand 1403, validity bounds."""

from __future__ import annotations

from datetime import date

from app.services.core import jalali
from app.services.meetings.calendar import Rule, expand_rules, first_on_or_after

J = jalali.parse_jalali_date
SAT, WED, THU = 0, 4, 5

# The fixed solar holidays around the turn of 1403/1404 (the editable table's usual content).
HOLIDAYS = {
    J("1403/12/29"): "روز ملی شدن صنعت نفت ایران",
    J("1404/01/01"): "جشن نوروز", J("1404/01/02"): "عیدنوروز", J("1404/01/03"): "عیدنوروز",
    J("1404/01/04"): "عیدنوروز", J("1404/01/12"): "روز جمهوری اسلامی",
    J("1404/01/13"): "روز طبیعت",
}


def _days(rule: Rule, start: str, end: str,
          holidays: dict | None = None) -> list[tuple[str, str | None]]:
    """(Jalali day, holiday name or None) of every occurrence."""
    return [(jalali.format_jalali(rd.day, persian_digits=False), rd.holiday)
            for rd in expand_rules([rule], J(start), J(end), holidays or {})]


def test_first_weekday_on_or_after() -> None:
    """Saturday is weekday 0; 1405/09/01 is a Sunday, so its Saturday is 1405/09/07."""
    assert jalali.weekday_name(J("1405/09/01")) == "یکشنبه"
    assert first_on_or_after(J("1405/09/01"), SAT) == J("1405/09/07")
    assert first_on_or_after(J("1405/09/07"), SAT) == J("1405/09/07")


def test_saturday_rule_across_nowruz() -> None:
    """The Saturday of Nowruz (1404/01/02) is an occurrence cancelled by the holiday."""
    rule = Rule(1, 1, SAT, J("1403/01/01"), None)
    assert _days(rule, "1403/12/15", "1404/01/20", HOLIDAYS) == [
        ("1403/12/18", None), ("1403/12/25", None), ("1404/01/02", "عیدنوروز"),
        ("1404/01/09", None), ("1404/01/16", None),
    ]


def test_wednesday_rule_loses_29_esfand_and_13_farvardin() -> None:
    """Two fixed holidays fall on Wednesdays at this turn of the year."""
    rule = Rule(1, 1, WED, J("1403/01/01"), None)
    got = _days(rule, "1403/12/20", "1404/01/20", HOLIDAYS)
    assert got == [("1403/12/22", None), ("1403/12/29", "روز ملی شدن صنعت نفت ایران"),
                   ("1404/01/06", None), ("1404/01/13", "روز طبیعت"), ("1404/01/20", None)]


def test_thursday_rule_reaches_30_esfand_of_leap_year_1403() -> None:
    """1403 is a leap year: Esfand has 30 days and its fifth Thursday is 1403/12/30."""
    assert jalali.is_leap_year(1403) and not jalali.is_leap_year(1404)
    rule = Rule(1, 1, THU, J("1403/01/01"), None)
    first, last = jalali.month_bounds(1403, 12)
    assert last == date(2025, 3, 20) == J("1403/12/30")
    got = [d for d, _ in _days(rule, "1403/12/01", "1404/01/10")]
    assert got == ["1403/12/02", "1403/12/09", "1403/12/16", "1403/12/23", "1403/12/30",
                   "1404/01/07"]
    # One year later Esfand has 29 days: the Thursdays step straight into Farvardin 1405.
    got = [d for d, _ in _days(rule, "1404/12/20", "1405/01/10")]
    assert got == ["1404/12/21", "1404/12/28", "1405/01/06"]
    assert all((jalali.to_jalali(J(d))[2] <= 29) for d in got if d.startswith("1404/12"))


def test_validity_bounds_valid_to_is_exclusive() -> None:
    """A rule holds from valid_from up to the day before valid_to."""
    rule = Rule(1, 1, SAT, J("1405/09/07"), J("1405/09/21"))
    assert [d for d, _ in _days(rule, "1405/09/01", "1405/09/30")] == ["1405/09/07",
                                                                        "1405/09/14"]


def test_many_rules_are_expanded_a_week_at_a_time() -> None:
    """Sixty rules over two years give one occurrence per rule and week, none on another weekday."""
    rules = [Rule(i, i, i % 6, J("1403/01/01"), None) for i in range(60)]
    out = expand_rules(rules, J("1403/01/01"), J("1404/12/29"), {})
    assert 60 * 104 <= len(out) <= 60 * 105
    assert all(jalali.weekday_index(rd.day) == rd.schedule_id % 6 for rd in out)
