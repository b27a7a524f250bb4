"""Demo meetings: managers with weekly meeting days, their held and cancelled meetings, trips,
a presidential visit and the coming week's queues (a part of DemoGenerator)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.demo import text as demo_text
from app.models import (
    Manager,
    Meeting,
    MeetingAttendee,
    MeetingDirective,
    MeetingSchedule,
    Referral,
    Request,
)
from app.models.database import Database
from app.models.enums import MeetingKind, MeetingStatus
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM

MOVE_REASONS = ["هم‌زمانی با جلسهٔ شورای برنامه‌ریزی استان", "مأموریت اداری در روز ملاقات"]
DIRECTIVES = [
    "رسیدگی فوری و گزارش نتیجه به دفتر بازرسی استانداری",
    "بررسی میدانی با حضور کارشناس و اعلام نتیجه به شهروند",
    "پیگیری تا رفع کامل مشکل و ارسال گزارش کتبی",
]


class DemoMeetings:
    """The meetings half of the demo generator (mixed into DemoGenerator)."""

    db: Database
    rng: random.Random
    cal_rng: random.Random
    cal: jalali.WorkCalendar
    start: date
    today: date
    n_managers: int
    working_days: list[date]
    counties: list[tuple[int, str]]
    agencies: list[tuple[int, str, bool]]

    @staticmethod
    def _audit_part(s: Session, part: str) -> None:
        """One audit event in a bulk-load transaction, so the server's row log sees Pol wrote it."""
        audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": part})

    def _managers_and_meetings(self) -> list[tuple[int, int, int, int, datetime]]:
        """Managers with weekly days and their meetings; returns held meetings.

        Each held meeting is (meeting id, manager id, agency id, attendees, starts_at UTC).
        """
        rng = self.rng
        agency_by_name = {name: aid for aid, name, _ in self.agencies}
        held = []
        with self.db.write() as s:
            self._audit_part(s, "managers")
            for title, agency_name in demo_text.manager_titles(
                    [c[1] for c in self.counties], [a[1] for a in self.agencies])[:self.n_managers]:
                name = f"{rng.choice(demo_text.FIRST_NAMES[:20])} {rng.choice(demo_text.LAST_NAMES)}"
                # A county governor (فرماندار) sits in their county; the rest in Tabriz.
                county_id = next((cid for cid, cname in self.counties
                                  if title == f"فرماندار {cname}"), self.counties[5][0])
                m = Manager(name=name, title=title, agency_id=agency_by_name[agency_name],
                            county_id=county_id)
                s.add(m)
                s.flush()
                weekday = rng.randrange(0, 5)  # Saturday..Wednesday
                start_t, end_t = time(9, 0), time(12, 0)
                place = rng.choice(demo_text.MEETING_PLACES)
                sch = MeetingSchedule(manager_id=m.id, agency_id=m.agency_id, weekday=weekday,
                                      start_time=start_t, end_time=end_t, place=place,
                                      valid_from=self.start)
                s.add(sch)
                s.flush()
                rows = []
                for d in jalali.iter_days(self.start, self.today - timedelta(days=1)):
                    if jalali.weekday_index(d) != weekday or d in self.cal.holidays:
                        continue
                    roll = rng.random()
                    if roll < 0.08:
                        continue  # missed: nothing recorded
                    status = MeetingStatus.CANCELLED if roll < 0.13 else MeetingStatus.HELD
                    # Now and then the meeting day moves to the next working day.
                    day, move_reason = d, ""
                    nxt = d + timedelta(days=1)
                    if (status == MeetingStatus.HELD and self.cal_rng.random() < 0.04
                            and self.cal.is_working_day(nxt) and nxt < self.today):
                        day, move_reason = nxt, self.cal_rng.choice(MOVE_REASONS)
                    starts = jalali.tehran_to_utc(datetime.combine(day, start_t))
                    attendees = rng.randint(3, 12) if status == MeetingStatus.HELD else 0
                    rows.append({
                        "manager_id": m.id, "schedule_id": sch.id, "occurrence_day": d,
                        "agency_id": m.agency_id, "county_id": m.county_id,
                        "kind": MeetingKind.WEEKLY, "status": status, "day": day,
                        "starts_at": starts,
                        "ends_at": jalali.tehran_to_utc(datetime.combine(day, end_t)),
                        "place": place, "title": "", "move_reason": move_reason,
                        "cancel_reason": rng.choice(demo_text.CANCEL_REASONS)
                        if status == MeetingStatus.CANCELLED else "",
                        "minutes": "دیدار برگزار شد و درخواست‌های شهروندان ثبت و ارجاع گردید."
                        if status == MeetingStatus.HELD else "",
                        "actions_taken": "", "agencies_present": "",
                        "citizens_received": attendees, "created_at": starts, "version": 1,
                    })
                if rows:
                    result = s.execute(insert(Meeting).returning(Meeting.id, Meeting.starts_at,
                                                                 Meeting.citizens_received),
                                       rows)
                    for mid, starts, n in result.all():
                        if n:
                            held.append((mid, m.id, m.agency_id, n, starts))
        return held

    def _calendar_extras(self, citizens: list[tuple]) -> None:
        """One-off meetings (provincial trips, a presidential visit), the coming week's meetings
        with pre-registered citizens, and the words of the directives given in meetings."""
        rng = self.cal_rng
        now = jalali.utc_now()
        with self.db.write() as s:
            self._audit_part(s, "calendar")
            managers = s.execute(select(Manager.id, Manager.agency_id, Manager.county_id)
                                 .order_by(Manager.id)).all()
            rules = {r.manager_id: r for r in s.scalars(select(MeetingSchedule))}
            busy = {(mid, d) for mid, d in s.execute(select(Meeting.manager_id, Meeting.day))}
            rows: list[dict] = []

            def add(mid: int, agency: int, county: int | None, kind: str, day: date,
                    hours: tuple[int, int], status: str, title: str = "",
                    schedule_id: int | None = None, place: str = "") -> None:
                rows.append({
                    "manager_id": mid, "schedule_id": schedule_id,
                    "occurrence_day": day if schedule_id else None, "agency_id": agency,
                    "county_id": county, "kind": kind, "status": status, "day": day,
                    "starts_at": jalali.tehran_to_utc(datetime.combine(day, time(hours[0]))),
                    "ends_at": jalali.tehran_to_utc(datetime.combine(day, time(hours[1]))),
                    "place": place, "title": title, "cancel_reason": "", "move_reason": "",
                    "minutes": "دیدار برگزار شد و خواسته‌های شهروندان ثبت و پیگیری شد."
                    if status == MeetingStatus.HELD else "",
                    "actions_taken": "", "agencies_present": "",
                    "citizens_received": rng.randint(15, 60) if status == MeetingStatus.HELD
                    else 0, "created_at": now, "version": 1,
                })
                busy.add((mid, day))

            past = [d for d in self.working_days if d < self.today]
            for i, (mid, agency, _county) in enumerate(managers[:4]):
                for _ in range(2):
                    day = rng.choice(past)
                    if (mid, day) in busy:
                        continue
                    county_id, county = rng.choice(self.counties)
                    kind = MeetingKind.PRESIDENTIAL if i == 3 else MeetingKind.TRIP
                    title = (f"سفر استانی به شهرستان {county}" if kind == MeetingKind.TRIP
                             else "دیدار نمایندهٔ دفتر ارتباطات مردمی نهاد ریاست جمهوری")
                    add(mid, agency, county_id, kind, day, (14, 17), MeetingStatus.HELD, title,
                        place=f"فرمانداری {county}" if kind == MeetingKind.TRIP else "")
            # The coming week: each rule's occurrence is opened and citizens pre-registered.
            for mid, agency, county in managers:
                rule = rules.get(mid)
                if rule is None:
                    continue
                for k in range(7):
                    day = self.today + timedelta(days=k)
                    if (jalali.weekday_index(day) != rule.weekday or day in self.cal.holidays
                            or (mid, day) in busy):
                        continue
                    add(mid, agency, county, MeetingKind.WEEKLY, day,
                        (rule.start_time.hour, rule.end_time.hour), MeetingStatus.PLANNED,
                        schedule_id=rule.id, place=rule.place)
            result = s.execute(insert(Meeting).returning(Meeting.id, Meeting.status), rows)
            planned = [mid for mid, status in result.all() if status == MeetingStatus.PLANNED]
            attendees = []
            for meeting_id in planned:
                for q, c in enumerate(rng.sample(citizens, min(len(citizens),
                                                                rng.randint(2, 6))), start=1):
                    attendees.append({
                        "meeting_id": meeting_id, "citizen_id": c[0], "queue_no": q,
                        "topic": rng.choice(demo_text.SUBJECTS[rng.choice(self.agencies)[1]]),
                        "pre_registered": True, "received": False, "created_at": now,
                        "version": 1})
            if attendees:
                s.execute(insert(MeetingAttendee), attendees)
            directives = [
                {"meeting_id": meeting_id, "request_id": rid, "referral_id": ref_id,
                 "text": rng.choice(DIRECTIVES), "created_at": now, "created_by": None}
                for ref_id, rid, meeting_id in s.execute(
                    select(Referral.id, Request.id, Request.meeting_id)
                    .join(Request, Request.id == Referral.request_id)
                    .where(Referral.directive.is_(True), Request.meeting_id.is_not(None))
                    .order_by(Referral.id))
            ]
            if directives:
                s.execute(insert(MeetingDirective), directives)
