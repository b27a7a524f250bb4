"""The inbox shows a search's first page at once and its count when that arrives; a newer search
cancels the older count, whose late answer never reaches the screen."""

from __future__ import annotations

import threading

import pytest

from app.models.cancel import Cancel
from app.services.requests.dto import InboxFilter
from app.views.framework import words
from app.views.inbox.inbox_page import InboxPage
from app.views.table_models import paged_model
from tests.support.waits import WAIT_MS


@pytest.fixture
def page(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """The inbox page over 400 demo requests, with pages of 10 rows (so searches need a count)."""
    monkeypatch.setattr(paged_model, "PAGE_SIZE", 10)
    p = InboxPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.loaded, timeout=WAIT_MS):
        p.set_context(gui_services, operator)
    return p


class GatedCount:
    """The page's real count, held until the test lets each one run."""

    def __init__(self, real) -> None:  # noqa: ANN001
        self.real = real
        self.calls: list[tuple[str, Cancel, threading.Event]] = []

    def __call__(self, f: InboxFilter, cancel: Cancel) -> int:
        gate = threading.Event()
        self.calls.append((f.text, cancel, gate))
        gate.wait(WAIT_MS / 1000)
        return self.real(f, cancel)


def test_first_page_then_count_and_a_newer_search_cancels_the_older_count(
        qtbot, page, gui_services, operator) -> None:  # noqa: ANN001
    """Rows first, «searching» until the count; search B cancels A's count; only B's total shows."""
    inbox = gui_services.inbox
    counted = GatedCount(lambda f, cancel: inbox.count(f, operator, cancel))
    page.model.set_counter(counted)
    a_total = inbox.count(InboxFilter(text="قطع"))
    b_total = inbox.count(InboxFilter(text="آب"))
    assert a_total > 10 and b_total > 10 and a_total != b_total
    totals: list[int] = []
    page.model.loaded.connect(totals.append)
    failures: list[str] = []
    page.model.load_failed.connect(failures.append)

    with qtbot.waitSignal(page.model.first_page_shown, timeout=WAIT_MS):
        page.filters.search.setText("قطع")
    qtbot.waitUntil(lambda: len(counted.calls) == 1, timeout=WAIT_MS)
    # The first page is on screen; its count has not come yet.
    assert page.model.rowCount() == 10 and page.count_label.text() == words.SEARCHING
    first = page.model.row_at(0)
    assert first is not None and first.id == inbox.page(InboxFilter(text="قطع"), 0, 1).rows[0].id

    with qtbot.waitSignal(page.model.first_page_shown, timeout=WAIT_MS):
        page.filters.search.setText("آب")
    a_text, a_cancel, a_gate = counted.calls[0]
    assert a_text == "قطع"
    qtbot.waitUntil(lambda: a_cancel.cancelled, timeout=WAIT_MS)
    a_gate.set()  # A's count now runs cancelled: it stops and is dropped
    qtbot.waitUntil(lambda: len(counted.calls) == 2, timeout=WAIT_MS)
    b_text, b_cancel, b_gate = counted.calls[1]
    assert b_text == "آب" and not b_cancel.cancelled
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS) as loaded:
        b_gate.set()
    assert loaded.args == [b_total] and totals == [b_total]
    assert page.model.rowCount() == b_total
    assert page.count_label.text() == page.count_text(b_total)
    assert failures == []  # the cancelled count is no error the user sees
