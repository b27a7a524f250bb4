"""Printed pages made by Qt (receipts, meeting slips, reminder letters): one right-to-left document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument, QTextOption


def rtl_document(html: str | None = None, text: str | None = None, point_size: float | None = None,
                 font: QFont | None = None) -> QTextDocument:
    """A QTextDocument laid out right to left (Qt shapes the Persian itself: never pre-shape it)."""
    doc = QTextDocument()
    body = QFont(font) if font is not None else doc.defaultFont()
    if point_size is not None:
        body.setPointSizeF(point_size)
    doc.setDefaultFont(body)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(option)
    if html is not None:
        doc.setHtml(html)
    else:
        doc.setPlainText(text or "")
    return doc
