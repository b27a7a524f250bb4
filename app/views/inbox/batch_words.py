"""Words of the batch intake (ثبت گروهی) and the inbox's batch actions (issue 14 §1)."""

from __future__ import annotations

from app.services.core.persian import ltr, to_persian_digits

TITLE = "ثبت گروهی نامه‌ها"
OPEN = "ثبت گروهی"
OPEN_TIP = "ثبت پشت‌سرهم نامه‌های یک سفر یا ارتباط زنده، هر ردیف یک نامه"
EVENT = "رویداد:"
NO_EVENT = "بدون رویداد"
COLUMNS = ("کد ملی", "نام", "نام خانوادگی", "تلفن همراه", "شهرستان", "دستگاه", "موضوع",
           "کد رهگیری")
SAVING = "در حال ثبت…"
HISTORY_TITLE = "درخواست‌های پیشین شهروند"
HISTORY_NONE = "شهروند تازه است؛ درخواست پیشینی ندارد."
HISTORY_EMPTY = "کد ملی ردیف را وارد کنید تا درخواست‌های پیشین شهروند دیده شود."
SLIPS = "چاپ رسیدها…"
SLIPS_FILE = "رسیدهای ثبت گروهی.pdf"
SLIPS_DONE = "رسیدها ذخیره شد."
CLOSE = "بستن"
HINT = ("کلید \u2066Enter\u2069: خانهٔ بعد؛ ردیف کامل (شهرستان و موضوع) با رفتن به ردیف بعد "
        "ثبت می‌شود.")


def done_today(n: int) -> str:
    """«ثبت‌شدهٔ امروز: ۱۲»."""
    return f"ثبت‌شدهٔ امروز: {to_persian_digits(n)}"


NEW_EVENT = "رویداد تازه…"
NEW_EVENT_TITLE = "رویداد تازه"
WHOLE_PROVINCE = "همهٔ استان"
EVENT_NAME = "نام رویداد:"
EVENT_KIND = "نوع:"
EVENT_STARTS = "از تاریخ:"
EVENT_ENDS = "تا تاریخ:"
EVENT_COUNTY = "شهرستان:"
EVENT_DATE_REQUIRED = "تاریخ را وارد کنید."
TAG_PROMPT = "رویداد درخواست‌های انتخاب‌شده:"

# Batch actions in the inbox.
ASSIGN_TO_ME = "واگذاری انتخاب‌شده‌ها به من"
DEEP_ROOTED = "علامت «ریشه‌دار» برای انتخاب‌شده‌ها"
REFER_MANY = "ارجاع گروهی انتخاب‌شده‌ها…"
TAG_EVENT = "برچسب رویداد…"
REFER_TITLE = "ارجاع گروهی"
REFER_AGENCY = "دستگاه:"
REFER_NUMBERS = "برای هر درخواست یک نامه با شماره‌های پشت‌سرهم"
REFER_COVERING = "یک نامهٔ پوششی با پیوست فهرست درخواست‌ها"
COVERING_SAVE = "ذخیرهٔ نامهٔ پوششی"
COVERING_FILE = "نامهٔ ارجاع گروهی.pdf"
COVERING_SAVED = "نامهٔ پوششی با پیوست ذخیره شد."


def selected(n: int) -> str:
    """«۵ درخواست انتخاب شده»."""
    return f"{to_persian_digits(n)} درخواست انتخاب شده"


def referred(n: int, numbers: list[str]) -> str:
    """What a batch referral did, with the letter numbers taken."""
    return f"{to_persian_digits(n)} درخواست ارجاع شد؛ شمارهٔ نامه: {'، '.join(numbers[:3])}" + (
        "…" if len(numbers) > 3 else "")


def codes_list(codes: list[str]) -> str:
    """At most ten tracking codes, each a left-to-right isolate, then «…»."""
    return "، ".join(ltr(c) for c in codes[:10]) + ("…" if len(codes) > 10 else "")


def objected_skipped(codes: list[str]) -> str:
    """Which requests a batch referral left out, and why."""
    return (f"{to_persian_digits(len(codes))} درخواست ارجاع نشد، چون اعتراض شهروند به آن‌ها در "
            f"انتظار تصمیم بازرسی است؛ پس از تصمیم، یکی‌یکی ارجاع دهید: {codes_list(codes)}")


def objected_short(n: int) -> str:
    """The line beside the count: how many were left out."""
    return f"({to_persian_digits(n)} درخواست در انتظار تصمیم اعتراض، ارجاع نشد)"


def changed(n: int) -> str:
    """«۵ درخواست تغییر کرد»."""
    return f"{to_persian_digits(n)} درخواست تغییر کرد."
UNSAVED_TITLE = "ردیف‌های ثبت‌نشده"


def unsaved(count: int) -> str:
    """The question before closing the grid with rows that are typed but not saved."""
    return (f"{to_persian_digits(str(count))} ردیف نوشته شده اما ثبت نشده است (ناقص است یا خطا دارد؛ "
            "شهرستان و موضوع لازم است). پنجره بسته شود و این ردیف‌ها کنار گذاشته شوند؟")
