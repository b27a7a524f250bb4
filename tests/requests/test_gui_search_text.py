"""Hostile text in the inbox search box: a Persian message, never a traceback or every row."""

from __future__ import annotations

import pytest

from app.services.requests.dto import InboxFilter
from app.views.inbox.inbox_page import InboxPage


@pytest.fixture
def page(qtbot, gui_services, operator):  # noqa: ANN001, ANN201
    """The inbox page connected to a database with 400 demo requests."""
    p = InboxPage()
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.loaded, timeout=20000):
        p.set_context(gui_services, operator)
    return p


def test_a_pasted_flood_gets_a_persian_message_and_nul_is_ignored(qtbot, page,
                                                                  gui_services) -> None:
    """100,000 characters: the count line says why; «\\x00قطع» finds what «قطع» finds."""
    with qtbot.waitSignal(page.model.load_failed, timeout=20000) as failed:
        page.filters.search.setText("آب " * 33_334)
    assert "متن جست‌وجو نباید بیش از ۲۰۰ نویسه باشد" in failed.args[0]
    assert page.count_label.text() == failed.args[0]
    expected = gui_services.inbox.count(InboxFilter(text="قطع"))
    assert 0 < expected < 400
    with qtbot.waitSignal(page.model.loaded, timeout=20000) as loaded:
        page.filters.search.setText("\x00قطع")
    assert loaded.args[0] == expected
