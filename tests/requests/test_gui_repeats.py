"""Repeat visitors in the window: the intake form's look-alikes, the detail pane's links, the
import dialog's possible repeats."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from app.models.enums import RequestStatus
from app.services.core import reference
from app.services.requests.repeats.dto import DUPLICATE
from app.views.framework.bus import bus
from app.views.inbox import links_words as words
from app.views.inbox.import_dialog import ImportDialog
from app.views.inbox.links_section import LinksSection
from app.views.inbox.request_detail import RequestDetailPane
from tests.requests.test_import import HEADERS, row, write_csv
from tests.support.forms import open_filled_intake
from tests.support.helpers import register
from tests.support.waits import WAIT_MS

NID = "0013542419"  # the filled form's citizen


def test_intake_shows_lookalikes_and_links_as_duplicate(qtbot, gui_services, operator) -> None:
    """The citizen's open request on the same matter is shown before saving; «تکراری» closes
    the new request with a pointer to it, and the link shows both ways."""
    first = register(gui_services, operator, subject="درخواست روشنایی معبر کوچه", nid=NID)
    d = open_filled_intake(qtbot, gui_services, operator)
    panel = d.repeat_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.title.text() == words.SIMILAR
    assert first.tracking_code in panel.list.item(0).text()
    d.grab().save("/tmp/intake-repeats.png")
    panel.kind.setCurrentIndex(panel.kind.findData(DUPLICATE))
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    new = reg.args[0]
    assert new.status == RequestStatus.CLOSED
    assert first.tracking_code in new.actions_taken
    # The detail pane lists the link from both ends; a double-click opens the other request.
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    section = next(x for x in pane.sections if isinstance(x, LinksSection))
    pane.show_dossier(gui_services.requests.dossier(first.id))
    qtbot.waitUntil(lambda: section.dossier is not None, timeout=WAIT_MS)
    texts = [section.list.item(i).text() for i in range(section.list.count())]
    assert any("درخواست تکراری آن" in t and new.tracking_code in t for t in texts)
    section.list.itemDoubleClicked.emit(section.list.item(0))
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == new.id,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: section.dossier is not None and section.dossier.request_id == new.id,
                    timeout=WAIT_MS)
    assert "تکراریِ درخواست" in section.list.item(0).text()
    # A new citizen with nothing on file: no panel, and the request saves unlinked.
    d.start_another()
    assert not panel.isVisible()


def test_pane_links_and_unlinks_from_the_menu(qtbot, gui_services, operator,
                                              monkeypatch) -> None:
    """«سایر اقدام‌ها» → link to a look-alike as «مرتبط», then remove the link."""
    a = register(gui_services, operator, subject="کمبود دارو در داروخانهٔ بیمارستان", nid=NID)
    b = register(gui_services, operator, subject="کمبود دارو در داروخانهٔ بیمارستان شهر",
                 nid=NID)
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    section = next(x for x in pane.sections if isinstance(x, LinksSection))
    pane.show_dossier(gui_services.requests.dossier(b.id))
    qtbot.waitUntil(lambda: section.dossier is not None, timeout=WAIT_MS)
    assert [s.request_id for s in section.dossier.suggestions] == [a.id]
    menu = [act.text() for act in pane.more_menu.actions()]
    assert words.LINK_ACTION in menu and words.UNLINK_ACTION in menu

    def pick(_parent, _title, _label, items, *_a, **_k):  # noqa: ANN001, ANN202
        return (items[0] if items[0] != words.DUPLICATE else words.RELATED), True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    with qtbot.waitSignal(bus().requests_changed, timeout=WAIT_MS) as changed:
        next(x for x in pane.more_menu.actions() if x.text() == words.LINK_ACTION).trigger()
    assert set(changed.args[0]) == {a.id, b.id}
    links = gui_services.repeats.links(b.id)
    assert [(x.other_id, x.kind) for x in links] == [(a.id, "related")]
    qtbot.waitUntil(lambda: section.dossier is not None and len(section.dossier.links) == 1,
                    timeout=WAIT_MS)
    with qtbot.waitSignal(bus().requests_changed, timeout=WAIT_MS):
        next(x for x in pane.more_menu.actions() if x.text() == words.UNLINK_ACTION).trigger()
    assert gui_services.repeats.links(b.id) == []


def test_import_dialog_lists_possible_repeats(qtbot, gui_services, operator, tmp_path) -> None:
    """After an import, the rows that may repeat a request on file are listed; linking waits
    for the button."""
    first = register(gui_services, operator, subject="قطعی مکرر آب آشامیدنی", nid=NID)
    path = write_csv(tmp_path / "samad.csv", [
        row("S-R1", nid=NID, subject="پیگیری قطعی مکرر آب آشامیدنی"),
        row("S-R2", nid="1234567891", subject="تأخیر در صدور سند تک‌برگ"),
    ], HEADERS)
    db = gui_services.db
    d = ImportDialog(gui_services, operator, reference.counties(db), reference.agencies(db))
    qtbot.addWidget(d)
    d.show()
    d.set_file(path)
    qtbot.waitUntil(lambda: d.import_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(d.imported, timeout=WAIT_MS) as done:
        d.run_import()
    result = done.args[0]
    assert [(p.row, p.request) for p in result.possible_repeats] == [(2, first.tracking_code)]
    box = d.repeats
    assert box.isVisible() and box.list.count() == 1
    assert "ردیف ۲" in box.list.item(0).text() and first.tracking_code in box.list.item(0).text()
    assert gui_services.repeats.links(first.id) == []  # nothing linked unasked
    with qtbot.waitSignal(box.linked, timeout=WAIT_MS):
        box.link_button.click()
    assert [x.role for x in gui_services.repeats.links(first.id)] == ["related"]
