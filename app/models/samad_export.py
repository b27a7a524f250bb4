"""Answers exported for SAMAD (issue 14 §2): each export, and what it said of each request.

The clerk types Pol's answers and referrals into SAMAD from a workbook Pol writes. Every export
is recorded with, per request, a fingerprint of the row it carried, so the next export can mark
the rows already given and offer only what is new: a request whose row changed since (referred
then answered, say) counts as new again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SamadExport(Base):
    """One «answers for SAMAD» workbook: its quarter, who wrote it and when."""

    __tablename__ = "samad_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger)  # Jalali
    quarter: Mapped[int] = mapped_column(SmallInteger)  # 1..4
    only_new: Mapped[bool] = mapped_column(Boolean, default=False)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    created_by: Mapped[int | None] = mapped_column(Integer)


class SamadExportItem(Base):
    """One request's row in an export, by the fingerprint of what the row said."""

    __tablename__ = "samad_export_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = mapped_column(ForeignKey("samad_export.id"))
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"))
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 hex of the row's cells

    __table_args__ = (
        # «Exported before?» is asked by request for the rows of a new export.
        Index("ix_samad_export_item_request", "request_id", "fingerprint"),
        Index("ix_samad_export_item_export", "export_id"),
    )
