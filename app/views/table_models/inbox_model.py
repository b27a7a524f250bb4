"""The inbox table model: only the pages on screen are in memory, fetched off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.services.requests.dto import InboxFilter, InboxRow
from app.views import formatting, palette
from app.views.inbox import words as w
from app.views.table_models.paged_model import (
    LOADING,
    PAGE_SIZE,
    ROW_ROLE,
    Column,
    PagedTableModel,
)

__all__ = ["COLUMNS", "InboxTableModel", "LOADING", "PAGE_SIZE", "ROW_ROLE"]

OVERDUE_BACKGROUND = QBrush(QColor(palette.OVERDUE_BACKGROUND))
OVERDUE_FOREGROUND = QBrush(QColor(palette.OVERDUE_TEXT))


def _code(row: InboxRow) -> str:
    """Tracking code in Persian digits, kept left-to-right inside the RTL table."""
    return w.code(row.tracking_code)


CODE_SAMPLE = "1405-0000000-0"  # the widest tracking code (shown through the cell's own function)
AGENCY_SAMPLE = "اداره کل تعاون، کار و رفاه اجتماعی"  # the longest agency name of the province

# The default set fits a maximised 1366-pixel window beside the detail pane with no
# horizontal scroll bar (county, type, channel, deadline and deep-rooted are one right-click away;
# overdue rows are red whatever the columns);
# each sample is the widest usual cell, so agency names and statuses are not cut.
COLUMNS: list[Column] = [
    Column(w.COL_CODE, "tracking_code", _code, sample=w.code(CODE_SAMPLE)),
    Column(w.COL_RECEIVED, "received_at",
           lambda r: formatting.date_time(r.received_at), sample="۱۴۰۵/۰۹/۰۷ ۱۰:۳۰"),
    Column(w.COL_CITIZEN, "citizen", lambda r: r.citizen, sample="محمدرضا قاسم‌زاده"),
    Column(w.COL_COUNTY, "county", lambda r: r.county, sample="هشترود", hidden=True),
    Column(w.COL_AGENCY, "agency", lambda r: r.agency, sample=AGENCY_SAMPLE),
    Column(w.COL_TYPE, "type", lambda r: r.type_label, sample="گزارش تخلف", hidden=True),
    Column(w.COL_CHANNEL, "channel", lambda r: r.channel_label, sample="مراجعه حضوری",
           hidden=True),
    Column(w.COL_STATUS, "status", lambda r: r.status_label, sample="در انتظار پاسخ دستگاه"),
    Column(w.COL_DEADLINE, "deadline",
           lambda r: formatting.date(r.deadline) if r.deadline else "", sample="۱۴۰۵/۰۹/۲۹",
           hidden=True),
    Column(w.COL_DEEP, "deep_rooted", lambda r: w.COL_DEEP if r.deep_rooted else "",
           sample=w.COL_DEEP, hidden=True),
    # The subject is always in the detail pane; in the list where the screen has room, last,
    # so it takes what is left (its whole text in the tooltip).
    Column(w.COL_SUBJECT, None, lambda r: r.subject, sample="درخواست روشنایی معبر محله",
           hidden=True),
]
COL_CODE, COL_RECEIVED, COL_CITIZEN, COL_COUNTY, COL_AGENCY, COL_TYPE, COL_CHANNEL, \
    COL_STATUS, COL_DEADLINE, COL_DEEP, COL_SUBJECT = range(len(COLUMNS))


class InboxTableModel(PagedTableModel):
    """Requests of the inbox filter, newest first by default; overdue rows stand out."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, InboxFilter(), "received_at", descending=True, parent=parent)

    def background(self, row: InboxRow) -> QBrush | None:
        """Light red behind overdue requests."""
        return OVERDUE_BACKGROUND if row.overdue else None

    def foreground(self, row: InboxRow) -> QBrush | None:
        """Dark red text on overdue requests."""
        return OVERDUE_FOREGROUND if row.overdue else None

    def tooltip(self, row: InboxRow, column: int) -> str | None:
        """Say «خارج از مهلت» on the status of an overdue request."""
        return w.OVERDUE if row.overdue and column == COL_STATUS else None
