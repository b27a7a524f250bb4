"""The inspection directorate's review: the queue, an item's whole history, reviews, chain check."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.errors import NotFound, ValidationError
from app.models import Agency, AuditEvent, County, Referral, Request, User
from app.models.database import Database
from app.models.enums import AnswerGrade, FollowUpKind, ReferralStatus
from app.models.review import Review, ReviewReason, ReviewVerdict
from app.services.calls.rules import effective_satisfaction
from app.services.core import audit, audit_verify, jalali, persian, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.objections import queue as objection_queue
from app.services.pauses import rules as pause_rules
from app.services.referrals.dto import (
    AuditEventInfo,
    ChainCheck,
    QueueFilter,
    QueuePage,
    QueueRow,
    ReferralDossier,
    ReviewDossier,
    ReviewInfo,
    TimelineEntry,
)
from app.services.referrals.tracker import ReferralTracker
from app.services.reports.statistics import utc_range
from app.services.requests.dto import RequestDetail
from app.services.requests.service import RequestService
from app.services.review.dto import (
    HeadCheck,
    default_seed,  # noqa: F401
)

NOTE_MAX = 4000
ENTITY_LABELS = {
    "request": "درخواست", "referral": "ارجاع", "review": "بازرسی", "user": "کاربر",
    "meeting": "دیدار مردمی", "citizen": "شهروند", "setting": "تنظیمات", "demo": "داده‌های نمایشی",
    "objection": "اعتراض",
}


def draw_sample(ids: list[int], size: int, seed: int) -> list[int]:
    """A reproducible random sample: the same ids, size and seed give the same items."""
    pool = sorted(ids)
    if size >= len(pool):
        return pool
    return sorted(random.Random(seed).sample(pool, size))


def _verdict_label(verdict: str | None) -> str:
    return ReviewVerdict(verdict).label if verdict else "بررسی‌نشده"


class ReviewService:
    """What inspectors read, and the one thing they write: a review note and verdict."""

    @staticmethod
    def default_seed(start: date, end: date) -> int:
        """The sample's seed of a period when the inspector gives none (same period, same seed)."""
        return default_seed(start, end)

    def __init__(self, db: Database, tracker: ReferralTracker | None = None) -> None:
        self.db = db
        self.tracker = tracker or ReferralTracker(db)

    # --- the queue ------------------------------------------------------------------------

    def _period(self, f: QueueFilter) -> tuple[datetime, datetime]:
        """UTC bounds of the filter's period (the current quarter when none is given)."""
        today = jalali.tehran_today()
        start, end = f.date_from, f.date_to
        if start is None or end is None:
            q_start, q_end = jalali.quarter_bounds(*jalali.quarter_of(today))
            start, end = start or q_start, end or q_end
        return utc_range(start, end)

    @staticmethod
    def _unreviewed_referral() -> ColumnElement[bool]:
        return ~exists().where(Review.referral_id == Referral.id)

    @staticmethod
    def _unreviewed_request() -> ColumnElement[bool]:
        return ~exists().where(Review.request_id == Request.id, Review.referral_id.is_(None))

    def _referral_query(self, f: QueueFilter, today: date) -> tuple[Select, list[ColumnElement]]:
        """Ids of the referral queues (escalated, overdue) and their order."""
        q = select(Referral.id)
        if f.reason == ReviewReason.ESCALATED:
            q = q.where(Referral.escalated_at.is_not(None))
            order = [Referral.escalated_at.desc(), Referral.id.desc()]
        else:
            limit = self.tracker.calendar().add_working_days(today, -max(0, f.overdue_days))
            q = q.where(Referral.status == ReferralStatus.OPEN, Referral.deadline < limit,
                        ~pause_rules.referral_paused_on(today))  # waits for papers
            order = [Referral.deadline.asc(), Referral.id.asc()]
        if f.unreviewed_only:
            q = q.where(self._unreviewed_referral())
        return q, order

    def sample_ids(self, f: QueueFilter, actor: Actor | None = None) -> list[int]:
        """The random sample of requests closed in the period (reproducible by its seed).

        The same items as draw_sample(all ids closed in the period, size, seed), but only the
        chosen ranks leave the database: it numbers the ids in order and returns those ranks.
        """
        lo, hi = self._period(f)
        closed = and_(Request.closed_at >= lo, Request.closed_at < hi)
        size = max(0, f.sample_size)
        with scope.read(self.db, actor) as s:
            n = s.scalar(select(func.count()).select_from(Request).where(closed)) or 0
            if n <= size:
                return sorted(s.scalars(select(Request.id).where(closed)))
            ranks = [j + 1 for j in random.Random(f.seed).sample(range(n), size)]
            numbered = select(Request.id, func.row_number().over(order_by=Request.id)
                              .label("rank")).where(closed).subquery()
            return sorted(s.scalars(select(numbered.c.id).where(numbered.c.rank.in_(ranks))))

    def queue(self, f: QueueFilter, offset: int = 0, limit: int = 200,
              with_total: bool = True, actor: Actor | None = None) -> QueuePage:
        """One page of the review queue of one kind (the actor's counties only)."""
        if f.reason not in ReviewReason.__members__.values():
            raise ValidationError({"reason": msg.REVIEW_QUEUE_INVALID})
        today = jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            if f.reason == ReviewReason.OBJECTION:  # the citizen's objections (issue 13)
                return objection_queue.queue_page(s, f, offset, limit, with_total)
            if f.reason in (ReviewReason.ESCALATED, ReviewReason.OVERDUE):
                q, order = self._referral_query(f, today)
                ids = list(s.scalars(q.order_by(*order).offset(offset).limit(limit)))
                total = (s.scalar(select(func.count()).select_from(q.subquery())) or 0
                         if with_total else -1)
                return QueuePage(self._referral_rows(s, f.reason, ids, today), total, offset)
            if f.reason == ReviewReason.SAMPLE:
                sample = self.sample_ids(f, actor)
                if f.unreviewed_only and sample:
                    reviewed = set(s.scalars(select(Review.request_id).where(
                        Review.request_id.in_(sample), Review.referral_id.is_(None))))
                    sample = [i for i in sample if i not in reviewed]
                ids = sample[offset:offset + limit]
                return QueuePage(self._request_rows(s, f.reason, ids), len(sample), offset)
            lo, hi = self._period(f)
            # Satisfaction by the calls' rule: a reached call wins over the closing's answer.
            q = select(Request.id).where(Request.closed_at >= lo, Request.closed_at < hi,
                                         effective_satisfaction() <= f.max_satisfaction)
            if f.unreviewed_only:
                q = q.where(self._unreviewed_request())
            ids = list(s.scalars(q.order_by(Request.closed_at.desc(), Request.id.desc())
                                 .offset(offset).limit(limit)))
            total = (s.scalar(select(func.count()).select_from(q.subquery())) or 0
                     if with_total else -1)
            return QueuePage(self._request_rows(s, f.reason, ids), total, offset)

    def _latest_verdicts(self, s: Session, column: ColumnElement, ids: list[int],
                         *where: ColumnElement[bool]) -> dict[int, str]:
        """The newest verdict per item id among some ids."""
        if not ids:
            return {}
        newest = (select(column.label("item"), func.max(Review.id).label("rid"))
                  .where(column.in_(ids), *where).group_by(column).subquery())
        return dict(s.execute(select(newest.c.item, Review.verdict)
                              .join(Review, Review.id == newest.c.rid)).all())

    def _referral_rows(self, s: Session, reason: str, ids: list[int],
                       today: date) -> list[QueueRow]:
        """Queue rows of referral items, in the order of the ids."""
        if not ids:
            return []
        cal = self.tracker.calendar()
        data = {r[0]: r for r in s.execute(
            select(Referral.id, Referral.request_id, Request.tracking_code, Request.subject,
                   Agency.name, County.name, Referral.deadline, Referral.escalated_at,
                   Referral.escalation_note)
            .join(Request, Request.id == Referral.request_id)
            .join(Agency, Agency.id == Referral.agency_id)
            .outerjoin(County, County.id == Request.county_id)
            .where(Referral.id.in_(ids))
        ).all()}
        verdicts = self._latest_verdicts(s, Review.referral_id, ids)
        rows = []
        for rid in ids:
            _id, req_id, code, subject, agency, county, deadline, esc_at, esc_note = data[rid]
            late = cal.working_days_between(deadline, today)
            if reason == ReviewReason.ESCALATED:
                day = jalali.to_tehran(esc_at).date() if esc_at else None
                detail = esc_note
            else:
                day = deadline
                detail = f"{persian.to_persian_digits(late)} روز کاری تأخیر"
            rows.append(QueueRow(reason, req_id, rid, code, subject, agency, county or "", day,
                                 detail, verdicts.get(rid), _verdict_label(verdicts.get(rid))))
        return rows

    def _request_rows(self, s: Session, reason: str, ids: list[int]) -> list[QueueRow]:
        """Queue rows of request items, in the order of the ids."""
        if not ids:
            return []
        data = {r[0]: r for r in s.execute(
            select(Request.id, Request.tracking_code, Request.subject, Agency.name, County.name,
                   Request.closed_at, effective_satisfaction())
            .outerjoin(Agency, Agency.id == Request.agency_id)
            .outerjoin(County, County.id == Request.county_id)
            .where(Request.id.in_(ids))
        ).all()}
        verdicts = self._latest_verdicts(s, Review.request_id, ids, Review.referral_id.is_(None))
        rows = []
        for rid in ids:
            _id, code, subject, agency, county, closed_at, sat = data[rid]
            detail = (f"رضایت {persian.to_persian_digits(sat)} از ۵" if sat is not None
                      else "رضایت ثبت نشده")
            rows.append(QueueRow(reason, rid, None, code, subject, agency or "", county or "",
                                 jalali.to_tehran(closed_at).date() if closed_at else None,
                                 detail, verdicts.get(rid), _verdict_label(verdicts.get(rid))))
        return rows

    # --- one item ---------------------------------------------------------------------------

    def dossier(self, request_id: int, actor: Actor | None = None) -> ReviewDossier:
        """The request, every referral with its events, the merged history and the reviews.

        Records loaded in bulk (the demo, a migration from an older system) have no audit
        events of their own; their history is then read from the records' own dates.
        """
        detail = RequestService(self.db).get(request_id, actor)
        referrals = self.tracker.dossiers_of_request(request_id, actor)
        reviews = self.reviews_of(request_id)
        timeline: list[TimelineEntry] = []
        events = audit.history(self.db, "request", request_id)
        for e in events:
            timeline.append(TimelineEntry(e.at, e.who, "درخواست",
                                          audit.ACTION_LABELS.get(e.action, e.action),
                                          _note_of(e.action, e.after)))
        if not events:
            timeline += _request_facts(detail)
        for r in referrals:
            what = f"ارجاع به {r.agency}"
            ref_events = audit.history(self.db, "referral", r.id)
            for e in ref_events:
                timeline.append(TimelineEntry(e.at, e.who, what,
                                              audit.ACTION_LABELS.get(e.action, e.action),
                                              _note_of(e.action, e.after)))
            if not ref_events:
                timeline += _referral_facts(r, what)
        for rv in reviews:
            timeline.append(TimelineEntry(rv.created_at, rv.reviewer, "بازرسی",
                                          rv.verdict_label, rv.note))
        timeline.sort(key=lambda t: t.at)
        return ReviewDossier(detail, referrals, timeline, reviews)

    def reviews_of(self, request_id: int) -> list[ReviewInfo]:
        """Every review of a request and of its referrals, oldest first."""
        with self.db.read() as s:
            rows = s.execute(
                select(Review, User.username, User.full_name)
                .outerjoin(User, User.id == Review.reviewer_id)
                .where(Review.request_id == request_id).order_by(Review.id)
            ).all()
            return [_review_info(rv, full or uname or "") for rv, uname, full in rows]

    def record(self, actor: Actor, request_id: int, referral_id: int | None, reason: str,
               verdict: str, note: str) -> ReviewInfo:
        """Store an inspector's review note and verdict (the only thing inspectors write)."""
        require(actor, "review.write")
        text = persian.clean_text(note, multiline=True)
        errors: dict[str, str] = {}
        if verdict not in ReviewVerdict.__members__.values():
            errors["verdict"] = msg.VERDICT_REQUIRED
        if reason not in ReviewReason.__members__.values():
            errors["reason"] = msg.REVIEW_ITEM_KIND_INVALID
        if not text:
            errors["note"] = msg.REVIEW_NOTE_REQUIRED
        elif len(text) > NOTE_MAX:
            errors["note"] = msg.review_note_too_long(NOTE_MAX)
        if errors:
            raise ValidationError(errors)
        with self.db.write() as s:
            scope.limit(s, actor)
            if s.get(Request, request_id) is None:
                raise NotFound(msg.REQUEST)
            if referral_id is not None:
                ref = s.get(Referral, referral_id)
                if ref is None or ref.request_id != request_id:
                    raise NotFound(msg.REFERRAL)
            rv = Review(request_id=request_id, referral_id=referral_id, reason=reason,
                        verdict=verdict, note=text, reviewer_id=actor.user_id,
                        created_at=jalali.utc_now())
            s.add(rv)
            s.flush()
            audit.record(s, actor, "review", rv.id, "review", None, audit.snapshot(rv))
            return _review_info(rv, actor.full_name or actor.username)

    # --- the audit chain ----------------------------------------------------------------------

    def check_chain(self) -> ChainCheck:
        """Verify the audit hash chain; name the first altered (or orphaned) event."""
        report = audit.verify_chain(self.db)
        n = persian.format_number(report.checked)
        if report.ok:
            return ChainCheck(True, report.checked, report.head_hash, None,
                              f"زنجیرهٔ رویدادها سالم است: {n} رویداد بررسی شد و هیچ تغییری "
                              "یافت نشد.")
        bad = None
        with self.db.read() as s:
            ev = s.get(AuditEvent, report.first_bad_id)
            if ev is not None:
                bad = AuditEventInfo(ev.id, ev.at, ev.username, ev.entity, ev.entity_id,
                                     ev.action, audit.ACTION_LABELS.get(ev.action, ev.action))
        if bad is None:
            message = f"زنجیرهٔ رویدادها پس از {n} رویداد سالم گسسته است."
        else:
            what = ENTITY_LABELS.get(bad.entity, bad.entity)
            if bad.entity_id is not None:
                what += f" {persian.to_persian_digits(bad.entity_id)}"
            message = (
                f"زنجیرهٔ رویدادها گسسته است. نخستین رویداد تغییریافته: رویداد شمارهٔ "
                f"{persian.to_persian_digits(bad.id)} ({bad.action_label} روی {what}، "
                f"{bad.username or 'سامانه'}، {jalali.format_jalali_datetime(bad.at)}). "
                "این رویداد پس از ثبت ویرایش شده یا رویداد پیش از آن حذف شده است؛ "
                f"{n} رویداد پیش از آن سالم است.")
        return ChainCheck(False, report.checked, report.head_hash, bad, message)

    def check_head(self, head: str) -> HeadCheck:
        """Whether a head hash printed on a report (16 or 64 hex digits) is still on the chain."""
        try:
            shown = audit_verify.normalize_head(head)
        except ValidationError as exc:
            return HeadCheck(False, exc.errors[audit_verify.HEAD_FIELD])
        found, newer = audit_verify.find_head(self.db, shown)
        return HeadCheck(found, msg.head_found(shown, newer) if found else msg.head_missing(shown))


def _review_info(rv: Review, reviewer: str) -> ReviewInfo:
    """Plain data of a review row."""
    return ReviewInfo(
        id=rv.id, request_id=rv.request_id, referral_id=rv.referral_id, reason=rv.reason,
        reason_label=ReviewReason(rv.reason).label, verdict=rv.verdict,
        verdict_label=ReviewVerdict(rv.verdict).label, note=rv.note, reviewer=reviewer,
        created_at=rv.created_at,
    )


def _on(day: date) -> datetime:
    """A record's date as a moment for ordering the timeline (Tehran noon, in UTC)."""
    return jalali.tehran_to_utc(datetime.combine(day, time(12)))


def _request_facts(d: RequestDetail) -> list[TimelineEntry]:
    """A request's history read from its own dates, when it has no audit events."""
    out = [TimelineEntry(d.received_at, "", "درخواست", "ثبت", f"از {d.channel_label}")]
    if d.answered_at and d.answer_text:
        out.append(TimelineEntry(d.answered_at, "", "درخواست", audit.ACTION_LABELS["answer"],
                                 d.answer_text))
    if d.closed_at:
        note = (f"رضایت شهروند: {persian.to_persian_digits(d.satisfaction)} از ۵"
                if d.satisfaction else "")
        out.append(TimelineEntry(d.closed_at, "", "درخواست", audit.ACTION_LABELS["close"], note))
    return out


def _referral_facts(r: ReferralDossier, what: str) -> list[TimelineEntry]:
    """A referral's history read from its own dates and events, when it has no audit events."""
    out = [TimelineEntry(_on(r.letter_date), "", what, audit.ACTION_LABELS["refer"],
                         f"نامهٔ {persian.to_persian_digits(r.letter_no)}، مهلت "
                         f"{jalali.format_jalali(r.deadline)}", day_only=True)]
    for e in r.events:
        label = "تمدید مهلت" if e.kind == "extension" else audit.ACTION_LABELS["follow_up"]
        note = e.note if e.kind == "extension" else f"{e.kind_label}: {e.note}".rstrip(": ")
        out.append(TimelineEntry(_on(e.day), e.username, what, label, note, day_only=True))
    if r.response_date:
        out.append(TimelineEntry(_on(r.response_date), "", what, audit.ACTION_LABELS["response"],
                                 f"{r.response_text} (پاسخ {r.grade_label})", day_only=True))
    return out


def _note_of(action: str, after: dict) -> str:
    """The words worth showing beside a history line (a reason, an answer, a letter)."""
    if after.get("note"):
        kind = after.get("kind")
        label = FollowUpKind(kind).label + ": " if kind in FollowUpKind.__members__.values() \
            else ""
        return label + str(after["note"])
    if action == "response":
        grade = after.get("grade")
        label = f" (پاسخ {AnswerGrade(grade).label})" if grade else ""
        return str(after.get("response_text", "")) + label
    if action == "create" and "letter_no" in after:
        return (f"نامهٔ {persian.to_persian_digits(after['letter_no'])}، مهلت "
                f"{jalali.format_jalali(date.fromisoformat(after['deadline']))}")
    if action == "close" and after.get("satisfaction"):
        return f"رضایت شهروند: {persian.to_persian_digits(after['satisfaction'])} از ۵"
    return ""
