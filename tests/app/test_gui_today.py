"""Widgets that start at «today» read the services' clock in Tehran, not the machine's date."""

from __future__ import annotations

from datetime import date, datetime

from app.services.core import clock
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.quarter_picker import QuarterPicker


def test_a_date_field_starts_at_the_clock_s_tehran_day(qtbot, app) -> None:  # noqa: ANN001
    """00:30 Tehran on 1405/09/08 (still 11-28 in UTC): the field shows 1405/09/08."""
    with clock.frozen(datetime(2026, 11, 28, 21, 0)):
        field = JalaliDateEdit()
        qtbot.addWidget(field)
        assert field.value() == date(2026, 11, 29)
        field.set_value(date(2026, 1, 1))
        field.set_value(None)
        assert field.value() == date(2026, 11, 29)


def test_the_quarter_picker_starts_at_the_last_finished_quarter_by_the_clock(qtbot, app) -> None:  # noqa: ANN001
    """23:50 Tehran on 1405/12/29 offers 1405 Q3; ten minutes later, 1405 Q4."""
    with clock.frozen(datetime(2027, 3, 20, 20, 20)):
        before = QuarterPicker()
    with clock.frozen(datetime(2027, 3, 20, 20, 30)):
        after = QuarterPicker()
    qtbot.addWidget(before)
    qtbot.addWidget(after)
    assert before.value() == (1405, 3) and after.value() == (1405, 4)
