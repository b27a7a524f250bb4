"""The refer dialog's letter (number, classification, priority, copies) and printing the letter
from the referral pane and the request's detail pane, through real widgets (pytest-qt)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.models import Referral
from app.models.enums import RequestStatus
from app.services.core import messages as msg
from app.services.core import reference
from app.services.requests.dto import InboxFilter
from app.views import background
from app.views.inbox.refer_dialog import ReferDialog
from app.views.inbox.request_detail import RequestDetailPane
from app.views.letters import words as lw
from app.views.referrals.referral_pane import ReferralPane
from tests.reports.test_pdf_text_layer import layer_lines
from tests.support.printing import choose_pdf_printer
from tests.support.waits import WAIT_MS

MARKS = re.compile("[\u200e\u200f\u2066-\u2069]")


def _new_request(services, skip: int = 0):  # noqa: ANN001, ANN202
    row = services.inbox.page(InboxFilter(statuses=[RequestStatus.NEW]), skip, 1).rows[0]
    return services.requests.get(row.id)


def _dialog(qtbot, services, actor, detail) -> ReferDialog:  # noqa: ANN001
    dialog = ReferDialog(services, actor, detail, reference.agencies(services.db), 15)
    qtbot.addWidget(dialog)
    return dialog


def _settle() -> None:
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()


def test_the_dialog_offers_the_next_number_and_the_letter_prints_with_it(
        qtbot, gui_services, operator, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """Shown: the next secretariat number and the office's copies; saved: the number assigned,
    the choices stored; printed from the referral pane: that very number on the paper."""
    detail = _new_request(gui_services)
    dialog = _dialog(qtbot, gui_services, operator, detail)
    dialog.show()
    qtbot.waitUntil(lambda: "3/ص/1405-1" in MARKS.sub("", dialog.next_number.text()),
                    timeout=WAIT_MS)
    assert dialog.auto_number.isChecked() and not dialog.hand_number.isChecked()
    from app.services.core import jalali

    dialog.letter_date.set_value(jalali.parse_jalali_date("1404/12/25"))  # last year's series
    qtbot.waitUntil(lambda: "3/ص/1404-1" in MARKS.sub("", dialog.next_number.text()),
                    timeout=WAIT_MS)
    dialog.letter_date.set_value(jalali.tehran_today())
    qtbot.waitUntil(lambda: "3/ص/1405-1" in MARKS.sub("", dialog.next_number.text()),
                    timeout=WAIT_MS)
    assert "بایگانی دفتر" in dialog.copies.toPlainText()  # the office's default copies
    dialog.grab().save(str(tmp_path / "refer-dialog.png"))
    dialog.classification.setCurrentIndex(dialog.classification.findData("confidential"))
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    dialog.copies.setPlainText("فرمانداری مراغه جهت اطلاع\nبایگانی دفتر")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.submit()
    made = dialog.result_referral
    assert made is not None and made.letter_no == "3/ص/1405-1"
    with gui_services.db.read() as s:
        ref = s.get(Referral, made.id)
        assert (ref.classification, ref.priority, ref.copies) == (
            "confidential", "urgent", "فرمانداری مراغه جهت اطلاع\nبایگانی دفتر")
    assert gui_services.letters.next_number() == "3/ص/1405-2"

    pane = ReferralPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    pane.load(made.id)
    qtbot.waitUntil(lambda: pane.dossier is not None, timeout=WAIT_MS)
    assert pane.buttons["letter"].isEnabled()
    out = tmp_path / "printed.pdf"
    seen = choose_pdf_printer(monkeypatch, out)
    pane.buttons["letter"].click()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=WAIT_MS)
    _settle()
    assert seen.opened == 1
    lines = layer_lines(out)
    assert "شماره: 3/ص/1405-1" in lines and "طبقه‌بندی: محرمانه" in lines
    assert "- فرمانداری مراغه جهت اطلاع" in lines and "بسمه تعالی" in lines


def test_a_number_given_by_hand_and_printing_from_the_detail_pane(
        qtbot, gui_services, operator, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """Choosing «by hand» with no number is refused inline; a typed number is stored as typed,
    takes no counter number, and the detail pane's «چاپ نامهٔ ارجاع» prints it."""
    detail = _new_request(gui_services)
    dialog = _dialog(qtbot, gui_services, operator, detail)
    dialog.hand_number.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.errors.labels["letter_no"].text()), timeout=WAIT_MS)
    assert dialog.errors.labels["letter_no"].text() == msg.LETTER_NO_REQUIRED
    dialog.letter_no.setText("۷۷/۸۸۹")
    assert dialog.hand_number.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.submit()
    assert dialog.result_referral.letter_no == "77/889"
    assert gui_services.letters.next_number() == "3/ص/1405-1"  # no counter number used

    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    pane.show_dossier(gui_services.requests.dossier(detail.id))
    action = next(a for a in pane.more_menu.actions() if a.text() == lw.PRINT_REFERRAL_LETTER)
    assert action.isEnabled()
    out = tmp_path / "from-detail.pdf"
    choose_pdf_printer(monkeypatch, out)
    action.trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=WAIT_MS)
    _settle()
    assert "شماره: 77/889" in layer_lines(out)


def test_a_request_without_referral_has_no_letter_to_print(
        qtbot, gui_services, operator, monkeypatch) -> None:  # noqa: ANN001
    """The detail pane's action says so in Persian instead of printing nothing."""
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text, *a: said.append(str(text)))
    detail = _new_request(gui_services)
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    pane.show_dossier(gui_services.requests.dossier(detail.id))
    next(a for a in pane.more_menu.actions() if a.text() == lw.PRINT_REFERRAL_LETTER).trigger()
    assert said and lw.NO_REFERRAL in said[0]


def test_the_office_sets_its_pattern_and_a_bad_one_is_refused_on_screen(
        qtbot, gui_services, tmp_path: Path) -> None:  # noqa: ANN001
    """«تنظیمات دفتر»: a pattern without {شماره} gets its Persian message under the field; a good
    one is stored and numbers the next letter."""
    from app.models.enums import Role
    from app.services.core.context import SYSTEM
    from app.services.core.users import actor_of
    from app.services.letters import numbering
    from app.views.admin.office_settings_dialog import OfficeSettingsDialog

    admin = actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))
    d = OfficeSettingsDialog(gui_services.office, admin)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.ok_button.isEnabled(), timeout=WAIT_MS)
    field = d.fields[numbering.PATTERN_KEY]
    assert field.text() == "3/ص/{سال}-{شماره}"
    d.grab().save(str(tmp_path / "office-settings.png"))
    field.setText("۳/ص/{سال}")
    d.ok_button.click()
    label = d.errors.labels[numbering.PATTERN_KEY]
    qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
    assert label.text() == msg.LETTER_PATTERN_NO_NUMBER
    field.setText("۱۲/د/{سال}-{شماره}")
    d.fields["letter_signatory_name"].setText("محمدرضا کریمی")
    with qtbot.waitSignal(d.saved, timeout=WAIT_MS):
        d.ok_button.click()
    assert gui_services.letters.next_number() == "12/د/1405-1"


def test_a_reminder_takes_its_number_on_first_print_and_keeps_it(
        qtbot, gui_services, operator, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """The reminder dialog: the first print numbers the letter (the draft's «شماره:» line is
    filled in); saving afterwards prints the same number; the counter moved once."""
    from PySide6.QtWidgets import QFileDialog

    from app.services.referrals.dto import TrackerFilter
    from app.views.referrals import words as rw
    from app.views.referrals.reminder_dialog import ReminderDialog

    row = gui_services.tracker.page(TrackerFilter(overdue_only=True), 0, 1).rows[0]
    dialog = ReminderDialog(gui_services.reminders, gui_services.referrals, operator,
                            gui_services.tracker.dossier(row.id))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letter is not None, timeout=WAIT_MS)
    assert "نخستین چاپ" in dialog.status.text()  # it says when the number will be taken
    printed = tmp_path / "printed.pdf"
    choose_pdf_printer(monkeypatch, printed)
    dialog.print_letter()
    qtbot.waitUntil(lambda: dialog.status.text() == rw.PRINTED, timeout=WAIT_MS)
    assert dialog.letter_no == "3/ص/1405-1"
    assert "شماره: 3/ص/1405-1" in dialog.text.toPlainText()
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), "PDF"))
    dialog.save_pdf()
    qtbot.waitUntil(lambda: saved.exists() and dialog.save_button.isEnabled(), timeout=WAIT_MS)
    _settle()
    for pdf in (printed, saved):
        lines = layer_lines(pdf)
        assert "شماره: 3/ص/1405-1" in lines and "بسمه تعالی" in lines
        assert lines.count("بسمه تعالی") == 1
    assert gui_services.letters.next_number() == "3/ص/1405-2"


def test_a_request_referred_twice_asks_which_letter(
        qtbot, gui_services, operator, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """Two referrals: the user picks one from a list (newest first) and that letter prints."""
    from PySide6.QtWidgets import QInputDialog

    from app.services.core import jalali
    from app.services.letters.dto import LetterFields
    from tests.support.helpers import agency_id

    detail = _new_request(gui_services)
    first = gui_services.referrals.refer(operator, detail.id, detail.version,
                                         agency_id(gui_services), "", jalali.tehran_today(),
                                         letter=LetterFields())
    detail = gui_services.requests.get(detail.id)
    gui_services.referrals.refer(operator, detail.id, detail.version,
                                 agency_id(gui_services, "شرکت گاز"), "", jalali.tehran_today(),
                                 letter=LetterFields())
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_a):  # noqa: ANN001, ANN202
        offered.append(list(items))
        return items[1], True  # the older one: the first referral

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    pane = RequestDetailPane()
    qtbot.addWidget(pane)
    pane.set_context(gui_services, operator)
    pane.show_dossier(gui_services.requests.dossier(detail.id))
    out = tmp_path / "chosen.pdf"
    choose_pdf_printer(monkeypatch, out)
    next(a for a in pane.more_menu.actions() if a.text() == lw.PRINT_REFERRAL_LETTER).trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=WAIT_MS)
    _settle()
    assert len(offered[0]) == 2 and "شرکت گاز" in offered[0][0]
    assert f"شماره: {first.letter_no}" in layer_lines(out)
