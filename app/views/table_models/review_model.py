"""The inspectors' review queue: escalated or long-overdue referrals, and closed requests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.models.review import ReviewReason, ReviewVerdict
from app.services.referrals.dto import QueueFilter, QueueRow
from app.views import formatting
from app.views.table_models.paged_model import Column, PagedTableModel

VERDICT_COLOURS = {
    ReviewVerdict.PROPER: QBrush(QColor("#166534")),
    ReviewVerdict.NEEDS_CORRECTION: QBrush(QColor("#92400e")),
    ReviewVerdict.VIOLATION: QBrush(QColor("#9b1c1c")),
}
DAY_HEADERS = {
    ReviewReason.ESCALATED: "ارجاع به بازرسی", ReviewReason.OVERDUE: "مهلت پاسخ",
    ReviewReason.LOW_SATISFACTION: "مختومه", ReviewReason.SAMPLE: "مختومه",
}

# Why an item is here and what the inspector found come first; the rest scrolls.
COLUMNS: list[Column] = [
    Column("کد رهگیری", None, lambda r: formatting.tracking_code(r.tracking_code)),
    Column("شرح", None, lambda r: r.detail),
    Column("نتیجهٔ بررسی", None, lambda r: r.verdict_label),
    Column("موضوع", None, lambda r: r.subject),
    Column("دستگاه", None, lambda r: r.agency),
    Column("تاریخ", None, lambda r: formatting.date(r.day) if r.day else ""),
    Column("شهرستان", None, lambda r: r.county),
]
COL_CODE, COL_DETAIL, COL_VERDICT, COL_SUBJECT, COL_AGENCY, COL_DAY, COL_COUNTY = range(
    len(COLUMNS))


class ReviewQueueModel(PagedTableModel):
    """One queue of items to review, in the order the service gives (not sortable)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, QueueFilter(ReviewReason.ESCALATED), "", parent=parent)

    def set_filter(self, f: QueueFilter) -> None:
        """Show another queue; the date column is named for it."""
        super().set_filter(f)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_DAY, COL_DAY)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The date column says which date it shows."""
        value = super().headerData(section, orientation, role)
        if section == COL_DAY and value == "تاریخ":
            return DAY_HEADERS.get(self.current_filter.reason, value)
        return value

    def foreground(self, row: QueueRow) -> QBrush | None:
        """Reviewed items take their verdict's colour."""
        return VERDICT_COLOURS.get(row.verdict) if row.verdict else None

    def tooltip(self, row: QueueRow, column: int) -> str | None:
        """The full description on the detail column."""
        return row.detail if column == COL_DETAIL else None
