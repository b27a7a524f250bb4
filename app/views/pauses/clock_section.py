"""The pause section of a case: its clock's state, its pauses, and «توقف مهلت» / «ادامهٔ مهلت».

One widget serves the request detail pane (its actions are entries of the pane's «more actions»
menu) and the referral pane (two small buttons of its own). The clock comes with the request or
the referral the pane reads (no read of its own). Each action asks for the reason in a
ServiceDialog, which runs the service off the GUI thread; the change bus brings the case back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from app.services.core.context import Actor, can
from app.services.pauses.dto import ReferralClock, RequestClock
from app.views.formatting import plain_label
from app.views.pauses import words as w
from app.views.referrals.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from app.services.referrals.dto import ReferralDossier
    from app.services.registry import Services
    from app.services.requests.dto import RequestDetail
    from app.views.inbox.request_detail import RequestDetailPane

REQUEST, REFERRAL = "request", "referral"


class ClockSection(QWidget):
    """A case's stopped clock: state line, total days stopped, history; pause and resume."""

    def __init__(self, kind: str = REQUEST, with_buttons: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.case: tuple[int, int] | None = None  # (id, version) of the case shown
        self.clock: RequestClock | ReferralClock | None = None
        self.state = plain_label("")
        self.state.setObjectName("clockState")
        self.state.setWordWrap(True)
        self.history = QListWidget()
        self.history.setObjectName("clockHistory")
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.setMaximumHeight(80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.history)
        # The controls that pause and resume: menu entries (request pane) or buttons (referral).
        self.pause_controls: list[Any] = []
        self.resume_controls: list[Any] = []
        if with_buttons:
            # One above the other: side by side their labels made the section wider than the
            # referral pane at 1366×768, and the pane's far side (its state) was cut off.
            pause, resume = QPushButton(w.PAUSE_ACTION), QPushButton(w.RESUME_ACTION)
            pause.clicked.connect(self.pause)
            resume.clicked.connect(self.resume)
            layout.addWidget(pause)
            layout.addWidget(resume)
            self.add_controls(pause, resume)
        self._show(None)

    def add_controls(self, pause: Any, resume: Any) -> None:
        """Menu entries or buttons that pause and resume (enabled as the clock allows)."""
        self.pause_controls.append(pause)
        self.resume_controls.append(resume)
        self._enable()

    # --- DossierSection ---------------------------------------------------------------------

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""
        self.services, self.actor = services, actor
        permission = "request.write" if self.kind == REQUEST else "referral.write"
        for control in (*self.pause_controls, *self.resume_controls):
            control.setVisible(can(actor, permission))

    def show_request(self, detail: RequestDetail | None) -> None:
        """Show the request's own clock (None: nothing selected); read with the request."""
        self.case = (detail.id, detail.version) if detail is not None else None
        self._show(detail.clock if detail is not None else None)

    def show_referral(self, dossier: ReferralDossier | None) -> None:
        """Show a referral's clock (None: nothing selected); read with the dossier."""
        self.case = (dossier.id, dossier.version) if dossier is not None else None
        self._show(dossier.clock if dossier is not None else None)

    # --- showing ----------------------------------------------------------------------------

    def _show(self, clock: RequestClock | ReferralClock | None) -> None:
        if clock is not None and (self.case is None or clock.id != self.case[0]):
            return  # an answer for a case no longer shown
        self.clock = clock
        self.history.clear()
        if clock is None:
            self.state.setText("")
        elif clock.paused_since is not None:
            running = next(p for p in clock.pauses if p.running)
            self.state.setText(w.paused_since(clock.paused_since, running.paused_days))
        else:
            self.state.setText(w.RUNNING if clock.pauses else w.NEVER_PAUSED)
        if clock is not None:
            if clock.pauses:
                self.history.addItem(w.total(clock.paused_days))
            for p in clock.pauses:
                self.history.addItem(w.pause_line(p))
        self.history.setVisible(bool(clock and clock.pauses))
        self._enable()

    def _enable(self) -> None:
        clock = self.clock
        for control in self.pause_controls:
            control.setEnabled(bool(clock and clock.is_open and not clock.paused))
        for control in self.resume_controls:
            control.setEnabled(bool(clock and clock.paused))

    # --- actions ------------------------------------------------------------------------------

    def pause(self) -> None:
        """Ask why the clock stops, then stop it."""
        self._ask(w.PAUSE_TITLE, w.PAUSE_INTRO, w.PAUSE_LABEL, w.PAUSE_OK, resume=False)

    def resume(self) -> None:
        """Ask what arrived, then start the clock again."""
        self._ask(w.RESUME_TITLE, w.RESUME_INTRO, w.RESUME_LABEL, w.RESUME_OK, resume=True)

    def _ask(self, title: str, intro: str, label: str, ok: str, resume: bool) -> None:
        sv, actor, case = self.services, self.actor, self.case
        if sv is None or actor is None or case is None:
            return
        case_id, version = case
        if self.kind == REQUEST:
            call = sv.pauses.resume_request if resume else sv.pauses.pause_request
        else:
            call = sv.pauses.resume_referral if resume else sv.pauses.pause_referral
        dialog = ReasonDialog(title, intro, label, "reason", ok,
                              lambda text: call(actor, case_id, version, text), self,
                              placeholder="" if resume else w.PAUSE_PLACEHOLDER)
        dialog.setObjectName("clockDialog")
        dialog.exec()


def install(pane: RequestDetailPane) -> ClockSection:
    """Add the section and its two «more actions» entries to the request detail pane."""
    section = ClockSection(REQUEST)
    pane.add_section(w.SECTION_TITLE, section)
    section.add_controls(pane.add_more_action(w.PAUSE_ACTION, section.pause),
                         pane.add_more_action(w.RESUME_ACTION, section.resume))
    return section
