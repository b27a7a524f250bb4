"""Colours that paint code needs (delegates, charts, calendar cells); widgets use resources/style/*.qss."""

from __future__ import annotations

ERROR = "#b91c1c"
OVERDUE_BACKGROUND = "#fde2e1"
OVERDUE_TEXT = "#9b1c1c"
DUE_SOON_BACKGROUND = "#fef3c7"
VERDICT_PROPER = "#166534"
VERDICT_NEEDS_CORRECTION = "#92400e"
VERDICT_VIOLATION = "#9b1c1c"
INACTIVE_TEXT = "#6b7280"
