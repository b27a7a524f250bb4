"""The report's tables: Table 1 (agency × type), meetings per manager, referrals per agency, counties."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.services.core.persian import format_number, format_percent, to_persian_digits
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf import charts
from app.services.reports.pdf.about import LETTER, REQUEST, as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import DASH, days, heading, share
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table


def _kept(p: RtlParagraph) -> RtlParagraph:
    """A paragraph that stays on the page of what follows it."""
    p.keepWithNext = True
    return p


def meetings_section(report: QuarterlyReport) -> list[Flowable]:
    """Weekly public meetings per manager: expected versus held, citizens, issues, directives."""
    w = FRAME_WIDTH
    ms = report.managers
    rows = [
        (
            to_persian_digits(i),
            f"{m.manager}\n{m.title}",
            m.agency,
            format_number(m.expected),
            format_number(m.held),
            format_percent(share(m.held, m.expected)),
            format_number(m.citizens_received),
            format_number(m.issues_raised),
            format_number(m.directives_issued),
            format_number(m.directives_open),
        )
        for i, m in enumerate(ms, start=1)
    ]
    expected, held = sum(m.expected for m in ms), sum(m.held for m in ms)
    total = (
        "",
        "جمع",
        "",
        format_number(expected),
        format_number(held),
        format_percent(share(held, expected)),
        format_number(sum(m.citizens_received for m in ms)),
        format_number(sum(m.issues_raised for m in ms)),
        format_number(sum(m.directives_issued for m in ms)),
        format_number(sum(m.directives_open for m in ms)),
    )
    header = [
        "ردیف",
        "مدیر و سمت",
        "دستگاه",
        "روزهای مقرر",
        "برگزارشده",
        "درصد برگزاری",
        "شهروندان پذیرفته‌شده",
        "مسائل مطرح‌شده",
        "دستورهای صادرشده",
        "دستورهای باز",
    ]
    fractions = [0.05, 0.205, 0.175, 0.075, 0.08, 0.08, 0.09, 0.08, 0.085, 0.08]
    intro = (
        "هر مدیر موظف است یک روز در هفته را به دیدار چهره به چهره با مردم اختصاص دهد. جدول زیر "
        "روزهای ملاقات مقرر در این سه‌ماهه را با روزهای برگزارشده، شمار شهروندانی که پذیرفته شدند، "
        "مسائلی که مطرح شد و دستورهایی که صادر شد و هنوز باز است، مقایسه می‌کند."
    )
    return [
        heading(4, "دیدارهای مردمی مدیران"),
        _kept(RtlParagraph(intro, BODY.with_(align="justify", space_after=2))),
        unit_note(f"واحد: روز ملاقات، شهروند، مسئله و دستور؛ روزهای مقرر و برگزارشده "
                  f"{as_of(report)}."),
        rtl_table(
            header,
            rows,
            [w * f for f in fractions],
            numeric=[True, False, False] + [True] * 7,
            total=total,
            font_size=7.5,
        ),
    ]


def agencies_section(report: QuarterlyReport) -> list[Flowable]:
    """Referrals per executive agency, and a chart of the on-time share."""
    w = FRAME_WIDTH
    ags = report.agencies
    rows = [
        (
            to_persian_digits(i),
            a.agency,
            format_number(a.referred),
            format_number(a.answered),
            format_number(a.answered_on_time),
            format_percent(a.on_time_share),
            days(a.median_working_days),
            format_number(a.overdue_now),
            format_number(a.inadequate),
            format_number(a.extensions),
            format_number(a.follow_ups),
        )
        for i, a in enumerate(ags, start=1)
    ]
    answered = sum(a.answered for a in ags)
    on_time = sum(a.answered_on_time for a in ags)
    total = (
        "",
        "جمع",
        format_number(sum(a.referred for a in ags)),
        format_number(answered),
        format_number(on_time),
        format_percent(share(on_time, answered)),
        DASH,
        format_number(sum(a.overdue_now for a in ags)),
        format_number(sum(a.inadequate for a in ags)),
        format_number(sum(a.extensions for a in ags)),
        format_number(sum(a.follow_ups for a in ags)),
    )
    header = [
        "ردیف",
        "دستگاه اجرایی",
        "نامه‌های ارجاع",
        "پاسخ‌گرفته",
        "پاسخ در مهلت",
        "درصد در مهلت",
        "میانه زمان پاسخ\n(روز کاری)",
        "معوق در تاریخ مبنا",
        "پاسخ ناکافی",
        "تمدید مهلت",
        "پیگیری",
    ]
    # Answer grades, extensions and follow-ups come from the same StatisticsService query as
    # the referral tracker's agency-performance panel.
    fractions = [0.045, 0.27, 0.07, 0.085, 0.07, 0.07, 0.095, 0.07, 0.075, 0.07, 0.08]
    ranked = sorted((a for a in ags if a.answered), key=lambda a: a.on_time_share, reverse=True)
    chart = charts.share_bars(
        [
            (
                a.agency,
                a.on_time_share,
                f"({format_number(a.answered_on_time)} از {format_number(a.answered)})",
            )
            for a in ranked
        ],
        f"نمودار ۴: سهم پاسخ در مهلت دستگاه‌های اجرایی (از نامه‌های ارجاع پاسخ‌گرفته "
        f"{as_of(report)})",
        w,
    )
    return [
        heading(5, "ارجاعات به دستگاه‌های اجرایی"),
        unit_note(f"واحد: {LETTER}؛ نامه‌هایی که در این سه‌ماهه به هر دستگاه فرستاده شد، با "
                  f"پاسخ‌ها و معوق‌ها {as_of(report)}. یک درخواست ممکن است چند نامه ارجاع داشته "
                  "باشد، پس جمع این جدول با شمار درخواست‌های ارجاع‌شده برابر نیست."),
        rtl_table(
            header,
            rows,
            [w * f for f in fractions],
            numeric=[True, False] + [True] * 9,
            total=total,
            font_size=8,
        ),
        Spacer(1, 10),
        chart,
    ]


def counties_section(report: QuarterlyReport) -> list[Flowable]:
    """Requests per county: every county of the province, including those with none."""
    w = FRAME_WIDTH
    cs = report.counties
    received = sum(c.received for c in cs)
    rows = [
        (
            to_persian_digits(i),
            c.county,
            format_number(c.received),
            format_percent(share(c.received, received)),
            format_number(c.answered_directly),
            format_number(c.referred),
            format_number(c.open),
        )
        for i, c in enumerate(cs, start=1)
    ]
    total = (
        "",
        "جمع",
        format_number(received),
        format_percent(1.0 if received else 0.0),
        format_number(sum(c.answered_directly for c in cs)),
        format_number(sum(c.referred for c in cs)),
        format_number(sum(c.open for c in cs)),
    )
    header = [
        "ردیف",
        "شهرستان",
        "درخواست‌های دریافتی",
        "سهم از کل",
        "پاسخ مستقیم",
        "ارجاع‌شده",
        "باز در تاریخ مبنا",
    ]
    fractions = [0.07, 0.23, 0.16, 0.12, 0.14, 0.14, 0.14]
    return [
        heading(6, "درخواست‌ها به تفکیک شهرستان"),
        unit_note(f"واحد: {REQUEST}؛ پاسخ، ارجاع و درخواست‌های باز {as_of(report)}. "
                  "شهرستان‌ها به ترتیب الفبا، از جمله شهرستان‌های تازه‌تأسیس."),
        rtl_table(
            header,
            rows,
            [w * f for f in fractions],
            numeric=[True, False] + [True] * 5,
            total=total,
            font_size=8.5,
        ),
    ]


def agency_types_section(report: QuarterlyReport) -> list[Flowable]:
    """Table 1: requests of the quarter per executive agency and request type, with totals."""
    w = FRAME_WIDTH
    table = report.summary.by_agency_type
    rows = [
        (
            to_persian_digits(i),
            f"{r.agency} (خود استانداری)" if r.is_governorate else r.agency,
            *(format_number(n) for n in r.counts),
            format_number(r.total),
        )
        for i, r in enumerate(table.rows, start=1)
    ]
    total = ("", "جمع", *(format_number(n) for n in table.column_totals),
             format_number(table.total))
    n_types = len(table.types)
    type_width = 0.62 / max(1, n_types)
    fractions = [0.05, 0.23] + [type_width] * n_types + [0.10]
    intro = (
        f"واحد: {REQUEST}؛ همه درخواست‌های دریافتی این سه‌ماهه، هر درخواست در یک ردیف. دستگاه "
        f"هر درخواست، دستگاهی است که آخرین نامه ارجاع آن {as_of(report)} به آن فرستاده شده؛ "
        "درخواستی که ارجاع نشده زیر دستگاهی می‌آید که هنگام ثبت نام برده شده و اگر دستگاهی نام "
        "برده نشده باشد (مانند درخواست‌های واردشده از سامد که هنوز ارجاع نشده‌اند) زیر خود "
        "استانداری."
    )
    return [
        heading(3, "جدول ۱: درخواست‌ها به تفکیک دستگاه اجرایی و نوع درخواست"),
        unit_note(intro),
        rtl_table(
            ["ردیف", "دستگاه اجرایی", *table.types, "جمع"],
            rows,
            [w * f for f in fractions],
            numeric=[True, False] + [True] * (n_types + 1),
            total=total,
            font_size=8,
        ),
    ]
