"""Surge events (رویداد): a trip, a live SAMAD session or a special meeting day (issue 14 §1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Event(Versioned, Base):
    """One event that brings many requests at once; requests point at it (request.event_id)."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # enums.EventKind
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    # NULL: a province-wide event (a live session has no county).
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("manager.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)
