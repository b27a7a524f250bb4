"""SAMAD export files: read CSV/XLSX, match headers to fields, and check each row's cells.

Nothing here writes to the database: `samad_import` decides duplicates and does the writing,
and a dialog can use `read_rows` alone to show the headers and let the user map them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from app.errors import PolError, ValidationError
from app.models.enums import Channel, RequestType
from app.services.core import jalali, persian
from app.services.core.reference import RefItem
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.samad.reader import Cell, Source, is_damaged, open_source
from app.services.requests.service import validate_new_request

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
    # unknown_headers, as the dialog offers them for mapping): (column, header, earlier header).
    duplicate_headers: list[tuple[int, str, str]] = field(default_factory=list)

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

    def iter_rows(self) -> Iterator[RawRow]:
        """The non-empty data rows below the header row, read lazily from the file."""
        check = self.source.damaged_lines > 0
        columns = [(i, f) for i, f in enumerate(self.fields) if f]
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
                f: f"ستون «{FIELD_LABELS[f]}» در فایل پیدا نشد (سرستون‌های فایل: {shown})."
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
        raise PolError(f"فایل «{src.path.name}» خالی است.")
    # Some exports put a title above the headers: the header row is the first of the first
    # few rows that names at least two known (or caller-mapped) columns.
    mapped = {header_key(h) for h in header_map}
    at = next((i for i, (_n, cells) in enumerate(filled)
               if sum(1 for c in cells if header_key(c) in mapped
                      or header_key(c) in _HEADER_INDEX) >= 2), 0)
    if any(is_damaged(c) for c in filled[at][1]):
        raise PolError(f"سرستون‌های فایل «{src.path.name}» نویسه‌هایی دارد که UTF-8 نیست "
                       "(فایل آسیب دیده است)؛ آن را دوباره با کدگذاری UTF-8 ذخیره کنید.")
    headers = [persian.normalize(str(h)) if h is not None else "" for h in filled[at][1]]
    fields = _match_headers(headers, header_map)
    ignored = {header_key(h) for h, f in header_map.items() if f == IGNORE}
    unknown = [h for h, f in zip(headers, fields, strict=True)
               if h and f is None and header_key(h) not in ignored]
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    return SamadFile(src.path, src.format, headers, fields, unknown, missing, src,
                     filled[at][0], _duplicates(headers, fields, ignored))


def _duplicates(headers: list[str], fields: list[str | None],
                ignored: set[str]) -> list[tuple[int, str, str]]:
    """Unmapped columns whose header names a field an earlier column feeds."""
    feeding = {f: h for h, f in zip(headers, fields, strict=True) if f}
    out = []
    for i, (h, f) in enumerate(zip(headers, fields, strict=True), 1):
        if h and f is None and header_key(h) not in ignored:
            known = _HEADER_INDEX.get(header_key(h))
            if known and known[0] in feeding:
                out.append((i, h, feeding[known[0]]))
    return out


def _match_headers(headers: list[str], header_map: Mapping[str, str]) -> list[str | None]:
    """The field of each column: the caller's map first, then known names; each field once."""
    wanted: dict[str, str] = {}
    for h, f in header_map.items():
        if f != IGNORE and f not in FIELD_LABELS:
            raise ValidationError({"header_map": f"فیلد «{f}» برای ستون «{h}» شناخته نیست."})
        wanted[header_key(h)] = f
    fields: list[str | None] = [wanted.get(header_key(h)) for h in headers]  # "" = ignore
    taken: dict[str, str] = {}
    for h, f in zip(headers, fields, strict=True):
        if f and f in taken:
            raise ValidationError({f: f"ستون‌های «{taken[f]}» و «{h}» هر دو به "
                                      f"«{FIELD_LABELS[f]}» نگاشت شده‌اند."})
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


# --- cell values ------------------------------------------------------------------------------


def cell_text(value: Cell) -> str:
    """A cell as normalised text; whole numbers from Excel lose their «.0»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return persian.normalize(str(value))


def national_id_text(value: Cell) -> str:
    """A national ID as ten Latin digits where possible.

    Excel stores an ID typed as a number without its leading zeros (0012345679 -> 12345679),
    and a CSV saved from such a sheet has the same loss: eight or nine digits are left-padded.
    The check digit still has to be right, so a padded typo is caught like any other.
    """
    text = persian.clean_national_id(cell_text(value))
    if text.isascii() and text.isdigit() and (
            isinstance(value, int | float) or len(text) in (8, 9)) and len(text) < 10:
        return text.zfill(10)
    return text


# --- checking rows ----------------------------------------------------------------------------

DAMAGED_ROW = ("این ردیف نویسه‌هایی دارد که با کدگذاری UTF-8 خوانا نیست (فایل آسیب دیده "
               "است)؛ ردیف وارد نمی‌شود. آن را در سامد یا فایل اصلی بررسی کنید.")
_MAX_LEN = {"samad_code": 40, "first_name": 100, "last_name": 100}
_CITIZEN_FIELDS = {"citizen.national_id": "national_id", "citizen.mobile": "mobile"}


@dataclass(frozen=True)
class GoodRow:
    """A row that passed every check, ready to insert."""

    row: int
    samad_code: str
    received_at: datetime
    type: str
    channel: str
    citizen: CitizenInput | None
    county_id: int | None
    agency_id: int | None
    subject: str
    body: str


@dataclass
class CheckedRow:
    """One row after checking: the good data or the errors, and unknown names it used."""

    row: int
    code: str
    good: GoodRow | None
    errors: list[tuple[str, str]]
    unknown: list[tuple[str, str]]  # ("county" | "agency", name as written)
    damaged: bool = False  # refused because the file's bytes were not readable there


def _keyed(items: Iterable[tuple[str, object]]) -> dict[str, object]:
    """Search key -> value, the first name winning."""
    out: dict[str, object] = {}
    for name, value in items:
        out.setdefault(header_key(name), value)
    return out


_TYPES = _keyed([*((t.label, t) for t in RequestType), *((t.value, t) for t in RequestType)])
_CHANNELS = _keyed([*((c.label, c) for c in Channel), *((c.value, c) for c in Channel),
                    ("سامد", Channel.SAMAD), ("۱۱۱", Channel.LINE_111)])
_COUNTY_PREFIX = header_key("شهرستان")
_CATEGORIES = ("type", "channel", "county", "agency")
_FREE_TEXT = ("samad_code", "first_name", "last_name", "mobile", "subject", "body")


_ORDER = {f: i for i, f in enumerate(FIELDS)}  # errors are listed in the file's field order


class RowChecker:
    """Checks rows against the reference tables loaded once for the whole file."""

    def __init__(self, counties: Iterable[RefItem], agencies: Iterable[RefItem],
                 name_map: Mapping[str, int] | None = None) -> None:
        """Reference names are keyed once; `name_map` maps a name as written to an id."""
        self.counties = {header_key(c.name): c.id for c in counties}
        self.agencies = {header_key(a.name): a.id for a in agencies}
        self.county_ids, self.agency_ids = set(self.counties.values()), set(self.agencies.values())
        self.name_map = {header_key(k): v for k, v in (name_map or {}).items()}
        self.memo: dict[Cell, str] = {}
        self.keys: dict[str, str] = {}

    def _key(self, name: str) -> str:
        """header_key, remembered: category cells repeat a few values on every row."""
        key = self.keys.get(name)
        if key is None:
            key = self.keys[name] = header_key(name)
        return key

    def check(self, raw: RawRow) -> CheckedRow:
        """Parse and validate one row; never raises for bad data."""
        if raw.damaged:
            return CheckedRow(raw.row, "", None, [(raw.damaged, DAMAGED_ROW)], [], damaged=True)
        v = raw.values
        errors: list[tuple[str, str]] = []
        unknown: list[tuple[str, str]] = []
        text = {f: cell_text(v.get(f)) for f in _FREE_TEXT}
        if "\n" in text["subject"]:  # a subject is one line, as the intake form stores it
            text["subject"] = persian.clean_text(text["subject"])
        for f in _CATEGORIES:
            raw_value = v.get(f)
            if raw_value not in self.memo:  # a few distinct values repeat on every row
                self.memo[raw_value] = cell_text(raw_value)
            text[f] = self.memo[raw_value]
        code = persian.canonical_code(text["samad_code"])
        if not code:
            errors.append(("samad_code", "کد رهگیری سامد وارد نشده است."))
        for f, limit in _MAX_LEN.items():
            if len(code if f == "samad_code" else text[f]) > limit:
                errors.append((f, f"«{FIELD_LABELS[f]}» نباید بیش از "
                                  f"{persian.to_persian_digits(limit)} نویسه باشد."))
        received = self._date(v.get("received_at"), errors)
        rtype = RequestType.REQUEST
        if text["type"]:
            found = _TYPES.get(self._key(text["type"]))
            if found is None:
                labels = "، ".join(t.label for t in RequestType)
                errors.append(("type", f"نوع درخواست «{text['type']}» شناخته نیست "
                                       f"(یکی از: {labels})."))
            else:
                rtype = found
        channel = _CHANNELS.get(self._key(text["channel"]), Channel.SAMAD)
        county_id = self._ref("county", text["county"], self.counties, self.county_ids,
                              errors, unknown)
        agency_id = self._ref("agency", text["agency"], self.agencies, self.agency_ids,
                              errors, unknown)
        nid = national_id_text(v.get("national_id"))
        person = CitizenInput(national_id=nid, first_name=text["first_name"],
                              last_name=text["last_name"], mobile=text["mobile"],
                              county_id=county_id)
        has_person = bool(nid or person.first_name or person.last_name or person.mobile)
        data = NewRequest(channel=channel, type=rtype, subject=text["subject"], body=text["body"],
                          received_at=received, citizen=person, samad_code=code)
        for key, msg in validate_new_request(data, set(), set(), cleaned=True).items():
            if key in _CITIZEN_FIELDS:
                errors.append((_CITIZEN_FIELDS[key], msg))
            elif key in ("subject", "received_at"):
                errors.append((key, msg))
        good = None
        if not errors and received is not None:
            good = GoodRow(raw.row, code, received, rtype.value, channel.value,
                           person if has_person else None, county_id, agency_id,
                           text["subject"], text["body"])
        if errors:
            errors.sort(key=lambda e: _ORDER.get(e[0], len(_ORDER)))
        return CheckedRow(raw.row, code, good, errors, unknown)

    def _date(self, value: Cell, errors: list[tuple[str, str]]) -> datetime | None:
        """The received time as naive UTC, from Jalali text or an Excel date cell."""
        try:
            # A real Excel date cell holds a Gregorian date (Excel has no Jalali dates, only
            # Jalali display formats); it is Tehran wall-clock time.
            if isinstance(value, datetime):
                return jalali.check_not_too_old(jalali.tehran_to_utc(value.replace(tzinfo=None)))
            if isinstance(value, date):
                return jalali.check_not_too_old(
                    jalali.tehran_to_utc(datetime.combine(value, time.min)))
            text = cell_text(value)
            if not text:
                errors.append(("received_at", "تاریخ ثبت وارد نشده است."))
                return None
            return jalali.parse_past_jalali_datetime(text)
        except (ValueError, OverflowError) as exc:
            msg = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "تاریخ نامعتبر است."
            errors.append(("received_at", msg))
            return None

    def _ref(self, kind: str, name: str, table: dict[str, int], ids: set[int],
             errors: list[tuple[str, str]], unknown: list[tuple[str, str]]) -> int | None:
        """The id of a county or agency named in a cell (or mapped by the caller)."""
        if not name:
            return None
        key = self._key(name)
        if key in self.name_map:
            if self.name_map[key] in ids:
                return self.name_map[key]
            errors.append((kind, f"«{name}» به موردی نگاشت شده که در فهرست نیست."))
            return None
        found = table.get(key)
        if found is None and kind == "county" and key.startswith(_COUNTY_PREFIX):
            found = table.get(key[len(_COUNTY_PREFIX):])  # «شهرستان مرند» is «مرند»
        if found is None:
            what = "شهرستان" if kind == "county" else "دستگاه اجرایی"
            errors.append((kind, f"{what} «{name}» در فهرست {what}‌ها پیدا نشد."))
            unknown.append((kind, name))
        return found
