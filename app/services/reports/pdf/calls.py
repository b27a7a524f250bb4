"""The report's satisfaction-call table: calls made, reached, satisfaction and solved, by county."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.services.core.persian import format_number, format_percent, to_persian_digits
from app.services.reports.calls import CallCountyRow
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.about import REQUEST, as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import DASH, heading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table

HEADING_NUMBER = 10
TITLE = "تماس‌های رضایت‌سنجی پس از ختم درخواست"
HEADER = ["ردیف", "شهرستان", "تماس گرفته‌شده", "درخواست", "پاسخ داد", "پاسخ نداد",
          "میانگین رضایت (از ۵)", "مشکل حل شد"]
FRACTIONS = [0.06, 0.18, 0.12, 0.10, 0.12, 0.11, 0.15, 0.16]


def _cells(r: CallCountyRow) -> tuple[str, ...]:
    """The figures of one row, formatted."""
    return (
        format_number(r.calls), format_number(r.requests),
        f"{format_number(r.reached)} ({format_percent(r.reached_share)})",
        format_number(r.no_answer),
        format_number(r.score_average, 1) if r.score_average is not None else DASH,
        f"{format_number(r.solved)} ({format_percent(r.solved_share)})" if r.reached else DASH,
    )


def calls_section(report: QuarterlyReport) -> list[Flowable]:
    """Heading, the rule the figures follow, and the table (or a sentence when no call was made)."""
    figures = report.calls
    story: list[Flowable] = [heading(HEADING_NUMBER, TITLE)]
    note = (f"واحد: تماس تلفنی با شهروند پس از مختومه شدن {REQUEST}، {as_of(report)}؛ هر "
            f"{REQUEST} تا سه بار در سه روز جدا. «پاسخ نداد» درخواستی است که پس از سه تماس "
            "بی‌پاسخ از فهرست بیرون رفته است. رضایت شهروندان در خلاصه گزارش و فهرست «رضایت پایین» "
            "بازرسی، پاسخ همین تماس‌هاست و برای درخواستی که تماسش پاسخ نگرفته، رضایتی که هنگام "
            "ختم ثبت شده است.")
    story.append(unit_note(note))
    if figures is None or not figures.total.calls and not figures.total.no_answer:
        story.append(RtlParagraph("در این سه‌ماهه تماس رضایت‌سنجی ثبت نشده است.", BODY))
        return story
    rows = [(to_persian_digits(i), r.county, *_cells(r))
            for i, r in enumerate(figures.rows, start=1)]
    total = ("", "جمع", *_cells(figures.total))
    story.append(rtl_table(HEADER, rows, [FRAME_WIDTH * f for f in FRACTIONS],
                           numeric=[True, False] + [True] * 6, total=total, font_size=8.5))
    return story
