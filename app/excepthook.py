"""What happens to an exception nobody caught: the log gets it whole, the user one Persian line."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.views import words

log = logging.getLogger("app.bootstrap")  # the name the log has always shown for these


def install_excepthook() -> None:
    """An exception nobody caught (a slot, a callback) goes to the log; the user sees one line."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        if showing or QApplication.instance() is None or not isinstance(exc, Exception):
            return
        showing = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), words.APP_NAME,
                                 words.UNEXPECTED_ERROR)
        finally:
            showing = False

    sys.excepthook = hook
