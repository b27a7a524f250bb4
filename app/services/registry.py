"""One object holding every service of one database, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.database import Database
from app.services.calendar import CalendarService
from app.services.compliance import ComplianceService
from app.services.inbox import InboxService
from app.services.meeting_day import MeetingDayService
from app.services.meetings import MeetingService
from app.services.referral_tracker import ReferralTracker
from app.services.referrals import ReferralService
from app.services.reminders import ReminderService
from app.services.requests import RequestService
from app.services.review import ReviewService
from app.services.statistics import StatisticsService
from app.services.users import UserService


@dataclass(frozen=True)
class Services:
    """The services a view may call."""

    db: Database
    requests: RequestService
    referrals: ReferralService
    inbox: InboxService
    meetings: MeetingService
    users: UserService
    stats: StatisticsService
    tracker: ReferralTracker
    reviews: ReviewService
    reminders: ReminderService
    calendar: CalendarService
    compliance: ComplianceService
    meeting_day: MeetingDayService

    @classmethod
    def for_database(cls, db: Database) -> Services:
        """Build every service over one database."""
        tracker = ReferralTracker(db)
        return cls(db=db, requests=RequestService(db), referrals=ReferralService(db),
                   inbox=InboxService(db), meetings=MeetingService(db), users=UserService(db),
                   stats=StatisticsService(db), tracker=tracker,
                   reviews=ReviewService(db, tracker), reminders=ReminderService(db, tracker),
                   calendar=CalendarService(db), compliance=ComplianceService(db),
                   meeting_day=MeetingDayService(db))
