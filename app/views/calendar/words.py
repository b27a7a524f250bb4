"""Every Persian word the meeting calendar's screens show (one copy each), and small formatters."""

from __future__ import annotations

from datetime import date, datetime, time

from app.services.core import persian
from app.views import formatting


def rtl(text: str) -> str:
    """Persian text isolated right to left, so a closing bracket at its end stays a closing one."""
    return persian.rtl(text)


def hhmm(t: time) -> str:
    """«۰۹:۰۰»: a clock time, two-digit hours, Persian digits."""
    return persian.to_persian_digits(f"{t:%H:%M}")


def time_range(start: time, end: time) -> str:
    """«۰۹:۰۰ تا ۱۲:۰۰»: the words keep the order right in right-to-left text (a dash does not)."""
    return f"{hhmm(start)} تا {hhmm(end)}"


# Dates and tracking codes: one format for every calendar screen, in these four functions only
# (so that pointing them at app/views/formatting's shared helpers changes them everywhere).
def day(d: date) -> str:
    """«۱۴۰۵/۰۹/۰۱»."""
    return formatting.date(d)


def day_long(d: date) -> str:
    """«شنبه ۱ آذر ۱۴۰۵»."""
    return formatting.date_long(d, weekday=True)


def day_of(moment: datetime) -> str:
    """The Tehran date of a stored moment."""
    return formatting.day_of(moment)


def code(tracking_code: str) -> str:
    """A tracking code kept left to right inside Persian text."""
    return formatting.tracking_code(tracking_code)


def digits(n: int | str) -> str:
    """A number in Persian digits."""
    return persian.to_persian_digits(n)


# --- the page -------------------------------------------------------------------------------
PAGE_TITLE = "تقویم دیدارها"
MONTH = "ماه"
WEEK = "هفته"
TODAY = "امروز"
PREVIOUS_MONTH, NEXT_MONTH = "ماه قبل", "ماه بعد"
PREVIOUS_WEEK, NEXT_WEEK = "هفتهٔ قبل", "هفتهٔ بعد"
ALL_MANAGERS = "همهٔ مدیران"
ALL_AGENCIES = "همهٔ دستگاه‌ها"
ALL_COUNTIES = "همهٔ شهرستان‌ها"
MANAGER_FILTER = "مدیر:"
AGENCY_FILTER = "دستگاه:"
COUNTY_FILTER = "شهرستان:"
SCHEDULE_BUTTON = "روز ملاقات هفتگی…"
ONE_OFF_BUTTON = "دیدار ویژه…"
LOADING = "در حال بارگذاری…"
DAY_TAB = "دیدارهای روز"
COMPLIANCE_TAB = "پایبندی مدیران"
LEGEND_TIP = "رنگ هر دستگاه در تقویم"


def week_title(first: str, last: str, year: int) -> str:
    """«هفتهٔ ۷ آذر تا ۱۳ آذر ۱۴۰۵»."""
    return f"هفتهٔ {first} تا {last} {digits(year)}"


# --- cells, chips, the week grid ------------------------------------------------------------
HOLIDAY = "تعطیل"
OFFICIAL_HOLIDAY = "تعطیل رسمی"


def more_meetings(n: int, any_shown: bool) -> str:
    """«و ۳ دیدار دیگر…» under the chips that fit, or «۳ دیدار» when none fit."""
    return f"و {digits(n)} دیدار دیگر…" if any_shown else f"{digits(n)} دیدار"


def hour_label(hour: int) -> str:
    """«۰۹:۰۰» beside the week grid's rows."""
    return digits(f"{hour:02d}:00")


# --- the day panel --------------------------------------------------------------------------
DAY_COLUMNS = ("ساعت", "مدیر و دستگاه", "وضعیت")
NO_MEETINGS = "در این روز دیداری نیست."
OPEN_DAY = "روز دیدار…"
OPEN_DAY_TIP = "نوبت شهروندان، ثبت موضوعات و دستورها، صورتجلسه"
CANCEL_MEETING = "لغو…"
MOVE_MEETING = "جابه‌جایی…"
REINSTATE = "برقراری دوباره"
REASON_PREFIX = {"holiday": "تعطیل رسمی: ", "cancelled": "دلیل لغو: ", "moved": "دلیل جابه‌جایی: "}
NOTE_PREFIX = "یادداشت: "
PLACE = "محل"


def official_holiday(name: str) -> str:
    """«تعطیل رسمی: …» above the day's list."""
    return f"{OFFICIAL_HOLIDAY}: {name}"


def moved_to(day_text: str) -> str:
    """« به ۱۴۰۵/۰۹/۰۲» after «جابه‌جاشده»."""
    return f" به {day_text}"


# --- form dialogs -----------------------------------------------------------------------------
NONE_CHOSEN = "—"
CHOOSE_MANAGER = "— مدیر را انتخاب کنید —"
CHOOSE_WEEKDAY = "— روز هفته —"
MANAGER = "مدیر:"
KIND = "نوع دیدار:"
TITLE = "عنوان:"
DATE = "تاریخ:"
START = "ساعت شروع:"
END = "ساعت پایان:"
PLACE_FIELD = "محل:"
COUNTY = "شهرستان:"
WEEKDAY = "روز هفته:"
VALID_FROM = "از تاریخ:"
REASON = "دلیل:"
NEW_DAY = "روز تازه:"


def shortcut_tip(keys: str) -> str:
    """«میان‌بر: Ctrl+S» for a button's tooltip (the keys left to right)."""
    return f"میان‌بر: {persian.ltr(keys)}"


ONE_OFF_TITLE = "دیدار ویژه (سفر استانی، دیدار نهاد ریاست جمهوری)"
ONE_OFF_SAVE = "ثبت دیدار"
COMPENSATING_WEEKLY = "روز ملاقات هفتگی (جبرانی)"
ONE_OFF_TITLE_HINT = "مثلاً «سفر استانی به شهرستان اهر»"
MANAGERS_COUNTY = "— شهرستان مدیر —"

SCHEDULE_TITLE = "روز ملاقات مردمی هفتگی"
SCHEDULE_SAVE = "ثبت روز ملاقات"
NO_WEEKLY_DAY = "این مدیر هنوز روز ملاقات هفتگی ندارد."


def current_weekly_day(weekday: str) -> str:
    """What the schedule dialog says about a manager's present rule."""
    return f"روز کنونی: {weekday}؛ قاعدهٔ تازه از تاریخ انتخاب‌شده جای آن را می‌گیرد."


CANCEL_TITLE = "لغو دیدار"
CANCEL_SAVE = "لغو دیدار"
CANCEL_REASON_HINT = "دلیل لغو"
MOVE_TITLE = "جابه‌جایی دیدار"
MOVE_SAVE = "جابه‌جا کن"
MOVE_REASON_HINT = "دلیل جابه‌جایی"


def about_meeting(manager: str, day_text: str, start: time) -> str:
    """«manager — یکشنبه ۱ آذر ۱۴۰۵، ساعت ۰۹:۰۰» at the top of the cancel/move dialog."""
    return f"{manager} — {day_text}، ساعت {hhmm(start)}"


def minutes_title(manager: str) -> str:
    """The minutes dialog's title."""
    return f"صورتجلسهٔ دیدار — {manager}"


MINUTES = "صورتجلسه:"
MINUTES_HINT = "خلاصهٔ دیدار، موضوعات مطرح‌شده و تصمیم‌ها"
RECEIVED_COUNT = "شمار پذیرفته‌شدگان:"
RECEIVED_COUNT_TIP = "شمار شهروندانی که پذیرفته شدند (کمتر از فهرست نوبت نمی‌شود)"
AGENCIES_PRESENT = "دستگاه‌های حاضر:"
ACTIONS_TAKEN = "اقدامات انجام‌شده:"
CLOSE_SAVE = "بستن دیدار"


def issue_title(queue_no: int, name: str) -> str:
    """The issue dialog's title."""
    return f"موضوع مطرح‌شده — نوبت {digits(queue_no)}، {name}"


SUBJECT = "موضوع:"
BODY = "شرح:"
TYPE = "نوع:"
AGENCY = "دستگاه مربوط:"
DIRECTIVE = "دستور مدیر (به ارجاع در پیگیری ارجاعات تبدیل می‌شود)"
DIRECTIVE_TEXT = "متن دستور:"
DIRECTIVE_AGENCY = "دستگاه مسئول:"
DEADLINE = "مهلت:"
LETTER_NO = "شماره نامه:"
AUTOMATIC = "خودکار"
ISSUE_SAVE = "ثبت در صندوق"
ISSUE_DONE = "موضوع در صندوق درخواست‌ها ثبت شد. کد رهگیری:"
PRINT_SLIP = "چاپ رسید شهروند…"


def directive_done(agency: str, deadline_text: str) -> str:
    """Said after a directive became a referral."""
    return f"دستور به «{agency}» ارجاع شد؛ مهلت پاسخ: {deadline_text}"


# --- the meeting day --------------------------------------------------------------------------
MEETING_DAY_TITLE = "روز دیدار مردمی"
WEEKLY_DAY = "روز ملاقات مردمی هفتگی"
ADD_TO_QUEUE_BOX = "افزودن شهروند به نوبت"
PRE_REGISTER_BOX = "پیش‌ثبت‌نام شهروند"
RECEIVED = "پذیرفته شد"
BACK_TO_QUEUE = "برگرداندن به نوبت"
RAISE_ISSUE = "ثبت موضوع و دستور…"
PRINT_RECEIPT = "چاپ رسید…"
CLOSE_MEETING = "صورتجلسه و بستن دیدار…"
PRINT_DIALOG_TITLE = "چاپ رسید شهروند"
STATUS = "وضعیت"
MOVED_BECAUSE = "جابه‌جاشده"


def meeting_when(day_text: str, start: time, end: time) -> str:
    """«شنبه ۱ آذر ۱۴۰۵، ساعت ۰۹:۰۰ تا ۱۲:۰۰»."""
    return f"{day_text}، ساعت {time_range(start, end)}"


def queue_count(waiting: int, received: int) -> str:
    """«۳ نفر در نوبت، ۱ نفر پذیرفته شدند»."""
    return f"{digits(waiting)} نفر در نوبت، {digits(received)} نفر پذیرفته شدند"


def queued(queue_no: int, name: str) -> str:
    """Said after a citizen joined the queue."""
    return f"نوبت {digits(queue_no)}: {name}"


# --- the attendee form and queue --------------------------------------------------------------
NATIONAL_ID = "کد ملی:"
NATIONAL_ID_HINT = "کد ملی ده‌رقمی"
FIRST_NAME = "نام:"
LAST_NAME = "نام خانوادگی:"
MOBILE = "تلفن همراه:"
MOBILE_HINT = "۰۹۱۲۱۲۳۴۵۶۷"
TOPIC = "موضوع:"
TOPIC_HINT = "موضوع کوتاه"
ADD_TO_QUEUE = "افزودن به نوبت"
ENTER_KEY_TIP = "کلید Enter هم شهروند را به نوبت می‌افزاید"
NEW_CITIZEN = "شهروند تازه: نام و نام خانوادگی را وارد کنید."
SAVING = "در حال ثبت…"
FIX_MARKED = "لطفاً موارد مشخص‌شده را اصلاح کنید."


def known_citizen(name: str, requests: int, queue_no: int | None) -> str:
    """What the form says about a citizen found by national ID."""
    text = f"مراجعه‌کنندهٔ پیشین: {name} — {digits(requests)} درخواست پیشین"
    if queue_no is not None:
        text += f"؛ هم‌اکنون نوبت {digits(queue_no)} این دیدار است"
    return text


ATTENDEE_COLUMNS = ("نوبت", "نام", "کد ملی", "موضوع", "وضعیت", "موضوعات ثبت‌شده")
ATTENDEE_ISSUES_TIP = "موضوعاتی که از این دیدار در صندوق درخواست‌ها ثبت شد، هر یک با کد رهگیری"
IN_QUEUE = "در نوبت"
PRE_REGISTERED = "پیش‌ثبت‌نام"
DIRECTIVE_MARK = " — دستور"


def attendee_state(received: bool, pre_registered: bool) -> str:
    """«در نوبت (پیش‌ثبت‌نام)», isolated right to left so the closing bracket stays closing."""
    state = RECEIVED if received else IN_QUEUE
    return rtl(f"{state} ({PRE_REGISTERED})" if pre_registered else state)


def directive_line(agency: str, deadline_text: str, text: str) -> str:
    """A directive in the queue's tooltip."""
    return f"  دستور به {agency} تا {deadline_text}: {text}"


# --- the compliance panel ---------------------------------------------------------------------
SHOWN_QUARTER = "سه‌ماههٔ نمایش‌داده‌شده"
SHOWN_MONTH = "ماه نمایش‌داده‌شده"
BY_MANAGER = "به تفکیک مدیر"
BY_AGENCY = "به تفکیک دستگاه"
PERIOD = "دوره:"
COMPUTING = "در حال محاسبه…"
NOTHING_DUE = "در این دوره روز ملاقاتی مقرر نبوده است."
ALL_KEPT = "همهٔ مدیران روز ملاقات خود را برگزار یا با دلیل لغو کرده‌اند."
MISSED_TITLE = "روز ملاقات برگزار نشد (بی‌دیدار و بی‌لغو):"
FIGURES = ("مقرر", "برگزار", "غیبت", "شهروند", "موضوع", "دستور\n(باز)")
FIGURE_TIPS = (
    "روزهای ملاقات مقرر: روزهای قاعدهٔ هفتگی منهای تعطیلات و لغوهای ثبت‌شده",
    "دیدارهای هفتگی برگزارشده", "روزهای مقرری که برگزار نشد",
    "شهروندان پذیرفته‌شده در همهٔ دیدارها", "موضوعات ثبت‌شده در صندوق درخواست‌ها",
    "دستورهای صادرشده (ارجاع به دستگاه) و، در پرانتز، آن‌ها که هنوز پاسخ نگرفته‌اند")
AGENCY_COLUMN = "دستگاه"
MANAGER_COLUMN = "مدیر"
WIDEST_FIGURE = "۱۲۳۴"
WIDEST_DIRECTIVES = "۱۲۳ (۱۲)"  # «issued (open)» in the last column


def compliance_heading(title: str, until: str) -> str:
    """«سه‌ماهه سوم ۱۴۰۵ (پاییز)، تا ۱۴۰۵/۰۹/۰۸» (the tab already says «پایبندی مدیران»)."""
    return f"{title}، تا {until}"


def missed_line(manager: str, days: list[str]) -> str:
    """One manager who missed days, and which."""
    return f"{manager} ({digits(len(days))} روز): " + "، ".join(days)


def agency_row(agency: str, managers: int) -> str:
    """«شرکت گاز (۳ مدیر)»."""
    return f"{agency} ({digits(managers)} مدیر)"


def cancelled_with_reason(n: str) -> str:
    """A tooltip line: how many meeting days were cancelled with a reason."""
    return f"لغو با دلیل: {n}"


def days_without_meeting(days: list[str]) -> str:
    """A tooltip line: the missed days."""
    return "روزهای بی‌دیدار: " + "، ".join(days)


# --- the citizen's slip (printed; its own words are in app/services/meetings/slip_pdf.py) --------
SLIP_PRINTING = "رسید شهروند آماده می‌شود…"
SLIP_PRINTED = "رسید شهروند به چاپگر فرستاده شد."
