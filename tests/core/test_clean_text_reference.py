"""The fast clean_text gives byte-identical results to its straightforward definition."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.services.core import persian
from app.services.core.persian import ZWNJ, clean_text, drop_unsafe
from tests.support.migrations import migration_module

# The definition clean_text had before it was made fast: regex substitutions, step by step.
_INLINE_SPACE_RE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_LINE_EDGE_RE = re.compile(" ?\n ?")
_FOLD_SPACE_RE = re.compile(r"\s{2,}|[^\S ]")
_ZWNJ_RUN_RE = re.compile("\u200c{2,}")
_ZWNJ_SPACE_RE = re.compile(r"[\s\u200c]*(?:\s\u200c|\u200c\s)[\s\u200c]*")
_STORE = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                        **{a: b for a, b in zip("۰۱۲۳۴۵۶۷۸۹", "0123456789", strict=True)},
                        **{a: b for a, b in zip("٠١٢٣٤٥٦٧٨٩", "0123456789", strict=True)}})


def reference_clean_text(value: str | None, multiline: bool = False) -> str:
    """clean_text as first written: every step applied unconditionally."""
    if not value:
        return ""
    s = unicodedata.normalize("NFC", drop_unsafe(value)).translate(_STORE)
    s = _ZWNJ_SPACE_RE.sub(" ", _ZWNJ_RUN_RE.sub(ZWNJ, s))
    if not multiline:
        return _FOLD_SPACE_RE.sub(" ", s).strip()
    return _LINE_EDGE_RE.sub("\n", _INLINE_SPACE_RE.sub(" ", s)).strip()


# The search fold before issue 12 (what keys stored until migration 0007k were made by).
OLD_SEARCH_MAP = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",
                                "\u0624": "\u0648", "\u0626": "\u06cc", "\u0629": "\u0647",
                                "\u06c0": "\u0647", "\u0640": None, ZWNJ: None, "\u200d": None,
                                "\u200e": None, "\u200f": None})


def old_search_key(text: str | None) -> str:
    """search_key as it was before issue 12, over the reference cleaning."""
    if not text:
        return ""
    s = reference_clean_text(text, multiline=True).lower()
    s = re.sub("[\u064b-\u065f\u0670\u06d6-\u06ed]", "", s).translate(OLD_SEARCH_MAP)
    return "".join(s.split())


def reference_search_key(text: str | None) -> str:
    """search_key by definition: the old key re-folded by migration 0007k's frozen fold."""
    return REKEY.rekey(old_search_key(text))


REKEY = migration_module("0007_search_rekey")

# Every kind of space (str.isspace and the regex «\s» agree on them), every line break,
# controls, bidi marks, ZWNJ/ZWJ, Arabic letter variants and digits of three scripts.
SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))]
MARKS = ["\u200b", ZWNJ, "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u202e", "\u2067",
         "\u064e", "\u0654", "\u0301", "\u0640", "\ud800"]
_ALPHABET = st.sampled_from(list("ابپتکیيكىئءۀةآأ abcXYZé012۰۱۲٠١٢-.") + SPACES + CONTROLS
                            + MARKS + ["\r\n", "  ", "\n\n", " \u200c ", "e\u0301"])
TEXTS = st.one_of(st.lists(_ALPHABET, max_size=40).map("".join), st.text(max_size=40))


@settings(max_examples=3000)
@given(TEXTS, st.booleans())
@example(" a \n  b\t\n\n c \u2028 ", True)
@example("\u200c\n\u200c", True)
@example("\n \n", True)
def test_clean_text_matches_its_definition(text: str, multiline: bool) -> None:
    """The fast paths change nothing: the same string for every input, both modes."""
    assert clean_text(text, multiline) == reference_clean_text(text, multiline)


@settings(max_examples=1000)
@given(TEXTS)
def test_search_key_matches_its_definition(text: str) -> None:
    """search_key is the old key re-folded: what migration 0007k stores is what new code makes."""
    assert persian.search_key(text) == reference_search_key(text)


@settings(max_examples=3000)
@given(TEXTS, st.booleans())
@example("\u0627\u200c\t\u200c", True)  # cleaning is not idempotent here
def test_clean_line_of_cleaned_text_is_clean_text(text: str, multiline: bool) -> None:
    """clean_line skips the work only where clean_text would change nothing."""
    cleaned = clean_text(text, multiline)
    assert persian.clean_line(cleaned) == clean_text(cleaned)


@settings(max_examples=2000)
@given(st.lists(TEXTS, min_size=1, max_size=6), st.lists(st.booleans(), min_size=6, max_size=6))
@example(["a\u03a3\u200c", "b"], [False] * 6)
@example(["x", "\u0301a"], [True] * 6)
def test_search_key_of_clean_parts_is_search_key(parts: list[str], multi: list[bool]) -> None:
    """Clean parts joined by spaces (a code as the importer makes it) key as search_key does."""
    cleaned = [clean_text(p, m) for p, m in zip(parts, multi, strict=False)]
    code = persian.canonical_code(persian.normalize(parts[0]))
    cleaned.append(code if code.isascii() else persian.normalize(code))
    joined = " ".join(cleaned)
    assert persian.search_key_of_clean(joined) == persian.search_key(joined)
    assert persian.search_key_of_clean(joined) == reference_search_key(joined)
