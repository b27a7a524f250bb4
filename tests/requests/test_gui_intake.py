"""The intake dialog: its success page (code large, who and what, copy, print) and the question
before a name in Latin letters is saved."""

from __future__ import annotations

import subprocess

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from app.services.core import messages
from app.services.requests.receipt import HEADING as RECEIPT_HEADING
from app.services.requests.receipt import receipt_rows
from app.views.inbox import intake_words as words
from app.views.inbox.intake_dialog import IntakeDialog
from app.views.widgets.text_edit import PersianTextEdit
from tests.support.forms import open_filled_intake
from tests.support.printing import choose_pdf_printer
from tests.support.waits import WAIT_MS


def _register(qtbot, d: IntakeDialog):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    return reg.args[0]


def test_success_page_shows_code_name_and_summary(qtbot, gui_services, operator) -> None:
    """#13: a title, the code large right under it, the citizen's name and the subject."""
    d = open_filled_intake(qtbot, gui_services, operator)
    d.resize(620, 640)
    detail = _register(qtbot, d)
    page = d.done_page
    assert d.pages.currentWidget() is page
    # Codes show Latin digits everywhere (a Persian zero beside a hyphen vanishes).
    assert detail.tracking_code in page.code_label.text()
    texts = page.summary_texts()
    assert "حمید قاسم‌زاده" in texts and "درخواست روشنایی معبر" in texts
    # The code is big (larger than the body text) and sits near the top, not after a gap.
    assert page.code_label.sizeHint().height() > 2 * page.copy_button.fontMetrics().height()
    code_top = page.code_label.mapTo(page, page.code_label.rect().topLeft()).y()
    assert code_top < page.height() // 3
    assert page.copy_button.hasFocus() or not d.isActiveWindow()


def test_copy_and_print_the_code(qtbot, gui_services, operator, tmp_path, monkeypatch) -> None:
    """Copy puts the Latin code on the clipboard; the receipt prints (here to a PDF)."""
    d = open_filled_intake(qtbot, gui_services, operator)
    detail = _register(qtbot, d)
    d.done_page.copy_button.click()
    assert QGuiApplication.clipboard().text() == detail.tracking_code
    assert d.done_page.note.text() == words.COPIED
    assert ("شهروند:", "حمید قاسم‌زاده") in receipt_rows(detail)
    out = tmp_path / "receipt.pdf"
    choose_pdf_printer(monkeypatch, out)
    d.done_page.print_button.click()
    qtbot.waitUntil(lambda: d.done_page.note.text() == words.PRINTED, timeout=WAIT_MS)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    # The receipt shows the code as every screen does (Latin digits), and its title.
    assert detail.tracking_code in text and RECEIPT_HEADING.split()[0] in text


def test_latin_name_is_asked_and_no_keeps_the_form(qtbot, gui_services, operator,
                                                   monkeypatch) -> None:
    """#16: «test» as a name: the clerk is asked; «No» saves nothing and returns to the name."""
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    d = open_filled_intake(qtbot, gui_services, operator)
    d.first_name.setText("test")
    d.submit()
    assert len(asked) == 1 and messages.LATIN_NAME_QUESTION in asked[0]
    assert d.pages.currentIndex() == 0 and d.save_button.isEnabled()
    assert d.result_detail is None and d.first_name.text() == "test"


def test_latin_name_confirmed_is_saved(qtbot, gui_services, operator, monkeypatch) -> None:
    """«Yes» registers the request with the name as typed."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    d = open_filled_intake(qtbot, gui_services, operator)
    d.first_name.setText("test")
    detail = _register(qtbot, d)
    assert detail.citizen is not None and detail.citizen.first_name == "test"


def test_intake_body_is_persian_text_and_buttons_have_no_shortcut_text(qtbot, gui_services,
                                                                         operator) -> None:
    """#2 and #4: the body is a right-to-left PersianTextEdit; no "(Ctrl+S)" on a button."""
    d = open_filled_intake(qtbot, gui_services, operator)
    assert isinstance(d.body, PersianTextEdit) and isinstance(d.body, QPlainTextEdit)
    assert "Ctrl" not in d.save_button.text() and "Ctrl+S" in d.save_button.toolTip()


def test_field_errors_move_no_field(qtbot, gui_services, operator) -> None:
    """Red lines under half-width fields fit their room: no field moves when they appear."""
    from PySide6.QtWidgets import QApplication

    d = IntakeDialog(gui_services, operator, [], [])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    fields = (d.national_id, d.first_name, d.mobile, d.county, d.type, d.subject, d.body)
    before = [w.mapTo(d, w.rect().topLeft()) for w in fields]
    d.national_id.setText("1234567890")
    d.mobile.setText("123")
    d.submit()
    mobile_error = d.errors.labels["citizen.mobile"]
    qtbot.waitUntil(lambda: bool(mobile_error.text()) and d.save_button.isEnabled(),
                    timeout=WAIT_MS)
    QApplication.processEvents()
    assert d.errors.labels["citizen.national_id"].text() and d.errors.labels["subject"].text()
    assert [w.mapTo(d, w.rect().topLeft()) for w in fields] == before


def test_id_and_phone_fields_are_left_to_right_placeholder_included(qtbot, gui_services,
                                                                     operator) -> None:
    """#16: the national ID's hint starts at the left of its left-to-right field, as it will be typed."""
    from PySide6.QtCore import Qt

    from app.views.widgets.ltr_edit import LTR_ALIGNMENT

    d = open_filled_intake(qtbot, gui_services, operator)
    for field in (d.national_id, d.mobile):
        assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert field.alignment() == LTR_ALIGNMENT
        assert field.alignment() & Qt.AlignmentFlag.AlignAbsolute  # not flipped by the RTL window


def test_an_unforeseen_failure_keeps_the_form_and_shows_no_driver_text(
        qtbot, gui_services, operator, monkeypatch) -> None:
    """A save that fails for a reason nobody foresaw: one Persian line, the typing kept."""
    from app.views import words as shared

    def broken(_actor, _data):  # noqa: ANN001, ANN202
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(gui_services.requests, "register", broken)
    d = open_filled_intake(qtbot, gui_services, operator)
    d.submit()
    qtbot.waitUntil(lambda: shared.UNEXPECTED_ERROR in d.general.text(), timeout=WAIT_MS)
    assert words.SAVE_FAILED in d.general.text()
    assert "server closed" not in d.general.text()
    assert d.subject.text() == "درخواست روشنایی معبر"
    assert d.body.toPlainText() == "کوچهٔ ما از ماه پیش تاریک است."
    assert d.save_button.isEnabled()
