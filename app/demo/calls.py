"""Demo satisfaction calls: most closed requests phoned a few days after closing.

The recent closings (the last few days) are left for the call list, so the page «تماس رضایت»
has work; older ones were called once to three times on different days, most reached, a few
given up as «پاسخ نداد». Scores lean on the closing's satisfaction when one was recorded. Its own
random stream, so the requests a seed gives stay the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from app.models import Citizen, Request
from app.models.database import Database
from app.models.enums import RequestStatus
from app.models.satisfaction_call import (
    MAX_ATTEMPTS,
    CallOutcome,
    SatisfactionCall,
    SatisfactionCallAttempt,
)
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM

BATCH = 5000
LEFT_FOR_THE_LIST = 4  # requests closed in the last days are still to be called
CALLED_SHARE = 0.85  # of the older closings; the others slipped out of the window
REACH_CHANCE = 0.65
COMMENTS = ["از پیگیری دفتر تشکر کرد", "مشکل هنوز پابرجاست", "پاسخ دستگاه قانع‌کننده نبود",
            "خواستار پیگیری دوباره است", ""]


def _score(rng: random.Random, closing: int | None) -> int:
    """A call's score: near the closing's one when recorded, else the office's usual spread."""
    if closing is not None and rng.random() < 0.7:
        return max(1, min(5, closing + rng.choice((-1, 0, 0, 1))))
    return rng.choices((1, 2, 3, 4, 5), (6, 9, 20, 35, 30))[0]


def _at(rng: random.Random, day: date) -> datetime:
    """An office-hours moment of a Tehran day, as naive UTC."""
    minute = rng.randrange(8 * 60, 14 * 60)
    return jalali.tehran_to_utc(datetime.combine(day, time(minute // 60, minute % 60)))


def add_demo_calls(db: Database, today: date, seed: int) -> int:
    """Record the demo's calls in bulk; returns how many phone calls were added."""
    rng = random.Random(seed * 7907 + 3)
    last_day = today - timedelta(days=LEFT_FOR_THE_LIST)
    with db.read() as s:
        closed = s.execute(
            select(Request.id, Request.closed_at, Request.satisfaction)
            .join(Citizen, Citizen.id == Request.citizen_id)
            .where(Request.status == RequestStatus.CLOSED, Request.closed_at.is_not(None),
                   Citizen.mobile.is_not(None))
            .order_by(Request.id)).all()
    made = 0
    for i in range(0, len(closed), BATCH):
        calls, tries = [], []
        for rid, closed_at, closing in closed[i:i + BATCH]:
            first = jalali.to_tehran(closed_at).date() + timedelta(days=rng.randrange(1, 6))
            if first > last_day or rng.random() > CALLED_SHARE:
                continue
            days, reached = [], False
            day = first
            while len(days) < MAX_ATTEMPTS and day <= last_day and not reached:
                days.append(day)
                reached = rng.random() < REACH_CHANCE
                day += timedelta(days=rng.randrange(1, 4))
            score = _score(rng, closing) if reached else None
            outcome = (CallOutcome.REACHED if reached else CallOutcome.NO_ANSWER
                       if len(days) == MAX_ATTEMPTS else CallOutcome.PENDING)
            finished = _at(rng, days[-1]) if outcome != CallOutcome.PENDING else None
            comment = rng.choice(COMMENTS) if reached else ""
            calls.append({"request_id": rid, "outcome": outcome, "attempts": len(days),
                          "last_attempt_day": days[-1], "score": score,
                          "solved": (score >= 4 if rng.random() < 0.85 else score < 4)
                          if reached else None,
                          "comment": comment, "finished_at": finished, "caller_id": None,
                          "created_at": _at(rng, days[0]), "version": len(days)})
            tries.append([(d, reached and k == len(days) - 1, comment if reached else "")
                          for k, d in enumerate(days)])
        if not calls:
            continue
        with db.write() as s:
            audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": "calls"})
            ids = dict(s.execute(insert(SatisfactionCall).returning(
                SatisfactionCall.request_id, SatisfactionCall.id), calls).all())
            rows = [{"call_id": ids[c["request_id"]], "request_id": c["request_id"],
                     "at": _at(rng, d), "day": d, "reached": ok, "note": note, "caller_id": None}
                    for c, attempts in zip(calls, tries, strict=True) for d, ok, note in attempts]
            s.execute(insert(SatisfactionCallAttempt), rows)
            made += len(rows)
    return made
