"""Excel workbooks: right-to-left sheets, bold headers, and no formula injection."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from app.services.core import persian

# A cell that starts with one of these would be read by Excel as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CELL_MAX = 32_767  # Excel's limit on the characters of one cell
# One object per look, shared by every cell: openpyxl indexes a cell's style by value, and a new
# Alignment per cell cost more than half of writing a large sheet (built, hashed, compared).
_ALIGN = {wrap: Alignment(horizontal="right", vertical="top", wrap_text=wrap)
          for wrap in (False, True)}


def cell_text(value: str) -> str:
    """Text as a cell may hold it: no control or bidi-override characters, at most 32,767.

    Rows stored before text was cleaned at the door may still carry them; openpyxl refuses
    control characters (IllegalCharacterError) and an override would reverse the cell's line.
    """
    return persian.drop_unsafe(value)[:_CELL_MAX]


def set_safe(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write a value; text is made storable and, if it looks like a formula, kept as text."""
    if isinstance(value, str):
        value = cell_text(value)  # before the formula check: «\x07=…» must not become «=…»
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would otherwise store it as a formula
    cell.alignment = _ALIGN[isinstance(value, str)]


def add_table(wb: Workbook, title: str, headers: Sequence[str],
              rows: Iterable[Sequence[Any]], widths: Sequence[int] | None = None) -> Worksheet:
    """Add a right-to-left sheet with a bold header row and the given rows."""
    ws = wb.create_sheet(title=title[:31])
    ws.sheet_view.rightToLeft = True
    for c, head in enumerate(headers, start=1):
        set_safe(ws, 1, c, head)
        ws.cell(row=1, column=c).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            set_safe(ws, r, c, value)
    ws.freeze_panes = "A2"
    for c, head in enumerate(headers, start=1):
        width = widths[c - 1] if widths else max(12, min(50, len(head) + 6))
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = width
    return ws


def new_workbook() -> Workbook:
    """An empty workbook (the default sheet removed)."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def save(wb: Workbook, out: Path | str) -> None:
    """Save a workbook."""
    wb.save(str(out))
