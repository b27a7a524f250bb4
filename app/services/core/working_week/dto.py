"""Plain data of the working-week screen, and the keys its refusals are reported under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class HolidayInfo:
    """One holiday of the table, as the screen lists it."""

    id: int
    version: int
    day: date
    name: str
    estimated: bool
    source: str  # "package" | "manual"


@dataclass(frozen=True)
class AgencyPeriod:
    """An agency and its own answer period (None: the office default)."""

    id: int
    version: int
    name: str
    answer_days: int | None
    is_governorate: bool


@dataclass(frozen=True)
class WorkingWeek:
    """Everything the working-week screen shows."""

    rest_weekdays: frozenset[int]  # Python weekday numbers (4 = Friday)
    rest_value: str  # the stored setting as read, handed back on save (optimistic check)
    default_answer_days: int  # the office default for agencies without their own period
    holidays: tuple[HolidayInfo, ...]
    agencies: tuple[AgencyPeriod, ...]


@dataclass(frozen=True)
class HolidayEdit:
    """A holiday added (id None), changed, or removed (`remove`)."""

    id: int | None
    expected_version: int | None
    day: date | None
    name: str
    estimated: bool = False
    remove: bool = False


@dataclass(frozen=True)
class AgencyPeriodEdit:
    """An agency's answer period as typed: blank means the office default."""

    agency_id: int
    expected_version: int
    text: str


@dataclass(frozen=True)
class WorkingWeekChanges:
    """What one save applies; error keys: «rest_weekdays», «holiday:<i>», «agency:<id>»."""

    rest_weekdays: frozenset[int] | None = None
    rest_expected: str = ""
    holidays: tuple[HolidayEdit, ...] = ()
    agencies: tuple[AgencyPeriodEdit, ...] = ()


def holiday_key(i: int) -> str:
    """The error key of the i-th holiday edit."""
    return f"holiday:{i}"


def agency_key(agency_id: int) -> str:
    """The error key of an agency's period."""
    return f"agency:{agency_id}"
