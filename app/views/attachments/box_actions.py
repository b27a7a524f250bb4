"""What the attachments box does with the selected file: show it, save a copy, remove it.

Kept beside the box (attachments_box.py) so the box stays a list and its wiring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt

from app.services.attachments.dto import AttachmentInfo
from app.views import background, file_dialogs
from app.views.attachments import words
from app.views.attachments.preview_dialog import AttachmentPreviewDialog, decode
from app.views.referrals.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from app.views.attachments.attachments_box import AttachmentsBox


def preview(box: AttachmentsBox) -> None:
    """Load, check and decode the selected picture or PDF off the GUI thread, then show it."""
    a, sv = box.selected(), box.services
    if a is None or sv is None:
        return
    if not a.previewable:
        box.say(words.NOT_PREVIEWABLE, "error")
        return
    att, actor = sv.attachments, box.actor
    box.say(words.LOADING, "hint")
    background.run(lambda: decode(att.content(a.id, actor)),
                   on_done=lambda prepared: _show(box, prepared), on_error=box.failed,
                   owner=box)


def _show(box: AttachmentsBox, prepared: tuple[AttachmentInfo, Any]) -> None:
    box.say("", "hint")
    if box.last_preview is not None and shiboken6.isValid(box.last_preview):
        box.last_preview.close()
    dialog = AttachmentPreviewDialog(*prepared, parent=box)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.last_preview = dialog
    dialog.open()  # window-modal, not exec(): the box keeps its own events flowing
    box.preview_opened.emit(dialog)


def save_copy(box: AttachmentsBox) -> None:
    """Ask where, then write a checked copy there (off the GUI thread)."""
    a, sv = box.selected(), box.services
    if a is None or sv is None:
        return
    target = file_dialogs.save_file(box, words.SAVE_AS, file_dialogs.ATTACHMENTS, a.save_name)
    if not target:
        return
    att, actor = sv.attachments, box.actor
    background.run(lambda: att.save_copy(a.id, target, actor),
                   on_done=lambda path: box.say(words.saved(path), "ok"),
                   on_error=box.failed, owner=box)


def remove(box: AttachmentsBox) -> None:
    """Ask for the reason in a form dialog; the removal is announced under the owner's kind."""
    from app.views.attachments.attachments_box import owner_changes

    a, sv, actor = box.selected(), box.services, box.actor
    if a is None or sv is None or actor is None or not box.writable or a.removed:
        return
    att = sv.attachments
    dialog = ReasonDialog(words.REMOVE_TITLE, words.REMOVE_INTRO.format(words.isolate(a.name)),
                          words.REMOVE_REASON, "reason", words.REMOVE_OK,
                          lambda reason: att.remove(actor, a.id, a.version, reason), box)
    dialog.changes = lambda info: owner_changes(info.owner)
    dialog.saved.connect(box.show_removal)
    dialog.exec()
