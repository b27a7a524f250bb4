"""Public meetings: weekly meeting days, meetings, their cancellation and moves, and closing them.

The meeting day itself (the queue of citizens, issues, directives, slips) is in
services.meeting_day; the calendar's reading side in services.calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import ConflictError, NotFound, ValidationError
from app.models import Agency, Manager, Meeting, MeetingAttendee, MeetingSchedule
from app.models.database import Database
from app.models.enums import MeetingKind, MeetingStatus
from app.services.core import audit, jalali, persian, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.meetings.calendar import off_days_between
from app.services.meetings.dto import MeetingInfo, ScheduleInfo  # noqa: F401

OVERLAP_MESSAGE = msg.MEETING_OVERLAP
END_BEFORE_START = msg.END_BEFORE_START
MEETING = unit_of_work.Entity(Meeting, "meeting", msg.MEETING, msg.THIS_MEETING,
                              "meeting.write")
SCHEDULE = unit_of_work.Entity(MeetingSchedule, "schedule", msg.WEEKLY_DAY,
                               msg.THIS_WEEKLY_DAY, "meeting.write")


def meeting_info(m: Meeting) -> MeetingInfo:
    """Plain data of a meeting row."""
    return MeetingInfo(m.id, m.version, m.manager_id, m.kind, m.status, m.day, m.starts_at,
                       m.ends_at, m.place, m.schedule_id, m.occurrence_day, m.title,
                       m.cancel_reason, m.move_reason)


def is_overlap(exc: IntegrityError) -> bool:
    """True when the database refused a meeting overlapping another of the same manager."""
    diag = getattr(exc.orig, "diag", None)
    if getattr(diag, "constraint_name", None) == "ex_meeting_no_overlap":
        return True
    return "meeting_overlap" in str(exc.orig)


def check_times(day: date | None, start_time: time | None, end_time: time | None,
                errors: dict[str, str], need_day: bool = True) -> None:
    """Add a Persian message for a missing day or times, or an end not after the start."""
    if need_day and day is None:
        errors["day"] = msg.MEETING_DAY_REQUIRED
    if start_time is None or end_time is None:
        errors["start_time"] = msg.MEETING_TIMES_REQUIRED
    elif end_time <= start_time:
        errors["end_time"] = END_BEFORE_START


def _utc(day: date, t: time) -> datetime:
    """Naive UTC instant of a Tehran wall-clock time."""
    return jalali.tehran_to_utc(datetime.combine(day, t))


class MeetingService:
    """Use cases on public meetings."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- weekly rules -----------------------------------------------------------------------

    def schedule_weekly_day(self, actor: Actor, manager_id: int | None, weekday: int | None,
                            start_time: time | None, end_time: time | None, place: str = "",
                            valid_from: date | None = None) -> ScheduleInfo:
        """Set a manager's weekly meeting day (روز ملاقات مردمی هفتگی); replaces the current one."""
        require(actor, "meeting.write")
        errors: dict[str, str] = {}
        if manager_id is None:
            errors["manager_id"] = msg.MANAGER_REQUIRED
        if weekday is None or not 0 <= weekday <= 6:
            errors["weekday"] = msg.WEEKDAY_REQUIRED
        elif jalali.WEEKDAY_NAMES[weekday] == "جمعه":
            errors["weekday"] = msg.FRIDAY_IS_REST
        check_times(None, start_time, end_time, errors, need_day=False)
        if errors:
            raise ValidationError(errors)
        start = valid_from or jalali.tehran_today()
        with self.db.write() as s:
            scope.limit(s, actor)
            manager = s.get(Manager, manager_id)
            if manager is None:
                raise NotFound(msg.MANAGER)
            current = s.scalars(select(MeetingSchedule).where(
                MeetingSchedule.manager_id == manager_id,
                or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > start)))
            for old in current:
                before = audit.snapshot(old)
                # A rule that had not started yet is replaced outright (an empty span).
                old.valid_to = max(start, old.valid_from)
                s.flush()
                audit.record(s, actor, "schedule", old.id, "end", before, audit.snapshot(old))
            sch = MeetingSchedule(manager_id=manager_id, agency_id=manager.agency_id,
                                  weekday=weekday, start_time=start_time, end_time=end_time,
                                  place=persian.clean_text(place), valid_from=start)
            s.add(sch)
            s.flush()
            audit.record(s, actor, "schedule", sch.id, "create", None, audit.snapshot(sch))
            return self._schedule_info(sch, manager)

    def end_weekly_day(self, actor: Actor, schedule_id: int, expected_version: int,
                       last_day: date) -> ScheduleInfo:
        """Stop a weekly rule after `last_day` (the manager no longer holds the meeting)."""
        def apply(w: unit_of_work.Work[MeetingSchedule]) -> None:
            if last_day < w.row.valid_from:
                raise ValidationError({"valid_to": msg.RULE_END_BEFORE_START})
            w.row.valid_to = date.fromordinal(last_day.toordinal() + 1)

        def result(w: unit_of_work.Work[MeetingSchedule]) -> ScheduleInfo:
            manager = w.session.get(Manager, w.row.manager_id)
            assert manager is not None
            return self._schedule_info(w.row, manager)

        return unit_of_work.change(self.db, actor, SCHEDULE, schedule_id, expected_version,
                                   "end", apply, result)

    def schedules(self, manager_id: int | None = None,
                  on: date | None = None) -> list[ScheduleInfo]:
        """Weekly rules in force on a day (today), of one manager or all."""
        on = on or jalali.tehran_today()
        with self.db.read() as s:
            q = (select(MeetingSchedule, Manager)
                 .join(Manager, Manager.id == MeetingSchedule.manager_id)
                 .where(MeetingSchedule.valid_from <= on,
                        or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > on))
                 .order_by(MeetingSchedule.manager_id))
            if manager_id is not None:
                q = q.where(MeetingSchedule.manager_id == manager_id)
            return [self._schedule_info(sch, m) for sch, m in s.execute(q).all()]

    @staticmethod
    def _schedule_info(sch: MeetingSchedule, manager: Manager) -> ScheduleInfo:
        return ScheduleInfo(sch.id, sch.version, manager.id, manager.name, sch.agency_id,
                            sch.weekday, jalali.WEEKDAY_NAMES[sch.weekday], sch.start_time,
                            sch.end_time, sch.place, sch.valid_from, sch.valid_to)

    # --- meetings -----------------------------------------------------------------------------

    def create_meeting(self, actor: Actor, manager_id: int | None, day: date | None,
                       start_time: time | None, end_time: time | None,
                       kind: str = MeetingKind.WEEKLY, place: str = "",
                       schedule_id: int | None = None, county_id: int | None = None,
                       title: str = "") -> MeetingInfo:
        """Open a meeting on a day (an occurrence of the weekly day, or a one-off).

        A weekly meeting on the day its manager's rule falls is that rule's occurrence. Another
        meeting of the same manager at an overlapping time is refused by the database.
        """
        require(actor, "meeting.write")
        errors: dict[str, str] = {}
        if manager_id is None:
            errors["manager_id"] = msg.MANAGER_REQUIRED
        if kind not in MeetingKind.__members__.values():
            errors["kind"] = msg.MEETING_KIND_REQUIRED
        check_times(day, start_time, end_time, errors)
        if errors:
            raise ValidationError(errors)
        assert day is not None and start_time is not None and end_time is not None
        with self.db.write() as s:
            scope.limit(s, actor)
            manager = s.get(Manager, manager_id)
            if manager is None:
                raise NotFound(msg.MANAGER)
            occurrence_day = None
            if kind == MeetingKind.WEEKLY:
                rule = (s.get(MeetingSchedule, schedule_id) if schedule_id is not None
                        else self._rule_on(s, manager.id, day))
                if (rule is not None and jalali.weekday_index(day) == rule.weekday
                        and self._occurrence_row(s, rule.id, day) is None):
                    schedule_id, occurrence_day = rule.id, day
            scope.require_county(actor, county_id or manager.county_id,
                                 message=msg.MEETING_COUNTY_OUT_OF_SCOPE)
            m = Meeting(manager_id=manager.id, schedule_id=schedule_id,
                        occurrence_day=occurrence_day, agency_id=manager.agency_id,
                        county_id=county_id or manager.county_id, kind=kind,
                        status=MeetingStatus.PLANNED, day=day, starts_at=_utc(day, start_time),
                        ends_at=_utc(day, end_time), place=persian.clean_text(place),
                        title=persian.clean_text(title), created_at=jalali.utc_now())
            s.add(m)
            self._flush(s)
            audit.record(s, actor, "meeting", m.id, "create", None, audit.snapshot(m))
            return meeting_info(m)

    def open_occurrence(self, actor: Actor, schedule_id: int, day: date) -> MeetingInfo:
        """The meeting row of a weekly rule's occurrence, created on first use.

        Two desktops opening the same occurrence get the same meeting.
        """
        require(actor, "meeting.write")
        try:
            with self.db.write() as s:
                scope.limit(s, actor)
                existing = self._occurrence_row(s, schedule_id, day)
                if existing is not None:
                    return meeting_info(existing)
                m = self._materialise(s, actor, schedule_id, day)
                return meeting_info(m)
        except IntegrityError as exc:
            if is_overlap(exc):
                raise ValidationError({"start_time": OVERLAP_MESSAGE}) from exc
            with self.db.read() as s:
                existing = self._occurrence_row(s, schedule_id, day)
                if existing is None:
                    raise
                return meeting_info(existing)

    def cancel_occurrence(self, actor: Actor, schedule_id: int, day: date,
                          reason: str) -> MeetingInfo:
        """Cancel a weekly rule's occurrence that has no meeting row yet, with a reason."""
        return self._occurrence_change(
            actor, schedule_id, day, "cancel",
            lambda s, m: self._apply_cancel(m, reason))

    def move_occurrence(self, actor: Actor, schedule_id: int, day: date, new_day: date | None,
                        start_time: time | None, end_time: time | None,
                        reason: str) -> MeetingInfo:
        """Move a weekly rule's occurrence to another day or hour, with a reason."""
        return self._occurrence_change(
            actor, schedule_id, day, "move",
            lambda s, m: self._apply_move(s, m, new_day, start_time, end_time, reason))

    def cancel_meeting(self, actor: Actor, meeting_id: int, expected_version: int,
                       reason: str) -> MeetingInfo:
        """Cancel a meeting with a reason; a cancelled weekly day is not counted as expected."""
        return self._change(actor, meeting_id, expected_version, "cancel",
                            lambda s, m: self._apply_cancel(m, reason))

    def move_meeting(self, actor: Actor, meeting_id: int, expected_version: int,
                     new_day: date | None, start_time: time | None, end_time: time | None,
                     reason: str) -> MeetingInfo:
        """Move a planned meeting to another day or hour, with a reason."""
        return self._change(
            actor, meeting_id, expected_version, "move",
            lambda s, m: self._apply_move(s, m, new_day, start_time, end_time, reason))

    def reinstate_meeting(self, actor: Actor, meeting_id: int,
                          expected_version: int) -> MeetingInfo:
        """Undo a cancellation (the meeting is planned again, if its hour is still free)."""

        def apply(_s: Session, m: Meeting) -> None:
            if m.status != MeetingStatus.CANCELLED:
                raise ValidationError({"status": msg.REINSTATE_ONLY_CANCELLED})
            m.status = MeetingStatus.PLANNED
            m.cancel_reason = ""

        return self._change(actor, meeting_id, expected_version, "reinstate", apply)

    def close_meeting(self, actor: Actor, meeting_id: int, expected_version: int, minutes: str,
                      actions_taken: str = "", agencies_present: str = "",
                      citizens_received: int | None = None) -> MeetingInfo:
        """Close a meeting with its minutes (صورتجلسه) and the number of citizens received.

        Without a number, the citizens marked received in the queue are counted; a number given
        may be larger (citizens heard without a queue entry) but never smaller.
        """
        require(actor, "meeting.write")
        if not persian.clean_text(minutes):
            raise ValidationError({"minutes": msg.MINUTES_REQUIRED})
        if citizens_received is not None and citizens_received < 0:
            raise ValidationError({"citizens_received": msg.CITIZENS_RECEIVED_INVALID})

        def apply(s: Session, m: Meeting) -> None:
            if m.status == MeetingStatus.CANCELLED:
                raise ValidationError({"status": msg.MEETING_CANCELLED_NOT_CLOSED})
            if m.day > jalali.tehran_today():
                raise ValidationError({"status": msg.MEETING_NOT_YET_HELD})
            counted = s.scalar(select(func.count()).select_from(MeetingAttendee).where(
                MeetingAttendee.meeting_id == m.id, MeetingAttendee.received.is_(True))) or 0
            if citizens_received is not None and citizens_received < counted:
                raise ValidationError({"citizens_received": msg.fewer_than_received(counted)})
            m.minutes = persian.clean_text(minutes, multiline=True)
            m.actions_taken = persian.clean_text(actions_taken, multiline=True)
            m.agencies_present = persian.clean_text(agencies_present, multiline=True)
            m.citizens_received = counted if citizens_received is None else citizens_received
            m.status = MeetingStatus.HELD

        return self._change(actor, meeting_id, expected_version, "close", apply)

    # --- managers -------------------------------------------------------------------------

    def add_manager(self, actor: Actor, name: str, title: str, agency_id: int,
                    county_id: int | None = None) -> int:
        """Add a manager who holds public meetings; returns the new id."""
        require(actor, "reference.manage")
        if not persian.clean_text(name):
            raise ValidationError({"name": msg.MANAGER_NAME_REQUIRED})
        with self.db.write() as s:
            scope.limit(s, actor)
            if s.get(Agency, agency_id) is None:
                raise ValidationError({"agency_id": msg.AGENCY_REQUIRED})
            m = Manager(name=persian.clean_text(name), title=persian.clean_text(title),
                        agency_id=agency_id, county_id=county_id)
            s.add(m)
            s.flush()
            audit.record(s, actor, "manager", m.id, "create", None, audit.snapshot(m))
            return m.id

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _rule_on(s: Session, manager_id: int, day: date) -> MeetingSchedule | None:
        """The manager's weekly rule in force on a day."""
        return s.scalar(select(MeetingSchedule).where(
            MeetingSchedule.manager_id == manager_id, MeetingSchedule.valid_from <= day,
            or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > day)))

    @staticmethod
    def _occurrence_row(s: Session, schedule_id: int, day: date) -> Meeting | None:
        return s.scalar(select(Meeting).where(Meeting.schedule_id == schedule_id,
                                              Meeting.occurrence_day == day))

    def _materialise(self, s: Session, actor: Actor, schedule_id: int, day: date) -> Meeting:
        """Create the meeting row of a rule's occurrence (the day must be one of the rule's)."""
        sch = s.get(MeetingSchedule, schedule_id)
        if sch is None:
            raise NotFound(msg.WEEKLY_DAY)
        if (jalali.weekday_index(day) != sch.weekday or day < sch.valid_from
                or (sch.valid_to is not None and day >= sch.valid_to)):
            raise ValidationError({"day": msg.NOT_THE_WEEKLY_DAY})
        holiday = off_days_between(s, day, day).get(day)
        if holiday is not None:
            raise ValidationError({"day": msg.holiday_cancels_meeting(holiday)})
        manager = s.get(Manager, sch.manager_id)
        assert manager is not None
        m = Meeting(manager_id=sch.manager_id, schedule_id=sch.id, occurrence_day=day,
                    agency_id=sch.agency_id, county_id=manager.county_id,
                    kind=MeetingKind.WEEKLY, status=MeetingStatus.PLANNED, day=day,
                    starts_at=_utc(day, sch.start_time), ends_at=_utc(day, sch.end_time),
                    place=sch.place, created_at=jalali.utc_now())
        s.add(m)
        self._flush(s)
        audit.record(s, actor, "meeting", m.id, "create", None, audit.snapshot(m))
        return m

    @staticmethod
    def _flush(s: Session) -> None:
        """Flush; the database's refusal of an overlapping meeting becomes a Persian message."""
        try:
            s.flush()
        except IntegrityError as exc:
            if is_overlap(exc):
                raise ValidationError({"start_time": OVERLAP_MESSAGE}) from exc
            raise

    @staticmethod
    def _apply_cancel(m: Meeting, reason: str) -> None:
        if not persian.clean_text(reason):
            raise ValidationError({"reason": msg.CANCEL_REASON_REQUIRED})
        if m.status == MeetingStatus.HELD:
            raise ValidationError({"status": msg.MEETING_HELD_NOT_CANCELLED})
        m.status = MeetingStatus.CANCELLED
        m.cancel_reason = persian.clean_text(reason, multiline=True)

    @staticmethod
    def _apply_move(s: Session, m: Meeting, new_day: date | None, start_time: time | None,
                    end_time: time | None, reason: str) -> None:
        errors: dict[str, str] = {}
        check_times(new_day, start_time, end_time, errors)
        if not persian.clean_text(reason):
            errors["reason"] = msg.MOVE_REASON_REQUIRED
        if m.status != MeetingStatus.PLANNED:
            errors["status"] = msg.MOVE_ONLY_PLANNED
        if errors:
            raise ValidationError(errors)
        assert new_day is not None and start_time is not None and end_time is not None
        if m.occurrence_day is None and m.schedule_id is not None:
            m.occurrence_day = m.day
        m.day = new_day
        m.starts_at = _utc(new_day, start_time)
        m.ends_at = _utc(new_day, end_time)
        m.move_reason = persian.clean_text(reason, multiline=True)

    def _occurrence_change(self, actor: Actor, schedule_id: int, day: date, action: str,
                           apply: Callable[[Session, Meeting], None]) -> MeetingInfo:
        """Materialise a rule's occurrence and change it in one transaction.

        If another desktop recorded the occurrence meanwhile, the user's calendar was stale:
        ConflictError.
        """
        require(actor, "meeting.write")
        try:
            with self.db.write() as s:
                scope.limit(s, actor)
                if self._occurrence_row(s, schedule_id, day) is not None:
                    raise ConflictError(msg.THIS_MEETING)
                m = self._materialise(s, actor, schedule_id, day)
                before = audit.snapshot(m)
                with s.no_autoflush:
                    apply(s, m)
                self._flush(s)
                audit.record(s, actor, "meeting", m.id, action, before, audit.snapshot(m))
                return meeting_info(m)
        except IntegrityError as exc:
            # Only the unique occurrence can fail here: another desktop recorded it first.
            raise ConflictError(msg.THIS_MEETING) from exc

    def _change(self, actor: Actor, meeting_id: int, expected_version: int, action: str,
                apply: Callable[[Session, Meeting], None]) -> MeetingInfo:
        """One versioned change of a meeting (see unit_of_work.change)."""
        return unit_of_work.change(
            self.db, actor, MEETING, meeting_id, expected_version, action,
            lambda w: apply(w.session, w.row), lambda w: meeting_info(w.row), flush=self._flush)
