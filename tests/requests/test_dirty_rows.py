"""Rows stored before text was cleaned, and hostile search terms, on SQLite and PostgreSQL.

The rows are written with plain SQL (bypassing the services), as an older Pol stored them; the
exports must still open, with the text there minus the control characters, and never a formula.
Search terms: NUL behaves like nothing, and a term too long gets a Persian message.
"""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from app.errors import ValidationError
from app.models.enums import Role
from app.services.core import jalali
from app.services.core.persian import SEARCH_MAX
from app.services.referrals.agency_export import write_agency_performance
from app.services.referrals.dto import TrackerFilter
from app.services.referrals.tracker import ReferralTracker
from app.services.reports.xlsx import write_quarterly_xlsx
from app.services.requests import citizens
from app.services.requests.dto import InboxFilter
from app.services.requests.export import HEADERS, export_inbox
from tests.support.helpers import agency_id, make_actor, register, valid_nid

RAW_SUBJECT = "\u202eقطعی\x1b آب\x07 روستای\x0b خاصبان\x0c"
SHOWN_SUBJECT = "قطعی آب روستای\n خاصبان\n"  # vertical tab and form feed were line breaks
RAW_FORMULA = '\x07=HYPERLINK("http://x","click")'
RAW_ACTIONS = "پیگیری\x1b با\x08 فرمانداری\x1f"
RAW_NAME = "\u202eزهرا\x1b"
RAW_AGENCY = "شرکت\x1b آب\x07 و فاضلاب"
# 1405/05/10 in Tehran: inside 1405 Q2, a finished quarter at any wall-clock time after it.
RECEIVED = datetime(2026, 8, 1, 6, 30)


@pytest.fixture
def dirty(services):  # noqa: ANN001, ANN201
    """Two requests (one referred) whose stored text is full of control characters."""
    op = make_actor(services, "op", Role.OPERATOR)
    a = register(services, op, received_at=RECEIVED, nid=valid_nid("500000001"))
    b = register(services, op, received_at=RECEIVED, nid=valid_nid("500000002"))
    services.referrals.refer(op, a.id, a.version, agency_id(services), "12/34",
                             jalali.from_jalali(1405, 5, 11))
    with services.db.write() as s:
        s.execute(text("UPDATE request SET subject = :s, actions_taken = :a, deep_rooted = :t "
                       "WHERE id = :id"), {"s": RAW_SUBJECT, "a": RAW_ACTIONS, "t": True,
                                           "id": a.id})
        s.execute(text("UPDATE request SET subject = :s WHERE id = :id"),
                  {"s": RAW_FORMULA, "id": b.id})
        s.execute(text("UPDATE citizen SET first_name = :n WHERE id = :id"),
                  {"n": RAW_NAME, "id": a.citizen.id})
        s.execute(text("UPDATE agency SET name = :n WHERE id = :id"),
                  {"n": RAW_AGENCY, "id": agency_id(services)})
    return op, a, b


def test_inbox_export_survives_stored_control_characters(services, dirty, tmp_path) -> None:
    """The workbook opens; the text is there without its control characters; no formula."""
    _, a, b = dirty
    out = tmp_path / "inbox.xlsx"
    assert export_inbox(services.inbox, InboxFilter(), out) == 2
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == HEADERS
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows[a.tracking_code][11].value == SHOWN_SUBJECT
    assert rows[a.tracking_code][2].value == "زهرا قاسم‌زاده"
    assert rows[a.tracking_code][4].value == "شرکت آب و فاضلاب"
    formula = rows[b.tracking_code][11]
    assert formula.value == '=HYPERLINK("http://x","click")' and formula.data_type == "s"


def test_quarterly_and_agency_workbooks_survive_stored_control_characters(services, dirty,
                                                                          tmp_path) -> None:
    """The quarterly .xlsx (deep-rooted cases, agencies) and the agency panel's export."""
    _, a, _ = dirty
    out = tmp_path / "q.xlsx"
    write_quarterly_xlsx(services.stats.quarterly_report(1405, 2), out)
    wb = load_workbook(out)
    (deep,) = wb["موارد ریشه‌دار"].iter_rows(min_row=2, values_only=True)
    # ردیف, در گزارش چاپی, کد رهگیری, تاریخ دریافت, موضوع, شهرستان, دستگاه‌ها, وضعیت, اقدامات
    assert (deep[2], deep[4]) == (a.tracking_code, SHOWN_SUBJECT)
    assert deep[6] == "شرکت آب و فاضلاب" and deep[8] == "پیگیری با فرمانداری\n"
    agencies = [r[0] for r in wb["ارجاعات دستگاه‌ها"].iter_rows(min_row=2, values_only=True)]
    assert "شرکت آب و فاضلاب" in agencies
    start, end = jalali.from_jalali(1405, 4, 1), jalali.from_jalali(1405, 6, 31)
    panel = tmp_path / "agencies.xlsx"
    write_agency_performance(services.stats.agency_performance(start, end), start, end, panel)
    names = [r[0] for r in load_workbook(panel).active.iter_rows(min_row=2, values_only=True)]
    assert "شرکت آب و فاضلاب" in names


def test_a_nul_in_a_search_term_is_ignored(services) -> None:
    """«\\x00abc» finds what «abc» finds (not every row, no raw database error)."""
    op = make_actor(services, "op", Role.OPERATOR)
    hit = register(services, op, subject="درخواست abc یک", nid=valid_nid("600000001"))
    register(services, op, subject="درخواست دیگر", nid=valid_nid("600000002"))
    for term in ("\x00abc", "ab\x00c", "abc\x00", "\u202eabc\x1b"):
        page = services.inbox.page(InboxFilter(text=term))
        assert [r.id for r in page.rows] == [hit.id] and page.total == 1, repr(term)
        assert services.inbox.count(InboxFilter(text=term)) == 1
    assert services.inbox.count(InboxFilter(text="\x00")) == 2  # nothing left: no condition
    ref = services.referrals.refer(op, hit.id, hit.version, agency_id(services), "۱۲/۳۴",
                                   jalali.tehran_today())
    tracker = ReferralTracker(services.db)
    for term in ("\x0012/34", f"{hit.tracking_code}\x00"):
        assert [r.id for r in tracker.page(TrackerFilter(text=term)).rows] == [ref.id]
    # Other free text that reaches SQL: a national ID looked up, a user name signing in.
    found = citizens.lookup(services.db, "\x00" + valid_nid("600000001"))
    assert found is not None and found.id == hit.citizen.id
    assert services.users.authenticate("op\x00", "secret-1").username == "op"


def test_a_search_term_too_long_gets_a_persian_message(services) -> None:
    """SEARCH_MAX characters are searched; a 100,000-character paste is refused at once."""
    op = make_actor(services, "op", Role.OPERATOR)
    register(services, op, subject="درخواست abc", nid=valid_nid("600000003"))
    assert services.inbox.count(InboxFilter(text="a" * SEARCH_MAX)) == 0
    tracker = ReferralTracker(services.db)
    for call in (lambda t: services.inbox.page(InboxFilter(text=t)),
                 lambda t: services.inbox.count(InboxFilter(text=t)),
                 lambda t: tracker.page(TrackerFilter(text=t))):
        started = time.perf_counter()
        with pytest.raises(ValidationError) as err:
            call("abc " * 25_000)
        assert time.perf_counter() - started < 2
        assert "متن جست‌وجو نباید بیش از ۲۰۰ نویسه باشد" in err.value.errors["text"]
