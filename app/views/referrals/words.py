"""Words of the referral tracker and its pane (پیگیری ارجاعات)."""

from __future__ import annotations

from app.services.core import persian

PAGE_TITLE = "پیگیری ارجاعات"
TAB_TRACKER = "پیگیری ارجاعات"
TAB_AGENCIES = "عملکرد دستگاه‌ها"
REFERRAL_NOUN = "ارجاع"

# filters
ANY = "همه"
STATUS = "وضعیت:"
AGENCY = "دستگاه:"
COUNTY = "شهرستان:"
DEADLINE = "مهلت:"
LETTER_FROM = "نامه از:"
LETTER_TO = "تا:"
FROM_START = "از ابتدا"
TO_TODAY = "تا امروز"
OVERDUE_ONLY = "فقط خارج از مهلت"
DUE_WITHIN = "سررسید تا…"
WORKING_DAYS_SUFFIX = " روز کاری"
ESCALATED_ONLY = "فقط ارجاع‌شده به بازرسی"
TEXT_PLACEHOLDER = "کد رهگیری یا شمارهٔ نامه"
CLEAR_FILTERS = "پاک کردن فیلترها"

# columns
COL_CODE = "کد رهگیری"
COL_AGENCY = "دستگاه"
COL_DAYS = "مانده / تأخیر"
COL_DEADLINE = "مهلت پاسخ"
COL_STATUS = "وضعیت"
COL_LETTER_NO = "شماره نامه"
COL_LETTER_DATE = "تاریخ نامه"
COL_FOLLOW_UPS = "پیگیری"
COL_EXTENSIONS = "تمدید"
DEADLINE_TODAY = "مهلت امروز"
ANSWERED_IN_TIME = "پاسخ در مهلت"
INADEQUATE_MARK = " (پاسخ ناکافی)"
ESCALATED_MARK = " — بازرسی"

# the pane
NOTHING_SELECTED = "ارجاعی انتخاب نشده است"
OVERDUE_MARK = "  — خارج از مهلت"
FIELDS = (("subject", "موضوع"), ("citizen", "شهروند"), ("county", "شهرستان"),
          ("received", "تاریخ دریافت"), ("agency", "دستگاه"), ("letter", "نامهٔ ارجاع"),
          ("deadline", "مهلت پاسخ"), ("extensions", "تمدید"), ("answer", "پاسخ دستگاه"),
          ("other", "توضیح"))
EVENTS_TITLE = "پیگیری‌ها و تمدیدها"
NO_ANSWER_YET = "هنوز پاسخی ثبت نشده است."
NO_EVENTS_YET = "هنوز پیگیری یا تمدیدی ثبت نشده است."
BY_DIRECTIVE = "، به دستور مدیر در دیدار مردمی"
WITHDRAWN_REASON = "دلیل استرداد: {}"
ESCALATED_NOTE = "ارجاع به بازرسی {}: {}"
BUTTONS = (("answer", "ثبت پاسخ دستگاه…"), ("follow_up", "ثبت پیگیری…"),
           ("extend", "تمدید مهلت…"), ("reminder", "نامهٔ پیگیری…"),
           ("escalate", "ارجاع به بازرسی…"), ("withdraw", "استرداد ارجاع…"))
WITHDRAW_TITLE = "استرداد ارجاع"
WITHDRAW_INTRO = "ارجاع به {} پس گرفته می‌شود و دیگر پیگیری نمی‌شود."
WITHDRAW_LABEL = "دلیل استرداد:"
WITHDRAW_OK = "استرداد"
ESCALATE_TITLE = "ارجاع به بازرسی"
ESCALATE_INTRO = "این ارجاع در فهرست بررسی دفتر بازرسی قرار می‌گیرد."
ESCALATE_LABEL = "شرح:"
ESCALATE_OK = "ارجاع به بازرسی"
ESCALATE_PLACEHOLDER = "چرا پیگیری عادی کافی نیست…"

# where an answered referral went (#12)
MOVED_TO = "پاسخ ثبت شد؛ این ارجاع اکنون در فهرست «{}» است."
NOW_IN = "این ارجاع اکنون در فهرست «{}» است."
SHOW_IT = "نمایش آن"


def digits(n: int) -> str:
    """A number in Persian digits."""
    return persian.to_persian_digits(n)


def letter(no: str, day: str) -> str:
    """«شمارهٔ ۱۲/۳ مورخ ۱۴۰۵/۰۹/۰۱»."""
    return f"شمارهٔ {no} مورخ {day}"


def answer(text: str, grade: str, day: str, letter_no: str) -> str:
    """The agency's answer with its grade, date and letter number."""
    return f"{text} ({grade}، {day}" + (f"، نامهٔ {letter_no}" if letter_no else "") + ")"


def extensions(n: int, limit: int) -> str:
    """«۱ از ۲ بار مجاز»."""
    return f"{digits(n)} از {digits(limit)} بار مجاز"


def days_left(n: int) -> str:
    """«۵ روز کاری مانده»."""
    return f"{digits(n)} روز کاری مانده"


def days_late(n: int) -> str:
    """«۱۲ روز کاری تأخیر»."""
    return f"{digits(n)} روز کاری تأخیر"


def answered_late(n: int) -> str:
    """«پاسخ با ۳ روز کاری تأخیر»."""
    return f"پاسخ با {digits(n)} روز کاری تأخیر"


def extra_days(n: int) -> str:
    """« (+۵ روز کاری)»."""
    return f" (+{digits(n)} روز کاری)"


# the agency-performance panel
SHOW = "نمایش"
EXPORT = "خروجی Excel…"
EXPORT_TITLE = "خروجی Excel"
EXPORT_FILE = "amalkard-dastgah.xlsx"
PANEL_HINT = "برای دیدن ارجاعات معوق یک دستگاه، روی آن دو بار کلیک کنید."
OR_FROM = "یا از:"
TO = "تا:"
BAD_PERIOD = "پایان دوره نباید پیش از آغاز آن باشد."
COMPUTING = "در حال محاسبه…"


def period(start: str, end: str) -> str:
    """What the panel's figures cover."""
    return f"ارجاعات با تاریخ نامه از {start} تا {end}؛ «معوق کنونی» تا امروز حساب می‌شود."


def totals(referred: str, answered: str, share: str, overdue: str, inadequate: str) -> str:
    """The panel's totals line."""
    return (f"جمع: {referred} ارجاع، {answered} پاسخ ({share} در مهلت)، {overdue} معوق کنونی، "
            f"{inadequate} پاسخ ناکافی.")


def saved_rows(n: str, name: str) -> str:
    """«۱۲ ردیف در x.xlsx ذخیره شد.»."""
    return f"{n} ردیف در {name} ذخیره شد."


AGENCY_HEADERS = ("دستگاه اجرایی", "ارجاع‌شده", "پاسخ‌داده", "در مهلت", "میانهٔ\nروز کاری",
                  "میانگین\nروز کاری", "معوق\nکنونی", "پاسخ\nناکافی", "تمدید", "پیگیری",
                  "ارجاع به\nبازرسی")

# the answer dialog
ANSWER_TITLE = "پاسخ {}"
ANSWER_OK = "ثبت پاسخ"
ANSWER_PLACEHOLDER = "خلاصهٔ پاسخ دستگاه…"
ANSWER_LETTER_PLACEHOLDER = "شمارهٔ نامهٔ پاسخ (اختیاری)"
CHASE_GOES_ON = " (پیگیری ادامه می‌یابد)"
ANSWER_TEXT = "متن پاسخ:"
ANSWER_DATE = "تاریخ پاسخ:"
ANSWER_LETTER = "شمارهٔ نامهٔ پاسخ:"
ANSWER_GRADE = "ارزیابی پاسخ:"
RELOAD_FRESH = "بارگذاری نسخهٔ تازه"
EARLIER_ANSWER = "پاسخ پیشین"
RELOADED = ("نسخهٔ تازه بارگذاری شد؛ اگر پاسخ شما هنوز لازم است، دوباره «ثبت پاسخ» "
            "را بزنید.")
SAVED_ELSEWHERE = "ثبت‌شده در رایانهٔ دیگر"


def about_referral(letter_no: str, letter_date: str, subject: str) -> str:
    """«ارجاع نامهٔ … مورخ … — موضوع»."""
    return f"ارجاع نامهٔ {letter_no} مورخ {letter_date} — {subject}"


def theirs(title: str, text: str, grade: str, when: str) -> str:
    """An answer already stored."""
    return f"{title}: {text} ({grade}، {when})"


# the extension dialog
EXTEND_TITLE = "تمدید مهلت ارجاع به {}"
EXTEND_OK = "تمدید"
CURRENT_DEADLINE = "مهلت کنونی:"
EARLIER_EXTENSIONS = "تمدیدهای پیشین:"
EXTEND_PLACEHOLDER = "دلیل تمدید، مثلاً درخواست کتبی دستگاه به شمارهٔ …"
EXTEND_DAYS = "مدت تمدید:"
EXTEND_REASON = "دلیل:"

# the follow-up dialog
FOLLOW_UP_TITLE = "پیگیری ارجاع به {}"
FOLLOW_UP_OK = "ثبت پیگیری"
FOLLOW_UP_PLACEHOLDER = "با چه کسی صحبت شد، چه قولی داده شد، شمارهٔ نامه…"
FOLLOW_UP_KIND = "نوع پیگیری:"
FOLLOW_UP_DAY = "تاریخ:"
FOLLOW_UP_NOTE = "شرح:"

# the reminder letter
REMINDER_TITLE = "نامهٔ پیگیری — {}"
DRAFTING = "در حال نوشتن پیش‌نویس…"
COPY_TEXT = "رونوشت متن"
PRINT = "چاپ…"
RECORD_SENT = "ثبت ارسال به‌عنوان پیگیری…"
EMPHATIC = "تأکیدی"
ROUTINE = "پیگیری"
COPIED = "متن نامه رونوشت شد."
PRINTING = "نامه آماده می‌شود…"
PRINTED = "نامه برای چاپ فرستاده شد."
SAVE_PDF = "ذخیرهٔ PDF…"
SAVE_PDF_TITLE = "ذخیرهٔ نامه به‌صورت PDF"
SENT_NOTE = "ارسال نامهٔ {}"
SENT_RECORDED = "ارسال نامه به‌عنوان پیگیری ثبت شد."


def letter_saved(path: str) -> str:
    """The status line once the letter is saved as a PDF (the path isolated by the caller)."""
    return f"نامه در {path} ذخیره شد."
