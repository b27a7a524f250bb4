"""Small view helpers shared by pages: citizen text shown as typed, never as markup.

Qt guesses whether a string is HTML (`Qt.mightBeRichText`) for labels in their default text
format, for every tooltip and for message and input boxes. A citizen's name such as
`<b>x</b> <img src=…>` would then be drawn bold with an image. Labels that show data are made
plain text; the places that have no plain-text switch get the text as escaped HTML instead.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    """Make a label show its text exactly as given (data, messages, file names), never as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str) -> QLabel:
    """A right-aligned, selectable label that never interprets citizen-supplied text as HTML."""
    label = plain(QLabel(text))
    # Absolute right: text made only of digits or codes would otherwise be judged
    # left-to-right and drawn at the far left of a right-to-left form.
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                       | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def literal_html(text: str | None) -> str | None:
    """Text as HTML that Qt shows literally: for tooltips and message or input boxes.

    Those have no plain-text switch and guess; escaped HTML is always taken as HTML, so
    `<`, `&` and line breaks come out as typed. Empty text stays empty (no tooltip).
    """
    if not text:
        return text
    # pre-wrap keeps the typed spaces and line breaks and still wraps a long subject.
    return f"<p style='white-space:pre-wrap'>{escape(text, quote=False)}</p>"
