"""The office's own settings, declared once: what each is, its bounds, its default, its label.

Each feature that needs an office-wide choice adds one `SettingSpec` to `SPECS`; the settings
dialog draws it and the service (office.service) checks, stores and audits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# The kinds of setting the dialog knows how to draw.
INT, TEXT, FOLDER = "int", "text", "folder"

GROUP_DEADLINES = "مهلت‌ها"
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
    # Repeat visitors (services.requests.repeats); the default threshold is the one measured
    # on the demo data (benchmarks/repeats_quality.py).
    SettingSpec("repeat_similarity", "آستانهٔ شباهت درخواست‌ها", GROUP_REPEATS,
                "75", minimum=10, maximum=100, suffix=" درصد",
                help="درخواست تازهٔ همان شهروند با این اندازه شباهت متن، «مشابه» شمرده می‌شود."),
    SettingSpec("repeat_window_days", "درخواست‌های مختومهٔ اخیر", GROUP_REPEATS,
                "90", minimum=0, maximum=730, suffix=" روز",
                help="درخواست مختومه تا این چند روز پس از بستن، در جست‌وجوی تکراری‌ها می‌آید."),
]


def spec(key: str) -> SettingSpec:
    """The spec of one key (KeyError for an undeclared key: a programming error)."""
    return next(s for s in SPECS if s.key == key)


