"""The side panel's day list: the selected day's meetings and what can be done with each."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.meetings.dto import Occurrence, OccurrenceState
from app.views.calendar import words
from app.views.calendar.calendar_models import OCCURRENCE_ROLE, DayListModel
from app.views.formatting import plain, plain_label


class DayPanel(QWidget):
    """Lists one day's meetings; buttons act on the selected one."""

    open_requested = Signal(object)  # Occurrence: open its meeting day
    cancel_requested = Signal(object)  # Occurrence
    move_requested = Signal(object)  # Occurrence
    reinstate_requested = Signal(object)  # Occurrence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day: date | None = None
        self.title = plain(QLabel(""))
        self.title.setObjectName("dayTitle")
        self.title.setProperty("role", "section")
        self.holiday = plain_label("")
        self.holiday.setObjectName("dayHoliday")
        self.holiday.setProperty("role", "error")
        self.holiday.setWordWrap(True)
        self.model = DayListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Names wrap onto a second line in a narrow panel; the hours and the state never do.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The hours get their measured width plus room, so «۰۹:۰۰ تا ۱۲:۰۰» is never elided.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        fm = self.table.fontMetrics()
        header.resizeSection(0, max(fm.horizontalAdvance(words.time_range(time(0), time(0))),
                                    fm.horizontalAdvance(words.DAY_COLUMNS[0])) + 20)
        self.empty = plain_label(words.NO_MEETINGS)
        self.empty.setProperty("role", "hint")
        self.empty.setVisible(False)
        self.reason = plain_label("")
        self.reason.setWordWrap(True)
        self.open_button = QPushButton(words.OPEN_DAY)
        self.open_button.setToolTip(words.OPEN_DAY_TIP)
        self.cancel_button = QPushButton(words.CANCEL_MEETING)
        self.cancel_button.setProperty("role", "danger")
        self.move_button = QPushButton(words.MOVE_MEETING)
        self.reinstate_button = QPushButton(words.REINSTATE)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.cancel_button, self.move_button, self.reinstate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)  # text never touches the tab frame
        layout.addWidget(self.title)
        layout.addWidget(self.holiday)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self._emit(self.open_requested))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.move_button.clicked.connect(lambda: self._emit(self.move_requested))
        self.reinstate_button.clicked.connect(lambda: self._emit(self.reinstate_requested))
        self.can_write = False
        self._update_buttons()

    def show_day(self, day: date, occurrences: list[Occurrence], holiday: str | None,
                 keep: str | None = None) -> None:
        """Show a day's meetings; `keep` re-selects an occurrence by key after a reload."""
        self.day = day
        self.title.setText(words.day_long(day))
        self.holiday.setText(words.official_holiday(holiday) if holiday else "")
        self.holiday.setVisible(bool(holiday))
        self.model.set_rows(occurrences)
        self.empty.setVisible(not occurrences)
        row = next((i for i, o in enumerate(occurrences) if o.key == keep), 0 if occurrences
                   else -1)
        if row >= 0:
            self._select_row(row)
        self._update_buttons()

    def open_selected(self) -> None:
        """Open the selected meeting's day (a double-click on its block in the week does this)."""
        if self.open_button.isEnabled():
            self._emit(self.open_requested)

    def selected(self) -> Occurrence | None:
        """The selected occurrence."""
        index = self.table.currentIndex()
        return self.model.data(index, OCCURRENCE_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        """Select an occurrence by key; False when it is not listed."""
        for i, o in enumerate(self.model.rows):
            if o.key == key:
                self._select_row(i)
                return True
        return False

    def _select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _emit(self, signal: Signal) -> None:  # type: ignore[valid-type]
        o = self.selected()
        if o is not None:
            signal.emit(o)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        o = self.selected()
        live = o is not None and o.actionable and self.can_write
        self.open_button.setEnabled(o is not None and o.actionable
                                    and o.state != OccurrenceState.CANCELLED)
        self.cancel_button.setEnabled(live and o.state in (OccurrenceState.PLANNED,
                                                           OccurrenceState.MISSED,
                                                           OccurrenceState.UNCLOSED))
        self.move_button.setEnabled(live and o.state in (OccurrenceState.PLANNED,
                                                         OccurrenceState.MISSED,
                                                         OccurrenceState.UNCLOSED))
        self.reinstate_button.setEnabled(live and o.state == OccurrenceState.CANCELLED
                                         and o.meeting_id is not None)
        text = ""
        if o is not None and o.reason:
            text = words.REASON_PREFIX.get(o.state, words.NOTE_PREFIX) + o.reason
        self.reason.setText(text)
        self.reason.setVisible(bool(text))
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
