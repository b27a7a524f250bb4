"""Messages to citizens (issue 14 §3): the SMS outbox and the office's templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SmsMessage(Base):
    """One message to a citizen, written in the same transaction as the event that caused it.

    The sender claims a queued row by a conditional UPDATE (status, claim token, claim time) so
    two desks never send it twice; the idempotency key goes to the gateway with every try, so a
    retry after a lost reply is recognised there. A row marked sent is never claimed again.
    """

    __tablename__ = "sms_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # services.sms.rules.KINDS
    # The number at the time of writing: the message goes where the citizen said then.
    mobile: Mapped[str] = mapped_column(String(11))
    text: Mapped[str] = mapped_column(Text)
    parts: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(10))  # queued | sent | failed | held
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC; None = at once
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    idempotency_key: Mapped[str] = mapped_column(String(40), unique=True)
    gateway_reply: Mapped[str] = mapped_column(Text, default="")
    sent_by_hand: Mapped[int | None] = mapped_column(Integer)  # the user who marked it sent
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_sms_outbox_status_next", "status", "next_try_at"),
        CheckConstraint("status IN ('queued', 'sent', 'failed', 'held')", name="status"),
    )


class SmsTemplate(Base):
    """The office's Persian text for one kind of message, with «{placeholders}»."""

    __tablename__ = "sms_template"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(Integer)
