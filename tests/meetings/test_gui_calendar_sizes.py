"""Every calendar screen and dialog shows its labels, buttons, tabs and headers whole, at the room
a maximised window has on a 1366×768 and on a 1920×1080 office monitor (issue 10, §3)."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QTabBar,
    QWidget,
)

from app.models.enums import MeetingKind
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.reference import agencies
from app.services.meetings.meeting_day import MeetingDayService
from app.services.requests.dto import CitizenInput
from app.views.calendar.calendar_page import CalendarPage
from app.views.calendar.calendar_toolbar import MONTH, WEEK
from app.views.calendar.close_meeting_dialog import CloseMeetingDialog
from app.views.calendar.issue_dialog import IssueDialog
from app.views.widgets.service_dialog import ServiceDialog
from tests.support.helpers import valid_nid
from tests.support.waits import WAIT_MS

# (page width, page height): the screen less the navigation column, title, menu and status bars.
SIZES = {"1366x768": (1366 - 200, 768 - 130), "1920x1080": (1920 - 200, 1080 - 130)}
SCREENS = {"1366x768": (1366, 768 - 40), "1920x1080": (1920, 1080 - 40)}


def cut_texts(top: QWidget) -> list[str]:
    """What is drawn cut or outside the window: labels, buttons, tabs, column headers."""
    problems: list[str] = []
    right = top.width()
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0:
            continue
        where = w.mapTo(top, QPoint(0, 0))
        if where.x() + w.width() > right + 1 or where.x() < -1:
            if isinstance(w, QLabel | QAbstractButton):
                problems.append(f"outside the window: {type(w).__name__} {_text(w)!r}")
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            if w.textFormat() != Qt.TextFormat.RichText:
                need = max(w.fontMetrics().horizontalAdvance(line)
                           for line in w.text().split("\n"))
                if need > w.contentsRect().width() + 1:
                    problems.append(f"label {w.text()!r}: {need} > {w.contentsRect().width()}")
        elif isinstance(w, QAbstractButton) and w.text():
            if w.sizeHint().width() > w.width() + 1:
                problems.append(f"button {w.text()!r}: {w.sizeHint().width()} > {w.width()}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.tabRect(i).width() < w.tabSizeHint(i).width() - 1:
                    problems.append(f"tab {w.tabText(i)!r}")
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            model = w.model()
            if model is None:
                continue
            fm = w.fontMetrics()
            for s in range(w.count()):
                title = model.headerData(s, Qt.Orientation.Horizontal)
                if not title or w.isSectionHidden(s):
                    continue
                need = max(fm.horizontalAdvance(line) for line in str(title).split("\n"))
                if w.sectionSize(s) < need + 6:
                    problems.append(f"header {title!r}: {w.sectionSize(s)} < {need + 6}")
    return problems


def _text(w: QWidget) -> str:
    return w.text() if isinstance(w, QLabel | QAbstractButton) else ""


@pytest.fixture
def page(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """The calendar page, shown, on the demo data."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    p = CalendarPage()
    qtbot.addWidget(p)
    p.resize(*SIZES["1366x768"])
    p.show()
    with qtbot.waitSignal(p.range_loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_page_is_whole_in_month_week_and_compliance(qtbot, page, size) -> None:
    """Month and week views, both side tabs: nothing cut, nothing past the right edge."""
    page.resize(*SIZES[size])
    for mode in (MONTH, WEEK):
        with qtbot.waitSignal(page.range_loaded, timeout=WAIT_MS):
            page.set_mode(mode)
        for tab in (0, 1):
            page.side.setCurrentIndex(tab)
            if tab == 1:
                qtbot.waitUntil(lambda: page.compliance_panel.model.rowCount() > 0,
                                timeout=WAIT_MS)
            _settle()
            assert cut_texts(page) == [], (size, mode, tab)


@pytest.mark.parametrize("size", list(SCREENS))
def test_every_calendar_dialog_is_whole_and_fits_the_screen(qtbot, page, gui_services, operator,
                                                             size) -> None:
    """Each form dialog (on ServiceDialog) and the meeting-day window, at its natural size."""
    page.resize(*SIZES[size])
    qtbot.waitUntil(lambda: bool(page.managers), timeout=WAIT_MS)
    occ = next(o for o in page.data.occurrences if o.actionable)
    dialogs: list[QDialog] = []
    for open_it in (page.edit_schedule, page.new_one_off, lambda: page.change(occ, "cancel"),
                    lambda: page.change(occ, "move")):
        open_it()
        dialogs.append(page.last_dialog)
    ags = agencies(gui_services.db)
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر اندازه", "مدیرکل", ags[4].id)
    meeting = gui_services.meetings.create_meeting(operator, mid, jalali.tehran_today(),
                                                   time(0), time(23, 59),
                                                   kind=MeetingKind.ONE_OFF)
    days = MeetingDayService(gui_services.db)
    attendee = days.add_walk_in(operator, meeting.id, CitizenInput(
        national_id=valid_nid("321321321"), first_name="مریم", last_name="احمدی"), "روشنایی")
    day = page.meeting_day_dialog(meeting.id)
    day.resize(SCREENS[size][0] - 40, SCREENS[size][1] - 40)
    qtbot.waitUntil(lambda: day.current is not None, timeout=WAIT_MS)
    issue = IssueDialog(days, operator, attendee, ags, ags[0].id, jalali.tehran_today(), day)
    issue.directive.setChecked(True)
    close = CloseMeetingDialog(gui_services.meetings, operator, day.current.meeting, 1, ags, day)
    dialogs += [issue, close]
    for d in dialogs:
        assert isinstance(d, ServiceDialog), type(d).__name__
    for d in [*dialogs, day]:
        qtbot.addWidget(d)
        d.show()
        _settle()
        screen_w, screen_h = SCREENS[size]
        assert d.width() <= screen_w and d.height() <= screen_h, (type(d).__name__, d.size())
        assert cut_texts(d) == [], type(d).__name__
        for b in d.findChildren(QAbstractButton):
            assert "Ctrl" not in b.text() and "Esc" not in b.text() and "Enter" not in b.text()
        d.hide()
