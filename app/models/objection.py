"""The citizen's objection (اعتراض) to the answer of a closed request, and its decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    FetchedValue,
    ForeignKey,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned
from app.models.enums import LabelledEnum


class ObjectionOutcome(LabelledEnum):
    """Where an objection stands: awaiting the inspection's decision, upheld or rejected."""

    PENDING = "pending", "در انتظار تصمیم"
    UPHELD = "upheld", "پذیرفته شد"
    REJECTED = "rejected", "رد شد"


class Objection(Versioned, Base):
    """One objection: taken down by a clerk, decided (once) by the inspection directorate.

    Recording it reopens the request; upholding it reopens the referral or the direct answer;
    rejecting it closes the request again as it was. Two desks deciding the same objection
    meet the version column. The decision columns have server defaults and are left out of
    the INSERT, so a clerk's login, which may insert only the recording columns on the
    server, can never write a decided objection.
    """

    __tablename__ = "objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"))
    reason: Mapped[str] = mapped_column(Text)  # the citizen's words, as the clerk took them
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # The closing objected to: a rejection restores it; a second objection to it is refused.
    closed_at_before: Mapped[datetime] = mapped_column(DateTime)
    answer_kind: Mapped[str] = mapped_column(String(10))  # enums.Resolution of the answer
    # The agency whose answer is objected to (its latest answered referral); None: the office's.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    outcome: Mapped[str] = mapped_column(String(10), server_default=text("'pending'"))
    decision_note: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # FetchedValue: NULL until decided, and never named in the INSERT (see above).
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, server_default=FetchedValue())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"),
                                                   server_default=FetchedValue())
    # PostgreSQL only: the transaction that decided it (set by trigger, app.models.server
    # .objections); an inspector may change the request only in that transaction.
    decided_tx: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())

    __table_args__ = (
        Index("ix_objection_request", "request_id", "id"),
        # The report counts objections recorded, and decided, in a quarter.
        Index("ix_objection_recorded_at", "recorded_at"),
        Index("ix_objection_decided_at", "decided_at"),
        # The review queue lists the pending ones first.
        Index("ix_objection_outcome", "outcome", "recorded_at"),
    )

