"""The inspectors' review queue: escalated or long-overdue referrals, and closed requests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.models.review import ReviewReason, ReviewVerdict
from app.services.referrals.dto import QueueFilter, QueueRow
from app.views import formatting, palette
from app.views.review import words as w
from app.views.table_models.inbox_model import CODE_SAMPLE
from app.views.table_models.paged_model import Column, PagedTableModel

VERDICT_COLOURS = {
    ReviewVerdict.PROPER: QBrush(QColor(palette.VERDICT_PROPER)),
    ReviewVerdict.NEEDS_CORRECTION: QBrush(QColor(palette.VERDICT_NEEDS_CORRECTION)),
    ReviewVerdict.VIOLATION: QBrush(QColor(palette.VERDICT_VIOLATION)),
}
DAY_HEADERS = {
    ReviewReason.ESCALATED: w.DAY_ESCALATED, ReviewReason.OVERDUE: w.DAY_OVERDUE,
    ReviewReason.LOW_SATISFACTION: w.DAY_CLOSED, ReviewReason.SAMPLE: w.DAY_CLOSED,
    ReviewReason.OBJECTION: w.DAY_OBJECTION,
}

# Why an item is here and what the inspector found come first; the subject stretches.
COLUMNS: list[Column] = [
    Column(w.COL_CODE, None, lambda r: formatting.tracking_code(r.tracking_code),
           sample=formatting.tracking_code(CODE_SAMPLE)),
    Column(w.COL_VERDICT, None, lambda r: r.verdict_label, sample="نیازمند اصلاح"),
    Column(w.COL_DETAIL, None, lambda r: r.detail, sample="۱۲۳ روز کاری تأخیر"),
    Column(w.COL_DAY, None, lambda r: formatting.date(r.day) if r.day else "",
           sample=w.DAY_ESCALATED, titles=tuple(DAY_HEADERS.values())),
    Column(w.COL_COUNTY, None, lambda r: r.county, sample="هشترود"),
    Column(w.COL_AGENCY, None, lambda r: r.agency, sample="سازمان تأمین اجتماعی"),
    Column(w.COL_SUBJECT, None, lambda r: r.subject),  # the last column: it takes the rest
]
COL_CODE, COL_VERDICT, COL_DETAIL, COL_DAY, COL_COUNTY, COL_AGENCY, COL_SUBJECT = range(
    len(COLUMNS))


def queue_key(row: QueueRow) -> tuple[int, int | None]:
    """An item of the queue: a request, or one referral of it."""
    return row.request_id, row.referral_id


class ReviewQueueModel(PagedTableModel):
    """One queue of items to review, in the order the service gives (not sortable)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, QueueFilter(ReviewReason.ESCALATED), "", parent=parent,
                         key=queue_key)

    def set_filter(self, f: QueueFilter) -> None:
        """Show another queue; the date column is named for it."""
        super().set_filter(f)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_DAY, COL_DAY)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The date column says which date it shows."""
        value = super().headerData(section, orientation, role)
        if section == COL_DAY and value == w.COL_DAY:
            return DAY_HEADERS.get(self.current_filter.reason, value)
        return value

    def foreground(self, row: QueueRow) -> QBrush | None:
        """Reviewed items take their verdict's colour."""
        return VERDICT_COLOURS.get(row.verdict) if row.verdict else None

    def tooltip(self, row: QueueRow, column: int) -> str | None:
        """The full text of the long columns (description, agency, subject)."""
        return {COL_DETAIL: row.detail, COL_AGENCY: row.agency,
                COL_SUBJECT: row.subject}.get(column)
