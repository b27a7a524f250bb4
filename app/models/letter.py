"""The secretariat's letter numbers: a counter per Jalali year and the register of issued numbers.

A number comes from `letter_counter` inside the write transaction of the letter it numbers, so
a rolled-back letter gives its number back and two desks never get the same one; the register
(`official_letter`) keeps what each issued number went on, and its unique (year, serial) is the
database's own guarantee that no number is issued twice.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class LetterCounter(Base):
    """The last serial issued in one Jalali year (no row yet: none issued)."""

    __tablename__ = "letter_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class OfficialLetter(Base):
    """One issued number of the register: the letter it went on (append-only)."""

    __tablename__ = "official_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)  # Jalali
    serial: Mapped[int] = mapped_column(Integer)
    letter_no: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(20))  # enums.LetterKind
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    letter_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "serial", name="uq_official_letter_year_serial"),)
