"""Record an agency's answer to a referral and grade it; a conflict keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.models.enums import AnswerGrade
from app.services.core import jalali
from app.services.core.context import Actor
from app.services.referrals.dto import ReferralDossier
from app.views import background, formatting
from app.views.formatting import plain_label
from app.views.referrals import words as w
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.referrals.service import ReferralService
    from app.services.referrals.tracker import ReferralTracker


class AnswerDialog(ServiceDialog):
    """پاسخ دستگاه: text, date, the agency's letter number and the office's grade."""

    def __init__(self, referrals: ReferralService, tracker: ReferralTracker, actor: Actor,
                 dossier: ReferralDossier, parent: QWidget | None = None) -> None:
        super().__init__(w.ANSWER_TITLE.format(dossier.agency), w.ANSWER_OK, parent)
        self.referrals, self.tracker, self.actor, self.dossier = referrals, tracker, actor, dossier
        about = plain_label(w.about_referral(formatting.code(dossier.letter_no),
                                             formatting.date(dossier.letter_date),
                                             dossier.subject))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.text = PersianTextEdit()
        self.text.setPlaceholderText(w.ANSWER_PLACEHOLDER)
        self.text.setMinimumHeight(110)
        self.day = JalaliDateEdit()
        self.day.set_value(jalali.tehran_today())
        self.letter_no = QLineEdit()
        self.letter_no.setPlaceholderText(w.ANSWER_LETTER_PLACEHOLDER)
        self.adequate = QRadioButton(AnswerGrade.ADEQUATE.label)
        self.inadequate = QRadioButton(AnswerGrade.INADEQUATE.label + w.CHASE_GOES_ON)
        self.adequate.setChecked(True)
        self.grade_group = QButtonGroup(self)
        for b in (self.adequate, self.inadequate):
            self.grade_group.addButton(b)
        grades = QWidget()
        row = QHBoxLayout(grades)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.adequate)
        row.addWidget(self.inadequate)
        row.addStretch(1)
        self.add_field(w.ANSWER_TEXT, self.text, "response_text")
        self.add_field(w.ANSWER_DATE, self.day, "response_date")
        self.add_field(w.ANSWER_LETTER, self.letter_no, "response_letter_no")
        self.add_field(w.ANSWER_GRADE, grades, "grade")
        self.theirs = plain_label("")
        self.theirs.setWordWrap(True)
        self.theirs.setVisible(False)
        self.reload_button = QPushButton(w.RELOAD_FRESH)
        self.reload_button.setVisible(False)
        self.layout_.insertWidget(1, self.theirs)
        self.layout_.insertWidget(2, self.reload_button, alignment=Qt.AlignmentFlag.AlignLeading)
        self.reload_button.clicked.connect(self.reload)
        self.conflicted.connect(lambda _m: self.reload_button.setVisible(True))
        if dossier.response_text:
            self._show_theirs(dossier, w.EARLIER_ANSWER)

    def grade(self) -> str:
        """The chosen grade."""
        return AnswerGrade.INADEQUATE if self.inadequate.isChecked() else AnswerGrade.ADEQUATE

    def call(self) -> Callable[[], Any]:
        """Record the answer against the version the dialog was opened on."""
        d, actor, referrals = self.dossier, self.actor, self.referrals
        text, day, no, grade = (self.text.toPlainText(), self.day.value(), self.letter_no.text(),
                                self.grade())
        return lambda: referrals.record_response(actor, d.id, d.version, text, day, no, grade)

    def reload(self) -> None:
        """Fetch the referral as the other desktop left it; what was typed stays."""
        tracker, rid = self.tracker, self.dossier.id
        self.reload_button.setEnabled(False)
        background.run(lambda: tracker.dossier(rid), on_done=self._reloaded,
                       on_error=self._failed, owner=self)

    def _reloaded(self, dossier: ReferralDossier) -> None:
        self.dossier = dossier
        self.reload_button.setEnabled(True)
        self.reload_button.setVisible(False)
        self.general.setText(w.RELOADED)
        self._show_theirs(dossier, w.SAVED_ELSEWHERE if dossier.response_text else "")

    def _show_theirs(self, d: ReferralDossier, title: str) -> None:
        if not d.response_text:
            self.theirs.setVisible(False)
            return
        when = formatting.date(d.response_date) if d.response_date else ""
        self.theirs.setText(w.theirs(title, d.response_text, d.grade_label, when))
        self.theirs.setVisible(True)
