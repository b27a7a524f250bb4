"""Small real files for attachment tests: a PNG, a PDF, a Word document, made here."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def png_bytes(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A whole PNG of one colour (built by hand: signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))


def pdf_bytes(pages: int = 1, text: str = "Pol attachment") -> bytes:
    """A whole PDF of some pages (reportlab, as Pol's own documents)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=True)  # the same bytes every time
    for i in range(pages):
        c.drawString(72, 720, f"{text} {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes() -> bytes:
    """A minimal Word document (a zip holding word/document.xml)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def broken_png() -> bytes:
    """A PNG whose header and end are whole but whose pixels are garbage (passes the cut-short
    check; no decoder can draw it)."""
    good = png_bytes()
    return good[:33] + b"\x00\x00\x00\x10IDAT" + b"\x13" * 16 + b"\x00\x00\x00\x00" + good[-12:]
