"""Every Persian error message the services raise, in one place (views: app/views/words.py).

Names say what went wrong; texts are whole sentences, ready to show.
"""

from __future__ import annotations

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

# --- Backups -----------------------------------------------------------------------------------
BACKUP_NOT_POSSIBLE = "از این پایگاه داده نمی‌توان پشتیبان گرفت."

# --- Requests ----------------------------------------------------------------------------------
SUBJECT_REQUIRED = "موضوع درخواست را وارد کنید."
SAMAD_CODE_TOO_LONG = "کد رهگیری سامد نباید بیش از ۴۰ نویسه باشد."
CHANNEL_REQUIRED = "مجرای دریافت را انتخاب کنید."
TYPE_REQUIRED = "نوع درخواست را انتخاب کنید."
PRIORITY_INVALID = "اولویت نامعتبر است."
COUNTY_UNKNOWN = "شهرستان انتخاب‌شده در فهرست نیست."
AGENCY_UNKNOWN = "دستگاه انتخاب‌شده در فهرست نیست."
RECEIVED_IN_FUTURE = "تاریخ دریافت نمی‌تواند در آینده باشد."
REQUEST_SUBJECT_TOO_LONG = "موضوع درخواست نباید بیش از ۳۰۰ نویسه باشد."
SAMAD_CODE_TAKEN = "درخواستی با این کد رهگیری سامد پیش‌تر ثبت شده است."
ANSWER_TEXT_REQUIRED = "متن پاسخ را وارد کنید."
ALREADY_CLOSED = "این درخواست پیش‌تر مختومه شده است."
SATISFACTION_RANGE = "رضایت شهروند باید از ۱ تا ۵ باشد."
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
