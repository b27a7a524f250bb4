"""The draft of a reminder letter (نامهٔ پیگیری / تأکیدی): edit, copy, print or save, record it as sent.

Printing and saving go through the same PDF (the services write it off the GUI thread): the
paper, the saved file and a PDF printer's file are one document whose text can be searched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import FollowUpKind
from app.services.core.context import Actor, can
from app.services.referrals.dto import ReferralDossier, ReminderLetter
from app.services.reports.pdf.dto import LETTER_PAGE
from app.views import background, file_dialogs, formatting
from app.views import words as shared
from app.views.formatting import plain
from app.views.letters import words as lw
from app.views.referrals import words as w
from app.views.referrals.follow_up_dialog import FollowUpDialog
from app.views.reports.printing import choose_printer, print_document
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.referrals.reminders import ReminderService
    from app.services.referrals.service import ReferralService


class ReminderDialog(QDialog):
    """Shows the filled-in letter; the text may be edited before it is copied or printed."""

    follow_up_recorded = Signal(int)  # referral id

    def __init__(self, reminders: ReminderService, referrals: ReferralService, actor: Actor,
                 dossier: ReferralDossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(w.REMINDER_TITLE.format(dossier.agency))
        self.resize(680, 640)
        self.reminders = reminders  # drafts the letter and writes its PDF
        self.referrals, self.actor, self.dossier = referrals, actor, dossier
        self.letter: ReminderLetter | None = None
        self.letter_no: str | None = None  # the secretariat's number, once taken
        self._text_now = ""  # the text being written as a PDF
        self.status = plain(QLabel(w.DRAFTING))
        self.status.setWordWrap(True)
        self.text = PersianTextEdit()
        self.copy_button = QPushButton(w.COPY_TEXT)
        self.print_button = QPushButton(w.PRINT)
        self.save_button = QPushButton(w.SAVE_PDF)
        self.record_button = QPushButton(w.RECORD_SENT)
        self.close_button = QPushButton(shared.CLOSE)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.print_button, self.save_button, self.record_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_text)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_pdf)
        self.record_button.clicked.connect(self.record_follow_up)
        self.close_button.clicked.connect(self.accept)
        self.record_button.setVisible(can(actor, "referral.write"))
        for b in (self.copy_button, self.print_button, self.save_button, self.record_button):
            b.setEnabled(False)
        rid = dossier.id
        background.run(lambda: reminders.draft(rid), on_done=self.show_letter,
                       on_error=self._failed, owner=self)

    def show_letter(self, letter: ReminderLetter) -> None:
        """Put the draft in the editor."""
        self.letter = letter
        kind = w.EMPHATIC if letter.emphatic else w.ROUTINE
        self.status.setText(lw.REMINDER_DRAFT_READY.format(kind))
        self.text.setPlainText(letter.text)
        for b in (self.copy_button, self.print_button, self.save_button, self.record_button):
            b.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(shared.error_text(exc))

    def copy_text(self) -> None:
        """Put the (edited) letter on the clipboard."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(w.COPIED)

    def file_name(self) -> str:
        """The name a saved letter is offered under: «name-peygiri-<tracking code>.pdf»."""
        return f"name-peygiri-{self.dossier.tracking_code}.pdf"

    def _numbered(self, then: Callable[[], None]) -> None:
        """Run `then` once the letter has its number: taken from the secretariat's counter on
        the first print or save (by a user who may write referrals), kept for the next ones."""
        if self.letter_no is not None or not can(self.actor, "referral.write"):
            then()
            return
        reminders, actor, rid = self.reminders, self.actor, self.dossier.id

        def numbered(letter_no: str) -> None:
            self.letter_no = letter_no
            self.text.setPlainText(self.reminders.with_number(self.text.toPlainText(),
                                                              letter_no))
            then()

        background.run(lambda: reminders.issue_number(actor, rid), on_done=numbered,
                       on_error=self._pdf_failed, owner=self)

    def _write(self, path: Path) -> int:
        """Write the letter as it stands on the letterhead (on a worker thread)."""
        return self.reminders.write_official_pdf(self.dossier.id, self._text_now, self.letter_no,
                                                 path, self.actor)

    def print_letter(self) -> None:
        """Print the (edited) letter on a printer the user chooses; numbered on first print."""
        printer = choose_printer(self, LETTER_PAGE, self.file_name())
        if printer is None:
            return
        self._pdf_started()

        def go() -> None:
            self._text_now = self.text.toPlainText()
            print_document(self, printer, self._write, lambda _pages: self._pdf_done(w.PRINTED),
                           self._pdf_failed)

        self._numbered(go)

    def save_pdf(self) -> None:
        """Save the (edited) letter as a PDF where the user chooses (written off the GUI thread)."""
        target = file_dialogs.save_file(self, w.SAVE_PDF_TITLE, file_dialogs.LETTERS,
                                        self.file_name(), "PDF (*.pdf)")
        if not target:
            return
        self._pdf_started()

        def go() -> None:
            self._text_now = self.text.toPlainText()
            background.run(lambda: self._write(Path(target)),
                           on_done=lambda _pages: self._pdf_done(
                               w.letter_saved(formatting.path(target))),
                           on_error=self._pdf_failed, owner=self)

        self._numbered(go)

    def _pdf_started(self) -> None:
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(w.PRINTING)

    def _pdf_done(self, message: str) -> None:
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.setText(message)

    def _pdf_failed(self, exc: Exception) -> None:
        self._pdf_done(shared.error_text(exc))

    def record_follow_up(self) -> None:
        """Record the sent letter as a follow-up of the referral."""
        emphatic = self.letter is not None and self.letter.emphatic
        kind = w.EMPHATIC if emphatic else w.ROUTINE
        note = (lw.REMINDER_SENT_NOTE.format(kind, self.letter_no) if self.letter_no
                else w.SENT_NOTE.format(kind))
        dialog = FollowUpDialog(self.referrals, self.actor, self.dossier, self,
                                kind=FollowUpKind.LETTER, note=note)
        if dialog.exec():
            self.status.setText(w.SENT_RECORDED)
            self.record_button.setEnabled(False)
            self.follow_up_recorded.emit(self.dossier.id)
