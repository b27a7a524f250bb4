"""The quarterly report's events section (issue 14 §1): per event, letters received, answered
directly, referred and still open; in the PDF (read back as text) and in the .xlsx."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook

from app.models.enums import EventKind, Role
from app.services.core import jalali
from app.services.events.dto import EventInput
from tests.reports.pdftools import norm, pdftotext_pages
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid


def test_report_shows_each_event(services, tmp_path) -> None:  # noqa: ANN001
    """Three letters of a trip (one answered, one referred, one open) and an empty session."""
    op = make_actor(services, "op1", Role.OPERATOR)
    today = jalali.tehran_today()
    trip = services.events.create(op, EventInput("سفر استاندار به مرند", EventKind.TRIP,
                                                 today - timedelta(days=2), today,
                                                 county_id(services, "مرند")))
    services.events.create(op, EventInput("ارتباط زنده سامد آذر", EventKind.LIVE_SESSION,
                                          today, today))
    ids = [register(services, op, nid=valid_nid(f"00135424{i}")).id for i in range(3)]
    register(services, op, nid=valid_nid("123456789"))  # no event: not counted
    services.events.tag(op, ids, trip.id)
    d = services.requests.get(ids[0])
    services.requests.answer_directly(op, d.id, d.version, "پاسخ داده شد.")
    services.batch.refer(op, [ids[1]], agency_id(services))
    year, month, _ = jalali.to_jalali(today)
    quarter = (month - 1) // 3 + 1
    rows = services.stats.quarterly_report(year, quarter).events
    assert rows is not None
    by_name = {r.name: r for r in rows}
    t = by_name["سفر استاندار به مرند"]
    assert (t.received, t.answered_directly, t.referred, t.open) == (3, 1, 1, 2)
    assert t.kind == "سفر" and t.county == "مرند"
    assert by_name["ارتباط زنده سامد آذر"].received == 0
    pdf = tmp_path / "q.pdf"
    services.reports.write_quarterly(year, quarter, pdf)
    text = " ".join(pdftotext_pages(pdf))
    assert norm("رویدادها: سفرها، ارتباط‌های زنده و روزهای ملاقات ویژه") in text
    assert norm("سفر استاندار به مرند") in text and norm("ارتباط زنده سامد آذر") in text
    xlsx = tmp_path / "q.xlsx"
    services.reports.write_quarterly(year, quarter, xlsx)
    ws = load_workbook(xlsx)["رویدادها"]
    assert ws.sheet_view.rightToLeft
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    trip_row = next(v for v in values if v[0] == "سفر استاندار به مرند")
    assert trip_row[5:] == [3, 1, 1, 2]
