"""Helpers to read a rendered PDF back: page count, pdftotext, OCR (pdftoppm + Tesseract fas).

The OCR matching follows shared/tools/pdf-read-check: normalise both sides, then take the smallest
edit distance between an expected phrase and any window of the recognised text (Sellers).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def page_count(pdf: bytes) -> int:
    """Number of pages, counted from the page objects of a reportlab PDF."""
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def norm(s: str) -> str:
    """Normalise like pdf-read-check: NFKC, Persian yeh/kaf, ZWNJ as space, no harakat, one space."""
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    s = s.replace("\u200c", " ")
    s = _BIDI_MARKS.sub("", s)
    s = re.sub(r"[\u064b-\u0652]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def best_window(needle: str, hay: str) -> tuple[int, int]:
    """(smallest edit distance of needle to any substring of hay, end index of that substring)."""
    exact = hay.find(needle)
    if exact >= 0:
        return 0, exact + len(needle)
    prev = [0] * (len(hay) + 1)
    for i, c in enumerate(needle, 1):
        cur = [i] + [0] * len(hay)
        for j, h in enumerate(hay, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c != h))
        prev = cur
    best = min(prev)
    return best, prev.index(best)


def pdftotext_pages(path: Path) -> list[str]:
    """The text layer of each page (poppler reorders it logically), normalised; skips without it."""
    if not shutil.which("pdftotext"):
        reason = "pdftotext (Debian: poppler-utils) is not installed"
        if os.environ.get("POL_REQUIRE_OCR") == "1":
            pytest.fail(reason + "; POL_REQUIRE_OCR=1 forbids skipping")
        pytest.skip(reason)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [norm(p) for p in out.stdout.split("\f")[:-1]]


def require_ocr() -> None:
    """Skip (or fail when POL_REQUIRE_OCR=1) unless pdftoppm, tesseract and its fas model exist."""
    missing = [tool for tool in ("pdftoppm", "tesseract") if not shutil.which(tool)]
    if not missing:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
        if "fas" not in (langs.stdout + langs.stderr).split():
            missing.append("tesseract-ocr-fas (the Persian model)")
    if missing:
        reason = (
            "OCR needs "
            + ", ".join(missing)
            + " (Debian: poppler-utils tesseract-ocr tesseract-ocr-fas)"
        )
        if os.environ.get("POL_REQUIRE_OCR") == "1":
            pytest.fail(reason + "; POL_REQUIRE_OCR=1 forbids skipping")
        pytest.skip(reason)


def ocr_pages(path: Path, dpi: int = 300) -> list[str]:
    """Rasterise every page (gray) and read it with Tesseract fas, --psm 4; normalised text per page."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), os.path.join(d, "p")],
            check=True,
        )
        pages = []
        for png in sorted(Path(d).glob("p*.png"), key=lambda p: int(re.sub(r"\D", "", p.stem))):
            out = subprocess.run(
                ["tesseract", str(png), "-", "-l", "fas", "--psm", "4"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            pages.append(norm(out))
    return pages


def page_last_lines(path: Path) -> list[str]:
    """Each page's last line of text above its footer, normalised (pdftotext -layout keeps the
    lines in their places); skips without pdftotext."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (Debian: poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True)
    lasts = []
    for page in out.stdout.split("\f")[:-1]:
        lines = [norm(line) for line in page.splitlines() if norm(line)]
        lasts.append(lines[-2] if len(lines) > 1 else "")  # the last line is the footer
    return lasts
