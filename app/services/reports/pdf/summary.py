"""The report's opening figures: the quarter's summary, requests by channel and by type."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.services.core.persian import format_number, format_percent
from app.services.reports.dto import CountRow, QuarterlyReport, QuarterSummary
from app.services.reports.pdf import charts
from app.services.reports.pdf.about import LETTER, REQUEST, about_section, as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import (
    DASH,
    change,
    days,
    days_change,
    heading,
    point_change,
    satisfaction,
    share,
    subheading,
)
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table

PERCENT = "درصد"
WORKING_DAYS = "روز کاری"


def _row(label: str, unit: str, current: str, previous: str, delta: str) -> tuple[str, ...]:
    return (label, unit, current, previous, delta)


def summary_rows(report: QuarterlyReport) -> list[tuple[str, ...]]:
    """The headline table: indicator, its unit, this quarter, last quarter, the change."""
    s, p = report.summary, report.previous
    direct_share = share(s.answered_directly, s.received)
    p_direct_share = share(p.answered_directly, p.received)

    def count(label: str, unit: str, now: int, before: int) -> tuple[str, ...]:
        return _row(label, unit, format_number(now), format_number(before), change(now, before))

    def pct(label: str, unit: str, now: float, before: float) -> tuple[str, ...]:
        return _row(label, unit, format_percent(now), format_percent(before),
                    point_change(now, before))

    return [
        count("درخواست‌های دریافتی", REQUEST, s.received, p.received),
        count("پاسخ مستقیم", REQUEST, s.answered_directly, p.answered_directly),
        count("ارجاع‌شده به دستگاه‌های اجرایی", REQUEST, s.referred, p.referred),
        count("در دست بررسی در تاریخ مبنا", REQUEST, s.pending_at_cut_off, p.pending_at_cut_off),
        pct("سهم پاسخ مستقیم", f"{PERCENT} از درخواست‌ها", direct_share, p_direct_share),
        count("مربوط به خود استانداری", REQUEST, s.concerning_governorate,
              p.concerning_governorate),
        count("مربوط به سایر دستگاه‌ها", REQUEST, s.concerning_others, p.concerning_others),
        pct("سهم استانداری از درخواست‌ها", f"{PERCENT} از درخواست‌ها", s.governorate_share,
            p.governorate_share),
        _row("میانه زمان پاسخ", WORKING_DAYS, days(s.median_working_days_to_answer),
             days(p.median_working_days_to_answer),
             days_change(s.median_working_days_to_answer, p.median_working_days_to_answer)),
        count("نامه‌های ارجاع این سه‌ماهه", LETTER, s.referrals_total, p.referrals_total),
        count("نامه‌های ارجاع پاسخ‌گرفته", LETTER, s.referrals_answered, p.referrals_answered),
        pct("پاسخ در مهلت", f"{PERCENT} از نامه‌های پاسخ‌گرفته", s.on_time_share,
            p.on_time_share),
        count("نامه‌های ارجاع معوق (از هر دوره)", LETTER, s.overdue_at_end, p.overdue_at_end),
        _row("رضایت شهروندان", "میانگین از ۵", satisfaction(s), satisfaction(p), DASH),
    ]


def summary_text(report: QuarterlyReport) -> str:
    """The paragraph that reads the headline figures, each with its unit and cut-off."""
    s, p = report.summary, report.previous
    direct_share = share(s.answered_directly, s.received)
    pending = (
        f" و {format_number(s.pending_at_cut_off)} درخواست تا تاریخ مبنا هنوز در دست بررسی بود"
        if s.pending_at_cut_off else ""
    )
    return (
        f"در این سه‌ماهه در مجموع {format_number(s.received)} درخواست مردمی دریافت شد که نسبت به "
        f"سه‌ماهه قبل ({format_number(p.received)} درخواست) {change(s.received, p.received)} نشان "
        f"می‌دهد. {as_of(report)}، {format_number(s.answered_directly)} درخواست "
        f"({format_percent(direct_share)}) به‌طور مستقیم پاسخ داده شد و "
        f"{format_number(s.referred)} درخواست ریشه‌دار به دستگاه‌های اجرایی مربوط ارجاع شد"
        f"{pending}. {format_percent(s.governorate_share)} درخواست‌ها به خود استانداری و بقیه به "
        f"سایر دستگاه‌های اجرایی مربوط بوده است. در این سه‌ماهه "
        f"{format_number(s.referrals_total)} {LETTER} فرستاده شد؛ از "
        f"{format_number(s.referrals_answered)} نامه‌ای که {as_of(report)} پاسخ گرفت "
        f"{format_percent(s.on_time_share)} در مهلت مقرر پاسخ گرفت، و در همان روز "
        f"{format_number(s.overdue_at_end)} {LETTER} (از این سه‌ماهه و پیش از آن) خارج از مهلت "
        "بی‌پاسخ یا با پاسخ ناکافی مانده بود."
    )


def summary_section(report: QuarterlyReport) -> list[Flowable]:
    """The note on what is counted, headline figures beside last quarter's, and chart 1."""
    s, p = report.summary, report.previous
    w = FRAME_WIDTH

    def resolved(q: QuarterSummary) -> list[tuple[str, int]]:
        parts = [("پاسخ مستقیم", q.answered_directly), ("ارجاع", q.referred)]
        return parts + ([("در دست بررسی", q.pending_at_cut_off)] if q.pending_at_cut_off else [])

    def concerns(q: QuarterSummary) -> list[tuple[str, int]]:
        return [("استانداری", q.concerning_governorate), ("سایر دستگاه‌ها", q.concerning_others)]

    return [
        heading(1, "خلاصه عملکرد سه‌ماهه"),
        *about_section(report),
        RtlParagraph(summary_text(report), BODY.with_(align="justify", space_before=4,
                                                      space_after=6)),
        rtl_table(
            ["شاخص", "واحد", "سه‌ماهه جاری", "سه‌ماهه قبل", "تغییر"],
            summary_rows(report),
            [w * 0.31, w * 0.19, w * 0.15, w * 0.15, w * 0.20],
            numeric=[False, False, True, True, True],
            font_size=8,
        ),
        Spacer(1, 10),
        charts.split_bars(
            [
                (f"الف) پاسخ مستقیم در برابر ارجاع ({REQUEST}، {as_of(report)})",
                 [("سه‌ماهه جاری", resolved(s)), ("سه‌ماهه قبل", resolved(p))]),
                (f"ب) سهم استانداری از درخواست‌ها ({REQUEST})",
                 [("سه‌ماهه جاری", concerns(s)), ("سه‌ماهه قبل", concerns(p))]),
            ],
            "نمودار ۱: پاسخ مستقیم در برابر ارجاع، و سهم استانداری از درخواست‌ها",
            w,
        ),
    ]


def _count_table(rows: list[CountRow], first: str, total: int, total_prev: int) -> Flowable:
    w = FRAME_WIDTH
    body = [
        (
            r.label,
            format_number(r.count),
            format_percent(share(r.count, total)),
            format_number(r.previous),
            change(r.count, r.previous),
        )
        for r in rows
    ]
    totals = (
        "جمع",
        format_number(total),
        format_percent(1.0 if total else 0.0),
        format_number(total_prev),
        change(total, total_prev),
    )
    return rtl_table(
        [first, f"سه‌ماهه جاری ({REQUEST})", "سهم از کل", f"سه‌ماهه قبل ({REQUEST})", "تغییر"],
        body,
        [w * 0.30, w * 0.16, w * 0.14, w * 0.16, w * 0.24],
        numeric=[False, True, True, True, True],
        total=totals,
    )


def channels_section(report: QuarterlyReport) -> list[Flowable]:
    """Requests by channel and by type, each with a chart against the previous quarter."""
    s = report.summary
    w = FRAME_WIDTH
    prev_total = report.previous.received
    return [
        heading(2, "درخواست‌ها بر حسب مجرای دریافت و نوع درخواست"),
        unit_note(f"واحد: {REQUEST}؛ درخواست‌هایی که در هر سه‌ماهه دریافت شده است."),
        subheading("الف) مجرای دریافت"),
        _count_table(s.by_channel, "مجرای دریافت", s.received, prev_total),
        Spacer(1, 8),
        charts.compare_bars(s.by_channel, f"نمودار ۲: درخواست‌ها بر حسب مجرای دریافت ({REQUEST})", w),
        subheading("ب) نوع درخواست"),
        _count_table(s.by_type, "نوع درخواست", s.received, prev_total),
        Spacer(1, 8),
        charts.compare_bars(s.by_type, f"نمودار ۳: درخواست‌ها بر حسب نوع ({REQUEST})", w, height=170),
    ]
