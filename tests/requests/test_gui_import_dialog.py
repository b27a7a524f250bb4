"""The SAMAD import dialog: preview, mapping an unknown county, importing with progress."""

from __future__ import annotations

from app.services.core.reference import agencies, counties
from app.services.requests.dto import InboxFilter
from app.views.inbox.import_dialog import ImportDialog
from tests.requests.test_import import HEADERS, row, write_csv
from tests.support.waits import WAIT_MS


def _dialog(qtbot, gui_services, operator) -> ImportDialog:  # noqa: ANN001
    db = gui_services.db
    d = ImportDialog(gui_services, operator, counties(db), agencies(db))
    qtbot.addWidget(d)
    return d


def test_preview_map_and_import(qtbot, gui_services, operator, tmp_path) -> None:
    """Bad rows are listed with their row numbers; a mapped county lets its row in."""
    path = write_csv(tmp_path / "samad.csv", [
        row("S-901", county="تبريز"),  # Arabic yeh: matches after normalisation
        row("S-902", nid="1111111111"),  # row 3: invalid national ID
        row("S-903", county="شهر ناشناخته"),  # row 4: unknown county, to be mapped
        row("S-904", when="1405/13/40"),  # row 5: impossible date
    ])
    d = _dialog(qtbot, gui_services, operator)
    with qtbot.waitSignal(d.previewed, timeout=WAIT_MS) as seen:
        d.set_file(path)
    pv = seen.args[0]
    assert (pv.total, pv.importable, len(pv.rejected)) == (4, 1, 3)
    assert [d.rejected.item(i).text()[:7] for i in range(d.rejected.count())] == [
        "ردیف ۳ ", "ردیف ۴ ", "ردیف ۵ "]
    assert "شهر ناشناخته" in d.name_boxes
    box = d.name_boxes["شهر ناشناخته"]
    box.setCurrentIndex(box.findText("مرند"))
    with qtbot.waitSignal(d.previewed, timeout=WAIT_MS) as seen:
        d.check_button.click()
    assert seen.args[0].importable == 2
    before = gui_services.inbox.count(InboxFilter())
    with qtbot.waitSignal(d.imported, timeout=30000) as done:
        d.import_button.click()
    result = done.args[0]
    assert (result.imported, result.duplicates, len(result.rejected)) == (2, 0, 2)
    assert gui_services.inbox.count(InboxFilter()) == before + 2
    assert "۲ درخواست وارد شد" in d.summary.text()
    assert not d.import_button.isEnabled()  # a second click cannot import twice


def test_missing_column_can_be_mapped_by_hand(qtbot, gui_services, operator, tmp_path) -> None:
    """A file whose subject column has another name asks for the mapping, then imports."""
    headers = [h if h != "موضوع" else "عنوان پیام" for h in HEADERS]
    path = write_csv(tmp_path / "other.csv", [row("S-911")], headers=headers)
    d = _dialog(qtbot, gui_services, operator)
    d.set_file(path)
    qtbot.waitUntil(lambda: "عنوان پیام" in d.header_boxes, timeout=WAIT_MS)
    assert "موضوع" in d.summary.text() and not d.import_button.isEnabled()
    box = d.header_boxes["عنوان پیام"]
    box.setCurrentIndex(box.findData("subject"))
    with qtbot.waitSignal(d.previewed, timeout=WAIT_MS) as seen:
        d.check_button.click()
    assert seen.args[0].importable == 1


def test_unreadable_file_says_so_and_writes_nothing(qtbot, gui_services, operator,
                                                    tmp_path) -> None:
    """A PDF renamed .csv is refused with a Persian message."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02garbage")
    d = _dialog(qtbot, gui_services, operator)
    before = gui_services.inbox.count(InboxFilter())
    with qtbot.waitSignal(d.failed, timeout=WAIT_MS):
        d.set_file(path)
    assert "پایگاه داده تغییری نکرد" in d.summary.text()
    assert gui_services.inbox.count(InboxFilter()) == before
