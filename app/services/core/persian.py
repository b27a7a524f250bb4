"""Persian text rules: normalisation, digits, search keys, national ID and mobile checks.

This is the ONE place where Persian text rules live; everything else calls these functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app.errors import ValidationError

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

# Search folding goes further than storage: hamza carriers and teh marbuta fold to plain letters,
# and what a paste brings from elsewhere folds to what a Persian keyboard types.
_SEARCH_LETTERS = {
    "\u0622": "\u0627",  # آ -> ا
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0671": "\u0627",  # ٱ alef wasla (Quranic text) -> ا
    "\u0672": "\u0627",  # ٲ alef with wavy hamza above: أ written otherwise
    "\u0673": "\u0627",  # ٳ alef with wavy hamza below: إ written otherwise
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u06cc",  # ئ -> ی
    "\u0629": "\u0647",  # ة -> ه
    "\u06c0": "\u0647",  # ۀ -> ه
    # Storage folds these already; a key made of text that skipped cleaning (a presentation
    # form's letter, search_key_of_clean's parts) must fold them too.
    "\u064a": "\u06cc",  # ي ARABIC YEH -> ی
    "\u0649": "\u06cc",  # ى ALEF MAKSURA -> ی
    "\u0643": "\u06a9",  # ك ARABIC KAF -> ک
    # Look-alikes that Urdu and Kurdish keyboards type for the same Persian letter. Not folded:
    # letters that are another sound in their own language (ٻ ې ێ ۍ ۆ ګ), whatever they look like.
    "\u06aa": "\u06a9",  # ڪ swash kaf -> ک
    "\u06d2": "\u06cc",  # ے yeh barree -> ی
    "\u06d3": "\u06cc",  # ۓ yeh barree with hamza -> ی (as ئ)
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u06c2": "\u0647",  # ۂ heh goal with hamza -> ه (as ۀ)
    "\u06c3": "\u0647",  # ۃ teh marbuta goal -> ه (as ة)
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06d5": "\u0647",  # ە ae (Kurdish) -> ه
    "\u066b": ".",  # ٫ Arabic decimal separator: «۲٫۵» is «2.5»
    "\u066a": "%",  # ٪ Arabic percent sign
}
# Invisible characters a key never holds: ZWNJ (so «می‌شود» is «میشود»), tatweel, and every
# format mark a paste from Word or the web brings (soft hyphen, Arabic letter mark, Mongolian
# vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings, overrides and isolates,
# word joiner and invisible operators, deprecated format controls, BOM). clean_text drops some
# of them; the key drops them all, whatever path the text took.
_SEARCH_DROPPED = "".join(map(chr, (
    0x0640, 0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
    *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF)))
# Harakat and Quranic marks: «مُحَمَّد» is «محمد».
_HARAKAT = "".join(map(chr, (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))))
# Digits a Persian reader pastes: Persian, Arabic-Indic and fullwidth (storage folds the first
# two; fullwidth come through NFKC below). Other scripts' digits are no digits of ours.
_SEARCH_DIGITS = {a: b for a, b in zip(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS,
                                       _LATIN_DIGITS * 2, strict=True)}
# Arabic presentation forms (text copied out of a PDF, Pol's own included; lam-alef ligatures
# become two letters) and fullwidth ASCII («１٤٠٥», «ＳＡＭＡＤ»): NFKC gives the letters they
# stand for. NFKC is applied to these ranges only: elsewhere it rewrites more than a search
# should (superscripts, fractions, compatibility ideographs …).
_COMPAT_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE), (0xFF01, 0xFF5E))


def _search_table() -> dict[str, str]:
    """Character -> its folded text, complete: every output is folded already (one pass)."""
    table: dict[str, str] = {
        **_SEARCH_LETTERS, **_SEARCH_DIGITS, **dict.fromkeys(_SEARCH_DROPPED + _HARAKAT, "")
    }

    def fold(text: str) -> str:
        return "".join("".join(table.get(ch, ch) for ch in text.lower()).split())

    for first, last in _COMPAT_RANGES:
        for code in range(first, last + 1):
            ch = chr(code)
            compat = unicodedata.normalize("NFKC", ch)
            if compat != ch:
                table[ch] = fold(compat)  # «ﷺ» is four words: spaces go, as in any key
    return table


_SEARCH_FOLD = _search_table()
# The thousands separators «1,234», «۱٬۲۳۴» and «۱،۲۳۴» between two digits: «1234». A comma with
# anything else beside it stays (a key has no spaces, so «12، 13» is «12،13» before this and
# «1213» after it: a search for either number still finds it).
_THOUSANDS = ",\u066c\u060c"
_DIGIT_SEP_RE = re.compile(f"[{_THOUSANDS}](?<=[0-9][{_THOUSANDS}])(?=[0-9])")

_DIGITS_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)
_SPACE_RE = re.compile(r"\s+")
_ZWNJ_RUN_RE = re.compile("\u200c{2,}")
_ZWNJ_SPACED_RE = re.compile(r"\s*\u200c\s*")
_TO_PERSIAN = str.maketrans(_LATIN_DIGITS + _ARABIC_INDIC_DIGITS, _PERSIAN_DIGITS * 2)


# Characters that never belong in stored text: C0/C1 controls (tab and the line breaks are
# handled as whitespace below, never dropped: dropping them would glue words together), DEL,
# the bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069) that can turn the
# rest of a line around on screen and paper, the Arabic letter mark U+061C, the deprecated
# format controls U+206A-U+206F, the byte-order mark U+FEFF and lone surrogates (no database
# can store them). ZWNJ (U+200C) stays: Persian spelling needs it. ZWJ, LRM and RLM
# (U+200D-U+200F) stay too: the Iranian standard keyboard (ISIRI 9147) types them, they only
# affect their neighbours and cannot reverse a run; codes and search keys drop them anyway.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u061c\u202a-\u202e\u2066-\u206f\ufeff\ud800-\udfff]"
)
# Line separators in every form a file or a paste may bring (CR LF, CR, VT, FF, FS-US, NEL,
# LS, PS): they become one newline.
_LINE_BREAK_RE = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Either of the two above (not tab, not newline): most text has none and is returned as is.
_SUSPECT_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\u202a-\u202e\u2066-\u206f\ufeff"
    "\ud800-\udfff]"
)
_ZWNJ_RUN_RE = re.compile("\u200c{2,}")
# A ZWNJ beside a space means nothing: a whole run of spaces and ZWNJs that holds both becomes
# one space. (Matching only a ZWNJ and the spaces next to it left «0\u200c\t\u200c» as «0 \u200c»,
# which a second cleaning turned into «0»: cleaning must give the same text when run twice.)
_ZWNJ_SPACE_RE = re.compile(r"[\s\u200c]*(?:\s\u200c|\u200c\s)[\s\u200c]*")
# Characters storage rewrites: Arabic yeh/kaf, Persian and Arabic-Indic digits.
_STORE_RE = re.compile("[\u064a\u0649\u0643\u06f0-\u06f9\u0660-\u0669]")


# Compiled once: a large import checks a national ID and a mobile on every row.
_TEN_DIGITS_RE = re.compile(r"[0-9]{10}")
_MOBILE_PUNCT_RE = re.compile(r"[\-()]")
_MOBILE_RE = re.compile(r"09[0-9]{9}")


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of the characters, runs of consecutive code points as ranges."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _translate(s: str, pattern: re.Pattern[str], chars: dict[str, str]) -> str:
    """What s.translate(table) gives, faster: str.translate looks every character of non-ASCII
    text up in the table (a quarter of a large import's time), the pattern visits only the
    characters that change."""
    return pattern.sub(lambda m: chars[m.group()], s) if pattern.search(s) else s


_SEARCH_RE = re.compile(_char_class(_SEARCH_FOLD))


def _fold_key(s: str) -> str:
    """The search fold of normalised text: lower case, _SEARCH_FOLD, no spaces, no thousands
    separators between digits. Idempotent; applied to a key made by an older fold it gives the
    key this fold makes (migration 0007k relies on that)."""
    s = "".join(s.lower().split())
    if not s.isascii():
        s = _translate(s, _SEARCH_RE, _SEARCH_FOLD)
        # A dropped space or Arabic mark can leave an accent beside a letter it now joins
        # («a \u0301», «a\u0654\u0301»: NFC makes «á»); without this a key would change when
        # keyed again.
        if not unicodedata.is_normalized("NFC", s):
            s = unicodedata.normalize("NFC", s)
    if "," in s or "\u066c" in s or "\u060c" in s:
        s = _DIGIT_SEP_RE.sub("", s)
    return s


def drop_unsafe(text: str | None) -> str:
    """Remove control, bidi-override and invisible format characters; keep tab and newline.

    Only removes (line breaks become «\n»), never rewrites letters: the exporters use it on
    text already stored, and clean_text uses it before normalising new text.
    """
    if not text:
        return ""
    if _SUSPECT_RE.search(text) is None:
        return text
    return _UNSAFE_RE.sub("", _LINE_BREAK_RE.sub("\n", text))


def clean_text(value: str | None, multiline: bool = False) -> str:
    """The one cleaning every citizen or office text goes through before it is stored.

    Drops control and bidi-override characters (drop_unsafe), then normalises: NFC, Persian
    ی/ک, Latin digits, single spaces, trimmed. Multi-line text keeps its line breaks (one
    trimmed line each); single-line text (names, subjects, numbers) folds them into spaces.
    ZWNJ is kept (it is part of correct Persian spelling) but doubled or stray ones are cleaned.
    """
    if not value:
        return ""
    s = value if _SUSPECT_RE.search(value) is None else drop_unsafe(value)
    # ASCII text (codes, numbers, dates) is NFC already and has no Arabic letter or ZWNJ.
    if not s.isascii():
        if not unicodedata.is_normalized("NFC", s):
            s = unicodedata.normalize("NFC", s)
        if _STORE_RE.search(s):
            s = s.translate(_STORE_MAP)
        if ZWNJ in s:
            s = _ZWNJ_SPACE_RE.sub(" ", _ZWNJ_RUN_RE.sub(ZWNJ, s))
    # str.split() and the regex «\s» agree on what a space is; splitting is much faster than
    # substituting (a large import cleans every cell). drop_unsafe made every line break «\n».
    if not multiline or "\n" not in s:
        return " ".join(s.split())
    # One space at most between words, none at either end of a line.
    return "\n".join([" ".join(line.split()) for line in s.split("\n")]).strip()


def normalize(text: str | None) -> str:
    """Normalise text for storage or comparison: clean_text of multi-line text."""
    return clean_text(text, multiline=True)


def search_key(text: str | None) -> str:
    """Return the folded form used for searching: no harakat, no ZWNJ, no spaces, lower case.

    Spaces and ZWNJ are removed altogether so that «می‌شود», «می شود» and «میشود» share one key.
    What a paste brings folds too: bidi and other invisible marks, presentation forms (a PDF's
    text), look-alike letters of Urdu and Kurdish keyboards, fullwidth digits and thousands
    separators between digits («۱٬۲۳۴» and «1,234» are «1234»).
    """
    if not text:
        return ""
    return _fold_key(normalize(text))


def clean_line(cleaned: str) -> str:
    """clean_text(cleaned) for text already through clean_text or normalize, faster.

    A large import reads every cell through normalize; cleaning it again costs as much again.
    Only a line break (folded here) can change such text; text with a ZWNJ is cleaned again
    as well, which costs little and keeps this safe should the ZWNJ rules change.
    """
    return clean_text(cleaned) if "\n" in cleaned or ZWNJ in cleaned else cleaned


def search_key_of_clean(text: str) -> str:
    """search_key(text) for clean_text outputs (and NFC codes) joined by spaces, faster.

    Normalising again could only change the spaces and ZWNJs where the parts meet, and the
    search key drops both anyway.
    """
    return _fold_key(text)


# The longest search a user types: a tracking code, a national ID, a name or a few words of a
# subject fit many times over (about 30 Persian words). Every word becomes one substring
# condition over the whole search index, so an unbounded paste (100,000 characters took 9 s)
# would hold a database connection for nothing.
SEARCH_MAX = 200


def search_text(query: str | None) -> str:
    """A user's search text, cleaned like stored text; too long a text is refused in Persian."""
    from app.services.core import messages as msg  # messages imports this module

    text = clean_text(query)
    if len(text) > SEARCH_MAX:
        raise ValidationError({"text": msg.search_too_long(SEARCH_MAX)})
    return text


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into search keys, one per word; every key must match."""
    words = search_text(query).replace(ZWNJ, " ").split()
    keys = list(dict.fromkeys(k for k in (search_key(w) for w in words) if k))
    # A key inside another key adds nothing but one more scan («آب آب آب…», «قطع قطعی»).
    return [k for k in keys if not any(k != o and k in o for o in keys)]


def to_latin_digits(text: str | None) -> str:
    """Replace Persian and Arabic-Indic digits by Latin ones (and nothing else)."""
    if not text:
        return ""
    return text.translate(_DIGITS_TO_LATIN)


def _invisible(ch: str) -> bool:
    """A character a code never contains: a space, a control, a format mark or a surrogate."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")


def canonical_code(value: str | None) -> str:
    """A code (SAMAD tracking code, national ID, mobile) as stored and compared.

    Persian and Arabic-Indic digits made Latin, spaces and every invisible or control character
    removed, so «۷۷۱۲۳۴», «77 1234», «7712\u200e34» and «77\u200b1234» are one code. Letters
    and visible separators are kept as they are (other scripts' digits too: they are no digits
    of ours, and a check must refuse them rather than read them).
    """
    s = value or ""
    if s.isascii() and s.isalnum():
        return s  # the usual case, taken fast on every imported row
    return "".join(ch for ch in s.translate(_DIGITS_TO_LATIN) if not _invisible(ch))


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


_DIGIT_RUN_RE = re.compile(r"[0-9]+(?:[-.][0-9]+)*")
_PERSIAN_LETTER_RE = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def ltr(text: str) -> str:
    """Isolate a left-to-right run (a path, a URL, a code) inside Persian text (LRI … PDI)."""
    return f"\u2066{text}\u2069"


def ltr_digit_runs(text: str) -> str:
    """Each run of Latin digits (with «-» or «.» inside) in its own left-to-right isolate.

    For a code that mixes letters and digits in a right-to-left sentence, e.g. the letter number
    «3/ص/1405-17»: the digits stay Latin (as stored) and the runs keep their right-to-left order.
    """
    return _DIGIT_RUN_RE.sub(lambda m: ltr(m.group()), text)


def ltr_code(code: str) -> str:
    """A code or letter number inside Persian text: one left-to-right isolate, unless it holds
    Persian letters («3/ص/1405-17»): then it reads right to left as written, only its digit
    runs isolated (in one isolate «ص» would stand among the digits)."""
    return ltr_digit_runs(code) if _PERSIAN_LETTER_RE.search(code) else ltr(code)


def rtl(text: str) -> str:
    """Isolate a right-to-left run (RLI … PDI): its brackets and «date time» order hold anywhere."""
    return f"\u2067{text}\u2069"


def is_valid_national_id(value: str | None) -> bool:
    """Check an Iranian national ID (کد ملی): ten digits with a check digit; ten equal digits fail."""
    digits = to_latin_digits((value or "").strip())
    # [0-9], not \d: \d also matches other scripts' digits (e.g. fullwidth), which int() accepts.
    if not _TEN_DIGITS_RE.fullmatch(digits) or len(set(digits)) == 1:
        return False
    s = sum(int(digits[i]) * (10 - i) for i in range(9))
    r = s % 11
    check = int(digits[9])
    return check == r if r < 2 else check == 11 - r


def clean_national_id(value: str | None) -> str:
    """Return a national ID as ten Latin digits (Persian digits, spaces and dashes removed)."""
    return canonical_code(value).replace("-", "")


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
    s = _MOBILE_PUNCT_RE.sub("", canonical_code(value))
    if s.startswith("+98"):
        s = "0" + s[3:]
    elif s.startswith("0098"):
        s = "0" + s[4:]
    elif s.startswith("98") and len(s) == 12:
        s = "0" + s[2:]
    elif s.startswith("9") and len(s) == 10:
        s = "0" + s
    return s if _MOBILE_RE.fullmatch(s) else None


# Persian alphabetical order: Python's (and SQLite's) code-point order would put پ چ ژ ک گ
# after ی.
_ALPHABET = "آاأإءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوؤهةیئ"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def sort_key(text: str) -> tuple[int, ...]:
    """A key that orders Persian names alphabetically (letters first, then anything else)."""
    key = normalize(text).replace(ZWNJ, " ")
    return tuple(_RANK.get(ch, 100 + ord(ch) if ch != " " else -1) for ch in key)
