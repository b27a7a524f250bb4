"""The answers for SAMAD (issue 14 §2): what the clerk types into SAMAD for a quarter, as .xlsx.

Decisions:
- The rows: every SAMAD request (a SAMAD code, or the SAMAD channel; see reconcile) answered
  (`answered_at`), closed (`closed_at`) or referred (a referral's letter date) within the Jalali
  quarter, Tehran days. One row per request, as it stands now: that is what SAMAD must show.
- Referrals: every referral of the request dated up to the quarter's end and not withdrawn, one
  line each in the agency, letter number, letter date and agency-answer cells.
- Dates are Jalali in Latin digits («1405/09/07»), as the inbox export writes them: they sort
  and paste into SAMAD's forms. Text goes through the formula-safe cell writer; the sheet is
  right to left.
- «Exported before»: each export stores, per request, a fingerprint of its row's cells. A row
  whose fingerprint an earlier export holds is «بله»; a request exported before with another
  row (answered since it was referred, say) is «بله، با تغییر» and counts as new; else «خیر».
  `only_new` leaves out the «بله» rows. Every exported row is recorded, in the same transaction
  that puts the finished file in place: a file that could not be saved records nothing.
- A county-limited user exports the requests of their counties only.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import and_, insert, or_, select

from app.errors import PolError
from app.models import Agency, Referral, Request, SamadExport, SamadExportItem
from app.models.database import Database
from app.models.enums import ReferralStatus, RequestStatus, Resolution
from app.services.core import audit, jalali, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.xlsx import add_table, new_workbook, save
from app.services.requests.samad.dto import AnswersExport
from app.services.requests.samad.reconcile import samad_requests

HEADERS = ["کد رهگیری سامد", "کد رهگیری پل", "وضعیت", "نتیجهٔ رسیدگی", "متن پاسخ", "تاریخ پاسخ",
           "دستگاه ارجاع", "شماره نامه", "تاریخ نامه", "پاسخ دستگاه", "تاریخ مختومه",
           "تاریخ دریافت", "موضوع", "پیش‌تر صادر شده"]
WIDTHS = [18, 16, 18, 14, 50, 16, 30, 16, 14, 40, 16, 18, 40, 16]
SHEET = "پاسخ‌ها برای سامد"
EXPORTED = "بله"
CHANGED = "بله، با تغییر"
NEW = "خیر"
_IN_CHUNK = 500


def _day(d: date | None) -> str:
    return jalali.format_jalali(d, persian_digits=False) if d else ""


def _moment(dt: datetime | None) -> str:
    return jalali.format_jalali_datetime(dt, persian_digits=False) if dt else ""


def quarter_window(year: int, quarter: int) -> tuple[date, date, datetime, datetime]:
    """The quarter's first and last days, and its UTC bounds [start, end)."""
    first, last = jalali.quarter_bounds(year, quarter)
    return (first, last, jalali.tehran_to_utc(datetime.combine(first, time.min)),
            jalali.tehran_to_utc(datetime.combine(last + timedelta(days=1), time.min)))


def answer_rows(db: Database, actor: Actor, year: int,
                quarter: int) -> list[tuple[int, list[str]]]:
    """(request id, cells without the last column) of every row of the quarter, in order."""
    first, last, start, end = quarter_window(year, quarter)
    with scope.read(db, actor) as s:
        referred = select(Referral.request_id).where(Referral.letter_date.between(first, last))
        reqs = s.execute(
            select(Request.id, Request.samad_code, Request.tracking_code, Request.status,
                   Request.resolution, Request.answer_text, Request.answered_at,
                   Request.closed_at, Request.received_at, Request.subject)
            .where(samad_requests(), or_(
                and_(Request.answered_at >= start, Request.answered_at < end),
                and_(Request.closed_at >= start, Request.closed_at < end),
                Request.id.in_(referred)))
            .order_by(Request.received_at, Request.id)).all()
        refs: dict[int, list[tuple[str, str, date, str]]] = defaultdict(list)
        ids = [r.id for r in reqs]
        for i in range(0, len(ids), _IN_CHUNK):
            for rid, agency, letter_no, letter_date, response in s.execute(
                    select(Referral.request_id, Agency.name, Referral.letter_no,
                           Referral.letter_date, Referral.response_text)
                    .join(Agency, Agency.id == Referral.agency_id)
                    .where(Referral.request_id.in_(ids[i:i + _IN_CHUNK]),
                           Referral.letter_date <= last,
                           Referral.status != ReferralStatus.WITHDRAWN.value)
                    .order_by(Referral.letter_date, Referral.id)):
                refs[rid].append((agency, letter_no, letter_date, response))
    out = []
    for r in reqs:
        mine = refs.get(r.id, [])
        resolution = Resolution(r.resolution).label if r.resolution else ""
        out.append((r.id, [
            r.samad_code or "", r.tracking_code, RequestStatus(r.status).label, resolution,
            r.answer_text or "", _moment(r.answered_at),
            "\n".join(m[0] for m in mine), "\n".join(m[1] for m in mine),
            "\n".join(_day(m[2]) for m in mine), "\n".join(m[3] for m in mine if m[3]),
            _moment(r.closed_at), _moment(r.received_at), r.subject]))
    return out


def fingerprint(cells: list[str]) -> str:
    """What a row tells SAMAD, as a hex digest: the cells up to the closing date (the received
    date and the subject are there to find the row, not news), joined by a separator no cell
    holds."""
    return hashlib.sha256("\x1f".join(cells[:11]).encode("utf-8")).hexdigest()


def _earlier(s, ids: list[int]) -> dict[int, set[str]]:  # noqa: ANN001 - Session
    """Request id -> the fingerprints earlier exports recorded for it."""
    out: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), _IN_CHUNK):
        for rid, fp in s.execute(select(SamadExportItem.request_id, SamadExportItem.fingerprint)
                                 .where(SamadExportItem.request_id.in_(ids[i:i + _IN_CHUNK]))):
            out[rid].add(fp)
    return out


def export_answers(db: Database, actor: Actor, year: int, quarter: int, out: str | Path,
                   only_new: bool = False) -> AnswersExport:
    """Write the quarter's answers for SAMAD to `out` (.xlsx) and record the export."""
    require(actor, "request.write")  # the clerks who answer in SAMAD; an export is recorded
    target = Path(out)
    if not target.parent.is_dir():
        raise PolError(msg.folder_not_found(str(target.parent)))
    rows = answer_rows(db, actor, year, quarter)
    with scope.read(db, actor) as s:
        earlier = _earlier(s, [rid for rid, _ in rows])
    kept: list[tuple[int, str, list[str]]] = []
    counts = {EXPORTED: 0, CHANGED: 0, NEW: 0}
    for rid, cells in rows:
        fp = fingerprint(cells)
        mark = EXPORTED if fp in earlier.get(rid, ()) else CHANGED if rid in earlier else NEW
        counts[mark] += 1
        if not (only_new and mark == EXPORTED):
            kept.append((rid, fp, [*cells, mark]))
    wb = new_workbook()
    add_table(wb, SHEET, HEADERS, [cells for _, _, cells in kept], widths=WIDTHS)
    partial = target.with_name(target.name + ".partial")
    try:
        save(wb, partial)
        with db.write() as s:
            now = jalali.utc_now()
            export = SamadExport(year=year, quarter=quarter, only_new=only_new, rows=len(kept),
                                 file_name=target.name[:255], created_at=now,
                                 created_by=actor.user_id)
            s.add(export)
            s.flush()
            if kept:  # one executemany: an ORM object per row costs more than its insert
                s.execute(insert(SamadExportItem), [
                    {"export_id": export.id, "request_id": rid, "fingerprint": fp}
                    for rid, fp, _ in kept])
            audit.record(s, actor, "samad_export", export.id, "export", None,
                         {"year": year, "quarter": quarter, "only_new": only_new,
                          "rows": len(kept), "file_name": export.file_name})
            os.replace(partial, target)  # last: a failure here rolls the record back
            export_id = export.id
    except OSError as exc:
        raise PolError(msg.file_not_saved(target.name, str(exc.strerror or exc))) from None
    finally:
        partial.unlink(missing_ok=True)
    return AnswersExport(str(target), len(kept), counts[NEW], counts[CHANGED],
                         counts[EXPORTED], export_id)
