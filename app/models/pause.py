"""Clock pauses (توقف مهلت): a request or referral waiting for the citizen's papers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

# At most one running pause per case, whoever saves it (the database's word, not only the
# service's): one on the request itself, one on each referral.
_RUNNING_ON_REQUEST = text("referral_id IS NULL AND ended_at IS NULL")
_RUNNING = text("ended_at IS NULL")


class ClockPause(Base):
    """One pause of a case's deadline: when and why it stopped, when and why it went on.

    `request_id` is always set (the county scope reaches the row through it); `referral_id` is
    set when the referral's deadline stopped rather than the request's own. While `ended_at` is
    NULL the pause runs; at its end `paused_days` holds the working days the deadline moved by.
    """

    __tablename__ = "clock_pause"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)  # the Tehran day it stopped
    started_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    started_by: Mapped[int | None] = mapped_column(Integer)
    start_reason: Mapped[str] = mapped_column(Text)
    ended_on: Mapped[date | None] = mapped_column(Date)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_by: Mapped[int | None] = mapped_column(Integer)
    end_reason: Mapped[str] = mapped_column(Text, default="")
    paused_days: Mapped[int] = mapped_column(Integer, default=0)
    deadline_before: Mapped[date | None] = mapped_column(Date)  # at the end, before moving
    deadline_after: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        Index("uq_clock_pause_request_running", "request_id", unique=True,
              sqlite_where=_RUNNING_ON_REQUEST, postgresql_where=_RUNNING_ON_REQUEST),
        Index("uq_clock_pause_referral_running", "referral_id", unique=True,
              sqlite_where=_RUNNING, postgresql_where=_RUNNING),
        # The report's pauses of a period.
        Index("ix_clock_pause_started_on", "started_on"),
    )
