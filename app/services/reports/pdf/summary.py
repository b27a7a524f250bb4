"""The report's opening figures: the quarter's summary, requests by channel and by type."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.services.core.persian import format_number, format_percent
from app.services.reports.dto import CountRow, QuarterlyReport
from app.services.reports.pdf import charts
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


def summary_section(report: QuarterlyReport) -> list[Flowable]:
    """Headline figures with the previous quarter beside them, and a sentence that reads them."""
    s, p = report.summary, report.previous
    direct_share, p_direct_share = (
        share(s.answered_directly, s.received),
        share(p.answered_directly, p.received),
    )
    rows = [
        (
            "درخواست‌های دریافتی",
            format_number(s.received),
            format_number(p.received),
            change(s.received, p.received),
        ),
        (
            "پاسخ مستقیم",
            format_number(s.answered_directly),
            format_number(p.answered_directly),
            change(s.answered_directly, p.answered_directly),
        ),
        (
            "ارجاع به دستگاه‌های اجرایی",
            format_number(s.referred),
            format_number(p.referred),
            change(s.referred, p.referred),
        ),
        (
            "سهم پاسخ مستقیم",
            format_percent(direct_share),
            format_percent(p_direct_share),
            point_change(direct_share, p_direct_share),
        ),
        (
            "مربوط به خود استانداری",
            format_number(s.concerning_governorate),
            format_number(p.concerning_governorate),
            change(s.concerning_governorate, p.concerning_governorate),
        ),
        (
            "مربوط به سایر دستگاه‌ها",
            format_number(s.concerning_others),
            format_number(p.concerning_others),
            change(s.concerning_others, p.concerning_others),
        ),
        (
            "سهم استانداری از درخواست‌ها",
            format_percent(s.governorate_share),
            format_percent(p.governorate_share),
            point_change(s.governorate_share, p.governorate_share),
        ),
        (
            "میانه زمان پاسخ (روز کاری)",
            days(s.median_working_days_to_answer),
            days(p.median_working_days_to_answer),
            days_change(s.median_working_days_to_answer, p.median_working_days_to_answer),
        ),
        (
            "ارجاعات پاسخ‌داده‌شده",
            format_number(s.referrals_answered),
            format_number(p.referrals_answered),
            change(s.referrals_answered, p.referrals_answered),
        ),
        (
            "پاسخ در مهلت (از ارجاعات پاسخ‌داده‌شده)",
            format_percent(s.on_time_share),
            format_percent(p.on_time_share),
            point_change(s.on_time_share, p.on_time_share),
        ),
        (
            "معوق در پایان دوره",
            format_number(s.overdue_at_end),
            format_number(p.overdue_at_end),
            change(s.overdue_at_end, p.overdue_at_end),
        ),
        ("رضایت شهروندان", satisfaction(s), satisfaction(p), DASH),
    ]
    text = (
        f"در این سه‌ماهه در مجموع {format_number(s.received)} درخواست مردمی دریافت شد که نسبت به "
        f"سه‌ماهه قبل ({format_number(p.received)} درخواست) {change(s.received, p.received)} نشان می‌دهد. "
        f"از این تعداد {format_number(s.answered_directly)} درخواست ({format_percent(direct_share)}) "
        f"به‌طور مستقیم پاسخ داده شد و تنها موارد ریشه‌دار، یعنی {format_number(s.referred)} مورد، "
        f"به دستگاه‌های اجرایی مربوط ارجاع شد. {format_percent(s.governorate_share)} درخواست‌ها به خود "
        f"استانداری و بقیه به سایر دستگاه‌های اجرایی مربوط بوده است. "
        f"از ارجاعات پاسخ‌داده‌شده {format_percent(s.on_time_share)} در مهلت مقرر پاسخ گرفت و در پایان "
        f"دوره {format_number(s.overdue_at_end)} ارجاع خارج از مهلت باقی ماند."
    )
    w = FRAME_WIDTH
    return [
        heading(1, "خلاصه عملکرد سه‌ماهه"),
        RtlParagraph(text, BODY.with_(align="justify", space_after=6)),
        rtl_table(
            ["شاخص", "سه‌ماهه جاری", "سه‌ماهه قبل", "تغییر"],
            rows,
            [w * 0.40, w * 0.19, w * 0.19, w * 0.22],
            numeric=[False, True, True, True],
        ),
        Spacer(1, 10),
        charts.split_bars(
            [
                ("سه‌ماهه جاری", [("پاسخ مستقیم", s.answered_directly), ("ارجاع", s.referred)]),
                ("سه‌ماهه قبل", [("پاسخ مستقیم", p.answered_directly), ("ارجاع", p.referred)]),
                (
                    "سه‌ماهه جاری",
                    [
                        ("استانداری", s.concerning_governorate),
                        ("سایر دستگاه‌ها", s.concerning_others),
                    ],
                ),
                (
                    "سه‌ماهه قبل",
                    [
                        ("استانداری", p.concerning_governorate),
                        ("سایر دستگاه‌ها", p.concerning_others),
                    ],
                ),
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
        [first, "سه‌ماهه جاری", "سهم از کل", "سه‌ماهه قبل", "تغییر"],
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
        subheading("الف) مجرای دریافت"),
        _count_table(s.by_channel, "مجرای دریافت", s.received, prev_total),
        Spacer(1, 8),
        charts.compare_bars(s.by_channel, "نمودار ۲: درخواست‌ها بر حسب مجرای دریافت", w),
        subheading("ب) نوع درخواست"),
        _count_table(s.by_type, "نوع درخواست", s.received, prev_total),
        Spacer(1, 8),
        charts.compare_bars(s.by_type, "نمودار ۳: درخواست‌ها بر حسب نوع", w, height=170),
    ]
