"""The calendar page through its real widgets: the Jalali month, the week, the side panel."""

from __future__ import annotations

from datetime import date, time

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialog

from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.reference import agencies
from app.services.meetings.calendar import CalendarFilter, CalendarService, OccurrenceState
from app.services.meetings.compliance import ComplianceService
from app.views.calendar.attendee_model import AttendeeTableModel
from app.views.calendar.calendar_models import CELL_ROLE, DayListModel, MonthModel, WeekModel
from app.views.calendar.calendar_page import CalendarPage
from app.views.calendar.calendar_toolbar import WEEK
from app.views.calendar.change_dialog import ChangeMeetingDialog
from app.views.calendar.compliance_model import ComplianceTableModel
from tests.support.waits import WAIT_MS

J = jalali.parse_jalali_date
TUESDAY = 3


@pytest.fixture
def page(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """The calendar page on the demo database, modal dialogs not blocking."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    p = CalendarPage()
    p.resize(1300, 850)
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def _show_month(qtbot, page: CalendarPage, year: int, month: int):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        page.show_month(year, month)
    return loaded.args[0]


def _cell(page: CalendarPage, row: int, col: int):  # noqa: ANN202
    m = page.month_view.month_model
    return m.data(m.index(row, col), CELL_ROLE)


def test_month_view_is_the_right_jalali_month_saturday_first(qtbot, page, gui_services) -> None:
    """آذر ۱۴۰۵ starts on a Sunday: the first row begins with Saturday 30 Aban, drawn rightmost."""
    mid = gui_services.meetings.add_manager(SYSTEM, "آزمون مدیری", "مدیر آزمون",
                                            agencies(gui_services.db)[3].id)
    gui_services.meetings.schedule_weekly_day(SYSTEM, mid, TUESDAY, time(10), time(11),
                                              valid_from=J("1405/01/01"))
    data = _show_month(qtbot, page, 1405, 9)
    model = page.month_view.month_model
    assert page.title.text() == "آذر ۱۴۰۵"
    assert [model.headerData(c, _h()) for c in range(7)] == list(jalali.WEEKDAY_NAMES)
    assert model.headerData(0, _h()) == "شنبه" and model.headerData(6, _h()) == "جمعه"
    first, second = _cell(page, 0, 0), _cell(page, 0, 1)
    assert (first.day, first.jalali_day, first.in_month) == (date(2026, 11, 21), 30, False)
    assert (second.day, second.jalali_day, second.in_month) == (J("1405/09/01"), 1, True)
    assert model.data(model.index(0, 1)) == "۱"
    last = model.index_of(J("1405/09/30"))
    assert (last.row(), last.column()) == (4, 2) and model.rowCount() == 5
    assert all(_cell(page, r, 6).rest and _cell(page, r, 6).day.weekday() == 4
               for r in range(model.rowCount()))
    # Right to left: Saturday's column is drawn to the right of Friday's.
    view = page.month_view
    assert view.columnViewportPosition(0) > view.columnViewportPosition(6)
    # The new manager's weekly day sits in the Tuesday column only, in every week.
    cols = {c for r in range(model.rowCount()) for c in range(7)
            if any(o.manager == "آزمون مدیری" for o in _cell(page, r, c).occurrences)}
    assert cols == {TUESDAY}
    assert sum(o.manager == "آزمون مدیری" for o in data.occurrences) == 5


def test_esfand_of_leap_year_1403_has_30_days_and_marks_holidays(qtbot, page) -> None:
    """The grid comes from Qt's Jalali calendar: 30 Esfand 1403 exists; 29 Esfand is a holiday."""
    _show_month(qtbot, page, 1403, 12)
    model = page.month_view.month_model
    in_month = [c for c in model.cells if c.in_month]
    assert len(in_month) == 30 and in_month[-1].day == date(2025, 3, 20)
    assert in_month[0].day == date(2025, 2, 19) and model.index_of(in_month[0].day).column() == 4
    esfand_29 = next(c for c in in_month if c.jalali_day == 29)
    assert esfand_29.holiday and esfand_29.off
    _show_month(qtbot, page, 1404, 12)
    assert sum(c.in_month for c in page.month_view.month_model.cells) == 29


def test_week_view_and_the_day_panel(qtbot, page, gui_services) -> None:
    """The week runs Saturday to Friday; selecting a day lists its meetings in the side panel."""
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS):
        page.show_week(J("1405/09/10"))
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        page.set_mode(WEEK)
    week = page.week_view.week_model
    assert week.saturday == J("1405/09/07")
    assert week.headerData(0, _h()) == "شنبه\n۷ آذر"
    assert week.headerData(6, _h()).startswith("جمعه")
    data = loaded.args[0]
    busiest = max(jalali.iter_days(data.start, data.end),
                  key=lambda d: sum(o.day == d for o in data.occurrences))
    page._day_clicked(busiest)  # noqa: SLF001 - what a click on that day does
    rows = page.day_panel.model.rows
    assert rows and [o.key for o in rows] == [o.key for o in data.occurrences if o.day == busiest]
    assert page.day_panel.title.text() == jalali.format_jalali_long(busiest, with_weekday=True)


def test_compliance_panel_shows_the_same_figures_as_the_service(qtbot, page, gui_services) -> None:
    """The panel's rows are services.compliance's rows for the quarter on screen."""
    with qtbot.waitSignal(page.compliance_loaded, timeout=WAIT_MS) as loaded:
        _show_month(qtbot, page, 1405, 8)
    summary = loaded.args[0]
    expected = ComplianceService(gui_services.db).quarter(1405, 3)
    assert summary.managers == expected.managers and summary.managers
    assert page.compliance_panel.model.rowCount() == len(expected.managers)
    assert "سه‌ماهه سوم ۱۴۰۵" in page.compliance_panel.heading.text()
    assert page.compliance_panel.missed.count() == len(expected.missed)


def test_filter_by_agency_narrows_the_calendar(qtbot, page, gui_services) -> None:
    """Choosing an agency shows only its managers' meetings."""
    _show_month(qtbot, page, 1405, 8)
    box = page.toolbar.agency_filter
    qtbot.waitUntil(lambda: box.count() > 1, timeout=WAIT_MS)
    some = next(o for o in page.data.occurrences)
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        box.setCurrentIndex(box.findData(some.agency_id))
    assert loaded.args[0].occurrences
    assert {o.agency_id for o in loaded.args[0].occurrences} == {some.agency_id}
    expected = CalendarService(gui_services.db).month(
        1405, 8, CalendarFilter(agency_id=some.agency_id))
    assert [o.key for o in loaded.args[0].occurrences] == [o.key for o in expected.occurrences]


def test_cancelling_an_occurrence_from_the_panel(qtbot, page, gui_services) -> None:
    """Cancel with a reason through the dialog; a stale second attempt gets the conflict message."""
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر لغو", "", agencies(gui_services.db)[1].id)
    gui_services.meetings.schedule_weekly_day(SYSTEM, mid, TUESDAY, time(10), time(11),
                                              valid_from=J("1405/01/01"))
    data = _show_month(qtbot, page, 1405, 11)
    occ = next(o for o in data.occurrences if o.manager == "مدیر لغو")
    page.change(occ, "cancel")
    dialog = page.last_dialog
    assert isinstance(dialog, ChangeMeetingDialog)
    dialog.submit()
    qtbot.waitUntil(lambda: "reason" in dialog.errors.visible(), timeout=WAIT_MS)
    assert "دلیل لغو" in dialog.errors.visible()["reason"]
    dialog.reason.setPlainText("سفر استانی استاندار")
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
            dialog.submit()
    now = next(o for o in loaded.args[0].occurrences if o.occurrence_day == occ.day
               and o.manager == "مدیر لغو")
    assert now.state == OccurrenceState.CANCELLED and now.reason == "سفر استانی استاندار"
    # The same (stale) occurrence from another desktop's screen: the conflict message, text kept.
    page.change(occ, "cancel")
    stale = page.last_dialog
    stale.reason.setPlainText("دلیل دیگر")
    stale.submit()
    qtbot.waitUntil(lambda: "رایانهٔ دیگری" in stale.general.text(), timeout=WAIT_MS)
    assert stale.reason.toPlainText() == "دلیل دیگر"


def test_closing_the_page_while_it_loads_is_harmless(qtbot, gui_services, operator) -> None:
    """Results that arrive after the page is gone are dropped, not shown in deleted widgets."""
    from app.views import background

    p = CalendarPage()
    p.set_context(gui_services, operator)
    p.show_month(1405, 7)
    p.deleteLater()
    qtbot.waitUntil(lambda: background.wait_all(100), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not shiboken6.isValid(p), timeout=WAIT_MS)
    QApplication.processEvents()  # the finished jobs' results arrive now: nothing may raise


def test_models_pass_qt_model_tester(qtmodeltester, qtbot, page, gui_services) -> None:
    """Every calendar model obeys Qt's model contract."""
    data = _show_month(qtbot, page, 1405, 8)
    qtmodeltester.check(page.month_view.month_model, force_py=True)
    week = WeekModel()
    week.set_week(J("1405/08/10"))
    week.set_range(CalendarService(gui_services.db).week(J("1405/08/10")))
    qtmodeltester.check(week, force_py=True)
    day = DayListModel()
    day.set_rows(data.occurrences[:5])
    qtmodeltester.check(day, force_py=True)
    comp = ComplianceTableModel()
    comp.set_summary(ComplianceService(gui_services.db).quarter(1405, 3), by_agency=True)
    qtmodeltester.check(comp, force_py=True)
    att = AttendeeTableModel()
    qtmodeltester.check(att, force_py=True)
    empty = MonthModel()
    empty.set_month(1405, 1)
    qtmodeltester.check(empty, force_py=True)


def _h():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_a_calendar_write_goes_out_on_the_change_bus_and_the_page_hears_others(
        qtbot, page, gui_services) -> None:
    """A cancel emits meetings_changed([id]); a change from another page reloads this one."""
    from app.views.framework.bus import bus

    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر گذرگاه", "", agencies(gui_services.db)[2].id)
    gui_services.meetings.schedule_weekly_day(SYSTEM, mid, TUESDAY, time(10), time(11),
                                              valid_from=J("1405/01/01"))
    data = _show_month(qtbot, page, 1405, 11)
    occ = next(o for o in data.occurrences if o.manager == "مدیر گذرگاه")
    page.change(occ, "cancel")
    dialog = page.last_dialog
    dialog.reason.setPlainText("مأموریت اداری")
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS):
        with qtbot.waitSignal(bus().meetings_changed, timeout=WAIT_MS) as heard:
            dialog.submit()
    (meeting_id,) = heard.args[0]
    assert meeting_id == dialog.result_info.id
    # Another page moved a meeting: the calendar reads its range again by itself.
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS):
        bus().meetings_changed.emit([meeting_id])


def test_persian_prose_fields_are_right_to_left(qtbot, page, gui_services) -> None:
    """Reasons, minutes, issue bodies and directives lay out from the right (defect 2)."""
    from PySide6.QtCore import Qt

    from app.views.widgets.text_edit import PersianTextEdit

    data = _show_month(qtbot, page, 1405, 9)
    occ = next(o for o in data.occurrences if o.actionable)
    for mode in ("cancel", "move"):
        page.change(occ, mode)
        box = page.last_dialog.reason
        assert isinstance(box, PersianTextEdit)
        option = box.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
        assert option.alignment() & Qt.AlignmentFlag.AlignRight
