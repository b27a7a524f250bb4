"""The inbox table model: only the pages on screen are in memory, fetched off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.services.requests.dto import InboxFilter, InboxRow
from app.views import formatting
from app.views.table_models.paged_model import (
    LOADING,
    PAGE_SIZE,
    ROW_ROLE,
    Column,
    PagedTableModel,
)

__all__ = ["COLUMNS", "InboxTableModel", "LOADING", "PAGE_SIZE", "ROW_ROLE"]

OVERDUE_BACKGROUND = QBrush(QColor("#fde2e1"))
OVERDUE_FOREGROUND = QBrush(QColor("#9b1c1c"))


def _code(row: InboxRow) -> str:
    """Tracking code in Persian digits, kept left-to-right inside the RTL table."""
    return formatting.tracking_code(row.tracking_code)


COLUMNS: list[Column] = [
    Column("کد رهگیری", "tracking_code", _code),
    Column("تاریخ دریافت", "received_at", lambda r: formatting.date_time(r.received_at)),
    Column("شهروند", "citizen", lambda r: r.citizen),
    Column("شهرستان", "county", lambda r: r.county),
    Column("دستگاه", "agency", lambda r: r.agency),
    Column("نوع", "type", lambda r: r.type_label),
    Column("مجرا", "channel", lambda r: r.channel_label),
    Column("وضعیت", "status", lambda r: r.status_label),
    Column("مهلت", "deadline", lambda r: formatting.date(r.deadline) if r.deadline else ""),
    Column("ریشه‌دار", "deep_rooted", lambda r: "ریشه‌دار" if r.deep_rooted else ""),
]
COL_CODE, COL_RECEIVED, COL_CITIZEN, COL_COUNTY, COL_AGENCY, COL_TYPE, COL_CHANNEL, \
    COL_STATUS, COL_DEADLINE, COL_DEEP = range(len(COLUMNS))


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
        return "خارج از مهلت" if row.overdue and column == COL_STATUS else None
