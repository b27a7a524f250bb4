"""The meeting's minutes on file (صورتجلسهٔ اسکن‌شده, photos): the attachments box for a meeting,
in its own small window opened from the meeting-day window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from app.services.attachments.dto import MEETING, Owner
from app.services.core.context import Actor
from app.views.attachments import words
from app.views.attachments.attachments_box import AttachmentsBox

if TYPE_CHECKING:
    from app.services.registry import Services
    from app.views.calendar.meeting_day_dialog import MeetingDayDialog


class MinutesAttachmentsDialog(QDialog):
    """The attachments of one meeting; files may be dropped anywhere on the window."""

    def __init__(self, services: Services, actor: Actor, meeting_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minutesAttachments")
        self.setWindowTitle(words.MINUTES_TITLE)
        self.setMinimumWidth(720)
        self.box = AttachmentsBox()
        self.box.table.setMaximumHeight(16777215)
        self.box.accept_drops_on(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box, 1)
        layout.addWidget(buttons)
        self.box.set_context(services, actor)
        self.box.show_owner(Owner(MEETING, meeting_id))


def install(dialog: MeetingDayDialog, services: Services, actor: Actor) -> QPushButton:
    """Add «پیوست‌های صورتجلسه…» beside the meeting-day window's closing button."""
    button = QPushButton(words.MINUTES_BUTTON)
    button.setObjectName("minutesAttachmentsButton")
    button.clicked.connect(
        lambda: MinutesAttachmentsDialog(services, actor, dialog.meeting_id, dialog).exec())
    row = dialog.actions_row
    row.insertWidget(row.count() - 1, button)  # just before «close the meeting»
    return button
