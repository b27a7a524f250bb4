"""How much room a widget's text needs: the measuring half of the size check (size_check.py)."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A button's or tab's text as drawn: «&&» is «&», a lone «&» marks a mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def text_size(widget: QWidget, text: str, rich: bool) -> QSize:
    """The pixels `text` takes in the widget's font (rich text laid out by QTextDocument)."""
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(widget.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        return QSize(int(doc.idealWidth() + 0.999), int(doc.size().height() + 0.999))
    fm = widget.fontMetrics()
    lines = text.split("\n")
    width = max(fm.horizontalAdvance(line) for line in lines)
    return QSize(width, fm.lineSpacing() * (len(lines) - 1) + fm.height())


def label_is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.RichText:
        return True
    if fmt == Qt.TextFormat.AutoText:
        return bool(TAGS.search(label.text())) or label.text().lstrip().startswith("<")
    return False


def button_option(button: QAbstractButton) -> QStyleOptionButton:
    opt = QStyleOptionButton()
    opt.initFrom(button)
    opt.text = button.text()
    opt.icon = button.icon()
    opt.iconSize = button.iconSize()
    if isinstance(button, QPushButton):
        features = QStyleOptionButton.ButtonFeature.None_
        if button.isDefault():
            features |= QStyleOptionButton.ButtonFeature.DefaultButton
        if button.autoDefault():
            features |= QStyleOptionButton.ButtonFeature.AutoDefaultButton
        if button.isFlat():
            features |= QStyleOptionButton.ButtonFeature.Flat
        if button.menu() is not None:
            features |= QStyleOptionButton.ButtonFeature.HasMenu
        opt.features = features
    return opt


def style_padding(widget: QWidget, kind: QStyle.ContentsType, opt: object, height: int) -> int:
    """What the style (and the style sheet) adds around a content this wide.

    Measured on a wide content, so a style's minimum width (Fusion makes text buttons at least
    80 px wide) is not mistaken for room the text needs.
    """
    wide = 400
    size = widget.style().sizeFromContents(kind, opt, QSize(wide, height), widget)
    return max(0, size.width() - wide)


def button_need(button: QAbstractButton) -> int | None:
    """The width a button needs to show its text and icon whole, or None if it shows no text."""
    text = plain(button.text())
    if not text.strip():
        return None
    fm = button.fontMetrics()
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly \
                and not button.icon().isNull():
            return None
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon:
            return button.sizeHint().width()
        return button.sizeHint().width()
    content = fm.size(Qt.TextFlag.TextShowMnemonic, button.text()).width()
    if not button.icon().isNull():
        content += button.iconSize().width() + 4
    opt = button_option(button)
    if isinstance(button, QPushButton):
        if button.menu() is not None:
            content += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator,
                                                  opt, button)
        kind = QStyle.ContentsType.CT_PushButton
    elif isinstance(button, QCheckBox):
        kind = QStyle.ContentsType.CT_CheckBox
    elif isinstance(button, QRadioButton):
        kind = QStyle.ContentsType.CT_RadioButton
    else:
        return None
    return content + style_padding(button, kind, opt, fm.height())


def combo_need(combo: QComboBox) -> int | None:
    text = combo.currentText()
    if not text.strip() or combo.isEditable():
        return None
    content = combo.fontMetrics().horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        content += combo.iconSize().width() + 4
    opt = QStyleOptionComboBox()
    opt.initFrom(combo)
    opt.currentText = text
    opt.editable = combo.isEditable()
    opt.frame = combo.hasFrame()
    return content + style_padding(combo, QStyle.ContentsType.CT_ComboBox, opt,
                                    combo.fontMetrics().height())


def where(widget: QWidget) -> str:
    """The widget's objectName, else the path of named ancestors to it."""
    if widget.objectName() and not widget.objectName().startswith("qt_"):
        return widget.objectName()
    names = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 2:
        if parent.objectName() and not parent.objectName().startswith("qt_"):
            names.append(parent.objectName())
        parent = parent.parentWidget()
    owner = widget.parentWidget()
    owner_cls = type(owner).__name__ if owner is not None else ""
    return "/".join(reversed(names)) + ("/" if names else "") + f"(in {owner_cls})"


def in_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """True inside a scroll area's viewport (content there may lawfully extend past the view)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        child, parent = parent, parent.parentWidget()
    return False


def shown(widget: QWidget) -> bool:
    """Visible and not wholly hidden (by an opaque widget above it, or scrolled out of view)."""
    if not (widget.isVisible() and widget.width() > 0 and widget.height() > 0):
        return False
    if not widget.visibleRegion().isEmpty():
        return True
    # A scroll area's own region is all covered by its viewport (an opaque child of its own).
    return isinstance(widget, QAbstractScrollArea) and not widget.viewport().visibleRegion().isEmpty()


class ElisionSpy:
    """Records text that Pol's own paint code shortens with QFontMetrics.elidedText."""

    def __init__(self) -> None:
        self.cut: list[tuple[str, int, int]] = []  # text, pixels it needs, pixels it had
        self._saved: list[tuple[type, object]] = []

    def __enter__(self) -> ElisionSpy:
        for cls in (QFontMetrics, QFontMetricsF):
            original = cls.elidedText
            self._saved.append((cls, original))

            def spy(fm, text, mode, width, *args, _original=original):  # noqa: ANN001, ANN202
                result = _original(fm, text, mode, width, *args)
                if result != text:
                    self.cut.append((str(text), int(fm.horizontalAdvance(text) + 0.999),
                                     int(width)))
                return result

            cls.elidedText = spy
        return self

    def __exit__(self, *_exc: object) -> None:
        for cls, original in self._saved:
            cls.elidedText = original
