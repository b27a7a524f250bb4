"""Coded values stored in the database, each with the Persian label the interface shows."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Persian label."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum | None:
        """Find the member whose Persian label is `label` (already normalised)."""
        return next((m for m in cls if m.label == label), None)


class Channel(LabelledEnum):
    """How a request reached the office (مجرای دریافت)."""

    SAMAD = "samad", "سامانه سامد"
    LINE_111 = "line111", "سامانه ۱۱۱"
    MEETING = "meeting", "دیدار مردمی"
    TRIP = "trip", "سفر استانی"
    WALK_IN = "walk_in", "مراجعه حضوری"
    LETTER = "letter", "نامه"
    PHONE = "phone", "تلفن"


class RequestType(LabelledEnum):
    """Kind of request (نوع درخواست)."""

    COMPLAINT = "complaint", "شکایت"
    REQUEST = "request", "درخواست"
    SUGGESTION = "suggestion", "پیشنهاد"
    CRITICISM = "criticism", "انتقاد"
    VIOLATION = "violation", "گزارش تخلف"
    APPRECIATION = "appreciation", "تقدیر"


class RequestStatus(LabelledEnum):
    """Where a request stands (وضعیت)."""

    NEW = "new", "جدید"
    IN_REVIEW = "in_review", "در حال بررسی"
    ANSWERED = "answered", "پاسخ داده‌شده"
    REFERRED = "referred", "ارجاع‌شده"
    AWAITING_AGENCY = "awaiting_agency", "در انتظار پاسخ دستگاه"
    CLOSED = "closed", "مختومه"
    REOPENED = "reopened", "بازگشایی‌شده"


class Resolution(LabelledEnum):
    """How the office resolved a request."""

    DIRECT = "direct", "پاسخ مستقیم"
    REFERRED = "referred", "ارجاع"


class Priority(LabelledEnum):
    """Urgency of a request."""

    LOW = "low", "کم"
    NORMAL = "normal", "عادی"
    HIGH = "high", "زیاد"
    URGENT = "urgent", "فوری"


class ReferralStatus(LabelledEnum):
    """Where a referral to an agency stands."""

    OPEN = "open", "در انتظار پاسخ"
    ANSWERED = "answered", "پاسخ داده‌شده"
    WITHDRAWN = "withdrawn", "مسترد شده"


class AnswerGrade(LabelledEnum):
    """The office's grading of an agency's answer."""

    ADEQUATE = "adequate", "کافی"
    INADEQUATE = "inadequate", "ناکافی"


class FollowUpKind(LabelledEnum):
    """How the office chased an agency (پیگیری)."""

    PHONE = "phone", "تماس تلفنی"
    LETTER = "letter", "نامه پیگیری"
    MEETING = "meeting", "جلسه"


class MeetingKind(LabelledEnum):
    """Kind of public meeting."""

    WEEKLY = "weekly", "ملاقات مردمی هفتگی"
    TRIP = "trip", "سفر استانی"
    PRESIDENTIAL = "presidential", "دیدار نماینده نهاد ریاست جمهوری"
    ONE_OFF = "one_off", "دیدار ویژه"


class MeetingStatus(LabelledEnum):
    """Whether a meeting is planned, was held or was cancelled."""

    PLANNED = "planned", "برنامه‌ریزی‌شده"
    HELD = "held", "برگزارشده"
    CANCELLED = "cancelled", "لغوشده"


class Role(LabelledEnum):
    """What a user may do."""

    OPERATOR = "operator", "کارشناس"
    MANAGER = "manager", "مدیر"
    INSPECTOR = "inspector", "بازرس"
    ADMIN = "admin", "مدیر سامانه"


# The referral as an official letter (issue 13 §6).
class LetterClass(LabelledEnum):
    """A letter's security classification (طبقه‌بندی)."""

    NORMAL = "normal", "عادی"
    CONFIDENTIAL = "confidential", "محرمانه"


class LetterPriority(LabelledEnum):
    """How fast a letter is to be dealt with (فوریت)."""

    NORMAL = "normal", "عادی"
    URGENT = "urgent", "فوری"
    IMMEDIATE = "immediate", "آنی"


class LetterKind(LabelledEnum):
    """What a number of the secretariat's register was issued for."""

    REFERRAL = "referral", "نامهٔ ارجاع"
    REMINDER = "reminder", "نامهٔ پیگیری"


class EventKind(LabelledEnum):
    """What kind of surge an event is (issue 14 §1)."""

    TRIP = "trip", "سفر"
    LIVE_SESSION = "live_session", "ارتباط زنده سامد"
    MEETING_DAY = "meeting_day", "روز ملاقات ویژه"
