"""The Reports page builds the PDF off the GUI thread, previews it and saves it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

from app.views.reports import words
from app.views.reports.reports_page import ReportsPage
from tests.support.waits import WAIT_MS


def test_generate_preview_and_save(qtbot, gui_services, tmp_path, monkeypatch) -> None:
    """Generate the last finished quarter, see it in the preview, save a copy."""
    page = ReportsPage()
    qtbot.addWidget(page)
    assert not page.generate_button.isEnabled()  # no database yet
    page.set_services(gui_services)
    page.picker.set_quarter(1405, 2)
    with qtbot.waitSignal(page.report_ready, timeout=60000) as ready:
        page.generate_button.click()
        assert not page.generate_button.isEnabled()  # one report at a time
        assert not page.progress.isHidden()
    assert Path(ready.args[0]).exists()
    assert page.document.status() == QPdfDocument.Status.Ready
    assert page.document.pageCount() >= 5
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.save_pdf()
    assert target.read_bytes() == Path(ready.args[0]).read_bytes()


def test_failure_shows_a_persian_message(qtbot, app, monkeypatch) -> None:
    """A report that cannot be built says so in Persian and frees the buttons."""
    from PySide6.QtWidgets import QMessageBox

    from app.models.database import Database
    from app.services.registry import Services

    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    page = ReportsPage()
    qtbot.addWidget(page)
    # A server that is not there: the real driver error, not a stand-in.
    page.set_services(Services.for_database(Database("postgresql+psycopg://pol@127.0.0.1:1/x")))
    with qtbot.waitSignal(page.report_failed, timeout=WAIT_MS) as failed:
        page.generate_button.click()
    assert "اتصال به پایگاه داده برقرار نشد" in failed.args[0]
    assert page.generate_button.isEnabled()


def test_printing_sends_every_page(qtbot, gui_services, tmp_path, monkeypatch) -> None:
    """The print path renders every page off the GUI thread onto a real QPrinter (here one that
    writes a PDF, the pages chosen by number so they go as pictures)."""
    from tests.support.printing import choose_pdf_printer

    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_services(gui_services)
    page.picker.set_quarter(1405, 2)
    with qtbot.waitSignal(page.report_ready, timeout=60000):
        page.generate_button.click()
    out = tmp_path / "printed.pdf"
    choose_pdf_printer(monkeypatch, out, pages=(1, page.document.pageCount()))
    with qtbot.waitSignal(page.printed, timeout=60000) as sent:
        page.print_report()
        assert page.status.text() == words.PRINTING  # the window is free while pages render
    assert sent.args == [page.document.pageCount()]
    assert out.stat().st_size > 10_000
    assert "چاپ" in page.status.text()


def test_excel_waits_for_a_report_and_the_empty_preview_has_a_hint(qtbot, gui_services,
                                                                  tmp_path, monkeypatch) -> None:
    """#14: before a report is built «ذخیرهٔ Excel…» is disabled and the preview explains what
    to do; after, Excel saves the quarter that was built."""
    from app.views.reports import words

    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_services(gui_services)
    page.show()
    assert page.generate_button.isEnabled()
    assert not page.excel_button.isEnabled() and not page.save_button.isEnabled()
    assert page.preview.currentWidget() is page.empty_hint and page.empty_hint.isVisible()
    assert "ساخت گزارش" in page.empty_hint.text() == words.EMPTY_HINT
    page.picker.set_quarter(1405, 2)
    with qtbot.waitSignal(page.report_ready, timeout=60000):
        page.generate_button.click()
    assert page.excel_button.isEnabled() and page.preview.currentWidget() is page.view
    page.picker.set_quarter(1405, 1)  # a different quarter chosen after the build
    target = tmp_path / "numbers.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.save_excel()
    qtbot.waitUntil(lambda: target.exists() and page.excel_button.isEnabled(), timeout=60000)
    from openpyxl import load_workbook

    text = " ".join(str(c.value) for ws in load_workbook(target).worksheets
                    for row in ws.iter_rows() for c in row if c.value is not None)
    assert "۱۴۰۵" in text or "1405" in text
    assert page.built == (1405, 2)
