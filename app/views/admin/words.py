"""Words of the working-week settings screen (هفتهٔ کاری و تعطیلات)."""

from __future__ import annotations

from app.services.core.persian import to_persian_digits

MENU_WORKING_WEEK = "هفتهٔ کاری و تعطیلات…"
TITLE = "هفتهٔ کاری، تعطیلات و مهلت پاسخ دستگاه‌ها"
TAB_WEEK = "روزهای تعطیل هفته"
TAB_HOLIDAYS = "تعطیلات رسمی"
TAB_AGENCIES = "مهلت پاسخ دستگاه‌ها"
WEEK_HINT = ("روزهای تیک‌خورده تعطیل هفتگی دفترند. مهلت‌های پاسخ، سایه‌زنی تقویم، روزهای "
             "ملاقات مورد انتظار و ارقام روز کاری گزارش سه‌ماهه همه از همین تنظیم پیروی می‌کنند.")
NO_WORKING_DAY = "دست‌کم یک روز هفته باید کاری بماند."
HOLIDAYS_HINT = ("تعطیلات قمری را که ممکن است تقویم رسمی یک روز جابه‌جا کند «تخمینی» بزنید "
                 "تا پس از اعلام رسمی بازبینی شوند.")
HOLIDAY_COLUMNS = ("تاریخ", "روز هفته", "مناسبت", "تخمینی")
HOLIDAY_DAY = "تاریخ:"
HOLIDAY_NAME = "مناسبت:"
ESTIMATED = "تخمینی"
ADD_HOLIDAY = "افزودن"
APPLY_HOLIDAY = "اعمال روی ردیف"
REMOVE_HOLIDAY = "حذف ردیف"
NAME_PLACEHOLDER = "مثلاً: تاسوعای حسینی"
AGENCY_COLUMNS = ("دستگاه اجرایی", "مهلت پاسخ (روز کاری)")
RELOAD = "خواندن دوباره"
SAVED = "تغییرات ذخیره شد؛ مهلت‌ها، تقویم و گزارش از این پس با آن حساب می‌شوند."
NOTHING_TO_SAVE = "تغییری برای ذخیره نیست."
ADMIN_ONLY = "فقط مدیر سامانه می‌تواند هفتهٔ کاری و تعطیلات را تغییر دهد."
UNSAVED = "تغییرات ذخیره‌نشده"
NEW_MARK = "تازه"


def agencies_hint(default_days: int) -> str:
    """The agencies tab's hint, with the office default."""
    return (f"خانهٔ خالی یعنی مهلت پیش‌فرض دفتر ({to_persian_digits(default_days)} روز کاری). "
            "مهلت هر دستگاه در ارجاع تازه به آن پیشنهاد می‌شود.")


def default_days(days: int) -> str:
    """The placeholder of a blank answer period."""
    return f"پیش‌فرض ({to_persian_digits(days)})"

# The office's settings dialog.
MENU_OFFICE = "تنظیمات دفتر…"
OFFICE_TITLE = "تنظیمات دفتر"
SAVE = "ذخیره"
CHOOSE_FOLDER = "انتخاب پوشه…"
