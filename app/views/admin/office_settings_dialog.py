"""The office's settings (administrators): every declared setting, drawn from its spec.

The fields come from `app.services.core.office_settings.SPECS`, grouped; nothing here knows a
particular setting. A refused save keeps every field as typed and says why beside the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)

import app.services.core.office.dto as office_settings
from app.services.core.context import Actor
from app.services.core.office.dto import FOLDER, INT, SettingSpec
from app.views import background, file_dialogs, style
from app.views.admin import words
from app.views.widgets.ltr_edit import PathEdit
from app.views.widgets.service_dialog import ServiceDialog

if TYPE_CHECKING:
    from app.services.core.office.service import OfficeSettingsService


class FolderField(QWidget):
    """A folder path with a «…» button that opens the system's folder chooser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = PathEdit()
        pick = QPushButton(words.CHOOSE_FOLDER)
        pick.clicked.connect(self._pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(pick)

    def _pick(self) -> None:
        folder = file_dialogs.choose_folder(self, words.CHOOSE_FOLDER, file_dialogs.FOLDERS,
                                            self.edit.text())
        if folder:
            self.edit.setText(folder)

    def text(self) -> str:
        """The folder as typed or chosen."""
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        """Show a folder."""
        self.edit.setText(text)


class OfficeSettingsDialog(ServiceDialog):
    """One field per declared setting; one save for all of them."""

    changes = staticmethod(lambda _result: {"settings": []})  # every page re-reads its settings

    def __init__(self, service: OfficeSettingsService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(words.OFFICE_TITLE, words.SAVE, parent)
        self.setObjectName("officeSettingsDialog")
        self.service, self.actor = service, actor
        self.loaded: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {}
        group = None
        for sp in office_settings.SPECS:
            if sp.group != group:
                group = sp.group
                title = QLabel(group)
                style.set_role(title, "section")
                self.form.addRow(title)
            widget = self._widget(sp)
            self.fields[sp.key] = widget
            self.add_field(sp.label + ":", widget, sp.key)
            if sp.help:
                hint = QLabel(sp.help)
                hint.setWordWrap(True)
                style.set_role(hint, "hint")
                self.form.addRow("", hint)
        self._scroll_form()
        self.ok_button.setEnabled(False)  # until the values are on screen
        background.run(service.values, on_done=self.show_values, on_error=self._failed,
                       owner=self)

    def _scroll_form(self) -> None:
        """Every feature adds its settings here: the form scrolls once it outgrows the screen
        (with the letters' settings it wanted 947 pixels of a 768-pixel monitor)."""
        self.layout_.removeItem(self.form)
        inner = QWidget()
        inner.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setObjectName("officeSettingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        wanted = inner.sizeHint()
        scroll.setMinimumHeight(min(wanted.height(), max(200, screen - 200)))
        scroll.setMinimumWidth(wanted.width() + scroll.verticalScrollBar().sizeHint().width())
        self.layout_.insertWidget(0, scroll, 1)
        hint = self.sizeHint()
        self.resize(hint.width(), min(hint.height(), screen - 60))

    @staticmethod
    def _widget(sp: SettingSpec) -> QWidget:
        if sp.kind == INT:
            box = QSpinBox()
            box.setRange(sp.minimum, sp.maximum)
            box.setSuffix(sp.suffix)
            return box
        if sp.kind == FOLDER:
            return FolderField()
        return QLineEdit()

    def show_values(self, values: dict[str, str]) -> None:
        """Put the stored values in the fields."""
        self.loaded = dict(values)
        for key, widget in self.fields.items():
            value = values.get(key, "")
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            else:
                widget.setText(value)  # type: ignore[attr-defined]
        self.ok_button.setEnabled(True)

    def _typed(self) -> dict[str, str]:
        out = {}
        for key, widget in self.fields.items():
            out[key] = str(widget.value()) if isinstance(widget, QSpinBox) \
                else widget.text()  # type: ignore[attr-defined]
        return out

    def call(self) -> Callable[[], Any] | None:
        """Save what differs from what was read (nothing differs: just close)."""
        typed = self._typed()
        changed = {k: v for k, v in typed.items() if v != self.loaded.get(k)}
        if not changed:
            self.accept()
            return None
        service, actor, expected = self.service, self.actor, dict(self.loaded)
        return lambda: service.save(actor, changed, expected)
