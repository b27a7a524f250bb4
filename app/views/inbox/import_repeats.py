"""The import dialog's possible repeats: listed after an import; a person may link one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.services.core import persian
from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.repeats.dto import RELATED, PossibleRepeat
from app.views import background, formatting
from app.views import words as shared
from app.views.formatting import plain
from app.views.inbox import links_words as words


class PossibleRepeatsBox(QWidget):
    """Rows of the import that may repeat a request on file; nothing is linked unasked."""

    linked = Signal(int)  # the imported request's id, once linked

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.items: list[PossibleRepeat] = []
        self.list = QListWidget()
        self.list.setObjectName("possibleRepeats")
        self.list.setMaximumHeight(110)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.link_button = QPushButton(words.LINK_RELATED)
        self.note = plain(QLabel(""))
        row = QHBoxLayout()
        row.addWidget(self.link_button)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(words.POSSIBLE_REPEATS))
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.link_button.clicked.connect(self.link_selected)
        self.setVisible(False)

    def show_repeats(self, items: list[PossibleRepeat]) -> None:
        """List the import's possible repeats (hidden when there are none)."""
        self.items = list(items)
        self.list.clear()
        self.note.setText("")
        for p in self.items:
            self.list.addItem(words.possible_repeat(persian.to_persian_digits(p.row),
                                                    formatting.tracking_code(p.new_code),
                                                    formatting.tracking_code(p.request)))
        if self.items:
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.items))

    def link_selected(self) -> None:
        """Link the selected row's request to the one it may repeat, as «مرتبط»."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        p, sv, actor = self.items[row], self.services, self.actor
        self.link_button.setEnabled(False)

        def link() -> int:
            version = sv.requests.get(p.new_id, actor).version
            sv.repeats.link(actor, p.new_id, version, p.request_id, RELATED)
            return p.new_id

        background.write(self, link, on_done=self._linked, on_error=self._failed,
                         changes=lambda _r: {"requests": [p.new_id, p.request_id]})

    def _linked(self, new_id: int) -> None:
        self.link_button.setEnabled(True)
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self.items.pop(row)
            self.list.takeItem(row)
        self.note.setText(words.LINKED)
        self.linked.emit(new_id)

    def _failed(self, exc: Exception) -> None:
        self.link_button.setEnabled(True)
        self.note.setText(shared.error_text(exc))
