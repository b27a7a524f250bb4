"""The inspection directorate's reviews (بازرسی) of how a case or a referral was handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.enums import LabelledEnum
from app.models.request import Request


class ReviewReason(LabelledEnum):
    """Why an item is in the inspectors' review queue."""

    ESCALATED = "escalated", "ارجاع‌شده به بازرسی"
    OVERDUE = "overdue", "معوق بیش از حد مجاز"
    LOW_SATISFACTION = "low_satisfaction", "رضایت پایین شهروند"
    SAMPLE = "sample", "نمونهٔ تصادفی"
    OBJECTION = "objection", "اعتراض"  # the citizen's objection to an answer (issue 13)


class ReviewVerdict(LabelledEnum):
    """The inspector's finding (نتیجهٔ بررسی)."""

    PROPER = "proper", "رسیدگی مطلوب"
    NEEDS_CORRECTION = "needs_correction", "نیازمند اصلاح"
    VIOLATION = "violation", "تخلف؛ ارجاع به امور حقوقی"


class Review(Base):
    """One inspector's note and verdict on a request, or on one referral of it.

    Append-only: a later review of the same item supersedes the earlier one but never
    replaces it, so the table needs no version column.
    """

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    # Set when the review concerns one referral (escalated or overdue), else None.
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # ReviewReason
    verdict: Mapped[str] = mapped_column(String(20))  # ReviewVerdict
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


# Two indexes on the request table that migration 0003r adds; they live here, beside the code
# that needs them, and may move to app/models/request.py when the branches are merged.
# The review queue picks requests closed in a period, their satisfaction and ids (PostgreSQL
# answers from the index alone; SQLite indexes carry the id anyway).
Index("ix_request_closed_at", Request.closed_at, Request.satisfaction, Request.id)
# The tracker's county filter starts from the requests of a county; with the id in the index
# PostgreSQL joins them to the referrals without reading the request rows.
Index("ix_request_county_id", Request.county_id, Request.id)
