"""Referrals (ارجاع) of deep-rooted requests to executive agencies, and how they were chased."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Referral(Versioned, Base):
    """A request sent to one agency by an official letter, with its own deadline and answer."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    letter_no: Mapped[str] = mapped_column(String(50))
    letter_date: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # enums.ReferralStatus
    # True when a manager's on-the-spot directive (دستور) in a public meeting created it.
    directive: Mapped[bool] = mapped_column(Boolean, default=False)
    response_text: Mapped[str] = mapped_column(Text, default="")
    response_date: Mapped[date | None] = mapped_column(Date)
    response_letter_no: Mapped[str] = mapped_column(String(50), default="")
    grade: Mapped[str | None] = mapped_column(String(20))  # enums.AnswerGrade
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation_note: Mapped[str] = mapped_column(Text, default="")
    # When and by whom the referral was escalated to the inspection directorate (migration 0003r).
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    escalated_by: Mapped[int | None] = mapped_column(Integer)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)
    # The official letter (issue 13 §6, migration 0015l): its classification and priority
    # (enums.LetterClass / LetterPriority) and its copies (رونوشت), one recipient a line.
    classification: Mapped[str] = mapped_column(String(20), default="normal",
                                                server_default="normal")
    priority: Mapped[str] = mapped_column(String(20), default="normal", server_default="normal")
    copies: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        Index("ix_referral_agency_letter", "agency_id", "letter_date"),
        Index("ix_referral_status_deadline", "status", "deadline"),
        Index("ix_referral_letter_date", "letter_date"),
        # The inspection queue lists escalated referrals newest first (0003r).
        Index("ix_referral_escalated_at", "escalated_at"),
        # The tracker finds a referral by its letter number (0003r).
        Index("ix_referral_letter_no", "letter_no"),
        # Covers the agency-performance aggregates of a period without reading the rows (0003r).
        Index("ix_referral_period", "letter_date", "agency_id", "status", "deadline",
              "response_date", "grade", "extensions", "escalated"),
    )


class ReferralEvent(Base):
    """A follow-up (phone call, reminder letter) or an extension (تمدید) of a referral."""

    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # enums.FollowUpKind value or "extension"
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    extra_days: Mapped[int] = mapped_column(Integer, default=0)
    user_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
