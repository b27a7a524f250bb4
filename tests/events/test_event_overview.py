"""The events screen's service side on SQLite and PostgreSQL: the list with its counts, edits
under the version and the right to write, and the inbox filtered to one event (issue 14 §1)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import ConflictError, PermissionDenied
from app.models.enums import EventKind, Role
from app.services.core import jalali
from app.services.events.dto import EventInput
from app.services.requests.dto import InboxFilter
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "clerk1", Role.OPERATOR)


def _event(services, clerk, name: str, days_ago: int = 0):  # noqa: ANN001, ANN202
    day = jalali.tehran_today() - timedelta(days=days_ago)
    return services.events.create(clerk, EventInput(
        name=name, kind=EventKind.TRIP, starts_on=day, ends_on=day,
        county_id=county_id(services, "مرند")))


def _tagged(services, clerk, event_id: int, n: int, subject: str, seed: int) -> list[int]:  # noqa: ANN001
    ids = [register(services, clerk, subject=subject, nid=valid_nid(f"{seed:06d}{i:03d}")).id
           for i in range(n)]
    services.events.tag(clerk, ids, event_id)
    return ids


def test_overview_newest_first_with_the_reports_counts(services, clerk) -> None:
    """Each event lists its letters received, answered directly, referred and still open."""
    old = _event(services, clerk, "سفر رئیس‌جمهور به تبریز", days_ago=3)
    new = _event(services, clerk, "ارتباط زنده سامد")
    ids = _tagged(services, clerk, old.id, 4, "قطعی مکرر آب", 1)
    d = services.requests.get(ids[0])
    services.requests.answer_directly(clerk, d.id, d.version, "آب وصل شد.")
    services.batch.refer(clerk, ids[1:3], agency_id(services, "شرکت گاز"))
    rows = services.events.overview(clerk)
    assert [r.event.id for r in rows] == [new.id, old.id]
    assert (rows[0].received, rows[0].answered_directly, rows[0].referred, rows[0].open) == (
        0, 0, 0, 0)
    # Answered directly is settled; the two referred wait for the agency; one is untouched.
    assert (rows[1].received, rows[1].answered_directly, rows[1].referred, rows[1].open) == (
        4, 1, 2, 3)
    assert rows[1].event.county == "مرند" and rows[1].event.kind_label == "سفر"


def test_edit_needs_the_right_and_the_current_version(services, clerk) -> None:
    """An inspector may not create or edit; a stale save is the house's conflict."""
    e = _event(services, clerk, "روز ملاقات ویژه")
    inspector = make_actor(services, "insp1", Role.INSPECTOR)
    data = EventInput(name="روز ملاقات ویژهٔ استاندار", kind=EventKind.MEETING_DAY,
                      starts_on=e.starts_on, ends_on=e.ends_on, county_id=e.county_id)
    with pytest.raises(PermissionDenied):
        services.events.create(inspector, data)
    with pytest.raises(PermissionDenied):
        services.events.update(inspector, e.id, e.version, data)
    saved = services.events.update(clerk, e.id, e.version, data)
    assert saved.version == e.version + 1 and saved.name == data.name
    with pytest.raises(ConflictError) as err:
        services.events.update(clerk, e.id, e.version, data)
    assert "رایانهٔ دیگری" in str(err.value)


def test_inbox_filter_by_event_same_shape_each_its_rows(services, clerk) -> None:
    """Two event filters of one shape (same words, other event) give each their own rows.

    PostgreSQL keeps the first page's statements per shape (first_page._filter_key): an event
    missing from the key would hand the second event the first one's statement and rows.
    """
    a = _event(services, clerk, "سفر استاندار به مرند")
    b = _event(services, clerk, "سفر استاندار به اهر")
    in_a = _tagged(services, clerk, a.id, 2, "لوله‌کشی فرسوده روستا", 2)
    in_b = _tagged(services, clerk, b.id, 3, "لوله‌کشی فرسوده روستا", 3)
    register(services, clerk, subject="لوله‌کشی فرسوده روستا", nid=valid_nid("000004001"))
    for text in ("لوله‌کشی فرسوده", ""):  # the first-page search, then the general query
        for event, expected in ((a, in_a), (b, in_b), (a, in_a)):
            f = InboxFilter(text=text, event_id=event.id)
            page = services.inbox.page(f, limit=50, actor=clerk)
            assert sorted(r.id for r in page.rows) == sorted(expected), (text, event.name)
            assert page.total == len(expected)
            assert services.inbox.count(f, clerk) == len(expected)
    assert services.inbox.page(InboxFilter(text="لوله‌کشی فرسوده"), limit=50).total == 6
