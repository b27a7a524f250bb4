"""The review pane's objection box: the citizen's objection, and the inspector's decision."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.services.core.context import Actor, can
from app.services.objections.dto import ObjectionInfo, RequestObjections
from app.services.registry import Services
from app.views import background
from app.views.formatting import plain_label
from app.views.framework import words as frame_words
from app.views.objections import words as w
from app.views.objections.objection_section import announce
from app.views.referrals.reason_dialog import ReasonDialog


class ObjectionBox(QGroupBox):
    """The request's newest objection; deciders uphold or reject it (each with a dialog)."""

    decided = Signal(object)  # the ObjectionInfo as decided

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(w.BOX_TITLE, parent)
        self.setObjectName("objectionBox")
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.request_id: int | None = None
        self.current: ObjectionInfo | None = None
        self.text = plain_label("")
        self.text.setWordWrap(True)
        self.uphold_button = QPushButton(w.UPHOLD)
        self.reject_button = QPushButton(w.REJECT)
        buttons = QHBoxLayout()
        buttons.addWidget(self.uphold_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.uphold_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.setVisible(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the user; only deciders see the buttons."""
        self.services, self.actor = services, actor
        for b in (self.uphold_button, self.reject_button):
            b.setVisible(can(actor, "objection.decide"))

    def show_for(self, request_id: int | None) -> None:
        """Show the newest objection of a request (None: hide the box)."""
        self.request_id, self.current = request_id, None
        self.setVisible(request_id is not None)
        self._enable()
        if request_id is None or self.services is None:
            return
        objections, actor = self.services.objections, self.actor
        background.run(lambda: objections.of_request(request_id, actor), on_done=self._show,
                       on_error=lambda exc: self.text.setText(frame_words.error_text(exc)),
                       owner=self)

    def _show(self, state: RequestObjections) -> None:
        if state.request_id != self.request_id:
            return
        self.current = state.items[0] if state.items else None
        self.text.setText(w.line(self.current) if self.current else w.NONE_YET)
        self._enable()

    def _enable(self) -> None:
        pending = self.current is not None and self.current.pending
        for b in (self.uphold_button, self.reject_button):
            b.setEnabled(pending)

    def decide(self, upheld: bool) -> None:
        """Ask for the note (required to reject) and record the decision."""
        o, sv, actor = self.current, self.services, self.actor
        if not (o and sv and actor):
            return
        if upheld:
            dialog = ReasonDialog(w.UPHOLD_TITLE, w.UPHOLD_INTRO, w.UPHOLD_NOTE, "note",
                                  w.UPHOLD_OK, lambda text: sv.objections.uphold(
                                      actor, o.id, o.version, text), self)
        else:
            dialog = ReasonDialog(w.REJECT_TITLE, w.REJECT_INTRO, w.REJECT_NOTE, "note",
                                  w.REJECT_OK, lambda text: sv.objections.reject(
                                      actor, o.id, o.version, text), self)
        dialog.changes = announce
        dialog.saved.connect(self._decided)
        dialog.exec()

    def _decided(self, info: ObjectionInfo) -> None:
        self.current = info
        self.text.setText(w.line(info))
        self._enable()
        self.decided.emit(info)
