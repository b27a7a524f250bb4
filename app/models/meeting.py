"""Public meetings (دیدارهای مردمی): weekly schedules, meetings held and who attended."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class MeetingSchedule(Versioned, Base):
    """A manager's weekly meeting day: a recurring rule with weekday, hours and place."""

    __tablename__ = "meeting_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Saturday (شنبه) … 6 = Friday
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    # Exclusive: the rule holds on days d with valid_from <= d < valid_to.
    valid_to: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("end_time > start_time", name="time_order"),
    )


class Meeting(Versioned, Base):
    """One public meeting: an occurrence of a weekly schedule, or a one-off such as a trip.

    Occurrences of a weekly rule are expanded on the fly (services.calendar); a row exists only
    once an occurrence is opened, cancelled or moved, or for a one-off meeting. Two meetings of
    one manager that overlap in time are refused by the database itself (migration 0003m: a
    PostgreSQL exclusion constraint over tsrange(starts_at, ends_at), SQLite triggers);
    cancelled meetings do not block the time.
    """

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_schedule.id"))
    # The rule's date this meeting is the occurrence of (differs from `day` once moved).
    occurrence_day: Mapped[date | None] = mapped_column(Date)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    kind: Mapped[str] = mapped_column(String(20))  # enums.MeetingKind
    status: Mapped[str] = mapped_column(String(20))  # enums.MeetingStatus
    day: Mapped[date] = mapped_column(Date)  # local (Tehran) date
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    place: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(300), default="")  # e.g. a trip's destination
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    move_reason: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    agencies_present: Mapped[str] = mapped_column(Text, default="")
    citizens_received: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        # An occurrence of a weekly rule is materialised at most once.
        UniqueConstraint("schedule_id", "occurrence_day", name="uq_meeting_occurrence"),
        CheckConstraint("ends_at > starts_at", name="time_order"),
        Index("ix_meeting_day", "day"),
        Index("ix_meeting_manager_day", "manager_id", "day"),
        Index("ix_meeting_manager_starts", "manager_id", "starts_at"),
        Index("ix_meeting_occurrence_day", "occurrence_day"),
    )


class MeetingAttendee(Versioned, Base):
    """A citizen registered for, or received at, a meeting."""

    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    queue_no: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(300), default="")
    pre_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("meeting_id", "queue_no", name="uq_attendee_queue"),)


class MeetingDirective(Base):
    """A manager's on-the-spot directive (دستور) on an issue raised in a meeting.

    The directive itself is a referral (directive=True) with its agency and deadline; this row
    keeps the words of the directive and ties the referral to the meeting.
    """

    __tablename__ = "meeting_directive"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)
