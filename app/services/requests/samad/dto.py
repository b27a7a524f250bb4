"""Plain data of the SAMAD import: a preview, a result, a rejected row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.requests.repeats.dto import PossibleRepeat
    from app.services.requests.samad.headers import SamadFile


@dataclass(frozen=True)
class DuplicateHeader:
    """A column whose header names a field an earlier column already feeds (it is ignored)."""

    column: int  # 1-based, as the spreadsheet counts
    header: str
    same_as: str  # the earlier column's header


@dataclass(frozen=True)
class RowError:
    """A rejected row: its number as the spreadsheet shows it, the field and a Persian reason."""

    row: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import of the file would do, without writing anything."""

    headers: list[str]
    mapping: dict[str, str]  # header -> field
    unknown_headers: list[str]
    total: int  # non-empty data rows
    importable: int
    duplicates: int
    rejected: list[RowError]
    unknown_counties: list[str]  # names matching no county (offer to map them)
    unknown_agencies: list[str]
    warnings: list[str] = field(default_factory=list)  # about the whole file (Persian)


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    imported: int
    duplicates: int
    rejected: list[RowError]
    unknown_headers: list[str] = field(default_factory=list)
    unknown_counties: list[str] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)
    duplicate_headers: list[DuplicateHeader] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Rows that may repeat a request on file (requests.repeats.PossibleRepeat); none is linked.
    possible_repeats: list[PossibleRepeat] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The summary the command line prints with --json.

        Headers as the dialog shows them: `unknown_headers` names no field; each of
        `duplicate_headers` names a field an earlier column (`same_as`) already feeds. Both
        kinds of column are ignored unless mapped with --map.
        """
        dup = {d.header for d in self.duplicate_headers}
        return {"imported": self.imported, "duplicates": self.duplicates,
                "rejected": [{"row": e.row, "field": e.field, "message": e.message}
                             for e in self.rejected],
                "unknown_headers": [h for h in self.unknown_headers if h not in dup],
                "duplicate_headers": [{"column": d.column, "header": d.header,
                                       "same_as": d.same_as} for d in self.duplicate_headers],
                "warnings": self.warnings,
                "possible_repeats": [p.to_json() for p in self.possible_repeats]}


# Internal fields, in the order the SAMAD export lists them, with the header that names them.
FIELD_LABELS: dict[str, str] = {
    "samad_code": "کد رهگیری",
    "received_at": "تاریخ ثبت",
    "type": "نوع",
    "channel": "مجرا",
    "first_name": "نام",
    "last_name": "نام خانوادگی",
    "national_id": "کد ملی",
    "mobile": "تلفن همراه",
    "county": "شهرستان",
    "agency": "دستگاه",
    "subject": "موضوع",
    "body": "متن",
}


@dataclass(frozen=True)
class ImportCheck:
    """A file read and checked: its headers, and the preview once every required column is known."""

    file: SamadFile
    preview: ImportPreview | None  # None while a required column is missing

    @property
    def missing_labels(self) -> list[str]:
        """The Persian names of the required columns the file lacks."""
        return [FIELD_LABELS[m] for m in self.file.missing]
