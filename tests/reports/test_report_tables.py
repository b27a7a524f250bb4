"""Table 1, the deep-rooted list and the county order, on a year of demo data, in the PDF and .xlsx.

Each figure is recomputed here from plain rows (no service code) and compared.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from app.demo.generator import DemoGenerator
from app.models.enums import RequestType, Role
from app.services.core import jalali, persian
from app.services.reports.measures import utc_range
from app.services.reports.pdf.about import LETTER, REQUEST
from app.services.reports.service import write_quarterly_report
from app.services.reports.statistics import DEEP_ROOTED_LIMIT
from app.services.reports.xlsx import AGENCY_TYPES_SHEET, DEEP_ROOTED_SHEET
from app.services.requests.samad.importer import import_samad
from tests.reports.pdftools import norm, pdftotext_pages
from tests.support.helpers import make_actor

TODAY = date(2026, 11, 28)  # 1405/09/07: the last finished quarter is 1405 Q2
START, END = jalali.quarter_bounds(1405, 2)
SAMAD_HEADERS = ["کد رهگیری", "تاریخ ثبت", "نوع", "مجرا", "نام", "نام خانوادگی", "کد ملی",
                 "تلفن همراه", "شهرستان", "دستگاه", "موضوع", "متن"]


@pytest.fixture
def filled(services, tmp_path):  # noqa: ANN001, ANN201
    """A year of demo data and one SAMAD request of the quarter imported with no agency."""
    DemoGenerator(services.db, seed=9, today=TODAY).run(2500)
    path = tmp_path / "samad.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(SAMAD_HEADERS)
        w.writerow(["99887766", "1405/05/10 10:30", "پیشنهاد", "سامانه سامد", "زهرا", "احمدی",
                    "", "", "مراغه", "", "پیشنهاد ایجاد پارک محله", "متن پیشنهاد"])
    op = make_actor(services, "importer", Role.OPERATOR)
    assert import_samad(services.db, op, path).imported == 1
    return services


def squeeze(s: str) -> str:
    """Letters and digits only: where the text layer puts a colon or bracket may change."""
    return "".join(ch for ch in norm(s) if ch.isalnum())


def _rows(services, sql: str, **params: object) -> list[tuple]:  # noqa: ANN001
    with services.db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql), params)]


def _exec(services, sql: str, **params: object) -> None:  # noqa: ANN001
    with services.db.engine.begin() as c:
        c.execute(text(sql), params)


def _expected_table(services) -> Counter:  # noqa: ANN001
    """(agency id, type) -> requests, from raw rows: latest letter by the cut-off, intake, else
    the governorate."""
    lo, hi = utc_range(START, END)
    gov = min(r[0] for r in _rows(services, "SELECT id FROM agency WHERE is_governorate"))
    latest: dict[int, tuple] = {}
    for rid, agency, letter_date, ref_id in _rows(
            services, "SELECT request_id, agency_id, letter_date, id FROM referral "
                      "WHERE status <> 'withdrawn'"):
        day = date.fromisoformat(letter_date) if isinstance(letter_date, str) else letter_date
        if day <= END and (rid not in latest or (day, ref_id) > latest[rid][:2]):
            latest[rid] = (day, ref_id, agency)
    out: Counter = Counter()
    for rid, kind, agency in _rows(
            services, "SELECT id, type, agency_id FROM request "
                      "WHERE received_at >= :lo AND received_at < :hi", lo=lo, hi=hi):
        owner = latest[rid][2] if rid in latest else agency if agency is not None else gov
        out[(owner, kind)] += 1
    return out


def test_table_1_counts_match_sql_and_an_unreferred_import_is_the_governorates(filled) -> None:
    """Every cell of Table 1 equals the recount; the imported request sits in the governorate row."""
    rep = filled.stats.quarterly_report(1405, 2)
    table = rep.summary.by_agency_type
    kinds = [t.value for t in RequestType]
    got = Counter({(r.agency_id, kinds[i]): n for r in table.rows
                   for i, n in enumerate(r.counts) if n})
    assert got == _expected_table(filled)
    assert table.rows[0].is_governorate and table.rows[0].agency == "استانداری آذربایجان شرقی"
    assert table.total == rep.summary.received
    assert table.governorate == rep.summary.concerning_governorate
    others = [r.agency for r in table.rows[1:]]
    assert others == sorted(others, key=persian.sort_key) and all(others)
    # The imported request, with no agency and no referral, counts under the governorate.
    (imported,) = _rows(filled, "SELECT agency_id FROM request WHERE samad_code = '99887766'")
    assert imported == (None,)
    suggestion = kinds.index(RequestType.SUGGESTION.value)
    before = table.rows[0].counts[suggestion]
    _exec(filled, "UPDATE request SET agency_id = (SELECT id FROM agency WHERE name = "
                  "'شرکت گاز') WHERE samad_code = '99887766'")
    after = filled.stats.quarterly_report(1405, 2).summary.by_agency_type.rows[0]
    assert after.counts[suggestion] == before - 1


def test_deep_rooted_rule_count_and_full_xlsx_sheet(filled, tmp_path: Path) -> None:
    """30 printed by the rule (open at the cut-off first, oldest first); all of them in the xlsx."""
    rep = filled.stats.quarterly_report(1405, 2)
    lo, hi = utc_range(START, END)
    codes = {r[0] for r in _rows(filled, "SELECT tracking_code FROM request WHERE deep_rooted "
                                         "AND received_at >= :lo AND received_at < :hi",
                                 lo=lo, hi=hi)}
    assert rep.deep_rooted_count == len(codes) > DEEP_ROOTED_LIMIT
    assert rep.deep_rooted == rep.every_deep_rooted[:DEEP_ROOTED_LIMIT]
    order = [(not d.open_at_cut_off, d.received_on) for d in rep.every_deep_rooted]
    assert order == sorted(order)
    out = tmp_path / "r.xlsx"
    write_quarterly_report(filled.stats, 1405, 2, out)
    wb = load_workbook(out)
    sheet = list(wb[DEEP_ROOTED_SHEET].iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in sheet} == codes and len(sheet) == len(codes)
    assert [r[1] for r in sheet].count("بله") == DEEP_ROOTED_LIMIT
    t1 = list(wb[AGENCY_TYPES_SHEET].iter_rows(min_row=2, values_only=True))
    assert t1[-1][0] == "جمع" and t1[-1][-1] == rep.summary.received
    assert t1[0][0].startswith("استانداری آذربایجان شرقی")


def test_pdf_states_cut_off_units_table_1_and_n_of_m(filled, tmp_path: Path) -> None:
    """The printed text says its cut-off and units, has Table 1, «۳۰ مورد از N» and Latin codes."""
    rep = filled.stats.quarterly_report(1405, 2)
    out = tmp_path / "r.pdf"
    write_quarterly_report(filled.stats, 1405, 2, out)
    pages = pdftotext_pages(out)
    whole = squeeze(" ".join(pages))
    for phrase in (
        "درباره این گزارش",
        f"تاریخ مبنا: همه ارقام وضع پایان روز {jalali.format_jalali(END)}",
        f"واحد: {LETTER}",
        f"واحد: {REQUEST}",
        "پاسخ در مهلت",
        "درصد از نامه‌های پاسخ‌گرفته",
        "جدول ۱: درخواست‌ها به تفکیک دستگاه اجرایی و نوع درخواست",
        "الف) پاسخ مستقیم در برابر ارجاع",
        "ب) سهم استانداری از درخواست‌ها",
        "کدهای رهگیری با رقم لاتین",
        f"{persian.format_number(DEEP_ROOTED_LIMIT)} مورد از "
        f"{persian.format_number(rep.deep_rooted_count)}",
        f"برگه «{DEEP_ROOTED_SHEET}»",
        "معاون توسعه مدیریت و منابع",
    ):
        assert squeeze(phrase) in whole, phrase
    for row in rep.summary.by_agency_type.rows:
        assert squeeze(row.agency) in whole, row.agency
    first = rep.deep_rooted[0].tracking_code
    assert first.isascii() and squeeze(first) in whole
    assert squeeze(persian.to_persian_digits(first)) not in whole
    # The page that prints Table 1 prints its grand total, the summary's «received».
    table_page = next(p for p in pages if squeeze("جدول ۱") in squeeze(p))
    assert squeeze(persian.format_number(rep.summary.received)) in squeeze(table_page)


def test_counties_added_later_sort_with_the_rest_in_pdf_and_xlsx(filled, tmp_path: Path) -> None:
    """لیلان, ترکمانچای and a county made today stand in alphabetical order, not at the end."""
    _exec(filled, "INSERT INTO county (name, valid_from, version) VALUES ('آبش احمد', :d, 1)",
          d=START)
    rep = filled.stats.quarterly_report(1405, 2)
    names = [c.county for c in rep.counties]
    assert names == sorted(names, key=persian.sort_key)
    assert names[0] == "آبش احمد"
    assert names.index("ترکمانچای") == names.index("تبریز") + 1
    assert names.index("کلیبر") < names.index("لیلان") < names.index("مراغه")
    out = tmp_path / "r.xlsx"
    write_quarterly_report(filled.stats, 1405, 2, out)
    sheet = [r[0] for r in load_workbook(out)["شهرستان‌ها"].iter_rows(min_row=2, values_only=True)]
    assert sheet == names
