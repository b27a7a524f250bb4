"""Defect 15 of issue 10, through the real widgets: what the week, the day panel, the month cells,
the legend and the meeting-day queue draw, measured against the room they have at 1366×768.
"""

from __future__ import annotations

import re
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDialog, QLabel

from app.models.enums import MeetingKind
from app.services.core import jalali, persian
from app.services.core.context import SYSTEM
from app.services.core.reference import agencies
from app.services.meetings.meeting_day import MeetingDayService
from app.services.requests.dto import CitizenInput
from app.views.calendar import words
from app.views.calendar.attendee_model import COL_STATE
from app.views.calendar.calendar_models import CELL_ROLE
from app.views.calendar.calendar_page import CalendarPage
from app.views.calendar.calendar_toolbar import WEEK
from app.views.calendar.day_delegate import (
    chip_head,
    chip_line,
    chip_text,
    holiday_lines,
    month_chip_line,
)
from app.views.calendar.meeting_day_dialog import MeetingDayDialog
from app.views.calendar.week_view import MIN_LANE_PX
from tests.support.helpers import valid_nid
from tests.support.waits import WAIT_MS

J = jalali.parse_jalali_date
WEDNESDAY = 4
# A maximised window on a 1366×768 monitor, less the navigation column, menu and status bars.
PAGE_1366 = (1366 - 200, 768 - 130)
TIME = re.compile(r"[۰-۹]{2}:[۰-۹]{2}")


@pytest.fixture
def manager(gui_services):  # noqa: ANN001, ANN201
    """A manager whose weekly day is Wednesday 09:00–12:00 (and no one else's meetings)."""
    ags = agencies(gui_services.db)
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر سه‌ساعته", "مدیرکل", ags[5].id)
    gui_services.meetings.schedule_weekly_day(SYSTEM, mid, WEDNESDAY, time(9), time(12),
                                              valid_from=J("1405/01/01"))
    return mid


@pytest.fixture
def page(qtbot, gui_services, operator, manager, monkeypatch):  # noqa: ANN001, ANN201
    """The calendar page at the room a maximised 1366×768 window gives it."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    p = CalendarPage()
    p.resize(*PAGE_1366)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def _week(qtbot, page: CalendarPage, day):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        page.selected_day = day
        page.set_mode(WEEK)
    return loaded.args[0]


def _only(qtbot, page: CalendarPage, manager_id: int) -> None:
    box = page.toolbar.manager_filter
    qtbot.waitUntil(lambda: box.findData(manager_id) > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS):
        box.setCurrentIndex(box.findData(manager_id))


def test_a_meeting_from_nine_to_twelve_covers_those_hour_rows(qtbot, page, manager) -> None:
    """The block starts at the top of the 09 row and ends at the bottom of the 11 row."""
    _only(qtbot, page, manager)
    _week(qtbot, page, J("1405/09/11"))
    view = page.week_view
    (block,) = view.blocks()
    model = view.week_model
    nine, eleven = model.hours.index(9), model.hours.index(11)
    assert abs(block.rect.top() - view.rowViewportPosition(nine)) <= 2
    bottom_of_eleven = view.rowViewportPosition(eleven) + view.rowHeight(eleven)
    assert abs(block.rect.bottom() - bottom_of_eleven) <= 3
    assert block.rect.height() >= 3 * view.rowHeight(nine) - 4
    # It sits in Wednesday's column, and its first line is its hours.
    col = (J("1405/09/11") - model.saturday).days
    assert view.columnViewportPosition(col) <= block.rect.center().x() < (
        view.columnViewportPosition(col) + view.columnWidth(col))
    assert block.lines[0] == words.time_range(time(9), time(12)) == "۰۹:۰۰ تا ۱۲:۰۰"
    # Every hour row it crosses lists it (tooltips and screen readers).
    for h in (9, 10, 11):
        cell = model.data(model.index(model.hours.index(h), col), CELL_ROLE)
        assert [o.manager for o in cell.occurrences] == ["مدیر سه‌ساعته"]
    cell = model.data(model.index(model.hours.index(12), col), CELL_ROLE)
    assert cell.occurrences == []
    # A click on the block selects its day and, in the side panel, the meeting itself.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=block.rect.center())
    assert page.selected_day == block.occurrences[0].day
    assert page.day_panel.selected().key == block.occurrences[0].key


def test_every_block_of_a_busy_week_keeps_its_time(qtbot, page) -> None:
    """Crowded days (five managers at 09:00): each block still shows a time, never cut."""
    data = _week(qtbot, page, J("1405/09/01"))
    view = page.week_view
    blocks = view.blocks()
    assert len(blocks) >= 3 and data.occurrences
    font = QFont(view.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    fm = QFontMetrics(font)
    shown = set()
    for b in blocks:
        assert TIME.search(b.lines[0]), b.lines
        assert fm.horizontalAdvance(b.lines[0]) <= b.rect.width(), b.lines[0]
        shown.update(o.key for o in b.occurrences)
    assert shown == {o.key for o in data.occurrences}
    # Meetings share a block only when lanes would be too narrow; each is named on its own line
    # or counted in the last one.
    shared = [b for b in blocks if len(b.occurrences) > 1]
    assert shared
    for b in shared:
        assert b.rect.width() // len(b.occurrences) < MIN_LANE_PX
        # A name too long for the block goes on to a second line rather than being cut.
        named = list({id(o): o for o in b.owners if o is not None}.values())
        for o in named:
            own = " ".join(line for line, who in zip(b.lines, b.owners, strict=True) if who is o)
            assert o.manager in own and "…" not in own, b.lines
        more = b.lines[-1] if b.owners[-1] is None and len(b.lines) > 1 else ""
        counted = int(persian.to_latin_digits(re.sub(r"\D", "", more)) or 0) if more else 0
        assert len(named) + counted == len(b.occurrences), b.lines
    # A chip too narrow for the name keeps the time and shortens the name.
    o = data.occurrences[0]
    assert chip_line(o, fm, 60).find(words.hhmm(o.start)) >= 0
    # A month cell too narrow for the whole name shows the time and the family name whole.
    family = o.manager.split()[-1]
    width = fm.horizontalAdvance(chip_head(o) + family) + 2
    assert width < fm.horizontalAdvance(chip_text(o))
    assert month_chip_line(o, fm, width) == chip_head(o) + family


def test_hour_labels_are_whole(qtbot, page) -> None:
    """The hour column is as wide as the widest label in bold (the current row is bold)."""
    _week(qtbot, page, J("1405/09/01"))
    header = page.week_view.verticalHeader()
    font = QFont(header.font())
    font.setBold(True)
    fm = QFontMetrics(font)
    model = page.week_view.week_model
    for row in range(model.rowCount()):
        label = model.headerData(row, _v())
        assert TIME.fullmatch(label)
        assert fm.horizontalAdvance(label) + 8 <= header.width()


def test_day_panel_hours_read_in_order_and_whole(qtbot, page, manager) -> None:
    """«۰۹:۰۰ تا ۱۲:۰۰»: start first, both times whole in the column."""
    _only(qtbot, page, manager)
    page._day_clicked(J("1405/09/11"))  # noqa: SLF001 - what a click on that day does
    panel = page.day_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    text = panel.model.data(panel.model.index(0, 0))
    assert text == "۰۹:۰۰ تا ۱۲:۰۰"
    assert panel.empty.isHidden()
    fm = panel.table.fontMetrics()
    assert panel.table.horizontalHeader().sectionSize(0) >= fm.horizontalAdvance(text) + 8
    # The state is isolated right to left and every column header is whole.
    state = panel.model.data(panel.model.index(0, 2))
    assert state.startswith("\u2067") and state.endswith("\u2069")
    header = panel.table.horizontalHeader()
    for col, title in enumerate(words.DAY_COLUMNS):
        assert header.sectionSize(col) >= fm.horizontalAdvance(title) + 8
    # A day without meetings says so instead of showing an empty table.
    page._day_clicked(J("1405/09/12"))  # noqa: SLF001
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT_MS)
    assert not panel.empty.isHidden() and panel.empty.text() == words.NO_MEETINGS


def test_holiday_names_in_month_cells_are_wrapped_or_elided_with_a_tooltip(qtbot, page) -> None:
    """Nowruz month: each holiday in at most two lines; a shortened one is whole in the tooltip."""
    with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS) as loaded:
        page.show_month(1405, 1)
    data = loaded.args[0]
    assert data.holidays
    view = page.month_view
    font = QFont(view.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    fm = QFontMetrics(font)
    model = view.month_model
    for day, name in data.holidays.items():
        index = model.index_of(day)
        width = view.columnWidth(index.column()) - 8
        lines = holiday_lines(name, fm, width)
        assert 1 <= len(lines) <= 2
        assert all(fm.horizontalAdvance(line) <= width for line in lines)
        if " ".join(lines) != name:
            assert lines[-1].endswith("…")
            assert name in model.data(index, _tooltip_role())
    short = holiday_lines("عید نوروز", fm, 200)
    assert short == ["عید نوروز"]
    assert holiday_lines("رحلت حضرت امام خمینی و عید غدیر", fm,
                         fm.horizontalAdvance("رحلت حضرت امام") + 2) == [
        "رحلت حضرت امام", "خمینی و عید غدیر"]


def test_agency_legend_breaks_only_between_agencies(qtbot, page) -> None:
    """Each agency's name stays on one line, whole; the legend wraps between entries."""
    legend = page.legend
    qtbot.waitUntil(lambda: len(legend.entries) >= 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: legend.entries[0].width() > 0, timeout=WAIT_MS)
    names = legend.names()
    assert names == sorted(names) and len(set(names)) == len(names)
    area = legend.rect()
    for entry in legend.entries:
        label = entry.findChild(QLabel, "legendName")
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
        assert label.height() < 2 * label.fontMetrics().height()
        assert area.contains(entry.geometry()), (label.text(), entry.geometry(), area)


def test_meeting_day_state_keeps_both_brackets(qtbot, gui_services, operator,
                                               monkeypatch) -> None:
    """«در نوبت (پیش‌ثبت‌نام)»: isolated right to left, so the bracket closes; the column fits."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    ags = agencies(gui_services.db)
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر آینده", "", ags[1].id)
    future = jalali.tehran_today().replace(year=jalali.tehran_today().year + 1)
    meeting = gui_services.meetings.create_meeting(operator, mid, future, time(9), time(12),
                                                   kind=MeetingKind.ONE_OFF)
    days = MeetingDayService(gui_services.db)
    days.pre_register(operator, meeting.id, CitizenInput(national_id=valid_nid("123123123"),
                                                         first_name="زهرا", last_name="کریمی"),
                      "آب")
    d = MeetingDayDialog(gui_services.meetings, days, operator, meeting.id, ags)
    d.resize(1366 - 40, 768 - 80)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitSignal(d.loaded, timeout=WAIT_MS).wait()
    text = d.model.data(d.model.index(0, COL_STATE))
    assert text == "\u2067" + "در نوبت (پیش‌ثبت‌نام)" + "\u2069"
    fm = d.table.fontMetrics()
    assert d.table.horizontalHeader().sectionSize(COL_STATE) >= fm.horizontalAdvance(text)
    assert "(Enter)" not in d.form.add_button.text() and d.form.add_button.toolTip()


def _v():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.Orientation.Vertical


def _tooltip_role():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def pg_services(app, pg_url):  # noqa: ANN001, ANN201
    """Services over a fresh PostgreSQL database with a little demo data."""
    from datetime import date

    from app.demo.generator import DemoGenerator
    from app.models.database import Database
    from app.services.core.reference import prepare_database
    from app.services.registry import Services

    db = Database(pg_url)
    prepare_database(db)
    DemoGenerator(db, seed=4, today=date(2026, 11, 28)).run(80)
    yield Services.for_database(db)
    db.dispose()


def test_on_postgresql_the_week_and_a_cancel_through_the_page(qtbot, pg_services,
                                                              monkeypatch) -> None:
    """The same page on PostgreSQL: the block covers its hours; a cancel reaches the bus."""
    from app.models.enums import Role
    from app.services.core.users import actor_of
    from app.views.framework.bus import bus

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    clerk = actor_of(pg_services.users.add(SYSTEM, "clerk", "secret-1", Role.OPERATOR, "کارشناس"))
    ags = agencies(pg_services.db)
    mid = pg_services.meetings.add_manager(SYSTEM, "مدیر پستگرس", "", ags[3].id)
    pg_services.meetings.schedule_weekly_day(SYSTEM, mid, WEDNESDAY, time(9), time(12),
                                             valid_from=J("1405/01/01"))
    p = CalendarPage()
    p.resize(*PAGE_1366)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS):
        p.set_context(pg_services, clerk)
    _only(qtbot, p, mid)
    data = _week(qtbot, p, J("1405/09/11"))
    (block,) = p.week_view.blocks()
    assert block.lines[0] == "۰۹:۰۰ تا ۱۲:۰۰"
    assert block.rect.height() >= 3 * p.week_view.row_height() - 4
    (occ,) = data.occurrences
    p.change(occ, "cancel")
    dialog = p.last_dialog
    dialog.reason.setPlainText("جلسهٔ شورای استان")
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS) as loaded:
        with qtbot.waitSignal(bus().meetings_changed, timeout=WAIT_MS):
            dialog.submit()
    (now,) = loaded.args[0].occurrences
    assert now.state == "cancelled" and now.reason == "جلسهٔ شورای استان"


def test_clicking_a_meetings_own_block_selects_that_meeting(qtbot, page) -> None:
    """At 1920 pixels two meetings of a day sit side by side; a click picks the one under it."""
    page.resize(1920 - 200, 1080 - 130)
    _week(qtbot, page, J("1405/09/01"))
    view = page.week_view
    qtbot.waitUntil(lambda: any(len(b.occurrences) == 1 for b in view.blocks()), timeout=WAIT_MS)
    by_day: dict = {}
    for b in view.blocks():
        if len(b.occurrences) == 1:
            by_day.setdefault(b.occurrences[0].day, []).append(b)
    day, lanes = next((d, bs) for d, bs in by_day.items() if len(bs) >= 2)
    assert lanes[0].rect.intersected(lanes[1].rect).isEmpty()  # side by side, not on top
    for block in reversed(lanes):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=block.rect.center())
        assert page.selected_day == day
        assert page.day_panel.selected().key == block.occurrences[0].key


@pytest.mark.parametrize("state", ["held", "missed", "planned"])
def test_a_week_block_never_cuts_its_hours_even_with_a_state_mark(app, state: str) -> None:
    """#15: «✓ ۰۹:۰۰ تا ۱۲:۰۰» that does not fit a narrow block shows «✓ ۰۹:۰۰», whole."""
    from datetime import date, time

    from PySide6.QtGui import QFontMetrics

    from app.services.meetings.dto import Occurrence
    from app.views.calendar.day_delegate import STATE_MARKS
    from app.views.calendar.week_view import PAD, WeekView

    o = Occurrence(key="m1", meeting_id=1, version=1, schedule_id=None, manager_id=1,
                   manager="کریم زارعی", manager_title="", agency_id=1, agency="شهرداری تبریز",
                   county_id=None, kind="weekly", state=state,
                   day=date(2026, 11, 28), start=time(9), end=time(12), place="")
    fm = QFontMetrics(app.font())
    shortest = fm.horizontalAdvance(STATE_MARKS.get(o.state, "") + "۰۹:۰۰")
    for width in range(60, 240, 7):
        room = width - 2 * PAD - 4
        first = WeekView._single_lines(o, fm, width)[0]
        assert "۰۹:۰۰" in first
        if shortest <= room:
            assert fm.horizontalAdvance(first) <= room, (width, first)
    assert "۱۲:۰۰" in WeekView._single_lines(o, fm, 400)[0]
