"""The meeting calendar page (تقویم دیدارها): month and week views, filters, the side panel.

Every database call runs through views.background; results that arrive after the user moved on
to another month are dropped (a generation counter).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError
from app.services.core import jalali
from app.services.core.context import Actor, can
from app.services.core.dto import RefItem
from app.services.meetings.dto import CalendarFilter, CalendarRange, ComplianceSummary, Occurrence
from app.services.registry import Services
from app.views import background
from app.views import words as common
from app.views.calendar import minutes_attachments, words
from app.views.calendar.calendar_models import month_title, short_day
from app.views.calendar.calendar_toolbar import MONTH, WEEK, CalendarToolbar
from app.views.calendar.change_dialog import CANCEL, MOVE, ChangeMeetingDialog
from app.views.calendar.compliance_panel import PERIOD_MONTH, CompliancePanel
from app.views.calendar.day_panel import DayPanel
from app.views.calendar.legend import AgencyLegend
from app.views.calendar.meeting_day_dialog import MeetingDayDialog
from app.views.calendar.meeting_dialog import MeetingDialog
from app.views.calendar.month_view import MonthView
from app.views.calendar.schedule_dialog import ScheduleDialog
from app.views.calendar.week_view import WeekView
from app.views.framework.bus import bus

if TYPE_CHECKING:
    from app.services.meetings.calendar import CalendarService
    from app.services.meetings.compliance import ComplianceService
    from app.services.meetings.meeting_day import MeetingDayService


class CalendarPage(QWidget):
    """تقویم دیدارها."""

    range_loaded = Signal(object)  # CalendarRange now on screen
    compliance_loaded = Signal(object)  # ComplianceSummary now in the panel
    day_selected = Signal(object)  # date
    meeting_changed = Signal(int)  # a meeting was created, cancelled, moved, run or closed
    # (every calendar write also goes out on the change bus: bus().meetings_changed)
    requests_changed = Signal()  # issues raised in a meeting were registered in the inbox

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.calendar: CalendarService | None = None
        self.compliance: ComplianceService | None = None
        self.days: MeetingDayService | None = None
        self.managers: list = []
        self.agencies: list[RefItem] = []
        self.counties: list[RefItem] = []
        self.data: CalendarRange | None = None
        self.last_dialog: QDialog | None = None
        self._gen = 0
        self._cgen = 0
        today = jalali.tehran_today()
        self.year, self.month = jalali.to_jalali(today)[:2]
        self.week_day = today
        self.selected_day: date = today
        self.mode = MONTH
        self._build()
        # Any page's meeting write (this one's too) refreshes what is on screen.
        self._reload_pending = False
        bus().meetings_changed.connect(self._meetings_changed_elsewhere)
        # The working week (rest days, holidays) changed: shading and compliance follow it.
        bus().settings_changed.connect(self._meetings_changed_elsewhere)
        self.month_view.month_model.set_month(self.year, self.month)
        self._set_enabled(False)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = CalendarToolbar()
        self.title, self.status = self.toolbar.title, self.toolbar.status
        self.legend = AgencyLegend()
        self.month_view = MonthView()
        self.week_view = WeekView()
        self.views = QStackedWidget()
        self.views.addWidget(self.month_view)
        self.views.addWidget(self.week_view)
        self.day_panel = DayPanel()
        self.compliance_panel = CompliancePanel()
        self.side = QTabWidget()
        self.side.addTab(self.day_panel, words.DAY_TAB)
        self.side.addTab(self.compliance_panel, words.COMPLIANCE_TAB)
        self.side.setMinimumWidth(380)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.views, 1)
        ll.addWidget(self.legend)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        tb = self.toolbar
        tb.mode_chosen.connect(self.set_mode)
        tb.step_requested.connect(self.step)
        tb.today_requested.connect(self.go_today)
        tb.filter_changed.connect(lambda _f: self.reload())
        tb.schedule_requested.connect(self.edit_schedule)
        tb.one_off_requested.connect(self.new_one_off)
        for view in (self.month_view, self.week_view):
            view.day_selected.connect(self._day_clicked)
        self.month_view.day_activated.connect(self._open_week)
        self.week_view.occurrence_clicked.connect(lambda o: self.day_panel.select_key(o.key))
        self.week_view.day_activated.connect(lambda _d: self.day_panel.open_selected())
        self.day_panel.open_requested.connect(self.open_meeting_day)
        self.day_panel.cancel_requested.connect(lambda o: self.change(o, CANCEL))
        self.day_panel.move_requested.connect(lambda o: self.change(o, MOVE))
        self.day_panel.reinstate_requested.connect(self.reinstate)
        self.compliance_panel.period_changed.connect(lambda _p: self.load_compliance())

    def _set_enabled(self, enabled: bool) -> None:
        writable = enabled and self.actor is not None and can(self.actor, "meeting.write")
        self.toolbar.set_enabled(enabled, writable)
        self.day_panel.can_write = writable

    # --- context --------------------------------------------------------------------------

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show this month."""
        self.services, self.actor = services, actor
        # The registry may carry these; otherwise they are built over the same database.
        self.calendar = services.calendar
        self.compliance = services.compliance
        self.days = services.meeting_day
        ref, cal = services.reference, self.calendar
        self._run(lambda: (cal.managers(), ref.agencies(), ref.counties(actor=actor)),
                  self._reference_loaded, self._load_failed)
        self._set_enabled(True)
        self.go_today()

    def _reference_loaded(self, lists: tuple) -> None:
        self.managers, self.agencies, self.counties = lists
        self.toolbar.set_lists(*lists)

    def current_filter(self) -> CalendarFilter:
        """The filter on screen."""
        return self.toolbar.filter()

    # --- navigation ---------------------------------------------------------------------------

    def set_mode(self, mode: int) -> None:
        """Switch between the month and the week view."""
        self.mode = mode
        self.toolbar.set_mode(mode)
        self.views.setCurrentIndex(mode)
        if mode == WEEK:
            self.show_week(self.selected_day)
        else:
            y, m, _ = jalali.to_jalali(self.selected_day)
            self.show_month(y, m)

    def show_month(self, year: int, month: int) -> None:
        """Show a Jalali month (the data arrives in the background)."""
        self.year, self.month = year, month
        self.month_view.month_model.set_month(year, month)
        first, last = jalali.month_bounds(year, month)
        if not first <= self.selected_day <= last:
            today = jalali.tehran_today()
            self.selected_day = today if first <= today <= last else first
        self.reload()

    def show_week(self, day: date) -> None:
        """Show the Saturday-to-Friday week of a day."""
        self.week_day = day
        self.selected_day = day
        self.year, self.month = jalali.to_jalali(day)[:2]
        self.week_view.set_week(day)
        self.reload()

    def _open_week(self, day: date) -> None:
        """A double-click on a day of the month opens its week."""
        self.selected_day = day
        self.set_mode(WEEK)

    def step(self, delta: int) -> None:
        """The previous (-1) or next (+1) month or week."""
        if self.mode == WEEK:
            self.show_week(self.week_view.week_model.saturday + timedelta(days=7 * delta))
            return
        y, m = self.year, self.month + delta
        if m < 1:
            y, m = y - 1, 12
        elif m > 12:
            y, m = y + 1, 1
        self.show_month(y, m)

    def go_today(self) -> None:
        """Back to today (its month or week)."""
        self.selected_day = jalali.tehran_today()
        self.set_mode(self.mode)

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the range on screen again, then the compliance panel."""
        if self.calendar is None:
            return
        self._gen += 1
        gen, cal, flt, actor = self._gen, self.calendar, self.current_filter(), self.actor
        if self.mode == WEEK:
            saturday = self.week_view.week_model.saturday
            self.title.setText(words.week_title(short_day(saturday),
                                                short_day(jalali.week_bounds(saturday)[1]),
                                                jalali.to_jalali(saturday)[0]))
            job = lambda: cal.week(saturday, flt, actor=actor)  # noqa: E731
        else:
            self.title.setText(month_title(self.year, self.month))
            y, m = self.year, self.month
            job = lambda: cal.month(y, m, flt, actor=actor)  # noqa: E731
        self.status.setText(words.LOADING)
        self._run(job, lambda r: self._loaded(gen, r), self._load_failed)
        self.load_compliance()

    def _loaded(self, gen: int, data: CalendarRange) -> None:
        if gen != self._gen:
            return  # the user has moved on; a newer load is on its way
        self.data = data
        if self.mode == WEEK:
            self.week_view.show_range(data)
            self.week_view.select_day(self.selected_day)
        else:
            self.month_view.month_model.set_range(data)
            self.month_view.select_day(self.selected_day)
        self.status.setText("")
        self._show_legend(data)
        self._show_day(self.selected_day)
        self.range_loaded.emit(data)

    def _load_failed(self, exc: Exception) -> None:
        self.status.setText(self._message(exc))

    @staticmethod
    def _message(exc: Exception) -> str:
        return exc.message if isinstance(exc, PolError) else common.UNEXPECTED_ERROR

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None]) -> None:
        """background.run with the answer dropped once the page is gone."""
        background.run(fn, on_done=on_done, on_error=on_error, owner=self)

    def _show_legend(self, data: CalendarRange) -> None:
        seen: dict[int, str] = {}
        for o in data.occurrences:
            seen.setdefault(o.agency_id, o.agency)
        self.legend.set_agencies(sorted(seen.items(), key=lambda kv: kv[1]))

    def load_compliance(self) -> None:
        """The compliance panel for the month or quarter on screen."""
        if self.compliance is None:
            return
        self._cgen += 1
        gen, svc, flt, actor = self._cgen, self.compliance, self.current_filter(), self.actor
        y, m = self.year, self.month
        if self.compliance_panel.current_period() == PERIOD_MONTH:
            title = month_title(y, m)
            job = lambda: svc.month(y, m, flt, actor=actor)  # noqa: E731
        else:
            q = (m - 1) // 3 + 1
            title = jalali.quarter_label(y, q)
            job = lambda: svc.quarter(y, q, flt, actor=actor)  # noqa: E731
        self.compliance_panel.show_loading()
        self._run(job, lambda s: self._compliance_loaded(gen, s, title),
                  lambda e: self.compliance_panel.show_error(self._message(e)))

    def _compliance_loaded(self, gen: int, summary: ComplianceSummary, title: str) -> None:
        if gen != self._cgen:
            return
        self.compliance_panel.show_summary(summary, title)
        self.compliance_loaded.emit(summary)

    # --- the day ------------------------------------------------------------------------------

    def _day_clicked(self, d: date) -> None:
        if d != self.selected_day:
            self.selected_day = d
            self._show_day(d)
            self.day_selected.emit(d)

    def _show_day(self, d: date, keep: str | None = None) -> None:
        if self.data is None:
            return
        keep = keep or (self.day_panel.selected().key if self.day_panel.selected() else None)
        occ = [o for o in self.data.occurrences if o.day == d]
        self.day_panel.show_day(d, occ, self.data.holidays.get(d), keep)

    # --- actions ------------------------------------------------------------------------------

    def open_meeting_day(self, o: Occurrence) -> None:
        """The meeting-day window of an occurrence (a rule's occurrence is opened first)."""
        if self.services is None or self.actor is None:
            return
        if o.meeting_id is not None:
            self._run_meeting_day(o.meeting_id)
            return
        if o.schedule_id is None or not can(self.actor, "meeting.write"):
            return
        mg, actor = self.services.meetings, self.actor
        self._run(lambda: mg.open_occurrence(actor, o.schedule_id, o.day),
                  lambda info: (self._written(info.id), self._run_meeting_day(info.id)),
                  self._action_failed)

    def meeting_day_dialog(self, meeting_id: int) -> MeetingDayDialog:
        """Build the meeting-day window (the page opens it modally)."""
        assert self.services is not None and self.actor is not None and self.days is not None
        dialog = MeetingDayDialog(self.services.meetings, self.days, self.actor, meeting_id,
                                  self.agencies, self)
        dialog.changed.connect(self._meeting_changed)
        minutes_attachments.install(dialog, self.services, self.actor)  # issue 13 §4
        self.last_dialog = dialog
        return dialog

    def _run_meeting_day(self, meeting_id: int) -> None:
        self.meeting_day_dialog(meeting_id).exec()

    def _meeting_changed(self, meeting_id: int) -> None:
        """Something was saved in the meeting-day window (a citizen, an issue, the minutes)."""
        self.requests_changed.emit()
        self._written(meeting_id)

    def _written(self, meeting_id: int) -> None:
        """The one place a calendar write is announced: here and on the change bus."""
        self.meeting_changed.emit(meeting_id)
        bus().meetings_changed.emit([meeting_id])

    def _meetings_changed_elsewhere(self, _ids: list) -> None:
        """A meeting changed (here or on another page): read the range on screen again.

        One write can be announced twice in the same turn of the event loop (by the form that
        saved it and by this page); the reload waits for the turn to end and runs once.
        """
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self._reload_once)

    def _reload_once(self) -> None:
        self._reload_pending = False
        self.reload()

    def change(self, o: Occurrence, mode: str) -> None:
        """Cancel or move an occurrence, with a reason."""
        if self.services is None or self.actor is None:
            return
        dialog = ChangeMeetingDialog(self.services.meetings, self.actor, o, mode, self)
        dialog.saved.connect(lambda info: self._written(info.id))
        self.last_dialog = dialog
        dialog.exec()

    def reinstate(self, o: Occurrence) -> None:
        """Undo a cancellation."""
        if self.services is None or self.actor is None or o.meeting_id is None:
            return
        mg, actor = self.services.meetings, self.actor
        self._run(lambda: mg.reinstate_meeting(actor, o.meeting_id, o.version),
                  lambda info: self._written(info.id), self._action_failed)

    def edit_schedule(self) -> None:
        """Set a manager's weekly meeting day."""
        if self.services is None or self.actor is None:
            return
        dialog = ScheduleDialog(self.services.meetings, self.actor, self.managers,
                                self.current_filter().manager_id, self)
        dialog.saved.connect(lambda _s: self._after_schedule())
        self.last_dialog = dialog
        dialog.exec()

    def _after_schedule(self) -> None:
        cal = self.calendar
        if cal is not None:
            self._run(cal.managers, lambda ms: self._reference_loaded(
                (ms, self.agencies, self.counties)), self._load_failed)
        bus().meetings_changed.emit([])

    def new_one_off(self) -> None:
        """Plan a provincial trip, a presidential-office visit or another one-off meeting."""
        if self.services is None or self.actor is None:
            return
        dialog = MeetingDialog(self.services.meetings, self.actor, self.managers, self.counties,
                               self.selected_day, self)
        dialog.saved.connect(lambda info: self._written(info.id))
        self.last_dialog = dialog
        dialog.exec()

    def _action_failed(self, exc: Exception) -> None:
        self.status.setText(self._message(exc))
        self.reload()
