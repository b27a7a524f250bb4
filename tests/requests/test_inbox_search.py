"""The inbox search returns exactly the rows a plain Python filter finds, in order, page by page.

The fast first-page paths (app/services/requests/first_page.py) take every branch here (PostgreSQL's
budget of rows checked in order and its bound of a rare word are shrunk): ties within one second, rows received long before
they were registered, short words, LIKE's wildcard characters and FTS5's quote.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import text

from app.models.enums import Channel, Role
from app.services.core import jalali, persian
from app.services.registry import Services
from app.services.requests import first_page, tracking
from app.services.requests.dto import InboxFilter
from tests.support.helpers import make_actor, register, valid_nid

WORDS = ["قطعی", "آب", "برق", "لوله‌کشی", "گاز", "معابر", "50%", "a_b", 'x"yz', "سند", "تک"]
COMMON = ["قطعی", "آب", "برق"]


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL checks only the 6 newest rows, then 12 or 24 when their share promises a
    page there; a word of 3 matches or more is not rare; a search is checked for being rare
    after 2 days read one by one."""
    monkeypatch.setattr(first_page, "BUDGET", 6)
    monkeypatch.setattr(first_page, "MORE", (12, 24))
    monkeypatch.setattr(first_page, "RARE", 3)
    monkeypatch.setattr(first_page, "DAYS", 2)


@pytest.fixture
def corpus(services: Services) -> list[int]:
    """60 requests: varied wording, received out of id order, some in one second."""
    rng = random.Random(12)
    op = make_actor(services, "op", Role.OPERATOR)
    today = jalali.tehran_today()
    base = jalali.tehran_to_utc(datetime.combine(today - timedelta(days=3), time(9)))
    ids = []
    for k in range(60):
        words = rng.sample(WORDS, 2) + ([rng.choice(COMMON)] if k % 3 else [])
        if k % 7 == 0:
            # Several rows in one second, their sub-second order against their id order.
            received = base + timedelta(microseconds=(7 - k % 5) * 1000)
        elif k % 5 == 0:
            received = base - timedelta(days=rng.randrange(40, 90))  # an old, imported request
        else:
            received = base - timedelta(hours=rng.randrange(500))
        ids.append(register(services, op, subject=" ".join(words), body="متن",
                            channel=Channel.SAMAD if k % 2 else Channel.WALK_IN,
                            received_at=received, nid=valid_nid(f"4000{k:05d}")).id)
    return ids


def _is_match(word: str, key: str, tracking_code: str, national_id: str | None) -> bool:
    """The search rule for one word: a whole valid code is its column, any other word a substring."""
    if tracking.is_valid_tracking_code(word):
        return tracking_code == word
    if persian.is_valid_national_id(word):
        return national_id == word
    return word in key


def _expected(services: Services, query: str, descending: bool,
              channel: str | None = None) -> list[int]:
    """Every request matching every word of the query, in received order (brute force)."""
    words = persian.search_terms(query)
    with services.db.engine.connect() as c:
        rows = c.execute(text(
            "SELECT r.id, r.received_at, r.search_key, r.channel, r.tracking_code, z.national_id "
            "FROM request r LEFT JOIN citizen z ON z.id = r.citizen_id")).all()
    hits = [(r[1], r[0]) for r in rows
            if all(_is_match(w, r[2], r[4], r[5]) for w in words)
            and (channel is None or r[3] == channel)]
    hits.sort(reverse=descending)
    return [rid for _, rid in hits]


QUERIES = ["قطعی", "آب", "لوله کشی", "قطعی برق", "50%", "a_b", 'x"yz', "تک", "سند تک",
           "لوله‌کشی گاز معابر", "هیچ‌چیز"]


@pytest.mark.parametrize("descending", [True, False])
def test_search_pages_match_a_brute_force_filter(services: Services, corpus: list[int],
                                                 small_budget: None, descending: bool) -> None:
    """Every page of every query, both directions, equals the same slice of a Python filter."""
    inbox = services.inbox
    for query in QUERIES:
        want = _expected(services, query, descending)
        f = InboxFilter(text=query)
        assert inbox.count(f) == len(want), query
        for offset, limit in [(0, 3), (3, 3), (5, 7), (0, 200)]:
            page = inbox.page(f, offset=offset, limit=limit, descending=descending,
                              with_total=False)
            assert [r.id for r in page.rows] == want[offset:offset + limit], (query, offset)
    assert _expected(services, "قطعی", True) and _expected(services, "هیچ‌چیز", True) == []


def test_kept_statements_serve_each_filter_and_words_their_own_rows(
        services: Services, corpus: list[int], small_budget: None) -> None:
    """PostgreSQL keeps each page statement by shape (first_page/search.kept), the words as
    parameters: alternating channels and words of the same shape, each page is still its own."""
    for _ in range(2):
        for channel in [Channel.SAMAD, Channel.WALK_IN, None]:
            for query in ["قطعی", "برق", "لوله کشی", "سند تک"]:
                want = _expected(services, query, True, channel=channel)
                f = InboxFilter(text=query, channel=channel)
                got = [r.id for r in services.inbox.page(f, 0, 4, with_total=False).rows]
                assert got == want[:4], (query, channel)
    assert _expected(services, "قطعی", True, Channel.SAMAD) != _expected(
        services, "قطعی", True, Channel.WALK_IN)

def test_search_combines_with_other_filters(services: Services, corpus: list[int],
                                            small_budget: None) -> None:
    """A search within one channel: the page and its count are the brute-force ones."""
    for query in ["قطعی", "آب برق", "50%"]:
        want = _expected(services, query, True, channel=Channel.SAMAD)
        f = InboxFilter(text=query, channel=Channel.SAMAD)
        assert services.inbox.count(f) == len(want)
        assert [r.id for r in services.inbox.page(f, 0, 4).rows] == want[:4]


def test_search_by_tracking_code_and_national_id(services: Services, corpus: list[int]) -> None:
    """A tracking code or a national ID finds its one request on the first page."""
    code = services.requests.get(corpus[17]).tracking_code
    page = services.inbox.page(InboxFilter(text=code), 0, 20)
    assert [r.id for r in page.rows] == [corpus[17]]
    page = services.inbox.page(InboxFilter(text=valid_nid("400000017")), 0, 20)
    assert [r.id for r in page.rows] == [corpus[17]]


def test_a_whole_code_finds_its_rows_not_texts_mentioning_it(services: Services,
                                                            corpus: list[int]) -> None:
    """A tracking code or national ID pasted whole selects by its column; a part of one is text.

    Another request quoting the code in its body is not listed for the whole code (the rule of
    search.code_condition), but is for a fragment of it, like any other text.
    """
    op = make_actor(services, "op2", Role.OPERATOR)
    code = services.requests.get(corpus[17]).tracking_code
    nid = valid_nid("400000017")
    quoting = register(services, op, subject="پیگیری", body=f"پیرو درخواست {code} آقای {nid}",
                       nid=valid_nid("500000001")).id
    for query in [code, nid, f"{code} پیگیری", code.split("-")[1], nid[:8], "قطعی " + nid]:
        want = _expected(services, query, True)
        page = services.inbox.page(InboxFilter(text=query), 0, 20, with_total=False)
        assert [r.id for r in page.rows] == want[:20], query
        assert services.inbox.count(InboxFilter(text=query)) == len(want), query
    assert _expected(services, code, True) == [corpus[17]]
    assert _expected(services, nid, True) == [corpus[17]]
    assert quoting in _expected(services, code.split("-")[1], True)
    assert quoting in _expected(services, nid[:8], True)


def test_other_sorts_of_a_search_stay_exact(services: Services, corpus: list[int]) -> None:
    """Sorted by tracking code (registration order), a search is the brute-force set in id order."""
    want = sorted(_expected(services, "قطعی", True), reverse=True)
    page = services.inbox.page(InboxFilter(text="قطعی"), 0, 200, sort="tracking_code")
    assert [r.id for r in page.rows] == want and page.total == len(want)


def test_edits_move_a_request_in_the_index(services: Services, corpus: list[int],
                                           small_budget: None) -> None:
    """Changing a request's wording or its received time keeps the index exact."""
    with services.db.engine.begin() as c:
        c.execute(text("UPDATE request SET search_key = :k WHERE id = :i"),
                  {"k": persian.search_key("واژه‌ای یگانه"), "i": corpus[3]})
        c.execute(text("UPDATE request SET received_at = :t WHERE id = :i"),
                  {"t": datetime(2020, 1, 1, 8), "i": corpus[4]})
    assert [r.id for r in services.inbox.page(InboxFilter(text="یگانه"), 0, 5).rows] == [corpus[3]]
    for query in ["قطعی", "آب"]:
        want = _expected(services, query, False)
        got = services.inbox.page(InboxFilter(text=query), 0, 5, descending=False).rows
        assert [r.id for r in got] == want[:5]


def test_a_county_limited_search_stays_in_its_counties(services: Services,
                                                       small_budget: None) -> None:
    """The fast path keeps the county scope: a limited user's search finds only their rows."""
    from tests.core.test_county_scope import build_world

    world = build_world(services)
    f = InboxFilter(text="درخواست")
    everyone = services.inbox.page(f, 0, 50)
    mine = services.inbox.page(f, 0, 50, actor=world.scoped)
    assert set(world.a_requests) <= {r.id for r in everyone.rows}
    assert {r.id for r in mine.rows} == set(world.a_requests) & {r.id for r in everyone.rows}
    assert not {r.id for r in mine.rows} & set(world.b_requests)
    assert services.inbox.count(f, world.scoped) == len(mine.rows)


@pytest.mark.parametrize("per_trigram", [0, 10**6])
def test_pages_are_exact_whichever_window_the_index_is_asked_for(
        services: Services, corpus: list[int], small_budget: None,
        monkeypatch: pytest.MonkeyPatch, per_trigram: int) -> None:
    """PostgreSQL asks the index for a word or one of its three-letter windows (first_page.windows)
    by their cost: with trigrams free the word is asked, with trigrams dear a window; the rows
    the index gives are checked for every word, so the pages are the brute-force ones."""
    monkeypatch.setattr(first_page, "ROWS_PER_TRIGRAM", per_trigram)
    for query in ["قطعی", "لوله کشی", "لوله‌کشی گاز معابر", "قطعی برق", "معابر تک"]:
        want = _expected(services, query, True)
        for offset, limit in [(0, 3), (4, 5)]:
            page = services.inbox.page(InboxFilter(text=query), offset, limit, with_total=False)
            assert [r.id for r in page.rows] == want[offset:offset + limit], query


def test_windows_are_single_trigrams_of_letters_and_digits() -> None:
    """A window with a character pg_trgm ignores would make the index read itself whole."""
    assert first_page.windows(["لوله", "قطع"]) == ["لول", "وله"]
    assert first_page.windows(["ab_cd1", "50%"]) == ["cd1"]
    assert len(first_page.windows(["a" * 20 + "".join(map(chr, range(0x628, 0x640)))])) == first_page.WINDOWS
