"""The quarterly report's repeat requests: a citizen's second or later request on the same matter.

Counted so (the PDF says the same in words, pdf/repeats.py):
- the requests received in the quarter up to its cut-off, by channel and by county;
- a request is a repeat when the same person (the same citizen record, national ID or
  canonical mobile) brought an earlier request in the same quarter on the same matter: the
  measure of services.requests.repeats (likeness at or over the office's threshold, the earlier
  one still open or closed within the office's window), as found when the request was
  registered and stored (request.repeat_of, the latest such earlier request: it is in the
  quarter exactly when any is), or the two are linked by a clerk («تکراری» or «مرتبط», a link
  not removed);
- the first request on a matter is not a repeat; the second and later ones are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import County, Request, RequestLink
from app.models.enums import Channel
from app.services.core import persian
from app.services.reports.measures import utc_range
from app.services.requests import repeats

_IN = 5000  # ids per IN (…) query (SQLite allows 32,766 parameters)


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
    """The repeat requests among those received from `start` to `as_of` (Tehran days).

    Counted in the database: a request is a repeat when its stored finding
    (request.repeat_of, the latest earlier request on the same matter) is itself one of the
    quarter's requests, or a clerk linked it to an earlier one of the quarter.
    """
    lo, hi = utc_range(start, as_of)
    cut, window = repeats.settings(s)
    quarter = (Request.received_at >= lo, Request.received_at < hi)
    # Each count reads an index only: the totals (channel, received) and (county, received),
    # the requests with a finding the partial index ix_request_repeat_found.
    totals = {attr: dict(s.execute(select(getattr(Request, attr), func.count())
                                   .where(*quarter).group_by(getattr(Request, attr))).all())
              for attr in ("channel", "county_id")}
    # The finding's earlier request among the quarter's (in the reader's scope too: the
    # subquery is not correlated, so the scope's criteria apply to it as to the outer rows).
    of_quarter = select(Request.id).where(*quarter).correlate(None)
    found = {r.id: Row(r.id, r.channel, r.county_id)
             for r in s.execute(select(Request.id, Request.channel, Request.county_id)
                                .where(*quarter, Request.repeat_of.is_not(None),
                                       Request.repeat_of.in_(of_quarter)))}
    linked = _linked_later(s, lo, hi)
    link_only = [r for rid, r in linked.items() if rid not in found]
    tables: dict[str, tuple[Counter, Counter]] = {}
    for attr in ("channel", "county_id"):
        repeated = Counter(getattr(r, attr) for r in [*found.values(), *link_only])
        tables[attr] = (Counter(totals[attr]), repeated)
    return RepeatShare(
        requests=sum(totals["channel"].values()), repeats=len(found) + len(link_only),
        by_link_only=len(link_only),
        threshold_percent=round(cut * 100), window_days=window,
        by_channel=_rows(*tables["channel"], _channel_labels()),
        by_county=_rows(*tables["county_id"], _county_labels(s)),
    )


def _linked_later(s: Session, lo: datetime, hi: datetime) -> dict[int, Row]:
    """The later request (its id, channel, county) of each live link whose two requests were
    both received in [lo, hi)."""
    # Two plain reads, no aliases of request: the county scope (services.core.scope) limits the
    # request table itself, and an aliased pair would carry its criteria to the wrong name.
    pairs = s.execute(select(RequestLink.request_id, RequestLink.other_id)
                      .where(RequestLink.removed_at.is_(None))).all()
    ids = sorted({i for pair in pairs for i in pair})
    seen: dict[int, tuple] = {}
    for k in range(0, len(ids), _IN):
        for r in s.execute(select(Request.id, Request.received_at, Request.channel,
                                  Request.county_id)
                           .where(Request.id.in_(ids[k:k + _IN]), Request.received_at >= lo,
                                  Request.received_at < hi)):
            seen[r[0]] = tuple(r)
    rows = [seen[a] + seen[b] for a, b in pairs if a in seen and b in seen]
    out: dict[int, Row] = {}
    for r in rows:
        later = r[0:4] if (r[1], r[0]) > (r[5], r[4]) else r[4:8]
        out[later[0]] = Row(later[0], later[2], later[3])
    return out


@dataclass(frozen=True)
class Row:
    """What a count needs of a request."""

    id: int
    channel: str
    county_id: int | None


def _channel_labels() -> dict[object, str]:
    return {c.value: c.label for c in Channel}


def _county_labels(s: Session) -> dict[object, str]:
    return {cid: name for cid, name in s.execute(select(County.id, County.name))}


def _rows(requests: Counter, repeated: Counter, labels: dict[object, str]) -> list[RepeatRow]:
    """Requests and repeats per value, labelled, in Persian order (none: «نامشخص»)."""
    out = [RepeatRow(labels.get(k, "نامشخص") if k is not None else "نامشخص", n, repeated[k])
           for k, n in requests.items()]
    out.sort(key=lambda r: persian.sort_key(r.label))
    return out
