"""SAMAD import on SQLite and PostgreSQL: encodings, XLSX, bad rows, duplicates, atomicity, CLI."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.cli import main
from app.errors import PermissionDenied, PolError, ValidationError
from app.models import AuditEvent, Citizen, Request
from app.models.enums import Channel, RequestStatus, RequestType, Role
from app.services.core import audit, jalali, persian, reference
from app.services.requests.dto import InboxFilter
from app.services.requests.samad.importer import import_samad, preview, read_rows
from app.services.requests.tracking import is_valid_tracking_code
from tests.support.helpers import county_id, make_actor, register, valid_nid

HEADERS = ["کد رهگیری", "تاریخ ثبت", "نوع", "مجرا", "نام", "نام خانوادگی", "کد ملی",
           "تلفن همراه", "شهرستان", "دستگاه", "موضوع", "متن"]
NID_A = valid_nid("001354241")  # leading zeros: a number cell in Excel loses them
NID_B = valid_nid("123456789")


def row(code: str, when: str = "1404/07/12 10:32", kind: str = "شکایت",
        channel: str = "سامانه سامد", first: str = "زهرا", last: str = "احمدی",
        nid: str = NID_B, mobile: str = "09121234567", county: str = "تبریز",
        agency: str = "شرکت آب و فاضلاب", subject: str = "قطعی مکرر آب آشامیدنی",
        body: str = "آب محله از دیروز قطع است.") -> list[object]:
    """One SAMAD data row in HEADERS order."""
    return [code, when, kind, channel, first, last, nid, mobile, county, agency, subject, body]


def write_csv(path: Path, rows: list[list[object]], headers: list[str] = HEADERS,
              encoding: str = "utf-8") -> Path:
    """A CSV as Excel would save it."""
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    """An XLSX workbook with a header row and the given rows (None leaves a row empty)."""
    wb = Workbook()
    ws = wb.active
    ws.sheet_view.rightToLeft = True
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def counts(db) -> tuple[int, int, int]:  # noqa: ANN001
    """Requests, citizens and audit events in the database."""
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))  # type: ignore[return-value]
                     for m in (Request, Citizen, AuditEvent))


def find(services, text: str):  # noqa: ANN001, ANN201
    """The one request the inbox search finds for `text`, in full."""
    page = services.inbox.page(InboxFilter(text=text))
    assert len(page.rows) == 1, f"{text!r} found {len(page.rows)} rows"
    return services.requests.get(page.rows[0].id)


@pytest.fixture
def operator(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "importer", Role.OPERATOR)


# --- good and bad rows -----------------------------------------------------------------------


def test_good_rows_imported_bad_rows_rejected_with_row_field_and_reason(
        services, operator, tmp_path) -> None:
    """Every kind of bad row is reported with its spreadsheet row number; the rest go in."""
    path = write_csv(tmp_path / "samad.csv", [
        row("۱۴۰۴۱۰۰۱", when="۱۴۰۴/۰۷/۱۲ ۱۰:۳۲", nid=persian.to_persian_digits(NID_B)),  # 2
        row("14041002", nid="", first="رضا", last="کریمی", kind="پیشنهاد"),  # 3: name only
        row("14041003", nid="1234567890"),  # 4: bad check digit
        row("14041004", mobile="0912"),  # 5
        row("14041005", when="1404/13/40"),  # 6
        row("14041006", subject="  "),  # 7
        row("14041007", county="آتلانتیس"),  # 8
        row("14041008", agency="وزارت خیالی"),  # 9
        row("14041009", kind="شکوائیه"),  # 10
        row("14041010", when="1410/01/01"),  # 11: in the future
        [""] * len(HEADERS),  # 12: empty, skipped silently
        row("14041011", nid="", first="", last="", mobile="", county="شهرستان مرند"),  # 13
        row("", subject="بدون کد"),  # 14
        row("14041012", nid="0000000000", mobile="123"),  # 15: two bad fields, one entry
    ])
    result = import_samad(services.db, operator, path)
    assert result.imported == 3 and result.duplicates == 0
    got = {(e.row, e.field) for e in result.rejected}
    assert got == {(4, "national_id"), (5, "mobile"), (6, "received_at"), (7, "subject"),
                   (8, "county"), (9, "agency"), (10, "type"), (11, "received_at"),
                   (14, "samad_code"), (15, "national_id")}
    msg = {e.row: e.message for e in result.rejected}
    assert "کد ملی نامعتبر" in msg[4]
    assert "تلفن همراه نامعتبر" in msg[5]
    assert "تاریخ نامعتبر" in msg[6] and "1404/13/40" in msg[6]
    assert "موضوع" in msg[7]
    assert "شهرستان «آتلانتیس»" in msg[8]
    assert "دستگاه اجرایی «وزارت خیالی»" in msg[9]
    assert "نوع درخواست «شکوائیه»" in msg[10]
    assert "آینده" in msg[11]
    assert "کد رهگیری سامد" in msg[14]
    assert "کد ملی" in msg[15] and "تلفن همراه" in msg[15]  # every reason of the row
    assert result.unknown_counties == ["آتلانتیس"] and result.unknown_agencies == ["وزارت خیالی"]

    first = find(services, "14041001")  # Persian digits were stored as Latin ones
    assert first.samad_code == "14041001" and first.channel == Channel.SAMAD
    assert first.status == RequestStatus.NEW and first.type == RequestType.COMPLAINT
    assert is_valid_tracking_code(first.tracking_code)
    assert first.received_at == jalali.parse_jalali_datetime("1404/07/12 10:32")
    assert first.citizen is not None and first.citizen.national_id == NID_B
    assert first.citizen.mobile == "09121234567"
    assert first.county == "تبریز" and first.agency == "شرکت آب و فاضلاب"
    cal = reference.work_calendar(services.db)
    local_day = jalali.to_tehran(first.received_at).date()
    assert first.deadline == cal.add_working_days(local_day, 10)
    history = audit.history(services.db, "request", first.id)
    assert [h.action for h in history] == ["import"]
    assert history[0].username == "importer" and history[0].after["samad_code"] == "14041001"
    with services.db.read() as s:
        assert s.get(Request, first.id).created_by == operator.user_id

    named = find(services, "کریمی")  # citizen by name only
    assert named.citizen is not None and named.citizen.national_id is None
    assert named.type == RequestType.SUGGESTION
    anonymous = find(services, "14041011")
    assert anonymous.citizen is None and anonymous.county == "مرند"
    assert audit.verify_chain(services.db).ok


def test_persian_digit_search_and_channel_column(services, operator, tmp_path) -> None:
    """Another known channel label is kept; SAMAD's own sub-channels stay «سامانه سامد»."""
    path = write_csv(tmp_path / "c.csv", [
        row("5001", channel="سامانه ۱۱۱", subject="روشنایی معابر خاموش است"),
        row("5002", channel="پیامک", subject="آسفالت کوچه خراب است"),
        row("5003", channel="", subject="صف طولانی نانوایی"),
        row("5004", nid="", first="", last="", mobile="+98 935 123 4567", subject="بی‌نام",
            agency="کمیته امداد امام خمینی ره"),  # no brackets: still the reference agency
    ])
    assert import_samad(services.db, operator, path).imported == 4
    assert find(services, "روشنایی").channel == Channel.LINE_111
    assert find(services, "آسفالت").channel == Channel.SAMAD
    assert find(services, "نانوایی").channel == Channel.SAMAD
    assert find(services, "۵۰۰۱").samad_code == "5001"  # Persian digits in the search box
    nameless = find(services, "09351234567")  # a mobile alone is kept, on a nameless citizen
    assert nameless.citizen is not None and nameless.citizen.full_name == ""
    assert nameless.agency == "کمیته امداد امام خمینی (ره)"


# --- encodings, XLSX and headers -------------------------------------------------------------


def test_windows_1256_csv_from_persian_excel(services, operator, tmp_path) -> None:
    """Windows-1256 has no Persian ی: Excel writes Arabic ي, which is normalised on import."""
    arabic = str.maketrans({"ی": "ي"})
    rows = [[str(c).translate(arabic) for c in row("7001", subject="خرابی تیر برق کوچه")]]
    path = write_csv(tmp_path / "w.csv", rows, [h.translate(arabic) for h in HEADERS], "cp1256")
    assert read_rows(path).format == "csv-cp1256"
    result = import_samad(services.db, operator, path)
    assert (result.imported, result.rejected) == (1, [])
    req = find(services, "تیر برق")
    assert req.subject == "خرابی تیر برق کوچه"  # Persian ی again
    assert req.agency == "شرکت آب و فاضلاب"


def test_utf8_bom_csv_with_arabic_letters_zwnj_and_variant_headers(
        services, operator, tmp_path) -> None:
    """Headers with ي/ك, ZWNJ, extra spaces and common variants are all recognised."""
    headers = ["كد رهگيري", "  تاريخ   ثبت ", "نوع", "مجرا", "نام", "نام\u200cخانوادگی",
               "کدملی", "شماره همراه", "شهرستان", "دستگاه اجرایی", "موضوع", "متن"]
    path = write_csv(tmp_path / "b.csv", [row("8001", county="بستان آباد")], headers,
                     "utf-8-sig")
    f = read_rows(path)
    assert f.format == "csv-utf-8" and f.unknown_headers == [] and f.missing == []
    assert f.mapping["نام\u200cخانوادگی"] == "last_name" and f.mapping["کدملی"] == "national_id"
    assert import_samad(services.db, operator, path).imported == 1
    assert find(services, "8001").county == "بستان‌آباد"  # space vs ZWNJ in the name


def test_xlsx_with_number_cells_dates_and_empty_rows(services, operator, tmp_path) -> None:
    """Number cells (lost leading zeros), Excel date cells and row numbers after a gap."""
    path = write_xlsx(tmp_path / "s.xlsx", [
        [9001, "۱۴۰۴/۰۶/۰۱", "درخواست", "سامانه سامد", "مریم", "صادقی", int(NID_A), 9141234567,
         "اهر", "شرکت گاز", "گازرسانی به روستا", "روستا هنوز گاز ندارد."],  # row 2
        [],  # row 3: empty
        [9002.0, datetime(2025, 9, 1, 9, 15), "انتقاد", None, None, "نوری", None, None,
         "مراغه", None, "کندی پاسخگویی", None],  # row 4
        [9003, "1404/02/31", "شکایت"] + [None] * 7 + ["اردیبهشت ۳۱ روزه است"],  # row 5
        [9004, "1404/12/30", "شکایت"] + [None] * 7 + ["اسفند ۱۴۰۴ ۲۹ روزه است"],  # row 6
    ])
    result = import_samad(services.db, operator, path)
    assert result.imported == 3
    assert [(e.row, e.field) for e in result.rejected] == [(6, "received_at")]
    first = find(services, "9001")
    assert first.citizen is not None and first.citizen.national_id == NID_A
    assert first.citizen.mobile == "09141234567" and first.type == RequestType.REQUEST
    second = find(services, "9002")
    assert second.samad_code == "9002" and second.type == RequestType.CRITICISM
    assert second.received_at == jalali.tehran_to_utc(datetime(2025, 9, 1, 9, 15))


def test_unknown_headers_are_reported_and_can_be_mapped(services, operator, tmp_path) -> None:
    """A header the importer does not know is listed; the caller's map puts it to use."""
    headers = HEADERS[:10] + ["عنوان پیام", "متن", "ستون اضافه"]
    path = write_csv(tmp_path / "u.csv", [row("6001") + ["چیزی"]], headers)
    f = read_rows(path)
    assert f.unknown_headers == ["عنوان پیام", "ستون اضافه"] and f.missing == ["subject"]
    with pytest.raises(ValidationError) as err:
        preview(services.db, path)
    assert "موضوع" in err.value.message and "subject" in err.value.errors
    with pytest.raises(ValidationError):
        read_rows(path, header_map={"ستون اضافه": "no_such_field"})
    mapped = {"عنوان  پيام": "subject", "ستون اضافه": ""}
    p = preview(services.db, path, header_map=mapped)
    assert (p.total, p.importable, p.unknown_headers) == (1, 1, [])
    assert import_samad(services.db, operator, path, header_map=mapped).imported == 1
    assert find(services, "6001").subject == "قطعی مکرر آب آشامیدنی"


def test_header_row_below_a_title_and_standard_headers_first(tmp_path) -> None:
    """A title above the headers is skipped; «تلفن همراه» beats the alias «تلفن» for mobile."""
    path = tmp_path / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["گزارش درخواست‌های سامد — آذر ۱۴۰۴"])
    ws.append([])
    ws.append(["تلفن", "کد رهگیری", "تاریخ ثبت", "موضوع", "تلفن همراه"])
    ws.append(["04135551234", "55", "1404/09/01", "نبود پزشک متخصص", "09141112233"])
    wb.save(path)
    f = read_rows(path)
    assert f.headers[1] == "کد رهگیری" and f.missing == []
    assert f.mapping["تلفن همراه"] == "mobile" and f.unknown_headers == ["تلفن"]
    assert [(r.row, r.values["samad_code"]) for r in f.rows] == [(4, "55")]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path) -> None:
    """Excel's «Unicode Text» export (UTF-16, tab-separated) is read too."""
    path = tmp_path / "u.txt"
    path.write_text("\t".join(HEADERS) + "\n" + "\t".join(map(str, row("66"))) + "\n",
                    encoding="utf-16")
    f = read_rows(path)
    assert f.format == "csv-utf-16" and f.missing == [] and len(f.rows) == 1
    assert f.rows[0].values["subject"] == "قطعی مکرر آب آشامیدنی"


# --- duplicates, name mapping, atomicity ----------------------------------------------------


def test_reimport_imports_nothing_new(services, operator, tmp_path) -> None:
    """The SAMAD code is the key: a second run finds every good row already there."""
    path = write_csv(tmp_path / "r.csv", [row("1"), row("2"), row("3", nid="1"), row("4")])
    first = import_samad(services.db, operator, path)
    assert (first.imported, first.duplicates, len(first.rejected)) == (3, 0, 1)
    before = counts(services.db)
    again = import_samad(services.db, operator, path)
    assert (again.imported, again.duplicates) == (0, 3)
    assert [(e.row, e.field) for e in again.rejected] == [(4, "national_id")]
    assert counts(services.db) == before


def test_duplicate_inside_one_file(services, operator, tmp_path) -> None:
    """A code repeated later in the file (in other digits) is a duplicate, not a second request."""
    path = write_csv(tmp_path / "d.csv", [
        row("2001", subject="اولی"), row("۲۰۰۱", subject="دومی"), row("2002"),
    ])
    result = import_samad(services.db, operator, path)
    assert (result.imported, result.duplicates, result.rejected) == (2, 1, [])
    assert find(services, "2001").subject == "اولی"
    # The same citizen (one national ID) brought all the rows: one citizen, not two.
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)) == 1


def test_known_citizen_is_reused_and_completed(services, operator, tmp_path) -> None:
    """A national ID already in the database links to that citizen; empty cells erase nothing."""
    nid = valid_nid("246813579")
    known = register(services, operator, nid=nid)
    path = write_csv(tmp_path / "k.csv", [row("3001", nid=nid, first="", last="نام دیگر",
                                              mobile="")])
    assert import_samad(services.db, operator, path).imported == 1
    req = find(services, "3001")
    assert req.citizen is not None and req.citizen.id == known.citizen.id
    assert req.citizen.request_count == 2 and req.citizen.mobile == "09121234567"


def test_unknown_county_rejected_then_accepted_with_name_map(services, operator, tmp_path) -> None:
    """Unknown names are listed for mapping; with the caller's map the same rows go in."""
    path = write_csv(tmp_path / "n.csv", [
        row("4001", county="اسكو شمالي"), row("4002", county="اسکو  شمالی"), row("4003"),
    ])
    before = counts(services.db)
    p = preview(services.db, path)
    assert (p.total, p.importable, p.duplicates) == (3, 1, 0)
    assert p.unknown_counties == ["اسکو شمالی"] and p.unknown_agencies == []
    assert counts(services.db) == before  # a preview writes nothing
    first = import_samad(services.db, operator, path)
    assert first.imported == 1 and [e.row for e in first.rejected] == [2, 3]
    assert all(e.field == "county" for e in first.rejected)
    osku = county_id(services, "اسکو")
    second = import_samad(services.db, operator, path, name_map={"اسکو شمالی": osku})
    assert (second.imported, second.duplicates, second.rejected) == (2, 1, [])
    assert find(services, "4001").county == "اسکو"


def test_a_crash_midway_leaves_the_database_as_it_was(services, operator, tmp_path) -> None:
    """A failure while writing (here the progress callback) rolls the whole file back."""
    path = write_csv(tmp_path / "x.csv",
                     [row(str(10_000 + i), nid=valid_nid(f"{500000000 + i}")) for i in range(30)])
    before = counts(services.db)

    def boom(pct: int, msg: str) -> None:
        if msg.startswith("ثبت درخواست") and pct > 60:
            raise RuntimeError("cancelled halfway")

    with pytest.raises(RuntimeError):
        import_samad(services.db, operator, path, progress=boom)
    assert counts(services.db) == before
    assert services.inbox.count(InboxFilter(text="10001")) == 0
    # A clean run afterwards imports everything, with ids and codes still unique.
    seen: list[int] = []
    result = import_samad(services.db, operator, path, progress=lambda p, _m: seen.append(p))
    assert result.imported == 30 and counts(services.db)[0] == before[0] + 30
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen) and len(seen) > 10
    assert audit.verify_chain(services.db).ok


def test_import_needs_the_request_write_permission(services, tmp_path) -> None:
    """An inspector may not import."""
    inspector = make_actor(services, "inspector1", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        import_samad(services.db, inspector, write_csv(tmp_path / "p.csv", [row("1")]))


# --- files that cannot be read ---------------------------------------------------------------


def test_unreadable_files_raise_persian_errors(tmp_path) -> None:
    """A damaged XLSX, an old .xls, a PDF, a missing and an empty file."""
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    cases = {
        bad: "خوانده نشد",
        tmp_path / "old.xls": "xls",
        tmp_path / "r.pdf": "پشتیبانی نمی‌شود",
        tmp_path / "missing.csv": "پیدا نشد",
        tmp_path / "empty.csv": "خالی",
    }
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.4\n\0\0binary")
    (tmp_path / "empty.csv").write_text("\n\n", encoding="utf-8")
    for path, words in cases.items():
        with pytest.raises(PolError) as err:
            read_rows(path)
        assert words in err.value.message, (path.name, err.value.message)


# --- command line ----------------------------------------------------------------------------


def test_cli_json_summary(db_url, tmp_path, capsys) -> None:
    """`import samad FILE --json` prints the summary; exit 0 despite rejections."""
    path = write_csv(tmp_path / "j.csv", [row("11"), row("12", mobile="123"), row("11")])
    assert main(["--db", db_url, "import", "samad", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"imported": 1, "duplicates": 1, "rejected": [
        {"row": 3, "field": "mobile",
         "message": "شمارهٔ تلفن همراه نامعتبر است (مانند ۰۹۱۲۱۲۳۴۵۶۷)."}],
        "unknown_headers": [], "duplicate_headers": [], "warnings": [], "possible_repeats": []}
    assert main(["--db", db_url, "import", "samad", str(path)]) == 0
    text = capsys.readouterr().out
    assert "واردشده: ۰" in text and "تکراری" in text and "ردیف ۳" in text


def test_cli_missing_column_and_mapping(db_url, tmp_path, capsys) -> None:
    """A missing required column exits with 2 and a Persian message; --map fixes it."""
    headers = ["کد رهگیری", "تاریخ ثبت", "عنوان پیام"]
    path = write_csv(tmp_path / "m.csv", [["77", "1404/05/05", "چاله در خیابان"]], headers)
    assert main(["--db", db_url, "import", "samad", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ستون «موضوع» در فایل پیدا نشد" in err
    assert main(["--db", db_url, "import", "samad", str(path), "--json",
                 "--map", "عنوان پیام=subject"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 1
    assert main(["--db", db_url, "import", "samad", str(path), "--map", "بدون مساوی"]) == 2
    assert "سرستون=فیلد" in capsys.readouterr().err
    assert main(["--db", db_url, "import", "samad", str(tmp_path / "nope.xlsx")]) == 2
    assert "پیدا نشد" in capsys.readouterr().err
