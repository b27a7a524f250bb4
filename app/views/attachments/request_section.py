"""The attachments section of the request detail pane: the box, drops anywhere on the pane, and
the «more actions» entry for the scanner's newest file (Ctrl+Shift+S)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.views.attachments import words
from app.views.attachments.attachments_box import AttachmentsBox

if TYPE_CHECKING:
    from app.views.inbox.request_detail import RequestDetailPane


def install(pane: RequestDetailPane) -> AttachmentsBox:
    """Add the section to the pane; files dropped on any part of the pane are attached."""
    box = AttachmentsBox()
    pane.add_section(words.SECTION_TITLE, box)
    box.accept_drops_on(pane)
    pane.add_more_action(words.SCAN_MENU, box.attach_newest_scan)
    pane.attachments = box  # type: ignore[attr-defined]  # tests and other sections reach it
    return box
