"""Agency performance for a Jalali period (عملکرد دستگاه‌ها): sortable, exportable to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.reports.dto import AgencyPerformance
from app.views import background, file_dialogs, formatting
from app.views.formatting import literal_html, plain_label
from app.views.framework import words as frame_words
from app.views.referrals import words as w
from app.views.table_models.agency_model import (
    COL_AGENCY,
    COL_OVERDUE,
    ROW_ROLE,
    AgencyPerformanceModel,
)
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.quarter_picker import QuarterPicker

if TYPE_CHECKING:
    from app.services.reports.statistics import StatisticsService

NUMBER_WIDTH = 72


class AgencyPanel(QWidget):
    """Per agency: referred, answered, on time, working days, overdue now, inadequate, …"""

    agency_activated = Signal(int)  # double-clicked agency: show its overdue referrals
    loaded = Signal(int)  # rows shown
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: StatisticsService | None = None
        self.actor: Actor | None = None
        self.period: tuple[date, date] | None = None
        self._generation = 0
        self.picker = QuarterPicker()
        self.date_from = JalaliDateEdit()
        self.date_to = JalaliDateEdit()
        self.show_button = QPushButton(w.SHOW)
        self.export_button = QPushButton(w.EXPORT)
        self.model = AgencyPerformanceModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(50)
        for col in range(1, self.model.columnCount()):
            header.resizeSection(col, NUMBER_WIDTH)
        self.table.sortByColumn(COL_OVERDUE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.status = plain_label("")
        self.totals = plain_label("")
        self.totals.setWordWrap(True)
        hint = QLabel(w.PANEL_HINT)
        hint.setProperty("role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addWidget(QLabel(w.OR_FROM))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(w.TO))
        bar.addWidget(self.date_to)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(hint)
        self.picker.quarter_changed.connect(self.set_quarter)
        self.show_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_excel)
        self.table.doubleClicked.connect(self._activated)
        self.set_quarter(*self.picker.value(), load=False)
        self.export_button.setEnabled(False)
        self.show_button.setEnabled(False)

    def set_stats(self, stats: StatisticsService, actor: Actor | None = None) -> None:
        """Connect to the statistics of the open database and show the chosen period.

        A county-limited actor's figures count only their counties.
        """
        self.stats, self.actor = stats, actor
        self.show_button.setEnabled(True)
        self.refresh()

    def set_quarter(self, year: int, quarter: int, load: bool = True) -> None:
        """Show a Jalali quarter."""
        start, end = jalali.quarter_bounds(year, quarter)
        self.date_from.set_value(start)
        self.date_to.set_value(end)
        if load:
            self.refresh()

    def refresh(self) -> None:
        """Compute the panel for the dates on screen, off the GUI thread."""
        if self.stats is None:
            return
        start, end = self.date_from.value(), self.date_to.value()
        if start is None or end is None or end < start:
            self.status.setText(w.BAD_PERIOD)
            return
        self._generation += 1
        generation, stats, actor = self._generation, self.stats, self.actor
        self.status.setText(w.COMPUTING)
        background.run(lambda: stats.agency_performance(start, end, actor=actor),
                       on_done=lambda rows: self._show(generation, (start, end), rows),
                       on_error=self._failed, owner=self)

    def _show(self, generation: int, period: tuple[date, date],
              rows: list[AgencyPerformance]) -> None:
        if generation != self._generation:
            return
        self.period = period
        self.model.set_rows(rows)
        start, end = period
        self.status.setText(w.period(formatting.date(start), formatting.date(end)))
        referred = sum(a.referred for a in rows)
        answered = sum(a.answered for a in rows)
        on_time = sum(a.answered_on_time for a in rows)
        share = persian.format_percent(on_time / answered) if answered else "—"
        self.totals.setText(
            w.totals(persian.format_number(referred), persian.format_number(answered), share,
                     persian.format_number(sum(a.overdue_now for a in rows)),
                     persian.format_number(sum(a.inadequate for a in rows))))
        self.export_button.setEnabled(bool(rows))
        self.loaded.emit(len(rows))

    def _failed(self, exc: Exception) -> None:
        message = frame_words.error_text(exc)
        self.status.setText(message)
        self.load_failed.emit(message)

    def _activated(self, index: QModelIndex) -> None:
        row: AgencyPerformance | None = self.model.data(index, ROW_ROLE)
        if row is not None and row.agency_id is not None:
            self.agency_activated.emit(row.agency_id)

    def export_excel(self, target: str | None = None) -> None:
        """Save the rows shown (in the order shown) as .xlsx, off the GUI thread."""
        if self.period is None:
            return
        if not target:
            target = file_dialogs.save_file(self, w.EXPORT_TITLE, file_dialogs.EXPORT,
                                            w.EXPORT_FILE, "Excel (*.xlsx)")
        if not target:
            return
        rows, (start, end) = list(self.model.rows), self.period
        self.export_button.setEnabled(False)

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(w.saved_rows(persian.format_number(n), Path(target).name))

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            QMessageBox.warning(self, w.EXPORT_TITLE,
                                literal_html(frame_words.error_text(exc)))

        stats = self.stats
        assert stats is not None
        background.run(lambda: stats.write_agency_performance(rows, start, end, target),
                       on_done=done, on_error=failed, owner=self)
