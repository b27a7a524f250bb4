"""The ONE helper every Persian string in the PDF goes through: shaping, bidi, wrapping, measuring.

reportlab draws glyphs left to right and knows neither Arabic joining nor bidi, so text is turned
into *visual* strings here. The four traps of design.md and how each is met:

1. Lines are wrapped in LOGICAL order (measured with the shaped width in the real font) and only
   then is each line reshaped and reordered on its own; reordering a paragraph first and wrapping
   it afterwards prints its lines bottom-up.
2. Reordering uses ``bidi.algorithm.get_display`` (the pure-Python implementation of python-bidi
   0.6), which mirrors brackets; the Rust ``bidi.get_display`` of 0.6 does not mirror them.
3. ZWNJ goes through the reshaper (so «می‌شود» stays unjoined at the right place) and is removed
   afterwards, because fonts draw it as a bar or a box.
4. Every glyph this module emits is checked against the embedded font by tests/reports/test_pdf_fonts.py.

Numbers come out in Persian digits; a Latin run (a tracking code «1405-0001234-5», «SAMAD») keeps
its own left-to-right order and its place in the Persian sentence. It is *isolated* the way the
Unicode bidi algorithm isolates an LRI…PDI run: replaced by one neutral placeholder while the line
is reordered, and put back afterwards. (The pure-Python algorithm has no isolates, and its explicit
LRE…PDF embeddings misplace neighbouring numbers and brackets: «٪۹۵ (۹۹ از ۱۰۴)» came out
scrambled. tests/reports/test_pdf_text.py checks the reordering against python-bidi's Rust implementation.)
"""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.services.core.persian import to_persian_digits
from app.services.reports.pdf.fonts import REGULAR, register_fonts

ZWNJ = "\u200c"
# Block elements and geometric shapes: bidi class ON (neutral, like an isolate seen from outside),
# never part of report text. Each stands for one left-to-right run while the line is reordered.
_PLACEHOLDERS = tuple(chr(c) for c in range(0x2580, 0x2600))

# Only the lam-alef ligatures are required; the ALLAH word ligature would turn «عبدالله» into
# «عبدﷲ», which a Persian reader does not expect in an official report.
_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": True,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
    }
)

# Invisible format characters that must not reach the font (after reshaping and reordering).
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
)
_LATIN_WORD = r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[-_./:@#+'][A-Za-z0-9]+)*"
_DIGITS = "[0-9\u06f0-\u06f9]"
_TOKEN = re.compile(
    rf"(?P<latin>{_LATIN_WORD}(?: {_LATIN_WORD})*)"
    rf"|(?P<pre>[٪%])?(?P<num>{_DIGITS}+(?:[-_./:,٫٬]{_DIGITS}+)*)(?P<post>[٪%])?"
)
_SPACES = re.compile(r"[ \t\u00a0]+")
# Persian spelling for print: Arabic yeh/kaf/alef maksura become Persian ی/ک (the Arabic forms print
# with dots under the final yeh); heh + hamza above becomes «ۀ», which has presentation forms,
# where the reshaper would otherwise drop the hamza as a diacritic («خانهٔ» -> «خانه»).
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
# An explicit left-to-right isolate from the caller (persian.ltr: LRI…PDI, or FSI…PDI).
_EXPLICIT_LTR = re.compile("[\u2066\u2068]([^\u2066-\u2069]*)\u2069")
# Explicit embeddings, overrides and stray isolate marks: the pure-Python algorithm rejects
# isolates and mishandles embeddings, so they are dropped (their runs are isolated above).
_EXPLICIT_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _isolate_runs(text: str, persian_digits: bool) -> tuple[str, list[str]]:
    """Swap Latin runs, codes and percentages for placeholders; give plain numbers Persian digits.

    Returns the line to reorder and the runs, in placeholder order.
    """
    runs: list[str] = []

    def isolate(run: str) -> str:
        if len(runs) == len(_PLACEHOLDERS):
            return run  # a line with over a hundred runs: leave the rest to the algorithm
        runs.append(run)
        return _PLACEHOLDERS[len(runs) - 1]

    def token(m: re.Match[str]) -> str:
        if m.group("latin"):
            return isolate(m.group("latin"))  # «SAMAD», «Noto Sans»: one left-to-right run
        number = m.group("num")
        if "-" in number:  # a tracking or letter code: its own digits, left to right
            return (m.group("pre") or "") + isolate(number) + (m.group("post") or "")
        if persian_digits:
            number = to_persian_digits(number.replace(",", "٬").replace(".", "٫"))
        if m.group("pre") or m.group("post"):
            # Pin the sign to the left of the number, wherever the number stands in the line.
            return isolate("٪" + number)
        return number

    text = _EXPLICIT_LTR.sub(lambda m: isolate(m.group(1)) if m.group(1) else "", text)
    text = text.translate(_EXPLICIT_MARKS)
    return _TOKEN.sub(token, text), runs


@lru_cache(maxsize=8192)
def shape(text: str, rtl: bool = True, persian_digits: bool = True) -> str:
    """Turn ONE logical line into the visual string reportlab draws left to right.

    ``rtl`` sets the paragraph direction (False for a Latin line such as a hash).
    """
    line = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    line = line.translate(_PERSIAN_LETTERS).replace("\u0647\u0654", "\u06c0")
    if not line:
        return ""
    if not rtl:
        return line.translate(_INVISIBLE)
    logical, runs = _isolate_runs(line, persian_digits)
    reshaped = _RESHAPER.reshape(logical)  # sees ZWNJ, so joining breaks where it should
    visual = get_display(reshaped, base_dir="R")  # the pure-Python one: mirrors brackets
    for placeholder, run in zip(_PLACEHOLDERS, runs, strict=False):
        visual = visual.replace(placeholder, run)
    return visual.translate(_INVISIBLE)  # ZWNJ last: fonts draw it as a bar or box


def text_width(text: str, font: str = REGULAR, size: float = 10, rtl: bool = True) -> float:
    """Width in points of one logical line once shaped, in a registered font."""
    register_fonts()
    return stringWidth(shape(text, rtl), font, size)


@lru_cache(maxsize=16384)
def _word_width(word: str, font: str, size: float, rtl: bool) -> float:
    return stringWidth(shape(word, rtl), font, size)


def _break_long_word(word: str, font: str, size: float, width: float, rtl: bool) -> list[str]:
    """Cut a word wider than the column (a hash, a long code) into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and _word_width(current + ch, font, size, rtl) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_logical(
    text: str, font: str = REGULAR, size: float = 10, width: float = 400, rtl: bool = True
) -> list[str]:
    """Wrap text into lines that fit ``width`` and return them in LOGICAL order, top line first.

    Line breaks in the text are kept; each resulting line is still unshaped.
    """
    register_fonts()
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for hard_line in (text or "").split("\n"):
        words: list[str] = []
        for word in _SPACES.sub(" ", hard_line).strip().split(" "):
            if word and _word_width(word, font, size, rtl) > width:
                words.extend(_break_long_word(word, font, size, width, rtl))
            elif word:
                words.append(word)
        current: list[str] = []
        used = 0.0
        for word in words:
            w = _word_width(word, font, size, rtl)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used = used + space + w if current else w
                current.append(word)
        lines.append(" ".join(current))
    return lines


def wrap(
    text: str, font: str = REGULAR, size: float = 10, width: float = 400, rtl: bool = True
) -> list[str]:
    """Wrap text for a column and return the VISUAL lines, top line first, ready to draw."""
    return [shape(line, rtl) for line in wrap_logical(text, font, size, width, rtl)]


def wrap_paragraphs(
    text: str, font: str = REGULAR, size: float = 10, width: float = 400, rtl: bool = True
) -> list[tuple[str, bool]]:
    """Like :func:`wrap`, but also say for each visual line whether it ends a paragraph."""
    out: list[tuple[str, bool]] = []
    for hard_line in (text or "").split("\n"):
        logical = wrap_logical(hard_line, font, size, width, rtl)
        for i, line in enumerate(logical):
            out.append((shape(line, rtl), i == len(logical) - 1))
    return out
