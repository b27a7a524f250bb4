"""Attachments (پیوست‌ها): scanned letters, photos and PDFs kept with a request, a referral (the
agency's answer letter) or a meeting (its minutes), inside the database itself.

The bytes live in their own table, `attachment_content`, one row per attachment, so listing a
case's attachments never reads a blob, and the row log of the server (which logs the metadata
table) never copies one. An attachment is never deleted: removal sets `removed_*` (who, when,
why) and the content stays, so the audit trail can always point at what was on file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Attachment(Versioned, Base):
    """One file on file: its owner (exactly one of request, referral, meeting) and its facts."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    name: Mapped[str] = mapped_column(String(255))  # cleaned file name, shown and saved as
    kind: Mapped[str] = mapped_column(String(10))  # image / pdf / other (from the content)
    mime: Mapped[str] = mapped_column(String(100))  # from the content, not the name
    extension: Mapped[str] = mapped_column(String(10), default="")  # the content's own
    size: Mapped[int] = mapped_column(Integer)  # bytes
    sha256: Mapped[str] = mapped_column(String(64))  # hex, lower case
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    created_by: Mapped[int | None] = mapped_column(Integer)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[int | None] = mapped_column(Integer)
    removed_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN request_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END) = 1", name="one_owner"),
        CheckConstraint("size > 0", name="size_positive"),
        # One owner's list, oldest first.
        Index("ix_attachment_request", "request_id", "id"),
        Index("ix_attachment_referral", "referral_id", "id"),
        Index("ix_attachment_meeting", "meeting_id", "id"),
    )


class AttachmentContent(Base):
    """The bytes of one attachment (bytea on PostgreSQL, BLOB on SQLite); written once."""

    __tablename__ = "attachment_content"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
