"""What the attachment screens say (Persian)."""

from __future__ import annotations

from app.services.core import persian

SECTION_TITLE = "پیوست‌ها (نامه‌های اسکن‌شده، عکس‌ها، PDF)"
REFERRAL_TITLE = "نامهٔ پاسخ دستگاه و پیوست‌ها"
MINUTES_TITLE = "پیوست‌های صورتجلسه"
MINUTES_BUTTON = "پیوست‌های صورتجلسه…"
HEADERS = ["نام پرونده", "نوع", "اندازه", "تاریخ", "ثبت‌کننده", "SHA-256"]
ADD = "افزودن…"
ADD_TIP = "پرونده‌ای را از دیسک پیوست کنید؛ پرونده را روی این بخش بکشید و رها کنید هم می‌شود."
SCAN = "آخرین اسکن"
SCAN_MENU = "پیوست آخرین اسکن\tCtrl+Shift+S"
SCAN_KEYS = "Ctrl+Shift+S"
SCAN_TIP = "تازه‌ترین پروندهٔ پوشهٔ اسکنر را پس از پرسش پیوست می‌کند (Ctrl+Shift+S)."
PREVIEW = "نمایش"
SAVE = "ذخیره…"
REMOVE = "حذف…"
SHOW_REMOVED = "حذف‌شده‌ها"
SHOW_REMOVED_TIP = "پیوست‌های حذف‌شده را هم (خاکستری، با چه کسی، کی و چرا) نشان بده."
CHOOSE_FILES = "انتخاب پرونده برای پیوست"
SAVE_AS = "ذخیرهٔ نسخه‌ای از پیوست"
NONE_YET = "هنوز پیوستی نیست. پرونده را اینجا رها کنید یا «افزودن…» را بزنید."
NOTHING_SELECTED = "ابتدا پرونده‌ای برای پیوست انتخاب کنید."
REMOVED_MARK = "(حذف‌شده) "
READING = "خواندن و بررسی «{}»…"
LOADING = "در حال بارگذاری…"
NOT_LOCAL = "فقط پرونده‌های روی این رایانه یا پوشه‌های شبکه را می‌توان پیوست کرد."
NOT_PREVIEWABLE = ("«پل» فقط تصویرها و PDF را نشان می‌دهد؛ این پرونده را ذخیره کنید و با "
                   "برنامهٔ مناسبش، پس از اطمینان از فرستنده، باز کنید.")
PREVIEW_FAILED = ("این پرونده نشان داده نشد: محتوای آن آسیب دیده است. آن را ذخیره کنید و با "
                  "برنامهٔ دیگری ببینید، یا از فرستنده دوباره بخواهید.")
REMOVE_TITLE = "حذف پیوست"
REMOVE_INTRO = ("پیوست «{}» از فهرست برداشته می‌شود ولی محتوای آن در پرونده می‌ماند و "
                "چه کسی، کی و چرا حذفش کرد ثبت می‌شود.")
REMOVE_REASON = "دلیل حذف:"
REMOVE_OK = "حذف پیوست"
SCAN_QUESTION_TITLE = "پیوست آخرین اسکن"
PAGE = "صفحهٔ {} از {}"
SHA_LABEL = "\u2066SHA-256\u2069:"  # the name left to right, the colon in the RTL line
COPY_SHA_TIP = "چکیدهٔ SHA-256 کامل این پرونده؛ برای رونوشت، آن را انتخاب کنید."


def isolate(file_name: str) -> str:
    """A file name isolated in its own direction (FSI … PDI): «نامه.pdf» keeps «.pdf» at its end
    inside a sentence, and a Latin name keeps its order."""
    return f"\u2068{file_name}\u2069"


def size(n: int) -> str:
    """A size in bytes as people read it (Persian digits)."""
    if n < 1024:
        return f"{persian.format_number(n)} بایت"
    if n < 1024 * 1024:
        return f"{persian.format_number(n / 1024, 0)} کیلوبایت"
    return f"{persian.format_number(n / (1024 * 1024), 1)} مگابایت"


def attached(name: str) -> str:
    """After a file was attached."""
    return f"«{isolate(name)}» پیوست شد."


def renamed(given: str, name: str) -> str:
    """A name that had to be cleaned to be kept."""
    return (f"نام پرونده برای نگه‌داری امن پاک‌سازی شد: «{persian.ltr(given[:80])}» ← "
            f"«{isolate(name)}» (نویسه‌های جهت‌دهی، جداکنندهٔ مسیر یا درازی بیش از اندازه).")


def type_differs(name: str, label: str) -> str:
    """A file whose content is not what its name says."""
    return f"محتوای «{isolate(name)}» از نوع {label} است، نه آنچه نامش می‌گوید؛ با همین نوع نگه داشته شد."


def removed(name: str) -> str:
    """After an attachment was removed."""
    return f"«{isolate(name)}» از فهرست پیوست‌ها حذف شد (محتوایش در پرونده می‌ماند)."


def saved(path: str) -> str:
    """After a copy was saved."""
    return f"نسخه‌ای در {persian.ltr(path)} ذخیره شد."


def scan_question(name: str, size_text: str, when: str) -> str:
    """Asked before the scanner's newest file is attached."""
    return (f"تازه‌ترین پروندهٔ پوشهٔ اسکنر «{isolate(name)}» ({size_text}، {when}) است.\n"
            "آن را به این پرونده پیوست کنم؟")


def details(who: str, when: str) -> str:
    """Who added the selected file, and when."""
    return f"افزوده به دست {who or '—'} در {when}"


def removed_tip(who: str, when: str, reason: str) -> str:
    """The tooltip of a removed attachment: who, when, why."""
    return f"حذف‌شده به دست {who or '—'} در {when}\nدلیل: {reason}"


def queued(n: int) -> str:
    """More files wait after the one being read."""
    return f"{persian.format_number(n)} پروندهٔ دیگر در نوبت"

