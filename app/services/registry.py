"""One object holding every service of one database, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.database import Database
from app.services.attachments.service import AttachmentService
from app.services.calls.service import CallService
from app.services.core.office.service import OfficeSettingsService
from app.services.core.reference import ReferenceService
from app.services.core.users import UserService
from app.services.core.working_week.service import WorkingWeekService
from app.services.events.batch import BatchActionService
from app.services.events.intake import BatchIntakeService
from app.services.events.service import EventService
from app.services.letters.service import LetterService
from app.services.meetings.calendar import CalendarService
from app.services.meetings.compliance import ComplianceService
from app.services.meetings.meeting_day import MeetingDayService
from app.services.meetings.service import MeetingService
from app.services.objections.service import ObjectionService
from app.services.pauses.service import PauseService
from app.services.referrals.reminders import ReminderService
from app.services.referrals.service import ReferralService
from app.services.referrals.tracker import ReferralTracker
from app.services.reports.service import ReportService
from app.services.reports.statistics import StatisticsService
from app.services.requests.export import ExportService
from app.services.requests.inbox import InboxService
from app.services.requests.repeats import RepeatService, settings_changed
from app.services.requests.samad.service import SamadImportService
from app.services.requests.service import RequestService
from app.services.review.service import ReviewService
from app.services.sms.service import SmsService


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
    reference: ReferenceService
    samad: SamadImportService
    reports: ReportService
    exports: ExportService
    working_week: WorkingWeekService
    office: OfficeSettingsService
    objections: ObjectionService
    calls: CallService
    pauses: PauseService
    letters: LetterService
    attachments: AttachmentService
    repeats: RepeatService
    sms: SmsService
    events: EventService
    batch: BatchActionService
    intake: BatchIntakeService

    @classmethod
    def for_database(cls, db: Database) -> Services:
        """Build every service over one database."""
        tracker = ReferralTracker(db)
        inbox = InboxService(db)
        stats = StatisticsService(db)
        requests = RequestService(db)
        return cls(db=db, requests=requests, referrals=ReferralService(db),
                   inbox=inbox, meetings=MeetingService(db), users=UserService(db),
                   stats=stats, tracker=tracker,
                   reviews=ReviewService(db, tracker), reminders=ReminderService(db, tracker),
                   calendar=CalendarService(db), compliance=ComplianceService(db),
                   meeting_day=MeetingDayService(db), reference=ReferenceService(db),
                   samad=SamadImportService(db), reports=ReportService(stats),
                   exports=ExportService(inbox), working_week=WorkingWeekService(db),
                   office=OfficeSettingsService(db, after_save=settings_changed),
                   objections=ObjectionService(db),
                   calls=CallService(db),
                   pauses=PauseService(db),
                   letters=LetterService(db),
                   attachments=AttachmentService(db),
                   repeats=RepeatService(db),
                   sms=SmsService(db),
                   events=EventService(db), batch=BatchActionService(db),
                   intake=BatchIntakeService(db, requests),
                   )
