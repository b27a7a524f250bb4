"""The agency-performance panel as an .xlsx workbook (right-to-left, formula-safe)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.services.core import jalali
from app.services.core.xlsx import add_table, new_workbook, save
from app.services.reports.dto import AgencyPerformance

HEADERS = ["دستگاه اجرایی", "ارجاع‌شده", "پاسخ‌داده", "پاسخ در مهلت", "درصد پاسخ در مهلت",
           "میانهٔ روز کاری تا پاسخ", "میانگین روز کاری تا پاسخ", "معوق کنونی", "پاسخ ناکافی",
           "تمدید", "پیگیری", "ارجاع به بازرسی"]


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def agency_rows(rows: list[AgencyPerformance]) -> list[list[object]]:
    """The cells of each agency's line, numbers kept as numbers for Excel."""
    return [[a.agency, a.referred, a.answered, a.answered_on_time,
             round(100 * a.on_time_share, 1) if a.answered else None,
             _round(a.median_working_days), _round(a.mean_working_days), a.overdue_now,
             a.inadequate, a.extensions, a.follow_ups, a.escalated] for a in rows]


def write_agency_performance(rows: list[AgencyPerformance], start: date, end: date,
                             out: Path | str) -> int:
    """Save the panel's rows (in the order shown) for the period; returns the rows written."""
    title = (f"عملکرد دستگاه‌ها {jalali.format_jalali(start, persian_digits=False)} تا "
             f"{jalali.format_jalali(end, persian_digits=False)}")
    wb = new_workbook()
    ws = add_table(wb, "عملکرد دستگاه‌ها", HEADERS, agency_rows(rows),
                   widths=[36, 11, 11, 12, 14, 16, 16, 11, 11, 8, 8, 13])
    ws.oddHeader.center.text = title
    save(wb, out)
    return len(rows)
