"""Satisfaction calls (تماس رضایت‌سنجی): the office phones citizens after a request is closed.

One `SatisfactionCall` per request that has been called at least once, holding where the call
stands and, once the citizen answered, the answer; one `SatisfactionCallAttempt` per phone call,
at most one a Tehran day per request (the unique constraint makes the rule the database's own,
whichever desk dials). Attempts are append-only; the call row changes under a version, so two
desks recording the same request at once cannot both win.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned
from app.models.enums import LabelledEnum

MAX_ATTEMPTS = 3  # unreached attempts (on different days) before the request leaves the list


class CallOutcome(LabelledEnum):
    """Where a request's satisfaction call stands."""

    PENDING = "pending", "در انتظار تماس دوباره"
    REACHED = "reached", "پاسخ داد"
    NO_ANSWER = "no_answer", "پاسخ نداد"


class SatisfactionCall(Versioned, Base):
    """The satisfaction call of one closed request: attempts so far and the citizen's answer."""

    __tablename__ = "satisfaction_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), unique=True)
    outcome: Mapped[str] = mapped_column(String(12))  # CallOutcome
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_attempt_day: Mapped[date | None] = mapped_column(Date)  # Tehran day
    score: Mapped[int | None] = mapped_column(SmallInteger)  # 1..5, when reached
    solved: Mapped[bool | None] = mapped_column(Boolean)  # when reached
    comment: Mapped[str] = mapped_column(Text, default="")
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC: reached or given up
    caller_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # the last caller
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)", name="score_range"),
        CheckConstraint(f"attempts >= 0 AND attempts <= {MAX_ATTEMPTS}", name="attempts_range"),
        # The report's figures and the review queue read the finished calls by date.
        Index("ix_satisfaction_call_finished", "finished_at", "outcome"),
    )


class SatisfactionCallAttempt(Base):
    """One phone call to the citizen: when, by whom, reached or not (append-only)."""

    __tablename__ = "satisfaction_call_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("satisfaction_call.id"))
    # The request again, so the county scope (server and services) reaches the row directly.
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    day: Mapped[date] = mapped_column(Date)  # the Tehran day of `at`
    reached: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    caller_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (
        # One attempt a Tehran day per call: a second one the same day is refused.
        UniqueConstraint("call_id", "day", name="uq_satisfaction_call_attempt_day"),
        Index("ix_satisfaction_call_attempt_day", "day"),
    )
