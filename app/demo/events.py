"""Demo surge events (issue 14 §1): a governor's trip last quarter, another this quarter and a
live SAMAD session, each with the letters that came in with it, so the events screen, the
inbox's event filter and the report's events section have something to show.

Draws from its own random stream and only tags requests the rest of the demo made, so the
demo's other figures stay what the seed gave.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.models import County, Event, Manager, Request
from app.models.database import Database
from app.models.enums import Channel, EventKind
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM

# Letters handed over on a trip (and the visits and calls it brings) are registered over the
# two weeks after it; what came through SAMAD or 111 meanwhile did not come with the trip.
REGISTERED_WITHIN = timedelta(days=14)
REMOTE = (Channel.SAMAD, Channel.LINE_111)


def _utc(day: date) -> datetime:
    """The start of a Tehran day, in UTC (how received_at is stored)."""
    return jalali.tehran_to_utc(datetime.combine(day, time(0)))


def add_demo_events(db: Database, today: date, seed: int) -> int:
    """Add three events and tag their requests; returns the requests tagged."""
    rng = random.Random(seed * 7_919 + 14)
    y, q = jalali.quarter_of(today)
    this_quarter = jalali.quarter_bounds(y, q)[0]
    last_quarter = jalali.quarter_bounds(*jalali.previous_quarter(y, q))[0]
    tagged = 0
    with db.write() as s:
        # One audit event explains the transaction's rows (audit verify's row log).
        audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": "events"})
        busiest = list(s.execute(
            select(Request.county_id, func.count()).where(Request.county_id.is_not(None))
            .group_by(Request.county_id).order_by(func.count().desc(), Request.county_id)
            .limit(2)))
        manager = s.scalar(select(Manager.id).order_by(Manager.id).limit(1))
        trips = [(busiest[i][0], start + timedelta(days=rng.randrange(10, 40)))
                 for i, start in enumerate((last_quarter, this_quarter)) if i < len(busiest)]
        live = max(this_quarter, today - timedelta(days=rng.randrange(8, 20)))
        plans = [(EventKind.TRIP, county, day, day + timedelta(days=1)) for county, day in trips]
        plans.append((EventKind.LIVE_SESSION, None, live, live))
        for kind, county, starts, ends in plans:
            if starts > today:
                continue  # a quarter only days old: no trip in it yet
            name = _name(s, kind, county)
            event_id = s.execute(insert(Event).values(
                name=name, kind=kind, starts_on=starts, ends_on=ends, county_id=county,
                manager_id=manager if kind == EventKind.TRIP else None, version=1,
                created_at=jalali.utc_now(), created_by=SYSTEM.user_id)
                .returning(Event.id)).scalar_one()
            if kind == EventKind.TRIP:
                which = [Request.county_id == county, Request.channel.not_in(REMOTE),
                         Request.received_at >= _utc(starts),
                         Request.received_at < _utc(ends + REGISTERED_WITHIN)]
            else:  # the calls of the session's day that came through SAMAD
                which = [Request.channel == Channel.SAMAD, Request.received_at >= _utc(starts),
                         Request.received_at < _utc(ends + timedelta(days=1))]
            tagged += s.execute(update(Request).where(*which, Request.event_id.is_(None))
                                .values(event_id=event_id)
                                .execution_options(synchronize_session=False)).rowcount or 0
    return tagged


def _name(s: Session, kind: EventKind, county_id: int | None) -> str:
    """The event's name as the office would write it."""
    if kind == EventKind.LIVE_SESSION:
        return "ارتباط زنده سامد با استاندار"
    county = s.get(County, county_id)
    return f"سفر استاندار به شهرستان {county.name if county else ''}".strip()
