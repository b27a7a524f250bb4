"""The report's section on events (issue 14 §1): each trip, live session or meeting day."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.services.core import jalali
from app.services.core.persian import format_number
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.about import as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import heading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table

SECTION = 12  # after the stopped clocks (11)
TITLE = "رویدادها: سفرها، ارتباط‌های زنده و روزهای ملاقات ویژه"
EMPTY = "در این سه‌ماهه رویدادی ثبت نشد."


def events_section(report: QuarterlyReport) -> list[Flowable]:
    """One row per event: letters received, answered directly, referred, still open."""
    rows = report.events
    if rows is None:
        return []
    w = FRAME_WIDTH
    story: list[Flowable] = [
        heading(SECTION, TITLE),
        unit_note(f"واحد: نامه؛ نامه‌های برچسب‌خورده با هر رویداد که در این سه‌ماهه رسید، "
                  f"{as_of(report)}."),
    ]
    if not rows:
        story.append(RtlParagraph(EMPTY, BODY))
        return story
    story.append(rtl_table(
        ["رویداد", "نوع", "تاریخ", "دریافتی", "پاسخ مستقیم", "ارجاع", "باز"],
        [(e.name, e.kind, jalali.format_jalali(e.starts_on), format_number(e.received),
          format_number(e.answered_directly), format_number(e.referred), format_number(e.open))
         for e in rows],
        [w * x for x in (0.30, 0.15, 0.13, 0.11, 0.11, 0.10, 0.10)],
        numeric=[False, False, False, True, True, True, True], font_size=8.5))
    return story
