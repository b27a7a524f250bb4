"""Plain data for the quarterly report: what the statistics service computes and the PDF/xlsx print.

No ORM object and no Qt type crosses this boundary; every label is already Persian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: each feature's figures live beside their query
    from app.services.reports.calls import CallFigures
    from app.services.reports.events import EventRow
    from app.services.reports.objections import ObjectionFigures
    from app.services.reports.pauses import PauseFigures
    from app.services.reports.repeats import RepeatShare


@dataclass(frozen=True)
class CountRow:
    """One labelled count with the previous quarter's figure beside it."""

    key: str
    label: str
    count: int
    previous: int = 0


@dataclass(frozen=True)
class AgencyTypeRow:
    """Table 1: one agency's requests of the quarter, one count per request type."""

    agency: str
    counts: tuple[int, ...]  # in the order of AgencyTypeTable.types
    is_governorate: bool = False
    agency_id: int | None = None

    @property
    def total(self) -> int:
        """All requests attributed to this agency."""
        return sum(self.counts)


@dataclass(frozen=True)
class AgencyTypeTable:
    """Table 1 (جدول ۱): requests per agency × request type, the governorate's row first.

    A request's agency is the agency of its latest referral up to the cut-off, else the agency
    named at intake, else the governorate itself: every request of the quarter has one row.
    """

    types: tuple[str, ...] = ()  # Persian labels, RequestType order
    rows: tuple[AgencyTypeRow, ...] = ()

    @property
    def column_totals(self) -> tuple[int, ...]:
        """Requests per type over every agency."""
        return tuple(sum(r.counts[i] for r in self.rows) for i in range(len(self.types)))

    @property
    def total(self) -> int:
        """Every request of the quarter (equals the summary's «received»)."""
        return sum(r.total for r in self.rows)

    @property
    def governorate(self) -> int:
        """Requests attributed to the governorate itself."""
        return sum(r.total for r in self.rows if r.is_governorate)


@dataclass(frozen=True)
class QuarterSummary:
    """The headline figures of one Jalali quarter, each as it stood at the cut-off day.

    Units: «received», «answered_directly», «referred», «pending_at_cut_off» and the governorate
    split count requests (درخواست); «referrals_*» and «overdue_at_end» count referral letters
    (نامهٔ ارجاع). A request answered or referred after the cut-off counts as pending.
    """

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
    cut_off: date | None = None  # the day every figure is taken at; None means «end»
    pending_at_cut_off: int = 0  # requests neither answered nor referred by the cut-off
    by_agency_type: AgencyTypeTable = field(default_factory=AgencyTypeTable)

    @property
    def as_of(self) -> date:
        """The cut-off day: answers and referrals recorded after it are not counted."""
        return self.cut_off or self.end

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
    state: str  # as it stood at the cut-off: «باز» or «پاسخ‌داده»
    actions: str  # narrative, may be several sentences long (as recorded when the report is made)
    received_on: date | None = None  # Tehran day of receipt
    open_at_cut_off: bool = False


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
    deep_rooted: list[DeepRootedItem]  # the ones printed: the first DEEP_ROOTED_LIMIT of all
    audit_head_hash: str
    audit_events: int = 0  # events on the chain up to that head: a cut tail shows as fewer
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent per query group
    deep_rooted_total: int | None = None  # deep-rooted cases of the quarter; None: all printed
    deep_rooted_all: list[DeepRootedItem] | None = None  # every case, in the same order (xlsx)
    objections: ObjectionFigures | None = None  # the citizens' objections (issue 13)
    calls: CallFigures | None = None  # satisfaction calls of the quarter (issue 13 §3)
    pauses: PauseFigures | None = None  # the stopped clocks (issue 13 part 5)
    repeats: RepeatShare | None = None  # repeat requests (reports.repeats)
    events: list[EventRow] | None = None  # surge events (issue 14 §1, reports.events)

    @property
    def cut_off(self) -> date:
        """The one cut-off of the whole report (the summary's)."""
        return self.summary.as_of

    @property
    def deep_rooted_count(self) -> int:
        """How many deep-rooted cases the quarter has in all."""
        return len(self.deep_rooted) if self.deep_rooted_total is None else self.deep_rooted_total

    @property
    def every_deep_rooted(self) -> list[DeepRootedItem]:
        """Every deep-rooted case of the quarter (the printed ones when no full list was made)."""
        return self.deep_rooted if self.deep_rooted_all is None else self.deep_rooted_all
