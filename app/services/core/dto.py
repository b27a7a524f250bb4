"""Plain data of the shared core: pick-list items, history lines, session-lock bounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

GOVERNORATE = "استانداری آذربایجان شرقی"
# The directorate that runs Pol (its printed documents name it under the governorate).
OFFICE = "دفتر بازرسی، مدیریت عملکرد و امور حقوقی"


@dataclass(frozen=True)
class RefItem:
    """A county or agency as plain data for pick lists."""

    id: int
    name: str
    is_governorate: bool = False
    answer_days: int | None = None  # an agency's own answer period (None: the office default)


DEFAULT_LOCK_MINUTES = 15


MAX_LOCK_MINUTES = 480


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a record's history, for the detail pane's timeline."""

    at: datetime
    username: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    who: str = ""  # the person's full name; their login name when the account has none
    label: str = ""  # the action in Persian

    @property
    def person(self) -> str:
        """Who did it, as shown to a user: the full name, else the login name."""
        return self.who or self.username
