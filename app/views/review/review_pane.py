"""One item under review: the whole history, read-only, and the inspector's note and verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.review import ReviewReason, ReviewVerdict
from app.services.core import jalali
from app.services.core.context import Actor, can
from app.services.referrals.dto import ReferralDossier, ReviewDossier, ReviewInfo
from app.services.registry import Services
from app.views import background, formatting
from app.views.formatting import plain_label
from app.views.framework import words as frame_words
from app.views.review import words as w
from app.views.review.objection_box import ObjectionBox
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.review.service import ReviewService


def referral_text(r: ReferralDossier) -> str:
    """Several lines about one referral: letter, deadline, answer, chase."""
    lines = [w.referral_first_line(r.agency, formatting.code(r.letter_no),
                                   formatting.date(r.letter_date),
                                   formatting.date(r.deadline), r.status_label, r.overdue)]
    if r.response_text:
        when = formatting.date(r.response_date) if r.response_date else ""
        lines.append(w.referral_answer(r.grade_label, when, r.response_text))
    lines.append(w.referral_chase(r.follow_ups, r.extensions,
                                  r.escalation_note if r.escalated else "", r.withdrawn_reason))
    return "\n".join(lines)


def review_text(rv: ReviewInfo) -> str:
    """One recorded review."""
    return (f"{formatting.date_time(rv.created_at)} — {rv.reviewer} "
            f"({rv.reason_label}): {rv.verdict_label} — {rv.note}")


class ReviewPane(QWidget):
    """Shows a request's dossier; inspectors add a review, nothing else."""

    review_recorded = Signal(object)  # the ReviewInfo stored
    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.dossier: ReviewDossier | None = None
        self.target: tuple[int, int | None, str] | None = None  # request, referral, reason
        self.code = plain_label("")
        self.state = plain_label("")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in w.FIELDS:
            self.fields[key] = plain_label("")
            self.fields[key].setWordWrap(True)
            form.addRow(label + ":", self.fields[key])
        self.referrals = QListWidget()
        self.referrals.setWordWrap(True)
        self.referrals.setMaximumHeight(130)
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setMinimumHeight(150)
        self.reviews = QListWidget()
        self.reviews.setWordWrap(True)
        self.reviews.setMaximumHeight(90)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addStretch(1)
        head.addWidget(self.state)
        layout.addLayout(head)
        layout.addLayout(form)
        for title, widget in ((w.BOX_REFERRALS, self.referrals), (w.BOX_TIMELINE, self.timeline),
                              (w.BOX_REVIEWS, self.reviews)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            layout.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        # The review form: the only thing an inspector writes.
        self.errors = FieldErrors()
        self.about = plain_label("")
        self.verdict = QComboBox()
        self.verdict.addItem(w.CHOOSE, None)
        for v in ReviewVerdict:
            self.verdict.addItem(v.label, v.value)
        self.verdict.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.note = PersianTextEdit()
        self.note.setPlaceholderText(w.NOTE_PLACEHOLDER)
        self.note.setMaximumHeight(80)
        self.save_button = QPushButton(w.SAVE_REVIEW)
        self.message = plain_label("")
        self.message.setWordWrap(True)
        self.form_box = QGroupBox(w.REVIEW_BOX)
        box_layout = QVBoxLayout(self.form_box)
        box_layout.setSpacing(4)
        self.about.setWordWrap(True)
        box_layout.addWidget(self.about)
        line = QHBoxLayout()
        line.addWidget(QLabel(w.VERDICT))
        line.addWidget(self.verdict)
        line.addStretch(1)
        box_layout.addLayout(line)
        box_layout.addWidget(self.errors.label_for("verdict", self.verdict))
        box_layout.addWidget(self.note)
        box_layout.addWidget(self.errors.label_for("note", self.note))
        box_layout.addWidget(self.message)
        box_layout.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        self.objection_box = ObjectionBox()  # the «اعتراض» queue's decision (issue 13)
        outer.addWidget(self.objection_box)
        outer.addWidget(self.form_box)
        self.save_button.clicked.connect(self.save_review)
        self.show_dossier(None)

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the user; only roles that may review see the form."""
        self.services, self.actor = services, actor
        self.form_box.setVisible(can(actor, "review.write"))
        self.objection_box.set_context(services, actor)

    def _service(self) -> ReviewService:
        assert self.services is not None
        return self.services.reviews

    # --- showing ----------------------------------------------------------------------------

    def load(self, request_id: int, referral_id: int | None, reason: str) -> None:
        """Read the item's dossier off the GUI thread."""
        if self.services is None:
            return
        if self.target is None or self.target[:2] != (request_id, referral_id):
            self.note.clear()  # a new item; the same item keeps what was being typed
            self.verdict.setCurrentIndex(0)
        self.target = (request_id, referral_id, reason)
        objection = reason == ReviewReason.OBJECTION  # decided in its own box, not reviewed
        self.objection_box.show_for(request_id if objection else None)
        self.form_box.setVisible(not objection and can(self.actor, "review.write"))
        service = self._service()
        background.run(lambda: service.dossier(request_id), on_done=self.show_dossier,
                       on_error=self._failed, owner=self)

    def show_dossier(self, d: ReviewDossier | None) -> None:
        """Fill every list (or empty them)."""
        self.dossier = d
        for lst in (self.referrals, self.timeline, self.reviews):
            lst.clear()
        self.save_button.setEnabled(d is not None)
        self.errors.clear()
        if d is None:
            self.code.setText(w.NOTHING_SELECTED)
            self.state.setText("")
            self.about.setText("")
            for label in self.fields.values():
                label.setText("")
            return
        r = d.request
        self.code.setText(formatting.tracking_code(r.tracking_code))
        self.state.setText(r.status_label + (w.OVERDUE_MARK if r.overdue else ""))
        values = {
            "subject": r.subject, "citizen": r.citizen.full_name if r.citizen else "—",
            "county": r.county or "—", "received": formatting.date_time(r.received_at),
            "agency": r.agency or "—",
            "answer": "\n".join(t for t in (r.answer_text, r.actions_taken) if t) or "—",
            "satisfaction": w.satisfaction(r.satisfaction) if r.satisfaction else w.NOT_RECORDED,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        for ref in d.referrals:
            self.referrals.addItem(referral_text(ref))
        if not d.referrals:
            self.referrals.addItem(w.NOT_REFERRED)
        for t in reversed(d.timeline):
            note = f" — {t.note}" if t.note else ""
            when = (formatting.date(jalali.to_tehran(t.at).date()) if t.day_only
                    else formatting.date_time(t.at))
            who = f" — {t.username}" if t.username else ""
            self.timeline.addItem(f"{when}{who}: {t.what}، {t.action}{note}")
        for rv in reversed(d.reviews):
            self.reviews.addItem(review_text(rv))
        if not d.reviews:
            self.reviews.addItem(w.NOT_REVIEWED)
        about = w.ABOUT_REQUEST
        if self.target and self.target[1] is not None:
            agency = next((x.agency for x in d.referrals if x.id == self.target[1]), "")
            about = w.ABOUT_REFERRAL.format(agency)
        self.about.setText(about)

    def _failed(self, exc: Exception) -> None:
        message = frame_words.error_text(exc)
        self.message.setText(message)
        self.action_failed.emit(message)

    # --- the review -----------------------------------------------------------------------

    def save_review(self) -> None:
        """Store the note and verdict; what was typed stays if the service refuses it."""
        if self.services is None or self.actor is None or self.target is None:
            return
        request_id, referral_id, reason = self.target
        verdict, note, actor, service = (self.verdict.currentData() or "",
                                         self.note.toPlainText(), self.actor, self._service())
        self.save_button.setEnabled(False)
        self.message.setText("")
        background.write(self, lambda: service.record(actor, request_id, referral_id, reason,
                                                      verdict, note),
                         on_done=self._saved, on_error=self._save_failed)

    def _saved(self, info: ReviewInfo) -> None:
        self.save_button.setEnabled(True)
        self.note.clear()
        self.verdict.setCurrentIndex(0)
        self.errors.clear()
        self.message.setText(w.SAVED.format(info.verdict_label))
        self.review_recorded.emit(info)
        self.load(info.request_id, info.referral_id, info.reason)

    def _save_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.message.setText("؛ ".join(self.errors.show(exc.errors)))
        else:
            self._failed(exc)
