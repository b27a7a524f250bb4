"""One request of the call list: who to call, what they asked and were told, and the call's result."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.calls.dto import CallAnswer, CallResult, CallRow
from app.services.core import messages as msg
from app.services.core.context import Actor, can
from app.services.registry import Services
from app.views import background, formatting
from app.views.calls import words as w
from app.views.formatting import plain_label
from app.views.framework import words as frame_words


class CallPane(QWidget):
    """The selected request and the call form; the page forwards the list's keys here."""

    call_recorded = Signal(object)  # CallResult
    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPane")
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.row: CallRow | None = None
        self.due = False  # the row is in the list of calls to make today
        self.busy = False
        self.code = plain_label("")
        self.code.setObjectName("callCode")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in w.FIELDS:
            self.fields[key] = plain_label("")
            self.fields[key].setWordWrap(key != "mobile")
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label + ":", self.fields[key])
        self.fields["mobile"].setObjectName("callMobile")
        self.scores = QButtonGroup(self)
        score_line = QHBoxLayout()
        score_line.addWidget(QLabel(w.SCORE))
        for n in range(1, 6):
            b = self._choice(w.score_button(n))
            self.scores.addButton(b, n)
            score_line.addWidget(b)
        score_line.addStretch(1)
        self.solved = QButtonGroup(self)
        self.yes, self.no = self._choice(w.YES), self._choice(w.NO)
        self.solved.addButton(self.yes, 1)
        self.solved.addButton(self.no, 0)
        solved_line = QHBoxLayout()
        solved_line.addWidget(QLabel(w.SOLVED))
        solved_line.addWidget(self.yes)
        solved_line.addWidget(self.no)
        solved_line.addStretch(1)
        self.comment = QLineEdit()
        self.comment.setObjectName("callComment")
        self.comment.setPlaceholderText(w.COMMENT_PLACEHOLDER)
        self.comment.setMaxLength(1000)
        self.save_button = QPushButton(w.SAVE)
        self.no_answer_button = QPushButton(w.NO_ANSWER)
        for b in (self.save_button, self.no_answer_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list keeps the keyboard
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.no_answer_button)
        buttons.addStretch(1)
        self.message = plain_label("")
        self.message.setObjectName("callMessage")
        self.message.setWordWrap(True)
        self.help = plain_label(w.KEYS_HELP)
        self.help.setObjectName("callKeys")
        self.help.setWordWrap(True)
        self.form_box = QGroupBox(w.FORM_BOX)
        self.form_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box = QVBoxLayout(self.form_box)
        box.setSpacing(4)
        box.addLayout(score_line)
        box.addLayout(solved_line)
        box.addWidget(self.comment)
        box.addLayout(buttons)
        box.addWidget(self.message)
        # The request's words may be long (a referred case's actions): they scroll, the form
        # and the keys' help below stay in sight.
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.code)
        inner_layout.addLayout(form)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_box)
        layout.addWidget(self.help)
        self.save_button.clicked.connect(self.save_reached)
        self.no_answer_button.clicked.connect(self.save_unreached)
        self.comment.returnPressed.connect(self.save_reached)
        self.show_row(None, False)

    @staticmethod
    def _choice(text: str) -> QPushButton:
        b = QPushButton(text)
        b.setCheckable(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setObjectName("callChoice")
        return b

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the user; only roles that may call get the form."""
        self.services, self.actor = services, actor
        self.help.setText(w.KEYS_HELP if self.may_call else w.READ_ONLY)
        self._enable()

    @property
    def may_call(self) -> bool:
        """True when the signed-in role records calls."""
        return self.actor is not None and can(self.actor, "calls.write")

    @property
    def ready(self) -> bool:
        """True when a call may be recorded for the shown row now."""
        return self.row is not None and self.due and self.may_call and not self.busy

    def _enable(self) -> None:
        for widget in (*self.scores.buttons(), *self.solved.buttons(), self.comment,
                       self.save_button, self.no_answer_button):
            widget.setEnabled(self.ready)

    # --- showing ----------------------------------------------------------------------------

    def show_row(self, row: CallRow | None, due: bool) -> None:
        """Show a request (None: nothing selected); a new request starts a blank form."""
        if row is None or self.row is None or row.request_id != self.row.request_id:
            self.clear_form()
            self.message.setText("")
        self.row, self.due = row, due
        self._enable()
        if row is None:
            self.code.setText(w.NOTHING_SELECTED)
            for label in self.fields.values():
                label.setText("")
            return
        self.code.setText(formatting.tracking_code(row.tracking_code) + "  " + w.state(row))
        values = {"citizen": row.citizen or "—", "mobile": formatting.phone(row.mobile) or "—",
                  "subject": row.subject, "answer": row.answer or "—",
                  "closing": w.closing(row.closing_satisfaction)}
        for key, value in values.items():
            self.fields[key].setText(value)
        if not due and self.may_call:
            self.message.setText(w.NOT_DUE)

    def clear_form(self) -> None:
        """No score, no answer to «solved», no comment."""
        for group in (self.scores, self.solved):
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        self.comment.clear()

    # --- the keys the page forwards --------------------------------------------------------

    def set_score(self, n: int) -> None:
        """Choose the satisfaction 1..5."""
        if self.ready and 1 <= n <= 5:
            self.scores.button(n).setChecked(True)

    def set_solved(self, solved: bool) -> None:
        """Answer «was the problem solved?»."""
        if self.ready:
            (self.yes if solved else self.no).setChecked(True)

    def focus_comment(self) -> None:
        """Type a comment (Enter saves, Esc goes back to the list)."""
        if self.ready:
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_reached(self) -> bool:
        """Record a reached call with the chosen score and answer; False when not sent."""
        score = self.scores.checkedId()
        solved = self.solved.checkedId()
        missing = [m for m, bad in ((msg.CALL_SCORE_REQUIRED, score < 1),
                                    (msg.CALL_SOLVED_REQUIRED, solved < 0)) if bad]
        if self.ready and missing:
            self.message.setText(" ".join(missing))
            return False
        return self._save(CallAnswer(True, score, bool(solved), self.comment.text()))

    def save_unreached(self) -> bool:
        """Record that nobody answered (the third time takes the request off the list)."""
        return self._save(CallAnswer(False, comment=self.comment.text()))

    def _save(self, answer: CallAnswer) -> bool:
        if not self.ready or self.services is None or self.actor is None or self.row is None:
            return False
        row, actor, calls = self.row, self.actor, self.services.calls
        self.busy = True
        self._enable()
        self.message.setText(w.SAVING)
        background.write(self, lambda: calls.record(actor, row.request_id, row.call_version,
                                                    answer),
                         on_done=self._saved, on_error=self._failed,
                         changes=lambda result: {"requests": [result.request_id]})
        return True

    def _saved(self, result: CallResult) -> None:
        self.busy = False
        self.clear_form()
        self.message.setText(w.saved(result.note))
        self._enable()
        self.call_recorded.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._enable()
        text = ("؛ ".join(exc.errors.values()) if isinstance(exc, ValidationError)
                else frame_words.error_text(exc))
        self.message.setText(text)
        self.action_failed.emit(text)
