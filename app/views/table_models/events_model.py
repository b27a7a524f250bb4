"""The events screen's list: one row per event with its letters so far (issue 14 §1).

An office records a few events a month, so every row is held at once; the service already
orders them newest first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services.core import jalali, persian
from app.services.events.dto import EventSummary
from app.views.formatting import literal_html
from app.views.inbox.batch_words import WHOLE_PROVINCE
from app.views.inbox.events_words import HEADERS
from app.views.table_models.held_model import HeldRowsModel, Index

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's EventSummary

(COL_NAME, COL_KIND, COL_STARTS, COL_ENDS, COL_COUNTY, COL_MANAGER, COL_RECEIVED, COL_DIRECT,
 COL_REFERRED, COL_OPEN) = range(10)
NUMERIC = (COL_RECEIVED, COL_DIRECT, COL_REFERRED, COL_OPEN)


def cell(row: EventSummary, column: int) -> str:
    """A cell's text: dates in Jalali, numbers in Persian digits."""
    e = row.event
    values = (e.name, e.kind_label, jalali.format_jalali(e.starts_on),
              jalali.format_jalali(e.ends_on), e.county or WHOLE_PROVINCE, e.manager or "—",
              row.received, row.answered_directly, row.referred, row.open)
    value = values[column]
    return persian.to_persian_digits(value) if isinstance(value, int) else value


class EventsTableModel(HeldRowsModel[EventSummary]):
    """Events under fixed Persian headers."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def row_of(self, event_id: int) -> int:
        """The row showing an event, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.event.id == event_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the row's summary under ROW_ROLE."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_NAME, COL_MANAGER):
            # A long name is cut in its column; typed text, shown literally (never markup).
            return literal_html(cell(row, index.column()))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
