"""The calendar shades the office's own rest days and holidays, and follows a saved change."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from app.models.enums import Role
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.core.working_week.service import HolidayEdit, WorkingWeekChanges
from app.views.calendar.calendar_models import CELL_ROLE
from app.views.calendar.calendar_page import CalendarPage
from app.views.framework.bus import announce
from tests.support.waits import WAIT_MS

J = jalali.parse_jalali_date


@pytest.fixture
def page(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """The calendar page on Azar 1405 (the suite's today)."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    p = CalendarPage()
    p.resize(1300, 850)
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def _off_columns(page: CalendarPage) -> set[int]:
    """The weekday columns (0 = Saturday) shaded as rest days in every week of the month."""
    m = page.month_view.month_model
    return {c for c in range(7)
            if all(m.data(m.index(r, c), CELL_ROLE).rest for r in range(m.rowCount()))}


def test_thursdays_are_shaded_once_the_office_rests_on_them(qtbot, page, gui_services) -> None:
    assert _off_columns(page) == {6}  # Friday only
    assert not page.month_view.month_model.data(
        page.month_view.month_model.index_of(J("1405/09/11")), CELL_ROLE).off
    admin = actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))
    week = gui_services.working_week.read()
    gui_services.working_week.save(admin, WorkingWeekChanges(
        rest_weekdays=frozenset({jalali.THURSDAY, jalali.FRIDAY}), rest_expected=week.rest_value,
        holidays=(HolidayEdit(None, None, J("1405/09/11"), "تعطیل محلی"),)))
    # the settings screen announces its save; the open calendar reads the range again
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        announce({"settings": []})
    assert loaded.args[0].rest_weekdays == frozenset({jalali.THURSDAY, jalali.FRIDAY})
    assert _off_columns(page) == {5, 6}
    m = page.month_view.month_model
    cell = m.data(m.index_of(J("1405/09/11")), CELL_ROLE)
    assert cell.off and cell.holiday == "تعطیل محلی" and not cell.rest
    # the week view's Thursday header is drawn as a day off too
    wm = page.week_view.week_model
    wm.set_week(J("1405/09/08"))
    wm.set_range(loaded.args[0])
    assert [d.off for d in wm.days] == [False, False, False, False, True, True, True]
