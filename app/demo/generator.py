"""Demo data: realistic, deterministic and fast (bulk inserts, not one use case per row)."""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from app.config import sqlite_url
from app.demo import letters as demo_letters
from app.demo import text as demo_text
from app.demo.attachments import add_demo_attachments
from app.demo.calls import add_demo_calls
from app.demo.events import add_demo_events
from app.demo.meetings import DemoMeetings
from app.demo.objections import add_objections
from app.demo.pauses import add_pauses
from app.demo.repeats import plant_repeats
from app.demo.sms import add_demo_sms
from app.errors import PolError
from app.models import (
    Agency,
    Citizen,
    County,
    MeetingAttendee,
    Referral,
    ReferralEvent,
    Request,
    Setting,
)
from app.models.database import Database, SchemaState
from app.models.enums import (
    AnswerGrade,
    Channel,
    Priority,
    ReferralStatus,
    RequestStatus,
    RequestType,
    Resolution,
    Role,
)
from app.services.core import audit, jalali, persian, reference
from app.services.core.context import SYSTEM
from app.services.core.users import UserService
from app.services.requests.repeats.findings import refresh_all
from app.services.requests.service import request_search_key
from app.services.requests.tracking import make_tracking_code, reserve_request_ids

Progress = Callable[[int, str], None]
BATCH = 5000
DEMO_ADMIN = ("demo", "demo")  # user name, password of the demo administrator
# Office hours (minutes after midnight, Tehran) in which requests arrive.
OPENS, CLOSES = 7 * 60 + 30, 14 * 60 + 30
# No referral stays unanswered more than this many working days past its deadline.
MAX_OVERDUE = 55
# Written in the fill's last transaction: a demo database without it was interrupted mid-fill.
COMPLETE_KEY = "demo_complete"

# Channels other than public meetings, with their share of the requests.
_CHANNEL_WEIGHTS = [
    (Channel.SAMAD, 45), (Channel.LINE_111, 15), (Channel.WALK_IN, 12), (Channel.LETTER, 9),
    (Channel.PHONE, 9), (Channel.TRIP, 3),
]
_TYPE_WEIGHTS = [
    (RequestType.REQUEST, 40), (RequestType.COMPLAINT, 35), (RequestType.SUGGESTION, 8),
    (RequestType.CRITICISM, 8), (RequestType.VIOLATION, 5), (RequestType.APPRECIATION, 4),
]


@dataclass(frozen=True)
class DemoResult:
    """What the demo generator added."""

    requests: int
    citizens: int
    referrals: int
    meetings: int


def _pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    """One item by weight."""
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def _national_id(rng: random.Random) -> str:
    """A random national ID with a correct check digit."""
    while True:
        head = f"{rng.randrange(10**9):09d}"
        nid = head + persian.national_id_check_digit(head)
        if persian.is_valid_national_id(nid):
            return nid


class DemoGenerator(DemoMeetings):
    """Fills a database with a year of a governorate office's work."""

    def __init__(self, db: Database, seed: int = 1405, today: date | None = None,
                 progress: Progress | None = None, managers: int = 12,
                 deep_share: float = 0.12, quarters: int = 4,
                 include_today: bool = True) -> None:
        """Data spans the `quarters` Jalali quarters before today's, and today's so far."""
        self.db = db
        self.rng = random.Random(seed)
        # The calendar's extras (one-off meetings, moves, the coming week's queues) draw from
        # their own stream, so the requests a seed gives stay the same.
        self.cal_rng = random.Random(seed * 7919 + 6)
        self.today = today or jalali.tehran_today()
        self.progress = progress or (lambda _p, _m: None)
        self.n_managers = managers
        self.deep_share = deep_share
        y, q = jalali.quarter_of(self.today)
        for _ in range(quarters):
            y, q = jalali.previous_quarter(y, q)
        self.start = jalali.quarter_bounds(y, q)[0]
        self.cal = reference.work_calendar(db)
        self.answer_days = int(reference.settings(db)["referral_answer_days"])
        self.letter_copies = demo_letters.default_copies(db)
        last = self.today if include_today else self.today - timedelta(days=1)
        self.working_days = [d for d in jalali.iter_days(self.start, last)
                             if self.cal.is_working_day(d)]

    def run(self, n_requests: int) -> DemoResult:
        """Add users, managers, meetings, citizens, requests and referrals."""
        users = UserService(self.db)
        admin = users.ensure_user(*DEMO_ADMIN, role=Role.ADMIN, full_name="مدیر نمایشی")
        users.ensure_user("karshenas", "demo", Role.OPERATOR, "کارشناس دفتر")
        users.ensure_user("bazres", "demo", Role.INSPECTOR, "بازرس دفتر")
        self.staff = [admin.id] + [u.id for u in users.list() if u.role == Role.OPERATOR]
        with self.db.read() as s:
            self.counties = [(c.id, c.name) for c in s.scalars(select(County).order_by(County.id))
                             if c.valid_from is None]
            self.agencies = [(a.id, a.name, a.is_governorate)
                             for a in s.scalars(select(Agency).order_by(Agency.id))]
        self.progress(2, "ساخت شهروندان")
        citizens = self._citizens(max(50, n_requests * 2 // 5))
        self.progress(10, "ساخت دیدارهای مردمی")
        meetings = self._managers_and_meetings()
        n_meeting = min(n_requests // 8, sum(m[3] for m in meetings))
        self.progress(20, "ساخت درخواست‌ها")
        n_ref = self._requests(n_requests, n_meeting, citizens, meetings)
        self.planted_repeats = plant_repeats(self)
        self._calendar_extras(citizens)
        add_objections(self.db, self.today)  # issue 13: citizens' objections to answers
        add_demo_calls(self.db, self.today, self.rng.randrange(10**6))  # issue 13 §3
        add_pauses(self.db, self.cal, self.today, self.rng.getstate()[1][0], self.staff)  # part 5
        add_demo_attachments(self.db, self.staff)  # issue 13 §4: letters, photos, minutes
        # Issue 14 §3: the outbox the causes above would have filled (last: its seed is drawn
        # after every other part's, so their data stay what the seed gave before).
        add_demo_sms(self.db, self.today, self.rng.randrange(10**6))
        # Issue 14 §1: trips and a live session with their letters (tags only; its own stream).
        add_demo_events(self.db, self.today, self.cal_rng.randrange(10**6))
        with self.db.write() as s:
            refresh_all(s)  # what registration would have stored: request.repeat_of
            audit.record(s, SYSTEM, "demo", None, "bulk_load", None,
                         {"requests": n_requests, "citizens": len(citizens),
                          "referrals": n_ref, "meetings": len(meetings)})
            s.merge(Setting(key=COMPLETE_KEY, value=jalali.utc_now().isoformat(timespec="seconds")))
        self.progress(100, "داده‌های نمایشی آماده است")
        return DemoResult(n_requests, len(citizens), n_ref, len(meetings))

    # --- pieces -------------------------------------------------------------------------

    def _citizens(self, n: int) -> list[tuple]:
        """Insert n citizens; returns (id, national ID, county id, first, last, mobile)."""
        rng = self.rng
        out: list[tuple] = []
        with self.db.write() as s:
            self._audit_part(s, "citizens")
            existing = set(s.scalars(select(Citizen.national_id)))
            now = jalali.utc_now()
            rows: list[dict] = []
            for i in range(n):
                nid = _national_id(rng)
                while nid in existing:
                    nid = _national_id(rng)
                existing.add(nid)
                rows.append({"national_id": nid, "first_name": rng.choice(demo_text.FIRST_NAMES),
                             "last_name": rng.choice(demo_text.LAST_NAMES),
                             "mobile": f"09{rng.choice('0123')}{rng.randrange(10**8):08d}",
                             "county_id": rng.choice(self.counties)[0], "address": "",
                             "created_at": now, "version": 1})
                if len(rows) >= BATCH or i == n - 1:
                    stmt = insert(Citizen).returning(
                        Citizen.id, Citizen.national_id, Citizen.county_id, Citizen.first_name,
                        Citizen.last_name, Citizen.mobile)
                    out.extend(tuple(r) for r in s.execute(stmt, rows).all())
                    rows = []
        out.sort()  # RETURNING order is not guaranteed; sort for determinism
        return out

    def _requests(self, n: int, n_meeting: int, citizens: list[tuple],
                  meetings: list[tuple[int, int, int, int, datetime]]) -> int:
        """Insert n requests (n_meeting of them raised in meetings) and their referrals."""
        rng = self.rng
        # The governorate's weight gives it about 10% of requests, as the office reports.
        others = sum(1 for a in self.agencies if not a[2])
        agency_w = [(a, round(others * 12 / 9) if a[2] else 10) for a in self.agencies]
        self._queue: dict[int, int] = {}
        meeting_slots = [(mid, mgr, ag, st) for mid, mgr, ag, k, st in meetings for _ in range(k)]
        rng.shuffle(meeting_slots)
        meeting_slots = meeting_slots[:n_meeting]
        year_of: dict[date, int] = {}
        total_refs = 0
        done = 0
        while done < n:
            size = min(BATCH, n - done)
            with self.db.write() as s:
                self._audit_part(s, "requests")
                ids = reserve_request_ids(s, size)
                reqs, refs, attendees = [], [], []
                for rid in ids:
                    slot = meeting_slots[done] if done < len(meeting_slots) else None
                    done += 1
                    req, r_refs, att = self._one_request(rid, slot, citizens, agency_w, year_of)
                    reqs.append(req)
                    refs.extend(r_refs)
                    if att:
                        attendees.append(att)
                s.execute(insert(Request), reqs)
                if refs:
                    result = s.execute(insert(Referral).returning(Referral.id, Referral.letter_date,
                                                                  Referral.deadline), refs)
                    events = [
                        {"referral_id": rid, "kind": "phone", "day": min(dl, self.today),
                         "note": "پیگیری تلفنی با دبیرخانهٔ دستگاه", "extra_days": 0,
                         "user_id": None, "created_at": jalali.utc_now()}
                        for rid, ld, dl in result.all() if dl < self.today and rng.random() < 0.4
                    ]
                    if events:
                        s.execute(insert(ReferralEvent), events)
                    total_refs += len(refs)
                if attendees:
                    s.execute(insert(MeetingAttendee), attendees)
            self.progress(20 + 78 * done // n, f"ساخت درخواست‌ها: {done} از {n}")
        return total_refs

    def _one_request(self, rid: int, slot: tuple[int, int, int, datetime] | None,
                     citizens: list[tuple], agency_w: list, year_of: dict,
                     ) -> tuple[dict, list[dict], dict | None]:
        """One request row, its referral rows and its meeting-attendee row."""
        rng = self.rng
        cid, nid, county_id, first, last, mobile = rng.choice(citizens)
        if slot is not None:
            meeting_id, _mgr, agency_id, received = slot
            channel = Channel.MEETING
            # At an agency manager's meeting most issues concern that agency; at the
            # governorate's, they concern any agency.
            agency = next(a for a in self.agencies if a[0] == agency_id)
            if agency[2] or rng.random() < 0.3:
                agency = _pick(rng, agency_w)
        else:
            meeting_id = None
            channel = _pick(rng, _CHANNEL_WEIGHTS)
            agency = _pick(rng, agency_w)
            received = self._office_time(rng.choice(self.working_days))
        if slot is not None:
            # Citizens are received one after another through the meeting's three hours.
            received += timedelta(minutes=rng.randrange(180), seconds=rng.randrange(60))
        received = min(received, jalali.utc_now() - timedelta(minutes=5))
        rtype = _pick(rng, _TYPE_WEIGHTS)
        subject = rng.choice(demo_text.SUBJECTS[agency[1]])
        county_name = next(name for c, name in self.counties if c == county_id)
        body = " ".join([rng.choice(demo_text.BODY_OPENINGS).format(county=county_name),
                         rng.choice(demo_text.BODY_MIDDLES).format(subject=subject),
                         rng.choice(demo_text.BODY_CLOSINGS)])
        day = jalali.to_tehran(received).date()
        if day not in year_of:
            year_of[day] = jalali.to_jalali(day)[0]
        code = make_tracking_code(rid, year_of[day])
        age = (self.today - day).days
        deep = rtype in (RequestType.COMPLAINT, RequestType.REQUEST) and rng.random() < self.deep_share
        row = {
            "id": rid, "tracking_code": code, "samad_code": None, "channel": channel,
            "type": rtype, "subject": subject, "body": body, "citizen_id": cid,
            "county_id": county_id, "agency_id": agency[0], "received_at": received,
            "priority": Priority.HIGH if deep else Priority.NORMAL,
            "assignee_id": rng.choice(self.staff) if age > 2 else None,
            "deadline": self.cal.add_working_days(day, 10), "deep_rooted": deep,
            "resolution": None, "answer_text": "", "answered_at": None, "closed_at": None,
            "satisfaction": None, "meeting_id": meeting_id, "actions_taken": "",
            "created_at": received, "created_by": None, "version": 1,
        }
        if channel == Channel.SAMAD:
            row["samad_code"] = f"S{rid:09d}"
        row["search_key"] = request_search_key(subject, body, code, row["samad_code"], first, last,
                                               nid, mobile)
        refs: list[dict] = []
        if deep:
            row["resolution"] = Resolution.REFERRED
            targets = [agency] if agency[2] is False else []
            while len(targets) < rng.choice((1, 1, 2)):
                cand = rng.choice(self.agencies)
                if not cand[2] and cand not in targets:
                    targets.append(cand)
            letter = min(self.cal.add_working_days(day, rng.randint(0, 3)), self.today)
            open_any = False
            for ag in targets:
                deadline = self.cal.add_working_days(letter, self.answer_days)
                roll = rng.random()
                resp_date = None
                if roll < 0.6:
                    resp_date = self.cal.add_working_days(letter, rng.randint(3, self.answer_days))
                elif roll < 0.85:
                    resp_date = self.cal.add_working_days(deadline, rng.randint(1, 20))
                # An office chases a referral: none stays unanswered for months. Past
                # MAX_OVERDUE working days the agency has answered, late.
                old = self._working_days_since(deadline) > MAX_OVERDUE
                if resp_date is None and old:
                    resp_date = self.cal.add_working_days(deadline, rng.randint(10, MAX_OVERDUE))
                if resp_date is not None and resp_date > self.today:
                    resp_date = None
                open_any = open_any or resp_date is None
                inadequate = resp_date is not None and not old and rng.random() < 0.08
                # Some long-overdue referrals were escalated to the inspection directorate
                # (chosen by id, not by a random draw, so the rest of the data is unchanged).
                escalate = (resp_date is None and (self.today - deadline).days > 30
                            and rid % 5 == 0)
                refs.append({
                    "request_id": rid, "agency_id": ag[0],
                    "letter_no": f"{rng.randint(100, 999)}/{rng.randint(1000, 99999)}",
                    "letter_date": letter, "deadline": deadline,
                    "status": ReferralStatus.OPEN if resp_date is None or inadequate
                    else ReferralStatus.ANSWERED,
                    "directive": meeting_id is not None,
                    "response_text": rng.choice(demo_text.AGENCY_RESPONSES) if resp_date else "",
                    "response_date": resp_date, "response_letter_no": "",
                    "grade": (AnswerGrade.INADEQUATE if inadequate else AnswerGrade.ADEQUATE)
                    if resp_date else None,
                    "withdrawn_reason": "", "escalated": escalate,
                    "escalation_note": "بیش از یک ماه از مهلت پاسخ گذشته و دو نامهٔ پیگیری "
                    "بی‌پاسخ مانده است." if escalate else "",
                    "escalated_at": jalali.tehran_to_utc(datetime.combine(
                        deadline + timedelta(days=30), time(10))) if escalate else None,
                    "extensions": 0, "created_at": received, "created_by": None, "version": 1,
                    **demo_letters.letter_fields(rid, self.letter_copies),  # issue 13 §6
                })
                open_any = open_any or inadequate
            row["actions_taken"] = rng.choice(demo_text.ACTIONS).format(agency=targets[0][1])
            row["status"] = RequestStatus.AWAITING_AGENCY if open_any else RequestStatus.CLOSED
            if not open_any:
                last = max(r["response_date"] for r in refs)
                row["answered_at"] = row["closed_at"] = jalali.tehran_to_utc(
                    datetime.combine(last, time(12, 0)))
        else:
            answer_day = self.cal.add_working_days(day, rng.choice((1, 2, 3, 4, 5, 7, 9, 12)))
            if answer_day >= self.today:
                row["status"] = RequestStatus.IN_REVIEW if row["assignee_id"] else RequestStatus.NEW
            else:
                row["resolution"] = Resolution.DIRECT
                row["answer_text"] = rng.choice(demo_text.DIRECT_ANSWERS)
                row["answered_at"] = jalali.tehran_to_utc(datetime.combine(answer_day, time(11)))
                row["status"] = RequestStatus.CLOSED if rng.random() < 0.7 else RequestStatus.ANSWERED
                if row["status"] == RequestStatus.CLOSED:
                    row["closed_at"] = row["answered_at"]
                    if rng.random() < 0.4:
                        row["satisfaction"] = rng.choices((1, 2, 3, 4, 5), (5, 8, 20, 37, 30))[0]
        att = None
        if meeting_id is not None:
            self._queue[meeting_id] = self._queue.get(meeting_id, 0) + 1
            att = {"meeting_id": meeting_id, "citizen_id": cid,
                   "queue_no": self._queue[meeting_id], "topic": subject,
                   "pre_registered": False, "received": True, "created_at": received,
                   "version": 1}
        return row, refs, att

    def _office_time(self, day: date) -> datetime:
        """A moment of office hours (07:30–14:30 Tehran) on a working day, as naive UTC.

        Today's requests fall between the office's opening and now; before opening time
        they belong to the previous working day.
        """
        rng = self.rng
        minute = rng.randrange(OPENS, CLOSES)
        t = time(minute // 60, minute % 60, rng.randrange(60))
        received = jalali.tehran_to_utc(datetime.combine(day, t))
        now = jalali.utc_now()
        if received <= now:
            return received
        opened = jalali.tehran_to_utc(datetime.combine(day, time(OPENS // 60, OPENS % 60)))
        if now - opened >= timedelta(minutes=10):
            return opened + (now - opened) * rng.random()
        earlier = [d for d in self.working_days[-10:] if d < day]
        return self._office_time(earlier[-1]) if earlier else now - timedelta(minutes=5)

    def _working_days_since(self, day: date) -> int:
        """Working days from `day` to today (0 when `day` is today or later)."""
        return max(0, len(self.working_days) - bisect.bisect_right(self.working_days, day))


def demo_complete(db: Database) -> bool:
    """True when a demo fill ran to its end in this database (its last transaction commits the
    marker; the fill commits in batches, so an interrupted one leaves requests but no marker)."""
    with db.read() as s:
        return s.get(Setting, COMPLETE_KEY) is not None


def discard_unfinished_demo(path: Path) -> bool:
    """Delete a demo database file whose fill never finished (or that is damaged), so that it is
    built again; returns whether it was deleted. Only ever called on the demo file."""
    if not path.exists():
        return False
    db = Database(sqlite_url(path))
    try:
        finished = db.schema_state() is SchemaState.CURRENT and demo_complete(db)
    except PolError:  # a damaged or foreign demo file: it holds nothing worth keeping
        finished = False
    finally:
        db.dispose()
    if finished:
        return False
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return True
