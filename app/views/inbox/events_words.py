"""Words of the events screen (رویدادها), issue 14 §1."""

from __future__ import annotations

from app.services.core.persian import to_persian_digits

OPEN = "رویدادها…"
OPEN_TIP = "فهرست سفرها، ارتباط‌های زنده و روزهای ملاقات ویژه با شمار نامه‌های هر یک"
TITLE = "رویدادها"
HEADERS = ("نام رویداد", "نوع", "از", "تا", "شهرستان", "مدیر مسئول", "نامه‌های دریافتی",
           "پاسخ مستقیم", "ارجاع", "باز")
NEW = "رویداد تازه…"
EDIT = "ویرایش…"
SHOW_REQUESTS = "نمایش درخواست‌ها"
CLOSE = "بستن"
LOADING = "در حال خواندن رویدادها…"
EMPTY = "هنوز رویدادی ثبت نشده است."
READ_ONLY = "نقش شما اجازهٔ ثبت و ویرایش رویداد را نمی‌دهد."
EDIT_TITLE = "ویرایش رویداد"
EVENT_MANAGER = "مدیر مسئول:"
NO_MANAGER = "بدون مدیر مسئول"
FILTER_CHIP = "رویداد: «{name}»"
FILTER_CLEAR = "برداشتن رویداد"


def count(n: int) -> str:
    """«۳ رویداد»."""
    return f"{to_persian_digits(n)} رویداد"


def chip(name: str) -> str:
    """The inbox's note that it lists one event's requests."""
    return FILTER_CHIP.format(name=name)
