"""A reminder letter (نامهٔ پیگیری / تأکیدی) as an A4 PDF, from its (possibly edited) text."""

from __future__ import annotations

from app.services.reports.pdf.documents import Out, render_letter

TITLE = "نامهٔ پیگیری ارجاع"


def write_letter_pdf(text: str, out: Out) -> int:
    """Write the letter's plain text, as the clerk left it, as an A4 PDF; returns the pages."""
    return render_letter(text, out, TITLE)
