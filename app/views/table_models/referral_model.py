"""The referral tracker's table: deadlines in working days, overdue rows in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.models.enums import AnswerGrade, ReferralStatus
from app.services.core import persian
from app.services.referrals.dto import TrackerFilter, TrackerRow
from app.views import formatting, palette
from app.views.pauses import words as pause_words
from app.views.referrals import words as w
from app.views.table_models.inbox_model import AGENCY_SAMPLE, CODE_SAMPLE
from app.views.table_models.paged_model import Column, PagedTableModel

OVERDUE_BACKGROUND = QBrush(QColor(palette.OVERDUE_BACKGROUND))
OVERDUE_FOREGROUND = QBrush(QColor(palette.OVERDUE_TEXT))
DUE_SOON_BACKGROUND = QBrush(QColor(palette.DUE_SOON_BACKGROUND))
DUE_SOON_DAYS = 2  # working days left at which a row turns amber


def days_text(row: TrackerRow) -> str:
    """«۵ روز کاری مانده», «۱۲ روز کاری تأخیر», «پاسخ در مهلت» or «پاسخ با ۳ روز تأخیر»."""
    n = row.working_days
    if n is None:
        return "—"
    if row.paused_since is not None:
        return pause_words.paused_deadline(n)
    if row.status == ReferralStatus.OPEN:
        if n > 0:
            return w.days_left(n)
        if n == 0:
            return w.DEADLINE_TODAY
        return w.days_late(-n)
    return w.ANSWERED_IN_TIME if n == 0 else w.answered_late(n)


def status_text(row: TrackerRow) -> str:
    """The status, with an inadequate answer and an escalation noted."""
    text = row.status_label
    if row.status == ReferralStatus.OPEN and row.grade == AnswerGrade.INADEQUATE:
        text += w.INADEQUATE_MARK
    if row.escalated:
        text += w.ESCALATED_MARK
    return text


def _code(r: TrackerRow) -> str:
    return formatting.tracking_code(r.tracking_code)


def _code_sample() -> str:
    return formatting.tracking_code(CODE_SAMPLE)


# The columns the office reads first (who, how late) come first; the rest may be shown from
# the header's menu. Samples size the default widths so the default view needs no scroll bar.
COLUMNS: list[Column] = [
    Column(w.COL_CODE, "tracking_code", _code, sample=_code_sample()),
    Column(w.COL_AGENCY, "agency", lambda r: r.agency, sample=AGENCY_SAMPLE),
    Column(w.COL_DAYS, "working_days", days_text, sample="۱۲۳ روز کاری تأخیر"),
    Column(w.COL_DEADLINE, "deadline", lambda r: formatting.date(r.deadline),
           sample="۱۴۰۵/۰۹/۲۹"),
    Column(w.COL_STATUS, "status", status_text, sample="در انتظار پاسخ (پاسخ ناکافی)"),
    Column(w.COL_LETTER_NO, "letter_no",
           lambda r: formatting.code(r.letter_no), sample="۱۲۳۴/۵۶",
           hidden=True),
    Column(w.COL_LETTER_DATE, "letter_date", lambda r: formatting.date(r.letter_date),
           sample="۱۴۰۵/۰۹/۲۹", hidden=True),
    Column(w.COL_FOLLOW_UPS, "follow_ups", lambda r: persian.to_persian_digits(r.follow_ups),
           sample="۱۲", hidden=True),
    Column(w.COL_EXTENSIONS, None,
           lambda r: persian.to_persian_digits(r.extensions) if r.extensions else "",
           sample="۲", hidden=True),
]
COL_CODE, COL_AGENCY, COL_DAYS, COL_DEADLINE, COL_STATUS, COL_LETTER_NO, COL_LETTER_DATE, \
    COL_FOLLOW_UPS, COL_EXTENSIONS = range(len(COLUMNS))
# Working days the clock stood still (issue 13 part 5), last so saved layouts keep their order.
COLUMNS.append(Column(pause_words.COL_PAUSED_DAYS, None,
                      lambda r: pause_words.digits(r.paused_days) if r.paused_days else "",
                      sample="۱۲", hidden=True))
COL_PAUSED_DAYS = len(COLUMNS) - 1


class ReferralTableModel(PagedTableModel):
    """Referrals of the tracker's filter, most urgent first by default."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, TrackerFilter(status=ReferralStatus.OPEN), "deadline",
                         parent=parent)

    def background(self, row: TrackerRow) -> QBrush | None:
        """Red when overdue, amber when due within two working days."""
        if row.overdue:
            return OVERDUE_BACKGROUND
        if (row.status == ReferralStatus.OPEN and row.paused_since is None
                and (row.working_days or 0) <= DUE_SOON_DAYS):
            return DUE_SOON_BACKGROUND
        return None

    def foreground(self, row: TrackerRow) -> QBrush | None:
        """Dark red text on overdue rows."""
        return OVERDUE_FOREGROUND if row.overdue else None

    def tooltip(self, row: TrackerRow, column: int) -> str | None:
        """The subject and county of the request on every cell."""
        return f"{row.subject} — {row.county}" if row.county else row.subject
