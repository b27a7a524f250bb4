"""How views show values: citizen text as typed (never markup), and one format for each kind of value.

    plain(label), plain_label(text), literal_html(text)        text as typed
    ltr(x), rtl(x), path(p), code(x), national_id(x), phone(x)  bidi isolates (U+2066…U+2069)
    tracking_code(code)                                          «⁦1405-0001234-7⁩», Latin digits
    number(n), persian_digits(text), progress(done, total)       Persian digits
    date(d), date_time(dt_utc), day_of(dt_utc), date_long(d)      «۱۴۰۵/۰۹/۰۷», «۱۴۰۵/۰۹/۰۷ ۱۰:۰۵»
    database_location(url)                                       «فایل محلی: ⁦/path⁩» (no password)

Qt guesses whether a string is HTML (`Qt.mightBeRichText`) for labels in their default text
format, for every tooltip and for message and input boxes. A citizen's name such as
`<b>x</b> <img src=…>` would then be drawn bold with an image. Labels that show data are made
plain text; the places that have no plain-text switch get the text as escaped HTML instead.
"""

from __future__ import annotations

from datetime import date as _date
from datetime import datetime as _datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import make_url

from app.services.core import jalali, persian


def plain(label: QLabel) -> QLabel:
    """Make a label show its text exactly as given (data, messages, file names), never as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str) -> QLabel:
    """A right-aligned, selectable label that never interprets citizen-supplied text as HTML."""
    label = plain(QLabel(text))
    # Absolute right: text made only of digits or codes would otherwise be judged
    # left-to-right and drawn at the far left of a right-to-left form.
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                       | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def literal_html(text: str | None) -> str | None:
    """Text as HTML that Qt shows literally: for tooltips and message or input boxes.

    Those have no plain-text switch and guess; escaped HTML is always taken as HTML, so
    `<`, `&` and line breaks come out as typed. Empty text stays empty (no tooltip).
    """
    if not text:
        return text
    # pre-wrap keeps the typed spaces and line breaks and still wraps a long subject.
    return f"<p style='white-space:pre-wrap'>{escape(text, quote=False)}</p>"


# --- bidi isolates and shared formats ----------------------------------------------------------
# Paths, codes, national IDs, phone numbers and Latin fragments keep their own left-to-right
# order inside Persian text only when isolated (LRI … PDI): otherwise a leading or trailing
# slash, hyphen or dot is pulled to the wrong end by the right-to-left paragraph.

def ltr(text: object) -> str:
    """Any left-to-right fragment (Latin words, a URL, a user name) isolated inside RTL text."""
    s = "" if text is None else str(text)
    return persian.ltr(s) if s else ""


def rtl(text: str) -> str:
    """A right-to-left run isolated (keeps «date time» in the Persian order in any context)."""
    return persian.rtl(text) if text else ""


def path(p: object) -> str:
    """A file or folder path, slashes at the right ends."""
    return ltr(p)


def national_id(value: str | None) -> str:
    """A national ID as typed digits, left to right."""
    return ltr(persian.to_persian_digits(persian.canonical_code(value))) if value else ""


def phone(value: str | None) -> str:
    """A phone number, left to right (the leading zero and any + stay at the start)."""
    return ltr(persian.to_persian_digits(persian.canonical_code(value))) if value else ""


def code(value: str | None) -> str:
    """Any other code (letter number, SAMAD code), left to right, Latin digits kept readable.

    A code with Persian letters in it (a secretariat number «3/ص/1405-17») reads right to left
    as it is written and printed on the letter, only its digit runs isolated.
    """
    return persian.ltr_code(value) if value else ""


def tracking_code(value: str | None) -> str:
    """A tracking code the same everywhere: Latin digits, in an LTR isolate.

    Persian zero is a dot that vanishes beside a hyphen («۹۳۶۰-۸» reads «۹۳۶-۸»), so codes keep
    Latin digits; the hyphens already group it (year-number-check), and the text copies and
    pastes back exactly as stored.
    """
    return ltr(persian.canonical_code(value)) if value else ""


def number(value: int | float, decimals: int = 0) -> str:
    """A number with Persian digits and separators («۱۰٬۰۰۰»)."""
    return persian.format_number(value, decimals)


def persian_digits(text: object) -> str:
    """Text with every Latin digit made Persian (messages built elsewhere, e.g. progress)."""
    return persian.to_persian_digits(text)


def progress(done: int, total: int) -> str:
    """«۵٬۰۰۰ از ۱۰٬۰۰۰»."""
    return f"{number(done)} از {number(total)}"


def date(d: _date | None) -> str:
    """A Jalali date, one format everywhere: «۱۴۰۵/۰۹/۰۷» ("" for none)."""
    return jalali.format_jalali(d) if d else ""


def date_time(dt_utc: _datetime | None) -> str:
    """A naive-UTC moment as Tehran time, date first: «۱۴۰۵/۰۹/۰۷ ۱۰:۰۵» ("" for none).

    Isolated right-to-left so the date stays on the right of the time in any paragraph.
    """
    return rtl(jalali.format_jalali_datetime(dt_utc)) if dt_utc else ""


def day_of(dt_utc: _datetime | None) -> str:
    """The Tehran calendar day of a naive-UTC moment, formatted as `date`."""
    return date(jalali.to_tehran(dt_utc).date()) if dt_utc else ""


def date_long(d: _date | None, weekday: bool = False) -> str:
    """«۷ آذر ۱۴۰۵» (with the weekday: «جمعه ۷ آذر ۱۴۰۵»)."""
    return jalali.format_jalali_long(d, with_weekday=weekday) if d else ""


def database_location(url: str) -> str:
    """Where a database URL points, for people: «فایل محلی: /path» or «سرور: host:port/db»."""
    try:
        u = make_url(url)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as typed, never raised
        return ltr(url.split("@")[-1])
    if u.get_backend_name() == "sqlite":
        return f"فایل محلی: {path(u.database or '')}"
    return f"سرور: {ltr(f'{u.host}:{u.port or 5432}/{u.database}')}"
