"""Pol's one icon set: simple line icons drawn for Pol (resources/icons/*.svg), tinted from the palette.

    from app.views.icons import icon
    button.setIcon(icon("add"))
    primary_button.setIcon(icon("add", palette.ICON_ON_ACCENT))

Names: see NAMES. Icons that point somewhere (referral) are mirrored in a right-to-left layout.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap, QTransform
from PySide6.QtSvg import QSvgRenderer

from app.views import palette

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
NAMES = frozenset(p.stem for p in ICON_DIR.glob("*.svg"))
MIRRORED = frozenset({"referral"})
SIZES = (16, 20, 24, 32, 48)


def _pixmap(svg: str, size: int, color: str, mirror: bool) -> QPixmap:
    """Render one tinted size of an SVG."""
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirror:
        painter.setTransform(QTransform(-1, 0, 0, 1, size, 0))
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@lru_cache(maxsize=256)
def _icon(name: str, color: str, mirror: bool) -> QIcon:
    svg = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_pixmap(svg, size, color, mirror), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(svg, size, palette.ICON_DISABLED, mirror), QIcon.Mode.Disabled)
    return result


def icon(name: str, color: str = palette.ICON) -> QIcon:
    """The named icon in the given colour (a greyed copy for disabled widgets)."""
    if name not in NAMES:
        raise KeyError(f"no icon named {name!r}; known: {sorted(NAMES)}")
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return _icon(name, color, name in MIRRORED and rtl)


def app_icon() -> QIcon:
    """Pol's own mark (resources/icons/pol.png, drawn by packaging/make_icon.py)."""
    return QIcon(str(ICON_DIR / "pol.png"))
