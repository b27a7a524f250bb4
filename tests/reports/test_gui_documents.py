"""Printing and saving the slip, the receipt and the letter from their windows (pytest-qt).

The print dialog is patched to «choose» a printer that writes a PDF file: when the whole document
is printed that file is the document itself (searchable text, read back with pdftotext); with a
page range the pages go through print_pdf as pictures, as on a real printer.
"""

from __future__ import annotations

import re
import subprocess
from datetime import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.errors import PolError
from app.services.core import jalali, messages
from app.services.core.context import SYSTEM
from app.services.core.dto import GOVERNORATE
from app.services.core.reference import agencies
from app.services.meetings.meeting_day import MeetingDayService
from app.services.referrals.dto import TrackerFilter
from app.services.referrals.letter_pdf import write_letter_pdf
from app.services.referrals.reminders import ReminderService
from app.services.referrals.tracker import ReferralTracker
from app.services.requests.dto import CitizenInput
from app.views import words as shared
from app.views.calendar import words as calendar_words
from app.views.calendar.meeting_day_dialog import MeetingDayDialog
from app.views.inbox import intake_words
from app.views.referrals import words as referral_words
from app.views.referrals.reminder_dialog import ReminderDialog
from app.views.reports.printing import print_file
from tests.reports.pdftools import best_window, norm, ocr_pages
from tests.reports.test_pdf_text_layer import layer_lines, raw_text
from tests.support.forms import open_filled_intake
from tests.support.helpers import valid_nid
from tests.support.printing import choose_pdf_printer
from tests.support.waits import WAIT_MS

PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
A6 = QPageSize.PageSizeId.A6
A4 = QPageSize.PageSizeId.A4


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines())}


def is_a6(pdf: Path) -> bool:
    """The first page is A6 (105 x 148 mm), to the point."""
    w, h = (float(x) for x in re.findall(r"[\d.]+", pdf_info(pdf)["Page size"])[:2])
    return abs(w - 297.6) < 1 and abs(h - 419.5) < 1


def readable_lines(pdf: Path) -> list[str]:
    """The text layer's lines; fails on any presentation form."""
    assert not PRESENTATION.search(raw_text(pdf))
    return layer_lines(pdf)


@pytest.fixture
def meeting_day(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """Today's one-off meeting of a new manager, open in the meeting-day window."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    ags = agencies(gui_services.db)
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر روز", "مدیرکل", ags[2].id)
    meeting = gui_services.meetings.create_meeting(
        operator, mid, jalali.tehran_today(), time(0), time(23, 59), kind="one_off"
    )
    d = MeetingDayDialog(
        gui_services.meetings, MeetingDayService(gui_services.db), operator, meeting.id, ags
    )
    qtbot.addWidget(d)
    qtbot.waitSignal(d.loaded, timeout=WAIT_MS).wait()
    d.test_agency = ags[2].name
    return d


def _raise_issue(dialog, operator, subject: str):  # noqa: ANN001, ANN202
    days = dialog.days
    att = days.add_walk_in(
        operator,
        dialog.meeting_id,
        CitizenInput(national_id=valid_nid("444555666"), first_name="ژاله", last_name="قاسم‌زاده"),
    )
    return days.raise_issue(operator, att.id, subject)


def test_slip_printed_to_a_pdf_printer_is_the_searchable_slip(
    qtbot, meeting_day, operator, monkeypatch, tmp_path: Path
) -> None:  # noqa: ANN001
    """The dialog proposes A6; the chosen PDF file is the slip itself, its text Persian."""
    res = _raise_issue(meeting_day, operator, "روشنایی معبر کوچهٔ شهید باکری")
    out = tmp_path / "slip.pdf"
    seen = choose_pdf_printer(monkeypatch, out)
    with qtbot.waitSignal(meeting_day.slip_ready, timeout=WAIT_MS):
        meeting_day.print_slip(res.request_id)
    qtbot.waitUntil(
        lambda: meeting_day.general.text() == calendar_words.SLIP_PRINTED, timeout=WAIT_MS
    )
    assert seen.papers == [A6]
    assert pdf_info(out)["Pages"] == "1" and is_a6(out)
    lines = readable_lines(out)
    assert res.tracking_code in lines
    assert "شهروند: ژاله قاسم‌زاده" in lines and "موضوع: روشنایی معبر کوچهٔ شهید باکری" in lines
    assert f"دستگاه: {meeting_day.test_agency}" in lines and GOVERNORATE in lines


def test_slip_with_a_page_range_goes_through_print_pdf(
    qtbot, meeting_day, operator, monkeypatch, tmp_path: Path
) -> None:  # noqa: ANN001
    """Pages chosen by number are drawn as pictures on the printer, on A6, one page."""
    res = _raise_issue(meeting_day, operator, "روشنایی معبر")
    out = tmp_path / "printed.pdf"
    choose_pdf_printer(monkeypatch, out, pages=(1, 1))
    meeting_day.print_slip(res.request_id)
    qtbot.waitUntil(
        lambda: meeting_day.general.text() == calendar_words.SLIP_PRINTED, timeout=WAIT_MS
    )
    info = pdf_info(out)
    assert info["Pages"] == "1" and is_a6(out)
    assert not MARKS.sub("", raw_text(out)).strip()  # a picture: no text layer of its own
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(out), str(tmp_path / "p")],
                   check=True)
    darkest, _ = Image.open(tmp_path / "p-1.png").convert("L").getextrema()
    assert darkest < 100  # the slip is on it, not a blank page


def test_receipt_prints_from_the_success_page(qtbot, gui_services, operator, monkeypatch,
                                              tmp_path: Path) -> None:  # noqa: ANN001
    """«چاپ رسید…»: A6 proposed, the receipt written off the GUI thread, the page says so."""
    d = open_filled_intake(qtbot, gui_services, operator)
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    detail = reg.args[0]
    out = tmp_path / "receipt.pdf"
    seen = choose_pdf_printer(monkeypatch, out)
    page = d.done_page
    page.print_button.click()
    assert page.note.text() == intake_words.PRINTING and not page.print_button.isEnabled()
    qtbot.waitUntil(lambda: page.note.text() == intake_words.PRINTED, timeout=WAIT_MS)
    assert page.print_button.isEnabled() and seen.papers == [A6]
    lines = readable_lines(out)
    assert detail.tracking_code in lines and "شهروند: حمید قاسم‌زاده" in lines
    assert "موضوع: درخواست روشنایی معبر" in lines and GOVERNORATE in lines


def test_a_printer_that_fails_gives_a_persian_message(qtbot, gui_services, operator, monkeypatch,
                                                      tmp_path: Path) -> None:  # noqa: ANN001
    """A PDF file in a folder that is not there: the page says why, in Persian; no traceback."""
    d = open_filled_intake(qtbot, gui_services, operator)
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS):
        d.submit()
    page = d.done_page
    missing = tmp_path / "no-such-folder" / "receipt.pdf"
    choose_pdf_printer(monkeypatch, missing)  # the document's own file: the service says why
    page.print_button.click()
    qtbot.waitUntil(lambda: page.print_button.isEnabled(), timeout=WAIT_MS)
    assert "نوشته نشد" in page.note.text() and str(missing) in page.note.text()
    assert messages.FILE_ERRORS[2] in page.note.text()
    choose_pdf_printer(monkeypatch, missing, pages=(1, 1))  # a printer that will not start
    page.print_button.click()
    qtbot.waitUntil(lambda: page.note.text() == shared.PRINT_FAILED, timeout=WAIT_MS)
    assert page.print_button.isEnabled() and not missing.exists()


@pytest.fixture
def reminder(qtbot, gui_services, operator) -> ReminderDialog:  # noqa: ANN001
    """The reminder letter of an overdue referral of the demo data, drafted."""
    tracker = ReferralTracker(gui_services.db)
    row = tracker.page(TrackerFilter(overdue_only=True), 0, 1).rows[0]
    dossier = tracker.dossier(row.id)
    dialog = ReminderDialog(
        ReminderService(gui_services.db), gui_services.referrals, operator, dossier
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letter is not None, timeout=WAIT_MS)
    return dialog


def test_letter_prints_saves_and_copies_with_the_latin_code(
    qtbot, reminder: ReminderDialog, monkeypatch, tmp_path: Path
) -> None:  # noqa: ANN001
    """The edited letter: printed (A4) and saved as the same searchable PDF; copied as text."""
    code = reminder.dossier.tracking_code
    reminder.text.setPlainText(reminder.text.toPlainText() + "\n\nرونوشت: دفتر پیگیری‌ها")
    reminder.copy_text()
    assert f"\u2066{code}\u2069" in QGuiApplication.clipboard().text()
    printed = tmp_path / "printed.pdf"
    seen = choose_pdf_printer(monkeypatch, printed)
    reminder.print_letter()
    qtbot.waitUntil(lambda: reminder.status.text() == referral_words.PRINTED, timeout=WAIT_MS)
    assert seen.papers == [A4]
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), "PDF"))
    reminder.save_pdf()
    qtbot.waitUntil(lambda: saved.exists() and reminder.save_button.isEnabled(), timeout=WAIT_MS)
    assert str(saved) in MARKS.sub("", reminder.status.text())
    for pdf in (printed, saved):
        lines = readable_lines(pdf)
        words = " ".join(lines)
        assert code in words and reminder.dossier.agency in words
        assert "رونوشت: دفتر پیگیری‌ها" in lines and GOVERNORATE in lines


def test_letter_saved_where_it_cannot_be_is_a_persian_message(
    qtbot, reminder: ReminderDialog, monkeypatch, tmp_path: Path
) -> None:  # noqa: ANN001
    """An unwritable target: the status line says so in Persian, the buttons come back."""
    target = tmp_path / "gone" / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    reminder.save_pdf()
    qtbot.waitUntil(lambda: reminder.save_button.isEnabled(), timeout=WAIT_MS)
    status = reminder.status.text()
    assert "نوشته نشد" in status and str(target) in status and not target.exists()
    assert shared.UNEXPECTED_ERROR not in status and "Traceback" not in status


def test_print_file_sends_every_page_of_a_letter(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    """print_file onto a PDF QPrinter (a stand-in for a real one): every page, on A4, readable,
    each rendered off the GUI thread."""
    paragraph = "خواهشمند است نتیجهٔ رسیدگی به درخواست‌های مردمی شهرستان مراغه اعلام شود."
    text = "بسمه تعالی\n\n" + "\n\n".join([paragraph] * 40)
    letter = tmp_path / "letter.pdf"
    pages = write_letter_pdf(text, letter)
    assert pages >= 2
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list = []
    print_file(owner, letter, printer, results.append, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert results == [pages]
    info = pdf_info(out)
    assert info["Pages"] == str(pages) and "(A4)" in info["Page size"]
    if not _has_ocr():
        return
    first = ocr_pages(out, dpi=200)[0]
    distance, _ = best_window(norm(paragraph), first)
    assert distance <= len(paragraph) // 10, first  # the picture reads as the letter


def test_a_damaged_file_is_not_printed_and_the_printer_is_released(qtbot, tmp_path: Path) -> None:
    """A PDF that cannot be read fails with the Persian printer message, nothing half-printed."""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list = []
    print_file(owner, bad, printer, results.append, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert isinstance(results[0], PolError) and str(results[0]) == shared.PRINT_FAILED


def _has_ocr() -> bool:
    import shutil

    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))
