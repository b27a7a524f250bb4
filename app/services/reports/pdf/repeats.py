"""The report's repeat requests: their share by channel and by county, and how they are counted."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.services.core.persian import format_number, format_percent, to_persian_digits
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.about import REQUEST, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import heading, subheading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table
from app.services.reports.repeats import RepeatRow, RepeatShare

NUMBER = 8  # after the deep-rooted cases (7)
TITLE = "مراجعهٔ تکراری"


def how_counted(r: RepeatShare) -> str:
    """The rule, in the words the report prints."""
    return (
        "درخواست تکراری، دومین درخواست (یا درخواست‌های بعدی) همان شهروند دربارهٔ همان موضوع در "
        "همین سه‌ماهه است. همان شهروند یعنی همان کد ملی یا همان شمارهٔ تلفن همراه. همان موضوع "
        f"یعنی شباهت متن دو درخواست دست‌کم {to_persian_digits(r.threshold_percent)} درصد باشد "
        "(سه‌حرفی‌های مشترک موضوع‌ها، یا یافتن موضوع یکی در موضوع و متن دیگری، پس از یکسان‌سازی "
        "نویسه‌های فارسی) و درخواست پیشین هنوز باز باشد یا کمتر از "
        f"{to_persian_digits(r.window_days)} روز از مختومه شدنش گذشته باشد؛ یا کارشناس دو درخواست "
        "را «تکراری» یا «مرتبط» پیوند داده باشد. نخستین درخواست هر موضوع تکراری شمرده نمی‌شود. "
        "این سنجش هنگام ثبت هر درخواست انجام و نگه داشته می‌شود؛ با تغییر آستانه یا مهلت در "
        "تنظیمات دفتر، همهٔ درخواست‌ها دوباره سنجیده می‌شوند."
    )


def _table(rows: list[RepeatRow], first: str, total: RepeatShare) -> Flowable:
    w = FRAME_WIDTH
    body = [(to_persian_digits(i), r.label, format_number(r.requests), format_number(r.repeats),
             format_percent(r.share, 1)) for i, r in enumerate(rows, start=1)]
    foot = ("", "جمع", format_number(total.requests), format_number(total.repeats),
            format_percent(total.share, 1))
    header = ["ردیف", first, "درخواست‌های دریافتی", "درخواست‌های تکراری", "سهم تکراری"]
    fractions = [0.08, 0.36, 0.2, 0.2, 0.16]
    return rtl_table(header, body, [w * f for f in fractions],
                     numeric=[True, False, True, True, True], total=foot)


def repeats_section(report: QuarterlyReport) -> list[Flowable]:
    """Section: the share of repeat requests by channel and by county (nothing when not computed)."""
    r = report.repeats
    if r is None:
        return []
    lead = (f"از {format_number(r.requests)} درخواست این سه‌ماهه، {format_number(r.repeats)} "
            f"درخواست ({format_percent(r.share, 1)}) مراجعهٔ تکراری همان شهروند دربارهٔ همان "
            "موضوع بوده است")
    lead += (f"؛ {format_number(r.by_link_only)} مورد از آن‌ها را تنها پیوند کارشناس نشان داده است."
             if r.by_link_only else ".")
    return [
        heading(NUMBER, TITLE),
        RtlParagraph(lead, BODY.with_(align="justify", space_after=2)),
        unit_note(f"واحد: {REQUEST}. شیوهٔ شمارش: {how_counted(r)}"),
        subheading("الف) به تفکیک مجرای دریافت"),
        _table(r.by_channel, "مجرای دریافت", r),
        Spacer(1, 6),
        subheading("ب) به تفکیک شهرستان"),
        _table(r.by_county, "شهرستان", r),
        Spacer(1, 8),
    ]
