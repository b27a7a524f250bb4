"""The window's font: the bundled one, else Tahoma / Segoe UI, else the system's (issue 15)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.views import fonts


@pytest.fixture
def app_font(app: QApplication) -> Iterator[QApplication]:
    """The application's font is put back after the test (other tests measure text with it)."""
    before = QFont(app.font())
    yield app
    app.setFont(before)


def test_the_bundled_font_is_used(app_font: QApplication) -> None:
    """Noto Sans Arabic first, Tahoma and Segoe UI behind it for any missing glyph."""
    family = fonts.register_fonts(app_font)
    assert family.startswith("Noto Sans Arabic")
    assert app_font.font().families() == [family, "Tahoma", "Segoe UI"]
    assert app_font.font().pointSize() == fonts.POINT_SIZE


def test_a_damaged_font_file_falls_back_and_says_so(app_font: QApplication, tmp_path: Path,
                                                     caplog) -> None:
    """addApplicationFont refuses the file: Tahoma / Segoe UI if present, else the system's."""
    broken = tmp_path / "NotoSansArabic-Regular.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 100)
    assert QFontDatabase.addApplicationFont(str(broken)) == -1  # really damaged for Qt
    with caplog.at_level(logging.WARNING, logger="app.views.fonts"):
        family = fonts.register_fonts(app_font, [broken])
    expected = fonts.fallback_family() or QFont().family()
    assert family == expected and app_font.font().families()[0] == expected
    assert "could not be loaded" in caplog.text and "did not load" in caplog.text
    assert str(broken) in caplog.text


def test_a_missing_font_folder_falls_back_too(app_font: QApplication, caplog) -> None:
    """No font file at all (a broken install): the window still opens with a Persian font."""
    with caplog.at_level(logging.WARNING, logger="app.views.fonts"):
        family = fonts.register_fonts(app_font, [])
    assert family and "did not load" in caplog.text


def test_tahoma_is_preferred_then_segoe_ui() -> None:
    """The order Windows offices read Persian in; nothing when neither is installed."""
    assert fonts.fallback_family(["Arial", "Segoe UI", "Tahoma"]) == "Tahoma"
    assert fonts.fallback_family(["Arial", "Segoe UI"]) == "Segoe UI"
    assert fonts.fallback_family(["Arial"]) == ""
