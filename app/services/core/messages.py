"""Every Persian error message the services raise, in one place (views: app/views/words.py).

Names say what went wrong; texts are whole sentences, ready to show.
"""

from __future__ import annotations

import errno

from app.services.core.persian import format_number as _num
from app.services.core.persian import ltr as _ltr
from app.services.core.persian import to_persian_digits as _fa

# --- Names of records, for «… پیدا نشد» (NotFound) and the conflict message (ConflictError) ----
THIS_ACCOUNT = "این حساب کاربری"
USER = "کاربر"
MEETING = "دیدار"
MEETING_REQUEST = "درخواست دیدار مردمی"
THIS_QUEUE_ENTRY = "این نوبت"
QUEUE_ENTRY = "نوبت"
WEEKLY_DAY = "روز ملاقات هفتگی"
MANAGER = "مدیر"
THIS_MEETING = "این دیدار"
REFERRAL = "ارجاع"
REQUEST = "درخواست"
THIS_REQUEST = "این درخواست"
THIS_REFERRAL = "این ارجاع"
THIS_WEEKLY_DAY = "این روز ملاقات هفتگی"

# --- User accounts -----------------------------------------------------------------------------
USERNAME_REQUIRED = "نام کاربری را وارد کنید."
ROLE_INVALID = "نقش کاربر نامعتبر است."
CANNOT_DEACTIVATE_SELF = "حساب خودتان را نمی‌توانید غیرفعال کنید."
USERNAME_TAKEN = "این نام کاربری پیش‌تر ثبت شده است."
LAST_ADMIN = "دست‌کم یک مدیر سامانهٔ فعال باید بماند."
USERNAME_USED_ON_SERVER = "این نام کاربری روی سرور برای حساب دیگری به کار رفته است."
USERNAME_NOT_ALLOWED_ON_SERVER = ("سرور این نام کاربری را نمی‌پذیرد (نامی رزروشده یا هم‌شکل نام "
                                  "نقش‌های گروهی پل است)؛ نام دیگری برگزینید.")
NO_SERVER_LOGIN = ("این کاربر هنوز حساب ورود به سرور ندارد؛ با «بازنشانی گذرواژه» "
                   "برایش گذرواژه بگذارید تا حسابش ساخته شود.")

# --- Backups -----------------------------------------------------------------------------------
BACKUP_NOT_POSSIBLE = "از این پایگاه داده نمی‌توان پشتیبان گرفت."

# --- Audit verify (audit_verify.py) -----------------------------------------------------------
HEAD_INVALID = ("چکیدهٔ سرآغاز زنجیره ۱۶ یا ۶۴ رقم شانزده‌شانزدهی (۰ تا ۹ و a تا f) است، "
                "همان‌گونه که در گزارش چاپ شده است.")
NO_ROW_LOG = ("این پایگاه دادهٔ تک‌میزی (SQLite) دفتر تغییرات سطرها ندارد؛ زنجیره و چکیده بررسی "
              "شد.")
ROW_LOG_NOT_READABLE = ("این ورود اجازهٔ خواندن دفتر تغییرات سطرها را ندارد؛ بررسی را با ورود "
                        "بازرس یا مدیر سامانه انجام دهید.")


def chain_ok(events: int) -> str:
    """The hash chain checked and whole."""
    return f"زنجیرهٔ رویدادها سالم است: {_num(events)} رویداد بررسی شد."


def chain_broken(checked: int, bad_id: int | None) -> str:
    """The hash chain altered at an event."""
    where = f" در رویداد شمارهٔ {_fa(bad_id)}" if bad_id is not None else ""
    return (f"زنجیرهٔ رویدادها{where} گسسته است: آن رویداد پس از ثبت ویرایش شده یا رویداد پیش "
            f"از آن حذف شده است ({_fa(checked)} رویداد پیش از آن سالم است).")


def head_found(head: str, newer: int) -> str:
    """The printed head is still on the chain."""
    after = f"؛ پس از آن {_fa(newer)} رویداد دیگر ثبت شده است" if newer else ""
    return f"چکیدهٔ {_ltr(head)} هنوز در زنجیره است{after}."


def head_missing(head: str) -> str:
    """The printed head is gone: the chain's tail was cut."""
    return (f"چکیدهٔ {_ltr(head)} دیگر در زنجیره نیست: دنبالهٔ زنجیره بریده شده است؛ رویداد "
            "دارای این چکیده و رویدادهای پس از آن، پس از چاپ گزارش حذف شده‌اند.")


def unexplained_none() -> str:
    """Every logged row change has its audit event."""
    return "هر تغییری که پایگاه داده در سطرهای پرونده‌ها ثبت کرده رویداد «پل» دارد."


def unexplained_count(changes: int, transactions: int) -> str:
    """Row changes made outside Pol."""
    return (f"{_fa(changes)} تغییر در {_fa(transactions)} تراکنش بیرون از «پل» (بی رویداد در "
            "زنجیره) انجام شده است:")


def unexplained_transaction(login: str, when: str, count: int) -> str:
    """The heading of one transaction made outside Pol."""
    return f"ورود {_ltr(login)} در {when} ({_fa(count)} تغییر):"


def unexplained_more(more: int) -> str:
    """Row changes not listed."""
    return f"و {_fa(more)} تغییر دیگر که فهرست نشد."


# --- Requests ----------------------------------------------------------------------------------
SUBJECT_REQUIRED = "موضوع درخواست را وارد کنید."
SAMAD_CODE_TOO_LONG = "کد رهگیری سامد نباید بیش از ۴۰ نویسه باشد."
CHANNEL_REQUIRED = "مجرای دریافت را انتخاب کنید."
TYPE_REQUIRED = "نوع درخواست را انتخاب کنید."
PRIORITY_INVALID = "اولویت نامعتبر است."
COUNTY_UNKNOWN = "شهرستان انتخاب‌شده در فهرست نیست."
AGENCY_UNKNOWN = "دستگاه انتخاب‌شده در فهرست نیست."
EVENT_UNKNOWN = "رویداد انتخاب‌شده در فهرست نیست."  # issue 14 §1
# County scope: a فرمانداری's staff work only on their own counties' cases.
COUNTY_OUT_OF_SCOPE = ("این شهرستان در حوزهٔ کاری شما نیست؛ "
                       "درخواست را فقط برای شهرستان‌های خودتان می‌توانید ثبت کنید.")
MEETING_COUNTY_OUT_OF_SCOPE = ("شهرستان این دیدار در حوزهٔ کاری شما نیست؛ "
                               "دیدار را فقط در شهرستان‌های خودتان می‌توانید ثبت کنید.")
COUNTY_REQUIRED_IN_SCOPE = "شهرستان را انتخاب کنید؛ حساب شما به شهرستان‌های معینی محدود است."
RECEIVED_IN_FUTURE = "تاریخ دریافت نمی‌تواند در آینده باشد."
REQUEST_SUBJECT_TOO_LONG = "موضوع درخواست نباید بیش از ۳۰۰ نویسه باشد."
SAMAD_CODE_TAKEN = "درخواستی با این کد رهگیری سامد پیش‌تر ثبت شده است."
ANSWER_TEXT_REQUIRED = "متن پاسخ را وارد کنید."
ALREADY_CLOSED = "این درخواست پیش‌تر مختومه شده است."
SATISFACTION_RANGE = "رضایت شهروند باید از ۱ تا ۵ باشد."
RESOLUTION_REQUIRED = "بنویسید درخواست چگونه حل شد."
CLOSE_WAITS_FOR_AGENCIES = "تا پاسخ همهٔ دستگاه‌ها نرسیده یا ارجاع مسترد نشده، درخواست را نمی‌توان مختومه کرد."
REOPEN_REASON_REQUIRED = "دلیل بازگشایی را بنویسید."
REOPEN_ONLY_ANSWERED_OR_CLOSED = "فقط درخواست پاسخ‌داده یا مختومه بازگشایی می‌شود."
ASSIGNEE_INACTIVE = "کاربر انتخاب‌شده فعال نیست."

# --- Citizens ----------------------------------------------------------------------------------
NATIONAL_ID_INVALID = "کد ملی نامعتبر است (ده رقم با رقم کنترل درست)."
MOBILE_INVALID = "شمارهٔ تلفن همراه نامعتبر است (مانند ۰۹۱۲۱۲۳۴۵۶۷)."
CITIZEN_NAME_OR_ID_REQUIRED = "نام یا کد ملی شهروند را وارد کنید."

# --- The SAMAD import --------------------------------------------------------------------------
SAMAD_CODE_MISSING = "کد رهگیری سامد وارد نشده است."
RECEIVED_DATE_MISSING = "تاریخ ثبت وارد نشده است."
XLS_NOT_SUPPORTED = "فایل اکسل قدیمی (xls) پشتیبانی نمی‌شود؛ آن را در اکسل با قالب xlsx یا csv ذخیره کنید."

# --- Referrals ---------------------------------------------------------------------------------
LETTER_DATE_REQUIRED = "تاریخ نامه را وارد کنید."
LETTER_DATE_BEFORE_REQUEST = "تاریخ نامه نمی‌تواند پیش از تاریخ دریافت درخواست باشد."
LETTER_DATE_IN_FUTURE = "تاریخ نامه نمی‌تواند در آینده باشد."
REQUEST_CLOSED_REOPEN_FIRST = "درخواست مختومه است؛ ابتدا آن را بازگشایی کنید."
REFERRAL_DAYS_RANGE = "مهلت پاسخ باید بین ۱ تا ۳۶۵ روز کاری باشد."
RESPONSE_TEXT_REQUIRED = "متن پاسخ دستگاه را وارد کنید."
RESPONSE_DATE_BEFORE_LETTER = "تاریخ پاسخ نمی‌تواند پیش از تاریخ نامهٔ ارجاع باشد."
GRADE_REQUIRED = "کیفیت پاسخ را انتخاب کنید."
REFERRAL_WITHDRAWN = "این ارجاع مسترد شده است."
EXTEND_ONLY_OPEN = "فقط مهلت ارجاع باز تمدید می‌شود."
EXTEND_REASON_REQUIRED = "دلیل تمدید مهلت را بنویسید."
ESCALATION_NOTE_REQUIRED = "شرح ارجاع به بازرسی را بنویسید."
RESPONSE_DATE_IN_FUTURE = "تاریخ پاسخ نمی‌تواند در آینده باشد."
FOLLOW_UP_KIND_REQUIRED = "نوع پیگیری را انتخاب کنید."
REFERRAL_ALREADY_ESCALATED = "این ارجاع پیش‌تر به بازرسی ارجاع شده است."
WITHDRAW_REASON_REQUIRED = "دلیل استرداد ارجاع را بنویسید."
WITHDRAW_ONLY_OPEN = "فقط ارجاع باز را می‌توان مسترد کرد."
FOLLOW_UP_ONLY_OPEN = "فقط ارجاعی که هنوز پاسخ کافی نگرفته پیگیری می‌شود."
FOLLOW_UP_DAY_RANGE = "تاریخ پیگیری باید میان تاریخ نامه و امروز باشد."

# --- Reminder letters --------------------------------------------------------------------------
NO_REMINDER_FOR_ANSWERED = "برای ارجاعی که پاسخ کافی گرفته یا مسترد شده، نامهٔ پیگیری نوشته نمی‌شود."

# --- Meetings and weekly meeting days ----------------------------------------------------------
MEETING_DAY_REQUIRED = "تاریخ دیدار را وارد کنید."
MEETING_TIMES_REQUIRED = "ساعت شروع و پایان را وارد کنید."
MANAGER_REQUIRED = "مدیر را انتخاب کنید."
WEEKDAY_REQUIRED = "روز هفته را انتخاب کنید."
MEETING_KIND_REQUIRED = "نوع دیدار را انتخاب کنید."
MOVE_REASON_REQUIRED = "دلیل جابه‌جایی دیدار را بنویسید."
MOVE_ONLY_PLANNED = "فقط دیدار برنامه‌ریزی‌شده جابه‌جا می‌شود."
FRIDAY_IS_REST = "جمعه تعطیل است؛ روز دیگری را انتخاب کنید."
MINUTES_REQUIRED = "متن صورتجلسه را وارد کنید."
CITIZENS_RECEIVED_INVALID = "شمار پذیرفته‌شدگان نامعتبر است."
MANAGER_NAME_REQUIRED = "نام مدیر را وارد کنید."
NOT_THE_WEEKLY_DAY = "این روز، روز ملاقات هفتگی این مدیر نیست."
CANCEL_REASON_REQUIRED = "دلیل لغو دیدار را بنویسید."
MEETING_HELD_NOT_CANCELLED = "دیدار برگزار و بسته شده است و لغو نمی‌شود."
RULE_END_BEFORE_START = "پایان نمی‌تواند پیش از آغاز قاعده باشد."
REINSTATE_ONLY_CANCELLED = "فقط دیدار لغوشده را می‌توان دوباره برقرار کرد."
MEETING_CANCELLED_NOT_CLOSED = "این دیدار لغو شده است و بسته نمی‌شود."
AGENCY_REQUIRED = "دستگاه اجرایی را انتخاب کنید."

# --- The meeting day: queue, issues, directives ------------------------------------------------
NATIONAL_ID_REQUIRED = "کد ملی را وارد کنید."
ISSUE_SUBJECT_REQUIRED = "موضوع مطرح‌شده را وارد کنید."
TOPIC_TOO_LONG = "موضوع کوتاه نباید بیش از ۳۰۰ نویسه باشد."
DIRECTIVE_TEXT_REQUIRED = "متن دستور مدیر را وارد کنید."
DIRECTIVE_AGENCY_REQUIRED = "دستگاه مسئول اجرای دستور را انتخاب کنید."
DIRECTIVE_DEADLINE_REQUIRED = "مهلت اجرای دستور را وارد کنید."
SUBJECT_TOO_LONG = "موضوع نباید بیش از ۳۰۰ نویسه باشد."
DIRECTIVE_DEADLINE_AFTER_MEETING = "مهلت باید دست‌کم یک روز کاری پس از روز دیدار باشد."
MEETING_CANCELLED = "این دیدار لغو شده است."
MEETING_NOT_YET_HELD = "دیدار هنوز برگزار نشده است."
DIRECTIVE_DEADLINE_TOO_FAR = "مهلت نباید بیش از ۳۶۵ روز کاری باشد."
MEETING_CLOSED = "این دیدار بسته شده است."
MEETING_DAY_NOT_COME = "روز این دیدار نرسیده است؛ شهروند را پیش‌ثبت‌نام کنید."
NEW_CITIZEN_LAST_NAME_REQUIRED = "شهروند تازه است؛ نام خانوادگی را وارد کنید."

# --- The inspection review ---------------------------------------------------------------------
VERDICT_REQUIRED = "نتیجهٔ بررسی را انتخاب کنید."
REVIEW_ITEM_KIND_INVALID = "نوع مورد بازرسی نامعتبر است."
REVIEW_NOTE_REQUIRED = "شرح بررسی را بنویسید."
REVIEW_QUEUE_INVALID = "نوع فهرست بازرسی نامعتبر است."
DATE_INVALID = "تاریخ نامعتبر است."

# --- Questions (warnings the clerk confirms; not errors) ---------------------------------------
LATIN_NAME_QUESTION = "نام به حروف لاتین است؛ همین ثبت شود؟"


# --- Messages with a number or a name in them ------------------------------------------------
LETTER_NO_REQUIRED = "شمارهٔ نامه را وارد کنید."
LETTER_NO_CHARACTERS = ("شمارهٔ نامه باید رقم داشته باشد و جز رقم، حرف و «/» یا «-» نویسهٔ دیگری "
                        "نداشته باشد.")
MEETING_OVERLAP = "این مدیر در همین ساعت دیدار دیگری دارد؛ روز یا ساعت دیگری را انتخاب کنید."
END_BEFORE_START = "ساعت پایان باید پس از ساعت شروع باشد."
DAMAGED_ROW = ("این ردیف نویسه‌هایی دارد که با کدگذاری UTF-8 خوانا نیست (فایل آسیب دیده "
               "است)؛ ردیف وارد نمی‌شود. آن را در سامد یا فایل اصلی بررسی کنید.")


def letter_no_too_long(limit: int) -> str:
    """A letter number longer than the limit."""
    return f"شمارهٔ نامه نباید بیش از {_fa(limit)} نویسه باشد."


def extensions_used_up(limit: int) -> str:
    """A referral extended as often as the office allows."""
    return f"مهلت هر ارجاع حداکثر {_fa(limit)} بار تمدید می‌شود و این ارجاع به این حد رسیده است."


def extension_days_range(most: int) -> str:
    """An extension outside 1..most working days."""
    return f"مدت تمدید باید بین ۱ تا {_fa(most)} روز کاری باشد."


def fewer_than_received(counted: int) -> str:
    """Minutes that count fewer citizens than the queue marked received."""
    return f"شمار پذیرفته‌شدگان نمی‌تواند کمتر از {_fa(counted)} نفرِ ثبت‌شده در نوبت باشد."


def holiday_cancels_meeting(holiday: str) -> str:
    """A weekly meeting day that falls on an official holiday."""
    return f"این روز تعطیل رسمی است ({holiday})؛ دیدار این هفته خودبه‌خود لغو است."


def already_queued(queue_no: int) -> str:
    """A citizen already in the meeting's queue."""
    return f"این شهروند پیش‌تر با نوبت {_fa(queue_no)} در فهرست این دیدار است."


def review_note_too_long(limit: int) -> str:
    """An inspector's note past the limit."""
    return f"شرح بررسی نباید بیش از {_fa(limit)} نویسه باشد."


def password_too_short(least: int) -> str:
    """A password shorter than the minimum."""
    return f"گذرواژه باید دست‌کم {_fa(least)} نویسه باشد."


def username_too_long_for_server(max_bytes: int) -> str:
    """A user name longer than PostgreSQL's 63-byte role names allow (after the login prefix)."""
    return (f"نام کاربری برای سرور بلند است: حداکثر {_fa(max_bytes)} حرف لاتین "
            f"یا {_fa(max_bytes // 2)} حرف فارسی.")


def lock_minutes_range(most: int) -> str:
    """An idle-lock time outside 0..most minutes."""
    return f"زمان قفل باید بین ۰ (هرگز) تا {_fa(most)} دقیقه باشد."


def search_too_long(limit: int) -> str:
    """A search text past the limit."""
    return (f"متن جست‌وجو نباید بیش از {_fa(limit)} نویسه باشد؛ چند واژهٔ کلیدی یا کد رهگیری را "
            "بنویسید.")


# --- The SAMAD import: files and rows -----------------------------------------------------------
def column_missing(label: str, headers: str) -> str:
    """A required column the file lacks, with the headers it has."""
    return f"ستون «{label}» در فایل پیدا نشد (سرستون‌های فایل: {headers})."


def file_empty(name: str) -> str:
    """A file without rows."""
    return f"فایل «{name}» خالی است."


def headers_damaged(name: str) -> str:
    """A header row whose bytes are not UTF-8."""
    return (f"سرستون‌های فایل «{name}» نویسه‌هایی دارد که UTF-8 نیست (فایل آسیب دیده است)؛ "
            "آن را دوباره با کدگذاری UTF-8 ذخیره کنید.")


def unknown_field(field: str, header: str) -> str:
    """A header mapped to a field that does not exist."""
    return f"فیلد «{field}» برای ستون «{header}» شناخته نیست."


def two_columns_one_field(first: str, second: str, label: str) -> str:
    """Two columns mapped to the same field."""
    return f"ستون‌های «{first}» و «{second}» هر دو به «{label}» نگاشت شده‌اند."


def not_a_csv(name: str) -> str:
    """A binary file offered as CSV."""
    return f"فایل «{name}» متنی (csv) نیست؛ فایل csv یا xlsx بدهید."


def characters_unreadable(name: str) -> str:
    """A text file whose characters cannot be decoded."""
    return (f"نویسه‌های فایل «{name}» خوانده نشد؛ فایل آسیب دیده است. آن را دوباره با "
            "کدگذاری UTF-8 ذخیره کنید.")


def bad_csv(name: str, detail: str) -> str:
    """A CSV the csv module refuses."""
    return f"فایل «{name}» قالب csv درستی ندارد ({detail})."


def file_not_found(name: str) -> str:
    """A file that is not there."""
    return f"فایل «{name}» پیدا نشد."


def file_unreadable(name: str, detail: str) -> str:
    """A file the system would not let us read."""
    return f"فایل «{name}» خوانده نشد ({detail})."


def format_unsupported(name: str) -> str:
    """A file neither CSV nor XLSX."""
    return f"قالب فایل «{name}» پشتیبانی نمی‌شود؛ فایل csv یا xlsx بدهید."


def xlsx_unreadable(name: str) -> str:
    """An Excel file that does not open."""
    return f"فایل اکسل «{name}» خوانده نشد؛ خراب است یا قالب آن xlsx نیست."


def xlsx_damaged(name: str) -> str:
    """An Excel file that breaks while being read."""
    return f"فایل اکسل «{name}» خوانده نشد؛ خراب است."


def cell_too_long(label: str, limit: int) -> str:
    """A cell longer than its field allows."""
    return f"«{label}» نباید بیش از {_fa(limit)} نویسه باشد."


def unknown_type(written: str, labels: str) -> str:
    """A request type the import does not know."""
    return f"نوع درخواست «{written}» شناخته نیست (یکی از: {labels})."


def mapped_to_nothing(name: str) -> str:
    """A name the clerk mapped to an entry that is gone."""
    return f"«{name}» به موردی نگاشت شده که در فهرست نیست."


def unknown_county(name: str) -> str:
    """A county name matching none."""
    return f"شهرستان «{name}» در فهرست شهرستان‌ها پیدا نشد."


def unknown_agency(name: str) -> str:
    """An agency name matching none."""
    return f"دستگاه اجرایی «{name}» در فهرست دستگاه اجرایی‌ها پیدا نشد."


def damaged_rows(count: int, rows: str, done: bool) -> str:
    """A UTF-8 file with some damaged rows: they are skipped, the rest imported."""
    rest = "بقیهٔ ردیف‌ها وارد شد" if done else "بقیهٔ ردیف‌ها وارد می‌شود"
    return (f"فایل با کدگذاری UTF-8 ذخیره شده اما {_fa(count)} ردیف آن نویسه‌های خراب دارد "
            f"(ردیف {rows})؛ این ردیف‌ها وارد نمی‌شود و {rest}. برای واردکردن آن‌ها، فایل را "
            "دوباره از سامد بگیرید یا با کدگذاری UTF-8 ذخیره کنید.")


# --- Backups --------------------------------------------------------------------------------------
# Paths and commands sit in LRI … PDI (left-to-right isolates) inside the Persian sentence.
PG_SERVER_ADVICE = (
    "برنامهٔ pg_dump روی این رایانه پیدا نشد، پس «پل» نمی‌تواند از پایگاه دادهٔ سرور نسخهٔ پشتیبان "
    "بگیرد. پشتیبان‌گیری از سرور PostgreSQL کار خود سرور است: از مسئول فناوری اطلاعات بخواهید "
    "روی سرور، هر شب pg_dump -Fc را زمان‌بندی کند (یا pg_basebackup با بایگانی WAL را راه بیندازد) "
    "و نسخه‌ها را روی دیسک دیگری نگه دارد؛ یا ابزارهای خط فرمان PostgreSQL را روی همین رایانه "
    "نصب کنید."
)
PG_RESTORE_ADVICE = (
    "«پل» پایگاه دادهٔ سرور PostgreSQL را خودش بازنمی‌گرداند، چون همهٔ رایانه‌های اداره به آن "
    "وصل‌اند. مسئول فناوری اطلاعات باید روی سرور، پس از بستن «پل» در همهٔ رایانه‌ها، فایل پشتیبان را "
    "با pg_restore --clean --if-exists -d نام‌پایگاه فایل‌پشتیبان بازگرداند."
)


def _iso(text: str) -> str:
    return f"\u2066{text}\u2069"


def backup_folder_unavailable(folder: str, reason: str) -> str:
    """The backup folder cannot be made or reached."""
    return (f"پوشهٔ پشتیبان {_iso(folder)} در دسترس نیست ({reason}). "
            "اگر پوشه روی شبکه است، اتصال آن را بررسی کنید.")


def database_file_missing(path: str) -> str:
    """The database file to back up is not there."""
    return f"فایل پایگاه داده {_iso(path)} پیدا نشد."


def backup_check_failed(detail: str) -> str:
    """A backup written but failing its own check."""
    return (f"نسخهٔ پشتیبان نوشته شد ولی بررسی آن ناموفق بود ({detail}); آن نگه داشته نشد. "
            "دیسک مقصد را بررسی کنید.")


def backup_write_failed(path: str, detail: str) -> str:
    """A backup that could not be written."""
    return f"نوشتن نسخهٔ پشتیبان در {_iso(path)} ناموفق بود ({detail})."


def backup_file_missing(path: str) -> str:
    """A backup to restore that is not there."""
    return f"فایل پشتیبان {_iso(path)} پیدا نشد."


def backup_damaged(path: str, detail: str) -> str:
    """A backup that is itself damaged."""
    return (f"فایل پشتیبان {_iso(path)} خود آسیب دیده است ({detail}) و بازگردانده نشد. "
            "پشتیبان دیگری را برگزینید.")


def restore_failed(path: str, detail: str) -> str:
    """A restore that failed in SQLite."""
    return f"بازگردانی از {_iso(path)} ناموفق بود ({detail})."


def restore_file_in_use(path: str, detail: str) -> str:
    """A restore refused because another program holds the file."""
    return (f"بازگردانی ناموفق بود: فایل {_iso(path)} در دست برنامهٔ دیگری است ({detail}). "
            "«پل» را در همه‌جا ببندید.")


def backup_from_newer_pol(path: str) -> str:
    """A backup whose schema is newer than this Pol."""
    return (f"فایل {_iso(path)} را نسخهٔ جدیدتری از «پل» نوشته است و این نسخه نمی‌تواند آن را "
            "بازگرداند. نخست «پل» را به‌روز کنید.")


def not_a_pol_database(path: str) -> str:
    """A file that is not a Pol database."""
    return f"فایل {_iso(path)} پایگاه دادهٔ «پل» نیست."


def pg_dump_failed(detail: str) -> str:
    """pg_dump could not be run."""
    return f"اجرای pg_dump ناموفق بود ({detail})."


def pg_dump_wrote_nothing(detail: str) -> str:
    """pg_dump ran and failed."""
    return f"pg_dump نسخهٔ پشتیبان را ننوشت: {_iso(detail)}"



# --- The office's working week (working_week.py) ------------------------------------------------
REST_DAYS = "روزهای تعطیل هفته"  # for the conflict message
THIS_HOLIDAY = "این روز تعطیل"
HOLIDAY = "روز تعطیل"
THIS_AGENCY = "این دستگاه"
HOLIDAY_DAY_REQUIRED = "تاریخ روز تعطیل را وارد کنید."
NO_WORKING_DAY = "دست‌کم یک روز هفته باید کاری بماند؛ همهٔ روزها تعطیل زده شده است."
REST_DAYS_INVALID = "روز تعطیل هفته نامعتبر است."


def holiday_name_required(day: str) -> str:
    """A holiday added or edited without a name."""
    return f"نام تعطیلی {day} را بنویسید."


def holiday_day_taken(day: str) -> str:
    """Two holidays on one day."""
    return f"برای {day} پیش‌تر تعطیلی ثبت شده است؛ همان را ویرایش کنید."


def holiday_name_too_long(day: str, limit: int) -> str:
    """A holiday name longer than the column."""
    return f"نام تعطیلی {day} بیش از {_fa(limit)} نویسه است."


def answer_days_invalid(agency: str, text: str) -> str:
    """An agency's answer period that is not a whole number of days."""
    return (f"مهلت پاسخ «{agency}» باید عددی از ۱ تا ۳۶۵ روز کاری باشد (نوشته‌اید «{text}»)؛ "
            "برای مهلت پیش‌فرض دفتر، خانه را خالی بگذارید.")


def answer_days_range(agency: str) -> str:
    """An agency's answer period out of range."""
    return f"مهلت پاسخ «{agency}» باید بین ۱ تا ۳۶۵ روز کاری باشد."


def agency_period(agency: str) -> str:
    """An agency's answer period, named for the conflict message."""
    return f"مهلت پاسخ «{agency}»"


# --- Files the user chose (a PDF to save, a folder to write in) ---------------------------------
FILE_ERRORS = {
    errno.EACCES: "اجازهٔ کار با این پرونده یا پوشه نیست",
    errno.EPERM: "اجازهٔ کار با این پرونده یا پوشه نیست",
    errno.ENOENT: "این پرونده یا پوشه پیدا نشد",
    errno.ENOSPC: "جای خالی دیسک کافی نیست",
    errno.EROFS: "این پوشه فقط‌خواندنی است",
    errno.EBUSY: "پرونده در دست برنامهٔ دیگری است؛ آن را ببندید و دوباره بکوشید",
    errno.EISDIR: "این نام، نام یک پوشه است",
}


def pdf_not_written(path: str, error: OSError) -> str:
    """A PDF (slip, receipt, letter) that could not be written where the user asked."""
    reason = FILE_ERRORS.get(error.errno or 0) or str(error.strerror or error)
    return f"فایل PDF در {_iso(path)} نوشته نشد ({reason}). جای دیگری را برای ذخیره انتخاب کنید."

# --- The office's settings (office_settings) ---------------------------------------------------
SETTING_UNKNOWN = "این تنظیم شناخته نیست."


def setting(label: str) -> str:
    """The name of one setting, for the conflict message."""
    return f"تنظیم «{label}»"


def setting_not_a_number(label: str) -> str:
    """A numeric setting given text."""
    return f"برای «{label}» یک عدد بنویسید."


def setting_range(label: str, low: int, high: int) -> str:
    """A numeric setting out of its bounds."""
    return f"«{label}» باید از {_fa(low)} تا {_fa(high)} باشد."


def setting_bad_path(label: str) -> str:
    """A folder setting holding invisible or control characters."""
    return f"«{label}» نویسه‌های نامرئی یا کنترلی دارد؛ مسیر پوشه را دوباره بنویسید یا برگزینید."


def setting_too_long(label: str) -> str:
    """A text setting longer than the table keeps."""
    return f"«{label}» بیش از اندازه بلند است."


# --- The citizen's objection (issue 13 part 2) -------------------------------------------------
OBJECTION = "اعتراض"
THIS_OBJECTION = "این اعتراض"
OBJECTION_REASON_REQUIRED = "دلیل اعتراض شهروند را بنویسید."
OBJECTION_ONLY_CLOSED = ("فقط به پاسخ درخواست مختومه می‌توان اعتراض کرد؛ این درخواست هنوز "
                         "مختومه نشده است.")
OBJECTION_SAME_ANSWER = ("به همین پاسخ پیش‌تر اعتراض شده و دربارهٔ آن تصمیم گرفته شده است؛ "
                         "اعتراض دوباره به همان پاسخ پذیرفته نمی‌شود.")
OBJECTION_ALREADY_DECIDED = "دربارهٔ این اعتراض پیش‌تر تصمیم گرفته شده است."
OBJECTION_REJECT_REASON_REQUIRED = "دلیل رد اعتراض را بنویسید."
OBJECTION_CASE_MOVED_ON = ("این درخواست پس از اعتراض به دستگاهی ارجاع شده و ارجاع باز دارد؛ "
                           "اعتراض را نمی‌توان رد کرد و درخواست را دوباره مختومه کرد.")
CLOSE_WAITS_FOR_OBJECTION = ("اعتراض شهروند به این درخواست در انتظار تصمیم بازرسی است؛ "
                             "پیش از تصمیم، درخواست مختومه نمی‌شود.")


def objection_window_over(last_day: str, days: int) -> str:
    """An objection after the office's period: the last day it was allowed, in Jalali."""
    return (f"مهلت اعتراض به این پاسخ روز {last_day} به پایان رسیده است ({_fa(days)} روز پس از "
            "مختومه شدن درخواست)؛ اعتراض پس از آن پذیرفته نمی‌شود.")


def objection_text_too_long(limit: int) -> str:
    """An objection's reason or decision longer than the limit."""
    return f"متن از {_num(limit)} نویسه بیشتر است؛ آن را کوتاه کنید."
# --- Satisfaction calls (calls) ----------------------------------------------------------------
THIS_CALL = "تماس رضایت این درخواست"
CALL_REQUEST_NOT_CLOSED = "تماس رضایت فقط برای درخواست مختومه ثبت می‌شود."
CALL_FINISHED = "تماس رضایت این درخواست پیش‌تر به پایان رسیده است و از فهرست بیرون رفته است."
CALL_SAME_DAY = ("امروز یک بار با این شهروند تماس گرفته شده است؛ تلاش دوباره باید در روز دیگری "
                 "باشد. این درخواست فردا دوباره در فهرست تماس می‌آید.")
CALL_SCORE_REQUIRED = "میزان رضایت شهروند را از ۱ تا ۵ بزنید."
CALL_SOLVED_REQUIRED = "بپرسید مشکل حل شد یا نه، و «بله» یا «خیر» را بزنید."
CALL_SCORE_WHEN_UNREACHED = "وقتی شهروند پاسخ نداده است، رضایت و حل شدن مشکل ثبت نمی‌شود."
CALL_VIEW_INVALID = "این فهرست تماس شناخته نیست."
CALL_NO_MOBILE = "این شهروند شمارهٔ تلفن همراه ندارد؛ تماس رضایت برایش ثبت نمی‌شود."


def call_comment_too_long(limit: int) -> str:
    """A call's comment longer than the table keeps."""
    return f"توضیح تماس بیش از {_fa(limit)} نویسه است؛ آن را کوتاه کنید."
# --- the clock stops while the citizen owes papers (issue 13 part 5) --------------------------

PAUSE_REASON_REQUIRED = "دلیل توقف مهلت را بنویسید (کدام مدارک از شهروند خواسته شده است)."
RESUME_REASON_REQUIRED = "دلیل ادامهٔ مهلت را بنویسید (مثلاً چه مدارکی رسید)."
PAUSE_REASON_TOO_LONG = "دلیل توقف یا ادامهٔ مهلت بیش از ۵۰۰ نویسه است؛ کوتاه‌ترش کنید."
PAUSE_REQUEST_CLOSED = ("این درخواست مختومه است و مهلتی ندارد که متوقف شود؛ "
                        "اگر کاری مانده، نخست آن را بازگشایی کنید.")
PAUSE_REQUEST_NOT_OPEN = ("این درخواست پاسخ داده شده است و مهلتش دیگر نمی‌گذرد؛ "
                          "توقف مهلت فقط برای درخواست باز است.")
PAUSE_REFERRAL_NOT_OPEN = ("این ارجاع دیگر در انتظار پاسخ دستگاه نیست (پاسخ گرفته یا مسترد "
                           "شده است)؛ مهلتش متوقف نمی‌شود.")
ALREADY_PAUSED = ("مهلت این پرونده همین حالا متوقف است (در انتظار مدارک شهروند)؛ "
                  "دوباره متوقف نمی‌شود.")
NOT_PAUSED = "مهلت این پرونده متوقف نیست؛ چیزی برای ادامه دادن نیست."
PAUSE_NO_DEADLINE = "این درخواست مهلت پاسخی ندارد که متوقف شود."
# --- The referral as an official letter (issue 13 §6) ------------------------------------------
LETTER_PATTERN_EMPTY = "الگوی شمارهٔ نامه را بنویسید؛ برای نمونه «۳/ص/{سال}-{شماره}»."
LETTER_PATTERN_NO_NUMBER = ("الگوی شمارهٔ نامه باید «{شماره}» را داشته باشد تا هر نامه شمارهٔ "
                            "خودش را بگیرد؛ برای نمونه «۳/ص/{سال}-{شماره}».")
LETTER_PATTERN_NO_YEAR = ("الگوی شمارهٔ نامه باید «{سال}» را هم داشته باشد: شماره‌ها هر سال از "
                          "یک آغاز می‌شوند و بی سال، شمارهٔ نامه‌های سال پیش دوباره ساخته می‌شود.")
LETTER_PATTERN_TWO_NUMBERS = "«{شماره}» فقط یک بار در الگوی شمارهٔ نامه می‌آید."
LETTER_PATTERN_BRACES = ("در الگوی شمارهٔ نامه هر «{» باید با «}» بسته شود و جز «{سال}» و "
                         "«{شماره}» چیزی میان آن‌ها نیاید.")
LETTER_PATTERN_NO_YEAR_SEPARATOR = ("«{سال}» و «{شماره}» در الگو به هم چسبیده‌اند؛ میان آن‌ها "
                                    "«/» یا «-» بگذارید تا شماره‌ها با هم اشتباه نشوند.")
LETTER_CLASS_REQUIRED = "طبقه‌بندی نامه را انتخاب کنید (عادی یا محرمانه)."
LETTER_PRIORITY_REQUIRED = "فوریت نامه را انتخاب کنید (عادی، فوری یا آنی)."
LETTER_NUMBERS_COUNT = "تعداد شماره‌ها باید از ۱ تا ۱۰۰۰ باشد."
NO_REMINDER_NUMBER_FOR_CLOSED = "برای ارجاعی که دیگر در انتظار پاسخ نیست نامهٔ پیگیری شماره نمی‌گیرد."


def letter_pattern_unknown(name: str) -> str:
    """A placeholder the pattern does not know."""
    return (f"«{{{name}}}» در الگوی شمارهٔ نامه شناخته نیست؛ فقط «{{سال}}» و «{{شماره}}» "
            "(یا «{year}» و «{number}») به کار می‌روند.")


def letter_pattern_result(problem: str) -> str:
    """A pattern whose numbers would not be acceptable letter numbers."""
    return f"شماره‌هایی که این الگو می‌سازد پذیرفتنی نیستند: {problem}"


def letter_copies_too_many(limit: int) -> str:
    """More copies (رونوشت) than a letter carries."""
    return f"رونوشت نامه بیش از {_fa(limit)} گیرنده نمی‌تواند داشته باشد."


def letter_copy_too_long(limit: int) -> str:
    """One copy line longer than the limit."""
    return f"هر سطر رونوشت حداکثر {_fa(limit)} نویسه است."
# --- Attachments: scanned letters and photos on file (issue 13 §4) ------------------------------
ATTACHMENT = "پیوست"
THIS_ATTACHMENT = "این پیوست"
ATTACHMENT_EMPTY = "این پرونده خالی است (صفر بایت) و پیوست نشد."
ATTACHMENT_IS_FOLDER = "این یک پوشه است، نه پرونده؛ پرونده‌های درون آن را یکی‌یکی پیوست کنید."
ATTACHMENT_REMOVE_REASON = "دلیل حذف پیوست را بنویسید."
ATTACHMENT_ALREADY_REMOVED = "این پیوست پیش‌تر حذف شده است."
ATTACHMENT_REASON_TOO_LONG = "دلیل حذف بیش از ۵۰۰ نویسه است؛ کوتاه‌ترش کنید."
SCAN_FOLDER_NOT_SET = ("پوشهٔ اسکنر تعیین نشده است. مدیر سامانه آن را در «تنظیمات دفتر» "
                       "(بخش پیوست‌ها) تعیین می‌کند.")


def attachment_too_large(size_mb: str, limit_mb: int) -> str:
    """A file larger than the office's limit."""
    return (f"این پرونده {size_mb} مگابایت است و بیشترین اندازهٔ پیوست {_fa(limit_mb)} مگابایت "
            "است؛ آن را با کیفیت کمتر اسکن یا فشرده کنید.")


def attachment_unreadable(path: str, error: OSError) -> str:
    """A file that could not be opened or read."""
    reason = FILE_ERRORS.get(error.errno or 0) or str(error.strerror or error)
    return f"پروندهٔ {_iso(path)} خوانده نشد ({reason})."


def attachment_not_a_file(name: str) -> str:
    """A path that is a pipe, a device or a socket, not a file that can be read to its end."""
    return f"«{name}» پروندهٔ معمولی نیست (لوله یا دستگاه است) و خوانده نشد."


def attachment_damaged(kind: str) -> str:
    """A file whose content is cut short or is not what it says it is."""
    return (f"این پرونده آسیب دیده است: محتوای {kind} آن ناقص یا خراب است. "
            "آن را دوباره اسکن یا از فرستنده دوباره دریافت کنید.")


def attachment_not_what_named(extension: str) -> str:
    """A file named as a picture or PDF whose content is neither (nor anything known)."""
    return (f"نام این پرونده {_iso('.' + extension)} است ولی محتوای آن نه تصویر است و نه PDF؛ "
            "ممکن است آسیب دیده باشد. پرونده را دوباره اسکن یا دریافت کنید.")


def attachment_duplicate(name: str) -> str:
    """The same content attached to the same record already."""
    return f"همین پرونده (با همین محتوا) پیش‌تر با نام «{name}» پیوست شده است."


def attachment_content_mismatch(name: str) -> str:
    """The stored bytes no longer match their SHA-256: the database copy was altered."""
    return (f"محتوای پیوست «{name}» با چکیدهٔ SHA-256 ثبت‌شده‌اش نمی‌خواند؛ آن را باز نکنید "
            "و به مسئول فناوری اطلاعات و بازرسی خبر دهید.")


def scan_folder_unavailable(folder: str, error: OSError) -> str:
    """The scan folder cannot be read."""
    reason = FILE_ERRORS.get(error.errno or 0) or str(error.strerror or error)
    return f"پوشهٔ اسکنر {_iso(folder)} در دسترس نیست ({reason})."


def scan_folder_empty(folder: str) -> str:
    """No file in the scan folder."""
    return f"در پوشهٔ اسکنر {_iso(folder)} پرونده‌ای نیست؛ نخست برگه را اسکن کنید."


def attachment_not_written(path: str, error: OSError) -> str:
    """A copy of an attachment that could not be written where the user asked."""
    reason = FILE_ERRORS.get(error.errno or 0) or str(error.strerror or error)
    return f"پرونده در {_iso(path)} نوشته نشد ({reason}). جای دیگری را برای ذخیره انتخاب کنید."
# --- Repeat visitors and links between requests (requests.repeats) ----------------------------
LINK_KIND_REQUIRED = "نوع پیوند را انتخاب کنید: تکراری یا مرتبط."
LINK_TO_ITSELF = "یک درخواست را نمی‌توان به خودش پیوند داد."
LINK_OTHER_UNKNOWN = "درخواستی با این کد رهگیری پیدا نشد."
LINK_GONE = "این پیوند دیگر وجود ندارد؛ فهرست را تازه کنید."
_LINK_KINDS = {"duplicate": "تکراری", "related": "مرتبط"}


def already_linked(code: str) -> str:
    """The two requests are linked already."""
    return f"این درخواست پیش‌تر به درخواست {_iso(code)} پیوند داده شده است."


def duplicate_pointer(code: str) -> str:
    """The line a duplicate closes with: where the matter goes on."""
    return f"تکراری؛ رسیدگی در درخواست {_iso(code)} ادامه دارد."


def link_note(kind: str, code: str) -> str:
    """The history note of a link."""
    return f"{_LINK_KINDS.get(kind, kind)} — درخواست {_iso(code)}"


# The SAMAD bridge (issue 14 §2).
def folder_not_found(folder: str) -> str:
    """The folder a file was to be saved in is not there."""
    return f"پوشهٔ «{folder}» پیدا نشد."


def file_not_saved(name: str, detail: str) -> str:
    """A file the system would not let us write."""
    return f"فایل «{name}» ذخیره نشد ({detail})."


# --- Messages to citizens (services.sms) -------------------------------------------------------
SMS_TEMPLATE_EMPTY = "متن پیامک را بنویسید."
SMS_GATEWAY_METHOD = "روش درخواست باید GET یا POST باشد."
SMS_GATEWAY_URL = "نشانی درگاه باید با https:// آغاز شود (http فقط برای همین رایانه)."
SMS_GATEWAY_PARAM = "هر سطر پارامتر باید به شکل «نام=مقدار» باشد."
SMS_GATEWAY_TIMEOUT = "زمان انتظار درگاه باید میان ۱ تا ۶۰ ثانیه باشد."
SMS_NO_GATEWAY = "درگاه پیامک تنظیم نشده است؛ پیامک‌ها در فهرست می‌مانند تا دستی فرستاده شوند."
SMS_MESSAGE = "پیامک"
SMS_ONLY_QUEUED = "فقط پیامک‌های در صف یا ناموفق را می‌توان «فرستاده‌شده» زد."
CITIZEN = "شهروند"


def sms_template_too_long(parts: int, units: int) -> str:
    """A template whose longest rendering takes more than three parts."""
    return (f"بلندترین متن این الگو {_fa(units)} نویسه است و {_fa(parts)} پیامک می‌شود؛ "
            "بیشتر از ۳ پیامک (۲۰۱ نویسه) پذیرفته نیست. متن را کوتاه کنید.")


def sms_unknown_placeholder(names: list[str]) -> str:
    """Placeholders a kind of message cannot fill."""
    return "جای‌نگهدار ناشناخته: " + "، ".join("{" + n + "}" for n in names)
