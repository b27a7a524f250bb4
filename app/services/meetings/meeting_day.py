"""The meeting day: the queue of citizens, the issues they raise, the manager's directives, slips.

- Pre-registration puts a citizen in a meeting's queue ahead of the day, with a queue number;
  on the day, walk-ins join the same queue (national ID first; a known citizen is filled in).
- Each issue a received citizen raises becomes a request in the inbox (channel «دیدار مردمی»,
  linked to the meeting and so to its manager); the manager's directive on it becomes a referral
  with directive=True, with the responsible agency and a deadline.
- A citizen is in a meeting's queue once; attendees need a valid national ID (that is how the
  same citizen is found again for their requests and slip).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, NotFound, ValidationError
from app.models import (
    Agency,
    Citizen,
    County,
    Manager,
    Meeting,
    MeetingAttendee,
    MeetingDirective,
    Referral,
    Request,
)
from app.models.database import Database
from app.models.enums import (
    Channel,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    RequestStatus,
    RequestType,
)
from app.services.core import audit, jalali, persian, reference, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.meetings import slip_pdf
from app.services.meetings.dto import (
    AttendeeInfo,
    CitizenLookup,
    DirectiveInfo,
    DirectiveInput,
    EarlierRequest,
    IssueInfo,
    IssueResult,
    MeetingDay,
    MeetingDetail,
    Slip,
)
from app.services.referrals.service import ReferralService
from app.services.requests import citizens
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.service import RequestService
from app.services.sms import outbox as sms_outbox

MAX_TOPIC = 300


def _nid_errors(data: CitizenInput) -> dict[str, str]:
    """Attendees are found again by national ID, so it is required and must be valid."""
    errors = citizens.validate_citizen(data, prefix="citizen.")
    if not persian.clean_national_id(data.national_id):
        errors["citizen.national_id"] = msg.NATIONAL_ID_REQUIRED
    errors.pop("citizen.last_name", None)  # a national ID alone is enough to look them up
    return errors


def meeting_detail(s: Session, m: Meeting) -> MeetingDetail:
    """Plain data of a meeting, read in the given session."""
    manager = s.get(Manager, m.manager_id)
    agency = s.get(Agency, m.agency_id)
    county = s.get(County, m.county_id) if m.county_id else None
    assert manager is not None and agency is not None
    return MeetingDetail(
        id=m.id, version=m.version, manager_id=m.manager_id, manager=manager.name,
        manager_title=manager.title, agency_id=m.agency_id, agency=agency.name,
        county_id=m.county_id, county=county.name if county else "", schedule_id=m.schedule_id,
        kind=m.kind, kind_label=MeetingKind(m.kind).label, status=m.status,
        status_label=MeetingStatus(m.status).label, day=m.day,
        start=jalali.to_tehran(m.starts_at).time(), end=jalali.to_tehran(m.ends_at).time(),
        place=m.place, title=m.title, cancel_reason=m.cancel_reason, move_reason=m.move_reason,
        occurrence_day=m.occurrence_day, minutes=m.minutes, actions_taken=m.actions_taken,
        agencies_present=m.agencies_present, citizens_received=m.citizens_received,
    )


class MeetingDayService:
    """Use cases of the meeting day; each call is one short transaction and returns plain data."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ------------------------------------------------------------------------------

    def day(self, meeting_id: int) -> MeetingDay:
        """The meeting, its queue in order, each citizen's issues and the directives on them."""
        with self.db.read() as s:
            m = s.get(Meeting, meeting_id)
            if m is None:
                raise NotFound(msg.MEETING)
            detail = meeting_detail(s, m)
            rows = s.execute(
                select(MeetingAttendee, Citizen)
                .join(Citizen, Citizen.id == MeetingAttendee.citizen_id)
                .where(MeetingAttendee.meeting_id == meeting_id).order_by(MeetingAttendee.queue_no)
            ).all()
            directives: dict[int, list[DirectiveInfo]] = defaultdict(list)
            for d, ref, agency in s.execute(
                select(MeetingDirective, Referral, Agency.name)
                .join(Referral, Referral.id == MeetingDirective.referral_id)
                .join(Agency, Agency.id == Referral.agency_id)
                .where(MeetingDirective.meeting_id == meeting_id).order_by(MeetingDirective.id)
            ).all():
                directives[d.request_id].append(self._directive_info(d, ref, agency))
            issues: dict[int, list[IssueInfo]] = defaultdict(list)
            for r, agency in s.execute(
                select(Request, Agency.name).outerjoin(Agency, Agency.id == Request.agency_id)
                .where(Request.meeting_id == meeting_id).order_by(Request.id)
            ).all():
                issues[r.citizen_id].append(IssueInfo(
                    r.id, r.version, r.tracking_code, r.subject, RequestStatus(r.status).label,
                    agency or "", tuple(directives.get(r.id, ()))))
            attendees = [
                AttendeeInfo(a.id, a.version, a.meeting_id, a.queue_no, c.id, c.national_id,
                             c.first_name, c.last_name, c.mobile, a.topic, a.pre_registered,
                             a.received, tuple(issues.get(c.id, ())))
                for a, c in rows
            ]
        return MeetingDay(detail, attendees)

    def look_up_citizen(self, national_id: str, meeting_id: int | None = None,
                        limit: int = 10) -> CitizenLookup | None:
        """A known citizen by national ID (any digits), latest requests and queue number."""
        info = citizens.lookup(self.db, national_id)
        if info is None:
            return None
        with self.db.read() as s:
            earlier = [EarlierRequest(rid, code, at, subject, RequestStatus(status).label)
                       for rid, code, at, subject, status in s.execute(
                           select(Request.id, Request.tracking_code, Request.received_at,
                                  Request.subject, Request.status)
                           .where(Request.citizen_id == info.id)
                           .order_by(Request.received_at.desc()).limit(limit)).all()]
            queue_no = None
            if meeting_id is not None:
                queue_no = s.scalar(select(MeetingAttendee.queue_no).where(
                    MeetingAttendee.meeting_id == meeting_id,
                    MeetingAttendee.citizen_id == info.id))
        return CitizenLookup(info, earlier, queue_no)

    # The citizen's slip as an A6 PDF (slip_pdf.py): (slip, path or stream) -> its pages.
    write_slip_pdf = staticmethod(slip_pdf.write_slip_pdf)

    def slip(self, request_id: int) -> Slip:
        """What the citizen's slip prints for an issue raised in a meeting."""
        with self.db.read() as s:
            r = s.get(Request, request_id)
            if r is None or r.meeting_id is None:
                raise NotFound(msg.MEETING_REQUEST)
            m = s.get(Meeting, r.meeting_id)
            assert m is not None
            detail = meeting_detail(s, m)
            c = s.get(Citizen, r.citizen_id) if r.citizen_id else None
            queue_no = s.scalar(select(MeetingAttendee.queue_no).where(
                MeetingAttendee.meeting_id == m.id,
                MeetingAttendee.citizen_id == r.citizen_id)) if c else None
            directive = s.execute(
                select(Agency.name, Referral.deadline)
                .join(Agency, Agency.id == Referral.agency_id)
                .where(Referral.request_id == r.id, Referral.directive.is_(True))
                .order_by(Referral.id.desc()).limit(1)).first()
            return Slip(
                tracking_code=r.tracking_code, citizen=c.full_name if c else "",
                national_id=c.national_id if c else None, subject=r.subject,
                manager=detail.manager, manager_title=detail.manager_title, agency=detail.agency,
                day=detail.day, place=detail.place, queue_no=queue_no, answer_deadline=r.deadline,
                directive_agency=directive[0] if directive else "",
                directive_deadline=directive[1] if directive else None,
            )

    # --- the queue ------------------------------------------------------------------------------

    def pre_register(self, actor: Actor, meeting_id: int, citizen: CitizenInput,
                     topic: str = "") -> AttendeeInfo:
        """Put a citizen in a coming meeting's queue ahead of the day; returns their entry."""
        return self._enqueue(actor, meeting_id, citizen, topic, pre_registered=True)

    def add_walk_in(self, actor: Actor, meeting_id: int, citizen: CitizenInput,
                    topic: str = "", received: bool = False) -> AttendeeInfo:
        """A citizen who came on the day joins the queue (optionally received at once)."""
        return self._enqueue(actor, meeting_id, citizen, topic, pre_registered=False,
                             received=received)

    def mark_received(self, actor: Actor, attendee_id: int, expected_version: int,
                      received: bool = True) -> AttendeeInfo:
        """Record that the manager received (or did not receive) a citizen in the queue."""
        require(actor, "meeting.write")
        try:
            with self.db.write() as s:
                scope.limit(s, actor)
                a = s.get(MeetingAttendee, attendee_id)
                if a is None:
                    raise NotFound(msg.QUEUE_ENTRY)
                if a.version != expected_version:
                    raise ConflictError(msg.THIS_QUEUE_ENTRY)
                m = s.get(Meeting, a.meeting_id)
                assert m is not None
                self._require_on_the_day(m)
                before = audit.snapshot(a)
                a.received = received
                s.flush()
                audit.record(s, actor, "meeting", m.id, "received", before, audit.snapshot(a))
                return self._attendee_info(s, a)
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_QUEUE_ENTRY) from exc

    # --- issues and directives ------------------------------------------------------------------

    def raise_issue(self, actor: Actor, attendee_id: int, subject: str, body: str = "",
                    type_: str = RequestType.REQUEST, agency_id: int | None = None,
                    directive: DirectiveInput | None = None) -> IssueResult:
        """The issue a citizen in the queue raised becomes a request (and a directive a referral).

        The citizen is marked received. Everything is checked before anything is saved, so a bad
        directive leaves no request behind.
        """
        require(actor, "meeting.write")
        errors: dict[str, str] = {}
        if not persian.clean_text(subject):
            errors["subject"] = msg.ISSUE_SUBJECT_REQUIRED
        elif len(persian.clean_text(subject)) > 300:
            errors["subject"] = msg.SUBJECT_TOO_LONG
        with self.db.read() as s:
            a = s.get(MeetingAttendee, attendee_id)
            if a is None:
                raise NotFound(msg.QUEUE_ENTRY)
            m = s.get(Meeting, a.meeting_id)
            c = s.get(Citizen, a.citizen_id)
            assert m is not None and c is not None
            self._require_on_the_day(m)
            meeting_id, default_agency, day = m.id, m.agency_id, m.day
            received_at = min(max(m.starts_at, min(jalali.utc_now(), m.ends_at)),
                              jalali.utc_now())
            who = CitizenInput(national_id=c.national_id or "", first_name=c.first_name,
                               last_name=c.last_name, county_id=c.county_id)
            county_id = c.county_id
        letter_date = min(day, jalali.tehran_today())
        if directive is not None:
            errors.update(self._directive_errors(directive, letter_date))
        if errors:
            raise ValidationError(errors)
        detail = RequestService(self.db).register(actor, NewRequest(
            channel=Channel.MEETING, type=type_, subject=subject, body=body, county_id=county_id,
            agency_id=agency_id or default_agency, received_at=received_at, citizen=who,
            meeting_id=meeting_id))
        with self.db.write() as s:
            scope.limit(s, actor)
            att = s.get(MeetingAttendee, attendee_id)
            if att is not None and not att.received:
                before = audit.snapshot(att)
                att.received = True
                s.flush()
                audit.record(s, actor, "meeting", meeting_id, "received", before,
                             audit.snapshot(att))
        info = None
        if directive is not None:
            info = self._issue_directive(actor, detail.id, detail.version, meeting_id,
                                         letter_date, directive)
        return IssueResult(detail.id, detail.tracking_code, info)

    def issue_directive(self, actor: Actor, request_id: int, expected_version: int,
                        directive: DirectiveInput) -> DirectiveInfo:
        """Record a manager's directive on an issue already raised; it becomes a referral."""
        require(actor, "meeting.write")
        with self.db.read() as s:
            r = s.get(Request, request_id)
            if r is None or r.meeting_id is None:
                raise NotFound(msg.MEETING_REQUEST)
            m = s.get(Meeting, r.meeting_id)
            assert m is not None
            meeting_id = m.id
            letter_date = max(min(m.day, jalali.tehran_today()),
                              jalali.to_tehran(r.received_at).date())
        errors = self._directive_errors(directive, letter_date)
        if errors:
            raise ValidationError(errors)
        return self._issue_directive(actor, request_id, expected_version, meeting_id,
                                     letter_date, directive)

    # --- helpers --------------------------------------------------------------------------------

    def _enqueue(self, actor: Actor, meeting_id: int, data: CitizenInput, topic: str,
                 pre_registered: bool, received: bool = False) -> AttendeeInfo:
        require(actor, "meeting.write")
        errors = _nid_errors(data)
        if len(persian.clean_text(topic)) > MAX_TOPIC:
            errors["topic"] = msg.TOPIC_TOO_LONG
        if errors:
            raise ValidationError(errors)
        nid = persian.clean_national_id(data.national_id)
        with self.db.write() as s:
            scope.limit(s, actor)
            m = s.get(Meeting, meeting_id)
            if m is None:
                raise NotFound(msg.MEETING)
            if m.status == MeetingStatus.CANCELLED:
                raise ValidationError({"status": msg.MEETING_CANCELLED})
            if m.status == MeetingStatus.HELD:
                raise ValidationError({"status": msg.MEETING_CLOSED})
            if not pre_registered and m.day > jalali.tehran_today():
                raise ValidationError({"status": msg.MEETING_DAY_NOT_COME})
            known = s.scalar(select(Citizen).where(Citizen.national_id == nid))
            if known is None and not (persian.clean_text(data.last_name)
                                      or persian.clean_text(data.first_name)):
                raise ValidationError({"citizen.last_name": msg.NEW_CITIZEN_LAST_NAME_REQUIRED})
            if known is not None:
                queued = s.scalar(select(MeetingAttendee.queue_no).where(
                    MeetingAttendee.meeting_id == m.id, MeetingAttendee.citizen_id == known.id))
                if queued is not None:
                    raise ValidationError({"citizen.national_id": msg.already_queued(queued)})
            citizen = citizens.find_or_create(s, data)
            s.flush()
            n = s.scalar(select(func.coalesce(func.max(MeetingAttendee.queue_no), 0))
                         .where(MeetingAttendee.meeting_id == m.id)) or 0
            a = MeetingAttendee(meeting_id=m.id, citizen_id=citizen.id, queue_no=n + 1,
                                topic=persian.clean_text(topic), pre_registered=pre_registered,
                                received=received, created_at=jalali.utc_now())
            s.add(a)
            s.flush()
            if pre_registered:  # the appointment: number, day, hour, place
                sms_outbox.for_appointment(s, m, a)
            audit.record(s, actor, "meeting", m.id, "pre_register" if pre_registered else
                         "walk_in", None, audit.snapshot(a))
            return self._attendee_info(s, a)

    @staticmethod
    def _require_on_the_day(m: Meeting) -> None:
        if m.status == MeetingStatus.CANCELLED:
            raise ValidationError({"status": msg.MEETING_CANCELLED})
        if m.day > jalali.tehran_today():
            raise ValidationError({"status": msg.MEETING_NOT_YET_HELD})

    def _directive_errors(self, d: DirectiveInput, letter_date: date) -> dict[str, str]:
        """Check a directive: its words, a known agency and a deadline after the meeting day."""
        errors: dict[str, str] = {}
        if not persian.clean_text(d.text):
            errors["directive.text"] = msg.DIRECTIVE_TEXT_REQUIRED
        if d.agency_id is None or d.agency_id not in {a.id for a in reference.agencies(self.db)}:
            errors["directive.agency_id"] = msg.DIRECTIVE_AGENCY_REQUIRED
        if d.deadline is None:
            errors["directive.deadline"] = msg.DIRECTIVE_DEADLINE_REQUIRED
        else:
            days = reference.work_calendar(self.db).working_days_between(letter_date, d.deadline)
            if days < 1:
                errors["directive.deadline"] = msg.DIRECTIVE_DEADLINE_AFTER_MEETING
            elif days > 365:
                errors["directive.deadline"] = msg.DIRECTIVE_DEADLINE_TOO_FAR
        return errors

    def _issue_directive(self, actor: Actor, request_id: int, version: int, meeting_id: int,
                         letter_date: date, d: DirectiveInput) -> DirectiveInfo:
        """refer(..., directive=True), then keep the directive's words beside the referral."""
        assert d.agency_id is not None and d.deadline is not None
        cal = reference.work_calendar(self.db)
        with self.db.read() as s:
            n = s.scalar(select(func.count()).select_from(MeetingDirective)
                         .where(MeetingDirective.meeting_id == meeting_id)) or 0
        letter_no = persian.clean_text(d.letter_no) or f"دستور/{meeting_id}/{n + 1}"
        ref = ReferralService(self.db).refer(
            actor, request_id, version, d.agency_id, letter_no, letter_date,
            working_days=cal.working_days_between(letter_date, d.deadline), directive=True)
        with self.db.write() as s:
            scope.limit(s, actor)
            row = MeetingDirective(meeting_id=meeting_id, request_id=request_id,
                                   referral_id=ref.id,
                                   text=persian.clean_text(d.text, multiline=True),
                                   created_at=jalali.utc_now(), created_by=actor.user_id)
            s.add(row)
            s.flush()
            audit.record(s, actor, "meeting", meeting_id, "directive", None,
                         audit.snapshot(row))
            return DirectiveInfo(row.id, ref.id, request_id, row.text, ref.agency_id, ref.agency,
                                 ref.letter_no, ref.deadline, ref.status_label,
                                 ref.status == ReferralStatus.OPEN)

    @staticmethod
    def _directive_info(d: MeetingDirective, ref: Referral, agency: str) -> DirectiveInfo:
        return DirectiveInfo(d.id, ref.id, d.request_id, d.text, ref.agency_id, agency,
                             ref.letter_no, ref.deadline, ReferralStatus(ref.status).label,
                             ref.status == ReferralStatus.OPEN)

    @staticmethod
    def _attendee_info(s: Session, a: MeetingAttendee) -> AttendeeInfo:
        c = s.get(Citizen, a.citizen_id)
        assert c is not None
        return AttendeeInfo(a.id, a.version, a.meeting_id, a.queue_no, c.id, c.national_id,
                            c.first_name, c.last_name, c.mobile, a.topic, a.pre_registered,
                            a.received)
