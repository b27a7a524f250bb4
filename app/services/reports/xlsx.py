"""The quarterly report's tables as an .xlsx workbook, one right-to-left sheet per table."""

from __future__ import annotations

from pathlib import Path

from app.services.core import jalali
from app.services.core.xlsx import add_table, new_workbook, save
from app.services.reports.dto import QuarterlyReport


def _pct(x: float) -> float:
    """A share as a percentage rounded to one decimal."""
    return round(100 * x, 1)


def write_quarterly_xlsx(report: QuarterlyReport, out: Path | str) -> None:
    """Write every table of the quarterly report to a workbook."""
    s, p = report.summary, report.previous
    wb = new_workbook()
    add_table(wb, "خلاصه", ["شاخص", jalali.quarter_label(s.year, s.quarter),
                            jalali.quarter_label(p.year, p.quarter)], [
        ["درخواست‌های دریافتی", s.received, p.received],
        ["پاسخ مستقیم", s.answered_directly, p.answered_directly],
        ["ارجاع به دستگاه", s.referred, p.referred],
        ["مربوط به استانداری", s.concerning_governorate, p.concerning_governorate],
        ["مربوط به سایر دستگاه‌ها", s.concerning_others, p.concerning_others],
        ["سهم استانداری (درصد)", _pct(s.governorate_share), _pct(p.governorate_share)],
        ["میانهٔ روزهای کاری تا پاسخ", s.median_working_days_to_answer,
         p.median_working_days_to_answer],
        ["ارجاعات", s.referrals_total, p.referrals_total],
        ["ارجاعات پاسخ‌داده", s.referrals_answered, p.referrals_answered],
        ["پاسخ در مهلت", s.referrals_answered_on_time, p.referrals_answered_on_time],
        ["معوق در پایان دوره", s.overdue_at_end, p.overdue_at_end],
        ["میانگین رضایت (۱ تا ۵)", round(s.satisfaction_average, 2)
         if s.satisfaction_average is not None else None,
         round(p.satisfaction_average, 2) if p.satisfaction_average is not None else None],
    ], widths=[34, 26, 26])
    add_table(wb, "مجرای دریافت", ["مجرا", "این دوره", "دورهٔ قبل"],
              [[r.label, r.count, r.previous] for r in s.by_channel], widths=[24, 14, 14])
    add_table(wb, "نوع درخواست", ["نوع", "این دوره", "دورهٔ قبل"],
              [[r.label, r.count, r.previous] for r in s.by_type], widths=[24, 14, 14])
    add_table(wb, "دیدارهای مردمی", [
        "مدیر", "سمت", "دستگاه", "روزهای مقرر", "برگزارشده", "لغوشده", "شهروندان پذیرفته‌شده",
        "مسائل مطرح‌شده", "دستورها", "دستورهای باز"], [
        [m.manager, m.title, m.agency, m.expected, m.held, m.cancelled, m.citizens_received,
         m.issues_raised, m.directives_issued, m.directives_open] for m in report.managers
    ], widths=[22, 34, 30, 12, 12, 10, 14, 14, 10, 12])
    add_table(wb, "ارجاعات دستگاه‌ها", [
        "دستگاه", "ارجاع‌شده", "پاسخ‌داده", "پاسخ در مهلت (درصد)", "میانهٔ روز کاری",
        "میانگین روز کاری", "معوق کنونی", "پاسخ ناکافی", "تمدید", "پیگیری"], [
        [a.agency, a.referred, a.answered, _pct(a.on_time_share), a.median_working_days,
         round(a.mean_working_days, 1) if a.mean_working_days is not None else None,
         a.overdue_now, a.inadequate, a.extensions, a.follow_ups] for a in report.agencies
    ], widths=[34, 10, 10, 16, 14, 14, 12, 12, 8, 8])
    add_table(wb, "شهرستان‌ها", ["شهرستان", "دریافتی", "پاسخ مستقیم", "ارجاع", "باز"], [
        [c.county, c.received, c.answered_directly, c.referred, c.open] for c in report.counties
    ], widths=[18, 10, 12, 10, 10])
    add_table(wb, "موارد ریشه‌دار", ["کد رهگیری", "موضوع", "شهرستان", "دستگاه‌ها", "وضعیت",
                                     "اقدامات انجام‌شده"], [
        [d.tracking_code, d.subject, d.county, "، ".join(d.agencies), d.state, d.actions]
        for d in report.deep_rooted
    ], widths=[18, 34, 14, 34, 18, 80])
    add_table(wb, "زنجیرهٔ ممیزی", ["شاخص", "مقدار"], [
        ["چکیدهٔ سرآغاز زنجیره هنگام تهیهٔ گزارش", report.audit_head_hash],
        ["شمار رویدادهای زنجیره تا این چکیده", report.audit_events],
    ], widths=[40, 70])
    save(wb, out)
