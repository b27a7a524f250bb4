"""The report's fonts: which files, registered once with reportlab, embedded (subset) in every PDF.

Noto Sans Arabic, chosen by evidence (tests/reports/test_pdf_fonts.py, the OCR test, and the comparison
kept in resources/fonts/README.md): it has a glyph for every presentation form the reshaper emits
for Persian (پ چ ژ گ ک ی in all four forms, lam-alef), Persian digits, ٬ ٫ ٪ «» ، ؛ ؟ and Latin,
and Tesseract's Persian model reads it almost without error (mean CER 0.2% on the report against
1.9% for Amiri). The package ships a variable font; reportlab embeds its default instance
(wght 400) correctly, which is the regular face. A static Bold instance (wght 700) cut from the same
file with fontTools' instancer is bundled under resources/fonts with the OFL licence.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "PolText"
BOLD = "PolText-Bold"

BUNDLED = Path(__file__).resolve().parents[4] / "resources" / "fonts"

# reportlab is not thread-safe: each registered font keeps the subset of the document being
# written, and text.py remembers the text layer of the lines it shaped. Whoever writes a PDF
# (the report, a slip, a letter; from any worker thread) holds this lock: one PDF at a time.
PDF_LOCK = threading.RLock()


@dataclass(frozen=True)
class FontFiles:
    """The two faces the report uses, as file paths."""

    family: str
    regular: Path
    bold: Path


def _noto_sans() -> FontFiles:
    import fontpkg_noto_sans_arabic

    variable = Path(fontpkg_noto_sans_arabic.ROOT) / "files" / "NotoSansArabic[wdth,wght].ttf"
    return FontFiles("Noto Sans Arabic", variable, BUNDLED / "NotoSansArabic-Bold.ttf")


def _amiri() -> FontFiles:
    # The runner-up, kept so the comparison can be re-run: POL_PDF_FONT=amiri (needs fontpkg-amiri).
    import fontpkg_amiri

    files = Path(fontpkg_amiri.ROOT) / "files"
    return FontFiles("Amiri", files / "Amiri-Regular.ttf", files / "Amiri-Bold.ttf")


CANDIDATES = {"noto-sans": _noto_sans, "amiri": _amiri}
DEFAULT_FAMILY = "noto-sans"


def font_files(family: str | None = None) -> FontFiles:
    """Locate the report's font files (``POL_PDF_FONT`` may pick another candidate)."""
    family = family or os.environ.get("POL_PDF_FONT") or DEFAULT_FAMILY
    try:
        files = CANDIDATES[family]()
    except ImportError as exc:
        raise RuntimeError(f"The report font package is not installed: {exc.name}") from exc
    for path in (files.regular, files.bold):
        if not path.is_file():
            raise RuntimeError(f"The report font file is missing: {path}")
    return files


@cache
def register_fonts() -> FontFiles:
    """Register the report's faces with reportlab under REGULAR and BOLD (idempotent)."""
    files = font_files()
    pdfmetrics.registerFont(TTFont(REGULAR, str(files.regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(files.bold)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return files


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """Characters of already shaped text for which a registered font has no glyph."""
    register_fonts()
    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    return {ch for ch in set(text) if ord(ch) not in cmap and ch not in "\n\r\t"}
