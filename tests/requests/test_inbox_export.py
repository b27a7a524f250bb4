"""Excel export of the inbox view: the filter's rows, right-to-left, Jalali, never formulas."""

from __future__ import annotations

from openpyxl import load_workbook

from app.models.enums import Channel, Role
from app.services.core import jalali
from app.services.requests.dto import InboxFilter
from app.services.requests.export import HEADERS, export_inbox
from tests.support.helpers import make_actor, register, valid_nid


def test_export_writes_the_filtered_rows_as_text(services, tmp_path) -> None:
    """Only the filtered rows are written; a subject starting with = stays text."""
    op = make_actor(services, "op", Role.OPERATOR)
    evil = register(services, op, subject='=HYPERLINK("http://x","click")', channel=Channel.SAMAD,
                    nid=valid_nid("400000001"))
    register(services, op, subject="+98 کد عجیب", channel=Channel.SAMAD,
             nid=valid_nid("400000002"))
    register(services, op, subject="درخواست عادی", channel=Channel.LETTER,
             nid=valid_nid("400000003"))
    out = tmp_path / "inbox.xlsx"
    n = export_inbox(services.inbox, InboxFilter(channel=Channel.SAMAD), out)
    assert n == 2
    ws = load_workbook(out).active
    assert ws.sheet_view.rightToLeft
    assert [c.value for c in ws[1]] == HEADERS
    cells = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert len(cells) == 2 and evil.tracking_code in cells
    subject_cells = [row[11] for row in ws.iter_rows(min_row=2)]
    assert {c.value for c in subject_cells} == {'=HYPERLINK("http://x","click")', "+98 کد عجیب"}
    assert all(c.data_type == "s" for c in subject_cells)
    received = ws.cell(2, 2).value
    assert received.startswith(str(jalali.to_jalali(jalali.tehran_today())[0]) + "/")
