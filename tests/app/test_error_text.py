"""The one wording of errors on screen: a domain error's own, a file error's reason, else one line."""

from __future__ import annotations

import errno
import logging

import pytest

from app.errors import ValidationError
from app.views import words


def test_a_domain_error_shows_its_own_persian_message() -> None:
    """A PolError's message is shown as it is."""
    exc = ValidationError({"subject": "موضوع را بنویسید."})
    assert words.error_text(exc) == exc.message


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC, errno.ENOENT])
def test_a_file_error_says_why_in_persian_and_names_the_file(code: int) -> None:
    """Saving an export into a locked folder or a full disk: the reason and the file, no English."""
    exc = OSError(code, "English system text", "/srv/share/export.xlsx")
    text = words.error_text(exc)
    assert text.startswith(words.FILE_ERRORS[code])
    assert "/srv/share/export.xlsx" in text
    assert "English" not in text


def test_anything_else_is_one_line_on_screen_and_the_traceback_in_the_log(
        caplog: pytest.LogCaptureFixture) -> None:
    """An unforeseen error never shows its driver text; the log keeps it whole."""
    try:
        raise RuntimeError("psycopg internal detail")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="pol.views"):
            text = words.error_text(exc)
    assert text == words.UNEXPECTED_ERROR
    assert "psycopg internal detail" in caplog.text
    assert "Traceback" in caplog.text
