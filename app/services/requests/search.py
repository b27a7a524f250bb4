"""Free-text search of the inbox: the conditions, and the first pages without reading every match.

Every word of a query must occur in the request's folded key (persian.search_key). Words of
three letters or more are answered by a trigram index; shorter ones are checked on the rows.

First pages in received order (the inbox's default) never read every match:
- SQLite: the index `request_search` (migration 0008f) keys each request by its received second
  and then its id, and FTS5 returns MATCH results in key order, so the service reads candidates
  newest first in growing chunks, checks each one's key exactly, and stops as soon as it holds
  the page (and the rows sharing the last one's second, which it then orders exactly).
- PostgreSQL: the newest BUDGET rows of the other filters are read in order and checked; a word
  frequent enough fills the page there. A rarer one has few matches, which the pg_trgm index
  finds through scope_search_all (one call for every word) and the page sorts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ColumnElement, Select, bindparam, func, literal_column, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.models import Request
from app.services.core import persian
from app.services.requests.dto import InboxFilter

TRIGRAM = 3  # the search index answers words of at least this many letters
ID_BITS = 30  # the low bits of a recency key hold the request id (migration 0008f)
ID_MASK = (1 << ID_BITS) - 1
FIRST_CHUNK = 256  # candidates read at first (SQLite); each further chunk is four times larger
MAX_CHUNK = 16384
DEEPEST = 5000  # beyond this many rows the page is found by the general query
BUDGET = 20000  # newest rows checked directly on PostgreSQL before the trigram index is asked


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


def condition(words: list[str], sqlite: bool) -> list[ColumnElement[bool]]:
    """Where-clauses matching every word, using the trigram index where it can."""
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
                             type_=postgresql.ARRAY(postgresql.TEXT))
        conds.insert(0, Request.id.in_(select(func.scope_search_all(patterns))))
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
    """Read candidates in recency-key order until the page (and its ties) are held."""
    query = match_query(words)
    order = "DESC" if descending else "ASC"
    beyond = "<" if descending else ">"
    held: list[tuple[datetime, int]] = []
    last_second: int | None = None  # the second of the wanted-th row, once reached
    after: int | None = None
    chunk = max(FIRST_CHUNK, 2 * wanted)
    checks = [contains(w) for w in words]
    while True:
        where = "request_search MATCH :q" + (f" AND rowid {beyond} :after" if after else "")
        keys = list(s.scalars(text(f"SELECT rowid FROM request_search WHERE {where} "
                                   f"ORDER BY rowid {order} LIMIT :n"),
                              {"q": query, "after": after, "n": chunk}))
        if not keys:
            break
        ids = [k & ID_MASK for k in keys]
        ok = {r.id: r.received_at for r in s.execute(
            filtered(select(Request.id, Request.received_at), rest)
            .where(Request.id.in_(ids), *checks))}
        done = False
        for key, rid in zip(keys, ids, strict=True):
            if last_second is not None and key >> ID_BITS != last_second:
                done = True  # every later candidate ranks below the page
                break
            if rid in ok:
                held.append((ok[rid], rid))
                if len(held) == wanted:
                    last_second = key >> ID_BITS
        if done or len(keys) < chunk:
            break
        after = keys[-1]
        chunk = min(chunk * 4, MAX_CHUNK)
    # The key orders by whole seconds; within one second the exact time and the id decide.
    held.sort(reverse=descending)
    return [rid for _, rid in held[:wanted]]


def _pg_newest(s: Session, words: list[str], rest: InboxFilter, wanted: int,
               descending: bool, filtered: Filtered) -> list[int] | None:
    """The page among the newest BUDGET rows of the other filters, or None if they hold too few.

    Reading rows in order and checking each is exact as far as it reads: a match ranking above
    the page's last row would have been read before it.
    """
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    newest = (filtered(select(Request.id, Request.received_at, Request.search_key), rest)
              .order_by(direction(Request.received_at), direction(Request.id))
              .limit(BUDGET).subquery())
    q = (select(newest.c.id)
         .where(*[newest.c.search_key.like(like(w), escape="\\") for w in words])
         .order_by(direction(newest.c.received_at), direction(newest.c.id)).limit(wanted))
    ids = list(s.scalars(q))
    return ids if len(ids) == wanted else None
