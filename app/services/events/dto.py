"""Plain data of events and of batch intake and batch actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.services.requests.dto import EarlierRequest


@dataclass
class EventInput:
    """What the office typed about an event."""

    name: str
    kind: str  # enums.EventKind
    starts_on: date
    ends_on: date
    county_id: int | None = None
    manager_id: int | None = None


@dataclass(frozen=True)
class EventInfo:
    """One event as lists and forms show it."""

    id: int
    version: int
    name: str
    kind: str
    kind_label: str
    starts_on: date
    ends_on: date
    county_id: int | None
    county: str
    manager_id: int | None
    manager: str


@dataclass(frozen=True)
class EventSummary:
    """An event on the events screen with its letters so far (the report's measures)."""

    event: EventInfo
    received: int = 0
    answered_directly: int = 0
    referred: int = 0
    open: int = 0


@dataclass
class BatchRow:
    """One letter typed in the batch intake grid."""

    national_id: str = ""
    first_name: str = ""
    last_name: str = ""
    mobile: str = ""
    county: str = ""  # a county's name as typed (completed)
    agency: str = ""  # an agency's name as typed (completed), may be blank
    subject: str = ""


@dataclass(frozen=True)
class SavedRow:
    """A batch row saved: its request and tracking code."""

    request_id: int
    tracking_code: str


@dataclass(frozen=True)
class CitizenHistory:
    """What the grid shows beside a row once its national ID is known."""

    national_id: str
    name: str
    earlier: list[EarlierRequest] = field(default_factory=list)


@dataclass(frozen=True)
class BatchResult:
    """What a batch action did: the requests changed and any letter numbers it took."""

    request_ids: list[int]
    letter_numbers: list[str] = field(default_factory=list)
    # Tracking codes left unchanged: their objection awaits the inspection (batch referral).
    skipped_objected: list[str] = field(default_factory=list)
