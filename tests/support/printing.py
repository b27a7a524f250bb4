"""A stand-in for the system print dialog: the user «chooses» a printer that writes a PDF file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog


@dataclass
class PrintDialogs:
    """What the patched dialogs were shown: the paper proposed, and how many opened."""

    out: Path
    papers: list[QPageSize.PageSizeId] = field(default_factory=list)

    @property
    def opened(self) -> int:
        """How many print dialogs were opened."""
        return len(self.papers)


def choose_pdf_printer(
    monkeypatch: pytest.MonkeyPatch, out: Path, pages: tuple[int, int] | None = None
) -> PrintDialogs:
    """Every print dialog is accepted, its printer writing a PDF file at ``out``.

    With ``pages`` the user also picked a page range, so the printer gets pictures of those pages
    (print_pdf) as a real printer would, instead of the document's own file.
    """
    seen = PrintDialogs(out)

    def accept(dialog: QPrintDialog) -> QDialog.DialogCode:
        printer = dialog.printer()
        seen.papers.append(printer.pageLayout().pageSize().id())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        if pages is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*pages)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return seen
