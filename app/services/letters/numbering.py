"""Letter numbers: the office's pattern (e.g. «۳/ص/{سال}-{شماره}») and the counter per Jalali year.

The counter is one row per year in `letter_counter`, bumped by a single INSERT … ON CONFLICT DO
UPDATE … RETURNING inside the write transaction of the letter it numbers. The statement locks the
year's row (PostgreSQL) or runs under the database's write lock (SQLite, BEGIN IMMEDIATE) until
that transaction ends, so two desks never get the same number; a letter that is rolled back gives
its number back with it (no gap, nothing issued twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import LetterCounter, OfficialLetter
from app.services.core import jalali, persian
from app.services.core import messages as msg
from app.services.core.office import dto as office

# The placeholders of a pattern: Persian names and their Latin aliases.
YEAR_NAMES = ("سال", "year")
NUMBER_NAMES = ("شماره", "number")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PATTERN_KEY = office.LETTER_PATTERN_KEY  # the office setting
DEFAULT_PATTERN = office.DEFAULT_LETTER_PATTERN

_TAKE = text(
    "INSERT INTO letter_counter (year, last_number) VALUES (:year, :count) "
    "ON CONFLICT (year) DO UPDATE SET last_number = letter_counter.last_number + :count "
    "RETURNING last_number"
)


@dataclass(frozen=True)
class IssuedNumber:
    """A number taken from the counter: its year and serial, and the letter number it renders."""

    year: int  # Jalali
    serial: int
    letter_no: str  # as stored: Latin digits, no spaces around separators


def _names(pattern: str) -> list[str]:
    return _PLACEHOLDER.findall(pattern)


def pattern_error(pattern: str | None) -> str | None:
    """Why a pattern cannot number letters (Persian), or None when it can."""
    from app.services.referrals.service import letter_no_error  # the rule of a letter number

    text_ = persian.clean_text(pattern)
    if not text_:
        return msg.LETTER_PATTERN_EMPTY
    names = _names(text_)
    for name in names:
        if name.strip() not in (*YEAR_NAMES, *NUMBER_NAMES):
            return msg.letter_pattern_unknown(name.strip())
    if "{" in _PLACEHOLDER.sub("", text_) or "}" in _PLACEHOLDER.sub("", text_):
        return msg.LETTER_PATTERN_BRACES
    numbers = sum(1 for n in names if n.strip() in NUMBER_NAMES)
    if numbers == 0:
        return msg.LETTER_PATTERN_NO_NUMBER
    if numbers > 1:
        return msg.LETTER_PATTERN_TWO_NUMBERS
    if not any(n.strip() in YEAR_NAMES for n in names):
        return msg.LETTER_PATTERN_NO_YEAR
    if re.search(r"\}\s*\{", text_):
        return msg.LETTER_PATTERN_NO_YEAR_SEPARATOR
    problem = letter_no_error(render(text_, 1405, 99999))
    return msg.letter_pattern_result(problem) if problem else None


def render(pattern: str, year: int, serial: int) -> str:
    """The letter number a pattern gives for a year and serial, as stored (Latin digits)."""
    from app.services.referrals.service import clean_letter_no

    def fill(m: re.Match[str]) -> str:
        return str(year) if m.group(1).strip() in YEAR_NAMES else str(serial)

    return clean_letter_no(_PLACEHOLDER.sub(fill, persian.clean_text(pattern)))


def year_of(day: date) -> int:
    """The Jalali year a letter dated `day` is numbered in."""
    return jalali.to_jalali(day)[0]


def office_pattern(s: Session) -> str:
    """The office's pattern as set (its default when unset or no longer valid)."""
    from app.services.core.office.service import read_value

    return read_value(s, PATTERN_KEY)


def take(s: Session, year: int, count: int = 1) -> list[int]:
    """Take `count` consecutive serials of a year in the open write transaction."""
    last = int(s.execute(_TAKE, {"year": year, "count": count}).scalar_one())
    return list(range(last - count + 1, last + 1))


def issue(s: Session, day: date, count: int = 1) -> list[IssuedNumber]:
    """Take `count` consecutive numbers for letters dated `day`, rendered by the office pattern."""
    year, pattern = year_of(day), office_pattern(s)
    return [IssuedNumber(year, n, render(pattern, year, n)) for n in take(s, year, count)]


def peek(s: Session, day: date) -> IssuedNumber:
    """The number the next letter dated `day` would get now (a preview: nothing is taken)."""
    year = year_of(day)
    last = s.scalar(select(LetterCounter.last_number).where(LetterCounter.year == year)) or 0
    return IssuedNumber(year, last + 1, render(office_pattern(s), year, last + 1))


def register(s: Session, number: IssuedNumber, kind: str, referral_id: int, day: date,
             user_id: int | None) -> OfficialLetter:
    """Write an issued number into the register with the letter it went on."""
    row = OfficialLetter(year=number.year, serial=number.serial, letter_no=number.letter_no,
                         kind=kind, referral_id=referral_id, letter_date=day,
                         created_at=jalali.utc_now(), created_by=user_id)
    s.add(row)
    return row


# The office's pattern setting is checked by this module's rule (the office declares the setting
# but imports no feature): registered once, on import, by whatever uses letters (the registry).
office.set_check(PATTERN_KEY, pattern_error)
