"""The template editor: one text per kind of message, with its longest rendering counted live."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.sms.dto import TemplateInfo
from app.views import background
from app.views import words as shared
from app.views.formatting import persian_digits, plain
from app.views.sms import words as w
from app.views.widgets.text_edit import PersianTextEdit

MAX_PARTS = 3


class TemplatesTab(QWidget):
    """Pick a kind, edit its text; the part count follows every keystroke (no database)."""

    saved = Signal(object)  # TemplateInfo

    def __init__(self, services: Services, actor: Actor, admin: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.admin = services, actor, admin
        self.infos: dict[str, TemplateInfo] = {}
        self.widest: dict[str, str] = {}
        self.kind = QComboBox()
        self.text = PersianTextEdit()
        self.text.setObjectName("smsTemplateText")
        self.text.setMaximumHeight(140)
        self.text.setLineWrapMode(PersianTextEdit.LineWrapMode.WidgetWidth)  # see the whole text
        self.text.setReadOnly(not admin)
        self.placeholders = plain(QLabel(""))
        self.count = plain(QLabel(""))
        self.count.setObjectName("smsPartCount")
        self.message = plain(QLabel("" if admin else w.ADMIN_ONLY))
        self.message.setWordWrap(True)
        self.save_button = QPushButton(w.SAVE_TEMPLATE)
        self.save_button.setEnabled(admin)
        top = QHBoxLayout()
        top.addWidget(QLabel(w.KIND))
        top.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.placeholders)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.text.textChanged.connect(self.recount)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        """Read the templates and the widest placeholder values in the background."""
        sms = self.services.sms
        background.run(lambda: (sms.templates(), sms.widest_values()), on_done=self._loaded,
                       on_error=lambda e: self.message.setText(shared.error_text(e)), owner=self)

    def _loaded(self, result: tuple[list[TemplateInfo], dict[str, str]]) -> None:
        infos, self.widest = result
        self.infos = {i.kind: i for i in infos}
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for i in infos:
            self.kind.addItem(i.label, i.kind)
        self.kind.blockSignals(False)
        index = self.kind.findData(current)
        self.kind.setCurrentIndex(max(index, 0))
        self._show_kind()

    def _show_kind(self) -> None:
        info = self.infos.get(self.kind.currentData())
        if info is None:
            return
        self.text.setPlainText(info.text)
        names = "، ".join("{" + p + "}" for p in info.placeholders)
        self.placeholders.setText(w.PLACEHOLDERS.format(names=names))
        self.recount()

    def recount(self) -> None:
        """Count the longest rendering of the text as typed (the widest known values)."""
        kind = self.kind.currentData()
        if kind is None:
            return
        info = self.services.sms.measure(kind, self.text.toPlainText(), self.widest)
        text = persian_digits(w.PARTS.format(units=info.longest_units, parts=info.longest_parts))
        too_long = info.longest_parts > MAX_PARTS
        self.count.setText(text + ("  " + w.TOO_LONG if too_long else ""))
        self.count.setProperty("role", "error" if too_long else "")
        self.count.style().polish(self.count)
        self.save_button.setEnabled(self.admin and not too_long)

    def save(self) -> None:
        """Store the text (the service checks it again)."""
        kind, text = self.kind.currentData(), self.text.toPlainText()
        self.save_button.setEnabled(False)

        def done(info: TemplateInfo) -> None:
            self.message.setText(w.SAVED)
            self.saved.emit(info)
            self.reload()

        def failed(exc: Exception) -> None:
            self.message.setText(shared.error_text(exc))
            self.recount()

        background.write(self, lambda: self.services.sms.save_template(self.actor, kind, text),
                         on_done=done, on_error=failed, changes=lambda _i: {})
