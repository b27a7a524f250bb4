"""The month view: a table of the weeks of a Jalali month, Saturday first (rightmost)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.views.calendar.calendar_models import CELL_ROLE, MonthModel
from app.views.calendar.day_delegate import DayDelegate


class MonthView(QTableView):
    """Six (or five) weeks × seven days; clicking a day selects it, double-click opens its week."""

    day_selected = Signal(object)  # date
    day_activated = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_model = MonthModel(self)
        self.setModel(self.month_model)
        self.setItemDelegate(DayDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        # Qt's default minimum section width (~130 px here) would push Friday out of sight.
        self.horizontalHeader().setMinimumSectionSize(40)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clicked.connect(self._clicked)
        self.doubleClicked.connect(self._activated)
        self.selectionModel().currentChanged.connect(
            lambda cur, _prev: self._clicked(cur))

    def select_day(self, d: date) -> None:
        """Select a day's cell (when it is on the grid)."""
        index = self.month_model.index_of(d)
        if index.isValid():
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_day(self) -> date | None:
        """The selected day, if any."""
        index = self.currentIndex()
        cell = index.data(CELL_ROLE) if index.isValid() else None
        return cell.day if cell else None

    def _clicked(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is not None:
            self.day_selected.emit(cell.day)

    def _activated(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE)
        if cell is not None:
            self.day_activated.emit(cell.day)
