"""Every glyph the text helper emits exists in the embedded fonts, and the fonts are embedded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from app.services.reports.pdf.fonts import BOLD, REGULAR, font_files, missing_glyphs, register_fonts
from app.services.reports.pdf.text import shape
from tests.reports.pdf_fixtures import AGENCIES, CHANNELS, COUNTIES, LONG_ACTIONS, TYPES

PERSIAN_LETTERS = "ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀة"
GLOSSARY = Path(__file__).resolve().parents[3] / "shared" / "domain" / "glossary.md"


def corpus() -> list[str]:
    """Every letter in isolated, initial, medial and final position, digits, punctuation, names."""
    texts: list[str] = []
    for ch in PERSIAN_LETTERS:
        texts += [ch, ch + "ب", "ب" + ch + "ب", "ب" + ch, f"{ch}\u200cب", f"ب{ch}\u200cب"]
    texts += [
        "۰۱۲۳۴۵۶۷۸۹ 0123456789",
        "۱۲٬۳۴۵ ۱۲٫۵ ٪۱۰ «سامد» ، ؛ ؟ ( ) [ ] : - / . ! —",
        "لا لأ لإ لآ کلا بلا",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 1405-0001234-5 SAMAD",
        "می‌شود خانه‌ها بستان‌آباد عجب‌شیر محاسبهٔ آمار علي كريمي",
        "کمیته امداد امام خمینی (ره) عبدالله",
        LONG_ACTIONS,
        *COUNTIES,
        *AGENCIES,
        *CHANNELS,
        *TYPES,
        "صفحه ۳ از ۱۲",
        "سه‌ماهه سوم ۱۴۰۵ (پاییز)",
        "بسمه تعالی",
    ]
    if GLOSSARY.is_file():  # the Persian words of the shared glossary, when it lies beside us
        words = GLOSSARY.read_text(encoding="utf-8").split()
        texts += [w for w in words if re.fullmatch(r"[\u0600-\u06ff\u200c()«»،؛؟.:/-]+", w)]
    return texts


def emitted() -> str:
    return "".join(shape(t) for t in corpus())


@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_every_glyph_the_helper_emits_is_in_the_font(font: str) -> None:
    missing = missing_glyphs(emitted(), font)
    assert not missing, "missing glyphs: " + " ".join(f"U+{ord(c):04X}" for c in sorted(missing))


@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_glyphs_have_ink(font: str) -> None:
    """A glyph with zero advance would be as bad as a missing one (the isolated final ی case)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    forms = {ch for ch in emitted() if "\ufb50" <= ch <= "\ufeff" or "\u06f0" <= ch <= "\u06f9"}
    zero = [f"U+{ord(ch):04X}" for ch in forms if face.getCharWidth(ord(ch)) <= 0]
    assert not zero


def test_isolated_and_final_farsi_yeh_are_emitted_and_covered() -> None:
    visual = shape("ی کی")
    assert "\ufbfc" in visual and "\ufbfd" in visual  # isolated and final Farsi yeh
    assert not missing_glyphs(visual, REGULAR)


def test_zwnj_never_reaches_the_font() -> None:
    assert "\u200c" not in emitted()


def test_font_files_exist() -> None:
    files = font_files()
    assert files.regular.is_file() and files.bold.is_file()


def test_fonts_are_embedded_in_the_report(report_pdf: Path) -> None:
    data = report_pdf.read_bytes()
    names = set(re.findall(rb"/BaseFont /([A-Z]{6}\+[\w-]+)", data))
    assert names, "no subset TrueType font embedded"
    assert all(b"NotoSansArabic" in n for n in names), names
    assert data.count(b"/FontFile2") >= 2  # regular and bold programs are in the file
    assert b"/Helvetica" not in data  # no standard font left unembedded
