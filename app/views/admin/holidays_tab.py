"""The holiday table: the list by Jalali date, and a row of fields to add, change or remove one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali
from app.services.core.working_week.dto import HolidayInfo
from app.views import style
from app.views.admin import words
from app.views.admin.holiday_model import (
    COL_DAY,
    COL_ESTIMATED,
    COL_NAME,
    COL_WEEKDAY,
    DRAFT_ROLE,
    HolidayDraft,
    HolidayModel,
)
from app.views.formatting import plain_label
from app.views.widgets.jalali_date_edit import JalaliDateEdit


class HolidaysTab(QWidget):
    """Select a row to load it into the fields; add, apply or remove from there."""

    holidays_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = plain_label(words.HOLIDAYS_HINT)
        self._coming: int | None = None  # the row to bring into view once the list shows
        hint.setWordWrap(True)
        style.set_role(hint, "hint")
        self.model = HolidayModel(self)
        self.table = QTableView()
        self.table.setObjectName("holidays")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col in (COL_DAY, COL_WEEKDAY, COL_ESTIMATED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.day = JalaliDateEdit()
        self.name = QLineEdit()
        self.name.setPlaceholderText(words.NAME_PLACEHOLDER)
        self.estimated = QCheckBox(words.ESTIMATED)
        self.add_button = QPushButton(words.ADD_HOLIDAY)
        style.set_role(self.add_button, "primary")
        self.apply_button = QPushButton(words.APPLY_HOLIDAY)
        self.remove_button = QPushButton(words.REMOVE_HOLIDAY)
        fields = QHBoxLayout()
        fields.addWidget(QLabel(words.HOLIDAY_DAY))
        fields.addWidget(self.day)
        fields.addWidget(QLabel(words.HOLIDAY_NAME))
        fields.addWidget(self.name, 1)
        fields.addWidget(self.estimated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(fields)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.apply_button.clicked.connect(self.apply)
        self.remove_button.clicked.connect(self.remove)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self._update_buttons()

    def set_holidays(self, holidays: tuple[HolidayInfo, ...]) -> None:
        """Show what was read and bring this year's first holiday into view."""
        self.model.set_holidays(holidays)
        today = jalali.tehran_today()
        row = next((i for i, h in enumerate(holidays) if h.day >= today), len(holidays) - 1)
        self._coming = row if row >= 0 else None
        if self.isVisible():
            QTimer.singleShot(0, self._scroll_to_coming)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """A tab not yet shown has no rows' geometry to scroll by: scroll when it first shows."""
        super().showEvent(event)
        QTimer.singleShot(0, self._scroll_to_coming)

    def _scroll_to_coming(self) -> None:
        """Bring the first holiday from today on to the top of the list, once."""
        if self._coming is not None and self._coming < self.model.rowCount():
            self.table.scrollTo(self.model.index(self._coming, 0),
                                QAbstractItemView.ScrollHint.PositionAtTop)
        self._coming = None

    def current_row(self) -> int:
        """The selected row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        """Select a row (and so load it into the fields)."""
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        """Add the fields as a new holiday (checked by the service on save)."""
        day = self.day.value()
        if day is None:
            return
        row = self.model.add(day, self.name.text(), self.estimated.isChecked())
        self.select(row)
        self.holidays_edited.emit()

    def apply(self) -> None:
        """Put the fields into the selected row."""
        row, day = self.current_row(), self.day.value()
        if row < 0 or day is None:
            return
        self.model.change(row, day, self.name.text(), self.estimated.isChecked())
        self.holidays_edited.emit()

    def remove(self) -> None:
        """Take the selected row off the list (off the table on save)."""
        row = self.current_row()
        if row < 0:
            return
        self.model.remove(row)
        if self.model.rowCount():
            self.select(min(row, self.model.rowCount() - 1))
        self.holidays_edited.emit()

    def _selected(self) -> None:
        row = self.current_row()
        if row >= 0:
            draft: HolidayDraft = self.model.data(self.model.index(row, 0), DRAFT_ROLE)
            self.day.set_value(draft.day)
            self.name.setText(draft.name)
            self.estimated.setChecked(draft.estimated)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_row() >= 0
        self.apply_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
