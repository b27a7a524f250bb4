"""County scope in the services: a فرمانداری's user sees and writes only its counties (both DBs)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

import pytest

from app.errors import NotFound, ValidationError
from app.models.enums import Channel, RequestType, Role
from app.models.review import ReviewReason
from app.services.core import jalali
from app.services.core import messages as msg
from app.services.core.context import SYSTEM, Actor
from app.services.core.reference import counties
from app.services.core.users import actor_of
from app.services.meetings.dto import CalendarFilter  # noqa: F401
from app.services.referrals.dto import TrackerFilter
from app.services.registry import Services
from app.services.requests.dto import InboxFilter, NewRequest
from app.services.review.dto import QueueFilter
from tests.support.helpers import agency_id


@dataclass
class World:
    """Two counties' cases and a user limited to the first."""

    a: int
    b: int
    a_requests: list[int]
    b_requests: list[int]
    scoped: Actor
    a_meeting: int
    b_meeting: int


def _request(services: Services, county: int | None, subject: str) -> int:
    return services.requests.register(SYSTEM, NewRequest(
        channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject=subject, county_id=county,
        agency_id=agency_id(services))).id


@pytest.fixture
def world(services: Services) -> World:
    """The cases of two counties and a user limited to the first (see build_world)."""
    return build_world(services)


def build_world(services: Services, username: str = "farmandari") -> World:
    """Three requests in county A, two in B, one with no county; a referral and a meeting each."""
    cs = counties(services.db)
    a, b = cs[0].id, cs[1].id
    a_req = [_request(services, a, f"درخواست الف {i}") for i in range(3)]
    b_req = [_request(services, b, f"درخواست ب {i}") for i in range(2)]
    _request(services, None, "درخواست بی‌شهرستان")
    today = jalali.tehran_today()
    for rid in (a_req[0], b_req[0]):
        d = services.requests.get(rid)
        ref = services.referrals.refer(SYSTEM, rid, d.version, agency_id(services), f"ن-{rid}",
                                       today)
        services.referrals.escalate(SYSTEM, ref.id, ref.version, "بررسی شود")
    meetings = []
    for county in (a, b):
        mid = services.meetings.add_manager(SYSTEM, f"مدیر {county}", "فرماندار",
                                            agency_id(services), county)
        meetings.append(services.meetings.create_meeting(
            SYSTEM, mid, today, time(9), time(11), kind="trip", county_id=county).id)
    user = services.users.add(SYSTEM, username, "secret-1", Role.OPERATOR)
    user = services.users.set_counties(SYSTEM, user.id, [a], user.version)
    return World(a, b, a_req, b_req, actor_of(user), *meetings)


def test_set_counties_fills_the_actor_and_is_audited(services: Services, world: World) -> None:
    """The user carries its counties; the change is versioned and audited; none = province."""
    info = next(u for u in services.users.list() if u.username == "farmandari")
    assert info.county_ids == (world.a,) and info.counties == (counties(services.db)[0].name,)
    assert world.scoped.counties == frozenset({world.a})
    again = services.users.set_counties(SYSTEM, info.id, [], info.version)
    assert again.county_ids == () and actor_of(again).counties is None
    assert again.version == info.version + 1
    with pytest.raises(Exception):  # noqa: B017 - a stale copy conflicts
        services.users.set_counties(SYSTEM, info.id, [world.b], info.version)
    operator = replace(world.scoped, counties=None)
    with pytest.raises(Exception):  # noqa: B017 - only administrators
        services.users.set_counties(operator, info.id, [world.b], again.version)


def test_inbox_and_request_reads(services: Services, world: World) -> None:
    """The inbox, its count and a request's detail stay within the user's counties."""
    f = InboxFilter()
    assert services.inbox.count(f) == 6  # the province: both counties and the county-less one
    assert services.inbox.count(f, world.scoped) == 3
    page = services.inbox.page(f, actor=world.scoped)
    assert sorted(r.id for r in page.rows) == sorted(world.a_requests) and page.total == 3
    assert services.inbox.rows(world.b_requests, world.scoped) == []
    assert services.inbox.count(InboxFilter(county_id=world.b), world.scoped) == 0
    # The search (trigram index on both backends) keeps the scope too.
    assert services.inbox.count(InboxFilter(text="درخواست")) == 6
    assert services.inbox.count(InboxFilter(text="درخواست"), world.scoped) == 3
    assert services.inbox.count(InboxFilter(text="درخواست ب"), world.scoped) == 0
    assert services.requests.get(world.a_requests[0], world.scoped).county_id == world.a
    with pytest.raises(NotFound):
        services.requests.get(world.b_requests[0], world.scoped)


def test_writes_outside_the_scope_are_refused(services: Services, world: World) -> None:
    """No request for another county; another county's request cannot be changed."""
    with pytest.raises(ValidationError) as err:
        services.requests.register(world.scoped, NewRequest(
            channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject="ثبت برای دیگری",
            county_id=world.b))
    assert err.value.errors["county_id"] == msg.COUNTY_OUT_OF_SCOPE
    with pytest.raises(ValidationError):
        services.requests.register(world.scoped, NewRequest(
            channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject="بی‌شهرستان"))
    own = services.requests.register(world.scoped, NewRequest(
        channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject="ثبت برای خود",
        county_id=world.a))
    assert own.county_id == world.a
    with pytest.raises(ValidationError):
        services.requests.update(world.scoped, own.id, own.version, {"county_id": world.b})
    other = services.requests.get(world.b_requests[1])
    with pytest.raises(NotFound):
        services.requests.mark_deep_rooted(world.scoped, other.id, other.version)
    assert not services.requests.get(other.id).deep_rooted


def test_tracker_calendar_and_review_queue(services: Services, world: World) -> None:
    """Referrals, meetings and the review queue of other counties are out of sight."""
    assert services.tracker.count(TrackerFilter()) == 2
    assert services.tracker.count(TrackerFilter(), world.scoped) == 1
    rows = services.tracker.page(TrackerFilter(), actor=world.scoped).rows
    assert [r.request_id for r in rows] == [world.a_requests[0]]
    today = jalali.tehran_today()
    seen = {o.meeting_id for o in services.calendar.range(today, today).occurrences}
    assert {world.a_meeting, world.b_meeting} <= seen
    mine = {o.meeting_id for o in services.calendar.range(today, today,
                                                          actor=world.scoped).occurrences}
    assert world.a_meeting in mine and world.b_meeting not in mine
    queue = QueueFilter(reason=ReviewReason.ESCALATED)
    assert services.reviews.queue(queue).total == 2
    scoped = services.reviews.queue(queue, actor=world.scoped)
    assert scoped.total == 1 and scoped.rows[0].request_id == world.a_requests[0]


def test_statistics_count_only_the_users_counties(services: Services, world: World) -> None:
    """The start page's counts, the quarter's summary and the county table of the report."""
    assert services.stats.overview_counts()["requests"] == 6
    mine = services.stats.overview_counts(world.scoped)
    assert mine["requests"] == 3 and mine["referrals"] == 1 and mine["meetings"] == 1
    year, quarter = jalali.quarter_of(jalali.tehran_today())
    assert services.stats.quarter_summary(year, quarter).received == 6
    assert services.stats.quarter_summary(year, quarter, world.scoped).received == 3
    report = services.stats.quarterly_report(year, quarter, actor=world.scoped)
    assert report.summary.received == 3
    assert [(c.county, c.received) for c in report.counties] == \
        [(counties(services.db)[0].name, 3)]


def test_a_samad_import_for_another_county_is_refused_whole(services: Services, world: World,
                                                            tmp_path) -> None:  # noqa: ANN001
    """A فرمانداری's import holding another county's row writes nothing, with the message."""
    from tests.requests.test_import import row, write_csv

    names = {c.id: c.name for c in counties(services.db)}
    path = write_csv(tmp_path / "samad.csv", [row("S-1", county=names[world.a]),
                                               row("S-2", county=names[world.b])])
    before = services.inbox.count(InboxFilter())
    with pytest.raises(ValidationError) as err:
        services.samad.run(world.scoped, path)
    assert msg.COUNTY_OUT_OF_SCOPE in err.value.errors.values()
    assert services.inbox.count(InboxFilter()) == before
    path = write_csv(tmp_path / "own.csv", [row("S-3", county=names[world.a])])
    assert services.samad.run(world.scoped, path).imported == 1
    assert services.inbox.count(InboxFilter(), world.scoped) == 4


def test_pick_lists_offer_a_limited_user_only_their_counties(services: Services,
                                                             world: World) -> None:
    """The filter bars and the intake form read their counties here: nothing unusable offered."""
    mine = services.reference.counties(actor=world.scoped)
    assert [c.id for c in mine] == [world.a]
    everyone = services.reference.counties(actor=replace(world.scoped, counties=None))
    assert len(everyone) == len(counties(services.db)) > 1
