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

The text layer. The glyphs drawn are presentation forms (U+FB50–U+FEFF) in visual order, so a PDF
reader that reads the glyphs sees glyph codes and loses every ZWNJ. Each visual line is therefore
drawn inside an ActualText marked-content span (``/Span <</ActualText …>> BDC … EMC``) that carries
the line's ordinary letters; the glyphs, their order and their positions stay exactly as before,
so the page prints identically (tests/reports/test_pdf_text_layer.py compares the rasterised pages).
:func:`shape` remembers each visual line's layer and :class:`TextLayerCanvas` finds it whenever the
string is drawn, so paragraphs, table cells, chart labels, headers and footers need no change.
Routes measured before choosing (issue 12, section 1), with poppler 22.12:

- ToUnicode (each presentation form of the font subset mapped to its base letters): letters in
  logical order, but the ZWNJ is gone (it is not drawn; drawn as its zero-width glyph, poppler
  drops it), lam-alef reads backwards («لا» -> «ال») and brackets stay mirrored.
- HarfBuzz: not adopted. Shaping with the font's own GSUB changes the glyphs and the spacing (the
  page would no longer print as today) and a glyph-to-cmap ToUnicode fails on this font: Qt,
  which shapes with HarfBuzz, writes «استانداری» in Noto Sans Arabic as «اﺳ ﺎ ﺪارى» (dotless
  skeletons and dot marks are glyphs of their own).
- ActualText (chosen): exact, ZWNJ, lam-alef and brackets included, and it leaves the drawing alone.

Readers place the ActualText over the glyphs it replaces and, like the glyphs, read it as VISUAL
text to put in logical order (a logical ActualText came out reversed). So the span holds the line's
letters in the glyphs' visual order: the line reordered by the same algorithm but not reshaped,
brackets NOT mirrored (readers do not mirror them back), ZWNJ kept. Where a reader's simple
reordering would still misplace punctuation beside a number, right-to-left marks fence it (see
_fenced); tests/reports/test_pdf_text_layer.py reads the report back with pdftotext.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import arabic_reshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from bidi import algorithm as _bidi
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.services.core.persian import to_persian_digits
from app.services.reports.pdf.fonts import REGULAR, register_fonts

ZWNJ = "\u200c"
RLM = "\u200f"
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
_HARAKAT = HARAKAT_RE  # what the reshaper deletes (delete_harakat)
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


# ZWNJ's stand-in while a text-layer line is reordered: the algorithm drops ZWNJ (a boundary
# neutral), so a right-to-left letter that never occurs in report text holds its place.
_ZWNJ_STAND_IN = "\u0800"
_LAYER_INVISIBLE = {k: v for k, v in _INVISIBLE.items() if k not in (ord(ZWNJ), ord(RLM))}
_LAYER_INVISIBLE[ord(_ZWNJ_STAND_IN)] = ZWNJ
# What is fenced with RLM in the text layer. A reader puts a visual line in logical order by
# reversing its right-to-left stretches and keeping every stretch of other characters (digits,
# Latin, and the punctuation it counts with them: «،» «.» «:») as it stands, spaces and brackets
# included (poppler turned «(٪۹۰) به» into «( )٪۹۰به» and «ریشه‌دار، یعنی» into «ریشه‌دار ،یعنی»).
# Where that would misread a line (see _reader_order), a strong right-to-left mark on each side
# of a number, of an isolated run and of every other character that is not a right-to-left letter
# or a space keeps each such stretch to itself; lines that read right only get a mark at an edge.
_RTL_LETTERS = "\u0621-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0800"
_ANY_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_FENCE = re.compile(rf"{_ANY_DIGIT}+(?:[٬٫,.:/]{_ANY_DIGIT}+)*|[^\s{_RTL_LETTERS}]")
# The visual lines drawn so far and their text layer; see text_layer().
_LAYER: dict[str, str] = {}
_LAYER_LIMIT = 100_000


def _visual_order(line: str) -> str:
    """Reorder a logical right-to-left line like ``get_display``, but without mirroring brackets."""
    storage = _bidi.get_empty_storage()
    storage["base_level"] = 1
    storage["base_dir"] = "R"
    _bidi.get_embedding_levels(line, storage)
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    _bidi.reorder_resolved_levels(storage, False)
    return "".join(ch["ch"] for ch in storage["chars"])


@lru_cache(maxsize=4096)
def _reader_class(ch: str) -> str:
    """R, L, N (numbers and their separators) or neutral, as a reader's reordering sees ``ch``."""
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    return "N" if kind in ("EN", "ES", "ET", "AN", "CS") else ""


def _reader_order(visual: str) -> str:
    """The logical line a reader (poppler's TextOutputDev) makes of a right-to-left visual line.

    From the right: a stretch of anything but L and N is reversed, then a stretch of anything but
    R is kept in order, and so on.
    """
    kinds = list(map(_reader_class, visual))
    out: list[str] = []
    i = len(visual) - 1
    while i >= 0:
        j = i
        while j >= 0 and kinds[j] not in ("L", "N"):
            j -= 1
        out.extend(visual[k] for k in range(i, j, -1))
        i = j
        while j >= 0 and kinds[j] != "R":
            j -= 1
        out.append(visual[j + 1 : i + 1])
        i = j
    return "".join(out)


def _fenced(visual: str, runs: list[str], wanted: str) -> str:
    """The visual layer with the fewest RLM fences (each unit: both sides, one side, none) that a
    reader still puts back in the order ``wanted``; a mark next to a number is a mark in a search."""
    units = [m.span() for m in _FENCE.finditer(visual)]
    sides = [(True, True)] * len(units)

    def build() -> str:
        parts, at = [], 0
        for (start, end), (left, right) in zip(units, sides, strict=True):
            parts += [visual[at:start], RLM * left, visual[start:end], RLM * right]
            at = end
        parts.append(visual[at:])
        return _put_back("".join(parts), runs).translate(_LAYER_INVISIBLE)

    for i in range(len(units)):
        for option in ((False, False), (True, False), (False, True)):
            kept, sides[i] = sides[i], option
            if _reader_order(build()).replace(RLM, "") == wanted:
                break
            sides[i] = kept
    return build()


def _put_back(visual: str, runs: list[str]) -> str:
    for placeholder, run in zip(_PLACEHOLDERS, runs, strict=False):
        visual = visual.replace(placeholder, run)
    return visual


@lru_cache(maxsize=8192)
def _shape(text: str, rtl: bool, persian_digits: bool) -> tuple[str, str]:
    """(the visual string to draw, its text layer: the same order in ordinary letters)."""
    line = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    line = line.translate(_PERSIAN_LETTERS).replace("\u0647\u0654", "\u06c0")
    if not line:
        return "", ""
    if not rtl:
        plain = line.translate(_INVISIBLE)
        return plain, plain
    logical, runs = _isolate_runs(line, persian_digits)
    reshaped = _RESHAPER.reshape(logical)  # sees ZWNJ, so joining breaks where it should
    visual = get_display(reshaped, base_dir="R")  # the pure-Python one: mirrors brackets
    visual = _put_back(visual, runs).translate(_INVISIBLE)  # ZWNJ last: fonts draw it as a bar
    # The layer holds what is printed (the reshaper deletes harakat) and the ZWNJ it does not print.
    # ۀ is drawn for ه + hamza (the font's one glyph), but the text keeps what was typed.
    letters = (_HARAKAT.sub("", logical).replace("\u06c0", "\u0647\u0654")
               .replace(ZWNJ, _ZWNJ_STAND_IN))
    visual_letters = _visual_order(letters)
    layer = _put_back(visual_letters, runs).translate(_LAYER_INVISIBLE)
    wanted = _put_back(letters, runs).translate(_LAYER_INVISIBLE)
    if _reader_order(layer) != wanted:
        layer = _fenced(visual_letters, runs, wanted)
    # A reader joins the spans of one baseline (a label and its value, the cells of a table row):
    # an edge that is not a right-to-left letter gets a mark, so it cannot run into its neighbour.
    if layer and _reader_class(layer[0]) != "R":
        layer = RLM + layer
    if layer and _reader_class(layer[-1]) != "R":
        layer += RLM
    return visual, layer


def shape(text: str, rtl: bool = True, persian_digits: bool = True) -> str:
    """Turn ONE logical line into the visual string reportlab draws left to right.

    ``rtl`` sets the paragraph direction (False for a Latin line such as a hash). The line's text
    layer is remembered for :func:`text_layer`, so whoever draws the string gets it transparently.
    """
    visual, layer = _shape(text, rtl, persian_digits)
    if layer != visual:
        _LAYER.pop(visual, None)  # most recently shaped last: the oldest entries go first
        _LAYER[visual] = layer
        if len(_LAYER) > _LAYER_LIMIT:
            del _LAYER[next(iter(_LAYER))]
    return visual


def text_layer(visual: str) -> str | None:
    """The ActualText of a visual line :func:`shape` produced, or None if its glyphs read right.

    Two logical lines that print alike (a ZWNJ after a letter that does not join anyway) share
    one visual string; the one shaped last gives the layer.
    """
    return _LAYER.get(visual)


@contextmanager
def actual_text(canv: Canvas, visual: str) -> Iterator[None]:
    """Draw inside one ActualText span carrying the text layer of ``visual`` (when it needs one).

    Spans do not nest: a justified line is one span around the words drawn one by one.
    """
    layer = None if getattr(canv, "_in_actual_text", False) else text_layer(visual)
    if layer is None:
        yield
        return
    utf16 = layer.encode("utf-16-be").hex().upper()
    canv._code.append(f"/Span <</ActualText <FEFF{utf16}>>> BDC")  # type: ignore[attr-defined]
    canv._in_actual_text = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        canv._in_actual_text = False  # type: ignore[attr-defined]
        canv._code.append("EMC")  # type: ignore[attr-defined]


class TextLayerCanvas(Canvas):
    """A canvas whose string drawing (paragraphs, table cells, chart labels) carries the text layer."""

    def drawString(self, x: float, y: float, text: str, *args: object, **kwargs: object) -> None:  # noqa: N802
        with actual_text(self, text):
            super().drawString(x, y, text, *args, **kwargs)  # type: ignore[arg-type]

    def drawRightString(  # noqa: N802 (reportlab API)
        self, x: float, y: float, text: str, *args: object, **kwargs: object
    ) -> None:
        with actual_text(self, text):
            super().drawRightString(x, y, text, *args, **kwargs)  # type: ignore[arg-type]

    def drawCentredString(  # noqa: N802 (reportlab API)
        self, x: float, y: float, text: str, *args: object, **kwargs: object
    ) -> None:
        with actual_text(self, text):
            super().drawCentredString(x, y, text, *args, **kwargs)  # type: ignore[arg-type]


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
