"""The master–detail frame: default columns fit a 1366-pixel screen, the user's layout is kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QWidget

from app.models.enums import Role
from app.services.core import persian
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views import background
from app.views.framework import columns
from app.views.framework.master_detail import MasterDetailPage
from app.views.inbox.inbox_page import InboxPage
from app.views.referrals.referrals_page import ReferralsPage
from app.views.review.review_page import ReviewPage
from app.views.table_models.inbox_model import COL_AGENCY, COL_COUNTY, COL_STATUS, COL_SUBJECT
from app.views.table_models.review_model import COL_COUNTY as REVIEW_COUNTY
from tests.support.waits import WAIT_MS

NAV_WIDTH = 190  # the main window's navigation list
SCREEN = (1366, 740)  # a maximised window on a 1366×768 office monitor


@pytest.fixture(autouse=True)
def _own_settings(tmp_path, monkeypatch):  # noqa: ANN001, ANN202
    """Column layouts go to a settings file of this test."""
    path = str(tmp_path / "pol.ini")
    monkeypatch.setattr(columns, "settings_factory",
                        lambda: QSettings(path, QSettings.Format.IniFormat))


def _shown(qtbot, page: QWidget, services, actor) -> MasterDetailPage:  # noqa: ANN001
    """The page beside a navigation list in a window of the office monitor's size."""
    window = QWidget()
    layout = QHBoxLayout(window)
    nav = QListWidget()
    nav.setFixedWidth(NAV_WIDTH)
    layout.addWidget(nav)
    layout.addWidget(page, 1)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    frame = page.tracker if isinstance(page, ReferralsPage) else page
    frame.test_window = window  # qtbot keeps only a weak reference
    with qtbot.waitSignal(frame.model.loaded, timeout=WAIT_MS):
        page.set_context(services, actor)
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()
    return frame


def _fits(frame: MasterDetailPage, column: int) -> None:
    """Every loaded cell of a column shows whole."""
    fm = frame.table.fontMetrics()
    width = frame.table.columnWidth(column)
    for row in range(min(frame.model.rowCount(), 200)):
        text = frame.model.data(frame.model.index(row, column))
        assert fm.horizontalAdvance(text) + 8 <= width, (text, width)


def test_inbox_default_view_fits_a_1366_screen(qtbot, gui_services, operator) -> None:
    """No horizontal scroll bar; agency and status cells whole; row numbers not cut (#7)."""
    frame = _shown(qtbot, InboxPage(), gui_services, operator)
    table = frame.table
    assert frame.column_layout.visible_width() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    _fits(frame, COL_AGENCY)
    _fits(frame, COL_STATUS)
    assert frame.detail.width() >= 330
    largest = persian.to_persian_digits(frame.model.total)
    header = table.verticalHeader()
    assert header.width() >= header.fontMetrics().horizontalAdvance(largest) + 8


def test_tracker_and_review_fit_too(qtbot, gui_services, operator) -> None:
    """The tracker and the review queue need no horizontal scroll bar; «شهرستان» is whole."""
    tracker = _shown(qtbot, ReferralsPage(), gui_services, operator)
    assert tracker.column_layout.visible_width() <= tracker.table.viewport().width()
    assert not tracker.table.horizontalScrollBar().isVisible()
    review = _shown(qtbot, ReviewPage(), gui_services, operator)
    table = review.table
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    title = review.model.headerData(REVIEW_COUNTY, header.orientation())
    assert header.fontMetrics().horizontalAdvance(title) + 12 <= header.sectionSize(REVIEW_COUNTY)


def test_columns_are_remembered_per_user(qtbot, gui_services, operator) -> None:
    """Shown, moved and resized columns come back for the same user, not for another (#7)."""
    first = _shown(qtbot, InboxPage(), gui_services, operator)
    layout = first.column_layout
    header = first.table.horizontalHeader()
    assert header.isSectionHidden(COL_COUNTY)  # not in the default set
    menu = layout.menu()
    county = next(a for a in menu.actions() if a.text() == first.model.columns[COL_COUNTY].header)
    county.trigger()  # the header's context menu: show «شهرستان»
    assert not header.isSectionHidden(COL_COUNTY)
    header.moveSection(header.visualIndex(COL_STATUS), 0)
    header.resizeSection(COL_AGENCY, 230)
    layout.save()
    again = _shown(qtbot, InboxPage(), gui_services, operator)
    header2 = again.table.horizontalHeader()
    assert not header2.isSectionHidden(COL_COUNTY)
    assert header2.visualIndex(COL_STATUS) == 0 and header2.sectionSize(COL_AGENCY) == 230
    other = actor_of(gui_services.users.add(SYSTEM, "other", "secret-1", Role.OPERATOR, "دیگری"))
    theirs = _shown(qtbot, InboxPage(), gui_services, other)
    header3 = theirs.table.horizontalHeader()
    assert header3.isSectionHidden(COL_COUNTY) and header3.visualIndex(COL_STATUS) == COL_STATUS
    again.column_layout.reset()  # «ستون‌های پیش‌فرض»
    assert header2.isSectionHidden(COL_COUNTY) and header2.visualIndex(COL_STATUS) == COL_STATUS


def test_the_last_shown_column_cannot_be_hidden(qtbot, gui_services, operator) -> None:
    """Hiding every column would leave an empty table with no header to bring them back."""
    frame = _shown(qtbot, InboxPage(), gui_services, operator)
    layout = frame.column_layout
    for col in range(len(frame.model.columns)):
        layout.set_hidden(col, True)
    header = frame.table.horizontalHeader()
    assert sum(not header.isSectionHidden(c) for c in range(len(frame.model.columns))) == 1


def test_a_wide_screen_shows_the_optional_columns_that_fit(qtbot, gui_services, operator) -> None:
    """At 1920 pixels the county and type come back; growing the window saves no layout."""
    frame = _shown(qtbot, InboxPage(), gui_services, operator)
    header = frame.table.horizontalHeader()
    assert header.isSectionHidden(COL_COUNTY)  # 1366: no room
    frame.window().resize(1920, 1040)
    qtbot.waitUntil(lambda: not header.isSectionHidden(COL_COUNTY), timeout=WAIT_MS)
    # The subject, last and stretching into what is left, is offered the room first.
    assert header.isSectionHidden(COL_SUBJECT) is False
    assert not frame.table.horizontalScrollBar().isVisible()
    assert frame.column_layout.auto_fit
    assert columns.settings_factory().value(frame.column_layout._key()) is None  # noqa: SLF001
