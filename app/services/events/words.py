"""Persian messages of events, batch intake and batch actions (issue 14 §1)."""

from app.services.core.messages import EVENT_UNKNOWN  # noqa: F401 (one wording, re-exported)
from app.services.core.persian import ltr

EVENT = "رویداد"
THIS_EVENT = "این رویداد"
EVENT_NAME_REQUIRED = "نام رویداد را وارد کنید."
EVENT_NAME_TOO_LONG = "نام رویداد حداکثر ۲۰۰ نویسه است."
EVENT_KIND_REQUIRED = "نوع رویداد را انتخاب کنید."
EVENT_DATES_ORDER = "تاریخ پایان رویداد پیش از تاریخ شروع آن است."
MANAGER_UNKNOWN = "مدیر انتخاب‌شده در فهرست نیست."
COUNTY_NOT_FOUND = "این شهرستان در فهرست نیست؛ از فهرست انتخاب کنید."
AGENCY_NOT_FOUND = "این دستگاه در فهرست نیست؛ از فهرست انتخاب کنید."
NOTHING_SELECTED = "هیچ درخواستی انتخاب نشده است."
TOO_MANY = "در هر بار حداکثر ۱۰۰۰ درخواست را می‌توان یک‌جا تغییر داد."
SOME_CLOSED = "برخی درخواست‌های انتخاب‌شده مختومه‌اند؛ نخست آن‌ها را بازگشایی کنید: {codes}"
AGENCY_REQUIRED = "دستگاه ارجاع را انتخاب کنید."
COVERING_TITLE = "نامهٔ ارجاع گروهی"
ANNEX_TITLE = "پیوست: فهرست درخواست‌ها"
SLIP_SHEET_TITLE = "رسیدهای ثبت گروهی"


def some_closed(codes: list[str]) -> str:
    """«برخی … مختومه‌اند: …» with at most five of the codes."""
    return SOME_CLOSED.format(codes="، ".join(codes[:5]) + ("…" if len(codes) > 5 else ""))



ALL_OBJECTED = ("اعتراض شهروند به همهٔ درخواست‌های انتخاب‌شده در انتظار تصمیم بازرسی است؛ "
                "هیچ‌کدام ارجاع نشد: {codes}")


def codes_list(codes: list[str]) -> str:
    """At most ten tracking codes, each a left-to-right isolate, then «…»."""
    return "، ".join(ltr(c) for c in codes[:10]) + ("…" if len(codes) > 10 else "")


def all_objected(codes: list[str]) -> str:
    """A batch referral whose every request awaits an objection's decision."""
    return ALL_OBJECTED.format(codes=codes_list(codes))
