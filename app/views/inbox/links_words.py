"""Words of the links between requests: the detail pane's section, its menu, the intake panel."""

from __future__ import annotations

SECTION = "پیوندها و درخواست‌های مشابه"
LINK_ACTION = "پیوند به درخواست دیگر…"
UNLINK_ACTION = "حذف پیوند…"
NO_LINKS = "پیوندی ندارد."
LOADING = "در حال خواندن…"
OPEN_TIP = "با دوبار کلیک، درخواست دیگر نشان داده می‌شود."
DUPLICATE = "تکراری"
RELATED = "مرتبط"
KINDS = {"duplicate": DUPLICATE, "related": RELATED}
LINK_TITLE = "پیوند به درخواست دیگر"
CHOOSE_OTHER = "درخواست دیگر را انتخاب کنید:"
OTHER_CODE = "کد رهگیری دیگر…"
TYPE_CODE = "کد رهگیری درخواست دیگر:"
CHOOSE_KIND = ("نوع پیوند («تکراری»: این درخواست با اشاره به درخواست دیگر مختومه می‌شود):")
UNLINK_TITLE = "حذف پیوند"
CHOOSE_UNLINK = "کدام پیوند حذف شود؟ (درخواست مختومه، مختومه می‌ماند.)"
NOTHING_TO_UNLINK = "این درخواست پیوندی ندارد."

# The intake form's panel.
SIMILAR = "این شهروند درخواست مشابهی دارد:"
CHOICE_NONE = "بدون پیوند"
CHOICE_DUPLICATE = "تکراری (این درخواست با اشاره به درخواست انتخاب‌شده مختومه می‌شود)"
CHOICE_RELATED = "مرتبط"
CHOICE_LABEL = "پیوند با درخواست انتخاب‌شده:"
PICK_ONE = "یکی از درخواست‌های مشابه را انتخاب کنید."

# The import dialog.
POSSIBLE_REPEATS = "ردیف‌هایی که شاید تکرار درخواست پیشین باشند (پیوندی ساخته نشده است):"
LINK_RELATED = "پیوند «مرتبط» برای ردیف انتخاب‌شده"
LINKED = "پیوند ساخته شد."


def percent(value: float) -> str:
    """A likeness as a whole percentage, in Persian digits."""
    from app.services.core.persian import to_persian_digits

    return to_persian_digits(round(value * 100)) + "٪"


def link_line(role: str, code: str, subject: str, status: str) -> str:
    """One link in the section."""
    what = {"duplicate_of": "تکراریِ درخواست", "has_duplicate": "درخواست تکراری آن:",
            "related": "مرتبط با"}.get(role, role)
    return f"{what} {code} — {subject} ({status})"


def suggestion_line(code: str, subject: str, status: str, likeness: str) -> str:
    """A look-alike request not linked yet."""
    return f"مشابه ({likeness}): {code} — {subject} ({status})"


def candidate_line(code: str, received: str, subject: str, status: str, likeness: str) -> str:
    """A candidate on the intake form."""
    return f"{code} — {received} — {subject} ({status}، شباهت {likeness})"


def possible_repeat(row: str, new_code: str, code: str) -> str:
    """One possible repeat of an import."""
    return f"ردیف {row} (اکنون {new_code}) شاید تکرار درخواست {code} باشد"
