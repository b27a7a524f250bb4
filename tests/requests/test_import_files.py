"""SAMAD files read honestly (issue 9): damaged UTF-8, UTF-16, tab-separated, dates, headers,
and large files streamed in chunks inside one transaction. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.cli import main
from app.models import Request
from app.models.enums import Role
from app.services.core import audit, jalali
from app.services.requests.dto import InboxFilter
from app.services.requests.samad import importer as samad_import_module
from app.services.requests.samad.importer import import_samad, preview, read_rows
from tests.requests.test_import import HEADERS, counts, find, row, write_csv
from tests.support.helpers import make_actor, valid_nid

MOJIBAKE = ("ط¯", "ط±", "ظ‡", "Ø", "Ù")  # UTF-8 Persian read as Windows-1256 or Latin-1


@pytest.fixture
def operator(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "importer", Role.OPERATOR)


def csv_bytes(rows: list[list[object]], headers: list[str] = HEADERS, sep: str = ",") -> bytes:
    """A small CSV/TSV as UTF-8 bytes (cells here contain no separator or quote)."""
    lines = [sep.join(headers)] + [sep.join(str(c) for c in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def no_mojibake(services) -> None:  # noqa: ANN001
    """No stored subject or body holds UTF-8 read as a one-byte code page."""
    with services.db.read() as s:
        texts = [t for r in s.execute(select(Request.subject, Request.body)) for t in r]
    assert not [t for t in texts if any(m in t for m in MOJIBAKE)]


# --- encodings -------------------------------------------------------------------------------


def test_utf8_file_with_one_bad_byte_imports_the_sound_rows_and_names_the_damaged_one(
        services, operator, tmp_path) -> None:
    """Row 3 holds a byte that is not UTF-8: it is refused by number, the others go in."""
    data = csv_bytes([row("3101", subject="قطعی مکرر آب"),
                      row("3102", subject="درخواست روشنایی"),
                      row("3103", subject="آسفالت کوچه")])
    bad = "درخواست روشنایی".encode()
    damaged = data.replace(bad, bad[:5] + b"\xff" + bad[6:])
    assert damaged != data
    path = tmp_path / "damaged.csv"
    path.write_bytes(damaged)
    f = read_rows(path)
    assert f.format == "csv-utf-8" and f.missing == [] and f.unknown_headers == []
    p = preview(services.db, path)
    assert (p.total, p.importable, [(e.row, e.field) for e in p.rejected]) == (
        3, 2, [(3, "subject")])
    assert len(p.warnings) == 1 and "UTF-8" in p.warnings[0] and "ردیف ۳" in p.warnings[0]
    result = import_samad(services.db, operator, path)
    assert result.imported == 2 and [e.row for e in result.rejected] == [3]
    assert "UTF-8" in result.rejected[0].message
    assert "ردیف ۳" in result.warnings[0] and "وارد شد" in result.warnings[0]
    assert find(services, "3101").subject == "قطعی مکرر آب"
    assert find(services, "3103").subject == "آسفالت کوچه"
    assert services.inbox.count(InboxFilter(text="3102")) == 0
    no_mojibake(services)


def test_damaged_header_row_refuses_the_file_without_mojibake(tmp_path) -> None:
    """When the header row itself is damaged nothing can be trusted: a Persian refusal."""
    data = csv_bytes([row("1"), row("2"), row("3")])
    head = "تاریخ ثبت".encode()
    path = tmp_path / "h.csv"
    path.write_bytes(data.replace(head, head[:3] + b"\xfe" + head[4:], 1))
    with pytest.raises(Exception) as err:  # noqa: PT011 - PolError, checked by message
        read_rows(path)
    message = getattr(err.value, "message", str(err.value))
    assert "UTF-8" in message and not any(m in message for m in MOJIBAKE)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_utf16_with_and_without_bom(services, operator, tmp_path,
                                                       encoding: str) -> None:
    """Excel's «Unicode text» (UTF-16, tab-separated) with a BOM, and without one."""
    text = "\t".join(HEADERS) + "\r\n" + "\t".join(map(str, row("3201", subject="گاز قطع است")))
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode(encoding) + "\r\n".encode(encoding))
    f = read_rows(path)
    assert f.format == "csv-utf-16" and f.missing == [] and len(f.rows) == 1
    result = import_samad(services.db, operator, path)
    assert (result.imported, result.rejected) == (1, [])
    assert find(services, "3201").subject == "گاز قطع است"


def test_tab_separated_file_with_a_title_line_and_commas_in_cells(
        services, operator, tmp_path) -> None:
    """The delimiter is sniffed from many lines: a title above and commas inside cells."""
    path = tmp_path / "samad.tsv"
    body = [row("3301", body="آب, برق, گاز: هیچ‌کدام نیست"), row("3302")]
    path.write_bytes("گزارش سامد آذر ۱۴۰۴\r\n".encode() + csv_bytes(body, sep="\t"))
    f = read_rows(path)
    assert f.missing == [] and f.header_row == 2
    assert import_samad(services.db, operator, path).imported == 2
    assert find(services, "3301").body == "آب, برق, گاز: هیچ‌کدام نیست"


# --- dates -----------------------------------------------------------------------------------


def test_gregorian_date_in_jalali_column_and_dates_before_1380(
        services, operator, tmp_path) -> None:
    """«2025-05-01» is named a Gregorian date (not «future»); 1379 is refused; 1380 is fine."""
    path = write_csv(tmp_path / "d.csv", [
        row("3401", when="2025-05-01"),  # 2
        row("3402", when="1379/12/29 10:00"),  # 3
        row("3403", when="01/05/2025"),  # 4
        row("3404", when="1380/01/01 09:00"),  # 5
    ])
    result = import_samad(services.db, operator, path)
    assert result.imported == 1
    msg = {e.row: e.message for e in result.rejected}
    assert set(msg) == {2, 3, 4} and all(e.field == "received_at" for e in result.rejected)
    assert "میلادی" in msg[2] and "آینده" not in msg[2] and "۱۴۰۴/۰۲/۱۱" in msg[2]
    assert "میلادی" in msg[4]
    assert "۱۳۸۰" in msg[3] and "۱۳۷۹/۱۲/۲۹" in msg[3]
    assert find(services, "3404").received_at == jalali.parse_jalali_datetime("1380/01/01 09:00")


def test_xlsx_real_date_cells_are_gregorian(services, operator, tmp_path) -> None:
    """Excel date cells (datetime, date only, Persian display format) are Gregorian dates."""
    path = tmp_path / "dates.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["کد رهگیری", "تاریخ ثبت", "موضوع"])
    ws.append([3501, datetime(2025, 5, 1, 10, 30), "تاریخ و ساعت"])  # row 2
    ws.append([3502, date(2025, 5, 2), "فقط تاریخ"])  # row 3
    ws.append([3503, datetime(1999, 5, 1, 8, 0), "پیش از ۱۳۸۰"])  # row 4
    ws.append([3504, datetime(2025, 5, 3, 8, 0), "قالب نمایش شمسی"])  # row 5
    ws["B5"].number_format = "[$-fa-IR,16]yyyy/mm/dd;@"
    wb.save(path)
    result = import_samad(services.db, operator, path)
    assert result.imported == 3
    assert [(e.row, e.field) for e in result.rejected] == [(4, "received_at")]
    assert "۱۳۸۰" in result.rejected[0].message
    assert find(services, "3501").received_at == jalali.tehran_to_utc(datetime(2025, 5, 1, 10, 30))
    assert find(services, "3502").received_at == jalali.tehran_to_utc(datetime(2025, 5, 2))
    assert find(services, "3504").received_at == jalali.tehran_to_utc(datetime(2025, 5, 3, 8))


# --- headers on the command line -------------------------------------------------------------


def test_cli_json_reports_unknown_and_duplicate_headers(db_url, tmp_path, capsys) -> None:
    """As the dialog shows them: a header naming nothing, and one repeating a field."""
    headers = HEADERS + ["موبایل", "ستون اضافه", "کد رهگیری"]
    path = write_csv(tmp_path / "h.csv", [row("3601") + ["09351112233", "x", "999"]], headers)
    assert main(["--db", db_url, "import", "samad", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 1
    assert out["unknown_headers"] == ["ستون اضافه"]
    assert out["duplicate_headers"] == [
        {"column": 13, "header": "موبایل", "same_as": "تلفن همراه"},
        {"column": 15, "header": "کد رهگیری", "same_as": "کد رهگیری"}]
    assert main(["--db", db_url, "import", "samad", str(path)]) == 0
    text = capsys.readouterr().out
    assert "ستون اضافه" in text and "«موبایل» هم‌معنی ستون «تلفن همراه»" in text


# --- streaming -------------------------------------------------------------------------------


def test_a_file_larger_than_a_chunk_keeps_row_numbers_duplicates_and_atomicity(
        services, operator, tmp_path, monkeypatch) -> None:
    """Rows cross chunk boundaries: exact row numbers, duplicates across chunks, and a failure
    in a late chunk rolls back the chunks already written."""
    monkeypatch.setattr(samad_import_module, "_CHUNK", 50)
    rows = [row(str(40_000 + i), nid=valid_nid(f"{600000000 + i % 70}"),
                mobile="123" if i == 120 else "09121234567") for i in range(200)]
    rows[170][0] = rows[10][0]  # a duplicate of a row in the first chunk
    path = write_csv(tmp_path / "big.csv", rows)
    before = counts(services.db)

    def boom(pct: int, msg: str) -> None:
        if pct > 80:
            raise RuntimeError("cancelled in the last chunk")

    with pytest.raises(RuntimeError):
        import_samad(services.db, operator, path, progress=boom)
    assert counts(services.db) == before
    result = import_samad(services.db, operator, path)
    assert (result.imported, result.duplicates) == (198, 1)
    assert [(e.row, e.field) for e in result.rejected] == [(122, "mobile")]
    assert counts(services.db)[0] == before[0] + 198
    assert counts(services.db)[1] == before[1] + 70  # one citizen per national ID
    first = find(services, "40010")
    assert first.citizen is not None and first.citizen.national_id == valid_nid("600000010")
    # The audit event holds exactly what audit.snapshot gives for the stored request.
    with services.db.read() as s:
        stored = s.get(Request, first.id)
        assert audit.history(services.db, "request", first.id)[0].after == audit.snapshot(stored)
    assert audit.verify_chain(services.db).ok


def test_rows_are_read_lazily(tmp_path) -> None:
    """read_rows looks at the headers only; rows come one at a time from iter_rows."""
    path = write_csv(tmp_path / "lazy.csv", [row(str(i)) for i in range(1, 6)])
    f = read_rows(path)
    rows = f.iter_rows()
    assert next(rows).row == 2
    assert [r.row for r in rows] == [3, 4, 5, 6]
    assert isinstance(f.path, Path) and f.size_hint >= 6
