"""Free-text search of the inbox: the conditions every search word adds.

Every word of a query must occur in the request's folded key (persian.search_key). Words of
three letters or more are answered by a trigram index; shorter ones are checked on the rows.
The first pages in received order are read without reading every match (first_page.py).

A word that is a whole tracking code or national ID is answered by its own column instead
(code_condition): it finds its request or citizen, not the texts that mention it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    any_,
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

from app.models import Citizen, Request
from app.services.core import persian
from app.services.requests import tracking
from app.services.requests.dto import InboxFilter

TRIGRAM = 3  # the search index answers words of at least this many letters
ID_BITS = 30  # the low bits of a recency key hold the request id (migration 0008f)
ID_MASK = (1 << ID_BITS) - 1
# The SQLite index of migration 0008f: rowid = (received second << ID_BITS) | request id.
SEARCH_INDEX = table("request_search", column("rowid"))


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


SHAPES_KEPT = 256  # statements kept (kept()); past this many the store starts again
_shapes: dict[Hashable, Any] = {}


def kept(key: Hashable, build: Callable[[], Any]) -> Any:
    """A statement built once per shape and kept, its values passed as parameters.

    Building the inbox's larger statements anew took as long as the server's answer.
    """
    found = _shapes.get(key)
    if found is None:
        if len(_shapes) >= SHAPES_KEPT:
            _shapes.clear()
        found = _shapes[key] = build()
    return found


def rows_of(s: Session, ids: list[int], details: Details,
            shape: Hashable | None = None) -> list[Sequence[Any]]:
    """The detailed rows of some ids, in the ids' order; ids no longer there are left out.

    With `shape` (naming what `details` adds) PostgreSQL's statement is kept (kept()).
    """
    if not ids:
        return []
    if s.get_bind().dialect.name == "sqlite":
        statement, params = details(select(Request.id).where(Request.id.in_(ids))), {}
    else:
        # One array parameter: a constant text psycopg prepares once.
        def build() -> Select:
            return details(select(Request.id).where(
                Request.id == any_(bindparam("ids", type_=postgresql.ARRAY(Integer)))))
        statement = build() if shape is None else kept(("rows", shape), build)
        params = {"ids": ids}
    by_id = {r[0]: r for r in s.execute(statement, params)}
    return [by_id[i] for i in ids if i in by_id]
