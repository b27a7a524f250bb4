"""تماس رضایت: the list of citizens to phone after closing, worked through from the keyboard.

Keys on the list: ↑/↓ move; 1–5 (or ۱–۵) the satisfaction; S/«س»/«ب» solved, N/«د»/«خ» not
solved; Enter records the call and moves to the next request; 0 (or ۰) «پاسخ نداد»; C/«ز» or
Tab writes a comment (Enter there saves too, Esc comes back to the list).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.services.calls.dto import DUE, CallFilter, CallResult, CallRow
from app.services.core.context import Actor
from app.services.registry import Services
from app.views.calls import words as w
from app.views.calls.call_model import CallListModel
from app.views.calls.call_pane import CallPane
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.framework.master_detail import MasterDetailPage

SCORE_KEYS = {str(n): n for n in range(1, 6)} | {"۱": 1, "۲": 2, "۳": 3, "۴": 4, "۵": 5}
YES_KEYS = {"s", "S", "س", "ب"}  # S; on the Persian layout S types «س»; «ب» for بله
NO_KEYS = {"n", "N", "د", "خ"}  # N; on the Persian layout N types «د»; «خ» for خیر
NO_ANSWER_KEYS = {"0", "۰"}
COMMENT_KEYS = {"c", "C", "ز"}  # C; on the Persian layout C types «ز»
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ViewBar(QWidget):
    """Which list: to call today, called today, finished."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QComboBox()
        self.view.setObjectName("callView")
        for value, label in w.VIEWS:
            self.view.addItem(label, value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(w.VIEW))
        layout.addWidget(self.view)
        layout.addStretch(1)

    def current(self) -> CallFilter:
        """The filter chosen."""
        return CallFilter(self.view.currentData() or DUE)


class CallsPage(MasterDetailPage):
    """The call list and the selected request's call form, kept in step by the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        bar, pane = ViewBar(), CallPane()
        super().__init__("calls", CallListModel(), bar, pane, parent)
        self.model.setParent(self)
        self.bar, self.pane = bar, pane
        self.next_row: int | None = None  # where the selection goes after a save's reload
        self.table.setTabKeyNavigation(False)
        self.table.installEventFilter(self)
        pane.comment.installEventFilter(self)
        bar.view.currentIndexChanged.connect(lambda _i: self.model.set_filter(bar.current()))
        pane.call_recorded.connect(self._recorded)
        pane.action_failed.connect(self.message)
        pane.action_failed.connect(self._failed)
        self.model.first_page_shown.connect(self._after_reload)
        bus().requests_changed.connect(self.refresh)  # a method: gone with the page
        bar.setEnabled(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show today's list."""
        super().set_context(services, actor)
        self.pane.set_context(services, actor)
        calls = services.calls
        self.model.set_filter(self.bar.current())
        self.model.set_fetcher(lambda f, offset, limit, _sort, _desc, total: calls.page(
            f, offset=offset, limit=limit, with_total=total, actor=actor))
        self.model.set_row_fetcher(lambda ids: calls.rows(ids, actor))
        self.bar.setEnabled(True)

    def count_text(self, total: int) -> str:
        """«۱۲ درخواست»."""
        return frame_words.count(total, w.ROW_NOUN)

    def show_row(self, row: CallRow) -> None:
        """Show the request and its form."""
        self.pane.show_row(row, self.model.current_filter.view == DUE)

    def refresh(self, keys: list[Any]) -> None:
        """A recorded call moves a request between lists: query again."""
        del keys
        self.requery()

    # --- the keyboard ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """The list's keys fill the form; Esc in the comment returns to the list."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if watched is self.pane.comment:
            if key_event.key() == Qt.Key.Key_Escape:
                self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            return False
        if watched is not self.table or key_event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return self._list_key(key_event)

    def _list_key(self, event: QKeyEvent) -> bool:
        text, key = event.text(), event.key()
        pane = self.pane
        if text in SCORE_KEYS:
            pane.set_score(SCORE_KEYS[text])
        elif text in YES_KEYS:
            pane.set_solved(True)
        elif text in NO_KEYS:
            pane.set_solved(False)
        elif text in NO_ANSWER_KEYS:
            self._save(pane.save_unreached)
        elif key in ENTER:
            self._save(pane.save_reached)
        elif text in COMMENT_KEYS or key == Qt.Key.Key_Tab:
            pane.focus_comment()
        else:
            return False
        return True

    def _save(self, save: Any) -> None:
        """Save from the list; after the reload the next request takes the same place."""
        index = self.table.currentIndex()
        if save():
            self.next_row = index.row() if index.isValid() else None

    def _recorded(self, result: CallResult) -> None:
        """The call is stored: say so, back to the list, which the change bus reloads."""
        self.message.emit(w.saved(result.note))
        if self.next_row is None:
            index = self.table.currentIndex()
            self.next_row = index.row() if index.isValid() else 0
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, _text: str) -> None:
        """Refused or not stored: the selection stays; a changed list shows on the next reload."""
        self.next_row = None
        self.requery()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_reload(self) -> None:
        """Select the request that now stands where the recorded one stood."""
        if self.next_row is None:
            # A fresh list starts on its first request, ready for the keys.
            if not self.table.currentIndex().isValid() and self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))
            return
        row, self.next_row = self.next_row, None
        if self.model.rowCount() == 0:
            self.shown_key = None
            self.pane.show_row(None, False)
            return
        row = min(row, self.model.rowCount() - 1)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
