"""What registering a request checks against, read once: a batch reads it once a minute."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.database import Database
from app.services.core import jalali, reference


@dataclass(frozen=True)
class IntakeRefs:
    """What registering checks against: the counties and agencies, the calendar, the period."""

    counties: set[int]
    agencies: set[int]
    calendar: jalali.WorkCalendar
    answer_days: int


def intake_refs(db: Database) -> IntakeRefs:
    """The reference data a registration needs, read now."""
    return IntakeRefs({c.id for c in reference.counties(db)},
                      {a.id for a in reference.agencies(db)}, reference.work_calendar(db),
                      int(reference.settings(db)["request_answer_days"]))
