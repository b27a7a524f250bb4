"""Public meetings (دیدارهای مردمی): weekly schedules, meetings held and who attended."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
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
    valid_to: Mapped[date | None] = mapped_column(Date)


class Meeting(Versioned, Base):
    """One public meeting: an occurrence of a weekly schedule, or a one-off such as a trip."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_schedule.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    kind: Mapped[str] = mapped_column(String(20))  # enums.MeetingKind
    status: Mapped[str] = mapped_column(String(20))  # enums.MeetingStatus
    day: Mapped[date] = mapped_column(Date)  # local (Tehran) date
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    place: Mapped[str] = mapped_column(String(300), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    agencies_present: Mapped[str] = mapped_column(Text, default="")
    citizens_received: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        # One manager cannot hold two meetings starting at the same moment.
        UniqueConstraint("manager_id", "starts_at", name="uq_meeting_manager_start"),
        Index("ix_meeting_day", "day"),
        Index("ix_meeting_manager_day", "manager_id", "day"),
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
