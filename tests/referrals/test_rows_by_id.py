"""Rows by id, for refreshing a page's rows in place: the inbox and the tracker (both databases)."""

from __future__ import annotations

from app.models.enums import ReferralStatus, RequestStatus, Role
from app.services.core import jalali
from app.services.referrals.dto import TrackerFilter
from app.services.requests.dto import InboxFilter
from tests.support.helpers import agency_id, make_actor, register, valid_nid


def test_inbox_rows_match_the_page_and_show_the_current_agency(services) -> None:
    """rows(ids) gives the page's rows in the ids' order; a referral's agency replaces intake's."""
    op = make_actor(services, "op", Role.OPERATOR)
    first = register(services, op, subject="قطعی آب", agency="شرکت آب و فاضلاب",
                     nid=valid_nid("300000001"))
    second = register(services, op, subject="افت فشار گاز", agency="شرکت گاز",
                      nid=valid_nid("300000002"))
    page = services.inbox.page(InboxFilter())
    assert services.inbox.rows([r.id for r in page.rows]) == page.rows
    assert [r.id for r in services.inbox.rows([first.id, second.id])] == [first.id, second.id]
    power = agency_id(services, "شرکت توزیع نیروی برق")
    services.referrals.refer(op, first.id, first.version, power, "۱۲/۳", jalali.tehran_today(), 5)
    (row,) = services.inbox.rows([first.id])
    assert row.agency == "شرکت توزیع نیروی برق" and row.status == RequestStatus.AWAITING_AGENCY
    listed = {r.id: r.agency for r in services.inbox.page(InboxFilter()).rows}
    assert listed == {first.id: "شرکت توزیع نیروی برق", second.id: "شرکت گاز"}
    assert services.inbox.rows([]) == [] and services.inbox.rows([10**9]) == []


def test_tracker_rows_follow_an_answer(services) -> None:
    """rows(ids) of the tracker shows a referral's new state right after it changed."""
    op = make_actor(services, "op", Role.OPERATOR)
    req = register(services, op, subject="قطعی آب", nid=valid_nid("300000003"))
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services), "۴۴/۱",
                                   jalali.tehran_today(), 5)
    page = services.tracker.page(TrackerFilter(status=ReferralStatus.OPEN))
    assert services.tracker.rows([ref.id]) == [r for r in page.rows if r.id == ref.id]
    services.referrals.record_response(op, ref.id, ref.version, "انجام شد", jalali.tehran_today())
    (row,) = services.tracker.rows([ref.id])
    assert row.status == ReferralStatus.ANSWERED and row.version == ref.version + 1
    assert services.tracker.rows([10**9]) == []


def test_agency_filter_finds_requests_referred_to_the_agency(services) -> None:
    """Filtering the inbox by an agency finds requests named for it and requests referred to it."""
    op = make_actor(services, "op", Role.OPERATOR)
    water = register(services, op, subject="قطعی آب", agency="شرکت آب و فاضلاب",
                     nid=valid_nid("300000021"))
    gas = register(services, op, subject="افت فشار گاز", agency="شرکت گاز",
                   nid=valid_nid("300000022"))
    power = agency_id(services, "شرکت توزیع نیروی برق")
    assert services.inbox.count(InboxFilter(agency_id=power)) == 0
    services.referrals.refer(op, water.id, water.version, power, "۱/۲", jalali.tehran_today(), 5)
    assert [r.id for r in services.inbox.page(InboxFilter(agency_id=power)).rows] == [water.id]
    assert services.inbox.count(InboxFilter(agency_id=power)) == 1
    gas_agency = agency_id(services, "شرکت گاز")
    assert [r.id for r in services.inbox.page(InboxFilter(agency_id=gas_agency)).rows] == [gas.id]
