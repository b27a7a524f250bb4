"""The window's font: the bundled Noto Sans Arabic, else Tahoma / Segoe UI, else the system's."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Every Windows desktop has these and both cover Persian; Tahoma first: its Persian is the one
# Iranian offices are used to reading.
FALLBACK_FAMILIES = ("Tahoma", "Segoe UI")
POINT_SIZE = 10
log = logging.getLogger(__name__)


def bundled_font_files() -> list[Path]:
    """The bundled font's files ([] when its package is missing, e.g. a broken install)."""
    try:
        import fontpkg_noto_sans_arabic as noto
    except ImportError:
        log.warning("the bundled font package is missing")
        return []
    return sorted((Path(noto.ROOT) / "files").glob("*.ttf"))


def load_fonts(files: Iterable[Path]) -> str:
    """Register font files with Qt; the family of the last one that loaded, or ""."""
    family = ""
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families:
            family = families[0]
    return family


def fallback_family(available: Iterable[str] | None = None) -> str:
    """Tahoma or Segoe UI when the system has one, else "" (the system's own default)."""
    have = set(QFontDatabase.families() if available is None else available)
    return next((f for f in FALLBACK_FAMILIES if f in have), "")


def register_fonts(app: QApplication, files: Iterable[Path] | None = None) -> str:
    """Give the application its font; returns the family in use first.

    `files` (tests): font files to try instead of the bundled ones. When none loads, Pol falls
    back to Tahoma / Segoe UI, then the system default, and says so in the log.
    """
    family = load_fonts(bundled_font_files() if files is None else files)
    font = QFont(app.font())
    if not family:
        family = fallback_family()
        log.warning("the bundled font did not load; using %s",
                    family or f"the system default ({font.family()})")
        family = family or font.family()
    # The others stay behind it for any glyph the first lacks.
    font.setFamilies(list(dict.fromkeys([family, *FALLBACK_FAMILIES])))
    font.setPointSize(POINT_SIZE)
    app.setFont(font)
    return family
