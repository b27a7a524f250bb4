"""Public meetings: weekly meeting days, meetings, attendees and the issues they raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from app.errors import ConflictError, NotFound, ValidationError
from app.models import Agency, Manager, Meeting, MeetingAttendee, MeetingSchedule
from app.models.database import Database
from app.models.enums import Channel, MeetingKind, MeetingStatus, RequestType
from app.services import audit, citizens, jalali, persian
from app.services.context import Actor, require
from app.services.dto import CitizenInput, NewRequest, RequestDetail
from app.services.requests import RequestService


@dataclass(frozen=True)
class ScheduleInfo:
    """A manager's weekly meeting day."""

    id: int
    version: int
    manager_id: int
    manager: str
    agency_id: int
    weekday: int  # 0 = Saturday
    weekday_label: str
    start_time: time
    end_time: time
    place: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class MeetingInfo:
    """One meeting as plain data."""

    id: int
    version: int
    manager_id: int
    kind: str
    status: str
    day: date
    starts_at: datetime
    ends_at: datetime
    place: str


class MeetingService:
    """Use cases on public meetings."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def schedule_weekly_day(self, actor: Actor, manager_id: int, weekday: int | None,
                            start_time: time | None, end_time: time | None, place: str = "",
                            valid_from: date | None = None) -> ScheduleInfo:
        """Set a manager's weekly meeting day (روز ملاقات مردمی هفتگی); replaces the current one."""
        require(actor, "meeting.write")
        errors: dict[str, str] = {}
        if weekday is None or not 0 <= weekday <= 6:
            errors["weekday"] = "روز هفته را انتخاب کنید."
        elif jalali.WEEKDAY_NAMES[weekday] == "جمعه":
            errors["weekday"] = "جمعه تعطیل است؛ روز دیگری را انتخاب کنید."
        if start_time is None or end_time is None:
            errors["start_time"] = "ساعت شروع و پایان را وارد کنید."
        elif end_time <= start_time:
            errors["end_time"] = "ساعت پایان باید پس از ساعت شروع باشد."
        if errors:
            raise ValidationError(errors)
        start = valid_from or jalali.tehran_today()
        with self.db.write() as s:
            manager = s.get(Manager, manager_id)
            if manager is None:
                raise NotFound("مدیر")
            current = s.scalars(select(MeetingSchedule).where(
                MeetingSchedule.manager_id == manager_id, MeetingSchedule.valid_to.is_(None)))
            for old in current:
                before = audit.snapshot(old)
                old.valid_to = start
                s.flush()
                audit.record(s, actor, "schedule", old.id, "end", before, audit.snapshot(old))
            sch = MeetingSchedule(manager_id=manager_id, agency_id=manager.agency_id,
                                  weekday=weekday, start_time=start_time, end_time=end_time,
                                  place=persian.normalize(place), valid_from=start)
            s.add(sch)
            s.flush()
            audit.record(s, actor, "schedule", sch.id, "create", None, audit.snapshot(sch))
            return ScheduleInfo(sch.id, sch.version, manager.id, manager.name, sch.agency_id,
                                sch.weekday, jalali.WEEKDAY_NAMES[sch.weekday], sch.start_time,
                                sch.end_time, sch.place, sch.valid_from, sch.valid_to)

    def create_meeting(self, actor: Actor, manager_id: int, day: date, start_time: time,
                       end_time: time, kind: str = MeetingKind.WEEKLY, place: str = "",
                       schedule_id: int | None = None,
                       county_id: int | None = None) -> MeetingInfo:
        """Open a meeting on a day (an occurrence of the weekly day, or a one-off)."""
        require(actor, "meeting.write")
        if end_time <= start_time:
            raise ValidationError({"end_time": "ساعت پایان باید پس از ساعت شروع باشد."})
        starts = jalali.tehran_to_utc(datetime.combine(day, start_time))
        ends = jalali.tehran_to_utc(datetime.combine(day, end_time))
        with self.db.write() as s:
            manager = s.get(Manager, manager_id)
            if manager is None:
                raise NotFound("مدیر")
            m = Meeting(manager_id=manager_id, schedule_id=schedule_id, agency_id=manager.agency_id,
                        county_id=county_id or manager.county_id, kind=kind,
                        status=MeetingStatus.PLANNED, day=day, starts_at=starts, ends_at=ends,
                        place=persian.normalize(place), created_at=jalali.utc_now())
            s.add(m)
            s.flush()
            audit.record(s, actor, "meeting", m.id, "create", None, audit.snapshot(m))
            return MeetingInfo(m.id, m.version, m.manager_id, m.kind, m.status, m.day,
                               m.starts_at, m.ends_at, m.place)

    def register_attendee_issue(self, actor: Actor, meeting_id: int, citizen: CitizenInput,
                                subject: str, body: str = "",
                                type_: str = RequestType.REQUEST,
                                agency_id: int | None = None) -> RequestDetail:
        """Register a citizen received at a meeting and the issue they raised.

        The issue becomes a request with channel «دیدار مردمی», linked to the meeting.
        """
        require(actor, "meeting.write")
        errors = citizens.validate_citizen(citizen, prefix="citizen.")
        if not persian.normalize(subject):
            errors["subject"] = "موضوع مطرح‌شده را وارد کنید."
        if errors:
            raise ValidationError(errors)
        with self.db.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("دیدار")
            default_agency = meeting.agency_id
            received_at = max(meeting.starts_at, min(jalali.utc_now(), meeting.ends_at))
        detail = RequestService(self.db).register(actor, NewRequest(
            channel=Channel.MEETING, type=type_, subject=subject, body=body,
            county_id=citizen.county_id, agency_id=agency_id or default_agency,
            received_at=min(received_at, jalali.utc_now()), citizen=citizen,
            meeting_id=meeting_id,
        ))
        with self.db.write() as s:
            n = s.scalar(select(func.coalesce(func.max(MeetingAttendee.queue_no), 0))
                         .where(MeetingAttendee.meeting_id == meeting_id)) or 0
            assert detail.citizen is not None
            att = MeetingAttendee(meeting_id=meeting_id, citizen_id=detail.citizen.id,
                                  queue_no=n + 1, topic=persian.normalize(subject),
                                  pre_registered=False, received=True,
                                  created_at=jalali.utc_now())
            s.add(att)
            s.flush()
            audit.record(s, actor, "meeting", meeting_id, "attendee", None, audit.snapshot(att))
        return detail

    def close_meeting(self, actor: Actor, meeting_id: int, expected_version: int, minutes: str,
                      actions_taken: str = "", agencies_present: str = "") -> MeetingInfo:
        """Close a meeting with its minutes (صورتجلسه); citizens received are counted."""
        require(actor, "meeting.write")
        if not persian.normalize(minutes):
            raise ValidationError({"minutes": "متن صورتجلسه را وارد کنید."})
        with self.db.write() as s:
            m = s.get(Meeting, meeting_id)
            if m is None:
                raise NotFound("دیدار")
            if m.version != expected_version:
                raise ConflictError("این دیدار")
            before = audit.snapshot(m)
            m.minutes = persian.normalize(minutes)
            m.actions_taken = persian.normalize(actions_taken)
            m.agencies_present = persian.normalize(agencies_present)
            m.citizens_received = s.scalar(
                select(func.count()).select_from(MeetingAttendee).where(
                    MeetingAttendee.meeting_id == m.id, MeetingAttendee.received.is_(True))) or 0
            m.status = MeetingStatus.HELD
            s.flush()
            audit.record(s, actor, "meeting", m.id, "close", before, audit.snapshot(m))
            return MeetingInfo(m.id, m.version, m.manager_id, m.kind, m.status, m.day,
                               m.starts_at, m.ends_at, m.place)

    def add_manager(self, actor: Actor, name: str, title: str, agency_id: int,
                    county_id: int | None = None) -> int:
        """Add a manager who holds public meetings; returns the new id."""
        require(actor, "reference.manage")
        if not persian.normalize(name):
            raise ValidationError({"name": "نام مدیر را وارد کنید."})
        with self.db.write() as s:
            if s.get(Agency, agency_id) is None:
                raise ValidationError({"agency_id": "دستگاه اجرایی را انتخاب کنید."})
            m = Manager(name=persian.normalize(name), title=persian.normalize(title),
                        agency_id=agency_id, county_id=county_id)
            s.add(m)
            s.flush()
            audit.record(s, actor, "manager", m.id, "create", None, audit.snapshot(m))
            return m.id

    def cancel_meeting(self, actor: Actor, meeting_id: int, expected_version: int,
                       reason: str) -> MeetingInfo:
        """Cancel a meeting with a reason; a cancelled weekly day is not counted as expected."""
        require(actor, "meeting.write")
        if not persian.normalize(reason):
            raise ValidationError({"reason": "دلیل لغو دیدار را بنویسید."})
        with self.db.write() as s:
            m = s.get(Meeting, meeting_id)
            if m is None:
                raise NotFound("دیدار")
            if m.version != expected_version:
                raise ConflictError("این دیدار")
            before = audit.snapshot(m)
            m.status = MeetingStatus.CANCELLED
            m.cancel_reason = persian.normalize(reason)
            s.flush()
            audit.record(s, actor, "meeting", m.id, "cancel", before, audit.snapshot(m))
            return MeetingInfo(m.id, m.version, m.manager_id, m.kind, m.status, m.day,
                               m.starts_at, m.ends_at, m.place)

    def managers(self) -> list[tuple[int, str, str, str]]:
        """(id, name, title, agency name) of every active manager."""
        with self.db.read() as s:
            rows = s.execute(
                select(Manager.id, Manager.name, Manager.title, Agency.name)
                .join(Agency, Agency.id == Manager.agency_id)
                .where(Manager.active.is_(True)).order_by(Manager.id)
            ).all()
            return [tuple(r) for r in rows]  # type: ignore[misc]
