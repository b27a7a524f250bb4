"""The call list's table model: only the pages on screen, read in the database's order."""

from __future__ import annotations

from typing import Any

from app.services.calls.dto import CallFilter, CallRow
from app.views import formatting
from app.views.calls import words as w
from app.views.table_models.inbox_model import CODE_SAMPLE
from app.views.table_models.paged_model import Column, PagedTableModel

COLUMNS: list[Column] = [
    Column(w.COL_CODE, None, lambda r: formatting.tracking_code(r.tracking_code),
           sample=formatting.tracking_code(CODE_SAMPLE)),
    Column(w.COL_CITIZEN, None, lambda r: r.citizen, sample="زهرا قاسم‌زاده‌پور"),
    Column(w.COL_MOBILE, None, lambda r: formatting.phone(r.mobile), sample="۰۹۱۲۱۲۳۴۵۶۷"),
    Column(w.COL_STATE, None, w.state, sample="در انتظار تماس دوباره (تلاش ۲ از ۳)"),
    Column(w.COL_CLOSED, None, lambda r: formatting.day_of(r.closed_at), sample="۱۴۰۵/۰۹/۰۷"),
    Column(w.COL_COUNTY, None, lambda r: r.county, sample="هشترود", hidden=True),
    Column(w.COL_SUBJECT, None, lambda r: r.subject),  # the last column: it takes the rest
]
COL_CODE, COL_CITIZEN, COL_MOBILE, COL_STATE, COL_CLOSED, COL_COUNTY, COL_SUBJECT = range(
    len(COLUMNS))


class CallListModel(PagedTableModel):
    """Requests to call (or called), in the service's order; not sortable."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, CallFilter(), "", parent=parent,
                         key=lambda r: r.request_id)

    def tooltip(self, row: CallRow, column: int) -> str | None:
        """The whole subject, and the answer beside it."""
        if column == COL_SUBJECT:
            return f"{row.subject}\n\n{row.answer}" if row.answer else row.subject
        return None
