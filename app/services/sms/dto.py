"""Plain data of the SMS outbox, its templates and the gateway settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

GET, POST = "GET", "POST"


@dataclass(frozen=True)
class GatewayConfig:
    """How to reach the office's SMS provider; an empty URL means no gateway at all.

    In the URL and the parameters: {mobile} the citizen's number, {text} the message,
    {key} the API key (kept in the OS keyring, never in the database), {id} the message's
    idempotency key. Parameters are «name=value» lines: the query of a GET, the form of a POST.
    """

    url: str = ""
    method: str = POST
    params: str = ""
    timeout_s: int = 10
    max_attempts: int = 5

    @property
    def enabled(self) -> bool:
        """True when messages go out through a gateway."""
        return bool(self.url.strip())


@dataclass(frozen=True)
class OutboxRow:
    """One message as the outbox list shows it (the mobile shown to the office only)."""

    id: int
    citizen_id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    citizen: str
    mobile: str
    tracking_code: str
    text: str
    parts: int
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    next_try_at: datetime | None
    gateway_reply: str


@dataclass(frozen=True)
class OutboxPage:
    """One page of the outbox, newest first, and how many messages the filter matches
    (-1: not counted)."""

    rows: list[OutboxRow]
    total: int
    offset: int


@dataclass(frozen=True)
class TemplateInfo:
    """One kind's template and how long its longest rendering is."""

    kind: str
    label: str
    text: str
    placeholders: tuple[str, ...]
    longest_units: int
    longest_parts: int


@dataclass
class SendSummary:
    """What one sending round did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0
    skipped: int = 0  # claimed by another desk meanwhile
    problems: list[str] = field(default_factory=list)
