"""The quarterly report counts the quarter's objections (both databases), in PDF and .xlsx."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from openpyxl import load_workbook

from app.models.enums import Role
from app.services.core import clock, jalali
from app.services.reports.objections import OFFICE
from tests.conftest import SUITE_NOW
from tests.objections.support import closed_direct, closed_referred
from tests.reports.pdftools import norm, pdftotext_pages
from tests.support.helpers import make_actor


def _quarter_with_objections(services):  # noqa: ANN001, ANN202
    """Four objections in 1405 Q3: one upheld, two rejected, one pending; one after the cut-off."""
    clerk = make_actor(services, "desk2", Role.OPERATOR)
    insp = make_actor(services, "insp2", Role.INSPECTOR)
    made = []
    for i, build in enumerate((closed_direct, closed_referred, closed_direct, closed_direct)):
        req = build(services, clerk, f"60000001{i}")
        made.append(services.objections.record(clerk, req.id, req.version, "اعتراض دارم."))
    services.objections.uphold(insp, made[1].id, made[1].version)
    services.objections.reject(insp, made[0].id, made[0].version, "پاسخ کافی بود.")
    services.objections.reject(insp, made[2].id, made[2].version, "پاسخ کافی بود.")
    return made


def test_the_report_counts_received_upheld_rejected_and_pending(services) -> None:
    _quarter_with_objections(services)
    y, q = jalali.quarter_of(jalali.tehran_today())
    f = services.stats.quarterly_report(y, q).objections
    assert (f.received, f.upheld, f.rejected, f.pending) == (4, 1, 2, 1)
    assert [(r.answered_by, r.received, r.upheld, r.rejected, r.pending) for r in f.rows] == [
        (OFFICE, 3, 0, 2, 1), ("شرکت آب و فاضلاب", 1, 1, 0, 0)]
    # The previous quarter had none; a decision after this quarter's cut-off is not counted
    # in it when the quarter is printed again later.
    py, pq = jalali.previous_quarter(y, q)
    assert services.stats.quarterly_report(py, pq).objections.received == 0


def test_a_decision_after_the_cut_off_counts_as_pending(services) -> None:
    made = _quarter_with_objections(services)
    y, q = jalali.quarter_of(jalali.tehran_today())
    end = jalali.quarter_bounds(y, q)[1]
    clock.set_now(jalali.tehran_to_utc(datetime.combine(end + timedelta(days=2), time(9))),
                  ticking=True)
    insp = make_actor(services, "insp3", Role.INSPECTOR)
    services.objections.uphold(insp, made[3].id, services.objections.get(made[3].id).version)
    f = services.stats.quarterly_report(y, q).objections
    assert (f.upheld, f.rejected, f.pending) == (1, 2, 1)
    clock.set_now(SUITE_NOW, ticking=True)


def test_the_pdf_and_the_workbook_show_the_table(services, tmp_path: Path) -> None:
    _quarter_with_objections(services)
    y, q = jalali.quarter_of(jalali.tehran_today())
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    services.reports.write_quarterly(y, q, pdf)
    services.reports.write_quarterly(y, q, xlsx)
    text = "\n".join(pdftotext_pages(pdf))
    assert norm("۹- اعتراض شهروندان به پاسخ‌ها") in text
    assert norm("در این سه‌ماهه ۴ اعتراض شهروند به پاسخ درخواست‌ها ثبت شد") in text
    sheet = load_workbook(xlsx)["اعتراض‌ها"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[-1] == ["جمع", 4, 1, 2, 1]
