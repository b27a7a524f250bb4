"""Builders for the meeting-calendar tests (real databases, no mocks)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import delete

from app.models import Holiday
from app.models.database import Database
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.meetings.calendar import CalendarService
from app.services.meetings.compliance import ComplianceService
from app.services.meetings.meeting_day import MeetingDayService
from app.services.registry import Services
from app.services.requests.dto import CitizenInput
from tests.support.helpers import agency_id, county_id, valid_nid

J = jalali.parse_jalali_date


def set_holidays(db: Database, start: date, end: date, days: dict[date, str]) -> None:
    """Make the editable holiday table hold exactly `days` within [start, end]."""
    with db.write() as s:
        s.execute(delete(Holiday).where(Holiday.day >= start, Holiday.day <= end))
        for d, name in days.items():
            s.add(Holiday(day=d, name=name, source="manual"))


def manager(services: Services, name: str = "حمیدرضا قاسم‌زاده",
            title: str = "معاون توسعهٔ مدیریت و منابع",
            agency: str = "استانداری آذربایجان شرقی", county: str | None = "تبریز") -> int:
    """A manager of an agency, in a county."""
    return services.meetings.add_manager(
        SYSTEM, name, title, agency_id(services, agency),
        county_id(services, county) if county else None)


def weekly(services: Services, manager_id: int, weekday: int, valid_from: str,
           hours: tuple[int, int] = (9, 12), place: str = "سالن ملاقات") -> int:
    """A weekly rule from a Jalali day; returns its id."""
    return services.meetings.schedule_weekly_day(
        SYSTEM, manager_id, weekday, time(hours[0]), time(hours[1]), place,
        valid_from=J(valid_from)).id


def citizen(k: int, last: str = "رضایی", first: str = "مریم") -> CitizenInput:
    """A citizen with a valid national ID derived from k."""
    return CitizenInput(national_id=valid_nid(f"3{k:08d}"), first_name=first, last_name=last,
                        mobile="09141234567")


def calendar(services: Services) -> CalendarService:
    """The calendar service (from the registry when it has one)."""
    return getattr(services, "calendar", None) or CalendarService(services.db)


def day_service(services: Services) -> MeetingDayService:
    """The meeting-day service (from the registry when it has one)."""
    return getattr(services, "meeting_day", None) or MeetingDayService(services.db)


def compliance(services: Services) -> ComplianceService:
    """The compliance service (from the registry when it has one)."""
    return getattr(services, "compliance", None) or ComplianceService(services.db)
