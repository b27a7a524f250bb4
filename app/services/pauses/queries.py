"""Reading pauses as plain data, shared by the pause service and the panes' dossiers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Agency, ClockPause, Referral, Request, User
from app.models.enums import ReferralStatus
from app.services.core import jalali, reference
from app.services.pauses import rules
from app.services.pauses.dto import PauseInfo, ReferralClock, RequestClock


def pause_infos(s: Session, *where: object) -> list[PauseInfo]:
    """Pauses matching `where`, newest first, with names and the running days so far."""
    rows = s.execute(
        select(ClockPause, Agency.name)
        .outerjoin(Referral, Referral.id == ClockPause.referral_id)
        .outerjoin(Agency, Agency.id == Referral.agency_id)
        .where(*where).order_by(ClockPause.id.desc())  # type: ignore[arg-type]
    ).all()
    if not rows:
        return []
    today = jalali.tehran_today()
    cal = reference.work_calendar_in(s) if any(p.ended_at is None for p, _ in rows) else None
    users = [u for p, _ in rows for u in (p.started_by, p.ended_by) if u is not None]
    names = {u: (full or name) for u, full, name in s.execute(
        select(User.id, User.full_name, User.username).where(User.id.in_(users)))} if users else {}
    out = []
    for p, agency in rows:
        running = p.ended_at is None
        out.append(PauseInfo(
            id=p.id, request_id=p.request_id, referral_id=p.referral_id, agency=agency or "",
            started_on=p.started_on, started_at=p.started_at,
            started_by=names.get(p.started_by, "") if p.started_by else "",
            start_reason=p.start_reason, ended_on=p.ended_on, ended_at=p.ended_at,
            ended_by=names.get(p.ended_by, "") if p.ended_by else "",
            end_reason=p.end_reason,
            paused_days=rules.paused_days(cal, p.started_on, today) if cal and running
            else p.paused_days,
            deadline_before=p.deadline_before, deadline_after=p.deadline_after))
    return out


def request_clock(s: Session, req: Request, is_open: bool) -> RequestClock:
    """A request's own clock: deadline, state and pauses (its referrals' are their own)."""
    pauses = pause_infos(s, ClockPause.request_id == req.id, ClockPause.referral_id.is_(None))
    running = next((p for p in pauses if p.running), None)
    return RequestClock(
        id=req.id, version=req.version, deadline=req.deadline, is_open=is_open,
        paused_since=running.started_on if running else None,
        paused_days=sum(p.paused_days for p in pauses), pauses=pauses)


def referral_clock(s: Session, ref: Referral) -> ReferralClock:
    """A referral's clock: deadline, state and pauses."""
    pauses = pause_infos(s, ClockPause.referral_id == ref.id)
    running = next((p for p in pauses if p.running), None)
    return ReferralClock(
        id=ref.id, request_id=ref.request_id, version=ref.version, deadline=ref.deadline,
        is_open=ref.status == ReferralStatus.OPEN,
        paused_since=running.started_on if running else None,
        paused_days=sum(p.paused_days for p in pauses), pauses=pauses)
