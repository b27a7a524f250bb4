"""The compliance panel: expected versus held meeting days for a Jalali month or quarter.

The figures come from services.compliance, the same computation as the quarterly report.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.meetings.dto import ComplianceSummary
from app.views.calendar import words
from app.views.calendar.compliance_model import COL_MISSED, FIGURES, SORT_ROLE, ComplianceTableModel
from app.views.formatting import plain

PERIOD_MONTH, PERIOD_QUARTER = "month", "quarter"


class CompliancePanel(QWidget):
    """Choose the period and the grouping; the page loads the figures and calls show_summary."""

    period_changed = Signal(str)  # PERIOD_MONTH or PERIOD_QUARTER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = QComboBox()
        self.period.addItem(words.SHOWN_QUARTER, PERIOD_QUARTER)
        self.period.addItem(words.SHOWN_MONTH, PERIOD_MONTH)
        self.grouping = QComboBox()
        self.grouping.addItem(words.BY_MANAGER, False)
        self.grouping.addItem(words.BY_AGENCY, True)
        self.heading = plain(QLabel(""))
        self.heading.setObjectName("complianceHeading")
        self.heading.setProperty("role", "section")
        self.heading.setWordWrap(True)  # a narrow panel breaks it between words, never cuts it
        self.status = plain(QLabel(""))
        self.model = ComplianceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("complianceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Names wrap onto a second line when the panel is narrow; figures never do.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(34)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(FIGURES) + 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSortIndicator(COL_MISSED, Qt.SortOrder.DescendingOrder)
        self._fit_figures()
        header.sortIndicatorChanged.connect(lambda *_a: self._fit_figures())
        self.missed_title = plain(QLabel(""))
        self.missed = QListWidget()
        self.missed.setObjectName("missedManagers")
        self.missed.setMaximumHeight(3 * self.missed.fontMetrics().lineSpacing() + 30)
        # The table keeps room for its header and a few managers; the list under it scrolls.
        # (Four lines: the calendar page then fits a 1920×1080 monitor at 150 % scaling.)
        self.table.setMinimumHeight(4 * self.table.fontMetrics().lineSpacing() + 60)
        row = QHBoxLayout()
        row.addWidget(QLabel(words.PERIOD))
        row.addWidget(self.period)
        row.addWidget(self.grouping)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)  # text never touches the tab frame
        layout.addLayout(row)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missed_title)
        layout.addWidget(self.missed)
        layout.addWidget(self.status)
        self.period.currentIndexChanged.connect(
            lambda _i: self.period_changed.emit(self.period.currentData()))
        self.grouping.currentIndexChanged.connect(
            lambda _i: self.model.set_summary(self.model.summary, self.grouping.currentData()))

    def _fit_figures(self) -> None:
        """Each figure column as wide as its header drawn in the style sheet's bold and padding
        (or its widest figure); only the sorted column keeps room for the sort arrow."""
        header = self.table.horizontalHeader()
        sorted_col = header.sortIndicatorSection()
        header.setSortIndicatorShown(False)
        plain_widths = {c: header.sectionSizeFromContents(c).width()
                        for c in range(1, len(FIGURES) + 1)}
        header.setSortIndicatorShown(True)
        fm = self.table.fontMetrics()
        for col, width in plain_widths.items():
            if col == sorted_col:
                width = header.sectionSizeFromContents(col).width()
            sample = words.WIDEST_DIRECTIVES if col == len(FIGURES) else words.WIDEST_FIGURE
            header.resizeSection(col, max(width, fm.horizontalAdvance(sample) + 14))

    def current_period(self) -> str:
        """PERIOD_MONTH or PERIOD_QUARTER."""
        return self.period.currentData()

    def show_loading(self) -> None:
        """Say that figures are on their way."""
        self.status.setText(words.COMPUTING)

    def show_error(self, message: str) -> None:
        """Show a failure in Persian."""
        self.status.setText(message)

    def show_summary(self, summary: ComplianceSummary, title: str) -> None:
        """Show a period's figures and who missed their day."""
        self.status.setText("")
        self.heading.setText(words.compliance_heading(
            title, words.day(min(summary.end, summary.until))))
        self.model.set_summary(summary, self.grouping.currentData())
        self.table.sortByColumn(self.table.horizontalHeader().sortIndicatorSection(),
                                self.table.horizontalHeader().sortIndicatorOrder())
        missed = summary.missed
        self.missed.clear()
        if not summary.managers:
            self.missed_title.setText(words.NOTHING_DUE)
        elif not missed:
            self.missed_title.setText(words.ALL_KEPT)
        else:
            self.missed_title.setText(words.MISSED_TITLE)
            for m in missed:
                self.missed.addItem(words.missed_line(
                    m.manager, [words.day(d) for d in m.missed_days]))
        self.missed.setVisible(bool(missed))
