"""Plain data of the inspection review: the queue, an item's timeline, reviews, the chain check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.services.core import jalali

if TYPE_CHECKING:  # types only: referrals.dto re-exports this module
    from app.services.referrals.dto import ReferralDossier
    from app.services.requests.dto import RequestDetail


@dataclass
class QueueFilter:
    """Which items the inspectors' review queue lists."""

    reason: str  # ReviewReason value
    date_from: date | None = None  # closed in (low satisfaction, sample)
    date_to: date | None = None
    overdue_days: int = 10  # working days past the deadline (overdue queue)
    max_satisfaction: int = 2  # 1..5 (low-satisfaction queue)
    sample_size: int = 30
    seed: int = 0
    unreviewed_only: bool = False


@dataclass(frozen=True)
class QueueRow:
    """One item of the review queue: a request, or one referral of it."""

    reason: str
    request_id: int
    referral_id: int | None
    tracking_code: str
    subject: str
    agency: str
    county: str
    day: date | None  # escalation, deadline or closing day, by queue
    detail: str  # a short Persian description of why the item is here
    verdict: str | None
    verdict_label: str


@dataclass(frozen=True)
class QueuePage:
    """One page of the review queue and its total."""

    rows: list[QueueRow]
    total: int
    offset: int


@dataclass(frozen=True)
class ReviewInfo:
    """A recorded review."""

    id: int
    request_id: int
    referral_id: int | None
    reason: str
    reason_label: str
    verdict: str
    verdict_label: str
    note: str
    reviewer: str
    created_at: datetime


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an item's whole history, whatever record it concerns."""

    at: datetime
    username: str
    what: str  # «درخواست», «ارجاع به …», «بازرسی»
    action: str  # Persian label
    note: str
    day_only: bool = False  # read from a record's date (no audit event): the hour is unknown


@dataclass(frozen=True)
class ReviewDossier:
    """Everything an inspector sees about one request before writing a review."""

    request: RequestDetail
    referrals: list[ReferralDossier]
    timeline: list[TimelineEntry]
    reviews: list[ReviewInfo]


@dataclass(frozen=True)
class AuditEventInfo:
    """An audit event as the chain check reports it."""

    id: int
    at: datetime
    username: str
    entity: str
    entity_id: int | None
    action: str
    action_label: str


@dataclass(frozen=True)
class ChainCheck:
    """The result of verifying the audit chain, with the first altered event when there is one."""

    ok: bool
    checked: int
    head_hash: str
    first_bad: AuditEventInfo | None
    message: str


@dataclass(frozen=True)
class HeadCheck:
    """Whether a head hash printed on a report (typed in by an inspector) is still on the chain."""

    ok: bool
    message: str


def default_seed(start: date, end: date) -> int:
    """The seed a period's sample uses unless the inspector draws a new one: its Jalali dates."""
    y1, m1, d1 = jalali.to_jalali(start)
    y2, m2, d2 = jalali.to_jalali(end)
    return int(f"{y1}{m1:02d}{d1:02d}") * 7 + int(f"{y2}{m2:02d}{d2:02d}")
