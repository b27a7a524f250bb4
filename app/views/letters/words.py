"""Words of the official letter's screens (one copy each)."""

from __future__ import annotations

PRINT_REFERRAL_LETTER = "چاپ نامهٔ ارجاع…"
PRINT_TITLE = "چاپ نامهٔ ارجاع"
PRINTING = "نامهٔ ارجاع آماده می‌شود…"
PRINTED = "نامهٔ ارجاع برای چاپ فرستاده شد."
NO_REFERRAL = "این درخواست هنوز به دستگاهی ارجاع نشده است؛ نامه‌ای برای چاپ ندارد."
CHOOSE_REFERRAL = "نامهٔ کدام ارجاع چاپ شود؟"

# the refer dialog
NUMBER_AUTO = "شمارهٔ دبیرخانه"
NUMBER_AUTO_TIP = ("شماره هنگام ثبت ارجاع از شمارندهٔ دبیرخانه گرفته می‌شود؛ اگر میز دیگری "
                   "زودتر ثبت کند، شمارهٔ پس از آن را می‌گیرد.")
NUMBER_BY_HAND = "شمارهٔ دستی:"
NUMBER_LOADING = "در حال خواندن شمارهٔ بعدی…"
NUMBER_UNAVAILABLE = "شمارهٔ بعدی خوانده نشد؛ هنگام ثبت داده می‌شود."
CLASS_AND_PRIORITY = "طبقه‌بندی و فوریت:"
COPIES = "رونوشت:"
COPIES_PLACEHOLDER = "هر گیرنده در یک سطر؛ خالی: بی رونوشت"

# the reminder letter
REMINDER_NUMBERED = "نامه شمارهٔ {} گرفت."
REMINDER_DRAFT_READY = ("پیش‌نویس نامهٔ {}؛ پیش از چاپ می‌توانید متن را ویرایش کنید. "
                        "نامه هنگام نخستین چاپ یا ذخیره از دبیرخانه شماره می‌گیرد.")
REMINDER_SENT_NOTE = "ارسال نامهٔ {} به شمارهٔ {}"


def next_number(number: str) -> str:
    """The preview of the next secretariat number (the number isolated by the caller)."""
    return f"بعدی: {number}"


def referral_choice(agency: str, letter_no: str, day: str) -> str:
    """One referral in the «which letter» list."""
    return f"{agency} — نامهٔ {letter_no} مورخ {day}"


def letter_file_name(tracking_code: str) -> str:
    """The name a printed referral letter is offered under."""
    return f"name-erja-{tracking_code}.pdf"
