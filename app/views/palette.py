"""Colours that paint code needs (delegates, charts, calendar cells); widgets use resources/style/*.qss.

The same values appear in resources/style/base.qss; keep the two in step. Add names at the end.
"""

from __future__ import annotations

ERROR = "#b91c1c"
INK = "#1f2933"
MUTED = "#616e7c"
BORDER = "#d3d9e0"
CANVAS = "#f3f5f7"
SURFACE = "#ffffff"
ACCENT = "#0f6e6a"
ACCENT_DARK = "#0b5450"
ACCENT_SOFT = "#e3f1ef"
SELECTION = "#cfe7e3"
OK = "#15803d"
WARNING = "#b45309"
WARNING_SOFT = "#fff4ce"
ICON = "#3e4c59"
ICON_ON_ACCENT = "#ffffff"
ICON_DISABLED = "#a7b1bb"
ALTERNATE_ROW = "#f7f9fa"
PLACEHOLDER = "#8a96a3"
OVERDUE_BACKGROUND = "#fde2e1"
OVERDUE_TEXT = "#9b1c1c"
DUE_SOON_BACKGROUND = "#fef3c7"
VERDICT_PROPER = "#166534"
VERDICT_NEEDS_CORRECTION = "#92400e"
VERDICT_VIOLATION = "#9b1c1c"
INACTIVE_TEXT = "#6b7280"
