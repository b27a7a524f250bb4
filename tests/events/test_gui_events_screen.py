"""The events screen through its real widgets: opened from the inbox's «رویدادها…», it lists an
event with its counts in Jalali and Persian digits, edits save, a stale save keeps the typing,
and «نمایش درخواست‌ها» narrows the inbox to the event's requests (issue 14 §1)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox

from app.models.enums import EventKind, Role
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.events.dto import EventInput
from app.views.inbox.event_dialog import EventDialog
from app.views.inbox.events_dialog import EventsDialog
from app.views.inbox.inbox_page import InboxPage
from app.views.table_models import events_model as em
from app.views.table_models.paged_model import ROW_ROLE
from tests.support.helpers import county_id, register, valid_nid
from tests.support.waits import WAIT_MS, background_idle

NAME = "سفر استاندار به مرند"


def _event(services, actor):  # noqa: ANN001, ANN202
    """An event of yesterday and today with three requests, one answered directly."""
    today = jalali.tehran_today()
    e = services.events.create(actor, EventInput(NAME, EventKind.TRIP, today - timedelta(days=1),
                                                 today, county_id(services, "مرند")))
    ids = [register(services, actor, subject="گازرسانی روستا",
                    nid=valid_nid(f"00777{i:04d}")).id for i in range(3)]
    services.events.tag(actor, ids, e.id)
    d = services.requests.get(ids[0])
    services.requests.answer_directly(actor, d.id, d.version, "گازرسانی در برنامهٔ امسال است.")
    return e, ids


def _shown(monkeypatch, cls) -> list:  # noqa: ANN001
    """Make `cls.exec` show the dialog without blocking; the opened ones are listed."""
    opened: list = []

    def show(self) -> int:  # noqa: ANN001
        opened.append(self)
        self.show()
        return 0

    monkeypatch.setattr(cls, "exec", show)
    return opened


def _listed(qtbot, d: EventsDialog, event_id: int) -> int:  # noqa: ANN001
    qtbot.waitUntil(lambda: d.model.row_of(event_id) >= 0 and background_idle(), timeout=WAIT_MS)
    return d.model.row_of(event_id)


def _cells(d: EventsDialog, row: int) -> list[str]:
    return [d.model.index(row, c).data() for c in range(d.model.columnCount())]


def test_opened_from_the_inbox_lists_counts_and_shows_the_events_requests(
        qtbot, qtmodeltester, gui_services, operator, monkeypatch) -> None:  # noqa: ANN001
    """«رویدادها…» opens the list; «نمایش درخواست‌ها» leaves the inbox with only its requests."""
    e, ids = _event(gui_services, operator)
    page = InboxPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(gui_services, operator)
    qtbot.waitUntil(lambda: bool(page.counties) and background_idle(), timeout=WAIT_MS)
    assert page.model.total > len(ids)
    opened = _shown(monkeypatch, EventsDialog)
    assert page.events_button.isEnabled()
    page.events_button.click()
    (d,) = opened
    qtbot.addWidget(d)
    row = _listed(qtbot, d, e.id)
    qtmodeltester.check(d.model)
    cells = _cells(d, row)
    assert cells[em.COL_NAME] == NAME and cells[em.COL_COUNTY] == "مرند"
    assert cells[em.COL_STARTS] == jalali.format_jalali(e.starts_on)
    assert cells[em.COL_STARTS][:4] == "۱۴۰۵"  # Jalali, Persian digits
    assert (cells[em.COL_RECEIVED], cells[em.COL_DIRECT], cells[em.COL_REFERRED],
            cells[em.COL_OPEN]) == ("۳", "۱", "۰", "۲")
    d.select_row(row)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        d.requests_button.click()
    assert not d.isVisible()
    qtbot.waitUntil(lambda: page.model.total == len(ids) and background_idle(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: all(page.model.data(page.model.index(r, 0), ROW_ROLE) is not None
                                for r in range(page.model.rowCount())), timeout=WAIT_MS)
    listed = {page.model.data(page.model.index(r, 0), ROW_ROLE).id
              for r in range(page.model.rowCount())}
    assert listed == set(ids)
    assert page.filters.event_chip.isVisibleTo(page) and NAME in page.filters.event_chip.text()
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.filters.event_chip.click()  # back to every request
    qtbot.waitUntil(lambda: page.model.total > len(ids), timeout=WAIT_MS)
    assert not page.filters.event_chip.isVisibleTo(page)


def test_edit_saves_and_a_stale_save_keeps_the_typing(qtbot, gui_services, operator,
                                                      monkeypatch) -> None:  # noqa: ANN001
    """The edit form saves under the version; after another desk's save it says so and keeps
    what the user typed."""
    e, _ids = _event(gui_services, operator)
    d = EventsDialog(gui_services, operator, ["مرند", "تبریز"])
    qtbot.addWidget(d)
    d.show()
    d.select_row(_listed(qtbot, d, e.id))
    forms = _shown(monkeypatch, EventDialog)
    d.edit_button.click()
    form = forms[-1]
    assert form.name.text() == NAME and form.county.currentText() == "مرند"
    form.name.setText("سفر استاندار به مرند و جلفا")
    form.county.setCurrentIndex(form.county.findData("تبریز"))
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    saved = gui_services.events.get(e.id)
    assert (saved.name, saved.county, saved.version) == ("سفر استاندار به مرند و جلفا",
                                                         "تبریز", e.version + 1)
    qtbot.waitUntil(lambda: _cells(d, d.model.row_of(e.id))[em.COL_NAME] == saved.name
                    and background_idle(), timeout=WAIT_MS)

    d.select_row(d.model.row_of(e.id))
    d.edit_button.click()
    form = forms[-1]
    # Another desk saves first.
    gui_services.events.update(operator, e.id, saved.version, EventInput(
        "سفر معاون استاندار", EventKind.TRIP, saved.starts_on, saved.ends_on, saved.county_id))
    typed = "سفر استاندار به شهرستان مرند"
    form.name.setText(typed)
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "رایانهٔ دیگری" in form.general.text(), timeout=WAIT_MS)
    assert form.isVisible() and form.name.text() == typed
    assert form.buttons.isEnabled()
    assert gui_services.events.get(e.id).name == "سفر معاون استاندار"


def test_a_reader_may_list_but_not_edit(qtbot, gui_services) -> None:  # noqa: ANN001
    """An inspector sees the list and the requests, not the new and edit buttons."""
    inspector = actor_of(gui_services.users.add(SYSTEM, "insp", "secret-1", Role.INSPECTOR,
                                                "بازرس"))
    d = EventsDialog(gui_services, inspector, [])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: "اجازه" in d.note.text(), timeout=WAIT_MS)
    assert not d.new_button.isEnabled() and not d.edit_button.isEnabled()


def test_an_event_name_with_markup_shows_literally_in_its_tooltip(qtbot) -> None:  # noqa: ANN001
    """A typed name like «<b>سفر</b>» is text: the tooltip escapes it, never renders it."""
    from datetime import date

    from PySide6.QtCore import Qt

    from app.services.events.dto import EventInfo, EventSummary

    info = EventInfo(1, 1, "<b>سفر</b> & <i>دیدار</i>", EventKind.TRIP, "سفر", date(2026, 11, 1),
                     date(2026, 11, 2), None, "", None, "")
    model = em.EventsTableModel()
    model.set_rows([EventSummary(info, 3, 1, 1, 1)])
    tip = model.data(model.index(0, em.COL_NAME), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;" in tip and "&amp;" in tip and "<b>" not in tip
    assert model.data(model.index(0, em.COL_NAME)) == info.name  # the cell shows it as typed


def test_the_inbox_event_chip_shows_a_marked_up_name_literally(qtbot) -> None:  # noqa: ANN001
    """The chip's tooltip holds the whole name escaped; its text is plain button text."""
    from app.views.inbox.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_event(7, "<b>سفر</b>")
    assert "&lt;b&gt;" in bar.event_chip.toolTip() and "<b>" not in bar.event_chip.toolTip()
    assert "<b>سفر</b>" in bar.event_chip.text() and bar.current().event_id == 7
