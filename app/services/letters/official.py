"""The letter's own fields on a referral (classification, priority, copies), inside a transaction.

ReferralService.refer calls these in its write transaction; so may a use case that refers many
requests at once (issue 14): `numbering.issue(s, day, count)` takes `count` consecutive numbers.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from app.models import Referral
from app.models.enums import LetterClass, LetterPriority
from app.services.core import messages as msg
from app.services.core import persian
from app.services.core.office.service import read_value
from app.services.letters.dto import LetterFields
from app.services.letters.numbering import issue, register  # noqa: F401 (the session-level API)

COPIES_KEY = "letter_copies"
MAX_COPIES = 12
MAX_COPY_LENGTH = 200
_SEPARATORS = re.compile(r"[\n؛;]")


def split_copies(text: str | None) -> tuple[str, ...]:
    """Copies as lines: split on line breaks and «؛», cleaned, blanks and leading dashes dropped."""
    lines = (persian.clean_text(part).lstrip("-–— ").strip()
             for part in _SEPARATORS.split(text or ""))
    return tuple(line for line in lines if line)


def office_copies(s: Session) -> tuple[str, ...]:
    """The office's default copies."""
    return split_copies(read_value(s, COPIES_KEY))


def letter_errors(fields: LetterFields) -> dict[str, str]:
    """Why the letter's fields are not acceptable (field -> Persian message)."""
    errors: dict[str, str] = {}
    if fields.classification not in LetterClass.__members__.values():
        errors["classification"] = msg.LETTER_CLASS_REQUIRED
    if fields.priority not in LetterPriority.__members__.values():
        errors["priority"] = msg.LETTER_PRIORITY_REQUIRED
    copies = split_copies("\n".join(fields.copies or ()))
    if len(copies) > MAX_COPIES:
        errors["copies"] = msg.letter_copies_too_many(MAX_COPIES)
    elif any(len(c) > MAX_COPY_LENGTH for c in copies):
        errors["copies"] = msg.letter_copy_too_long(MAX_COPY_LENGTH)
    return errors


def apply_fields(s: Session, ref: Referral, fields: LetterFields) -> None:
    """Put the (checked) fields on the referral; no copies given: the office's default."""
    ref.classification = fields.classification
    ref.priority = fields.priority
    copies = office_copies(s) if fields.copies is None else split_copies("\n".join(fields.copies))
    ref.copies = "\n".join(copies)
