"""The demo's surge events: two trips and a live SAMAD session, each tagging only the requests
its rule names, counted by the events screen and listed by the quarterly report; the same seed
gives the same events on either database."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from app.demo.events import REGISTERED_WITHIN, REMOTE
from app.demo.generator import DemoGenerator
from app.models import Event, Request
from app.models.database import Database
from app.models.enums import Channel, EventKind
from app.services.core import clock, jalali
from app.services.core.reference import prepare_database
from app.services.registry import Services
from app.services.reports.events import event_rows

TODAY = date(2026, 11, 28)
AT_TEN = jalali.tehran_to_utc(datetime.combine(TODAY, time(10)))


def _events(db: Database) -> list[tuple]:
    with db.read() as s:
        return [(e.name, e.kind, e.starts_on, e.ends_on, e.county_id,
                 sorted(s.scalars(select(Request.id).where(Request.event_id == e.id))))
                for e in s.scalars(select(Event).order_by(Event.id))]


def test_demo_events_tag_what_their_rules_name(services: Services) -> None:
    db = services.db
    with clock.frozen(AT_TEN):
        DemoGenerator(db, seed=9, today=TODAY).run(4000)
        overview = {e.event.name: e for e in services.events.overview()}
    events = _events(db)
    assert [k for _n, k, *_r in events] == [EventKind.TRIP, EventKind.TRIP, EventKind.LIVE_SESSION]
    with db.read() as s:
        for name, kind, starts, ends, county, ids in events:
            assert ids, name  # each event has letters to show
            assert overview[name].received == len(ids)
            for r in s.scalars(select(Request).where(Request.id.in_(ids))):
                day = jalali.to_tehran(r.received_at).date()
                if kind == EventKind.TRIP:
                    assert r.county_id == county and r.channel not in REMOTE
                    assert starts <= day < ends + REGISTERED_WITHIN
                else:
                    assert r.channel == Channel.SAMAD and day == starts
    # The report of last quarter lists the first trip with its letters.
    y, q = jalali.previous_quarter(*jalali.quarter_of(TODAY))
    start, end = jalali.quarter_bounds(y, q)
    with db.read() as s:
        rows = event_rows(s, start, end, end)
    assert [(r.name, r.received) for r in rows] == [(events[0][0], len(events[0][5]))]


def test_the_same_seed_gives_the_same_events(services: Services, tmp_path) -> None:  # noqa: ANN001
    with clock.frozen(AT_TEN):
        DemoGenerator(services.db, seed=13, today=TODAY).run(1500)
        other = Database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
        prepare_database(other)
        DemoGenerator(other, seed=13, today=TODAY).run(1500)
    assert _events(services.db) == _events(other)
    other.dispose()
