"""Events, batch intake and batch actions on SQLite and PostgreSQL (issue 14 §1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import OfficialLetter, Referral, Request
from app.models.enums import Channel, EventKind, RequestStatus, Role
from app.services.core import jalali
from app.services.events.dto import BatchRow, EventInput
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "clerk1", Role.OPERATOR)


def _event(services, clerk, name: str = "سفر استاندار به مرند"):  # noqa: ANN001, ANN202
    today = jalali.tehran_today()
    return services.events.create(clerk, EventInput(
        name=name, kind=EventKind.TRIP, starts_on=today, ends_on=today + timedelta(days=1),
        county_id=county_id(services, "مرند")))


def test_event_create_edit_list_and_refusals(services, clerk) -> None:
    """An event is created, edited under its version and listed; bad fields are named."""
    e = _event(services, clerk)
    assert e.kind_label == "سفر" and e.county == "مرند" and e.version == 1
    changed = services.events.update(clerk, e.id, e.version, EventInput(
        name="ارتباط زنده سامد آذر", kind=EventKind.LIVE_SESSION, starts_on=e.starts_on,
        ends_on=e.starts_on))
    assert changed.version == 2 and changed.county == "" and changed.kind_label == "ارتباط زنده سامد"
    assert [x.id for x in services.events.list(current_only=True)] == [e.id]
    with pytest.raises(ValidationError) as err:
        services.events.create(clerk, EventInput(name=" ", kind="x", starts_on=date(2026, 12, 2),
                                                 ends_on=date(2026, 12, 1)))
    assert set(err.value.errors) == {"name", "kind", "ends_on"}


def test_request_tagged_at_registration_and_afterwards(services, clerk) -> None:
    """The intake's event field tags a request; tagging later moves the version and is audited."""
    e = _event(services, clerk)
    r1 = register(services, clerk)
    r2 = register(services, clerk, nid=valid_nid("123456789"))
    assert services.events.tag(clerk, [r1.id, r2.id], e.id) == [r1.id, r2.id]
    assert services.events.tag(clerk, [r1.id], e.id) == []  # already tagged: nothing to do
    with services.db.read() as s:
        rows = s.execute(select(Request.event_id, Request.version)
                         .where(Request.id.in_([r1.id, r2.id]))).all()
    assert {tuple(r) for r in rows} == {(e.id, 2)}
    with pytest.raises(ValidationError):
        services.events.tag(clerk, [r1.id], 999999)


def test_batch_row_saved_with_code_event_and_history(services, clerk) -> None:
    """A grid row becomes a request at once: tracking code, event, channel; the citizen's
    earlier requests are found by national ID; the day's counter counts it."""
    e = _event(services, clerk)
    nid = valid_nid("001354241")
    register(services, clerk, nid=nid)
    assert services.intake.history(nid).earlier[0].subject == "قطعی مکرر آب آشامیدنی"
    assert services.intake.history(valid_nid("555555554")) is None
    channel = services.intake.event_channel(e.id)
    assert channel == Channel.TRIP
    saved = services.intake.save_row(clerk, BatchRow(
        national_id=nid, first_name="زهرا", last_name="قاسم‌زاده", mobile="09121234567",
        county="مرند", agency="شرکت گاز", subject="گازرسانی به روستا"), e.id, channel)
    d = services.requests.get(saved.request_id)
    assert d.tracking_code == saved.tracking_code and d.channel == Channel.TRIP
    assert d.county == "مرند" and d.agency == "شرکت گاز" and d.citizen.national_id == nid
    with services.db.read() as s:
        assert s.get(Request, saved.request_id).event_id == e.id
    assert services.intake.done_today(clerk, e.id) == 1
    assert services.intake.done_today(clerk) == 2


def test_batch_row_errors_name_grid_cells(services, clerk) -> None:
    """An unknown county or agency and a bad national ID are reported by grid field."""
    with pytest.raises(ValidationError) as err:
        services.intake.save_row(clerk, BatchRow(county="ناکجا", agency="هیچ", subject="x"),
                                 None, Channel.LETTER)
    assert set(err.value.errors) == {"county", "agency"}
    with pytest.raises(ValidationError) as err:
        services.intake.save_row(clerk, BatchRow(national_id="1234567890", county="تبریز",
                                                 subject="x"), None, Channel.LETTER)
    assert set(err.value.errors) == {"national_id"}


def test_batch_assign_and_deep_rooted_in_one_transaction(services, clerk) -> None:
    """Assign and deep-rooted change every selected request once; a missing id changes none."""
    ids = [register(services, clerk, nid=valid_nid(f"00135424{i}")).id for i in range(3)]
    services.batch.assign(clerk, ids, clerk.user_id)
    services.batch.mark_deep_rooted(clerk, ids[:2])
    with pytest.raises(Exception):  # noqa: B017 (NotFound: the whole batch refused)
        services.batch.mark_deep_rooted(clerk, [ids[2], 987654])
    with services.db.read() as s:
        rows = s.execute(select(Request.id, Request.assignee_id, Request.deep_rooted,
                                Request.status, Request.version)
                         .where(Request.id.in_(ids)).order_by(Request.id)).all()
    assert [tuple(r)[1:] for r in rows] == [
        (clerk.user_id, True, RequestStatus.IN_REVIEW, 3),
        (clerk.user_id, True, RequestStatus.IN_REVIEW, 3),
        (clerk.user_id, False, RequestStatus.IN_REVIEW, 2)]


def test_batch_refer_consecutive_numbers(services, clerk) -> None:
    """Referring three requests takes three consecutive numbers, one letter each."""
    ids = [register(services, clerk, nid=valid_nid(f"00135424{i}")).id for i in range(3)]
    first = services.letters.next_number()
    result = services.batch.refer(clerk, ids, agency_id(services, "شرکت گاز"))
    assert result.letter_numbers[0] == first and len(set(result.letter_numbers)) == 3
    serials = [int(n.rsplit("-", 1)[-1]) for n in result.letter_numbers]
    assert serials == list(range(serials[0], serials[0] + 3))
    with services.db.read() as s:
        refs = s.scalars(select(Referral).where(Referral.request_id.in_(ids))
                         .order_by(Referral.request_id)).all()
        assert [r.letter_no for r in refs] == result.letter_numbers
        assert s.scalar(select(func.count()).select_from(OfficialLetter)) == 3
    assert all(services.requests.get(i).status == RequestStatus.AWAITING_AGENCY for i in ids)


def test_batch_refer_covering_letter_and_closed_refusal(services, clerk) -> None:
    """A covering letter gives all the referrals one number; a closed request refuses all."""
    ids = [register(services, clerk, nid=valid_nid(f"00135424{i}")).id for i in range(3)]
    result = services.batch.refer(clerk, ids[:2], agency_id(services), covering=True)
    assert len(result.letter_numbers) == 1
    with services.db.read() as s:
        nos = s.scalars(select(Referral.letter_no).where(Referral.request_id.in_(ids))).all()
    assert nos == result.letter_numbers * 2
    d = services.requests.get(ids[2])
    services.requests.close(clerk, d.id, d.version)
    before = services.letters.next_number()
    with pytest.raises(ValidationError) as err:
        services.batch.refer(clerk, [ids[0], ids[2]], agency_id(services))
    assert "مختومه" in err.value.errors["request_ids"]
    assert services.letters.next_number() == before  # no number was used up


def test_slip_sheet_one_slip_per_citizen(services, clerk, tmp_path) -> None:  # noqa: ANN001
    """Five rows of three citizens print three slips on one A4 page."""
    from app.services.events.slips import slip_cards

    nids = [valid_nid("001354241"), valid_nid("123456789"), valid_nid("001354241"),
            valid_nid("222222223"), valid_nid("123456789")]
    saved = [services.intake.save_row(clerk, BatchRow(national_id=n, first_name="علی",
                                                      last_name="رضایی", county="تبریز",
                                                      subject=f"موضوع {i}"), None, Channel.LETTER)
             for i, n in enumerate(nids)]
    details = [services.requests.get(x.request_id) for x in saved]
    cards = slip_cards(details)
    assert len(cards) == 3 and cards[0].rows[-1][0] == "کدهای دیگر:"
    out = tmp_path / "slips.pdf"
    assert services.intake.write_slips([x.request_id for x in saved], out) == 1
    assert out.stat().st_size > 1000


def test_covering_letter_pdf_lists_the_requests(services, clerk, tmp_path) -> None:  # noqa: ANN001
    """The covering letter carries its one number; its annex table lists every request."""
    from tests.reports.pdftools import norm, pdftotext_pages

    ids = [register(services, clerk, nid=valid_nid(f"00135424{i}"),
                    subject=f"موضوع شمارهٔ {i}").id for i in range(3)]
    result = services.batch.refer(clerk, ids, agency_id(services, "شرکت گاز"), covering=True)
    out = tmp_path / "covering.pdf"
    assert services.batch.write_covering_pdf(result.letter_numbers[0], out) == 2
    text = " ".join(pdftotext_pages(out))
    assert norm("پیوست: فهرست درخواست‌ها") in text and norm("شرکت گاز") in text
    for i in ids:
        assert services.requests.get(i).tracking_code in text
