"""The week view: hours down the side, Saturday to Friday across (Saturday rightmost)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.services.meetings.dto import CalendarRange
from app.views.calendar.calendar_models import CELL_ROLE, WeekModel
from app.views.calendar.day_delegate import DayDelegate


class WeekView(QTableView):
    """Each cell lists the meetings that start in that hour of that day."""

    day_selected = Signal(object)  # date
    day_activated = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week_model = WeekModel(self)
        self.setModel(self.week_model)
        self.setItemDelegate(DayDelegate(self, show_number=False))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        # Qt's default minimum section width (~130 px here) would push Friday out of sight.
        self.horizontalHeader().setMinimumSectionSize(40)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumWidth(48)
        self.clicked.connect(self._clicked)
        self.doubleClicked.connect(self._activated)
        self.selectionModel().currentChanged.connect(lambda cur, _prev: self._clicked(cur))

    def set_week(self, day: date) -> None:
        """Show the week containing a day (its meetings arrive with show())."""
        self.week_model.set_week(day)

    def show_range(self, data: CalendarRange) -> None:
        """Place the week's meetings."""
        self.week_model.set_range(data)
        self.resizeRowsToContents()

    def select_day(self, d: date) -> None:
        """Select the first hour of a day's column."""
        if self.week_model.saturday <= d and (d - self.week_model.saturday).days < 7:
            col = (d - self.week_model.saturday).days
            row = next((r for r in range(self.week_model.rowCount())
                        if self.week_model.cells.get((r, col)) is not None
                        and self.week_model.cells[(r, col)].occurrences), 0)
            self.selectionModel().setCurrentIndex(
                self.week_model.index(row, col), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _clicked(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is not None:
            self.day_selected.emit(cell.day)

    def _activated(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE)
        if cell is not None:
            self.day_activated.emit(cell.day)
