"""The detail pane: the whole request, the citizen's earlier requests, history and actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError
from app.models.enums import RequestStatus
from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import RequestDetail
from app.views import background, formatting
from app.views.formatting import literal_html, plain_label
from app.views.framework import lookups
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.inbox import dossier_sections
from app.views.inbox import words as w
from app.views.inbox.close_dialog import CloseDialog
from app.views.inbox.refer_dialog import ReferDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.core.reference import RefItem
    from app.services.requests.service import RequestDossier
    from app.views.inbox.dossier_sections import DossierSection


class RequestDetailPane(QWidget):
    """Shows one request and forwards the user's actions to the services."""

    request_changed = Signal(int)  # a request was saved; the inbox refreshes its row
    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.detail: RequestDetail | None = None
        self.agencies: list[RefItem] | None = None
        self.default_days: int | None = None
        self.code = plain_label("")
        self.code.setObjectName("trackingCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = plain_label("")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in w.FIELDS:
            self.fields[key] = plain_label("")
            self.fields[key].setWordWrap(True)
            form.addRow(label + ":", self.fields[key])
        self.body = PersianTextEdit()
        self.body.setReadOnly(True)
        self.body.setMaximumHeight(110)
        self.answer = PersianTextEdit()
        self.answer.setPlaceholderText(w.ANSWER_PLACEHOLDER)
        self.answer.setMaximumHeight(90)
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(90)
        self.history = QListWidget()
        self.history.setMaximumHeight(130)
        # A referral line is long (agency, letter, deadline, state): wrap it, never scroll sideways.
        self.referrals = QListWidget()
        self.referrals.setWordWrap(True)
        self.referrals.setResizeMode(QListView.ResizeMode.Adjust)
        self.referrals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.referrals.setMaximumHeight(110)
        for lst in (self.earlier, self.history):
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.buttons = {key: QPushButton(text) for key, text in w.BUTTONS}
        actions = QGridLayout()
        for i, b in enumerate(self.buttons.values()):
            actions.addWidget(b, i // 2, i % 2)
        # Less frequent actions live in one menu so the grid stays short on a 768-pixel screen.
        self.more_menu = QMenu(self)
        self.more = QToolButton()
        self.more.setText(w.MORE_ACTIONS)
        self.more.setObjectName("moreActions")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(self.more_menu)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more.setSizePolicy(self.buttons["assign"].sizePolicy())
        self.more.hide()  # shown once a section adds an action
        actions.addWidget(self.more, (len(self.buttons) + 1) // 2, 0, 1, 2)
        self.sections: list[DossierSection] = []
        inner = QWidget()
        layout = QVBoxLayout(inner)
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addStretch(1)
        head.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(QLabel(w.BODY))
        layout.addWidget(self.body)
        layout.addWidget(self._group(w.EARLIER, self.earlier))
        layout.addWidget(self._group(w.REFERRALS, self.referrals))
        # The case-depth sections (links, attachments, pauses…) sit between referrals and history.
        self.sections_layout = QVBoxLayout()
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.sections_layout)
        layout.addWidget(self._group(w.HISTORY, self.history))
        layout.addWidget(QLabel(w.ANSWER))
        layout.addWidget(self.answer)
        # The code and the actions stay in sight on a 768-pixel screen; the dossier scrolls.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(head)
        outer.addWidget(self.scroll, 1)
        outer.addLayout(actions)
        self.buttons["assign"].clicked.connect(self._assign_to_me)
        self.buttons["answer"].clicked.connect(self._answer)
        self.buttons["deep"].clicked.connect(self._toggle_deep)
        self.buttons["refer"].clicked.connect(self._refer)
        self.buttons["close"].clicked.connect(self._close)
        self.buttons["reopen"].clicked.connect(self._reopen)
        dossier_sections.install(self)
        self.show_detail(None)
        bus().requests_changed.connect(self._changed)

    def add_section(self, title: str, section: DossierSection) -> None:
        """Add a case-depth section (a QWidget that also follows the DossierSection protocol)."""
        self.sections.append(section)
        self.sections_layout.addWidget(self._group(title, section))  # type: ignore[arg-type]

    def add_more_action(self, text: str, slot: Callable[[], Any]) -> QAction:
        """Add an entry to the «more actions» menu; it is enabled while a request is shown."""
        action = self.more_menu.addAction(text)
        action.triggered.connect(slot)
        self.more.show()
        return action

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""
        self.services = services
        self.actor = actor
        self.agencies = None
        self.default_days = None
        for section in self.sections:
            section.set_context(services, actor)

    def set_reference(self, agencies: list[RefItem], default_days: int) -> None:
        """The agencies and the default answer period, read once by the page and kept."""
        self.agencies, self.default_days = agencies, default_days

    def _changed(self, ids: list[int]) -> None:
        """A request changed (here or on another page): show the shown one afresh."""
        if self.detail is not None and self.detail.id in ids:
            self.load(self.detail.id)

    # --- showing ------------------------------------------------------------------------

    def load(self, request_id: int) -> None:
        """Read the request's dossier off the GUI thread and show it."""
        if self.services is None:
            return
        requests, actor = self.services.requests, self.actor
        background.run(lambda: requests.dossier(request_id, actor), on_done=self.show_dossier,
                       on_error=self._failed, owner=self)

    def show_dossier(self, dossier: RequestDossier) -> None:
        """Show a request with its citizen's earlier requests and history."""
        self.show_detail(dossier.detail)
        self.earlier.clear()
        for r in dossier.earlier:
            # A plain row (id, code, received, subject, status) or the services' EarlierRequest.
            code, received, subject, status = (r[1:] if isinstance(r, tuple) else (
                r.tracking_code, r.received_at, r.subject, r.status_label))
            self.earlier.addItem(w.earlier(w.code(code), formatting.date_time(received),
                                           subject, status))
        self.history.clear()
        for e in reversed(dossier.history):
            note = e.after.get("note", "")
            self.history.addItem(w.history(formatting.date_time(e.at), e.person, e.label, note))

    def show_detail(self, d: RequestDetail | None) -> None:
        """Fill the fields (or empty them)."""
        self.detail = d
        for b in self.buttons.values():
            b.setEnabled(d is not None)
        self.more.setEnabled(d is not None)
        for section in self.sections:
            section.show_request(d)
        if d is None:
            self.code.setText(w.NOTHING_SELECTED)
            self.status.setText("")
            for label in self.fields.values():
                label.setText("")
            self.body.setPlainText("")
            for lst in (self.earlier, self.history, self.referrals):
                lst.clear()
            return
        self.code.setText(w.code(d.tracking_code))
        self.status.setText(d.status_label + (w.OVERDUE_MARK if d.overdue else ""))
        c = d.citizen
        values = {
            "subject": d.subject, "channel": d.channel_label, "type": d.type_label,
            "received": formatting.date_time(d.received_at), "county": d.county,
            # The agency the request is with now (its newest referral's), as the list shows it.
            "agency": d.referrals[-1].agency if d.referrals else d.agency,
            "deadline": formatting.date(d.deadline) if d.deadline else "",
            "assignee": d.assignee or w.NONE, "deep": w.YES if d.deep_rooted else w.NO,
            "citizen": w.citizen(c.full_name, c.request_count) if c else w.NONE,
            "national_id": formatting.national_id(c.national_id) if c else "",
            "mobile": formatting.phone(c.mobile) if c else "",
            "resolution": w.resolution(d.actions_taken, d.satisfaction)
            if d.status == RequestStatus.CLOSED else w.NONE,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.body.setPlainText(d.body)
        if d.answer_text and not self.answer.toPlainText().strip():
            self.answer.setPlainText(d.answer_text)
        self.referrals.clear()
        for r in d.referrals:
            state = r.status_label + (w.REFERRAL_OVERDUE if r.overdue else "")
            self.referrals.addItem(w.referral(
                r.agency, formatting.code(r.letter_no),
                formatting.date(r.letter_date), formatting.date(r.deadline), state))
        closed = d.status == RequestStatus.CLOSED
        self.buttons["deep"].setText(w.UNDO_DEEP if d.deep_rooted else dict(w.BUTTONS)["deep"])
        # A closed request takes no more work until it is reopened.
        for key in ("assign", "answer", "deep", "refer", "close"):
            self.buttons[key].setEnabled(not closed)
            self.buttons[key].setToolTip(w.CLOSED_TIP if closed else "")
        self.answer.setReadOnly(closed)
        self.buttons["reopen"].setEnabled(d.status in (RequestStatus.CLOSED, RequestStatus.ANSWERED))

    # --- actions ------------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], keep_answer: bool = False) -> None:
        """Run a write off the GUI thread; the change bus brings the saved request back."""
        if self.detail is None:
            return
        request_id = self.detail.id

        def done(_result: Any) -> None:
            if not keep_answer:
                self.answer.clear()
            self.request_changed.emit(request_id)

        background.write(self, call, on_done=done, on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        message = frame_words.error_text(exc)
        self.action_failed.emit(message)
        if isinstance(exc, ConflictError) and self.detail is not None:
            answer = QMessageBox.question(self, w.CONFLICT_TITLE,
                                          literal_html(message + w.RELOAD_QUESTION))
            if answer == QMessageBox.StandardButton.Yes:
                self.load(self.detail.id)  # the typed answer stays in its box
            return
        QMessageBox.warning(self, w.APP_NAME, literal_html(message))

    def _assign_to_me(self) -> None:
        """Choose a staff member (the signed-in user first) and assign the request."""
        sv = self.services
        if sv is not None:
            background.run(sv.users.list, on_done=self._choose_assignee, on_error=self._failed, owner=self)

    def _choose_assignee(self, users: list) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        staff = sorted((u for u in users if u.active and u.role != "inspector"),
                       key=lambda u: u.id != actor.user_id)
        names = [f"{u.full_name or u.username} ({u.role_label})" for u in staff]
        name, ok = QInputDialog.getItem(self, w.ASSIGN_TITLE, literal_html(w.ASSIGN_LABEL), names,
                                        0, False)
        if ok and name in names:
            user_id = staff[names.index(name)].id
            self._run(lambda: sv.requests.assign(actor, d.id, d.version, user_id),
                      keep_answer=True)

    def _answer(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        text = self.answer.toPlainText()
        if not text.strip():  # the answer box may be scrolled away: bring it to the clerk
            self.scroll.ensureWidgetVisible(self.answer)
            self.answer.setFocus()
        if d and sv and actor:
            self._run(lambda: sv.requests.answer_directly(actor, d.id, d.version, text))

    def _toggle_deep(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if d and sv and actor:
            self._run(lambda: sv.requests.mark_deep_rooted(actor, d.id, d.version,
                                                           not d.deep_rooted), keep_answer=True)

    def _refer(self) -> None:
        """Ask for the referral; the agencies and default period are read once and kept."""
        sv = self.services
        if sv is None:
            return
        if self.agencies is not None and self.default_days is not None:
            self._ask_referral((self.agencies, self.default_days))
            return
        read = lookups.reader(sv)
        background.run(lambda: read()[1:], on_done=self._ask_referral, on_error=self._failed,
                       owner=self)

    def _ask_referral(self, lists: tuple[list[RefItem], int]) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        self.set_reference(*lists)
        dialog = ReferDialog(sv, actor, d, lists[0], lists[1], self)
        if dialog.exec():
            self.request_changed.emit(d.id)

    def _close(self) -> None:
        """Ask how the request was resolved (and the citizen's satisfaction), then close it."""
        d, sv, actor = self.detail, self.services, self.actor
        if d and sv and actor and CloseDialog(sv, actor, d, self).exec():
            self.request_changed.emit(d.id)

    def _reopen(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        reason, ok = QInputDialog.getText(self, w.REOPEN_TITLE, literal_html(w.REOPEN_LABEL))
        if ok:
            self._run(lambda: sv.requests.reopen(actor, d.id, d.version, reason), keep_answer=True)
