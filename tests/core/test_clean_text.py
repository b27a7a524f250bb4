"""Text that enters Pol is clean: control and bidi-override characters, codes, search text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services.core.persian import (
    SEARCH_MAX,
    ZWNJ,
    canonical_code,
    clean_national_id,
    clean_text,
    drop_unsafe,
    normalize_mobile,
    search_terms,
    search_text,
)
from app.services.core.xlsx import cell_text

# Everything the issue names, plus the rest of C0/C1 and the other invisible troublemakers.
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                             *range(0x80, 0xA0))]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))] + ["\u061c", "\ufeff"]
FORBIDDEN = set(CONTROLS) | set(BIDI)
LINE_BREAKS = set("\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")

# Text a hostile file or a careless paste could bring: Persian, Latin, digits of three scripts,
# ZWNJ/ZWJ/LRM/RLM, harakat, Arabic letter variants, whitespace of every kind, and the forbidden.
_ALPHABET = st.sampled_from(
    list("ابپتکیيكى ئءۀة abcXYZ012۰۱۲٠١٢-=+@/.") + [ZWNJ, "\u200d", "\u200e", "\u200f", "\u064e",
                                                     "\u0654", "\n", "\t", "\r", "\xa0", "\u2003"]
    + CONTROLS + BIDI)
TEXTS = st.one_of(st.text(_ALPHABET, max_size=60), st.text(max_size=60))


@given(TEXTS, st.booleans())
def test_clean_text_never_keeps_a_forbidden_character(text: str, multiline: bool) -> None:
    """No control (bar newline in long text), bidi override/isolate, ALM or BOM survives."""
    out = clean_text(text, multiline)
    assert not FORBIDDEN & set(out)
    assert "\t" not in out and "\r" not in out
    if not multiline:
        assert "\n" not in out
    assert not any(unicodedata.category(ch) == "Cs" for ch in out)


@given(TEXTS, st.booleans())
def test_clean_text_is_idempotent(text: str, multiline: bool) -> None:
    """Cleaning clean text changes nothing (stored text compares equal to itself re-cleaned)."""
    once = clean_text(text, multiline)
    assert clean_text(once, multiline) == once


@given(st.text(st.sampled_from(list("سلامبه‌روزعلی abc123") + [ZWNJ]), max_size=40),
       st.lists(st.sampled_from(sorted(FORBIDDEN - LINE_BREAKS)), max_size=6), st.randoms())
def test_forbidden_characters_are_dropped_not_replaced(text: str, junk: list[str],
                                                       rnd) -> None:  # noqa: ANN001
    """Sprinkling ESC, BEL, NUL, overrides… into clean text and cleaning gives the text back."""
    chars = list(text)
    for ch in junk:
        chars.insert(rnd.randint(0, len(chars)), ch)
    assert clean_text("".join(chars), multiline=True) == clean_text(text, multiline=True)


def test_issue_examples() -> None:
    """ESC, BEL, form feed and a leading right-to-left override; ZWNJ stays."""
    assert clean_text("\u202eعلی\x1b رضا\x07") == "علی رضا"
    assert clean_text("قطعی\x0cآب") == "قطعی آب"  # a form feed separates words, never glues
    assert clean_text("خط اول\x0cخط دوم", multiline=True) == "خط اول\nخط دوم"
    assert clean_text(f"می{ZWNJ}شود\ufeff") == f"می{ZWNJ}شود"
    assert clean_text("a\u2066b\u2069c\u061cd") == "abcd"
    assert clean_text("\x00abc") == "abc"


def test_tab_and_newline_are_kept_as_separators() -> None:
    """Long text keeps its lines; a tab separates words (one space), it is never dropped."""
    assert clean_text("سطر یک\r\nسطر\tدو\rسه", multiline=True) == "سطر یک\nسطر دو\nسه"
    assert clean_text("نام\tخانوادگی\nدوم") == "نام خانوادگی دوم"


def test_zwj_lrm_rlm_stay_in_text_but_not_in_codes() -> None:
    """The standard Persian keyboard types ZWJ, LRM and RLM; codes and numbers drop them."""
    text = "ه\u200d (Pol)\u200f و\u200e"
    assert clean_text(text) == text
    assert canonical_code("7712\u200e34\u200f") == "771234"


def test_drop_unsafe_only_removes() -> None:
    """The exporters' cleaning keeps letters and digits as stored; CR LF becomes LF."""
    assert drop_unsafe("كد ۱۲\x1b3\r\nx\u202e") == "كد ۱۲3\nx"
    assert cell_text("\x07=1+1") == "=1+1"  # the formula check sees what the cell will hold


@pytest.mark.parametrize("code", ["771234", "77\u200b1234", "7712\u200e34", "۷۷۱۲۳۴", "٧٧١٢٣٤",
                                  " 77 12 34 ", "\ufeff771234\x00", "77\u20601234\u202c",
                                  "77\u00ad1234", "77\t1234\n"])
def test_samad_codes_have_one_canonical_form(code: str) -> None:
    """The four spellings of the issue (and their cousins) are one code."""
    assert canonical_code(code) == "771234"


@given(st.text(st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩AZ-/ \u200b\u200c\u200d"
                                    "\u200e\u200f\ufeff\x00\x1b\u202e")), max_size=30))
def test_canonical_code_properties(code: str) -> None:
    """Idempotent, Latin digits only, nothing invisible; visible characters keep their order."""
    out = canonical_code(code)
    assert canonical_code(out) == out
    assert all(ch in "0123456789AZ-/" for ch in out)
    visible = [ch for ch in code if ch in "AZ-/" or ch.isdigit()]
    assert len(out) == len(visible)


def test_national_id_and_mobile_lose_invisible_marks() -> None:
    """Numbers copied from a web page or a phone bring LRM/RLM, ZWSP or a BOM with them."""
    assert clean_national_id("\u200e۰۰۱۲۳۴۵۶۷۹\u200f") == "0012345679"
    assert clean_national_id("001-234\u200b567-9\x00") == "0012345679"
    assert normalize_mobile("\ufeff0912\u200b123 4567\u202c") == "09121234567"


def test_search_text_is_cleaned_and_capped() -> None:
    """NUL and overrides go; SEARCH_MAX characters pass, one more gets a Persian message."""
    assert search_terms("\x00abc") == search_terms("abc") == ["abc"]
    assert search_terms("\x00") == []
    # Repeated words and words inside other words cost a scan each and narrow nothing.
    assert search_terms("قطع قطعی آب آب" + " آب" * 60) == ["قطعی", "اب"]
    assert search_text("x" * SEARCH_MAX) == "x" * SEARCH_MAX
    assert search_text("\x00" * 100_000 + "abc") == "abc"  # the cap counts what is left
    with pytest.raises(ValidationError) as err:
        search_terms("آب " * 100_000)
    assert set(err.value.errors) == {"text"}
    assert "۲۰۰" in err.value.errors["text"] and "جست‌وجو" in err.value.message
