"""The draft of a reminder letter (نامهٔ پیگیری / تأکیدی): edit, copy, print, record it as sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
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
from app.views import background
from app.views import words as shared
from app.views.formatting import plain
from app.views.referrals import words as w
from app.views.referrals.follow_up_dialog import FollowUpDialog
from app.views.widgets.rtl_document import rtl_document
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.referrals.reminders import ReminderService
    from app.services.referrals.service import ReferralService

if TYPE_CHECKING:
    from app.services.referrals.reminders import ReminderService
    from app.services.referrals.service import ReferralService


def letter_document(text: str) -> QTextDocument:
    """The letter as a right-to-left text document, for printing."""
    return rtl_document(text=text)


class ReminderDialog(QDialog):
    """Shows the filled-in letter; the text may be edited before it is copied or printed."""

    follow_up_recorded = Signal(int)  # referral id

    def __init__(self, reminders: ReminderService, referrals: ReferralService, actor: Actor,
                 dossier: ReferralDossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(w.REMINDER_TITLE.format(dossier.agency))
        self.resize(680, 640)
        self.referrals, self.actor, self.dossier = referrals, actor, dossier
        self.letter: ReminderLetter | None = None
        self.status = plain(QLabel(w.DRAFTING))
        self.status.setWordWrap(True)
        self.text = PersianTextEdit()
        self.copy_button = QPushButton(w.COPY_TEXT)
        self.print_button = QPushButton(w.PRINT)
        self.record_button = QPushButton(w.RECORD_SENT)
        self.close_button = QPushButton(shared.CLOSE)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.print_button, self.record_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_text)
        self.print_button.clicked.connect(self.print_letter)
        self.record_button.clicked.connect(self.record_follow_up)
        self.close_button.clicked.connect(self.accept)
        self.record_button.setVisible(can(actor, "referral.write"))
        for b in (self.copy_button, self.print_button, self.record_button):
            b.setEnabled(False)
        rid = dossier.id
        background.run(lambda: reminders.draft(rid), on_done=self.show_letter,
                       on_error=self._failed, owner=self)

    def show_letter(self, letter: ReminderLetter) -> None:
        """Put the draft in the editor."""
        self.letter = letter
        kind = w.EMPHATIC if letter.emphatic else w.ROUTINE
        self.status.setText(w.draft_ready(kind))
        self.text.setPlainText(letter.text)
        for b in (self.copy_button, self.print_button, self.record_button):
            b.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(shared.error_text(exc))

    def copy_text(self) -> None:
        """Put the (edited) letter on the clipboard."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.status.setText(w.COPIED)

    def print_letter(self) -> None:
        """Print the (edited) letter on a printer the user chooses."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        letter_document(self.text.toPlainText()).print_(printer)
        self.status.setText(w.PRINTED)

    def record_follow_up(self) -> None:
        """Record the sent letter as a follow-up of the referral."""
        emphatic = self.letter is not None and self.letter.emphatic
        note = w.SENT_NOTE.format(w.EMPHATIC if emphatic else w.ROUTINE)
        dialog = FollowUpDialog(self.referrals, self.actor, self.dossier, self,
                                kind=FollowUpKind.LETTER, note=note)
        if dialog.exec():
            self.status.setText(w.SENT_RECORDED)
            self.record_button.setEnabled(False)
            self.follow_up_recorded.emit(self.dossier.id)
