"""The quarterly report's tables as an .xlsx workbook, one right-to-left sheet per table.

The same cut-off and units as the PDF; the deep-rooted sheet lists every case of the quarter
(the PDF prints the first DEEP_ROOTED_LIMIT by the same order). Codes keep Latin digits.
"""

from __future__ import annotations

from pathlib import Path

from app.services.core import jalali, persian
from app.services.core.xlsx import add_table, new_workbook, save
from app.services.reports.dto import QuarterlyReport
from app.services.reports.events import events_sheet
from app.services.reports.objections import objections_sheet


def _pct(x: float) -> float:
    """A share as a percentage rounded to one decimal."""
    return round(100 * x, 1)


AGENCY_TYPES_SHEET = "جدول ۱ دستگاه و نوع"
DEEP_ROOTED_SHEET = "موارد ریشه‌دار"


def write_quarterly_xlsx(report: QuarterlyReport, out: Path | str) -> None:
    """Write every table of the quarterly report to a workbook."""
    s, p = report.summary, report.previous
    wb = new_workbook()
    add_table(wb, "خلاصه", ["شاخص", "واحد", jalali.quarter_label(s.year, s.quarter),
                            jalali.quarter_label(p.year, p.quarter)], [
        ["تاریخ مبنا (وضع همه ارقام در پایان این روز)", "تاریخ",
         jalali.format_jalali(s.as_of), jalali.format_jalali(p.as_of)],
        ["درخواست‌های دریافتی", "درخواست", s.received, p.received],
        ["پاسخ مستقیم", "درخواست", s.answered_directly, p.answered_directly],
        ["ارجاع به دستگاه", "درخواست", s.referred, p.referred],
        ["در دست بررسی در تاریخ مبنا", "درخواست", s.pending_at_cut_off, p.pending_at_cut_off],
        ["مربوط به استانداری", "درخواست", s.concerning_governorate, p.concerning_governorate],
        ["مربوط به سایر دستگاه‌ها", "درخواست", s.concerning_others, p.concerning_others],
        ["سهم استانداری", "درصد از درخواست‌ها", _pct(s.governorate_share),
         _pct(p.governorate_share)],
        ["میانهٔ روزهای کاری تا پاسخ", "روز کاری", s.median_working_days_to_answer,
         p.median_working_days_to_answer],
        ["نامه‌های ارجاع این سه‌ماهه", "نامه ارجاع", s.referrals_total, p.referrals_total],
        ["نامه‌های ارجاع پاسخ‌گرفته", "نامه ارجاع", s.referrals_answered, p.referrals_answered],
        ["پاسخ در مهلت", "نامه ارجاع", s.referrals_answered_on_time,
         p.referrals_answered_on_time],
        ["سهم پاسخ در مهلت", "درصد از نامه‌های پاسخ‌گرفته", _pct(s.on_time_share),
         _pct(p.on_time_share)],
        ["نامه‌های ارجاع معوق (از هر دوره)", "نامه ارجاع", s.overdue_at_end, p.overdue_at_end],
        ["میانگین رضایت", "از ۵", round(s.satisfaction_average, 2)
         if s.satisfaction_average is not None else None,
         round(p.satisfaction_average, 2) if p.satisfaction_average is not None else None],
    ], widths=[40, 24, 24, 24])
    add_table(wb, "مجرای دریافت", ["مجرا", "این دوره", "دورهٔ قبل"],
              [[r.label, r.count, r.previous] for r in s.by_channel], widths=[24, 14, 14])
    add_table(wb, "نوع درخواست", ["نوع", "این دوره", "دورهٔ قبل"],
              [[r.label, r.count, r.previous] for r in s.by_type], widths=[24, 14, 14])
    t = s.by_agency_type
    add_table(wb, AGENCY_TYPES_SHEET, ["دستگاه اجرایی", *t.types, "جمع (درخواست)"], [
        *([f"{r.agency} (خود استانداری)" if r.is_governorate else r.agency, *r.counts, r.total]
          for r in t.rows),
        ["جمع", *t.column_totals, t.total],
    ], widths=[40] + [12] * len(t.types) + [16])
    add_table(wb, "دیدارهای مردمی", [
        "مدیر", "سمت", "دستگاه", "روزهای مقرر", "برگزارشده", "لغوشده", "شهروندان پذیرفته‌شده",
        "مسائل مطرح‌شده", "دستورها", "دستورهای باز"], [
        [m.manager, m.title, m.agency, m.expected, m.held, m.cancelled, m.citizens_received,
         m.issues_raised, m.directives_issued, m.directives_open] for m in report.managers
    ], widths=[22, 34, 30, 12, 12, 10, 14, 14, 10, 12])
    add_table(wb, "ارجاعات دستگاه‌ها", [
        "دستگاه", "نامه‌های ارجاع", "پاسخ‌گرفته", "پاسخ در مهلت (درصد)", "میانهٔ روز کاری",
        "میانگین روز کاری", "معوق در تاریخ مبنا", "پاسخ ناکافی", "تمدید", "پیگیری"], [
        [a.agency, a.referred, a.answered, _pct(a.on_time_share), a.median_working_days,
         round(a.mean_working_days, 1) if a.mean_working_days is not None else None,
         a.overdue_now, a.inadequate, a.extensions, a.follow_ups] for a in report.agencies
    ], widths=[34, 10, 10, 16, 14, 14, 12, 12, 8, 8])
    counties = sorted(report.counties, key=lambda c: persian.sort_key(c.county))
    add_table(wb, "شهرستان‌ها", ["شهرستان", "دریافتی", "پاسخ مستقیم", "ارجاع",
                                 "باز در تاریخ مبنا"], [
        [c.county, c.received, c.answered_directly, c.referred, c.open] for c in counties
    ], widths=[18, 10, 12, 10, 14])
    printed = len(report.deep_rooted)
    add_table(wb, DEEP_ROOTED_SHEET, ["ردیف", "در گزارش چاپی", "کد رهگیری", "تاریخ دریافت",
                                      "موضوع", "شهرستان", "دستگاه‌ها", "وضعیت در تاریخ مبنا",
                                      "اقدامات انجام‌شده"], [
        [i, "بله" if i <= printed else "خیر", persian.canonical_code(d.tracking_code),
         jalali.format_jalali(d.received_on) if d.received_on else None, d.subject, d.county,
         "، ".join(d.agencies), d.state, d.actions]
        for i, d in enumerate(report.every_deep_rooted, start=1)
    ], widths=[8, 12, 18, 14, 34, 14, 34, 18, 80])
    add_table(wb, *objections_sheet(report))
    if report.events is not None:  # issue 14 §1
        add_table(wb, *events_sheet(report.events))
    add_table(wb, "زنجیرهٔ ممیزی", ["شاخص", "مقدار"], [
        ["چکیدهٔ سرآغاز زنجیره هنگام تهیهٔ گزارش", report.audit_head_hash],
        ["شمار رویدادهای زنجیره تا این چکیده", report.audit_events],
    ], widths=[40, 70])
    save(wb, out)
