"""The report's section on stopped clocks: paused working days counted apart from answer time."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.services.core.persian import format_number, to_persian_digits
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.about import as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import days, heading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table

SECTION = 11  # after the satisfaction calls (10)
TITLE = "توقف مهلت در انتظار مدارک شهروند (روزهای توقف)"
AGENCY_ROWS = 12


def pauses_section(report: QuarterlyReport) -> list[Flowable]:
    """Pauses of the quarter: how many, the working days stopped, the agencies that waited most."""
    f = report.pauses
    if f is None:
        return []
    w = FRAME_WIDTH
    story: list[Flowable] = [
        heading(SECTION, TITLE),
        unit_note("واحد: روز کاری؛ روزهایی که مهلت پاسخ درخواست یا نامه ارجاع به سبب انتظار "
                  f"برای مدارک شهروند ایستاد، درون این سه‌ماهه و {as_of(report)}. این روزها "
                  "جدا از زمان پاسخ شمرده می‌شود و پرونده‌ای که در انتظار مدارک است معوق "
                  "شمرده نمی‌شود."),
    ]
    if not f.overlapping:
        story.append(RtlParagraph("در این سه‌ماهه مهلت هیچ پرونده‌ای متوقف نشد.", BODY))
        return story
    rows = [
        ("توقف‌های آغازشده در سه‌ماهه", format_number(f.started)),
        ("توقف‌های پایان‌یافته در سه‌ماهه", format_number(f.ended)),
        ("پرونده‌های دارای توقف (درخواست و نامه ارجاع)", format_number(f.cases)),
        ("روزهای کاری توقف مهلت درخواست‌ها", format_number(f.request_days)),
        ("روزهای کاری توقف مهلت نامه‌های ارجاع", format_number(f.referral_days)),
        ("روزهای کاری توقف در همه", format_number(f.paused_days)),
        ("میانگین روزهای کاری یک توقف پایان‌یافته", days(f.mean_days_ended)),
        ("پرونده‌های در انتظار مدارک در تاریخ مبنا", format_number(f.paused_at_cut_off)),
    ]
    story.append(rtl_table(["شاخص", "مقدار"], rows, [w * 0.7, w * 0.3],
                           numeric=[False, True], font_size=8.5))
    if f.agencies:
        shown = f.agencies[:AGENCY_ROWS]
        story += [
            Spacer(1, 8),
            rtl_table(
                ["ردیف", "دستگاه", "توقف‌ها", "روزهای توقف", "در انتظار مدارک در تاریخ مبنا"],
                [(to_persian_digits(i), a.agency, format_number(a.pauses),
                  format_number(a.paused_days), format_number(a.paused_at_cut_off))
                 for i, a in enumerate(shown, start=1)],
                [w * x for x in (0.07, 0.43, 0.14, 0.16, 0.20)],
                numeric=[True, False, True, True, True], font_size=8.5),
        ]
    return story
