"""Words of the stopped clock (توقف مهلت) as the window shows them."""

from __future__ import annotations

from datetime import date

from app.services.core import persian
from app.services.pauses.dto import PAUSED_LABEL, PauseInfo
from app.views import formatting

SECTION_TITLE = "توقف مهلت (در انتظار مدارک شهروند)"
PAUSE_ACTION = "توقف مهلت (در انتظار مدارک)…"
RESUME_ACTION = "ادامهٔ مهلت…"
PAUSE_TITLE = "توقف مهلت پاسخ"
PAUSE_INTRO = ("مهلت پاسخ تا رسیدن مدارک شهروند می‌ایستد؛ روزهای کاری توقف پس از ادامهٔ مهلت "
               "به مهلت افزوده می‌شود.")
PAUSE_LABEL = "دلیل (چه مدارکی خواسته شد):"
PAUSE_PLACEHOLDER = "مثلاً: رونوشت سند مالکیت و کارت ملی"
PAUSE_OK = "توقف مهلت"
RESUME_TITLE = "ادامهٔ مهلت پاسخ"
RESUME_INTRO = "مهلت از امروز دوباره می‌گذرد و به اندازهٔ روزهای کاری توقف جلو می‌رود."
RESUME_LABEL = "دلیل (چه رسید):"
RESUME_OK = "ادامهٔ مهلت"
RUNNING = "مهلت در جریان است."
NEVER_PAUSED = "مهلت این پرونده تاکنون متوقف نشده است."
COL_PAUSED_DAYS = "روزهای توقف"
PAUSED = PAUSED_LABEL
SYSTEM = "سامانه"


def digits(n: int) -> str:
    """Persian digits."""
    return persian.to_persian_digits(n)


def paused_since(since: date, days: int) -> str:
    """«در انتظار مدارک شهروند از ۱۴۰۵/۰۹/۰۷ (۲ روز کاری تاکنون)»."""
    return f"{PAUSED_LABEL} از {formatting.date(since)} ({digits(days)} روز کاری تاکنون)"


def total(days: int) -> str:
    """«روزهای کاری توقف در همه: ۳»."""
    return f"روزهای کاری توقف در همه: {digits(days)}"


def pause_line(p: PauseInfo) -> str:
    """One pause as a line of the history: when, why, who; its end and the days it moved."""
    agency = f"{p.agency} — " if p.agency else ""
    head = (f"{agency}توقف از {formatting.date(p.started_on)}: {p.start_reason}"
            f" ({p.started_by or SYSTEM})")
    if p.ended_on is None:
        return f"{head} — هنوز متوقف ({digits(p.paused_days)} روز کاری)"
    moved = ""
    if p.deadline_after and p.deadline_after != p.deadline_before:
        moved = f"؛ مهلت به {formatting.date(p.deadline_after)} رفت"
    return (f"{head} — ادامه {formatting.date(p.ended_on)}: {p.end_reason}"
            f" ({p.ended_by or SYSTEM})؛ {digits(p.paused_days)} روز کاری{moved}")


def paused_deadline(days_left: int) -> str:
    """The tracker's days column for a paused referral: «متوقف؛ ۳ روز کاری مانده»."""
    if days_left >= 0:
        return f"متوقف؛ {digits(days_left)} روز کاری مانده"
    return f"متوقف؛ {digits(-days_left)} روز کاری تأخیر"
