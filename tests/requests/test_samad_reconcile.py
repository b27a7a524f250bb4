"""Reconciling a SAMAD export with Pol (issue 14 §2) on SQLite and PostgreSQL: the three lists
in every import format, the status column's mapping, a county-limited user, and «import the
missing ones» through the import's own path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.errors import PolError, ValidationError
from app.models.enums import Channel, Role
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.requests.samad.importer import import_samad
from app.services.requests.samad.reconcile import file_status_done
from tests.requests.test_import import HEADERS, row, write_csv, write_xlsx
from tests.support.helpers import county_id, make_actor, register

STATUS_HEADERS = [*HEADERS, "وضعیت"]


def srow(code: str, status: str, when: str = "1405/08/10 09:00", county: str = "تبریز",
         subject: str = "قطعی مکرر آب آشامیدنی") -> list[object]:
    """A SAMAD export row with a status cell."""
    return [*row(code, when=when, county=county, subject=subject), status]


def write_file(path: Path, fmt: str, rows: list[list[object]],
               headers: list[str] = STATUS_HEADERS) -> Path:
    """The same rows in one of the formats the import reads."""
    if fmt == "xlsx":
        return write_xlsx(path.with_suffix(".xlsx"), rows, headers)
    if fmt == "utf-16":  # Excel's «Unicode text»: UTF-16 with a BOM, tab-separated
        text = "\r\n".join("\t".join(str(c) for c in r) for r in [headers, *rows]) + "\r\n"
        out = path.with_suffix(".txt")
        out.write_bytes(text.encode("utf-16"))
        return out
    out = path.with_suffix(".csv")
    # Windows-1256 has no Persian ی (Excel writes the Arabic letter, normalised when read) and
    # no Persian digits (a code there is typed in Latin digits, with a space as seen in SAMAD).
    arabic = str.maketrans({"ی": "ي", "۵": "5 ", "۰": "0", "۹": "9"}) if fmt == "cp1256" else {}
    with out.open("w", encoding="cp1256" if fmt == "cp1256" else "utf-8", newline="") as fh:
        w = csv.writer(fh)
        for r in [headers, *rows]:
            w.writerow([str(c).translate(arabic) for c in r])
    return out


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    return make_actor(services, "samadclerk", Role.OPERATOR)


def seed(services, clerk, tmp_path: Path) -> dict[str, int]:  # noqa: ANN001
    """SAMAD requests 5001–5005 in Pol (5005 received long before the file's range), 5002
    answered, one SAMAD-channel request without a code, one walk-in request."""
    base = write_csv(tmp_path / "base.csv", [
        row("5001", when="1405/08/02 10:00"), row("5002", when="1405/08/05 10:00"),
        row("5003", when="1405/08/12 10:00"), row("5004", when="1405/08/15 23:30"),
        row("5005", when="1405/06/01 10:00"), row("5006", when="1405/08/06", county="مرند")])
    assert import_samad(services.db, clerk, base).imported == 6
    ids = {}
    for code in ("5001", "5002", "5003", "5004", "5005", "5006"):
        ids[code] = services.inbox.page(_code_filter(code)).rows[0].id
    d = services.requests.get(ids["5002"])
    services.requests.answer_directly(clerk, d.id, d.version, "لوله‌کشی محله تعمیر شد.")
    from datetime import datetime

    hand = register(services, clerk, channel=Channel.SAMAD,
                    received_at=datetime(2026, 11, 1, 7, 0))  # 1405/08/10, no SAMAD code
    register(services, clerk, received_at=datetime(2026, 11, 1, 7, 0))  # a walk-in
    ids["hand"] = hand.id
    return ids


def _code_filter(code: str):  # noqa: ANN202
    from app.services.requests.dto import InboxFilter

    return InboxFilter(text=code)


def test_status_cells_map_to_done_open_or_unknown() -> None:
    """Whole words only: «پاسخ داده نشده» is open, not done; spaces and ZWNJ do not matter."""
    assert file_status_done("پاسخ داده شده") is True
    assert file_status_done("پاسخ‌داده‌شده") is True
    assert file_status_done("مختومه") is True
    assert file_status_done("در حال بررسی") is False
    assert file_status_done("ارجاع شده") is False
    assert file_status_done("پاسخ داده نشده") is False
    assert file_status_done("در انتظار پاسخ دستگاه") is False
    assert file_status_done("نامعلوم") is None
    assert file_status_done("  ") is None


@pytest.mark.parametrize("fmt", ["utf-8", "cp1256", "utf-16", "xlsx"])
def test_the_three_lists_in_every_import_format(services, clerk, tmp_path, fmt: str) -> None:
    """in_samad_only, in_pol_only (within the file's days) and status_differs, both ways."""
    seed(services, clerk, tmp_path)
    path = write_file(tmp_path / "export", fmt, [
        srow("5001", "در حال بررسی", when="1405/08/02 10:00"),  # open both: no difference
        srow("5002", "در حال بررسی", when="1405/08/05 10:00"),  # answered in Pol, open in SAMAD
        srow("5003", "مختومه", when="1405/08/12 10:00"),  # closed in SAMAD, new in Pol
        srow("5006", "چیز دیگری", when="1405/08/06 10:00", county="مرند"),  # not compared
        srow("5009", "جدید", when="1405/08/15 08:00"),  # not in Pol
        srow("۵۰۰۹", "جدید", when="1405/08/15 08:00"),  # the same code again, Persian digits
        srow("", "جدید", when="1405/08/15 08:00"),  # no code
    ])
    r = services.samad.reconcile(SYSTEM, path)
    assert r.in_samad_only == ["5009"]
    # 5004 was received on the file's last day (late evening, Tehran); 5005 long before.
    assert r.in_pol_only == ["5004"]
    assert [(d.code, d.done_in_pol) for d in r.status_differs] == [("5002", True),
                                                                      ("5003", False)]
    assert r.status_differs[0].pol_status == "پاسخ داده‌شده"
    assert r.status_differs[1].file_status == "مختومه"
    assert (r.rows, r.matched, r.rows_without_code, r.duplicate_codes) == (7, 4, 1, 1)
    assert r.unknown_statuses == ["چیز دیگری"] and r.status_column == "وضعیت"
    assert len(r.pol_without_code) == 1  # the SAMAD request typed in without a code
    j = r.to_json()
    assert (j["in_samad_only"], j["in_pol_only"], j["status_differs"]) == (
        ["5009"], ["5004"], ["5002", "5003"])
    assert j["date_from"] == "1405/08/02" and j["date_to"] == "1405/08/15"


def test_without_status_column_or_dates(services, clerk, tmp_path) -> None:
    """No status column: nothing compared, a warning says so; the code column alone suffices."""
    seed(services, clerk, tmp_path)
    path = write_csv(tmp_path / "codes.csv", [["5001"], ["5010"]], ["کد رهگیری"])
    r = services.samad.reconcile(SYSTEM, path)
    assert r.in_samad_only == ["5010"] and r.in_pol_only == [] and r.status_differs == []
    assert r.status_column is None and len(r.warnings) == 2
    assert "وضعیت" in r.warnings[0] and "تاریخ" in r.warnings[1]


def test_bad_files_are_refused_in_persian(services, tmp_path) -> None:
    """A missing code column or an unreadable file: a Persian message, nothing else."""
    path = write_csv(tmp_path / "nocode.csv", [["1405/08/01", "آب"]], ["تاریخ ثبت", "موضوع"])
    with pytest.raises(ValidationError) as err:
        services.samad.reconcile(SYSTEM, path)
    assert "کد رهگیری" in err.value.errors["samad_code"]
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(PolError):
        services.samad.reconcile(SYSTEM, junk)


def test_a_county_limited_user_compares_only_their_counties(services, clerk, tmp_path) -> None:
    """Rows of other counties are counted apart; Pol's side is the user's counties only."""
    seed(services, clerk, tmp_path)
    info = services.users.add(SYSTEM, "tabrizonly", "secret-1", Role.OPERATOR, "تبریز")
    info = services.users.set_counties(SYSTEM, info.id, [county_id(services)], info.version)
    limited = actor_of(info)
    path = write_file(tmp_path / "export", "utf-8", [
        srow("5001", "در حال بررسی", when="1405/08/02 10:00"),
        srow("5011", "جدید", when="1405/08/07 10:00", county="مرند"),
        srow("5012", "جدید", when="1405/08/25 10:00"),
    ])
    r = services.samad.reconcile(limited, path)
    assert r.in_samad_only == ["5012"] and r.out_of_scope == 1
    # 5006 (مرند) is not the user's; 5002–5004 are theirs and missing from the file.
    assert r.in_pol_only == ["5002", "5003", "5004"]
    everyone = services.samad.reconcile(SYSTEM, path)
    assert everyone.in_samad_only == ["5011", "5012"]
    assert everyone.in_pol_only == ["5002", "5003", "5004", "5006"]


def test_import_the_missing_ones_through_the_import(services, clerk, tmp_path) -> None:
    """Only the in_samad_only rows go in, by the import's own path; a second look finds none."""
    seed(services, clerk, tmp_path)
    path = write_file(tmp_path / "export", "xlsx", [
        srow("5001", "جدید", when="1405/08/02 10:00"),
        srow("5020", "جدید", when="1405/08/07 10:00", subject="چاله در خیابان"),
        srow("5021", "جدید", when="1405/08/08 10:00"),
    ])
    r = services.samad.reconcile(SYSTEM, path)
    assert r.in_samad_only == ["5020", "5021"]
    result = services.samad.import_codes(clerk, path, ["5020"])
    assert (result.imported, result.duplicates, result.rejected) == (1, 0, [])
    again = services.samad.reconcile(SYSTEM, path)
    assert again.in_samad_only == ["5021"] and again.matched == 2
    assert services.requests.get(
        services.inbox.page(_code_filter("5020")).rows[0].id).subject == "چاله در خیابان"
