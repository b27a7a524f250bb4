"""Finding candidates: a request's (the intake form, the detail pane) and a batch's (the SAMAD
import) earlier requests of the same person on the same matter, by the one measure (measure.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.models import Citizen, Request
from app.models.enums import RequestStatus
from app.services.core import persian
from app.services.requests.repeats.dto import PossibleRepeat, RepeatCandidate
from app.services.requests.repeats.findings import settings
from app.services.requests.repeats.measure import Fingerprint, fingerprint, in_window, likeness

# How many of a citizen's newest requests are compared (a citizen with more is an exception:
# an association or a habitual writer; their newest requests are the ones that matter).
CITIZEN_LIMIT = 200
# How many candidates a registration shows.
SHOW_LIMIT = 5


_COLUMNS = (Request.id, Request.tracking_code, Request.subject, Request.body, Request.status,
            Request.received_at, Request.closed_at, Request.samad_code)


def same_person(citizen_id: int | None, national_id: str | None,
                mobile: str | None) -> ColumnElement[bool] | None:
    """The requests of this person: the citizen row, or rows with the national ID or mobile."""
    nid = persian.clean_national_id(national_id) if national_id else ""
    mob = persian.normalize_mobile(mobile) if mobile else None
    conds = []
    if nid and persian.is_valid_national_id(nid):
        conds.append(Citizen.national_id == nid)
    if mob:
        conds.append(Citizen.mobile == mob)
    alternatives = []
    if citizen_id:
        alternatives.append(Request.citizen_id == citizen_id)
    if conds:
        alternatives.append(Request.citizen_id.in_(select(Citizen.id).where(or_(*conds))))
    return or_(*alternatives) if alternatives else None


def find(s: Session, person: ColumnElement[bool] | None, subject: str, body: str,
         received_at: datetime, samad_code: str | None = None, exclude: Iterable[int] = (),
         limit: int | None = SHOW_LIMIT) -> list[RepeatCandidate]:
    """Candidates for a request (new or saved) of this person (same_person), best first.

    One statement: the person's newest requests and any with the same SAMAD code.
    """
    code = persian.canonical_code(samad_code) or None
    wanted = [c for c in (person, Request.samad_code == code if code else None) if c is not None]
    if not wanted:
        return []
    rows = s.execute(select(*_COLUMNS).where(or_(*wanted))
                     .order_by(Request.received_at.desc()).limit(CITIZEN_LIMIT)).all()
    same_samad = {r.id for r in rows if code and r.samad_code == code}
    cut, window = settings(s)
    out = score(rows, subject, body, received_at, cut, window, set(exclude), same_samad)
    return out if limit is None else out[:limit]


def score(rows: Iterable, subject: str, body: str, received_at: datetime, cut: float,
          window: int, exclude: set[int], same_samad: Iterable[int] = (),
          before_id: int | None = None,
          prints: dict[int, Fingerprint] | None = None) -> list[RepeatCandidate]:
    """The rows (id, code, subject, body, status, received, closed, samad) that qualify, best
    first. `before_id`: only rows with a smaller id (the import's earlier rows). `prints`: the
    fingerprints of rows met before (a batch compares each row with several)."""
    same_samad = set(same_samad)
    # The window runs from the earlier of the two to the later one.
    rows = [r for r in rows
            if r.id not in exclude and (before_id is None or r.id < before_id)
            and (r.id in same_samad or r.received_at > received_at
                 or in_window(r.closed_at, received_at, window))]
    if not rows:
        return []
    mine = fingerprint(persian.clean_text(subject), persian.normalize(body))
    out: list[RepeatCandidate] = []
    for r in rows:
        samad = r.id in same_samad
        if samad:
            value = 1.0
        else:
            theirs = prints.get(r.id) if prints is not None else None
            if theirs is None:
                theirs = fingerprint(r.subject, r.body)
                if prints is not None:
                    prints[r.id] = theirs
            value = likeness(mine, theirs)
        if samad or value >= cut:
            out.append(RepeatCandidate(r.id, r.tracking_code, r.subject, r.status,
                                       RequestStatus(r.status).label, r.received_at,
                                       round(value, 3), samad))
    out.sort(key=lambda c: (-c.same_samad, -c.similarity, -c.received_at.timestamp()))
    return out


def bulk_candidates(s: Session, items: Sequence[tuple[int, int | None, str | None, str | None,
                                                      str, str, datetime]],
                    ) -> dict[int, RepeatCandidate]:
    """The best earlier candidate of each new request in a batch (the SAMAD import).

    `items`: (new request id, citizen id, national ID, mobile, subject, body, received_at).
    Candidates have a smaller id: in the database before, or earlier in the same file (the
    batch is inserted already). Three IN queries per batch, whatever its size.
    """
    keyed = [(rid, cid, persian.clean_national_id(nid) if nid else "",
              persian.normalize_mobile(mobile) if mobile else None, subject, body, received)
             for rid, cid, nid, mobile, subject, body, received in items]
    nids = sorted({k[2] for k in keyed if k[2]})
    mobiles = sorted({k[3] for k in keyed if k[3]})
    by_nid: dict[str, set[int]] = {}
    by_mobile: dict[str, set[int]] = {}
    for i in range(0, max(len(nids), len(mobiles)), _IN):
        a, b = nids[i:i + _IN], mobiles[i:i + _IN]
        for cid, nid, mob in s.execute(select(Citizen.id, Citizen.national_id, Citizen.mobile)
                                       .where(or_(Citizen.national_id.in_(a),
                                                  Citizen.mobile.in_(b)))):
            if nid:
                by_nid.setdefault(nid, set()).add(cid)
            if mob:
                by_mobile.setdefault(mob, set()).add(cid)
    people_of: dict[int, set[int]] = {}
    for rid, cid, nid, mob, *_ in keyed:
        people = ({cid} if cid else set()) | by_nid.get(nid, set()) | by_mobile.get(mob or "", set())
        if people:
            people_of[rid] = people
    everyone = sorted(set().union(*people_of.values())) if people_of else []
    rows_of: dict[int, list] = {}
    for i in range(0, len(everyone), _IN):
        for r in s.execute(select(*_COLUMNS, Request.citizen_id)
                           .where(Request.citizen_id.in_(everyone[i:i + _IN]))):
            rows_of.setdefault(r.citizen_id, []).append(r)
    cut, window = settings(s)
    out: dict[int, RepeatCandidate] = {}
    prints: dict[int, Fingerprint] = {}
    for rid, _cid, _nid, _mob, subject, body, received in keyed:
        rows = [r for p in people_of.get(rid, ()) for r in rows_of.get(p, ())]
        found = score(rows, subject, body, received, cut, window, {rid}, before_id=rid,
                      prints=prints)
        if found:
            out[rid] = found[0]
    return out


_IN = 500  # values per IN (…) query


def import_repeats(s: Session, goods: Sequence, ids: Sequence[int],
                   people: Sequence) -> list[PossibleRepeat]:
    """The possible repeats among one imported batch (rows already inserted), by row."""
    items = []
    row_of: dict[int, int] = {}
    for g, rid, person in zip(goods, ids, people, strict=True):
        if person is None:
            continue
        row_of[rid] = g.row
        items.append((rid, person.id, person.national_id, person.mobile, g.subject, g.body,
                      g.received_at))
    found = bulk_candidates(s, items)
    if not found:
        return []
    codes = dict(s.execute(select(Request.id, Request.tracking_code)
                           .where(Request.id.in_(sorted(found)))).all())
    return [PossibleRepeat(row_of[rid], c.tracking_code, c.request_id, rid, codes[rid],
                           c.similarity) for rid, c in sorted(found.items())]
