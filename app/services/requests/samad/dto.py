"""Plain data of the SAMAD import: a preview, a result, a rejected row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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


# --- the SAMAD bridge (issue 14 §2) ------------------------------------------------------------


@dataclass(frozen=True)
class StatusDiff:
    """A code in the file and in Pol whose status disagrees (answered/closed against open)."""

    code: str
    tracking_code: str
    pol_status: str  # Pol's label
    file_status: str  # as the file writes it
    done_in_pol: bool  # True: answered or closed in Pol, open in the file; False: the reverse


@dataclass(frozen=True)
class ReconcileResult:
    """A SAMAD export compared with Pol, by canonical SAMAD code (sorted lists)."""

    in_samad_only: list[str]
    in_pol_only: list[str]
    status_differs: list[StatusDiff]
    rows: int  # non-empty data rows of the file
    matched: int  # codes both in the file and in Pol
    date_from: date | None  # Tehran days the file's rows were received on
    date_to: date | None
    status_column: str | None  # the header of the status column, as written
    pol_without_code: list[str] = field(default_factory=list)  # tracking codes
    rows_without_code: int = 0
    out_of_scope: int = 0  # rows of counties outside a county-limited user's
    damaged_rows: int = 0
    duplicate_codes: int = 0  # rows repeating a code met earlier in the file
    unknown_statuses: list[str] = field(default_factory=list)  # status texts not compared
    warnings: list[str] = field(default_factory=list)  # Persian

    def to_json(self) -> dict[str, object]:
        """What `samad reconcile --json` prints: the three lists of codes, then the details."""
        from app.services.core import jalali

        def day(d: date | None) -> str | None:
            return jalali.format_jalali(d, persian_digits=False) if d else None

        return {
            "in_samad_only": self.in_samad_only, "in_pol_only": self.in_pol_only,
            "status_differs": [d.code for d in self.status_differs],
            "counts": {"rows": self.rows, "matched": self.matched,
                       "in_samad_only": len(self.in_samad_only),
                       "in_pol_only": len(self.in_pol_only),
                       "status_differs": len(self.status_differs),
                       "rows_without_code": self.rows_without_code,
                       "out_of_scope": self.out_of_scope, "damaged_rows": self.damaged_rows,
                       "duplicate_codes": self.duplicate_codes},
            "status_details": [{"code": d.code, "tracking_code": d.tracking_code,
                                "pol_status": d.pol_status, "file_status": d.file_status,
                                "done_in_pol": d.done_in_pol} for d in self.status_differs],
            "date_from": day(self.date_from), "date_to": day(self.date_to),
            "status_column": self.status_column, "pol_without_code": self.pol_without_code,
            "unknown_statuses": self.unknown_statuses, "warnings": self.warnings,
        }


@dataclass(frozen=True)
class AnswersExport:
    """What an «answers for SAMAD» export wrote."""

    out: str
    rows: int  # rows written
    new: int  # never exported before
    changed: int  # exported before, saying something else then
    exported_before: int  # exported before exactly so (left out with only_new)
    export_id: int
