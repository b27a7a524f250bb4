"""The RTL text helper: wrap in logical order, mirror brackets, drop ZWNJ, Persian digits, Latin runs."""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display as rust_get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.fonts import BOLD, REGULAR
from app.services.reports.pdf.text import (
    _PLACEHOLDERS,
    _RESHAPER,
    _isolate_runs,
    shape,
    text_width,
    wrap,
    wrap_logical,
    wrap_paragraphs,
)
from tests.reports.pdf_fixtures import LONG_ACTIONS

PARAGRAPH = (
    "نخستین جمله این بند درباره دیدارهای مردمی است و پس از آن جمله‌های بسیاری می‌آید تا بند در "
    "چند سطر بشکند. موضوع به دستگاه اجرایی مربوط ارجاع شد و پیگیری آن ادامه دارد؛ پاسخ نهایی "
    "دستگاه هنوز دریافت نشده است و دفتر بازرسی گزارش آن را در سه‌ماهه بعد ارائه می‌کند. "
    "آخرین واژه‌های این بند پایان‌بخش آن هستند."
)


def logical_of(visual: str) -> str:
    """Undo shaping and reordering of a purely Persian visual line (for assertions)."""
    return unicodedata.normalize("NFKC", visual[::-1])


def letters(s: str) -> str:
    return s.replace("\u200c", "")


def test_wrapped_lines_come_out_top_to_bottom_in_logical_order() -> None:
    lines = wrap_logical(PARAGRAPH, REGULAR, 10, 180)
    assert len(lines) >= 4
    assert lines[0].startswith("نخستین جمله این بند")
    assert lines[-1].endswith("پایان‌بخش آن هستند.")
    assert " ".join(lines) == " ".join(PARAGRAPH.split())  # nothing lost, nothing moved

    visual = wrap(PARAGRAPH, REGULAR, 10, 180)
    assert len(visual) == len(lines)
    for logical, shown in zip(lines, visual, strict=True):
        assert stringWidth(shown, REGULAR, 10) <= 180 + 0.01
        assert logical_of(shown) == letters(logical)  # each line reordered on its own
    # The first VISUAL line (drawn on top) holds the first words; read right to left.
    assert logical_of(visual[0]).startswith("نخستین جمله این بند")
    assert "پایان" in logical_of(visual[-1])


def test_paragraph_flowable_keeps_line_order_and_splits_between_lines() -> None:
    p = RtlParagraph(PARAGRAPH, BODY)
    _, height = p.wrap(180, 10_000)
    first, rest = p.split(180, height / 2)
    first.wrap(180, 10_000)
    rest.wrap(180, 10_000)
    top = [line for line, _ in first._lines]
    bottom = [line for line, _ in rest._lines]
    assert top + bottom == wrap(PARAGRAPH, REGULAR, BODY.size, 180)
    assert logical_of(top[0]).startswith("نخستین")


def test_brackets_are_mirrored_for_left_to_right_drawing() -> None:
    visual = shape("سامانه (سامد) و [ارجاع]")
    # Drawn left to right, the run «(سامد)» must show an opening bracket on the left.
    inner = shape("سامد")
    assert "(" + inner + ")" in visual
    assert "[" + shape("ارجاع") + "]" in visual
    assert visual.index("[") < visual.index("(")  # [ارجاع] comes later, so further left


def test_zwnj_is_removed_after_shaping_and_breaks_the_join() -> None:
    visual = shape("می‌شود")
    assert "\u200c" not in visual
    # «می» ends with a FINAL yeh and «شود» starts with an INITIAL sheen: the ZWNJ did its job.
    assert "\ufbfd" in visual  # ARABIC LETTER FARSI YEH FINAL FORM
    assert "\ufeb7" in visual  # ARABIC LETTER SHEEN INITIAL FORM
    assert "\ufbff" not in visual  # never the medial yeh that a lost ZWNJ would give
    assert logical_of(visual) == "میشود"


def test_letters_are_joined_with_presentation_forms() -> None:
    visual = shape("پژوهشگر چگونه")
    assert all(not ("\u0600" <= ch <= "\u06ff") for ch in visual if ch != " ")
    assert "\ufb58" in visual  # PEH INITIAL
    assert "\ufb95" in visual  # GAF MEDIAL (in «پژوهشگر»)
    assert "\ufb7c" in visual  # TCHEH INITIAL


def test_arabic_letter_variants_print_as_persian() -> None:
    assert shape("علي كريمي") == shape("علی کریمی")  # Arabic yeh and kaf from pasted text
    assert "\ufba5" in shape("محاسبهٔ آمار")  # heh + hamza above keeps its hamza, as «ۀ»


def test_lam_alef_uses_the_ligature() -> None:
    assert "\ufefc" in shape("کلا") or "\ufefb" in shape("لا")


@pytest.mark.parametrize(
    ("logical", "digits"),
    [("تعداد 1234 مورد", "۱۲۳۴"), ("تعداد ۴۵ مورد", "۴۵"), ("مبلغ 12,345 ریال", "۱۲٬۳۴۵")],
)
def test_numbers_are_shown_in_persian_digits(logical: str, digits: str) -> None:
    visual = shape(logical)
    assert digits in visual
    assert not any("0" <= ch <= "9" for ch in visual)


def test_a_latin_tracking_code_keeps_its_order_and_place() -> None:
    code = "1405-0001234-5"
    visual = shape(f"کد رهگیری {code} در سامانه SAMAD ثبت شد")
    assert code in visual  # its own left-to-right order, Latin digits kept
    assert "SAMAD" in visual
    # Right to left: «کد رهگیری» (rightmost), then the code, then «در سامانه», SAMAD, «ثبت شد».
    assert visual.index(shape("ثبت شد")) < visual.index("SAMAD") < visual.index(code)
    assert visual.index(code) < visual.index(shape("کد رهگیری"))


def test_a_code_at_the_end_of_a_wrapped_line_stays_whole() -> None:
    text = LONG_ACTIONS
    for line in wrap(text, REGULAR, 10, 200):
        if "1405" in line:
            assert "1405-0001234-5" in line


def test_explicit_isolates_from_callers_are_honoured() -> None:
    """persian.ltr() wraps a run in LRI…PDI; the pure-Python bidi would crash on it."""
    visual = shape("مسیر \u2066C:/Pol/report 3.pdf\u2069 ذخیره شد")  # as persian.ltr() makes it
    assert "C:/Pol/report 3.pdf" in visual
    assert not set(visual) & set("\u2066\u2067\u2068\u2069\u202a\u202c")
    assert shape("الف \u202aB\u202c ب") == shape("الف B ب")


def test_percent_sign_stands_left_of_the_number() -> None:
    for logical in ("سهم ٪۱۰ است", "سهم ۱۰٪ است", "٪۱۰"):
        assert "٪۱۰" in shape(logical)


def test_dates_keep_their_order() -> None:
    assert "۱۴۰۵/۰۹/۰۷" in shape("تاریخ ۱۴۰۵/۰۹/۰۷ است")
    assert "۱۴۰۵/۰۹/۰۷" in shape("تاریخ 1405/09/07 است")


def test_latin_lines_are_left_untouched() -> None:
    digest = "9f2c4e7a1b3d5f60" * 4
    assert shape(digest, rtl=False) == digest
    pieces = wrap(digest, REGULAR, 8, 120, rtl=False)  # too wide: cut, but never reordered
    assert len(pieces) > 1
    assert "".join(pieces) == digest


def test_width_is_measured_on_the_shaped_text() -> None:
    word = "پاسخگویی"
    assert text_width(word) == pytest.approx(stringWidth(shape(word), REGULAR, 10))
    assert text_width(word, BOLD, 12) > text_width(word, REGULAR, 10)


def test_hard_line_breaks_are_kept_and_marked() -> None:
    lines = wrap_paragraphs("سطر اول\nسطر دوم", REGULAR, 10, 400)
    assert [logical_of(v) for v, _ in lines] == ["سطر اول", "سطر دوم"]
    assert [last for _, last in lines] == [True, True]


CROSS_CHECK = [
    "٪۹۵ (۹۹ از ۱۰۴)",
    "در این سه‌ماهه در مجموع ۸٬۰۰۰ درخواست دریافت شد که نسبت به سه‌ماهه قبل (۷٬۲۰۰ درخواست) ٪۱۱ افزایش نشان می‌دهد.",
    "کد رهگیری: 1405-0001234-5؛ شهرستان: هریس؛ وضعیت فعلی: در حال پیگیری",
    "پرونده با کد رهگیری 1405-0001234-5 در سامانه SAMAD ثبت شده است و ٪۴۵ عملیات انجام شد.",
    "زمان تهیه: ۱۴۰۵/۱۰/۰۶ ۱۰:۰۰ و میانه ۳٫۵ روز کاری [برآورد] «سامد»",
    "۴٫۲ از ۵ (۱٬۴۴۰ نظر)",
    "سامانه ۱۱۱ (تلفن) و SAMAD 111 و Noto Sans Arabic",
    "۱- خلاصه عملکرد سه‌ماهه",
    "نمودار ۱: پاسخ مستقیم در برابر ارجاع، و سهم استانداری",
    "کمیته امداد امام خمینی (ره)",
    LONG_ACTIONS,
]


def reference_display(line: str) -> str:
    """The visual line from python-bidi's Rust implementation, with real LRI…PDI isolates."""
    isolated, runs = _isolate_runs(line, True)
    for placeholder, run in zip(_PLACEHOLDERS, runs, strict=False):
        isolated = isolated.replace(placeholder, "\u2066" + run + "\u2069")
    reference = rust_get_display(_RESHAPER.reshape(isolated), base_dir="R")
    return "".join(ch for ch in reference if ch not in "\u2066\u2069\u200c")


def assert_same_order(line: str) -> None:
    """Our visual line and the reference agree; brackets compare as a class (Rust does not mirror)."""
    brackets = str.maketrans("()[]«»", "||##''")
    assert shape(line).translate(brackets) == reference_display(line).translate(brackets), line


@pytest.mark.parametrize("text", CROSS_CHECK)
def test_reordering_agrees_with_the_rust_bidi_implementation(text: str) -> None:
    """Our placeholders give the order that real isolates give in an independent implementation."""
    assert_same_order(" ".join(text.split()))
