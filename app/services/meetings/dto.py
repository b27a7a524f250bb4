"""Plain data of the meeting day: the meeting, its queue of citizens, issues and directives."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from app.models.enums import MeetingKind
from app.services.core.jalali import FRIDAY
from app.services.reports.dto import ManagerCompliance
from app.services.requests.dto import CitizenInfo


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting with its manager, agency and what was recorded when it closed."""

    id: int
    version: int
    manager_id: int
    manager: str
    manager_title: str
    agency_id: int
    agency: str
    county_id: int | None
    county: str
    schedule_id: int | None
    kind: str
    kind_label: str
    status: str
    status_label: str
    day: date
    start: time  # Tehran wall clock
    end: time
    place: str
    title: str
    cancel_reason: str
    move_reason: str
    occurrence_day: date | None
    minutes: str
    actions_taken: str
    agencies_present: str
    citizens_received: int

    @property
    def is_open(self) -> bool:
        """Neither closed nor cancelled: citizens can still be queued."""
        return self.status == "planned"


@dataclass(frozen=True)
class DirectiveInfo:
    """A manager's directive: the referral it became and its words."""

    id: int
    referral_id: int
    request_id: int
    text: str
    agency_id: int
    agency: str
    letter_no: str
    deadline: date
    status_label: str
    open: bool


@dataclass(frozen=True)
class IssueInfo:
    """An issue a citizen raised: the request it became in the inbox."""

    request_id: int
    version: int
    tracking_code: str
    subject: str
    status_label: str
    agency: str
    directives: tuple[DirectiveInfo, ...] = ()


@dataclass(frozen=True)
class AttendeeInfo:
    """A citizen in a meeting's queue."""

    id: int
    version: int
    meeting_id: int
    queue_no: int
    citizen_id: int
    national_id: str | None
    first_name: str
    last_name: str
    mobile: str | None
    topic: str
    pre_registered: bool
    received: bool
    issues: tuple[IssueInfo, ...] = ()

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class MeetingDay:
    """Everything the meeting-day window shows."""

    meeting: MeetingDetail
    attendees: list[AttendeeInfo] = field(default_factory=list)

    @property
    def received_count(self) -> int:
        """Citizens marked received."""
        return sum(1 for a in self.attendees if a.received)


@dataclass(frozen=True)
class EarlierRequest:
    """One of a citizen's earlier requests, as the walk-in form lists them."""

    request_id: int
    tracking_code: str
    received_at: datetime
    subject: str
    status_label: str


@dataclass(frozen=True)
class CitizenLookup:
    """A known citizen found by national ID, their earlier requests and place in this queue."""

    citizen: CitizenInfo
    earlier: list[EarlierRequest]
    queue_no: int | None = None  # already in this meeting's queue


@dataclass
class DirectiveInput:
    """What the clerk typed of a manager's directive."""

    text: str
    agency_id: int | None
    deadline: date | None
    letter_no: str = ""


@dataclass(frozen=True)
class IssueResult:
    """An issue raised: its request and, when the manager gave one, the directive."""

    request_id: int
    tracking_code: str
    directive: DirectiveInfo | None = None


@dataclass(frozen=True)
class Slip:
    """What the citizen's printed slip shows."""

    tracking_code: str
    citizen: str
    national_id: str | None
    subject: str
    manager: str
    manager_title: str
    agency: str
    day: date
    place: str
    queue_no: int | None
    answer_deadline: date | None
    directive_agency: str = ""
    directive_deadline: date | None = None


class OccurrenceState:
    """What the calendar shows for one occurrence (a value and its Persian label)."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    HOLIDAY = "holiday"
    MOVED = "moved"  # the rule's day, left empty because the meeting moved to another day
    MISSED = "missed"  # a past rule day with nothing recorded
    UNCLOSED = "unclosed"  # opened on a past day, never closed with minutes

    LABELS: dict[str, str] = {
        PLANNED: "برنامه‌ریزی‌شده",
        HELD: "برگزارشده",
        CANCELLED: "لغوشده",
        HOLIDAY: "تعطیل رسمی",
        MOVED: "جابه‌جاشده",
        MISSED: "برگزارنشده",
        UNCLOSED: "بی‌صورتجلسه",
    }


@dataclass(frozen=True)
class CalendarFilter:
    """What the calendar shows: each set field narrows it; None means any."""

    manager_id: int | None = None
    agency_id: int | None = None
    county_id: int | None = None


@dataclass(frozen=True)
class Occurrence:
    """One entry of the calendar: a rule's occurrence, a recorded meeting, or a moved marker."""

    key: str  # stable across reloads: "m<id>", "s<schedule>@<iso day>" or "x<id>" (moved marker)
    meeting_id: int | None
    version: int | None
    schedule_id: int | None
    manager_id: int
    manager: str
    manager_title: str
    agency_id: int
    agency: str
    county_id: int | None
    kind: str
    state: str  # OccurrenceState
    day: date
    start: time  # Tehran wall clock
    end: time
    place: str
    title: str = ""
    reason: str = ""  # cancellation, holiday or move reason
    occurrence_day: date | None = None  # the rule's date (differs from day once moved)
    moved_to: date | None = None  # for a moved marker: where the meeting went
    attendees: int = 0
    received: int = 0

    @property
    def state_label(self) -> str:
        """The state in Persian."""
        return OccurrenceState.LABELS[self.state]

    @property
    def kind_label(self) -> str:
        """The kind of meeting in Persian."""
        return MeetingKind(self.kind).label

    @property
    def is_virtual(self) -> bool:
        """True for a rule occurrence with no meeting row yet."""
        return self.meeting_id is None and self.schedule_id is not None

    @property
    def actionable(self) -> bool:
        """True when the occurrence can be opened, cancelled or moved (not a marker or holiday)."""
        return self.state not in (OccurrenceState.MOVED, OccurrenceState.HOLIDAY)


@dataclass(frozen=True)
class ManagerInfo:
    """A manager for pick lists and filters."""

    id: int
    name: str
    title: str
    agency_id: int
    agency: str
    county_id: int | None
    county: str
    weekday: int | None  # the current weekly rule's day, if any
    active: bool = True

    @property
    def label(self) -> str:
        """«name — title»."""
        return f"{self.name} — {self.title}" if self.title else self.name


@dataclass(frozen=True)
class CalendarRange:
    """Occurrences and holidays of a date range, as the month and week views need them."""

    start: date
    end: date
    occurrences: list[Occurrence]
    holidays: dict[date, str]
    # Python weekday numbers of the office's weekly rest days (the «rest_weekdays» setting).
    rest_weekdays: frozenset[int] = frozenset({FRIDAY})

    def by_day(self) -> dict[date, list[Occurrence]]:
        """Occurrences grouped by day, each day sorted by start time and manager."""
        out: dict[date, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            out[o.day].append(o)
        return dict(out)


@dataclass(frozen=True)
class AgencyCompliance:
    """The managers of one agency summed."""

    agency_id: int
    agency: str
    managers: int
    expected: int
    held: int
    cancelled: int
    missed: int
    citizens_received: int
    issues_raised: int
    directives_issued: int
    directives_open: int

    @property
    def held_share(self) -> float:
        """Held over expected (0..1; 0 when nothing was expected)."""
        return min(1.0, self.held / self.expected) if self.expected else 0.0


@dataclass(frozen=True)
class ComplianceSummary:
    """The compliance panel of a period: per manager, per agency, and who missed their day."""

    start: date
    end: date
    until: date
    managers: list[ManagerCompliance]
    agencies: list[AgencyCompliance] = field(default_factory=list)

    @property
    def missed(self) -> list[ManagerCompliance]:
        """Managers with at least one rule day that has nothing recorded, most days first."""
        rows = [m for m in self.managers if m.missed_days]
        return sorted(rows, key=lambda m: (-len(m.missed_days), m.manager))


@dataclass(frozen=True)
class ScheduleInfo:
    """A manager's weekly meeting day."""

    id: int
    version: int
    manager_id: int
    manager: str
    agency_id: int
    weekday: int  # 0 = Saturday
    weekday_label: str
    start_time: time
    end_time: time
    place: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class MeetingInfo:
    """One meeting as plain data."""

    id: int
    version: int
    manager_id: int
    kind: str
    status: str
    day: date
    starts_at: datetime
    ends_at: datetime
    place: str
    schedule_id: int | None = None
    occurrence_day: date | None = None
    title: str = ""
    cancel_reason: str = ""
    move_reason: str = ""
