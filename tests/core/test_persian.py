"""Tests for app.services.core.persian: normalisation, search keys, digits, national ID and mobile checks."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.services.core.persian import (
    ZWNJ,
    clean_national_id,
    format_number,
    format_percent,
    is_valid_national_id,
    national_id_check_digit,
    normalize,
    normalize_mobile,
    search_key,
    search_terms,
    to_latin_digits,
    to_persian_digits,
)

ARABIC_YEH = "\u064a"
ARABIC_KAF = "\u0643"
FATHA, KASRA, SHADDA, TANWIN = "\u064e", "\u0650", "\u0651", "\u064b"

# --- normalisation --------------------------------------------------------------------------------


def test_normalize_arabic_letters_to_persian() -> None:
    assert normalize(f"{ARABIC_KAF}ت{ARABIC_YEH}ب") == "کتیب"
    assert normalize("علي") == "علی"
    assert normalize("مصطفى") == "مصطفی"  # alef maksura
    assert ARABIC_YEH not in normalize("يك") and ARABIC_KAF not in normalize("يك")


def test_normalize_digits_to_latin_for_storage() -> None:
    assert normalize("پلاک ۱۲۳") == "پلاک 123"
    assert normalize("پلاک ١٢٣") == "پلاک 123"  # Arabic-Indic


def test_normalize_spaces_and_zwnj() -> None:
    assert normalize("  سلام   دنیا  ") == "سلام دنیا"
    assert normalize(f"می{ZWNJ}شود") == f"می{ZWNJ}شود"  # correct spelling keeps its ZWNJ
    assert normalize(f"می{ZWNJ}{ZWNJ}شود") == f"می{ZWNJ}شود"
    assert normalize(f"می {ZWNJ} شود") == "می شود"  # a stray ZWNJ next to a space goes
    assert normalize("خط اول  \n   خط دوم") == "خط اول\nخط دوم"
    assert normalize(None) == "" and normalize("") == ""


def test_normalize_keeps_harakat_for_storage() -> None:
    # Harakat are the citizen's text; only the search key drops them.
    assert FATHA in normalize(f"م{FATHA}ن")


def test_normalize_is_idempotent_examples() -> None:
    for text in ["كتاب ۱۲", f"می {ZWNJ}شود", "  a  b  ", f"بِسم{ZWNJ}{ZWNJ}الله",
                 f"0{ZWNJ}\t{ZWNJ}", f"ا {ZWNJ} {ZWNJ}\nب"]:
        once = normalize(text)
        assert normalize(once) == once


@given(st.text(alphabet=f"ابپتکیيك ۰۱۲٠١٢012{ZWNJ}\n\t{FATHA}", max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert ARABIC_YEH not in once and ARABIC_KAF not in once
    assert not any(c in once for c in "۰۱۲٠١٢")


# --- search ---------------------------------------------------------------------------------------


def test_search_key_zwnj_space_and_arabic_letters_are_equivalent() -> None:
    forms = [f"می{ZWNJ}شود", "می شود", "میشود", f"م{ARABIC_YEH}شود", f"  مي{ZWNJ} شود "]
    keys = {search_key(f) for f in forms}
    assert keys == {"میشود"}


def test_search_key_strips_harakat() -> None:
    assert search_key(f"م{FATHA}حمّد") == search_key("محمد")
    assert search_key(f"ب{KASRA}س{SHADDA}م") == "بسم"
    assert search_key(f"قطعاً{TANWIN}") == "قطعا"


def test_search_key_folds_hamza_carriers_digits_and_case() -> None:
    assert search_key("آب") == search_key("اب")
    assert search_key("مسئله") == search_key("مسیله")
    assert search_key("۱۲۳") == search_key("123") == "123"
    assert search_key("SAMAD") == search_key("samad")
    assert search_key(None) == "" and search_key("") == ""


def test_search_terms() -> None:
    assert search_terms("  شکايت   آب ") == ["شکایت", "اب"]
    assert search_terms(f"می{ZWNJ}شود") == search_terms("می شود") == ["می", "شود"]
    assert search_terms("") == [] and search_terms(None) == [] and search_terms("   ") == []
    # Every term of a query in any spelling is found in the key of the stored text.
    stored = search_key(f"این کار انجام می{ZWNJ}شود")
    for query in ["می شود", "میشود", f"می{ZWNJ}شود", "ميشود", "انجام"]:
        assert all(term in stored for term in search_terms(query)), query


# --- digits and numbers ---------------------------------------------------------------------------


def test_digit_conversions() -> None:
    assert to_persian_digits(1405) == "۱۴۰۵"
    assert to_persian_digits("1405/09/07") == "۱۴۰۵/۰۹/۰۷"
    assert to_persian_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_latin_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_latin_digits("کد ۱۲ abc") == "کد 12 abc"
    assert to_latin_digits(None) == ""


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_round_trip(n: int) -> None:
    assert to_latin_digits(to_persian_digits(n)) == str(n)


def test_format_number() -> None:
    assert format_number(0) == "۰"
    assert format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert format_number(1234.567, 2) == "۱٬۲۳۴٫۵۷"
    assert format_number(12.0) == "۱۲"
    assert format_number(-1500) == "-۱٬۵۰۰"


def test_format_percent() -> None:
    assert format_percent(0.1) == "٪۱۰"
    assert format_percent(1) == "٪۱۰۰"
    assert format_percent(0.0) == "٪۰"
    assert format_percent(0.1234, 1) == "٪۱۲٫۳"


# --- national ID ----------------------------------------------------------------------------------

# Known-valid IDs, each checked by hand with the glossary's rule
# s = Σ d_i·(11−i) for i = 1..9, r = s mod 11, valid when (r < 2 and d10 = r) or (r ≥ 2 and d10 = 11 − r):
#   0013542419: 0·10+0·9+1·8+3·7+5·6+4·5+2·4+4·3+1·2 = 101, r = 2, d10 = 11−2 = 9 ✓
#   0499370899: 0·10+4·9+9·8+9·7+3·6+7·5+0·4+8·3+9·2 = 266, r = 2, d10 = 9 ✓
#   0790419904: 0·10+7·9+9·8+0·7+4·6+1·5+9·4+9·3+0·2 = 227, r = 7, d10 = 11−7 = 4 ✓
#   1000000011: 1·10+1·2 = 12, r = 1 < 2, d10 = 1 ✓
#   0100000010: 1·9+1·2 = 11, r = 0 < 2, d10 = 0 ✓
KNOWN_VALID = ["0013542419", "0499370899", "0790419904", "1000000011", "0100000010"]


@pytest.mark.parametrize("nid", KNOWN_VALID)
def test_known_valid_national_ids(nid: str) -> None:
    assert is_valid_national_id(nid)
    assert national_id_check_digit(nid[:9]) == nid[9]
    assert is_valid_national_id(to_persian_digits(nid))
    assert is_valid_national_id(f"  {nid} ")


@pytest.mark.parametrize("prefix", ["123456789", "001354241", "987654321", "555000111"])
def test_made_national_ids_validate(prefix: str) -> None:
    assert is_valid_national_id(prefix + national_id_check_digit(prefix))


@pytest.mark.parametrize(
    "nid",
    [
        "0013542418",  # wrong check digit
        "0013542410",
        "1000000010",  # r = 1 needs d10 = 1
        "0100000011",  # r = 0 needs d10 = 0
        "1111111111",  # ten equal digits (the formula alone would accept it)
        "0000000000",
        "5555555555",
        "001354241",  # 9 digits
        "00135424190",  # 11 digits
        "00135424a9",  # a letter
        "abcdefghij",
        "0013-542419",
        "",
        None,
        "００１３５４２４１９",  # fullwidth digits are not accepted as digits
    ],
)
def test_invalid_national_ids(nid: str | None) -> None:
    assert not is_valid_national_id(nid)


def test_ten_equal_digits_would_pass_the_formula() -> None:
    # Why the all-equal rule exists: for every digit d, the formula alone accepts dddddddddd.
    for d in "0123456789":
        assert national_id_check_digit(d * 9) == d


def test_clean_national_id() -> None:
    assert clean_national_id("۰۰۱-۳۵۴۲۴۱-۹") == "0013542419"
    assert clean_national_id(" 001 354 2419 ") == "0013542419"
    assert clean_national_id(None) == ""


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_prefix_with_its_check_digit_validates(prefix: str) -> None:
    nid = prefix + national_id_check_digit(prefix)
    if len(set(nid)) == 1:
        assert not is_valid_national_id(nid)
    else:
        assert is_valid_national_id(nid)


@given(
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.sampled_from("0123456789"),
)
def test_any_other_check_digit_fails(prefix: str, wrong: str) -> None:
    assume(wrong != national_id_check_digit(prefix))
    assert not is_valid_national_id(prefix + wrong)


# --- mobile ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "9121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "0912 123 4567",
        "0912-123-4567",
        " +98 912 123 4567 ",
        "(0912) 123-4567",
        "\u200e+98 912 123 4567\u200f",
    ],
)
def test_normalize_mobile_valid(text: str) -> None:
    assert normalize_mobile(text) == "09121234567"


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "0912123456",  # too short
        "091212345678",  # too long
        "912123456",
        "+98912123456",
        "00989121234",
        "02112345678",  # a Tehran landline
        "+442071234567",
        "08121234567",
        "0912abc4567",
        "۰۹۱۲۱۲۳۴۵۶",
        "０９１２１２３４５６７",  # fullwidth digits
    ],
)
def test_normalize_mobile_invalid(text: str | None) -> None:
    assert normalize_mobile(text) is None


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_normalize_mobile_all_forms_agree(rest: str) -> None:
    expected = "09" + rest
    for form in (expected, "9" + rest, "+989" + rest, "00989" + rest, "989" + rest):
        assert normalize_mobile(form) == expected
    assert normalize_mobile(to_persian_digits(expected)) == expected
