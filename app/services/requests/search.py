"""Free-text search of the inbox: the conditions, and the first pages without reading every match.

Every word of a query must occur in the request's folded key (persian.search_key). Words of
three letters or more are answered by a trigram index; shorter ones are checked on the rows.

First pages in received order (the inbox's default) never read every match:
- SQLite: the index `request_search` (migration 0008f) keys each request by its received second
  and then its id, and FTS5 returns MATCH results in key order, so one statement reads
  candidates newest first, checks each one's key exactly (and the other filters) and stops at
  the page; a second one reads the rows sharing the last one's second, ordered exactly here.
- PostgreSQL: the newest BUDGET rows of the other filters are read in order and checked; a word
  frequent enough fills the page there. A rare one (by its share among those rows) is listed
  whole by the trigram index and sorted. Any other is read day by day from the newest day by
  scope_search_days, one scan of the trigram-and-day index (migration 0008f) a day, until the
  days read hold a page; the index is asked for the rarest word or, when the newest rows say
  it is cheaper, for one three-letter window of it (one trigram instead of several), and every
  word is checked on the rows it gives. A page is two statements: the newest rows' check, then
  either the page's rows or the matches listed, sorted and their page's rows read at once.

A word that is a whole tracking code or national ID is answered by its own column instead
(code_condition): it finds its request or citizen, not the texts that mention it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
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
    column,
    func,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import TEXT, aggregate_order_by
from sqlalchemy.orm import Session

from app.models import Citizen, Request
from app.services.core import persian
from app.services.requests import tracking
from app.services.requests.dto import InboxFilter

TRIGRAM = 3  # the search index answers words of at least this many letters
ID_BITS = 30  # the low bits of a recency key hold the request id (migration 0008f)
ID_MASK = (1 << ID_BITS) - 1
# The SQLite index of migration 0008f: rowid = (received second << ID_BITS) | request id.
SEARCH_INDEX = table("request_search", column("rowid"))
DEEPEST = 5000  # beyond this many rows the page is found by the general query
BUDGET = 600  # newest rows checked directly on PostgreSQL before the trigram index is asked
RARE = 1000  # a word with fewer matches is rare: its matches are listed and sorted (PostgreSQL);
# listing them costs a row read each, so asking whether a word is rare costs up to RARE reads
GROWTH = 4  # when other filters leave too few of the days' matches, read this many times more
DAYS = 64  # days read one by one before a search is checked for being rare after all
WINDOWS = 12  # at most this many three-letter windows of the words are counted in the newest rows
# A trigram in a day's scan of the index costs about as much as this many rows checked after it
# (1,000,000 requests: «لوله‌کشی», five trigrams, 1.9 ms a day; one of its windows 0.6 ms).
ROWS_PER_TRIGRAM = 100


def terms(f: InboxFilter) -> list[str]:
    """The search words of a filter, folded like the keys."""
    return persian.search_terms(f.text)


def without_text(f: InboxFilter) -> InboxFilter:
    """The same filter without its search words."""
    return dataclasses.replace(f, text="")


def windows(words: list[str]) -> list[str]:
    """The three-letter windows of the longer words that are one trigram each in the index.

    pg_trgm takes trigrams of letters and digits only: a window with any other character would
    give the index nothing to look up, and it would read itself whole.
    """
    found = dict.fromkeys(w[i:i + TRIGRAM] for w in words if len(w) > TRIGRAM
                          for i in range(len(w) - TRIGRAM + 1))
    return [g for g in found if all(c.isalnum() for c in g)][:WINDOWS]


def like(term: str) -> str:
    """A LIKE pattern matching the term anywhere, with LIKE's wildcards taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_query(words: list[str]) -> str | None:
    """An FTS5 trigram MATCH expression every key containing all the words satisfies.

    The index has no positions (detail='none'), so it is the AND of every trigram of every
    long word: a superset the caller narrows with contains(). None when no word is long enough.
    """
    grams = dict.fromkeys(w[i:i + TRIGRAM] for w in words if len(w) >= TRIGRAM
                          for i in range(len(w) - TRIGRAM + 1))
    if not grams:
        return None
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def contains(word: str) -> ColumnElement[bool]:
    """The key contains the word exactly (no wildcards, no case folding)."""
    return func.instr(Request.search_key, word) > 0


def code_condition(word: str) -> ColumnElement[bool] | None:
    """The rows a whole code selects through its own indexed column, or None for other words.

    A valid tracking code selects its request, a valid national ID its citizen's requests
    (each is in those rows' keys). Rows that merely mention the code in their text are not
    found by it: a code's digits and dashes are trigrams nearly every key holds, so the
    substring search read the whole index (100 ms on SQLite at 1,000,000 requests) to find what
    the column finds at once; a clerk pasting a code wants that request or citizen.
    """
    if tracking.is_valid_tracking_code(word):
        return Request.tracking_code == word
    if persian.is_valid_national_id(word):
        return Request.citizen_id.in_(select(Citizen.id).where(Citizen.national_id == word))
    return None


def is_code(word: str) -> bool:
    """True when a search word is a whole code answered by its column (code_condition)."""
    return code_condition(word) is not None


def condition(words: list[str], sqlite: bool) -> list[ColumnElement[bool]]:
    """Where-clauses matching every word, using the trigram index where it can."""
    codes = [c for c in (code_condition(w) for w in words) if c is not None]
    words = [w for w in words if not is_code(w)]
    if not words:
        return codes
    long = [w for w in words if len(w) >= TRIGRAM]
    if sqlite:
        conds = [contains(w) for w in words]
        query = match_query(long)
        if query is not None:
            fts = (text("SELECT rowid & :mask FROM request_search WHERE request_search MATCH :q")
                   .bindparams(bindparam("q", query, unique=True),
                               bindparam("mask", ID_MASK, unique=True))
                   .columns(literal_column("id")))
            conds.insert(0, Request.id.in_(fts))
        return codes + conds
    conds = [Request.search_key.like(like(w), escape="\\") for w in words if len(w) < TRIGRAM]
    if long:
        # Under row-level security PostgreSQL will not use the trigram index for LIKE (not
        # leakproof) before the county policy; scope_search_all applies the same county rule
        # as a plain clause, so the index serves it (app.models.server.scope).
        patterns = bindparam("patterns", [like(w) for w in long], unique=True,
                             type_=postgresql.ARRAY(TEXT))
        conds.insert(0, Request.id.in_(select(func.scope_search_all(patterns))))
    return codes + conds


Filtered = Callable[[Select, InboxFilter], Select]
# Adds the caller's row columns (and their joins) to a select of Request ids, the id first.
Details = Callable[[Select], Select]


def listed(ids: list[int]) -> ColumnElement[bool]:
    """The id is one of these (PostgreSQL): one array parameter, not one parameter an id."""
    return Request.id == any_(bindparam("ids", ids, type_=postgresql.ARRAY(Integer)))


def rows_of(s: Session, ids: list[int], details: Details) -> list[Sequence[Any]]:
    """The detailed rows of some ids, in the ids' order; ids no longer there are left out."""
    if not ids:
        return []
    sqlite = s.get_bind().dialect.name == "sqlite"
    # One array parameter on PostgreSQL: a constant text psycopg prepares once.
    cond = Request.id.in_(ids) if sqlite else listed(ids)
    by_id = {r[0]: r for r in s.execute(details(select(Request.id).where(cond)))}
    return [by_id[i] for i in ids if i in by_id]


def first_rows(s: Session, f: InboxFilter, offset: int, limit: int, descending: bool,
               sqlite: bool, filtered: Filtered,
               details: Details) -> list[Sequence[Any]] | None:
    """The detailed rows of a page of a search in received order, or None when the general
    query should answer.

    `filtered(query, filter)` adds a filter's other conditions (apply_filter).
    """
    words = terms(f)
    wanted = offset + limit
    if (wanted > DEEPEST or not words or all(len(w) < TRIGRAM for w in words)
            or any(is_code(w) for w in words)):
        return None  # a code's column answers at once in the general query
    rest = without_text(f)
    if sqlite:
        found = _sqlite_walk(s, words, rest, wanted, descending, filtered)
        return rows_of(s, found[offset:wanted], details)
    return _pg_newest(s, words, rest, offset, limit, descending, filtered, details)


def _sqlite_walk(s: Session, words: list[str], rest: InboxFilter, wanted: int,
                 descending: bool, filtered: Filtered) -> list[int]:
    """Read matches in recency-key order, stopping after the page (and its ties)."""
    key = SEARCH_INDEX.c.rowid
    base = filtered(
        select(Request.id, Request.received_at, key)
        .select_from(SEARCH_INDEX)
        .join(Request, Request.id == key.op("&")(ID_MASK))
        .where(text("request_search MATCH :match").bindparams(match=match_query(words)),
               *[contains(w) for w in words]), rest)
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


def _pg_newest(s: Session, words: list[str], rest: InboxFilter, offset: int, limit: int,
               descending: bool, filtered: Filtered,
               details: Details) -> list[Sequence[Any]] | None:
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
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    order = (direction(Request.received_at), direction(Request.id))
    # Whether each of the newest rows holds each word, once a row: strpos is exact like
    # LIKE '%word%' and costs a third of it.
    # The same for each window of the words: how often each occurs picks what the index is
    # asked for below.
    grams = windows(words)
    newest = (filtered(select(Request.id, Request.received_at,
                              *[(func.strpos(Request.search_key, w) > 0).label(f"w{i}")
                                for i, w in enumerate(words)],
                              *[(func.strpos(Request.search_key, g) > 0).label(f"g{j}")
                                for j, g in enumerate(grams)]), rest)
              .order_by(*order).limit(BUDGET).subquery())
    holds = [newest.c[f"w{i}"] for i in range(len(words))]
    at = sorted((i for i, w in enumerate(words) if len(w) >= TRIGRAM),
                key=lambda i: len(words[i]), reverse=True)
    long = [words[i] for i in at]
    # One statement and one row: the matches among the newest rows in order, how many rows
    # were read and how many hold each long word and all of them; the table's size as the
    # planner knows it (pg_class); the received times' ends.
    ends = [filtered(select(f(Request.received_at)), rest).scalar_subquery()
            for f in (func.min, func.max)]
    size = literal_column("(SELECT reltuples FROM pg_class WHERE oid = 'request'::regclass)")
    read = s.execute(select(
        func.array_agg(aggregate_order_by(newest.c.id, direction(newest.c.received_at),
                                          direction(newest.c.id))).filter(and_(*holds)),
        func.count(), *[func.count().filter(holds[i]) for i in at],
        func.count().filter(and_(*[holds[i] for i in at])), size, *ends,
        *[func.count().filter(newest.c[f"g{j}"]) for j in range(len(grams))])
        .select_from(newest)).one()
    hits, checked = list(read[0] or []), read[1]
    if len(hits) >= wanted or checked < BUDGET:  # a page, or every row of the filter checked
        return rows_of(s, hits[offset:wanted], details)
    counts = read[2:2 + len(long)]
    listing, rows, oldest, latest = read[2 + len(long):6 + len(long)]
    in_sample = dict(zip(long, counts, strict=True)) | dict(zip(grams, read[6 + len(long):],
                                                                strict=True))
    # The rarest word there (the longest on a tie) alone asks the index day by day; the others
    # are checked on its rows: each word's trigrams cost the index scan time whether or not
    # they narrow it.
    long = [long[i] for i in sorted(range(len(long)), key=lambda i: counts[i])]
    short = [like(w) for w in words if len(w) < TRIGRAM]
    patterns = bindparam("patterns", [like(w) for w in long], type_=postgresql.ARRAY(TEXT))
    # The index is asked for the rarest word, or for one of its windows when the rows a window
    # adds cost less to check than the word's other trigrams cost the index: every trigram is
    # a posting list the day's scan must step through. Each newest row holding a window stands
    # for `per_day` rows a day; every word is checked on the rows the index gives.
    per_day = max(rows or 0, 0) / max((latest - oldest).days + 1, 1) / max(checked, 1)
    asked = min([long[0]] + [g for g in grams if g in long[0]],
                key=lambda p: (len(p) - TRIGRAM + 1) * ROWS_PER_TRIGRAM + in_sample[p] * per_day)
    rarest = bindparam("rarest", [like(asked)], type_=postgresql.ARRAY(TEXT))
    filters = bindparam("filters", [like(w) for w in long if w != asked] + short,
                        type_=postgresql.ARRAY(TEXT))

    def counted_page(source: ColumnElement[Any], most: int | None = None,
                     *checks: ColumnElement[bool]) -> tuple[int, list[Sequence[Any]]]:
        """How many ids a set-returning call lists, and the page's rows among them (none when
        `most` or more are listed): one statement, the ids listed once."""
        ids = (select(func.array(select(source).scalar_subquery()).label("ids"))
               .cte("listed").prefix_with("MATERIALIZED"))
        q = filtered(select(Request.id), rest).where(Request.id == any_(ids.c.ids), *checks)
        if most is not None:
            q = q.where(func.cardinality(ids.c.ids) < most)  # a one-time filter
        page = details(q.order_by(*order).offset(offset).limit(limit)).lateral("page")
        out = s.execute(select(func.cardinality(ids.c.ids), page).select_from(ids)
                        .outerjoin(page, true())).all()
        return out[0][0] or 0, [r[1:] for r in out if r[1] is not None]

    def days_page(first: date, stop: date, bound: int) -> tuple[int, list[Sequence[Any]]]:
        """How many matches the days from `first` to the one where `bound` matches are reached
        hold, and the page among them."""
        return counted_page(func.scope_search_days(
            rarest, filters, bindparam("first", first, type_=Date),
            bindparam("last", stop, type_=Date), bindparam("bound", bound, type_=Integer)))

    def rare() -> list[Sequence[Any]] | None:
        """The page from every match of a rare search, or None when it has RARE or more."""
        found, page = counted_page(func.scope_search_all(patterns, RARE), RARE,
                                   *[Request.search_key.like(p, escape="\\") for p in short])
        return page if found < RARE else None  # every match: few, so sorting them is cheap

    # A search rare by its share is listed whole at once if it is; any other after DAYS days.
    if listing * max(rows or 0, 0) / BUDGET < RARE and (page := rare()) is not None:
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
