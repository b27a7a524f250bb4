"""The first pages of a search in received order, without reading every match.

- SQLite: the index `request_search` (migration 0008f) keys each request by its received second
  and then its id, and FTS5 returns MATCH results in key order, so one statement reads
  candidates newest first, checks each one's key exactly (and the other filters) and stops at
  the page; a second one reads the rows sharing the last one's second, ordered exactly here.
- PostgreSQL: the newest BUDGET rows of the other filters are read in order and checked (more,
  up to MORE, when their share of matches promises a page there); a word
  frequent enough fills the page there. A rare one (by its share among those rows) is listed
  whole by the trigram index and sorted. Any other is read day by day from the newest day by
  scope_search_days, one scan of the trigram-and-day index (migration 0008f) a day, until the
  days read hold a page; the index is asked for the rarest word or, when the newest rows say
  it is cheaper, for one three-letter window of it (one trigram instead of several), and every
  word is checked on the rows it gives. A page is two statements: the newest rows' check, then
  either the page's rows or the matches listed, sorted and their page's rows read at once.

PostgreSQL's statements are built once per shape (the other filters, how many words, the page)
and kept, the words passed as parameters: building them anew took as long as the server's
answer (about 4 ms of a 15 ms page at 1,000,000 requests).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    select,
    text,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import TEXT, aggregate_order_by
from sqlalchemy.orm import Session

from app.models import Request
from app.services.requests import search
from app.services.requests.dto import InboxFilter
from app.services.requests.search import ID_BITS, ID_MASK, SEARCH_INDEX, TRIGRAM, Details, Filtered

DEEPEST = 5000  # beyond this many rows the page is found by the general query
BUDGET = 600  # newest rows checked directly on PostgreSQL before the trigram index is asked
# When the newest rows hold some matches but not a page, and their share says a page lies
# within this many newest rows, those are checked too: a day's scan of a common word's
# trigrams cost more (1,000,000 requests: «پیگیری», 193 of the newest 600: 15 ms by the days,
# about 4 ms by 1,200 newest rows).
MORE = (1200, 2400)
MARGIN = 1.25  # the share of matches is a sample's: read this much more than it promises
RARE = 1000  # a word with fewer matches is rare: its matches are listed and sorted (PostgreSQL);
# listing them costs a row read each, so asking whether a word is rare costs up to RARE reads
GROWTH = 4  # when other filters leave too few of the days' matches, read this many times more
DAYS = 64  # days read one by one before a search is checked for being rare after all
WINDOWS = 12  # at most this many three-letter windows of the words are counted in the newest rows
# A trigram in a day's scan of the index costs about as much as this many rows checked after it
# (1,000,000 requests: «لوله‌کشی», five trigrams, 1.9 ms a day; one of its windows 0.6 ms).
ROWS_PER_TRIGRAM = 100
TEXTS = postgresql.ARRAY(TEXT)


def windows(words: list[str]) -> list[str]:
    """The three-letter windows of the longer words that are one trigram each in the index.

    pg_trgm takes trigrams of letters and digits only: a window with any other character would
    give the index nothing to look up, and it would read itself whole.
    """
    found = dict.fromkeys(w[i:i + TRIGRAM] for w in words if len(w) > TRIGRAM
                          for i in range(len(w) - TRIGRAM + 1))
    return [g for g in found if all(c.isalnum() for c in g)][:WINDOWS]


def first_rows(s: Session, f: InboxFilter, offset: int, limit: int, descending: bool,
               sqlite: bool, filtered: Filtered, details: Details,
               shape: Hashable) -> list[Sequence[Any]] | None:
    """The detailed rows of a page of a search in received order, or None when the general
    query should answer.

    `filtered(query, filter)` adds a filter's other conditions (apply_filter), `details` the
    row's columns; `shape` names what they add (equal shapes add equal clauses).
    """
    words = search.terms(f)
    wanted = offset + limit
    if (wanted > DEEPEST or not words or all(len(w) < TRIGRAM for w in words)
            or any(search.is_code(w) for w in words)):
        return None  # a code's column answers at once in the general query
    rest = search.without_text(f)
    if sqlite:
        found = _sqlite_walk(s, words, rest, wanted, descending, filtered)
        return search.rows_of(s, found[offset:wanted], details)
    key = (shape, _filter_key(rest), descending, offset, limit, BUDGET, RARE)
    return _pg_newest(s, words, rest, offset, limit, descending, filtered, details, key)


def _filter_key(f: InboxFilter) -> tuple[Any, ...]:
    """A filter as a dictionary key (its lists as tuples)."""
    return tuple(tuple(v) if isinstance(v, list) else v
                 for v in (getattr(f, x.name) for x in dataclasses.fields(f)))


def _sqlite_walk(s: Session, words: list[str], rest: InboxFilter, wanted: int,
                 descending: bool, filtered: Filtered) -> list[int]:
    """Read matches in recency-key order, stopping after the page (and its ties)."""
    key = SEARCH_INDEX.c.rowid
    base = filtered(
        select(Request.id, Request.received_at, key)
        .select_from(SEARCH_INDEX)
        .join(Request, Request.id == key.op("&")(ID_MASK))
        .where(text("request_search MATCH :match").bindparams(match=search.match_query(words)),
               *[search.contains(w) for w in words]), rest)
    order = key.desc() if descending else key.asc()
    rows = list(s.execute(base.order_by(order).limit(wanted)))
    if len(rows) == wanted:
        # The key orders by whole seconds: rows in the last row's second beyond it may still
        # rank above it by their exact time. Read them too; the sort below decides.
        last = rows[-1][2]
        second = (last >> ID_BITS) << ID_BITS
        beyond = (and_(key >= second, key < last) if descending
                  else and_(key > last, key <= second | ID_MASK))
        rows += s.execute(base.where(beyond))
    held = sorted(((r[1], r[0]) for r in rows), reverse=descending)
    return [rid for _, rid in held[:wanted]]


def _order(descending: bool) -> Callable[[Any], Any]:
    """The received order's direction for a column."""
    return (lambda c: c.desc()) if descending else (lambda c: c.asc())


def _newest_statement(rest: InboxFilter, words: int, grams: int, long_at: tuple[int, ...],
                      descending: bool, filtered: Filtered, budget: int) -> Select:
    """One statement and one row: the matches among the newest `budget` rows in order, how many
    rows were read and how many hold each long word and all of them; the table's size as the
    planner knows it (pg_class); the received times' ends; how many hold each window.

    Parameters w0… (the words) and g0… (the windows). strpos is exact like LIKE '%word%' and
    costs a third of it.
    """
    direction = _order(descending)
    newest = (filtered(select(Request.id, Request.received_at,
                              *[(func.strpos(Request.search_key, bindparam(f"w{i}", type_=TEXT))
                                 > 0).label(f"w{i}") for i in range(words)],
                              *[(func.strpos(Request.search_key, bindparam(f"g{j}", type_=TEXT))
                                 > 0).label(f"g{j}") for j in range(grams)]), rest)
              .order_by(direction(Request.received_at), direction(Request.id))
              .limit(budget).subquery())
    holds = [newest.c[f"w{i}"] for i in range(words)]
    ends = [filtered(select(f(Request.received_at)), rest).scalar_subquery()
            for f in (func.min, func.max)]
    size = literal_column("(SELECT reltuples FROM pg_class WHERE oid = 'request'::regclass)")
    return select(
        func.array_agg(aggregate_order_by(newest.c.id, direction(newest.c.received_at),
                                          direction(newest.c.id))).filter(and_(*holds)),
        func.count(), *[func.count().filter(holds[i]) for i in long_at],
        func.count().filter(and_(*[holds[i] for i in long_at])), size, *ends,
        *[func.count().filter(newest.c[f"g{j}"]) for j in range(grams)]).select_from(newest)


def _counted_statement(source: ColumnElement[Any], checks: int, bounded: bool,
                       rest: InboxFilter, offset: int, limit: int, descending: bool,
                       filtered: Filtered, details: Details) -> Select:
    """How many ids a set-returning call lists, and the page's rows among them (none when the
    parameter `most` or more are listed): one statement, the ids listed once.

    Parameters s0… are LIKE patterns every row must also match.
    """
    direction = _order(descending)
    ids = (select(func.array(select(source).scalar_subquery()).label("ids"))
           .cte("listed").prefix_with("MATERIALIZED"))
    q = filtered(select(Request.id), rest).where(
        Request.id == any_(ids.c.ids),
        *[Request.search_key.like(bindparam(f"s{k}", type_=TEXT), escape="\\")
          for k in range(checks)])
    if bounded:
        q = q.where(func.cardinality(ids.c.ids) < bindparam("most", type_=Integer))
    page = details(q.order_by(direction(Request.received_at), direction(Request.id))
                   .offset(offset).limit(limit)).lateral("page")
    return select(func.cardinality(ids.c.ids), page).select_from(ids).outerjoin(page, true())


def _pg_newest(s: Session, words: list[str], rest: InboxFilter, offset: int, limit: int,
               descending: bool, filtered: Filtered, details: Details,
               key: tuple[Any, ...]) -> list[Sequence[Any]] | None:
    """The page of a search on PostgreSQL, its rows detailed, in at most two statements.

    Each step is exact, as a match ranking above the page's last row lies inside what it read:
    1. the newest BUDGET rows, read in order and checked one by one, hold a frequent word's page;
       their share of matches tells how many matches there are in all, roughly;
    2. else scope_search_days reads the matches day by day from the newest day (one GIN scan a
       day, migration 0008f) until the days read hold a page; the page is sorted, and its rows
       read, in the same statement;
    3. a search with fewer than RARE matches is listed whole by the trigram index and sorted
       the same way: asked first when its share among the newest rows says so (the newest rows
       may miss a word that is not rare: asking costs at most RARE row reads), else when DAYS
       days held less than a page.
    """
    wanted = offset + limit
    grams = windows(words)
    long_at = tuple(i for i, w in enumerate(words) if len(w) >= TRIGRAM)
    values = ({f"w{i}": w for i, w in enumerate(words)}
              | {f"g{j}": g for j, g in enumerate(grams)})

    def newest(budget: int) -> Any:
        """The check of the newest `budget` rows (_newest_statement), kept per budget."""
        statement = search.kept(
            ("newest", key, budget, len(words), len(grams), long_at),
            lambda: _newest_statement(rest, len(words), len(grams), long_at, descending,
                                      filtered, budget))
        return s.execute(statement, values).one()

    budget = BUDGET
    read = newest(budget)
    hits, checked = list(read[0] or []), read[1]
    if hits and len(hits) < wanted and checked == budget:
        # A page is near by the share of matches: check more of the newest rows.
        promised = wanted * checked / len(hits) * MARGIN
        more = next((m for m in MORE if m >= promised), None)
        if more is not None:
            budget = more
            read = newest(budget)
            hits, checked = list(read[0] or []), read[1]
    if len(hits) >= wanted or checked < budget:  # a page, or every row of the filter checked
        return search.rows_of(s, hits[offset:wanted], details, key[0])
    n = len(long_at)
    counts = dict(zip(long_at, read[2:2 + n], strict=True))
    listing, rows, oldest, latest = read[2 + n:6 + n]
    in_sample = ({words[i]: c for i, c in counts.items()}
                 | dict(zip(grams, read[6 + n:], strict=True)))
    # The rarest word there (the longest on a tie) alone asks the index day by day; the others
    # are checked on its rows: each word's trigrams cost the index scan time whether or not
    # they narrow it.
    at = sorted(sorted(long_at, key=lambda i: len(words[i]), reverse=True), key=counts.get)
    long = [words[i] for i in at]
    short = [search.like(w) for w in words if len(w) < TRIGRAM]
    # The index is asked for the rarest word, or for one of its windows when the rows a window
    # adds cost less to check than the word's other trigrams cost the index: every trigram is
    # a posting list the day's scan must step through. Each newest row holding a window stands
    # for `per_day` rows a day; every word is checked on the rows the index gives.
    per_day = max(rows or 0, 0) / max((latest - oldest).days + 1, 1) / max(checked, 1)
    asked = min([long[0]] + [g for g in grams if g in long[0]],
                key=lambda p: (len(p) - TRIGRAM + 1) * ROWS_PER_TRIGRAM + in_sample[p] * per_day)

    def counted_page(name: str, source: Callable[[], ColumnElement[Any]], checks: list[str],
                     bounded: bool, **params: Any) -> tuple[int, list[Sequence[Any]]]:
        """Run a kept _counted_statement: how many ids its source lists, and the page."""
        statement = search.kept((name, key, len(checks)), lambda: _counted_statement(
            source(), len(checks), bounded, rest, offset, limit, descending, filtered, details))
        out = s.execute(statement, params | {f"s{k}": c for k, c in enumerate(checks)}).all()
        return out[0][0] or 0, [r[1:] for r in out if r[1] is not None]

    def days_page(first: date, stop: date, bound: int) -> tuple[int, list[Sequence[Any]]]:
        """How many matches the days from `first` to the one where `bound` matches are reached
        hold, and the page among them."""
        return counted_page("days", lambda: func.scope_search_days(
            bindparam("rarest", type_=TEXTS), bindparam("filters", type_=TEXTS),
            bindparam("first", type_=Date), bindparam("last", type_=Date),
            bindparam("bound", type_=Integer)), [], False,
            rarest=[search.like(asked)], first=first, last=stop, bound=bound,
            filters=[search.like(w) for w in long if w != asked] + short)

    def rare() -> list[Sequence[Any]] | None:
        """The page from every match of a rare search, or None when it has RARE or more."""
        found, page = counted_page("rare", lambda: func.scope_search_all(
            bindparam("patterns", type_=TEXTS), bindparam("rare", type_=Integer)), short, True,
            patterns=[search.like(w) for w in long], rare=RARE, most=RARE)
        return page if found < RARE else None  # every match: few, so sorting them is cheap

    # A search rare by its share is listed whole at once if it is; any other after DAYS days.
    if listing * max(rows or 0, 0) / budget < RARE and (page := rare()) is not None:
        return page
    first, last = (latest.date(), oldest.date()) if descending else (oldest.date(), latest.date())
    step = timedelta(days=-DAYS if descending else DAYS)
    stop = max(first + step, last) if descending else min(first + step, last)
    bound = wanted
    while True:
        found, page = days_page(first, stop, bound)
        if len(page) == limit:
            return page
        if found >= bound:
            bound *= GROWTH  # the other filters left too few: read more days
        elif stop == last:
            return page  # every day was read
        else:
            # The days read held less than a page: list the search whole if it is rare,
            # else read every day.
            if (page := rare()) is not None:
                return page
            stop = last
