"""The side panel's day list: the selected day's meetings and what can be done with each."""

from __future__ import annotations

from datetime import date

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

from app.services.core import jalali
from app.services.meetings.dto import Occurrence, OccurrenceState
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
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.holiday = plain_label("")
        self.holiday.setStyleSheet("color: #b91c1c;")
        self.model = DayListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reason = plain_label("")
        self.reason.setWordWrap(True)
        self.open_button = QPushButton("روز دیدار…")
        self.open_button.setToolTip("نوبت شهروندان، ثبت موضوعات و دستورها، صورتجلسه")
        self.cancel_button = QPushButton("لغو…")
        self.move_button = QPushButton("جابه‌جایی…")
        self.reinstate_button = QPushButton("برقراری دوباره")
        buttons = QHBoxLayout()
        for b in (self.open_button, self.cancel_button, self.move_button, self.reinstate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.holiday)
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
        self.title.setText(jalali.format_jalali_long(day, with_weekday=True))
        self.holiday.setText(f"تعطیل رسمی: {holiday}" if holiday else "")
        self.holiday.setVisible(bool(holiday))
        self.model.set_rows(occurrences)
        row = next((i for i, o in enumerate(occurrences) if o.key == keep), 0 if occurrences
                   else -1)
        if row >= 0:
            self._select_row(row)
        self._update_buttons()

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
            text = {OccurrenceState.HOLIDAY: "تعطیل رسمی: ",
                    OccurrenceState.CANCELLED: "دلیل لغو: ",
                    OccurrenceState.MOVED: "دلیل جابه‌جایی: "}.get(o.state, "یادداشت: ") + o.reason
        self.reason.setText(text)
        self.reason.setVisible(bool(text))
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
