"""SMS text rules with no database: kinds, default templates, placeholders and part counting.

Length: a Persian message is sent in UCS-2 (16 bits a character). One part carries 70
characters; a longer message is split into parts that each lose 3 characters to the
concatenation header (6 bytes of UDH), so 67 characters a part. Pol uses that real rule, not
a flat 70: 3 parts hold 201 characters, not 210, and a text counted with 70 would be billed
as 4. A text entirely in the GSM 7-bit alphabet (Latin only, rare here) gets 160 / 153.
Characters outside the Basic Multilingual Plane count as two UTF-16 units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PARTS = 3
UCS2_SINGLE, UCS2_PART = 70, 67
GSM_SINGLE, GSM_PART = 160, 153

QUEUED, SENT, FAILED, HELD = "queued", "sent", "failed", "held"
STATUSES = (QUEUED, SENT, FAILED, HELD)

REGISTERED, REFERRED, ANSWERED, CLOSED, APPOINTMENT = (
    "registered", "referred", "answered", "closed", "appointment")
# The agency's answer recorded (graded adequate): its own kind, because the citizen should learn
# *which* agency answered, and the office may word it apart from its own direct answer. The
# default fits one part (70) with the province's longest agency name: no signature, as «referred».
AGENCY_ANSWERED = "agency_answered"
KINDS = (REGISTERED, REFERRED, AGENCY_ANSWERED, ANSWERED, CLOSED, APPOINTMENT)

# Placeholder -> the widest value it can take when the office does not say otherwise
# (tracking codes are «1405-0001234-7»; dates «۱۴۰۵/۰۹/۰۷»; times «۱۰:۳۰»).
PLACEHOLDERS: dict[str, str] = {
    "کد_رهگیری": "1405-0001234-7",
    "دستگاه": "",  # the longest agency name in the database
    "مهلت": "۱۴۰۵/۰۹/۰۷",
    "تاریخ": "۱۴۰۵/۰۹/۰۷",
    "ساعت": "۱۰:۳۰",
    "نوبت": "۱۲۳",
    "مدیر": "",  # the longest manager name
    "مکان": "",  # the longest meeting place
}
# Which placeholders each kind may use.
ALLOWED: dict[str, tuple[str, ...]] = {
    REGISTERED: ("کد_رهگیری",),
    REFERRED: ("کد_رهگیری", "دستگاه", "مهلت"),
    AGENCY_ANSWERED: ("کد_رهگیری", "دستگاه"),
    ANSWERED: ("کد_رهگیری",),
    CLOSED: ("کد_رهگیری",),
    APPOINTMENT: ("نوبت", "مدیر", "تاریخ", "ساعت", "مکان"),
}
DEFAULT_TEMPLATES: dict[str, str] = {
    REGISTERED: "درخواست شما در استانداری ثبت شد. کد رهگیری: {کد_رهگیری}",
    REFERRED: "درخواست {کد_رهگیری} به {دستگاه} ارجاع شد. مهلت پاسخ دستگاه: {مهلت}",
    AGENCY_ANSWERED: "پاسخ {دستگاه} به درخواست {کد_رهگیری} رسید",
    ANSWERED: "به درخواست {کد_رهگیری} پاسخ داده شد؛ استانداری آذربایجان شرقی",
    CLOSED: "درخواست {کد_رهگیری} مختومه شد. سپاس از شکیبایی شما؛ استانداری",
    APPOINTMENT: "نوبت {نوبت} دیدار مردمی با {مدیر}، {تاریخ} ساعت {ساعت}، {مکان}",
}
KIND_LABELS: dict[str, str] = {
    REGISTERED: "ثبت درخواست", REFERRED: "ارجاع", AGENCY_ANSWERED: "پاسخ دستگاه",
    ANSWERED: "پاسخ", CLOSED: "مختومه",
    APPOINTMENT: "نوبت دیدار",
}
STATUS_LABELS: dict[str, str] = {
    QUEUED: "در صف", SENT: "فرستاده", FAILED: "ناموفق", HELD: "نگه‌داشته",
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


@dataclass(frozen=True)
class Count:
    """How a text is sent: its length in units, its parts and the room each part has."""

    units: int
    parts: int
    per_part: int


def count(text: str) -> Count:
    """The parts a text takes (the real GSM rule: 70 / 67 for UCS-2, 160 / 153 for GSM-7)."""
    if all(ch in _GSM7 for ch in text):
        single, multi, units = GSM_SINGLE, GSM_PART, len(text)
    else:
        single, multi = UCS2_SINGLE, UCS2_PART
        units = len(text.encode("utf-16-le")) // 2
    if units <= single:
        return Count(units, 1 if units else 0, single)
    return Count(units, -(-units // multi), multi)


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses, in order."""
    return _PLACEHOLDER.findall(template)


def unknown_placeholders(kind: str, template: str) -> list[str]:
    """Placeholders the kind cannot fill (a typo such as «{کدرهگیری}»)."""
    return [p for p in placeholders_in(template) if p not in ALLOWED[kind]]


def render(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled (an unknown one is left as written)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def fit(text: str) -> str:
    """The text cut, if it must be, to what MAX_PARTS parts carry (ending in «…»).

    The template editor refuses templates too long for the widest values known; this guards
    against a value that grew later (a longer agency name), so nothing goes out as 4 parts.
    """
    if count(text).parts <= MAX_PARTS:
        return text
    room = UCS2_PART * MAX_PARTS - 1
    while count(text[:room] + "…").parts > MAX_PARTS:
        room -= 1
    return text[:room].rstrip() + "…"
