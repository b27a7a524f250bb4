"""Words of the satisfaction-call page (تماس رضایت)."""

from __future__ import annotations

from app.services.calls.dto import DUE, FINISHED, TODAY
from app.services.core import persian

NAV = "تماس رضایت"
ROW_NOUN = "درخواست"
VIEW = "فهرست:"
VIEWS = [(DUE, "برای تماس امروز"), (TODAY, "تماس‌های امروز"), (FINISHED, "پایان‌یافته")]

# columns
COL_CODE = "کد رهگیری"
COL_CITIZEN = "شهروند"
COL_MOBILE = "تلفن همراه"
COL_COUNTY = "شهرستان"
COL_CLOSED = "مختومه"
COL_STATE = "وضع تماس"
COL_SUBJECT = "موضوع"

# the pane
NOTHING_SELECTED = "درخواستی برگزیده نشده است."
FIELDS = [("citizen", "شهروند"), ("mobile", "تلفن همراه"), ("subject", "درخواست"),
          ("answer", "پاسخ داده‌شده"), ("closing", "رضایت هنگام ختم")]
NOT_RECORDED = "ثبت نشده"
FORM_BOX = "نتیجهٔ تماس"
SCORE = "رضایت:"
SOLVED = "مشکل حل شد؟"
YES, NO = "بله (S)", "خیر (N)"
COMMENT_PLACEHOLDER = "توضیح (اختیاری)؛ Enter ثبت می‌کند"
SAVE = "ثبت و بعدی (Enter)"
NO_ANSWER = "پاسخ نداد (0)"
KEYS_HELP = ("با کلیدهای بالا و پایین میان درخواست‌ها بروید؛ ۱ تا ۵ رضایت، S یا «س» بله و N یا "
             "«د» خیر، Enter ثبت و رفتن به بعدی، 0 «پاسخ نداد»، C یا Tab برای توضیح، Esc بازگشت "
             "به فهرست.")
READ_ONLY = "ثبت تماس با کارشناس و مدیر است؛ شما فهرست و پاسخ‌ها را می‌بینید."
NOT_DUE = "این درخواست در فهرست امروز نیست؛ تماس فقط از «برای تماس امروز» ثبت می‌شود."
SAVING = "در حال ثبت…"


def score_button(n: int) -> str:
    """«۴»."""
    return persian.to_persian_digits(n)


def state(row: object) -> str:
    """The call's state in a few words: «تلاش ۱ از ۳»، «پاسخ داد، رضایت ۴»…"""
    attempts = getattr(row, "attempts", 0)
    outcome = getattr(row, "outcome", None)
    label = getattr(row, "outcome_label", "")
    if outcome == "reached":
        solved = "حل شد" if getattr(row, "solved", False) else "حل نشد"
        return f"{label}، رضایت {persian.to_persian_digits(row.score)}، {solved}"  # type: ignore[attr-defined]
    if attempts:
        return f"{label} (تلاش {persian.to_persian_digits(attempts)} از ۳)"
    return label


def closing(satisfaction: int | None) -> str:
    """The satisfaction recorded at closing."""
    if not satisfaction:
        return NOT_RECORDED
    return f"{persian.to_persian_digits(satisfaction)} از ۵"


def saved(note: str) -> str:
    """The line shown after a call was recorded."""
    return f"ثبت شد: {note}"
