"""Demo data: deterministic for a seed, realistic, valid."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from sqlalchemy import select

from app.demo.generator import DemoGenerator
from app.models import Agency, Citizen, Meeting, Referral, Request
from app.models.database import Database
from app.services.core import clock, jalali, persian, reference
from app.services.core.reference import COUNTIES, prepare_database

TODAY = date(2026, 11, 28)


def _fill(url: str, seed: int, n: int = 1500) -> Database:
    db = Database(url)
    prepare_database(db)
    DemoGenerator(db, seed=seed, today=TODAY).run(n)
    return db


def _fingerprint(db: Database) -> list[tuple]:
    with db.read() as s:
        return s.execute(
            select(Request.tracking_code, Request.subject, Request.channel, Request.status,
                   Request.received_at, Citizen.national_id)
            .join(Citizen, Citizen.id == Request.citizen_id).order_by(Request.id)
        ).all()


def test_same_seed_gives_the_same_data(tmp_path) -> None:
    """Two databases filled with the same seed hold identical requests; another seed differs."""
    # Same seed and same clock: today's requests are capped at «now», so the clock must not move
    # between the fills.
    with clock.frozen(jalali.tehran_to_utc(datetime.combine(TODAY, time(10)))):
        a = _fill(f"sqlite:///{tmp_path / 'a.sqlite3'}", seed=11)
        b = _fill(f"sqlite:///{tmp_path / 'b.sqlite3'}", seed=11)
        c = _fill(f"sqlite:///{tmp_path / 'c.sqlite3'}", seed=12)
    assert _fingerprint(a) == _fingerprint(b)
    assert _fingerprint(a) != _fingerprint(c)


def test_demo_is_realistic(db) -> None:
    """Real counties, every channel and type, ~10% governorate, valid IDs, four quarters."""
    DemoGenerator(db, seed=5, today=TODAY).run(3000)
    with db.read() as s:
        reqs = s.execute(select(Request.channel, Request.type, Request.agency_id,
                                Request.received_at, Request.status)).all()
        gov = s.scalar(select(Agency.id).where(Agency.is_governorate.is_(True)))
        nids = s.scalars(select(Citizen.national_id)).all()
        counties = set(s.scalars(select(Request.county_id)))
        refs = s.execute(select(Referral.deadline, Referral.response_date)).all()
        meetings = s.scalars(select(Meeting.status)).all()
    assert len(reqs) == 3000
    assert {r.channel for r in reqs} == {"samad", "line111", "meeting", "trip", "walk_in",
                                         "letter", "phone"}
    assert len({r.type for r in reqs}) == 6
    share = sum(1 for r in reqs if r.agency_id == gov) / len(reqs)
    assert 0.06 <= share <= 0.14
    # A planted repeat by phone (app/demo/repeats.py) is a citizen known by mobile alone.
    assert all(persian.is_valid_national_id(n) for n in nids if n is not None)
    assert sum(1 for n in nids if n is None) < len(nids) // 50
    assert len(counties) == len(COUNTIES)
    quarters = Counter(jalali.quarter_of(jalali.to_tehran(r.received_at).date()) for r in reqs)
    assert len(quarters) >= 5 and min(quarters.values()) > 100
    on_time = sum(1 for d, r in refs if r is not None and r <= d)
    late = sum(1 for d, r in refs if r is not None and r > d)
    overdue = sum(1 for d, r in refs if r is None and d < TODAY)
    assert on_time and late and overdue
    assert Counter(meetings)["held"] > Counter(meetings)["cancelled"] > 0


def test_demo_times_look_like_an_office_day(db) -> None:
    """Requests arrive in office hours on working days, spread out; the newest do not share a
    timestamp (the top of the inbox looked fake when twenty rows had the same time)."""
    now = jalali.tehran_to_utc(datetime.combine(TODAY, time(10, 40)))
    with clock.frozen(now):
        DemoGenerator(db, seed=8, today=TODAY).run(1500)
    cal = reference.work_calendar(db)
    with db.read() as s:
        rows = s.execute(select(Request.received_at, Request.channel)
                         .order_by(Request.received_at.desc())).all()
    newest = [r.received_at for r in rows[:20]]
    assert len(set(newest)) == 20
    assert max(newest) <= now
    for received, channel in rows:
        local = jalali.to_tehran(received)
        assert cal.is_working_day(local.date()), local
        if channel != "meeting":  # meetings run 09:00–12:00
            assert time(7, 30) <= local.time() < time(14, 30), local
    hours = Counter(jalali.to_tehran(r.received_at).hour for r in rows)
    assert len(hours) >= 7  # spread through the day, not bunched in one hour


def test_demo_overdue_referrals_are_plausible(db) -> None:
    """No referral is left unanswered for many months: at most ~60 working days overdue."""
    DemoGenerator(db, seed=6, today=TODAY).run(3000)
    cal = reference.work_calendar(db)
    with db.read() as s:
        open_deadlines = s.scalars(select(Referral.deadline)
                                   .where(Referral.status == "open", Referral.deadline < TODAY))
        worst = max(cal.working_days_between(d, TODAY) for d in open_deadlines)
    assert 5 < worst <= 60
