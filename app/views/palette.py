"""Colours that paint code needs (delegates, charts, calendar cells); widgets use resources/style/*.qss."""

from __future__ import annotations

ERROR = "#b91c1c"
