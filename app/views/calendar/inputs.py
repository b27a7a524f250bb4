"""Input widgets the calendar's forms share: clock times, pick lists, left-to-right digit fields.

Only widget factories live here; labels, error lines, the busy state and the service call belong
to the one form base, app/views/widgets/service_dialog.py.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QTimeEdit

from app.services.core.dto import RefItem
from app.services.meetings.dto import ManagerInfo
from app.views.calendar import words
from app.views.widgets.service_dialog import ServiceDialog


def time_edit(value: time | None = None) -> QTimeEdit:
    """A 24-hour «HH:mm» field, laid out left to right like every clock."""
    edit = QTimeEdit()
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def time_of(edit: QTimeEdit) -> time:
    """The time a QTimeEdit shows."""
    t = edit.time()
    return time(t.hour(), t.minute())



def manager_combo(managers: list[ManagerInfo], empty: str | None = None) -> QComboBox:
    """A pick list of the active managers (optionally starting with an empty choice)."""
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for m in managers:
        if m.active:
            box.addItem(m.label, m.id)
    return box


def agency_combo(agencies: list[RefItem], current: int | None) -> QComboBox:
    """A pick list of agencies, starting with «—»."""
    box = QComboBox()
    box.addItem(words.NONE_CHOSEN, None)
    for a in agencies:
        box.addItem(a.name, a.id)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def save_shortcut(dialog: ServiceDialog) -> None:
    """Ctrl+S saves, as OK does; the shortcut is named in the OK button's tooltip, not its text."""
    QShortcut(QKeySequence.StandardKey.Save, dialog, activated=dialog.submit)
    dialog.ok_button.setToolTip(words.shortcut_tip(
        QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText)))
