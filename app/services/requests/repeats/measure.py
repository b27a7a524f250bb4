"""The measure of repeat visitors: ONE definition, used on both databases, by the intake form,
the SAMAD import, the detail pane, the quarterly report and the demo benchmark.

- Words: the text folded as the inbox search folds it (persian.search_key: ی/ک, hamza carriers,
  digits, harakat, ZWNJ «می‌شود» = «میشود», presentation forms…) but cut into words at spaces
  and punctuation.
- Trigrams: pg_trgm's, per word: «  w», « wo», …, «rd » (two blanks before, one after).
- Similarity of two texts: |A ∩ B| / |A ∪ B| of their trigram sets (pg_trgm's similarity()).
- Likeness of two requests: the greatest of
  * the similarity of their subjects, and
  * the share of one request's subject trigrams found in the other's subject and body (either
    way round; as pg_trgm's word_similarity finds a phrase inside a longer text), counted only
    for a subject of at least MIN_SUBJECT_TRIGRAMS trigrams (a word or two says too little).
  The bodies are not compared with each other as wholes: letters share their courtesies
  («با سلام و احترام … خواهشمند است دستور رسیدگی صادر فرمایید») whatever they are about, and
  on the demo data whole-text similarity found four times as many false pairs as true ones.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from app.services.core import persian

_WORD_RE = re.compile(r"\w+")
# A subject with fewer trigrams (about two short words) is not looked for inside other texts.
MIN_SUBJECT_TRIGRAMS = 10


def words(text: str | None) -> list[str]:
    """The folded words of a text (search_key's folding, cut at spaces and punctuation).

    The text is stored text (through persian.clean_text): callers clean what a user typed.
    """
    if not text:
        return []
    return [w for token in text.split() for w in _folded(token)]


@lru_cache(maxsize=131072)
def _folded(token: str) -> tuple[str, ...]:
    """The folded words of one space-free token (tokens recur from text to text)."""
    return tuple(_WORD_RE.findall(persian.search_key_of_clean(token)))


def trigrams(text: str | None) -> frozenset[str]:
    """pg_trgm's trigrams of a text's folded words."""
    return frozenset().union(*map(_word_trigrams, set(words(text))))


@lru_cache(maxsize=65536)
def _word_trigrams(word: str) -> frozenset[str]:
    """One word's trigrams (words recur from text to text: a report reads thousands)."""
    padded = f"  {word} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared trigrams over all trigrams of the two (0 when both are empty)."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@dataclass(frozen=True)
class Fingerprint:
    """The trigrams of a request's subject and of its whole text."""

    subject: frozenset[str]
    whole: frozenset[str]


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """The share of `part`'s trigrams found in `whole` (0 for a part too small to tell)."""
    if len(part) < MIN_SUBJECT_TRIGRAMS:
        return 0.0
    return len(part & whole) / len(part)


def fingerprint(subject: str, body: str) -> Fingerprint:
    """A request's fingerprint: the trigrams of its subject, and of subject and body."""
    s = trigrams(subject)
    return Fingerprint(s, s | trigrams(body))


def likeness(a: Fingerprint, b: Fingerprint) -> float:
    """THE measure of two requests (see the module's docstring), from 0 to 1."""
    return max(similarity(a.subject, b.subject), containment(a.subject, b.whole),
               containment(b.subject, a.whole))


def in_window(earlier_closed_at: datetime | None, later_received_at: datetime,
              window_days: int) -> bool:
    """Whether an earlier request still counts for a later one: open, or closed recently."""
    return (earlier_closed_at is None
            or earlier_closed_at >= later_received_at - timedelta(days=window_days))




# --- many requests at once (the quarterly report, the demo's measurement) ----------------------


@dataclass(frozen=True)
class Item:
    """A request as the batch measure sees it."""

    id: int
    person: int  # person_keys' key: citizen rows sharing a national ID or mobile are one
    received_at: datetime
    closed_at: datetime | None
    subject: str
    body: str


def person_keys(citizens: Iterable[tuple[int, str | None]]) -> dict[int, int]:
    """citizen id -> one key per person: rows sharing a (canonical) mobile are one person.

    National IDs are unique per row already; a row without one joins the row with its mobile.
    """
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with: dict[str, int] = {}
    for cid, mobile in citizens:
        root(cid)
        if mobile:
            other = first_with.setdefault(mobile, cid)
            if other != cid:
                a, b = root(cid), root(other)
                parent[max(a, b)] = min(a, b)
    return {cid: root(cid) for cid in parent}


def same_matter(items: Iterable[Item], cut: float, window: int) -> dict[int, tuple[int, float]]:
    """For each request, the most alike earlier request of the same person on the same matter
    (likeness at or over `cut`, within the window), as (earlier id, likeness).

    «Earlier»: received before (ties by id), exactly as a registration would have seen it.
    """
    # The compare makes hundreds of thousands of small sets that cannot form cycles; the cyclic
    # collector, woken by each batch of them, would rescan every live row of a large report.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _same_matter(items, cut, window)
    finally:
        if paused:
            gc.enable()


def _same_matter(items: Iterable[Item], cut: float, window: int) -> dict[int, tuple[int, float]]:
    by_person: dict[int, list[Item]] = {}
    for it in items:
        by_person.setdefault(it.person, []).append(it)
    out: dict[int, tuple[int, float]] = {}
    for group in by_person.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda x: (x.received_at, x.id))
        prints = [fingerprint(x.subject, x.body) for x in group]
        for j in range(1, len(group)):
            later = group[j]
            best: tuple[int, float] | None = None
            for i in range(j):
                earlier = group[i]
                if not in_window(earlier.closed_at, later.received_at, window):
                    continue
                value = likeness(prints[i], prints[j])
                if value >= cut and (best is None or value > best[1]):
                    best = (earlier.id, value)
            if best is not None:
                out[later.id] = best
    return out


def latest_same_matter(items: Iterable[Item], cut: float, window: int,
                       since: tuple[datetime, int] | None = None) -> dict[int, int | None]:
    """For each request received at or after `since` (all without it), the LATEST earlier
    request of the same person on the same matter, or None: what request.repeat_of stores.

    The latest rather than the most alike: a request repeats something in a quarter exactly
    when its latest earlier same-matter request was received in that quarter, so the quarterly
    report counts from the stored id alone (reports/repeats.py).
    """
    paused = gc.isenabled()
    gc.disable()  # as in same_matter
    try:
        by_person: dict[int, list[Item]] = {}
        for it in items:
            by_person.setdefault(it.person, []).append(it)
        out: dict[int, int | None] = {}
        for group in by_person.values():
            group.sort(key=lambda x: (x.received_at, x.id))
            prints: dict[int, Fingerprint] = {}

            def print_of(k: int, group: list[Item] = group,
                         prints: dict[int, Fingerprint] = prints) -> Fingerprint:
                if k not in prints:
                    prints[k] = fingerprint(group[k].subject, group[k].body)
                return prints[k]

            for j, later in enumerate(group):
                if since is not None and (later.received_at, later.id) < since:
                    continue
                out[later.id] = None
                for i in range(j - 1, -1, -1):
                    earlier = group[i]
                    if (in_window(earlier.closed_at, later.received_at, window)
                            and likeness(print_of(i), print_of(j)) >= cut):
                        out[later.id] = earlier.id
                        break
        return out
    finally:
        if paused:
            gc.enable()
