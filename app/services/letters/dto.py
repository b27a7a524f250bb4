"""Plain data of the official letters: what the clerk chooses, and the letter as printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.models.enums import LetterClass, LetterPriority


@dataclass(frozen=True)
class LetterFields:
    """The letter's own choices when a referral is made.

    `copies` None: the office's default copies (رونوشت); an empty tuple: none. `auto_number`:
    a blank letter number is taken from the secretariat's counter (else it is required).
    """

    classification: str = LetterClass.NORMAL.value
    priority: str = LetterPriority.NORMAL.value
    copies: tuple[str, ...] | None = None
    auto_number: bool = True


@dataclass(frozen=True)
class LetterDefaults:
    """What the refer dialog offers: the next number (a preview) and the office's copies."""

    next_number: str  # as stored (Latin digits); "" when the pattern cannot number
    copies: tuple[str, ...]
    pattern: str


@dataclass(frozen=True)
class OfficialLetter:
    """One letter as it is printed: letterhead, header fields, body, signature and copies."""

    title: str  # the PDF's title (metadata)
    organisation: str  # «استانداری آذربایجان شرقی»
    unit: str  # the office
    number: str  # the letter number exactly as stored (Latin digits)
    day: date
    attachments: str
    classification: str  # LetterClass value
    priority: str  # LetterPriority value
    recipient: str  # «مدیرعامل محترم شرکت گاز»
    subject: str
    paragraphs: tuple[str, ...]  # the body, logical order, one paragraph each
    signatory_name: str
    signatory_title: str
    copies: tuple[str, ...] = field(default_factory=tuple)
    referral_id: int | None = None

    @property
    def classification_label(self) -> str:
        """«عادی» or «محرمانه»."""
        return LetterClass(self.classification).label

    @property
    def priority_label(self) -> str:
        """«عادی», «فوری» or «آنی»."""
        return LetterPriority(self.priority).label

    @property
    def confidential(self) -> bool:
        """A confidential letter says so prominently."""
        return self.classification == LetterClass.CONFIDENTIAL


@dataclass(frozen=True)
class IssuedReminder:
    """A reminder letter's number, taken from the counter and registered."""

    referral_id: int
    letter_no: str
    day: date
