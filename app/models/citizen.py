"""Citizens (شهروندان), found again by national ID and never duplicated."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Citizen(Versioned, Base):
    """A citizen who brought a request; the national ID is text, never an integer."""

    __tablename__ = "citizen"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Ten characters: leading zeros are part of the ID.
    national_id: Mapped[str | None] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str | None] = mapped_column(String(11), index=True)  # canonical 09xxxxxxxxx
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    address: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The citizen said no to text messages (issue 14 §3): nothing is written for them.
    sms_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def full_name(self) -> str:
        """First and last name joined by a space."""
        return f"{self.first_name} {self.last_name}".strip()
