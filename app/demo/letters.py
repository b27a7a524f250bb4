"""Demo referrals as official letters: the office's copies on every letter and a few
confidential, urgent or immediate ones (a part of DemoGenerator). Chosen by the request id, not
by a random draw, so the rest of the data a seed gives stays the same."""

from __future__ import annotations

from app.models.database import Database
from app.models.enums import LetterClass, LetterPriority
from app.services.letters.official import office_copies


def default_copies(db: Database) -> str:
    """The office's default copies, as a referral stores them."""
    with db.read() as s:
        return "\n".join(office_copies(s))


def letter_fields(request_id: int, copies: str) -> dict[str, str]:
    """Classification, priority and copies of a demo referral's letter."""
    priority = (LetterPriority.IMMEDIATE if request_id % 37 == 0
                else LetterPriority.URGENT if request_id % 11 == 0 else LetterPriority.NORMAL)
    classification = LetterClass.CONFIDENTIAL if request_id % 17 == 0 else LetterClass.NORMAL
    return {"classification": classification.value, "priority": priority.value,
            "copies": copies}
