"""Colours of the calendar: one per agency (stable across sessions), and the day tints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from app.views import palette

# Twenty well-separated hues; an agency keeps its colour because it is chosen by id.
_PALETTE = (
    "#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#be185d", "#0e7490", "#4d7c0f",
    "#c2410c", "#4338ca", "#0f766e", "#a16207", "#7e22ce", "#9f1239", "#15803d", "#1e40af",
    "#854d0e", "#a21caf", "#0369a1", "#3f6212",
)

FRIDAY_TINT = QColor("#fdecec")
HOLIDAY_TINT = QColor("#fde2e1")
OTHER_MONTH_TINT = QColor("#f3f4f6")
TODAY_BORDER = QColor("#2563eb")
WEEKEND_TEXT = QColor(palette.ERROR)
MUTED_TEXT = QColor("#9ca3af")
TEXT = QColor("#111827")
SOFT_TEXT = QColor("#374151")
CELL_BACKGROUND = QColor("#ffffff")
CELL_BORDER = QColor("#e5e7eb")
GROUP_BLOCK = QColor("#475569")  # several overlapping meetings listed in one week block
RECEIVED_ROW = QColor("#e8f5e9")  # a citizen received in the meeting-day queue


def agency_color(agency_id: int) -> QColor:
    """The colour of an agency's meetings."""
    return QColor(_PALETTE[(agency_id - 1) % len(_PALETTE)])


def light(color: QColor, alpha: int = 46) -> QColor:
    """A pale version of a colour for backgrounds."""
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def swatch(color: QColor, size: int = 12) -> QIcon:
    """A small filled square, for combo boxes and the legend."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    pm.fill(color)
    return QIcon(pm)
