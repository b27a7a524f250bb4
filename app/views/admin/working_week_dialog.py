"""The office's working week (administrators): rest days, holidays, agencies' answer periods.

Everything the administrator changes stays a draft on screen until «ذخیره»; one save sends it
all to the service. A refused save (bad input, another desk's change) keeps every draft and
says why in Persian; a saved one goes out on the change bus so the open calendar, inbox and
tracker count with the new week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, ValidationError
from app.services.core.context import Actor, can
from app.services.core.working_week.dto import (
    WorkingWeek,
    WorkingWeekChanges,
    agency_key,
    holiday_key,
)
from app.views import background, geometry, style
from app.views import words as app_words
from app.views.admin import words
from app.views.admin.agency_periods_tab import AgencyPeriodsTab
from app.views.admin.holidays_tab import HolidaysTab
from app.views.admin.rest_days_tab import RestDaysTab
from app.views.formatting import plain_label

if TYPE_CHECKING:
    from app.services.core.working_week.service import WorkingWeekService

TAB_WEEK, TAB_HOLIDAYS, TAB_AGENCIES = range(3)


class WorkingWeekDialog(QDialog):
    """Three tabs and one save; the service decides what is valid."""

    loaded = Signal(object)  # the WorkingWeek now on screen
    saved = Signal(object)  # the WorkingWeek after a save
    save_failed = Signal(str)  # the Persian message of a refused save

    def __init__(self, service: WorkingWeekService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.TITLE)
        self.setObjectName("workingWeekDialog")
        self.resize(760, 560)
        geometry.remember(self, "working_week_dialog")
        self.service, self.actor = service, actor
        self.week: WorkingWeek | None = None
        self.rest_tab = RestDaysTab()
        self.holidays_tab = HolidaysTab()
        self.agencies_tab = AgencyPeriodsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rest_tab, words.TAB_WEEK)
        self.tabs.addTab(self.holidays_tab, words.TAB_HOLIDAYS)
        self.tabs.addTab(self.agencies_tab, words.TAB_AGENCIES)
        self.message = plain_label("")
        self.message.setObjectName("workingWeekMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(app_words.SAVE)
        style.set_role(self.save_button, "primary")
        self.reload_button = QPushButton(words.RELOAD)
        close = QPushButton(app_words.CLOSE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.reload)
        close.clicked.connect(self.reject)
        self.admin = can(actor, "reference.manage")
        self.tabs.setEnabled(self.admin)
        self.save_button.setEnabled(False)
        if not self.admin:
            self._say(words.ADMIN_ONLY, "hint")
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the working week again (drafts are dropped)."""
        background.run(self.service.read, on_done=self._show, on_error=self._failed, owner=self)

    def _show(self, week: WorkingWeek) -> None:
        self.week = week
        self.rest_tab.set_rest(week.rest_weekdays)
        self.holidays_tab.set_holidays(week.holidays)
        self.agencies_tab.set_agencies(week.agencies, week.default_answer_days)
        self.save_button.setEnabled(self.admin)
        self.loaded.emit(week)

    # --- saving -------------------------------------------------------------------------------

    def changes(self) -> tuple[WorkingWeekChanges, list[int]]:
        """What a save sends, and the holiday row of each holiday edit (-1: a removed row)."""
        assert self.week is not None
        rest = self.rest_tab.rest()
        holidays, rows = self.holidays_tab.model.pending()
        return WorkingWeekChanges(
            rest_weekdays=rest if rest != self.week.rest_weekdays else None,
            rest_expected=self.week.rest_value, holidays=tuple(holidays),
            agencies=tuple(self.agencies_tab.model.pending())), rows

    def save(self) -> None:
        """Send every draft in one call; on success read the week the service returns."""
        if self.week is None or not self.admin:
            return
        self._commit_open_editor()
        changes, rows = self.changes()
        if changes.rest_weekdays is None and not changes.holidays and not changes.agencies:
            self._say(words.NOTHING_TO_SAVE, "hint")
            return
        service, actor = self.service, self.actor
        self.save_button.setEnabled(False)

        def done(week: WorkingWeek) -> None:
            self._show(week)
            self._say(words.SAVED, "ok")
            self.saved.emit(week)

        def failed(exc: Exception) -> None:
            self.save_button.setEnabled(True)
            self._refused(exc, rows)

        background.write(self, lambda: service.save(actor, changes), on_done=done,
                         on_error=failed, changes=lambda _week: {"settings": []})

    def _commit_open_editor(self) -> None:
        """A period still being typed in its cell counts: the open editor is committed."""
        table = self.agencies_tab.table
        index = table.currentIndex()
        editor = table.indexWidget(index) if index.isValid() else None
        if editor is not None:
            table.commitData(editor)
            table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _refused(self, exc: Exception, rows: list[int]) -> None:
        """Say why, mark the refused rows and open the first tab that holds one."""
        if isinstance(exc, ValidationError):
            holiday_errors: dict[int, str] = {}
            for i, row in enumerate(rows):
                message = exc.errors.get(holiday_key(i))
                if message is not None and row >= 0:
                    holiday_errors[row] = message
            self.holidays_tab.model.set_errors(holiday_errors)
            agency_errors = {a.id: exc.errors[agency_key(a.id)]
                             for a in self.agencies_tab.model.agencies
                             if agency_key(a.id) in exc.errors}
            self.agencies_tab.model.set_errors(agency_errors)
            if "rest_weekdays" in exc.errors:
                self.tabs.setCurrentIndex(TAB_WEEK)
            elif holiday_errors:
                self.tabs.setCurrentIndex(TAB_HOLIDAYS)
                self.holidays_tab.select(min(holiday_errors))
            elif agency_errors:
                self.tabs.setCurrentIndex(TAB_AGENCIES)
            text = "؛ ".join(exc.errors.values())
        else:
            text = app_words.error_text(exc)
        self._say(text, "error")
        self.save_failed.emit(text)
        if isinstance(exc, ConflictError):
            self.reload_button.setFocus()

    def _failed(self, exc: Exception) -> None:
        self._say(app_words.error_text(exc), "error")

    def _say(self, text: str, role: str) -> None:
        style.set_role(self.message, role)
        self.message.setText(text)
