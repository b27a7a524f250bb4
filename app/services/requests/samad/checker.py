"""SAMAD rows: turn each row's cells into a request ready to insert, or the reasons it is refused."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from app.models.enums import Channel, RequestType
from app.services.core import jalali, persian
from app.services.core import messages as msg
from app.services.core.dto import RefItem
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.samad.dto import RowError
from app.services.requests.samad.headers import FIELD_LABELS, FIELDS, RawRow, header_key
from app.services.requests.samad.reader import Cell
from app.services.requests.service import validate_new_request

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

DAMAGED_ROW = msg.DAMAGED_ROW
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
            errors.append(("samad_code", msg.SAMAD_CODE_MISSING))
        for f, limit in _MAX_LEN.items():
            if len(code if f == "samad_code" else text[f]) > limit:
                errors.append((f, msg.cell_too_long(FIELD_LABELS[f], limit)))
        received = self._date(v.get("received_at"), errors)
        rtype = RequestType.REQUEST
        if text["type"]:
            found = _TYPES.get(self._key(text["type"]))
            if found is None:
                labels = "، ".join(t.label for t in RequestType)
                errors.append(("type", msg.unknown_type(text["type"], labels)))
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
        for key, problem in validate_new_request(data, set(), set(), cleaned=True).items():
            if key in _CITIZEN_FIELDS:
                errors.append((_CITIZEN_FIELDS[key], problem))
            elif key in ("subject", "received_at"):
                errors.append((key, problem))
        good = None
        if not errors and received is not None:
            good = GoodRow(raw.row, code, received, rtype.value, channel.value,
                           person if has_person else None, county_id, agency_id,
                           text["subject"], text["body"])
        if errors:
            errors.sort(key=lambda e: _ORDER.get(e[0], len(_ORDER)))
        return CheckedRow(raw.row, code, good, errors, unknown)

    def received(self, value: Cell) -> datetime | None:
        """A received-time cell as naive UTC, or None when it cannot be read."""
        return self._date(value, [])

    def county_of(self, value: Cell) -> int | None:
        """The id of the county a cell names, or None (empty or unknown)."""
        return self._ref("county", cell_text(value), self.counties, self.county_ids, [], [])

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
                errors.append(("received_at", msg.RECEIVED_DATE_MISSING))
                return None
            return jalali.parse_past_jalali_datetime(text)
        except (ValueError, OverflowError) as exc:
            errors.append(("received_at", exc.args[0] if exc.args and isinstance(exc.args[0], str)
                           else msg.DATE_INVALID))
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
            errors.append((kind, msg.mapped_to_nothing(name)))
            return None
        found = table.get(key)
        if found is None and kind == "county" and key.startswith(_COUNTY_PREFIX):
            found = table.get(key[len(_COUNTY_PREFIX):])  # «شهرستان مرند» is «مرند»
        if found is None:
            errors.append((kind, msg.unknown_county(name) if kind == "county"
                           else msg.unknown_agency(name)))
            unknown.append((kind, name))
        return found


class Tally:
    """Sorts checked rows, chunk by chunk, into to-import, duplicates and rejected.

    Only what the summary needs is kept across chunks (codes seen, rejections, unknown
    names), so memory does not grow with the good rows of a large file.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.total = self.duplicates = self.importable = 0
        self.rejected: list[RowError] = []
        self.damaged: list[int] = []
        self.names: dict[str, dict[str, str]] = {"county": {}, "agency": {}}

    def sort(self, checked: list[CheckedRow], existing: set[str]) -> list[GoodRow]:
        """The rows of a chunk to import: a known code is a duplicate, else errors reject it."""
        goods: list[GoodRow] = []
        self.total += len(checked)
        for c in checked:
            if c.code and (c.code in self.seen or c.code in existing):
                self.duplicates += 1
            elif c.errors or c.good is None:
                self.rejected.append(RowError(c.row, c.errors[0][0],
                                              "؛ ".join(m for _, m in c.errors)))
                if c.damaged:
                    self.damaged.append(c.row)
                for kind, name in c.unknown:
                    self.names[kind].setdefault(header_key(name), name)
            else:
                goods.append(c.good)
                self.seen.add(c.code)
        self.importable += len(goods)
        return goods

    @property
    def unknown_counties(self) -> list[str]:
        """County names matching nothing, as first written."""
        return list(self.names["county"].values())

    @property
    def unknown_agencies(self) -> list[str]:
        """Agency names matching nothing, as first written."""
        return list(self.names["agency"].values())

    def warnings(self, done: bool) -> list[str]:
        """File-level messages: rows refused because the file is damaged there."""
        if not self.damaged:
            return []
        shown = "، ".join(fa(n) for n in self.damaged[:20]) + ("، …" if len(self.damaged) > 20
                                                               else "")
        return [msg.damaged_rows(len(self.damaged), shown, done)]


def fa(n: int) -> str:
    """A count with Persian digits."""
    return persian.to_persian_digits(n)
