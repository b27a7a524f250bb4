"""Persian text rules: normalisation, digits, search keys, national ID and mobile checks.

This is the ONE place where Persian text rules live; everything else calls these functions.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_LATIN_DIGITS = "0123456789"

# Storage normalisation: Arabic letter variants -> the Persian letters a Persian keyboard types.
_STORE_MAP = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        **{a: b for a, b in zip(_PERSIAN_DIGITS, _LATIN_DIGITS, strict=True)},
        **{a: b for a, b in zip(_ARABIC_INDIC_DIGITS, _LATIN_DIGITS, strict=True)},
    }
)

# Search folding goes further than storage: hamza carriers and teh marbuta fold to plain letters.
_SEARCH_MAP = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u06cc",  # ئ -> ی
        "\u0629": "\u0647",  # ة -> ه
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u0640": None,  # tatweel
        ZWNJ: None,
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
    }
)

_DIGITS_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)
_HARAKAT_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACE_RE = re.compile(r"\s+")
_ZWNJ_RUN_RE = re.compile("\u200c{2,}")
_ZWNJ_SPACED_RE = re.compile(r"\s*\u200c\s*")
_TO_PERSIAN = str.maketrans(_LATIN_DIGITS + _ARABIC_INDIC_DIGITS, _PERSIAN_DIGITS * 2)


def _char_pattern(table: dict[int, str | None]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern matching the characters a translate table changes, and their replacements."""
    chars = {chr(k): v or "" for k, v in table.items()}
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]"), chars


def _translate(s: str, pattern: re.Pattern[str], chars: dict[str, str]) -> str:
    """What s.translate(table) gives, faster: str.translate looks every character of non-ASCII
    text up in the table (a quarter of a large import's time), the pattern visits only the
    characters that change."""
    return pattern.sub(lambda m: chars[m.group()], s) if pattern.search(s) else s


_STORE_RE, _STORE_CHARS = _char_pattern(_STORE_MAP)
_SEARCH_RE, _SEARCH_CHARS = _char_pattern(_SEARCH_MAP)


def normalize(text: str | None) -> str:
    """Normalise text for storage: Persian ی/ک, Latin digits, single spaces, trimmed.

    ZWNJ is kept (it is part of correct Persian spelling) but doubled or stray ones are cleaned.
    """
    if not text:
        return ""
    s = _translate(unicodedata.normalize("NFC", text), _STORE_RE, _STORE_CHARS)
    if ZWNJ in s:  # most cells have none; the two passes cost a large import dearly
        s = _ZWNJ_RUN_RE.sub(ZWNJ, s)
        s = _ZWNJ_SPACED_RE.sub(lambda m: ZWNJ if m.group(0) == ZWNJ else " ", s)
    lines = s.splitlines()
    if len(lines) == 1:  # the usual cell: one line, no join needed
        return " ".join(lines[0].split())  # split() is _SPACE_RE's whitespace, and faster
    s = "\n".join(" ".join(line.split()) for line in lines)
    return s.strip()


def search_key(text: str | None) -> str:
    """Return the folded form used for searching: no harakat, no ZWNJ, no spaces, lower case.

    Spaces and ZWNJ are removed altogether so that «می‌شود», «می شود» and «میشود» share one key.
    """
    if not text:
        return ""
    s = normalize(text).lower()
    s = _translate(_HARAKAT_RE.sub("", s), _SEARCH_RE, _SEARCH_CHARS)
    return "".join(s.split())


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into search keys, one per word; every key must match."""
    if not query:
        return []
    words = normalize(query).replace(ZWNJ, " ").split()
    return [k for k in (search_key(w) for w in words) if k]


def to_latin_digits(text: str | None) -> str:
    """Replace Persian and Arabic-Indic digits by Latin ones (and nothing else)."""
    if not text:
        return ""
    return text.translate(_DIGITS_TO_LATIN)


def to_persian_digits(value: object) -> str:
    """Render a value with Persian digits (۰–۹), as the interface and the report show numbers."""
    return str(value).translate(_TO_PERSIAN)


def format_number(value: int | float, decimals: int = 0) -> str:
    """Format a number with Persian digits, Persian thousands separator (٬) and decimal mark (٫)."""
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))


def format_percent(value: float, decimals: int = 0) -> str:
    """Format a fraction (0.1) as a Persian percentage («٪۱۰»)."""
    return "٪" + format_number(value * 100, decimals)


def ltr(text: str) -> str:
    """Isolate a left-to-right run (a path, a URL, a code) inside Persian text (LRI … PDI)."""
    return f"\u2066{text}\u2069"


def is_valid_national_id(value: str | None) -> bool:
    """Check an Iranian national ID (کد ملی): ten digits with a check digit; ten equal digits fail."""
    digits = to_latin_digits((value or "").strip())
    # [0-9], not \d: \d also matches other scripts' digits (e.g. fullwidth), which int() accepts.
    if not re.fullmatch(r"[0-9]{10}", digits) or len(set(digits)) == 1:
        return False
    s = sum(int(digits[i]) * (10 - i) for i in range(9))
    r = s % 11
    check = int(digits[9])
    return check == r if r < 2 else check == 11 - r


def clean_national_id(value: str | None) -> str:
    """Return a national ID as ten Latin digits (Persian digits, spaces and dashes removed)."""
    return re.sub(r"[\s\-]", "", to_latin_digits(value or ""))


def national_id_check_digit(first_nine: str) -> str:
    """Compute the check digit for nine leading digits (used to make valid demo IDs)."""
    s = sum(int(first_nine[i]) * (10 - i) for i in range(9))
    r = s % 11
    return str(r if r < 2 else 11 - r)


def normalize_mobile(value: str | None) -> str | None:
    """Return an Iranian mobile number as «09xxxxxxxxx», or None when it is not one.

    Accepts «09…», «9…», «+989…», «00989…», «989…», Persian digits, spaces and dashes.
    """
    if not value:
        return None
    s = re.sub(r"[\s\-()\u200e\u200f]", "", to_latin_digits(value))
    if s.startswith("+98"):
        s = "0" + s[3:]
    elif s.startswith("0098"):
        s = "0" + s[4:]
    elif s.startswith("98") and len(s) == 12:
        s = "0" + s[2:]
    elif s.startswith("9") and len(s) == 10:
        s = "0" + s
    return s if re.fullmatch(r"09[0-9]{9}", s) else None


# Persian alphabetical order: Python's (and SQLite's) code-point order would put پ چ ژ ک گ
# after ی.
_ALPHABET = "آاأإءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوؤهةیئ"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def sort_key(text: str) -> tuple[int, ...]:
    """A key that orders Persian names alphabetically (letters first, then anything else)."""
    key = normalize(text).replace(ZWNJ, " ")
    return tuple(_RANK.get(ch, 100 + ord(ch) if ch != " " else -1) for ch in key)
