"""Demo repeats: citizens who come back on the same matter, planted on purpose and recorded.

Some requests the generator made are rewritten as a citizen's second request on the matter of an
earlier one (same citizen, or a phone call giving only the same mobile; another channel; a few
days to ten weeks later; the wording varied as people vary it). The list of what was planted is
kept on the generator (`planted_repeats`) so benchmarks/repeats_quality.py can measure the
detection's precision and recall against it. A few of the pairs were linked by a clerk
(«تکراری» closes the repeat with a pointer, «مرتبط» not), so the detail pane and the quarterly
report have links to show.

Only requests without referrals or a meeting are rewritten, so the counts of requests,
referrals and meetings stay as generated.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from app.demo import text as demo_text
from app.models import Citizen, Request, RequestLink
from app.models.enums import RequestStatus
from app.services.core import jalali, persian
from app.services.requests.repeats import DUPLICATE, RELATED
from app.services.requests.service import request_search_key

if TYPE_CHECKING:
    from app.demo.generator import DemoGenerator

SHARE = 0.03  # of all requests, rewritten as repeats
WINDOW_DAYS = 90  # the office's default window
# How people word a second request on the same matter, with their weights.
HOWS = [("same", 35), ("follow_up", 20), ("shorter", 15), ("spelling", 10), ("reworded", 12),
        ("vague", 8)]
LINKED_SHARE = 0.2  # of the planted pairs, linked by a clerk (half duplicate, half related)


@dataclass(frozen=True)
class PlantedRepeat:
    """One repeat the demo planted: `repeat_id` is a later request on `original_id`'s matter."""

    repeat_id: int
    original_id: int
    how: str  # one of HOWS
    by_mobile: bool  # the repeat's citizen row has no national ID, only the same mobile
    linked: str | None  # the link a clerk made, if any


def plant_repeats(gen: DemoGenerator, share: float = SHARE) -> list[PlantedRepeat]:
    """Rewrite some of the generated requests as repeats; returns what was planted."""
    # Its own stream, seeded from the calendar stream's state without drawing from it: the
    # requests and meetings a seed gives stay the same.
    rng = random.Random(gen.cal_rng.getstate()[1][0])
    with gen.db.read() as s:
        rows = s.execute(
            select(Request.id, Request.citizen_id, Request.received_at, Request.closed_at,
                   Request.subject, Request.meeting_id, Request.deep_rooted, Request.county_id,
                   Request.agency_id, Request.channel, Request.tracking_code,
                   Request.samad_code)
            .where(Request.citizen_id.is_not(None)).order_by(Request.received_at, Request.id)
        ).all()
        people = {c.id: c for c in s.execute(
            select(Citizen.id, Citizen.national_id, Citizen.first_name, Citizen.last_name,
                   Citizen.mobile, Citizen.county_id)).all()}
    # Requests free to rewrite: no referral (not deep-rooted) and no meeting queue behind them.
    free = [r for r in rows if not r.deep_rooted and r.meeting_id is None]
    free_times = [r.received_at for r in free]
    used: set[int] = set()
    planted: list[tuple[object, object, str, bool]] = []
    target = int(len(rows) * share)
    tries = 0
    while len(planted) < target and tries < target * 20:
        tries += 1
        a = rng.choice(rows)
        if a.id in used:
            continue
        lo = a.received_at + timedelta(days=2)
        hi = a.received_at + timedelta(days=70)
        if a.closed_at is not None:
            hi = min(hi, a.closed_at + timedelta(days=WINDOW_DAYS - 1))
        i, j = bisect.bisect_left(free_times, lo), bisect.bisect_right(free_times, hi)
        if i >= j:
            continue
        b = free[rng.randrange(i, j)]
        if b.id in used or b.id == a.id:
            continue
        used.update((a.id, b.id))
        how = _pick(rng, HOWS)
        planted.append((a, b, how, rng.random() < 0.15))
    out: list[PlantedRepeat] = []
    now = jalali.utc_now()
    with gen.db.write() as s:
        gen._audit_part(s, "repeats")
        county_names = dict(gen.counties)
        for a, b, how, by_mobile in planted:
            person = people[a.citizen_id]
            citizen_id = a.citizen_id
            if by_mobile:  # a phone call: the clerk took the mobile and a name, no national ID
                citizen_id = s.execute(insert(Citizen).returning(Citizen.id), [{
                    "national_id": None, "first_name": person.first_name,
                    "last_name": person.last_name, "mobile": person.mobile,
                    "county_id": person.county_id, "address": "", "created_at": now,
                    "version": 1}]).scalar_one()
            subject, body = _reword(rng, how, a.subject, county_names.get(a.county_id, ""))
            key = request_search_key(subject, body, b.tracking_code, b.samad_code,
                                     person.first_name, person.last_name,
                                     None if by_mobile else person.national_id, person.mobile)
            values = {"citizen_id": citizen_id, "county_id": a.county_id,
                      "agency_id": a.agency_id, "subject": subject, "body": body,
                      "search_key": key}
            linked = None
            if rng.random() < LINKED_SHARE:
                linked = DUPLICATE if rng.random() < 0.5 else RELATED
                clerk = rng.choice(gen.staff)
                at = min(b.received_at + timedelta(hours=2), now)
                s.execute(insert(RequestLink), [{
                    "request_id": b.id, "other_id": a.id, "kind": linked, "created_at": at,
                    "created_by": clerk}])
                if linked == DUPLICATE:
                    values.update(status=RequestStatus.CLOSED.value, closed_at=at,
                                  resolution=None, answer_text="", answered_at=None,
                                  satisfaction=None,
                                  actions_taken=f"تکراری؛ رسیدگی در درخواست "
                                                f"{persian.ltr(a.tracking_code)} ادامه دارد.")
            s.execute(update(Request).where(Request.id == b.id).values(**values))
            out.append(PlantedRepeat(b.id, a.id, how, by_mobile, linked))
    return out


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


_SPELLING = str.maketrans({"ی": "ي", "ک": "ك", "\u200c": " "})


def _reword(rng: random.Random, how: str, subject: str, county: str) -> tuple[str, str]:
    """The subject and text of a second request on the same matter."""
    opening = rng.choice(demo_text.BODY_OPENINGS).format(county=county)
    closing = rng.choice(demo_text.BODY_CLOSINGS)
    words = subject.split()
    if how == "follow_up":
        new = f"پیگیری {subject}"
        body = (f"درخواست قبلی اینجانب دربارهٔ «{subject}» ثبت شده اما هنوز نتیجه‌ای نگرفته‌ام. "
                f"{closing}")
    elif how == "shorter" and len(words) >= 3:
        drop = rng.randrange(len(words))
        new = " ".join(w for k, w in enumerate(words) if k != drop)
        body = f"{opening} مشکل «{new}» هنوز برطرف نشده است. {closing}"
    elif how == "spelling":  # Arabic keyboard letters, spaces for ZWNJ: the fold sees through
        new = subject.translate(_SPELLING)
        body = f"{opening} {rng.choice(demo_text.BODY_MIDDLES).format(subject=new)} {closing}"
        body = body.translate(_SPELLING)
    elif how == "reworded":
        new = f"باز هم {' '.join(reversed(words))}" if len(words) > 1 else f"باز هم {subject}"
        body = f"برای بار دوم مراجعه می‌کنم: {subject}. {closing}"
    elif how == "vague":  # hard: little of the first wording is left
        new = f"مراجعهٔ دوباره دربارهٔ {words[0]}"
        body = "همان مشکلی که قبلاً گفته بودم هنوز حل نشده است."
    else:  # the same subject, a new letter
        new = subject
        body = f"{opening} {rng.choice(demo_text.BODY_MIDDLES).format(subject=subject)} {closing}"
    return persian.clean_text(new), persian.normalize(body)

