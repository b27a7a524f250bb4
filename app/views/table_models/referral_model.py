"""The referral tracker's table: deadlines in working days, overdue rows in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.models.enums import AnswerGrade, ReferralStatus
from app.services.core import persian
from app.services.referrals.dto import TrackerFilter, TrackerRow
from app.views import formatting
from app.views.table_models.paged_model import Column, PagedTableModel

OVERDUE_BACKGROUND = QBrush(QColor("#fde2e1"))
OVERDUE_FOREGROUND = QBrush(QColor("#9b1c1c"))
DUE_SOON_BACKGROUND = QBrush(QColor("#fef3c7"))
DUE_SOON_DAYS = 2  # working days left at which a row turns amber


def days_text(row: TrackerRow) -> str:
    """«۵ روز کاری مانده», «۱۲ روز کاری تأخیر», «پاسخ در مهلت» or «پاسخ با ۳ روز تأخیر»."""
    n = row.working_days
    if n is None:
        return "—"
    if row.status == ReferralStatus.OPEN:
        if n > 0:
            return f"{persian.to_persian_digits(n)} روز کاری مانده"
        if n == 0:
            return "مهلت امروز"
        return f"{persian.to_persian_digits(-n)} روز کاری تأخیر"
    return "پاسخ در مهلت" if n == 0 else f"پاسخ با {persian.to_persian_digits(n)} روز تأخیر"


def status_text(row: TrackerRow) -> str:
    """The status, with an inadequate answer and an escalation noted."""
    text = row.status_label
    if row.status == ReferralStatus.OPEN and row.grade == AnswerGrade.INADEQUATE:
        text += " (پاسخ ناکافی)"
    if row.escalated:
        text += " — بازرسی"
    return text


# The columns the office reads first (who, how late) come first; a narrow window scrolls the rest.
COLUMNS: list[Column] = [
    Column("کد رهگیری", "tracking_code",
           lambda r: formatting.tracking_code(r.tracking_code)),
    Column("دستگاه", "agency", lambda r: r.agency),
    Column("مانده / تأخیر", "working_days", days_text),
    Column("مهلت پاسخ", "deadline", lambda r: formatting.date(r.deadline)),
    Column("وضعیت", "status", status_text),
    Column("شماره نامه", "letter_no", lambda r: persian.ltr(persian.to_persian_digits(r.letter_no))),
    Column("تاریخ نامه", "letter_date", lambda r: formatting.date(r.letter_date)),
    Column("پیگیری", "follow_ups", lambda r: persian.to_persian_digits(r.follow_ups)),
    Column("تمدید", None, lambda r: persian.to_persian_digits(r.extensions) if r.extensions else ""),
]
COL_CODE, COL_AGENCY, COL_DAYS, COL_DEADLINE, COL_STATUS, COL_LETTER_NO, COL_LETTER_DATE, \
    COL_FOLLOW_UPS, COL_EXTENSIONS = range(len(COLUMNS))


class ReferralTableModel(PagedTableModel):
    """Referrals of the tracker's filter, most urgent first by default."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, TrackerFilter(status=ReferralStatus.OPEN), "deadline",
                         parent=parent)

    def background(self, row: TrackerRow) -> QBrush | None:
        """Red when overdue, amber when due within two working days."""
        if row.overdue:
            return OVERDUE_BACKGROUND
        if row.status == ReferralStatus.OPEN and (row.working_days or 0) <= DUE_SOON_DAYS:
            return DUE_SOON_BACKGROUND
        return None

    def foreground(self, row: TrackerRow) -> QBrush | None:
        """Dark red text on overdue rows."""
        return OVERDUE_FOREGROUND if row.overdue else None

    def tooltip(self, row: TrackerRow, column: int) -> str | None:
        """The subject and county of the request on every cell."""
        return f"{row.subject} — {row.county}" if row.county else row.subject
