"""A one-line notice above a page's table: what just happened, and a button to go and see it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from app.views.formatting import plain
from app.views.framework import words


class PageNotice(QFrame):
    """Hidden until `show_notice`; the user closes it, or it goes with the next notice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageNotice")
        self.label = plain(QLabel(""))
        self.label.setWordWrap(True)
        self.action = QPushButton("")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(words.DISMISS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_notice(self, text: str, action_text: str = "",
                    callback: Callable[[], None] | None = None) -> None:
        """Say something; with an action, offer a button that does it (and closes the notice)."""
        self.label.setText(text)
        self._callback = callback
        self.action.setText(action_text)
        self.action.setVisible(bool(action_text and callback))
        self.show()

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
