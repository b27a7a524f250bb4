"""The intake form's look-alike requests: «این شهروند درخواست مشابهی دارد: …» and the clerk's link."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import NewRequest
from app.services.requests.repeats.dto import DUPLICATE, RELATED, LinkChoice, RepeatCandidate
from app.views import background, formatting
from app.views.formatting import plain
from app.views.inbox import links_words as words

# The look-up waits for a pause in typing this long (a look-up per keystroke is wasted work).
PAUSE_MS = 400


class RepeatPanel(QWidget):
    """Looks up the citizen's look-alike requests as the form is filled; hidden when none."""

    candidates_shown = Signal(list)  # list[RepeatCandidate], after each look-up

    def __init__(self, services: Services, actor: Actor, collect: Callable[[], NewRequest],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatPanel")
        self.services, self.actor, self.collect = services, actor, collect
        self.candidates: list[RepeatCandidate] = []
        self._asked = 0  # look-ups started; an older answer arriving late is dropped
        self.title = plain(QLabel(words.SIMILAR))
        self.title.setProperty("role", "warning")
        self.list = QListWidget()
        self.list.setObjectName("repeatCandidates")
        self.list.setMaximumHeight(66)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kind = QComboBox()
        self.kind.addItem(words.CHOICE_NONE, None)
        self.kind.addItem(words.CHOICE_DUPLICATE, DUPLICATE)
        self.kind.addItem(words.CHOICE_RELATED, RELATED)
        row = QHBoxLayout()
        row.addWidget(QLabel(words.CHOICE_LABEL))
        row.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.look_up)
        self.setVisible(False)

    def schedule(self) -> None:
        """The citizen or the subject changed: look again after a pause."""
        self.timer.start()

    def look_up(self) -> None:
        """Ask the service for candidates off the GUI thread (once citizen and subject are known)."""
        data = self.collect()
        c = data.citizen
        self._asked += 1
        if c is None or not (c.national_id.strip() or c.mobile.strip()) or not data.subject.strip():
            self.show_candidates([], self._asked)
            return
        asked, repeats, actor = self._asked, self.services.repeats, self.actor
        background.run(lambda: repeats.candidates(data, actor),
                       on_done=lambda found: self.show_candidates(found, asked), owner=self)

    def show_candidates(self, found: list[RepeatCandidate], asked: int | None = None) -> None:
        """Show the candidates (keeping the clerk's choice of kind); hide when there are none."""
        if asked is not None and asked != self._asked:
            return
        self.candidates = found
        self.list.clear()
        for c in found:
            self.list.addItem(words.candidate_line(
                formatting.tracking_code(c.tracking_code), formatting.date_time(c.received_at),
                c.subject, c.status_label, words.percent(c.similarity)))
        if found:
            self.list.setCurrentRow(0)
        else:
            self.kind.setCurrentIndex(0)
        self.setVisible(bool(found))
        self.candidates_shown.emit(found)

    def choice(self) -> LinkChoice | None:
        """The clerk's link for the new request, or None."""
        kind = self.kind.currentData()
        row = self.list.currentRow()
        if kind is None or not self.candidates or row < 0:
            return None
        return LinkChoice(self.candidates[row].request_id, kind)

    def clear(self) -> None:
        """Empty for the next citizen."""
        self.timer.stop()
        self._asked += 1
        self.show_candidates([], self._asked)
