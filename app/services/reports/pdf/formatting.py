"""Small shared pieces of the report: numbered headings and figures with their change in words."""

from __future__ import annotations

from app.services.core.persian import format_number, format_percent, to_persian_digits
from app.services.reports.dto import QuarterSummary
from app.services.reports.pdf.flowables import HEADING, SUBHEADING, RtlParagraph

DASH = "—"


def heading(number: int, text: str) -> RtlParagraph:
    """A numbered section heading that stays with what follows it."""
    p = RtlParagraph(f"{to_persian_digits(number)}- {text}", HEADING)
    p.keepWithNext = True
    return p


def subheading(text: str) -> RtlParagraph:
    """A sub-section heading that stays with what follows it."""
    p = RtlParagraph(text, SUBHEADING)
    p.keepWithNext = True
    return p


def change(current: float, previous: float) -> str:
    """Relative change of a count, always one decimal: «٪۱۲٫۰ افزایش», «٪۰٫۸ کاهش»."""
    if current == previous:
        return "بدون تغییر"
    if not previous:
        return DASH
    ratio = (current - previous) / previous
    shown = format_percent(abs(ratio), 1)  # one format: «٪۰٫۸» beside «٪۲٫۰», never «٪۲»
    return f"{shown} {'افزایش' if ratio > 0 else 'کاهش'}"


def point_change(current: float, previous: float) -> str:
    """Change of a share in percentage points, one decimal: «۲٫۰ واحد درصد افزایش»."""
    diff = round((current - previous) * 100, 1)
    if diff == 0:
        return "بدون تغییر"
    return f"{format_number(abs(diff), 1)} واحد درصد {'افزایش' if diff > 0 else 'کاهش'}"


def days(value: float | None) -> str:
    """Working days («۴٫۵», «۵»), or a dash when nothing was measured."""
    if value is None:
        return DASH
    value = round(value, 1)
    return format_number(value, 1 if value % 1 else 0)


def days_change(current: float | None, previous: float | None) -> str:
    """Change of a duration in working days, in words."""
    if current is None or previous is None:
        return DASH
    diff = round(current - previous, 1)
    if diff == 0:
        return "بدون تغییر"
    shown = format_number(abs(diff), 1 if diff % 1 else 0)
    return f"{shown} روز {'افزایش' if diff > 0 else 'کاهش'}"


def satisfaction(s: QuarterSummary) -> str:
    """Average satisfaction out of five with its number of answers, or a dash."""
    if s.satisfaction_average is None or not s.satisfaction_count:
        return DASH
    return f"{format_number(s.satisfaction_average, 1)} از ۵ ({format_number(s.satisfaction_count)} نظر)"


def share(part: int, whole: int) -> float:
    """part / whole, or 0 when there is no whole."""
    return part / whole if whole else 0.0
