"""One referral: its letter, deadline, answer, follow-ups and extensions, and the actions on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.attachments.dto import REFERRAL as ATTACHED_TO_REFERRAL
from app.services.attachments.dto import Owner
from app.services.core.context import Actor, can
from app.services.referrals.dto import ReferralDossier
from app.services.registry import Services
from app.views import background, formatting
from app.views.attachments import words as attachment_words
from app.views.attachments.attachments_box import AttachmentsBox
from app.views.formatting import plain_label
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.letters import words as letter_words
from app.views.letters.printing import print_referral_letter
from app.views.pauses import words as pause_words
from app.views.pauses.clock_section import REFERRAL, ClockSection
from app.views.referrals import words as w
from app.views.referrals.answer_dialog import AnswerDialog
from app.views.referrals.extension_dialog import ExtensionDialog
from app.views.referrals.follow_up_dialog import FollowUpDialog
from app.views.referrals.reason_dialog import ReasonDialog
from app.views.referrals.reminder_dialog import ReminderDialog

if TYPE_CHECKING:
    from app.services.referrals.tracker import ReferralTracker


def deadline_text(d: ReferralDossier) -> str:
    """The deadline with how much time is left (or how late it is)."""
    text = formatting.date(d.deadline)
    n = d.working_days
    if n is None:
        return text
    if d.paused_since is not None:  # the clock stands still: the days left when it stopped
        return f"{text} ({pause_words.paused_deadline(n)})"
    if d.is_open:
        if n > 0:
            return f"{text} ({w.days_left(n)})"
        return f"{text} ({w.DEADLINE_TODAY})" if n == 0 else f"{text} ({w.days_late(-n)})"
    return f"{text} ({w.ANSWERED_IN_TIME})" if n == 0 else f"{text} ({w.answered_late(n)})"


class ReferralPane(QWidget):
    """Shows the selected referral and forwards the user's actions to the services."""

    referral_changed = Signal(object)  # a referral was saved: the service's result
    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.dossier: ReferralDossier | None = None
        self.code = plain_label("")
        self.code.setObjectName("trackingCode")
        self.status = plain_label("")
        # A long state («در انتظار پاسخ — خارج از مهلت») wraps inside the narrow pane instead
        # of widening it past the scroll area's edge (where the text was cut off), and stays at
        # the header's far end, where a short one stands.
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in w.FIELDS:
            self.fields[key] = plain_label("")
            self.fields[key].setWordWrap(True)
            form.addRow(label + ":", self.fields[key])
        self.events = QListWidget()
        self.events.setMaximumHeight(120)
        self.events.setWordWrap(True)
        self.buttons = {key: QPushButton(text) for key, text in w.BUTTONS}
        self.buttons["letter"] = QPushButton(letter_words.PRINT_REFERRAL_LETTER)  # issue 13 §6
        actions = QGridLayout()
        for i, b in enumerate(self.buttons.values()):
            actions.addWidget(b, i // 2, i % 2)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addWidget(self.status, 1)
        layout.addLayout(head)
        layout.addLayout(form)
        box = QGroupBox(w.EVENTS_TITLE)
        QVBoxLayout(box).addWidget(self.events)
        layout.addWidget(box)
        self.clock = ClockSection(REFERRAL, with_buttons=True)  # issue 13 part 5
        clock_box = QGroupBox(pause_words.SECTION_TITLE)
        QVBoxLayout(clock_box).addWidget(self.clock)
        layout.addWidget(clock_box)
        # The agency's answer letter and other files (issue 13 §4); drop them anywhere here.
        self.attachments = AttachmentsBox()
        self.attachments.accept_drops_on(self)
        files = QGroupBox(attachment_words.REFERRAL_TITLE)
        QVBoxLayout(files).addWidget(self.attachments)
        layout.addWidget(files)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(actions)  # outside the scroll area: always in reach
        self.buttons["answer"].clicked.connect(self.record_answer)
        self.buttons["follow_up"].clicked.connect(self.add_follow_up)
        self.buttons["extend"].clicked.connect(self.extend)
        self.buttons["reminder"].clicked.connect(self.reminder)
        self.buttons["escalate"].clicked.connect(self.escalate)
        self.buttons["withdraw"].clicked.connect(self.withdraw)
        self.buttons["letter"].clicked.connect(self.print_letter)
        self.show_dossier(None)
        bus().referrals_changed.connect(self._changed)

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user; read-only roles see no action buttons."""
        self.services, self.actor = services, actor
        self.clock.set_context(services, actor)
        for b in self.buttons.values():
            b.setVisible(can(actor, "referral.write"))
        self.attachments.set_context(services, actor)
        self.show_dossier(None)

    def _tracker(self) -> ReferralTracker:
        assert self.services is not None
        return self.services.tracker

    # --- showing ----------------------------------------------------------------------------

    def load(self, referral_id: int) -> None:
        """Read the referral off the GUI thread and show it."""
        if self.services is None:
            return
        tracker, actor = self._tracker(), self.actor
        background.run(lambda: tracker.dossier(referral_id, actor), on_done=self.show_dossier,
                       on_error=self._failed, owner=self)

    def show_dossier(self, d: ReferralDossier | None) -> None:
        """Fill the fields and enable what may be done (or empty everything)."""
        self.dossier = d
        self.clock.show_referral(d)
        self.events.clear()
        self.attachments.show_owner(Owner(ATTACHED_TO_REFERRAL, d.id) if d is not None else None)
        if d is None:
            self.code.setText(w.NOTHING_SELECTED)
            self.status.setText("")
            for label in self.fields.values():
                label.setText("")
            for b in self.buttons.values():
                b.setEnabled(False)
            return
        self.code.setText(formatting.tracking_code(d.tracking_code))
        self.status.setText(d.status_label + (w.OVERDUE_MARK if d.overdue else ""))
        letter = w.letter(formatting.code(d.letter_no),
                          formatting.date(d.letter_date)) + (w.BY_DIRECTIVE if d.directive
                                                                  else "")
        answer = w.NO_ANSWER_YET
        if d.response_text:
            answer = w.answer(d.response_text, d.grade_label,
                              formatting.date(d.response_date) if d.response_date else "",
                              formatting.code(d.response_letter_no)
                              if d.response_letter_no else "")
        other = []
        if d.withdrawn_reason:
            other.append(w.WITHDRAWN_REASON.format(d.withdrawn_reason))
        if d.escalated:
            when = formatting.date_time(d.escalated_at) if d.escalated_at else ""
            other.append(w.ESCALATED_NOTE.format(when, d.escalation_note))
        values = {
            "subject": d.subject, "citizen": d.citizen or "—", "county": d.county or "—",
            "received": formatting.date_time(d.received_at), "agency": d.agency,
            "letter": letter, "deadline": deadline_text(d),
            "extensions": w.extensions(d.extensions, d.max_extensions),
            "answer": answer, "other": "\n".join(other) or "—",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        for e in reversed(d.events):
            extra = w.extra_days(e.extra_days) if e.kind == "extension" else ""
            note = f": {e.note}" if e.note else ""
            self.events.addItem(f"{formatting.date(e.day)} — {e.kind_label}{extra}{note}"
                                f" ({e.username})")
        if not d.events:
            self.events.addItem(w.NO_EVENTS_YET)
        self.buttons["answer"].setEnabled(d.status != "withdrawn")
        self.buttons["follow_up"].setEnabled(d.is_open)
        self.buttons["extend"].setEnabled(d.can_extend)
        self.buttons["reminder"].setEnabled(d.is_open)
        self.buttons["escalate"].setEnabled(not d.escalated and d.status != "withdrawn")
        self.buttons["withdraw"].setEnabled(d.is_open)
        self.buttons["letter"].setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        message = frame_words.error_text(exc)
        self.status.setText(message)
        self.action_failed.emit(message)

    # --- actions ------------------------------------------------------------------------------

    def _after(self, dialog: QDialog) -> None:
        """Run a dialog; the change bus brings the saved referral back (see `_changed`)."""
        if dialog.exec():
            self.referral_changed.emit(getattr(dialog, "result_value", None))

    def _changed(self, ids: list[int]) -> None:
        """A referral changed (here or on another page): show the shown one afresh."""
        if self.dossier is not None and self.dossier.id in ids:
            self.load(self.dossier.id)

    def record_answer(self) -> None:
        """Open the answer dialog."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            self._after(AnswerDialog(sv.referrals, self._tracker(), actor, d, self))

    def add_follow_up(self) -> None:
        """Open the follow-up dialog."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            self._after(FollowUpDialog(sv.referrals, actor, d, self))

    def extend(self) -> None:
        """Open the extension dialog."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            self._after(ExtensionDialog(sv.referrals, actor, d, self))

    def withdraw(self) -> None:
        """Ask for the reason and withdraw the referral."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            referrals = sv.referrals
            self._after(ReasonDialog(
                w.WITHDRAW_TITLE, w.WITHDRAW_INTRO.format(d.agency), w.WITHDRAW_LABEL, "reason",
                w.WITHDRAW_OK,
                lambda text: referrals.withdraw(actor, d.id, d.version, text), self))

    def escalate(self) -> None:
        """Ask for a note and escalate the referral to the inspection directorate."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            referrals = sv.referrals
            self._after(ReasonDialog(
                w.ESCALATE_TITLE, w.ESCALATE_INTRO, w.ESCALATE_LABEL, "note", w.ESCALATE_OK,
                lambda text: referrals.escalate(actor, d.id, d.version, text), self,
                placeholder=w.ESCALATE_PLACEHOLDER))

    def print_letter(self) -> None:
        """Print the referral's official letter (its number as stored)."""
        d, sv = self.dossier, self.services
        if d and sv:
            print_referral_letter(self, sv, self.actor, d.id, d.tracking_code,
                                  lambda _pages: None,
                                  lambda exc: self._failed(exc))

    def reminder(self) -> None:
        """Open the reminder letter's draft."""
        d, sv, actor = self.dossier, self.services, self.actor
        if d and sv and actor:
            reminders = sv.reminders
            dialog = ReminderDialog(reminders, sv.referrals, actor, d, self)
            dialog.exec()
