"""Free-text search of the inbox: the conditions, and the first pages without reading every match.

Every word of a query must occur in the request's folded key (persian.search_key). Words of
three letters or more are answered by a trigram index; shorter ones are checked on the rows.

First pages in received order (the inbox's default) never read every match:
- SQLite: the index `request_search` (migration 0008f) keys each request by its received second
  and then its id, and FTS5 returns MATCH results in key order, so one statement reads
  candidates newest first, checks each one's key exactly (and the other filters) and stops at
  the page; a second one reads the rows sharing the last one's second, ordered exactly here.
- PostgreSQL: the newest BUDGET rows of the other filters are read in order and checked; a word
  frequent enough fills the page there. For a rarer one the pg_trgm index is asked, through
  scope_search_all (one call for every word), for the matches among the newest rows, in
  windows growing eightfold until one holds the page; a rare word's last window is all rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import TEXT
from sqlalchemy.orm import Session

from app.models import Request
from app.services.core import persian
from app.services.requests.dto import InboxFilter

TRIGRAM = 3  # the search index answers words of at least this many letters
ID_BITS = 30  # the low bits of a recency key hold the request id (migration 0008f)
ID_MASK = (1 << ID_BITS) - 1
# The SQLite index of migration 0008f: rowid = (received second << ID_BITS) | request id.
SEARCH_INDEX = table("request_search", column("rowid"))
DEEPEST = 5000  # beyond this many rows the page is found by the general query
BUDGET = 600  # newest rows checked directly on PostgreSQL before the trigram index is asked
RARE = 4000  # a word with fewer matches is rare: its matches are listed and sorted (PostgreSQL)


def terms(f: InboxFilter) -> list[str]:
    """The search words of a filter, folded like the keys."""
    return persian.search_terms(f.text)


def without_text(f: InboxFilter) -> InboxFilter:
    """The same filter without its search words."""
    return dataclasses.replace(f, text="")


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


def condition(words: list[str], sqlite: bool, since: datetime | None = None,
              until: datetime | None = None) -> list[ColumnElement[bool]]:
    """Where-clauses matching every word, using the trigram index where it can.

    On PostgreSQL `since`/`until` bound the received times the index is asked about.
    """
    if not words:
        return []
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
        return conds
    conds = [Request.search_key.like(like(w), escape="\\") for w in words if len(w) < TRIGRAM]
    if long:
        # Under row-level security PostgreSQL will not use the trigram index for LIKE (not
        # leakproof) before the county policy; scope_search_all applies the same county rule
        # as a plain clause, so the index serves it (app.models.server.scope).
        patterns = bindparam("patterns", [like(w) for w in long], unique=True,
                             type_=postgresql.ARRAY(TEXT))
        bounds = [bindparam("since", since, unique=True, type_=DateTime),
                  bindparam("until", until, unique=True, type_=DateTime),
                  bindparam("max_rows", None, unique=True, type_=Integer)]
        conds.insert(0, Request.id.in_(select(func.scope_search_all(patterns, *bounds))))
    return conds


Filtered = Callable[[Select, InboxFilter], Select]


def first_ids(s: Session, f: InboxFilter, offset: int, limit: int, descending: bool,
              sqlite: bool, filtered: Filtered) -> list[int] | None:
    """Ids of a page of a search in received order, or None when the general query should answer.

    `filtered(query, filter)` adds a filter's other conditions (apply_filter).
    """
    words = terms(f)
    wanted = offset + limit
    if wanted > DEEPEST or not words or all(len(w) < TRIGRAM for w in words):
        return None
    rest = without_text(f)
    if sqlite:
        found = _sqlite_walk(s, words, rest, wanted, descending, filtered)
    else:
        found = _pg_newest(s, words, rest, wanted, descending, filtered)
        if found is None:
            return None
    return found[offset:offset + limit]


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


def _pg_newest(s: Session, words: list[str], rest: InboxFilter, wanted: int,
               descending: bool, filtered: Filtered) -> list[int] | None:
    """The page of a search on PostgreSQL, or None when the general query should answer.

    Each step is exact, as a match ranking above the page's last row lies inside what it read:
    1. the newest BUDGET rows, read in order and checked one by one, hold a frequent word's page;
    2. the trigram index lists a rare word's matches (at most RARE of them), sorted here;
    3. otherwise the index is asked about windows of the newest received times, growing
       eightfold until one holds the page.
    """
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    order = (direction(Request.received_at), direction(Request.id))
    newest = (filtered(select(Request.id, Request.received_at, Request.search_key), rest)
              .order_by(*order).limit(BUDGET).subquery())
    q = (select(newest.c.id)
         .where(*[newest.c.search_key.like(like(w), escape="\\") for w in words])
         .order_by(direction(newest.c.received_at), direction(newest.c.id)).limit(wanted))
    ids = list(s.scalars(q))
    if len(ids) == wanted:
        return ids
    long = [w for w in words if len(w) >= TRIGRAM]
    short = [Request.search_key.like(like(w), escape="\\") for w in words if len(w) < TRIGRAM]
    patterns = bindparam("patterns", [like(w) for w in long], type_=postgresql.ARRAY(TEXT))
    found = list(s.scalars(select(func.scope_search_all(patterns, None, None, RARE))))
    if len(found) < RARE:  # every match: few, so sorting them is cheap
        return list(s.scalars(filtered(select(Request.id), rest)
                              .where(Request.id.in_(found), *short).order_by(*order)
                              .limit(wanted)))
    ends = s.execute(filtered(select(func.min(Request.received_at),
                                     func.max(Request.received_at)), rest)).one()
    if ends[0] is None:
        return []
    oldest, latest = ends
    span = (latest - oldest) / 64  # the first window: a sixty-fourth of the time covered
    while True:
        edge = latest - span if descending else oldest + span
        if edge <= oldest if descending else edge >= latest:
            return None  # the window is every row: the general query answers
        since, until = (edge, None) if descending else (None, edge)
        inside = (Request.received_at >= edge) if descending else (Request.received_at <= edge)
        q = (filtered(select(Request.id), rest)
             .where(inside, *condition(words, sqlite=False, since=since, until=until))
             .order_by(*order).limit(wanted))
        ids = list(s.scalars(q))
        if len(ids) == wanted:
            return ids
        span *= 8
