"""The compliance table: per manager or per agency, the figures services.compliance computes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.services.core import persian
from app.services.meetings.dto import AgencyCompliance, ComplianceSummary
from app.services.reports.dto import ManagerCompliance
from app.views.calendar import words
from app.views.calendar.colors import WEEKEND_TEXT
from app.views.formatting import literal_html

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex

FIGURES = words.FIGURES
COL_MISSED = 3
TIPS = words.FIGURE_TIPS


def _figures(r: ManagerCompliance | AgencyCompliance) -> tuple[int, ...]:
    return (r.expected, r.held, r.missed, r.citizens_received, r.issues_raised,
            r.directives_issued)


class ComplianceTableModel(QAbstractTableModel):
    """Rows of a ComplianceSummary; `by_agency` switches between managers and agencies."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.summary: ComplianceSummary | None = None
        self.by_agency = False
        self.rows: list[ManagerCompliance | AgencyCompliance] = []

    def set_summary(self, summary: ComplianceSummary | None, by_agency: bool | None = None) -> None:
        """Show a summary (and optionally switch the grouping)."""
        self.beginResetModel()
        self.summary = summary
        if by_agency is not None:
            self.by_agency = by_agency
        if summary is None:
            self.rows = []
        else:
            self.rows = list(summary.agencies if self.by_agency else summary.managers)
        self.endResetModel()

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1 + len(FIGURES)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return words.AGENCY_COLUMN if self.by_agency else words.MANAGER_COLUMN
            return FIGURES[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return TIPS[section - 1]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                if isinstance(r, AgencyCompliance):
                    return words.agency_row(r.agency, r.managers)
                return r.manager
            if col == len(FIGURES):
                return (f"{persian.format_number(r.directives_issued)} "
                        f"({persian.format_number(r.directives_open)})")
            return persian.format_number(_figures(r)[col - 1])
        if role == SORT_ROLE:
            return (r.agency if isinstance(r, AgencyCompliance) else r.manager) if col == 0 \
                else _figures(r)[col - 1]
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_MISSED and r.missed:
            return WEEKEND_TEXT
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(r, ManagerCompliance):
            lines = [f"{r.manager} — {r.title}" if r.title else r.manager, r.agency,
                     words.cancelled_with_reason(persian.format_number(r.cancelled))]
            if r.missed_days:
                lines.append(words.days_without_meeting(
                    [words.day(d) for d in r.missed_days]))
            return literal_html("\n".join(lines))
        if role == Qt.ItemDataRole.TextAlignmentRole and col:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ROW_ROLE:
            return r
        return None
