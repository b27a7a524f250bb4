"""Load the application's style sheet (every resources/style/*.qss, base.qss first) and set roles.

Widgets never set colours inline; they take a hook that base.qss styles:

    style.set_role(label, "error")        # QLabel: title subtitle section hint error ok warning code
    style.set_role(button, "primary")     # QPushButton: primary danger flat (default: secondary)
    style.set_property(edit, "invalid", True)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.views import palette

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "style"
ICON_DIR = STYLE_DIR.parent / "icons"
ICONS_PLACEHOLDER = "@ICONS@"  # url(@ICONS@/qss/chevron-down.svg) in a .qss file


def style_sheet() -> str:
    """base.qss, then every feature's .qss in name order (@ICONS@ is the icon folder)."""
    files = sorted(STYLE_DIR.glob("*.qss"), key=lambda p: (p.name != "base.qss", p.name))
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    return text.replace(ICONS_PLACEHOLDER, ICON_DIR.as_posix())


def application_palette() -> QPalette:
    """The base colours (text, fields, selection) from palette.py; QSS adds the rest."""
    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, colour in ((role.Window, palette.CANVAS), (role.WindowText, palette.INK),
                      (role.Base, palette.SURFACE), (role.AlternateBase, palette.ALTERNATE_ROW),
                      (role.Text, palette.INK), (role.Button, palette.SURFACE),
                      (role.ButtonText, palette.INK), (role.Highlight, palette.SELECTION),
                      (role.HighlightedText, palette.INK), (role.ToolTipBase, palette.INK),
                      (role.ToolTipText, palette.SURFACE), (role.PlaceholderText, palette.PLACEHOLDER),
                      (role.Link, palette.ACCENT)):
        pal.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(palette.ICON_DISABLED))
    return pal


def apply(app: QApplication) -> None:
    """Give the application Pol's look (Fusion underneath, so every desktop looks the same)."""
    app.setStyle("Fusion")
    app.setPalette(application_palette())
    app.setStyleSheet(style_sheet())


def set_property(widget: QWidget, name: str, value: object) -> QWidget:
    """Set a dynamic property the style sheet reads and redraw the widget with it."""
    if widget.property(name) == value:
        return widget
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
    return widget


def set_role(widget: QWidget, role: str | None) -> QWidget:
    """Give a widget one of base.qss's roles (None: back to the default look)."""
    return set_property(widget, "role", role or "")
