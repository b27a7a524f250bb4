"""Plain data for the quarterly report: what the statistics service computes and the PDF/xlsx print.

No ORM object and no Qt type crosses this boundary; every label is already Persian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class CountRow:
    """One labelled count with the previous quarter's figure beside it."""

    key: str
    label: str
    count: int
    previous: int = 0


@dataclass(frozen=True)
class QuarterSummary:
    """The headline figures of one Jalali quarter."""

    year: int
    quarter: int
    start: date
    end: date  # inclusive
    received: int
    by_channel: list[CountRow]
    by_type: list[CountRow]
    answered_directly: int
    referred: int
    concerning_governorate: int
    concerning_others: int
    median_working_days_to_answer: float | None
    referrals_total: int
    referrals_answered: int
    referrals_answered_on_time: int
    overdue_at_end: int
    satisfaction_average: float | None  # 1..5
    satisfaction_count: int

    @property
    def governorate_share(self) -> float:
        """Share of requests that concern the governorate itself (0..1)."""
        total = self.concerning_governorate + self.concerning_others
        return self.concerning_governorate / total if total else 0.0

    @property
    def on_time_share(self) -> float:
        """Share of answered referrals answered by their deadline (0..1)."""
        return (
            self.referrals_answered_on_time / self.referrals_answered
            if self.referrals_answered
            else 0.0
        )


@dataclass(frozen=True)
class ManagerCompliance:
    """Weekly public-meeting compliance of one manager over a period."""

    manager: str
    title: str
    agency: str
    expected: int
    held: int
    cancelled: int
    citizens_received: int
    issues_raised: int
    directives_issued: int
    directives_open: int
    manager_id: int = 0
    agency_id: int = 0
    # Rule days up to the period's end (or today) with nothing recorded: no meeting, no cancellation.
    missed_days: tuple[date, ...] = ()

    @property
    def missed(self) -> int:
        """Expected meeting days that were neither held nor cancelled with a reason."""
        return max(0, self.expected - self.held)


@dataclass(frozen=True)
class AgencyPerformance:
    """How one executive agency answered the referrals sent to it in a period."""

    agency: str
    referred: int
    answered: int
    answered_on_time: int
    median_working_days: float | None
    mean_working_days: float | None
    overdue_now: int
    inadequate: int
    extensions: int = 0
    follow_ups: int = 0
    escalated: int = 0  # referrals of the period escalated to the inspection directorate
    agency_id: int | None = None  # lets a panel open the tracker on this agency

    @property
    def on_time_share(self) -> float:
        """Share of answered referrals that came in by the deadline (0..1)."""
        return self.answered_on_time / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class CountyRow:
    """Requests of one county in a period."""

    county: str
    received: int
    answered_directly: int
    referred: int
    open: int


@dataclass(frozen=True)
class DeepRootedItem:
    """A deep-rooted case, with the agencies involved and the actions taken so far."""

    tracking_code: str
    subject: str
    county: str
    agencies: list[str]
    state: str
    actions: str  # narrative, may be several sentences long


@dataclass(frozen=True)
class QuarterlyReport:
    """Everything the printed quarterly report shows."""

    province: str  # «استانداری آذربایجان شرقی»
    year: int
    quarter: int
    report_number: str
    issued_on: date
    generated_at: datetime  # UTC
    summary: QuarterSummary
    previous: QuarterSummary
    managers: list[ManagerCompliance]
    agencies: list[AgencyPerformance]
    counties: list[CountyRow]
    deep_rooted: list[DeepRootedItem]
    audit_head_hash: str
    audit_events: int = 0  # events on the chain up to that head: a cut tail shows as fewer
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent per query group
