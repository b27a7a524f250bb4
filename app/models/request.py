"""Requests (درخواست‌ها): what a citizen brought, how it was triaged and answered."""

from __future__ import annotations

from datetime import date, datetime

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
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Request(Versioned, Base):
    """One citizen request, complaint or suggestion in the inbox."""

    __tablename__ = "request"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Derived from the id (a database sequence), so concurrent desktops never collide.
    tracking_code: Mapped[str] = mapped_column(String(20), unique=True)
    samad_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(20))  # enums.Channel
    type: Mapped[str] = mapped_column(String(20))  # enums.RequestType
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    received_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    status: Mapped[str] = mapped_column(String(20))  # enums.RequestStatus
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    deadline: Mapped[date | None] = mapped_column(Date)
    deep_rooted: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str | None] = mapped_column(String(10))  # enums.Resolution
    answer_text: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)  # 1..5
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    # The surge event (trip, live session…) the request came in with (issue 14 §1).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    # Folded text of subject, body, citizen and codes (see services.persian.search_key).
    search_key: Mapped[str] = mapped_column(Text, default="")
    # The latest earlier request of the same citizen on the same matter, found when this one
    # was registered (services.requests.repeats.findings); the quarterly report counts it.
    # No foreign key: a derived pointer, and requests are never deleted.
    repeat_of: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        # (received_at, id) serves the inbox's default order and deep pages as an index-only scan.
        Index("ix_request_received_id", "received_at", "id"),
        # A citizen's earlier requests, newest first (the detail pane).
        Index("ix_request_citizen_received", "citizen_id", "received_at"),
        Index("ix_request_status_received", "status", "received_at"),
        Index("ix_request_channel_received", "channel", "received_at"),
        Index("ix_request_county_received", "county_id", "received_at"),
        Index("ix_request_agency_received", "agency_id", "received_at"),
        Index("ix_request_assignee", "assignee_id", "received_at"),
        Index("ix_request_deadline", "deadline"),
        # The quarterly report's repeats: the few requests with a stored finding, by receipt.
        Index("ix_request_repeat_found", "received_at", "repeat_of",
              sqlite_where=text("repeat_of IS NOT NULL"),
              postgresql_where=text("repeat_of IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )


class RequestLink(Base):
    """A link between two requests: a duplicate of, or related to, another.

    «duplicate»: `request_id` repeats `other_id` (the one that stays open). «related»: either
    way round. One row per pair whichever way it was made (services.requests.repeats).
    """

    __tablename__ = "request_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("request.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # "duplicate" | "related"
    # Who linked, and when (revision 0010r; older rows have neither).
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)
    # Unlinking is a flag (no server group may DELETE case data); linking again clears it.
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("request_id", "other_id", name="uq_request_link_pair"),
        # The links of a request both ways: request_id leads the unique pair's index, other_id
        # needs its own.
        Index("ix_request_link_other", "other_id"),
    )
