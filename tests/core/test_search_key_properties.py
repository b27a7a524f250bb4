"""The search key of any text equals the key of what a paste makes of it (issue 12, part 2)."""

from __future__ import annotations

import arabic_reshaper
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.services.core import persian
from app.services.core.persian import ZWNJ, search_key, search_terms
from tests.core.test_clean_text_reference import TEXTS

LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
LATIN = "0123456789"
# Text a clerk types: Persian words with ZWNJ, spaces, Latin and Persian digits, punctuation.
_PERSIANISH = st.sampled_from([*LETTERS, *LETTERS, " ", " ", ZWNJ, *LATIN, *"۰۱۲۳۴۵۶۷۸۹",
                               "،", ".", "؟", "-", "لا", "لآ", "ئ", "ۀ", "a", "B"])
PERSIANISH = st.lists(_PERSIANISH, max_size=40).map("".join)

# What a paste brings instead of each character.
BIDI_MARKS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
              "\u2069", "\u061c", "\ufeff", "\u200e", "\u200f", "\u200b", "\u00ad"]
LOOK_ALIKES = {"ک": ["ڪ", "ك"], "ی": ["ے", "ي", "ى"], "ه": ["ہ", "ھ", "ە"], "ا": ["ٱ"],
               "ئ": ["ۓ"], "ۀ": ["ۂ", "ة", "ۃ"]}
DIGIT_SCRIPTS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９"]
SEPARATORS = [",", "٬", "،"]


@st.composite
def pasted(draw: st.DrawFn) -> tuple[str, str]:
    """A Persian-ish text and a variant of it as a paste from Word, the web or a PDF makes it."""
    text = draw(PERSIANISH)
    chars = list(text)
    # Thousands separators, only between two digits of the text.
    out: list[str] = []
    for i, ch in enumerate(chars):
        if i and chars[i - 1].isdigit() and ch.isdigit() and draw(st.booleans()):
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(ch)
    # Digits of another script, look-alike letters.
    swapped = []
    for ch in out:
        if ch.isdigit() and ch.isascii() or ch in "۰۱۲۳۴۵۶۷۸۹":
            value = int(persian.to_latin_digits(ch))
            ch = draw(st.sampled_from(DIGIT_SCRIPTS))[value]
        elif ch in LOOK_ALIKES and draw(st.booleans()):
            ch = draw(st.sampled_from(LOOK_ALIKES[ch]))
        swapped.append(ch)
    variant = "".join(swapped)
    # Presentation forms, as a PDF's text layer holds them (lam-alef ligatures included).
    if draw(st.booleans()):
        variant = arabic_reshaper.reshape(variant)
    # Invisible marks anywhere.
    marks = draw(st.lists(st.tuples(st.integers(0, len(variant)), st.sampled_from(BIDI_MARKS)),
                          max_size=6))
    for pos, mark in sorted(marks, reverse=True):
        variant = variant[:pos] + mark + variant[pos:]
    return text, variant


@settings(max_examples=3000)
@given(pasted())
@example(("لا تبریز ۱۲۳۴", "\ufefbﺗﺒﺮﯾﺰ ١٬٢٣٤"))
def test_the_key_of_a_paste_is_the_key_of_the_text(pair: tuple[str, str]) -> None:
    """Bidi marks, look-alikes, presentation forms, wide digits, separators: one key."""
    text, variant = pair
    assert search_key(variant) == search_key(text)
    assert persian.search_key_of_clean(persian.normalize(variant)) == search_key(text)


@settings(max_examples=2000)
@given(st.one_of(TEXTS, PERSIANISH, pasted().map(lambda p: p[1])))
@example("a\u0654\u0301")
@example("a \u0301")
@example("1 ,234")
def test_search_key_is_idempotent(text: str) -> None:
    """A key keyed again is itself (the migration re-folds stored keys on this)."""
    key = search_key(text)
    assert search_key(key) == key
    assert persian.search_key_of_clean(key) == key


@pytest.mark.parametrize(("pasted_text", "typed"), [
    ("\u202bمراغه\u202c", "مراغه"),  # RLE … PDF around a word from Word
    ("\u2067تبریز\u2069", "تبریز"),  # an isolate from the web
    ("\ufeffقطعی آب", "قطعی آب"),  # a BOM at the start of a pasted file line
    ("\u061cسلام", "سلام"),  # Arabic letter mark
    ("ﮔﺰﺍﺭﺵ ﺩﺭﺧﻮﺍﺳﺖ", "گزارش درخواست"),  # presentation forms out of a PDF
    ("ﻻﻟﻪ", "لاله"),  # the lam-alef ligature is two letters
    ("ﻵﻟﻪ", "لاله"),  # lam-alef with madda too (آ folds to ا)
    ("ڪرمان", "کرمان"), ("ہمدان", "همدان"), ("ھمدان", "همدان"), ("ەمدان", "همدان"),
    ("بندے", "بندی"), ("مسئلۂ", "مسیله"), ("ٱلله", "الله"),
    ("１٤٠٥", "1405"), ("١٤٠٥", "۱۴۰۵"), ("ＳＡＭＡＤ", "samad"),
    ("۱٬۲۳۴", "1234"), ("1,234", "1234"), ("1٬234", "۱۲۳۴"), ("۱،۲۳۴", "1234"),
    ("۱۲ ۳۴۵", "12345"),  # a (thin or plain) space between digits is no separator to a key
    ("1\u2009234", "1234"), ("۲٫۵٪", "2.5%"),
])
def test_concrete_pastes(pasted_text: str, typed: str) -> None:
    """What a clerk pastes keys like what they would type."""
    assert search_key(pasted_text) == search_key(typed)


def test_what_is_not_folded() -> None:
    """A comma between words stays; a decimal point is no separator; other letters stay."""
    assert search_key("تبریز، مراغه") == "تبریز،مراغه"
    assert search_key("1,a") == "1,a" and search_key("a,1") == "a,1"
    assert search_key("2.5") != search_key("25")
    assert search_key("ٻ") != search_key("ب")  # Sindhi beeh is another letter
    assert search_key("ې") != search_key("ی")  # Pashto/Uyghur e is another letter
    assert search_key("x²") == "x²"  # NFKC only for presentation forms and fullwidth ASCII


def test_search_terms_fold_as_stored_keys_do() -> None:
    """What a user types into the search box folds with the same rules as what is stored."""
    assert search_terms("\u202b۱٬۲۳۴\u202c ﺗﺒﺮﯾﺰ") == ["1234", "تبریز"]
    assert search_terms("1,234") == ["1234"]
    assert search_terms("ڪرمان ہمدان") == ["کرمان", "همدان"]
