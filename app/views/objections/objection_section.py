"""The detail pane's «اعتراض شهروند» section and its «ثبت اعتراض…» entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QMessageBox, QVBoxLayout, QWidget

from app.models.enums import Resolution
from app.services.core.context import Actor, can
from app.services.objections.dto import ObjectionInfo, RequestObjections
from app.services.registry import Services
from app.services.requests.dto import RequestDetail
from app.views import background, formatting
from app.views.formatting import literal_html, plain_label
from app.views.framework import words as frame_words
from app.views.objections import words as w
from app.views.referrals.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from app.views.inbox.request_detail import RequestDetailPane


def announce(info: ObjectionInfo) -> dict[str, list[int]]:
    """What an objection's write changed, for the change bus."""
    return {"requests": [info.request_id], "referrals": list(info.reopened_referrals)}


class ObjectionSection(QWidget):
    """The request's objections and their outcome; the window of the current answer."""

    loaded = Signal(object)  # RequestObjections

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.detail: RequestDetail | None = None
        self.state: RequestObjections | None = None
        self.action: QAction | None = None
        self.window_label = plain_label("")
        self.window_label.setWordWrap(True)
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.window_label)
        layout.addWidget(self.items)

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the user; only the desk sees «ثبت اعتراض…»."""
        self.services, self.actor = services, actor
        if self.action is not None:
            self.action.setVisible(can(actor, "objection.record"))

    def show_request(self, detail: RequestDetail | None) -> None:
        """Read the request's objections off the GUI thread (nothing for no request)."""
        self.detail, self.state = detail, None
        if detail is None or self.services is None:
            self._show(None)
            return
        objections, actor, rid = self.services.objections, self.actor, detail.id
        background.run(lambda: objections.of_request(rid, actor), on_done=self._show,
                       on_error=self.failed, owner=self)

    def _show(self, state: RequestObjections | None) -> None:
        if state is not None and (self.detail is None or state.request_id != self.detail.id):
            return  # an older request's answer, arriving late
        self.state = state
        self.items.clear()
        items = state.items if state else []
        for o in items:
            self.items.addItem(w.line(o))
        self.items.setVisible(bool(items))
        window = ""  # the window of the current answer, or why it is shut (a closed request)
        if state is not None and state.last_day is not None:
            window = (w.window(formatting.date(state.last_day)) if state.may_object
                      else state.why_not)
        self.window_label.setText(window or (w.NONE_YET if state else ""))
        self.window_label.setVisible(bool(window) or not items)
        box = self.parentWidget()  # the pane's group box: hidden while there is nothing to say
        if box is not None:
            box.setVisible(bool(items) or bool(window))
        if state is not None:
            self.loaded.emit(state)

    def record(self) -> None:
        """Ask for the citizen's reason and record the objection (or say why it cannot be)."""
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        if self.state is not None and not self.state.may_object:
            QMessageBox.information(self, w.NOT_ALLOWED_TITLE, literal_html(self.state.why_not))
            return
        answer = d.referrals[-1].agency if d.referrals and d.resolution == Resolution.REFERRED else ""
        last = self.state.last_day if self.state else None
        intro = w.intro(formatting.tracking_code(d.tracking_code),
                        f"پاسخ {answer}" if answer else "پاسخ مستقیم دفتر",
                        formatting.date(last) if last else "")
        dialog = ReasonDialog(w.RECORD_TITLE, intro, w.REASON_LABEL, "reason", w.RECORD_OK,
                              lambda text: sv.objections.record(actor, d.id, d.version, text),
                              self, placeholder=w.REASON_PLACEHOLDER)
        dialog.changes = announce
        dialog.exec()

    def failed(self, exc: Exception) -> None:
        """A read that failed: say so in the section."""
        self.window_label.setText(frame_words.error_text(exc))


def install(pane: RequestDetailPane) -> ObjectionSection:
    """Add the section and its menu entry to the detail pane."""
    section = ObjectionSection()
    pane.add_section(w.SECTION_TITLE, section)
    section.action = pane.add_more_action(w.RECORD_ACTION, section.record)
    return section
