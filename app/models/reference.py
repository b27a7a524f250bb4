"""Reference data: counties, executive agencies, managers, holidays and settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class County(Versioned, Base):
    """A county (شهرستان) of the province; valid_from/valid_to keep old quarters reproducible."""

    __tablename__ = "county"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Agency(Versioned, Base):
    """An executive agency (دستگاه اجرایی); one of them is the governorate itself."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_governorate: Mapped[bool] = mapped_column(Boolean, default=False)
    # The agency's default answer period in working days; None means the office-wide setting.
    answer_days: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Manager(Versioned, Base):
    """A governor, deputy or agency manager who holds weekly public meetings."""

    __tablename__ = "manager"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Holiday(Versioned, Base):
    """An official holiday; seeded from the `holidays` package and editable by the office."""

    __tablename__ = "holiday"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default="manual")  # "package" | "manual"
    # A lunar date the official calendar may still move by a day (shown «تخمینی»).
    estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Removed by the office: kept (not deleted) so that seeding the package's holidays again
    # does not bring the day back, and because no server group may DELETE a reference row.
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Setting(Base):
    """An office-wide setting as a key and a text value."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
