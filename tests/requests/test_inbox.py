"""The inbox query: filters, Persian-normalised search, sorting and paging in SQL."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from app.models.enums import Channel, RequestStatus, Role
from app.services.core import jalali
from app.services.requests.dto import InboxFilter
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid


@pytest.fixture
def filled(services):  # noqa: ANN001, ANN201
    """Six requests with distinct channels, agencies, dates and wording."""
    op = make_actor(services, "op", Role.OPERATOR)
    today = jalali.tehran_today()
    rows = [
        ("قطعی آب", "آب محله قطع می‌شود", Channel.SAMAD, "شرکت آب و فاضلاب", 1),
        ("افت فشار گاز", "گاز ضعیف است", Channel.LINE_111, "شرکت گاز", 2),
        ("خاموشی معابر", "چراغ‌ها خاموش است", Channel.WALK_IN, "شرکت توزیع نیروی برق", 3),
        ("قطعی برق", "برق منطقه قطع ميشود", Channel.SAMAD, "شرکت توزیع نیروی برق", 20),
        ("سند تک‌برگ", "تأخير در صدور سند", Channel.LETTER, "اداره کل ثبت اسناد و املاک", 30),
        ("تقدیر", "از فرماندار تشکر می کنم", Channel.PHONE, "استانداری آذربایجان شرقی", 40),
    ]
    out = []
    for k, (subject, body, channel, agency, days_ago) in enumerate(rows):
        received = jalali.tehran_to_utc(datetime.combine(today - timedelta(days=days_ago), time(9)))
        out.append(register(services, op, subject=subject, body=body, channel=channel,
                            agency=agency, received_at=received, nid=valid_nid(f"30000000{k}"),
                            last_name="رضایی" if k % 2 else "علیزاده"))
    return op, out


def _subjects(page) -> list[str]:  # noqa: ANN001
    return [r.subject for r in page.rows]


def test_default_order_is_newest_first_with_total(services, filled) -> None:
    """All rows, newest received first, and the total count."""
    page = services.inbox.page(InboxFilter())
    assert page.total == 6
    assert _subjects(page)[:2] == ["قطعی آب", "افت فشار گاز"]
    assert page.rows[0].channel_label == "سامانه سامد" and page.rows[0].status_label == "جدید"


def test_filters_narrow_rows_and_count(services, filled) -> None:
    """Channel, agency and date range each narrow both the rows and the count."""
    inbox = services.inbox
    assert _subjects(inbox.page(InboxFilter(channel=Channel.SAMAD))) == ["قطعی آب", "قطعی برق"]
    power = agency_id(services, "شرکت توزیع نیروی برق")
    assert inbox.count(InboxFilter(agency_id=power)) == 2
    today = jalali.tehran_today()
    f = InboxFilter(date_from=today - timedelta(days=25), date_to=today - timedelta(days=2))
    assert _subjects(inbox.page(f)) == ["افت فشار گاز", "خاموشی معابر", "قطعی برق"]
    assert inbox.count(InboxFilter(county_id=county_id(services))) == 6
    assert inbox.count(InboxFilter(county_id=county_id(services, "اهر"))) == 0


@pytest.mark.parametrize("query", ["می‌شود", "می شود", "میشود", "ميشود"])
def test_search_treats_zwnj_space_and_arabic_letters_alike(services, filled, query) -> None:
    """«می‌شود», «می شود», «میشود» and «ميشود» find the same requests."""
    page = services.inbox.page(InboxFilter(text=query))
    assert sorted(_subjects(page)) == ["قطعی آب", "قطعی برق"]


def test_search_by_name_national_id_mobile_and_code(services, filled) -> None:
    """Citizen name, national ID (Persian digits), mobile and tracking code are searchable."""
    _, rows = filled
    inbox = services.inbox
    assert inbox.count(InboxFilter(text="رضایی")) == 3
    nid = rows[4].citizen.national_id
    persian_nid = nid.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert _subjects(inbox.page(InboxFilter(text=persian_nid))) == ["سند تک‌برگ"]
    assert _subjects(inbox.page(InboxFilter(text=rows[2].tracking_code))) == ["خاموشی معابر"]
    assert inbox.count(InboxFilter(text="09121234567")) == 6
    assert inbox.count(InboxFilter(text="قطعی برق")) == 1  # every word must match
    assert inbox.count(InboxFilter(text="100%_")) == 0  # LIKE wildcards are literal


def test_status_overdue_and_deep_rooted_filters(services, filled) -> None:
    """Overdue only, deep-rooted only and status filters."""
    op, rows = filled
    # The request received 40 days ago is past its 10-working-day deadline.
    overdue = services.inbox.page(InboxFilter(overdue_only=True))
    assert set(_subjects(overdue)) == {"قطعی برق", "سند تک‌برگ", "تقدیر"}
    assert all(r.overdue for r in overdue.rows)
    r = services.requests.mark_deep_rooted(op, rows[0].id, rows[0].version)
    assert _subjects(services.inbox.page(InboxFilter(deep_rooted_only=True))) == ["قطعی آب"]
    services.requests.answer_directly(op, r.id, r.version, "پاسخ")
    answered = services.inbox.page(InboxFilter(statuses=[RequestStatus.ANSWERED]))
    assert _subjects(answered) == ["قطعی آب"]
    mine = services.inbox.page(InboxFilter(assignee_id=op.user_id))
    assert mine.total == 0


def test_paging_and_sorting(services, filled) -> None:
    """Pages do not overlap and ascending order reverses the list."""
    inbox = services.inbox
    first = inbox.page(InboxFilter(), offset=0, limit=4)
    second = inbox.page(InboxFilter(), offset=4, limit=4)
    assert len(first.rows) == 4 and len(second.rows) == 2 and second.total == 6
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
    asc = inbox.page(InboxFilter(), sort="received_at", descending=False)
    assert _subjects(asc) == list(reversed(_subjects(inbox.page(InboxFilter()))))
    by_deadline = inbox.page(InboxFilter(), sort="deadline", descending=False)
    deadlines = [r.deadline for r in by_deadline.rows]
    assert deadlines == sorted(deadlines)


def test_search_index_follows_edits_and_agrees_with_a_plain_scan(services, filled) -> None:
    """After an edit the index finds the new words, not the old; it agrees with a full scan."""
    from sqlalchemy import func, select

    from app.models import Request

    op, rows = filled
    r = services.requests.get(rows[2].id)
    services.requests.update(op, r.id, r.version, {"subject": "روشنایی بزرگراه"})
    assert _subjects(services.inbox.page(InboxFilter(text="بزرگراه"))) == ["روشنایی بزرگراه"]
    assert services.inbox.count(InboxFilter(text="خاموشی معابر")) == 0
    for word in ("قطع", "شود", "رضایی", "برق"):
        with services.db.read() as s:
            scan = s.scalar(select(func.count()).select_from(Request)
                            .where(Request.search_key.like(f"%{word}%")))
        assert services.inbox.count(InboxFilter(text=word)) == scan
