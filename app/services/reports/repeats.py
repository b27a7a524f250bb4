"""The quarterly report's repeat requests: a citizen's second or later request on the same matter.

Counted so (the PDF says the same in words, pdf/repeats.py):
- the requests received in the quarter up to its cut-off, by channel and by county;
- a request is a repeat when the same person (the same citizen record, national ID or
  canonical mobile) brought an earlier request in the same quarter on the same matter: the
  measure of services.requests.repeats (likeness at or over the office's threshold, the earlier
  one still open or closed within the office's window), or the two are linked by a clerk
  («تکراری» or «مرتبط», a link not removed);
- the first request on a matter is not a repeat; the second and later ones are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Citizen, County, Request, RequestLink
from app.models.enums import Channel
from app.services.core import persian
from app.services.reports.measures import utc_range
from app.services.requests import repeats

_IN = 500


@dataclass(frozen=True)
class RepeatRow:
    """One line of the table: a channel or a county."""

    label: str
    requests: int
    repeats: int

    @property
    def share(self) -> float:
        """Repeats as a fraction of the requests (0 with none)."""
        return self.repeats / self.requests if self.requests else 0.0


@dataclass(frozen=True)
class RepeatShare:
    """The quarter's repeat requests, in all, by channel and by county."""

    requests: int
    repeats: int
    by_link_only: int  # repeats the measure did not find, only a clerk's link
    threshold_percent: int
    window_days: int
    by_channel: list[RepeatRow] = field(default_factory=list)
    by_county: list[RepeatRow] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Repeats as a fraction of the quarter's requests."""
        return self.repeats / self.requests if self.requests else 0.0


def quarter_repeats(s: Session, start: date, as_of: date) -> RepeatShare:
    """The repeat requests among those received from `start` to `as_of` (Tehran days)."""
    lo, hi = utc_range(start, as_of)
    rows = s.execute(select(Request.id, Request.citizen_id, Request.received_at,
                            Request.closed_at, Request.channel, Request.county_id)
                     .where(Request.received_at >= lo, Request.received_at < hi)).all()
    cut, window = repeats.settings(s)
    ids = {r.id for r in rows}
    # Persons with two or more requests in the quarter: only their texts are read.
    cids = sorted({r.citizen_id for r in rows if r.citizen_id is not None})
    mobiles: list[tuple[int, str | None]] = []
    for i in range(0, len(cids), _IN):
        mobiles += [tuple(m) for m in s.execute(select(Citizen.id, Citizen.mobile)
                                                .where(Citizen.id.in_(cids[i:i + _IN])))]
    keys = repeats.person_keys(mobiles)
    per_person: dict[int, int] = {}
    for r in rows:
        if r.citizen_id is not None:
            per_person[keys[r.citizen_id]] = per_person.get(keys[r.citizen_id], 0) + 1
    wanted = sorted(r.id for r in rows
                    if r.citizen_id is not None and per_person[keys[r.citizen_id]] > 1)
    texts: dict[int, tuple[str, str]] = {}
    for i in range(0, len(wanted), _IN):
        texts.update((t[0], (t[1], t[2])) for t in s.execute(
            select(Request.id, Request.subject, Request.body)
            .where(Request.id.in_(wanted[i:i + _IN]))))
    by_id = {r.id: r for r in rows}
    items = [repeats.Item(rid, keys[by_id[rid].citizen_id], by_id[rid].received_at,
                          by_id[rid].closed_at, *texts[rid]) for rid in wanted]
    found = set(repeats.same_matter(items, cut, window))
    linked = _linked_later(s, ids, by_id)
    repeat_ids = found | linked
    return RepeatShare(
        requests=len(rows), repeats=len(repeat_ids), by_link_only=len(linked - found),
        threshold_percent=round(cut * 100), window_days=window,
        by_channel=_rows(rows, repeat_ids, "channel", _channel_labels()),
        by_county=_rows(rows, repeat_ids, "county_id", _county_labels(s)),
    )


def _linked_later(s: Session, ids: set[int], by_id: dict) -> set[int]:
    """The later request of each live link whose two requests were both received in the range."""
    out: set[int] = set()
    wanted = sorted(ids)
    for i in range(0, len(wanted), _IN):
        chunk = wanted[i:i + _IN]
        for a, b in s.execute(select(RequestLink.request_id, RequestLink.other_id).where(
                RequestLink.request_id.in_(chunk), RequestLink.removed_at.is_(None))):
            if a in ids and b in ids:
                ra, rb = by_id[a], by_id[b]
                out.add(a if (ra.received_at, a) > (rb.received_at, b) else b)
    return out


def _channel_labels() -> dict[object, str]:
    return {c.value: c.label for c in Channel}


def _county_labels(s: Session) -> dict[object, str]:
    return {cid: name for cid, name in s.execute(select(County.id, County.name))}


def _rows(rows: Sequence, repeat_ids: set[int], attr: str,
          labels: dict[object, str]) -> list[RepeatRow]:
    """Requests and repeats per value of `attr`, labelled, in Persian order (none: «نامشخص»)."""
    total: dict[object, int] = {}
    rep: dict[object, int] = {}
    for r in rows:
        k = getattr(r, attr)
        total[k] = total.get(k, 0) + 1
        if r.id in repeat_ids:
            rep[k] = rep.get(k, 0) + 1
    out = [RepeatRow(labels.get(k, "نامشخص") if k is not None else "نامشخص", n, rep.get(k, 0))
           for k, n in total.items()]
    out.sort(key=lambda r: persian.sort_key(r.label))
    return out
