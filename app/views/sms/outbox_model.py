"""The outbox table model: the house's paged model, one page of messages at a time.

The service filters by status and pages in SQL (newest first); only the pages on screen are in
memory, so an outbox of a hundred thousand messages opens as fast as one of ten.
"""

from __future__ import annotations

from typing import Any

from app.services.core import persian
from app.services.sms.dto import OutboxRow
from app.views import formatting
from app.views.sms import words as w
from app.views.table_models.paged_model import PAGE_SIZE, ROW_ROLE, Column, PagedTableModel

__all__ = ["COLUMNS", "OBJECT_ROLE", "PAGE_SIZE", "OutboxModel"]

OBJECT_ROLE = ROW_ROLE  # the OutboxRow of a line (None while its page loads)


def _code(r: OutboxRow) -> str:
    return formatting.tracking_code(r.tracking_code) if r.tracking_code else ""


# Not sortable: the outbox reads newest first, the order the office works it in.
COLUMNS: list[Column] = [
    Column(w.COL_CREATED, None, lambda r: formatting.date_time(r.created_at)),
    Column(w.COL_KIND, None, lambda r: r.kind_label),
    Column(w.COL_CITIZEN, None, lambda r: r.citizen),
    Column(w.COL_MOBILE, None, lambda r: formatting.phone(r.mobile)),
    Column(w.COL_CODE, None, _code),
    Column(w.COL_STATUS, None, lambda r: r.status_label),
    Column(w.COL_PARTS, None, lambda r: persian.to_persian_digits(r.parts)),
    # Qt would turn «1405-0000064-5» around in a right-to-left line; isolate it.
    Column(w.COL_TEXT, None, lambda r: persian.ltr_digit_runs(r.text)),
]
HEADERS = [c.header for c in COLUMNS]


class OutboxModel(PagedTableModel):
    """Messages of one status (or all), newest first; the status value is the filter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, None, "", descending=True, parent=parent)
        self.headers = HEADERS

    def tooltip(self, row: OutboxRow, column: int) -> str | None:
        """The whole text and the gateway's reply."""
        return f"{row.text}\n\n{row.gateway_reply}".strip()
