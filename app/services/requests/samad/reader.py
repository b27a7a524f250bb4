"""SAMAD export files as a stream of numbered records: encoding, delimiter, CSV or XLSX.

Decisions:
- The encoding is decided from the whole file, not from its first bytes: a BOM says UTF-8 or
  UTF-16; NUL bytes without a BOM mean UTF-16 (Excel's «Unicode text»), LE or BE by where the
  NULs fall; otherwise every line with non-ASCII bytes is tried as UTF-8. When no line fails
  the file is UTF-8; when more lines pass than fail it is a UTF-8 file with a few damaged
  lines (read with surrogate escapes, so the damaged cells can be recognised and their rows
  refused instead of imported as mojibake); otherwise it is Windows-1256.
- The delimiter is sniffed from the first lines: the one (comma, semicolon, tab, bar) that
  splits most lines into the same number of cells, so a title line above the headers or a
  comma inside a tab-separated cell does not mislead it.
- Records are read lazily (one CSV record or one sheet row at a time), numbered as a
  spreadsheet shows them: a quoted cell that spans several lines is still one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.errors import PolError
from app.services.core import messages as msg

Cell = str | int | float | datetime | date | time | bool | None
Record = tuple[int, list[Cell]]

_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_DELIMITERS = ",;\t|"
_SAMPLE = 64 * 1024  # bytes read to sniff UTF-16 and the delimiter
_SAMPLE_LINES = 50
# Bytes that were not UTF-8, as Python's surrogateescape handler leaves them in the text.
_ESCAPED = re.compile("[\udc80-\udcff]")


def is_damaged(value: object) -> bool:
    """True for a cell holding bytes that were not valid UTF-8 in the file."""
    return isinstance(value, str) and _ESCAPED.search(value) is not None


@dataclass(frozen=True)
class Source:
    """An opened export file: how to read it, and how many rows it roughly has."""

    path: Path
    format: str  # "xlsx", "csv-utf-8", "csv-cp1256" or "csv-utf-16"
    encoding: str = ""
    errors: str = "strict"
    delimiter: str = ","
    damaged_lines: int = 0  # lines of a UTF-8 file holding bytes that are not UTF-8
    size_hint: int = 0  # lines or sheet rows, for progress only (0: unknown)

    def records(self) -> Iterator[Record]:
        """Every record of the file, numbered from 1, read lazily."""
        if self.format == "xlsx":
            yield from _xlsx_records(self.path)
        else:
            yield from self._csv_records()

    def _csv_records(self) -> Iterator[Record]:
        """The CSV records, decoded as decided when the file was opened."""
        name = self.path.name
        try:
            with self.path.open(encoding=self.encoding, errors=self.errors, newline="") as fh:
                reader = csv.reader(fh, delimiter=self.delimiter)
                for n, cells in enumerate(reader, 1):
                    if any("\0" in c for c in cells):
                        raise PolError(msg.not_a_csv(name))
                    yield n, cells  # type: ignore[misc]
        except UnicodeDecodeError:
            raise PolError(msg.characters_unreadable(name)) from None
        except csv.Error as exc:
            raise PolError(msg.bad_csv(name, str(exc))) from None


def open_source(path: str | Path) -> Source:
    """Look at a file and decide how to read it; raises PolError (Persian) when it cannot be."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(_SAMPLE)
    except FileNotFoundError:
        raise PolError(msg.file_not_found(p.name)) from None
    except OSError as exc:
        raise PolError(msg.file_unreadable(p.name, str(exc.strerror or exc))) from None
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise PolError(msg.XLS_NOT_SUPPORTED)
    if suffix in _XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return Source(p, "xlsx", size_hint=_xlsx_size(p))
    utf16 = _utf16_encoding(head)
    if utf16 is None and (b"\0" in head or suffix in {".pdf", ".doc", ".docx"}):
        raise PolError(msg.format_unsupported(p.name))
    if utf16 is not None:
        src = Source(p, "csv-utf-16", utf16, size_hint=_count_lines(p, b"\n\0"))
    else:
        src = _eight_bit_source(p, head)
    return _with_delimiter(src)


def _utf16_encoding(head: bytes) -> str | None:
    """UTF-16 by its BOM, or by NUL bytes at every other position (ASCII in UTF-16)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    pairs = len(head) // 2
    if not pairs or b"\0" not in head:
        return None
    even = head[0:pairs * 2:2].count(0)
    odd = head[1:pairs * 2:2].count(0)
    # Tabs, newlines, digits and spaces are ASCII: in UTF-16 LE their high byte (odd
    # positions) is NUL, in BE the even one. Persian letters have no NUL byte at all.
    if odd > 4 * even and odd >= pairs // 50:
        encoding = "utf-16-le"
    elif even > 4 * odd and even >= pairs // 50:
        encoding = "utf-16-be"
    else:
        return None
    try:
        sample = head[:pairs * 2].decode(encoding)
    except UnicodeDecodeError:
        # The sample may end inside a surrogate pair; one more try without the last unit.
        try:
            sample = head[:pairs * 2 - 2].decode(encoding)
        except UnicodeDecodeError:
            return None
    # A binary file can pass the NUL test by chance: the text of an office sheet is Latin and
    # Persian/Arabic letters, digits and separators, nothing else worth speaking of.
    plausible = sum(1 for c in sample if c.isascii() and (c.isprintable() or c in "\t\r\n")
                    or "\u0600" <= c <= "\u06ff" or "\u200c" <= c <= "\u200f"
                    or "\ufb50" <= c <= "\ufeff" or c in "«»")
    if plausible < 0.9 * len(sample) or not any(d in sample for d in _DELIMITERS + "\n"):
        return None
    return encoding


def _count_lines(path: Path, newline: bytes) -> int:
    """The number of newlines in a file (for progress), read in blocks."""
    n = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(newline)
    return n


def _eight_bit_source(path: Path, head: bytes) -> Source:
    """UTF-8 (possibly with a few damaged lines) or Windows-1256, judged on every line."""
    good = bad = lines = 0
    with path.open("rb") as fh:
        for lines, line in enumerate(fh, 1):  # noqa: B007 - the count is used after the loop
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                good += 1
            except UnicodeDecodeError:
                bad += 1
    bom = head.startswith(codecs.BOM_UTF8)
    if bad == 0:
        return Source(path, "csv-utf-8", "utf-8-sig", size_hint=lines)
    if good > bad or (bom and good):
        return Source(path, "csv-utf-8", "utf-8-sig", "surrogateescape", damaged_lines=bad,
                      size_hint=lines)
    return Source(path, "csv-cp1256", "cp1256", size_hint=lines)


def _with_delimiter(src: Source) -> Source:
    """The source with the delimiter its first lines use."""
    try:
        with src.path.open(encoding=src.encoding, errors="replace", newline="") as fh:
            sample = fh.read(_SAMPLE)
    except UnicodeDecodeError:
        sample = ""
    lines = sample.splitlines()[:_SAMPLE_LINES]
    if len(sample) >= _SAMPLE and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    return Source(src.path, src.format, src.encoding, src.errors, sniff_delimiter(lines),
                  src.damaged_lines, src.size_hint)


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits most of these lines into one same number (>1) of cells."""
    lines = [ln for ln in lines if ln.strip()]
    best, best_score = ",", (0, 0)
    for d in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=d)]
        except csv.Error:
            continue
        common = Counter(w for w in widths if w > 1).most_common(1)
        score = (common[0][1], common[0][0]) if common else (0, 0)
        if score > best_score:
            best, best_score = d, score
    return best


def _xlsx_size(path: Path) -> int:
    """The row count the workbook declares (for progress), or 0; the file is not read whole."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise PolError(msg.xlsx_unreadable(path.name)) from None
    try:
        return (wb.worksheets[0].max_row or 0) if wb.worksheets else 0
    except Exception:  # noqa: BLE001 - a missing or broken dimension only loses the hint
        return 0
    finally:
        wb.close()


def _xlsx_records(path: Path) -> Iterator[Record]:
    """The first sheet's rows, numbered as Excel shows them, read in read-only mode."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001
        raise PolError(msg.xlsx_unreadable(path.name)) from None
    try:
        if not wb.worksheets:
            return
        ws = wb.worksheets[0]
        # Some writers store a wrong sheet size; without it openpyxl reads every row there is.
        ws.reset_dimensions()
        rows = ws.iter_rows(min_row=1, values_only=True)
        n = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001
                raise PolError(msg.xlsx_damaged(path.name)) from None
            n += 1  # empty rows are included, so numbers match what Excel shows
            yield n, list(cells)
    finally:
        wb.close()
