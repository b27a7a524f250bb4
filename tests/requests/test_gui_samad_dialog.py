"""The SAMAD bridge dialog (issue 14 §2): three lists with counts, «import the missing ones» as
one click, and the answers for SAMAD saved through the save dialog; off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from app.services.core import persian
from app.services.requests.dto import InboxFilter
from app.services.requests.samad.importer import import_samad
from app.views.inbox.samad_dialog import SamadBridgeDialog
from app.views.table_models.samad_model import TextRowsModel
from tests.requests.test_import import HEADERS, row, write_csv, write_xlsx
from tests.support.waits import WAIT_MS


def _file(tmp_path: Path) -> Path:
    """An export: 8801 closed in SAMAD (new in Pol), 8803 and 8804 missing from Pol."""
    return write_xlsx(tmp_path / "samad.xlsx", [
        [*row("8801", when="1405/08/02 10:00"), "مختومه"],
        [*row("8803", when="1405/08/04 10:00", subject="چاله در خیابان"), "جدید"],
        [*row("8804", when="1405/08/05 10:00"), "جدید"],
    ], [*HEADERS, "وضعیت"])


def _seed(gui_services, operator, tmp_path: Path) -> None:  # noqa: ANN001
    """8801 and 8802 in Pol (8802 received within the file's days, missing from it)."""
    base = write_csv(tmp_path / "base.csv", [row("8801", when="1405/08/02 10:00"),
                                             row("8802", when="1405/08/03 10:00")])
    assert import_samad(gui_services.db, operator, base).imported == 2


def test_lists_counts_and_one_click_import(qtbot, gui_services, operator, tmp_path) -> None:
    _seed(gui_services, operator, tmp_path)
    d = SamadBridgeDialog(gui_services, operator)
    qtbot.addWidget(d)
    assert not d.import_button.isEnabled()
    with qtbot.waitSignal(d.reconciled, timeout=WAIT_MS) as seen:
        d.set_file(_file(tmp_path))
    r = seen.args[0]
    # The demo data holds SAMAD requests of those days too: they are in Pol only as well.
    assert r.in_samad_only == ["8803", "8804"] and "8802" in r.in_pol_only
    assert "8801" not in r.in_pol_only
    pol_only = persian.to_persian_digits(len(r.in_pol_only))
    assert [d.tabs.tabText(i) for i in range(3)] == [
        "در سامد، نه در پل (۲)", f"در پل، نه در سامد ({pol_only})", "وضعیت ناهمسان (۱)"]
    assert d.samad_only.rows == [("8803",), ("8804",)]
    assert d.status.rows[0][0] == "8801" and d.status.rows[0][3] == "مختومه"
    assert "۳ ردیف" in d.summary.text() and "۱۴۰۵/۰۸/۰۲" in d.summary.text()
    assert d.import_button.isEnabled()
    before = gui_services.inbox.count(InboxFilter())
    with qtbot.waitSignal(d.imported, timeout=30000) as done:
        d.import_button.click()
    assert not d.import_button.isEnabled()  # a second click cannot import twice
    assert done.args[0].imported == 2
    qtbot.waitUntil(lambda: d.result is not None and d.result.in_samad_only == [],
                    timeout=WAIT_MS)
    assert gui_services.inbox.count(InboxFilter()) == before + 2
    assert d.tabs.tabText(0) == "در سامد، نه در پل (۰)" and not d.import_button.isEnabled()
    assert "۲ درخواست وارد شد" in d.import_label.text()


def test_bad_file_says_so_in_persian(qtbot, gui_services, operator, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02garbage")
    d = SamadBridgeDialog(gui_services, operator)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.failed, timeout=WAIT_MS):
        d.set_file(path)
    assert "تغییری نکرد" in d.summary.text() and not d.import_button.isEnabled()


def test_answers_export_through_the_save_dialog(qtbot, gui_services, operator, tmp_path,
                                                monkeypatch) -> None:
    _seed(gui_services, operator, tmp_path)
    rid = gui_services.inbox.page(InboxFilter(text="8801")).rows[0].id
    detail = gui_services.requests.get(rid)
    gui_services.requests.answer_directly(operator, rid, detail.version, "پاسخ داده شد.")
    target = tmp_path / "answers"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    d = SamadBridgeDialog(gui_services, operator)
    qtbot.addWidget(d)
    d.quarter.set_quarter(1405, 3)
    d.only_new.setChecked(True)
    with qtbot.waitSignal(d.exported, timeout=30000) as seen:
        d.export_button.click()
    first = seen.args[0]  # with the demo data's SAMAD requests answered in the quarter
    assert first.rows == first.new >= 1
    assert f"{persian.to_persian_digits(first.new)} تازه" in d.export_label.text()
    ws = load_workbook(tmp_path / "answers.xlsx").worksheets[0]
    assert ws.sheet_view.rightToLeft
    assert "8801" in [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    with qtbot.waitSignal(d.exported, timeout=30000) as again:
        d.export_button.click()  # only what's new: nothing now
    assert again.args[0].rows == 0 and again.args[0].exported_before == first.rows


def test_model_passes_qt_model_tester(qtmodeltester) -> None:
    model = TextRowsModel(["الف", "ب"])
    model.set_rows([("1", "2"), ("3", "4")])
    qtmodeltester.check(model, force_py=True)


def test_the_inbox_opens_the_dialog(qtbot, gui_services, operator, monkeypatch) -> None:
    """«تطبیق با سامد…» beside «ورود از سامد…» opens the bridge for the signed-in user."""
    from app.views.inbox.inbox_page import InboxPage

    opened: list[SamadBridgeDialog] = []
    monkeypatch.setattr(SamadBridgeDialog, "exec", lambda self: opened.append(self) or 0)
    page = InboxPage()
    qtbot.addWidget(page)
    assert not page.samad_button.isEnabled()  # no database yet
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(gui_services, operator)
    assert page.samad_button.isEnabled() and page.samad_button.text() == "تطبیق با سامد…"
    page.samad_button.click()
    assert len(opened) == 1 and opened[0].actor == operator
