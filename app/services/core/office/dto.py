"""The office's own settings, declared once: what each is, its bounds, its default, its label.

Each feature that needs an office-wide choice adds one `SettingSpec` to `SPECS`; the settings
dialog draws it and the service (office.service) checks, stores and audits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

# The kinds of setting the dialog knows how to draw.
INT, TEXT, FOLDER = "int", "text", "folder"

GROUP_DEADLINES = "مهلت‌ها"
GROUP_CALLS = "تماس رضایت"
GROUP_LETTERS = "نامه‌های اداری"
GROUP_ATTACHMENTS = "پیوست‌ها"
GROUP_REPEATS = "مراجعهٔ تکراری"


@dataclass(frozen=True)
class SettingSpec:
    """One office-wide setting: its key in the `setting` table and how to edit it."""

    key: str
    label: str  # the Persian label in the dialog
    group: str  # the dialog's group box (tab) it belongs to
    default: str
    kind: str = INT
    minimum: int = 0
    maximum: int = 1_000_000
    suffix: str = ""  # shown after a number («روز کاری»)
    help: str = ""  # one Persian sentence under the field
    # Extra rule for a text value: returns a Persian message, or None when the text is fine.
    check: Callable[[str], str | None] | None = field(default=None, compare=False)


SPECS: list[SettingSpec] = [
    SettingSpec("request_answer_days", "مهلت پاسخ دفتر", GROUP_DEADLINES,
                "10", minimum=1,
                maximum=90, suffix=" روز کاری",
                help="روزهای کاری که دفتر برای پاسخ مستقیم به هر درخواست به خود می‌دهد."),
    SettingSpec("referral_answer_days", "مهلت پاسخ دستگاه", GROUP_DEADLINES,
                "15", minimum=1,
                maximum=90, suffix=" روز کاری",
                help="مهلت پیش‌فرض دستگاه‌ها؛ مهلت ویژهٔ هر دستگاه در «هفتهٔ کاری» است."),
    SettingSpec("max_extensions", "بیشترین دفعات تمدید", GROUP_DEADLINES,
                "2", minimum=0,
                maximum=10, suffix=" بار"),
    SettingSpec("objection_window_days", "مهلت اعتراض شهروند", GROUP_DEADLINES,
                "30", minimum=1, maximum=365, suffix=" روز",
                help="روزهای تقویمی پس از مختومه شدن درخواست که شهروند می‌تواند به پاسخ "
                     "اعتراض کند."),
    # Satisfaction calls (issue 13 §3).
    SettingSpec("calls_sample_percent", "سهم درخواست‌های مختومه در فهرست تماس", GROUP_CALLS,
                "100", minimum=0, maximum=100, suffix=" درصد",
                help="۱۰۰ یعنی همه؛ نمونه با قاعده‌ای ثابت از روی شمارهٔ درخواست برگزیده "
                     "می‌شود، پس هر بار همان درخواست‌ها در فهرست می‌آیند."),
    SettingSpec("calls_window_days", "مهلت تماس پس از مختومه شدن", GROUP_CALLS,
                "30", minimum=1, maximum=365, suffix=" روز",
                help="درخواستی که پیش از این چند روز مختومه شده از فهرست تماس بیرون می‌رود."),
]


# The referral as an official letter (issue 13 §6): its number, signature and copies. The
# pattern's rule lives with the numbering (services.letters.numbering), which hands it to
# `set_check` when imported: plain data here reaches into no service.
from app.services.core.dto import OFFICE  # noqa: E402

LETTER_PATTERN_KEY = "letter_number_pattern"
DEFAULT_LETTER_PATTERN = "3/ص/{سال}-{شماره}"  # as stored: clean_text gives Latin digits

SPECS += [
    SettingSpec(LETTER_PATTERN_KEY, "الگوی شمارهٔ نامه", GROUP_LETTERS,
                DEFAULT_LETTER_PATTERN, kind=TEXT,
                help="«{سال}» سال شمسی و «{شماره}» شمارهٔ پیاپی همان سال است."),
    SettingSpec("letter_signatory_name", "نام امضاکنندهٔ نامه‌ها", GROUP_LETTERS, "",
                kind=TEXT),
    SettingSpec("letter_signatory_title", "سمت امضاکننده", GROUP_LETTERS,
                f"مدیرکل {OFFICE}", kind=TEXT),
    SettingSpec("letter_copies", "رونوشت پیش‌فرض", GROUP_LETTERS,
                "معاون محترم توسعه مدیریت و منابع استانداری جهت استحضار؛ بایگانی دفتر",
                kind=TEXT, help="گیرندگان با «؛» از هم جدا؛ در هر نامه تغییرپذیر."),
    # Scanned letters and photos on file (issue 13 §4).
    SettingSpec("attachment_max_mb", "بیشترین اندازهٔ هر پیوست", GROUP_ATTACHMENTS,
                "20", minimum=1, maximum=50, suffix=" مگابایت",
                help="پرونده‌های بزرگ‌تر پیوست نمی‌شوند؛ پیوست‌ها در خود پایگاه داده "
                     "نگه داشته می‌شوند و پشتیبان را بزرگ می‌کنند."),
    SettingSpec("scan_folder", "پوشهٔ اسکنر", GROUP_ATTACHMENTS, "", kind=FOLDER,
                help="پوشه‌ای که اسکنر پرونده‌ها را در آن می‌گذارد؛ «پیوست آخرین اسکن» "
                     "(Ctrl+Shift+S) تازه‌ترین پروندهٔ آن را پس از پرسش پیوست می‌کند."),
    # Repeat visitors (services.requests.repeats); the default threshold is the one measured
    # on the demo data (benchmarks/repeats_quality.py).
    SettingSpec("repeat_similarity", "آستانهٔ شباهت درخواست‌ها", GROUP_REPEATS,
                "75", minimum=10, maximum=100, suffix=" درصد",
                help="درخواست تازهٔ همان شهروند با این اندازه شباهت متن، «مشابه» شمرده می‌شود. "
                     "تغییر آن همهٔ درخواست‌ها را دوباره می‌سنجد (چند ثانیه)."),
    SettingSpec("repeat_window_days", "درخواست‌های مختومهٔ اخیر", GROUP_REPEATS,
                "90", minimum=0, maximum=730, suffix=" روز",
                help="درخواست مختومه تا این چند روز پس از بستن، در جست‌وجوی تکراری‌ها می‌آید."),
]


def spec(key: str) -> SettingSpec:
    """The spec of one key (KeyError for an undeclared key: a programming error)."""
    return next(s for s in SPECS if s.key == key)




def set_check(key: str, check: Callable[[str], str | None]) -> None:
    """Give a declared text setting its rule (called by the feature that owns the rule)."""
    i = next(i for i, s in enumerate(SPECS) if s.key == key)
    SPECS[i] = replace(SPECS[i], check=check)
