"""What a file is and what it may be called: the content's type, damage, a safe name.

The type comes from the bytes (the `filetype` package's magic numbers), never from the name:
a letter saved as «.jpg» that is a PDF is a PDF. A PDF or picture cut short (a scan copied
while the scanner was still writing, a mail attachment half downloaded) is refused here; a
name that claims a picture or PDF over content that is nothing known is refused as damaged.
The name is kept as the person gave it, minus what could hurt: path separators, characters
Windows forbids, control and bidi-override characters (an RLO can make «exe.pdf» of
«fdp.exe»), reserved device names, and length beyond what a file system keeps.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass

import filetype

from app.services.attachments.dto import DEFAULT_NAME, IMAGE, OTHER, PDF, same_extension

# Pictures Pol previews (what Qt reads here); others are kept as «other» and only saved.
PREVIEW_IMAGES = frozenset({"jpg", "png", "gif", "bmp", "tif", "webp"})
# Names that promise a picture or a PDF.
PREVIEW_NAMES = frozenset({"pdf", *PREVIEW_IMAGES, "jpeg", "jpe", "jfif", "tiff"})
# Bytes of a file system name (ext4, NTFS allow 255); room is left for «.pdf» added on saving.
MAX_NAME_BYTES = 200
_FORBIDDEN = set('/\\:*?"<>|')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_KEEP_FORMAT = {"\u200c", "\u200d"}  # ZWNJ and ZWJ belong to Persian spelling


@dataclass(frozen=True)
class Sniffed:
    """What the bytes say they are."""

    kind: str
    mime: str
    extension: str


def sniff(data: bytes) -> Sniffed:
    """The type of some bytes, from their magic numbers."""
    found = filetype.guess(data[:8192])
    if found is None:
        return Sniffed(OTHER, "application/octet-stream", "")
    ext = same_extension(found.extension)
    if ext == "pdf":
        return Sniffed(PDF, found.mime, ext)
    if ext in PREVIEW_IMAGES:
        return Sniffed(IMAGE, found.mime, ext)
    return Sniffed(OTHER, found.mime, ext[:10])


def damage(sniffed: Sniffed, data: bytes) -> str | None:
    """The name of the format when the content is cut short or broken, else None."""
    tail = data[-2048:]
    ext = sniffed.extension
    if ext == "pdf" and b"%%EOF" not in tail:
        return "PDF"
    if ext == "png" and b"IEND" not in data[-64:]:
        return "PNG"
    if ext == "bmp" and len(data) >= 6 and struct.unpack("<I", data[2:6])[0] > len(data):
        return "BMP"
    if ext == "webp" and len(data) >= 8 and struct.unpack("<I", data[4:8])[0] + 8 > len(data):
        return "WEBP"
    return None


def claims_preview(name: str) -> str | None:
    """The extension of a name that promises a picture or a PDF, else None."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem and ext.lower() in PREVIEW_NAMES else None


def _cut(text: str, max_bytes: int) -> str:
    """`text` cut at a character boundary to at most `max_bytes` UTF-8 bytes."""
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    return raw[:max_bytes].decode("utf-8", errors="ignore")


def clean_name(given: str) -> str:
    """A file name safe to keep, show and save as, close to the one given.

    Path separators (either) and characters that could redirect a save become «_», so what the
    person saw stays readable; characters that reorder the text on screen or are invisible are
    dropped; the name is cut to MAX_NAME_BYTES keeping its extension.
    """
    out = []
    for ch in unicodedata.normalize("NFC", given or ""):
        cat = unicodedata.category(ch)
        if ch in _FORBIDDEN or cat == "Cs":  # Cs: bytes of no encoding (surrogate escapes)
            out.append("_")
        elif cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat == "Cf" and ch not in _KEEP_FORMAT:
            continue
        else:
            out.append(ch)
    name = " ".join("".join(out).split()).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10 or " " in ext:
        stem, ext = name, ""
    stem = stem.strip(" .")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    suffix = f".{ext}" if ext else ""
    stem = _cut(stem, MAX_NAME_BYTES - len(suffix.encode("utf-8"))).strip(" .")
    return (stem or DEFAULT_NAME) + suffix
