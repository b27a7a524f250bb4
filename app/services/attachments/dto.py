"""Plain data of attachments: what a list shows, the bytes for a preview, a scanner's file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Who an attachment belongs to.
REQUEST, REFERRAL, MEETING = "request", "referral", "meeting"
OWNER_KINDS = (REQUEST, REFERRAL, MEETING)
# What the content is (decided from the bytes, never from the name).
IMAGE, PDF, OTHER = "image", "pdf", "other"
# The name an attachment gets when nothing of the given one survives cleaning.
DEFAULT_NAME = "پیوست"
# The same extension written two ways («.jpeg» is a JPEG's «.jpg»).
_SAME_EXTENSION = {"jpeg": "jpg", "jpe": "jpg", "jfif": "jpg", "tiff": "tif"}


def same_extension(ext: str) -> str:
    """An extension in one spelling, lower case («JPEG» → «jpg»)."""
    e = ext.lower()
    return _SAME_EXTENSION.get(e, e)


@dataclass(frozen=True)
class Owner:
    """The record an attachment is on: a request, a referral or a meeting."""

    kind: str
    id: int


@dataclass(frozen=True)
class AttachmentInfo:
    """One attachment as a list shows it (never its bytes)."""

    id: int
    owner: Owner
    name: str
    kind: str  # IMAGE / PDF / OTHER
    mime: str
    extension: str  # the content's own, "" when unknown
    size: int  # bytes
    sha256: str
    created_at: datetime  # naive UTC
    created_by: str  # the person's name
    version: int
    removed_at: datetime | None = None
    removed_by: str = ""
    removed_reason: str = ""
    given_name: str = ""  # the name as given, when it had to be cleaned (just added)

    @property
    def removed(self) -> bool:
        """True once removed (the row and its content stay on file)."""
        return self.removed_at is not None

    @property
    def previewable(self) -> bool:
        """Pol shows pictures and PDFs itself; anything else is only saved to disk."""
        return self.kind in (IMAGE, PDF)

    @property
    def kind_label(self) -> str:
        """The type as the list shows it: «PDF», «تصویر PNG», «DOCX», «نامعلوم»."""
        if self.kind == PDF:
            return "PDF"
        if self.kind == IMAGE:
            return f"تصویر {self.extension.upper()}"
        return self.extension.upper() or "نامعلوم"

    @property
    def save_name(self) -> str:
        """The name to save a copy as: the content's own extension added when the name's
        differs, so the system opens it with the program its content needs."""
        if not self.extension:
            return self.name
        stem, dot, ext = self.name.rpartition(".")
        if dot and stem and same_extension(ext) == same_extension(self.extension):
            return self.name
        return f"{self.name}.{self.extension}"

    @property
    def renamed(self) -> bool:
        """True when the given name had to be cleaned to be kept."""
        return bool(self.given_name) and self.given_name != self.name


@dataclass(frozen=True)
class AttachmentData:
    """An attachment and its bytes (checked against the SHA-256 on file)."""

    info: AttachmentInfo
    data: bytes


@dataclass(frozen=True)
class ScanCandidate:
    """The newest file in the scanner's folder, offered before it is attached."""

    path: str
    name: str
    size: int
    modified: datetime  # naive UTC
