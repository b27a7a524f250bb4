"""Words of the inspection review page (بازرسی)."""

from __future__ import annotations

from app.services.core import persian

ITEM_NOUN = "مورد"
CHAIN_BUTTON = "بررسی زنجیرهٔ رویدادها"
CHAIN_TOOLTIP = ("درهم‌نگارِ همهٔ رویدادهای ثبت‌شده دوباره محاسبه می‌شود تا "
                 "هر تغییر یا حذف پس از ثبت آشکار شود.")
CHAIN_CHECKING = "در حال بررسی زنجیرهٔ رویدادها…"
HEAD_PLACEHOLDER = "چکیدهٔ چاپ‌شده در گزارش"
HEAD_TOOLTIP = ("چکیدهٔ سرآغاز زنجیره را که در گزارش سه‌ماهه چاپ شده (۱۶ یا ۶۴ رقم) وارد کنید تا "
                "روشن شود آن رویداد هنوز در زنجیره هست یا دنبالهٔ زنجیره بریده شده است.")
HEAD_BUTTON = "بررسی چکیده"
HEAD_CHECKING = "در حال جست‌وجوی چکیده در زنجیره…"

# queue bar
QUEUE = "فهرست:"
MORE_THAN = "بیش از "
WORKING_DAYS_SUFFIX = " روز کاری"
SATISFACTION_UP_TO = "رضایت تا "
OUT_OF_FIVE = " از ۵"
CASES_SUFFIX = " پرونده"
NEW_SAMPLE = "نمونهٔ تازه"
UNREVIEWED_ONLY = "فقط بررسی‌نشده‌ها"

# columns
COL_CODE = "کد رهگیری"
COL_DETAIL = "شرح"
COL_VERDICT = "نتیجهٔ بررسی"
COL_SUBJECT = "موضوع"
COL_AGENCY = "دستگاه"
COL_DAY = "تاریخ"
COL_COUNTY = "شهرستان"
DAY_ESCALATED = "ارجاع به بازرسی"
DAY_OVERDUE = "مهلت پاسخ"
DAY_CLOSED = "مختومه"
DAY_OBJECTION = "تاریخ اعتراض"

# the pane
FIELDS = (("subject", "موضوع"), ("citizen", "شهروند"), ("county", "شهرستان"),
          ("received", "تاریخ دریافت"), ("agency", "دستگاه"), ("answer", "پاسخ و اقدامات"),
          ("satisfaction", "رضایت شهروند"))
BOX_REFERRALS = "ارجاعات"
BOX_TIMELINE = "تاریخچهٔ کامل"
BOX_REVIEWS = "نظرهای بازرسی پیشین"
CHOOSE = "انتخاب کنید…"
NOTE_PLACEHOLDER = "شرح بررسی: آنچه درست یا نادرست انجام شد و آنچه باید اصلاح شود…"
SAVE_REVIEW = "ثبت نظر بازرسی"
REVIEW_BOX = "نظر بازرسی"
VERDICT = "نتیجه:"
NOTHING_SELECTED = "موردی انتخاب نشده است"
OVERDUE_MARK = "  — خارج از مهلت"
NOT_RECORDED = "ثبت نشده"
NOT_REFERRED = "این درخواست به دستگاهی ارجاع نشده است."
NOT_REVIEWED = "هنوز بررسی نشده است."
ABOUT_REQUEST = "دربارهٔ رسیدگی به درخواست"
ABOUT_REFERRAL = "دربارهٔ ارجاع به {}"
SAVED = "نظر بازرسی ثبت شد: {}."


def satisfaction(n: int) -> str:
    """«۳ از ۵»."""
    return f"{persian.to_persian_digits(n)} از ۵"


def seed(n: int) -> str:
    """«بذر نمونه: ۱۲۳۴»."""
    return f"بذر نمونه: {persian.ltr(persian.to_persian_digits(n))}"


def referral_first_line(agency: str, letter_no: str, letter_date: str, deadline: str,
                        status: str, overdue: bool) -> str:
    """«به … — نامهٔ … مورخ … — مهلت … — وضعیت»."""
    return (f"به {agency} — نامهٔ {letter_no} مورخ {letter_date} — مهلت {deadline} — {status}"
            + (" (معوق)" if overdue else ""))


def referral_answer(grade: str, when: str, text: str) -> str:
    """«پاسخ (کافی، ۱۴۰۵/۰۹/۰۱): …»."""
    return f"پاسخ ({grade}، {when}): {text}"


def referral_chase(follow_ups: int, extensions: int, escalation: str, withdrawn: str) -> str:
    """«پیگیری: ۲، تمدید: ۱، ارجاع به بازرسی: …، استرداد: …»."""
    return (f"پیگیری: {persian.to_persian_digits(follow_ups)}، تمدید: "
            f"{persian.to_persian_digits(extensions)}"
            + (f"، ارجاع به بازرسی: {escalation}" if escalation else "")
            + (f"، استرداد: {withdrawn}" if withdrawn else ""))
