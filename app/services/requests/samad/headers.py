"""SAMAD export files: read CSV/XLSX and match the header row to fields.

Nothing here writes to the database: `checker` checks each row's cells, `importer` decides
duplicates and does the writing; a dialog can use `read_rows` alone to show the headers and
let the user map them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import PolError, ValidationError
from app.services.core import messages as msg
from app.services.core import persian
from app.services.requests.samad.dto import FIELD_LABELS, DuplicateHeader  # noqa: F401
from app.services.requests.samad.reader import Cell, Source, is_damaged, open_source

FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)
REQUIRED_FIELDS: tuple[str, ...] = ("samad_code", "received_at", "subject")
IGNORE = ""  # a header_map value that drops a column

# Other headers seen in SAMAD exports and in hand-made sheets (matched after normalisation,
# so «کدملی», «كد ملي» and «کد‌ملی» are all the same header).
_ALIASES: dict[str, tuple[str, ...]] = {
    "samad_code": ("کد رهگیری سامد", "شماره رهگیری", "کد پیگیری", "شماره پیگیری", "کد سامد",
                   "کد درخواست"),
    "received_at": ("تاریخ", "تاریخ دریافت", "تاریخ ثبت درخواست", "زمان ثبت", "تاریخ و ساعت ثبت"),
    "type": ("نوع درخواست", "نوع پیام"),
    "channel": ("مجرای دریافت", "مجرای ورود", "کانال"),
    "first_name": ("نام کوچک",),
    "last_name": ("فامیلی", "نام فامیلی"),
    "national_id": ("شماره ملی", "شناسه ملی"),
    "mobile": ("شماره همراه", "موبایل", "شماره موبایل", "همراه", "تلفن", "شماره تماس",
               "تلفن تماس"),
    "county": ("نام شهرستان",),
    "agency": ("دستگاه اجرایی", "دستگاه مربوط", "دستگاه مربوطه", "نام دستگاه", "سازمان"),
    "subject": ("عنوان", "موضوع درخواست"),
    "body": ("متن درخواست", "شرح", "شرح درخواست", "توضیحات", "متن پیام"),
}

_NON_WORD = re.compile(r"[\W_]+")


def header_key(text: object) -> str:
    """Fold a header or a name for matching: letters and digits only (no spaces, ZWNJ,
    punctuation), Persian ی/ک, Latin digits. «کمیته امداد امام خمینی (ره)» == «… ره»."""
    return _NON_WORD.sub("", persian.search_key(str(text or "")))


# Header key -> (field, rank): the standard header and the field's own name rank 0, aliases 1.
_HEADER_INDEX: dict[str, tuple[str, int]] = {}
for _field, _label in FIELD_LABELS.items():
    for _rank, _name in enumerate((_label, _field, *_ALIASES.get(_field, ()))):
        _HEADER_INDEX.setdefault(header_key(_name), (_field, min(_rank, 1)))
_HEADER_SEARCH = 10  # rows in which to look for the header row


def suggest_field(header: str) -> str | None:
    """The field a header names, or None when it is not recognised."""
    hit = _HEADER_INDEX.get(header_key(header))
    return hit[0] if hit else None


@dataclass(frozen=True)
class RawRow:
    """One non-empty data row: its number as the spreadsheet shows it and its mapped cells.

    `damaged` names the first field whose cell held bytes that are not UTF-8 (a damaged file);
    such a row is refused whole, and its cells are never shown.
    """

    row: int
    values: dict[str, Cell]
    damaged: str | None = None


@dataclass(frozen=True)
class SamadFile:
    """A read file: its headers, how they map to fields; its data rows are read lazily."""

    path: Path
    format: str  # "xlsx", "csv-utf-8", "csv-cp1256" or "csv-utf-16"
    headers: list[str]  # as written in the file, in column order
    fields: list[str | None]  # field of each column (None: not recognised or ignored)
    unknown_headers: list[str]  # non-empty headers no field was found for (duplicates too)
    missing: list[str]  # required fields that no column provides
    source: Source = field(repr=False)
    header_row: int = 1  # record number of the header row
    # Columns whose header names a field an earlier column already feeds (also listed in
    # unknown_headers, as the dialog offers them for mapping).
    duplicate_headers: list[DuplicateHeader] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        """Header -> field for every column that feeds a field."""
        return {h: f for h, f in zip(self.headers, self.fields, strict=True) if f}

    @property
    def size_hint(self) -> int:
        """Roughly how many rows the file has (for progress; 0 when unknown)."""
        return self.source.size_hint

    @property
    def rows(self) -> list[RawRow]:
        """Every data row at once (small files and tests; imports use iter_rows)."""
        return list(self.iter_rows())

    def iter_rows(self, extra: Mapping[str, int] | None = None) -> Iterator[RawRow]:
        """The non-empty data rows below the header row, read lazily from the file.

        `extra` names more columns (name -> column index) to read beside the fields, such as
        the status column the reconciliation compares (the import has no use for it).
        """
        check = self.source.damaged_lines > 0
        columns = [(i, f) for i, f in enumerate(self.fields) if f]
        columns += [(i, name) for name, i in (extra or {}).items()]
        for n, cells in self.source.records():
            if n <= self.header_row:
                continue
            values = {f: cells[i] for i, f in columns if i < len(cells)}
            if all(_is_blank(v) for v in values.values()):  # empty, or text only in ignored columns
                continue
            damaged = next((f for f, v in values.items() if is_damaged(v)), None) if check else None
            yield RawRow(n, {} if damaged else values, damaged)

    def require_complete(self) -> None:
        """Raise a ValidationError (Persian) when a required column is missing."""
        if self.missing:
            shown = "، ".join(f"«{h}»" for h in self.headers if h) or "—"
            raise ValidationError({
                f: msg.column_missing(FIELD_LABELS[f], shown)
                for f in self.missing
            })


# --- reading ----------------------------------------------------------------------------------


def read_rows(path: str | Path, header_map: Mapping[str, str] | None = None) -> SamadFile:
    """Open a SAMAD export (CSV in UTF-8/UTF-16/Windows-1256, comma or tab separated, or XLSX)
    and match its headers; the data rows are read later, lazily.

    `header_map` maps a header as written (compared after normalisation) to a field, or to ""
    to ignore that column; it overrides the automatic match. Missing required columns are
    reported in `missing`, not raised, so a dialog can offer to map them.
    Raises PolError with a Persian message when the file cannot be read.
    """
    src = open_source(path)
    return _build(src, header_map or {})


def find_column(headers: list[str], names: tuple[str, ...]) -> int | None:
    """The index of the first header that is one of `names` (compared as header keys)."""
    keys = {header_key(n) for n in names}
    return next((i for i, h in enumerate(headers) if h and header_key(h) in keys), None)


def _is_blank(value: Cell) -> bool:
    """True for a cell with nothing in it."""
    return value is None or (isinstance(value, str) and not value.strip())


def _build(src: Source, header_map: Mapping[str, str]) -> SamadFile:
    """Find the header row among the first non-empty records and map the columns."""
    filled: list[tuple[int, list[Cell]]] = []
    records = src.records()
    try:
        for n, cells in records:
            if not all(_is_blank(c) for c in cells):
                filled.append((n, cells))
                if len(filled) >= _HEADER_SEARCH:
                    break
    finally:
        records.close()  # type: ignore[attr-defined] - closes the file or workbook now
    if not filled:
        raise PolError(msg.file_empty(src.path.name))
    # Some exports put a title above the headers: the header row is the first of the first
    # few rows that names at least two known (or caller-mapped) columns.
    mapped = {header_key(h) for h in header_map}
    at = next((i for i, (_n, cells) in enumerate(filled)
               if sum(1 for c in cells if header_key(c) in mapped
                      or header_key(c) in _HEADER_INDEX) >= 2), 0)
    if any(is_damaged(c) for c in filled[at][1]):
        raise PolError(msg.headers_damaged(src.path.name))
    headers = [persian.normalize(str(h)) if h is not None else "" for h in filled[at][1]]
    fields = _match_headers(headers, header_map)
    ignored = {header_key(h) for h, f in header_map.items() if f == IGNORE}
    unknown = [h for h, f in zip(headers, fields, strict=True)
               if h and f is None and header_key(h) not in ignored]
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    return SamadFile(src.path, src.format, headers, fields, unknown, missing, src,
                     filled[at][0], _duplicates(headers, fields, ignored))


def _duplicates(headers: list[str], fields: list[str | None],
                ignored: set[str]) -> list[DuplicateHeader]:
    """Unmapped columns whose header names a field an earlier column feeds."""
    feeding = {f: h for h, f in zip(headers, fields, strict=True) if f}
    out = []
    for i, (h, f) in enumerate(zip(headers, fields, strict=True), 1):
        if h and f is None and header_key(h) not in ignored:
            known = _HEADER_INDEX.get(header_key(h))
            if known and known[0] in feeding:
                out.append(DuplicateHeader(i, h, feeding[known[0]]))
    return out


def _match_headers(headers: list[str], header_map: Mapping[str, str]) -> list[str | None]:
    """The field of each column: the caller's map first, then known names; each field once."""
    wanted: dict[str, str] = {}
    for h, f in header_map.items():
        if f != IGNORE and f not in FIELD_LABELS:
            raise ValidationError({"header_map": msg.unknown_field(f, h)})
        wanted[header_key(h)] = f
    fields: list[str | None] = [wanted.get(header_key(h)) for h in headers]  # "" = ignore
    taken: dict[str, str] = {}
    for h, f in zip(headers, fields, strict=True):
        if f and f in taken:
            raise ValidationError({f: msg.two_columns_one_field(taken[f], h, FIELD_LABELS[f])})
        if f:
            taken[f] = h
    # Standard headers before aliases, so «تلفن همراه» takes the mobile field before «تلفن»;
    # a second column with the same meaning is left for the user to map or ignore.
    hits = [(_HEADER_INDEX[k][1], i, _HEADER_INDEX[k][0]) for i, h in enumerate(headers)
            if fields[i] is None and (k := header_key(h)) in _HEADER_INDEX]
    for _rank, i, f in sorted(hits):
        if f not in taken:
            fields[i], taken[f] = f, headers[i]
    return [f or None for f in fields]
