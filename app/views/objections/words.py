"""Words of the citizen's objection (اعتراض) on screen."""

from __future__ import annotations

from app.views import formatting

SECTION_TITLE = "اعتراض شهروند"
RECORD_ACTION = "ثبت اعتراض…"
RECORD_TITLE = "ثبت اعتراض شهروند"
RECORD_OK = "ثبت اعتراض"
REASON_LABEL = "دلیل اعتراض:"
REASON_PLACEHOLDER = "آنچه شهروند دربارهٔ پاسخ می‌گوید، به زبان خود او…"
NONE_YET = "اعتراضی ثبت نشده است."
NOT_ALLOWED_TITLE = "ثبت اعتراض"

UPHOLD = "پذیرش اعتراض…"
REJECT = "رد اعتراض…"
UPHOLD_TITLE = "پذیرش اعتراض شهروند"
REJECT_TITLE = "رد اعتراض شهروند"
UPHOLD_OK = "پذیرش اعتراض"
REJECT_OK = "رد اعتراض"
UPHOLD_INTRO = ("با پذیرش اعتراض، ارجاع‌های پاسخ‌داده دوباره باز می‌شود (پاسخ دستگاه «ناکافی» و "
                "مهلت تازه) یا اگر پاسخ مستقیم دفتر بوده، درخواست با مهلت تازه به کارشناس "
                "برمی‌گردد تا دوباره پاسخ داده شود.")
REJECT_INTRO = "با رد اعتراض، درخواست همان‌گونه که مختومه شده بود دوباره مختومه می‌شود."
UPHOLD_NOTE = "توضیح (اختیاری):"
REJECT_NOTE = "دلیل رد:"
BOX_TITLE = "اعتراض شهروند"
DECIDED_NOTE = "اعتراض دربارهٔ {}: {}."


def window(last_day: str) -> str:
    """«مهلت اعتراض به این پاسخ: تا پایان ۱۴۰۵/۱۰/۰۷»."""
    return f"مهلت اعتراض به این پاسخ: تا پایان {last_day}"


def line(o) -> str:  # noqa: ANN001 (ObjectionInfo)
    """One objection: its outcome first, then when, who, against what and why."""
    outcome = f"«{o.outcome_label}»"
    if o.decided_at is not None:
        outcome += f" ({formatting.date_time(o.decided_at)}، {o.decided_by or 'بازرسی'})"
    if o.decision_note:
        outcome += f": {o.decision_note}"
    return (f"{outcome}\n{formatting.date_time(o.recorded_at)} — {o.recorded_by or 'سامانه'} "
            f"— به {o.answer_label}: {o.reason}")


def intro(code: str, answer: str, last_day: str) -> str:
    """What the clerk is recording an objection to, and until when it may be done."""
    text = f"درخواست {code}؛ اعتراض شهروند به {answer}."
    return text + (f" {window(last_day)}." if last_day else "")
