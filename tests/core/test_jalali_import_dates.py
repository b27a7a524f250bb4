"""Dates read from files: Gregorian-looking text and dates before 1380 (issue 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.services.core import jalali


@pytest.mark.parametrize("text", ["2025-05-01", "۲۰۲۵/۰۵/۰۱", "2025-05-01 10:30",
                                  "2025-05-01T10:30:00", "01/05/2025", "1.5.2025"])
def test_gregorian_looking_dates_are_named(text: str) -> None:
    """Each is refused as «میلادی», never as «in the future»."""
    with pytest.raises(ValueError, match="میلادی") as err:
        jalali.parse_past_jalali_datetime(text)
    assert "آینده" not in str(err.value)


def test_gregorian_message_gives_the_jalali_equivalent() -> None:
    """A valid Gregorian date comes with its Jalali twin; an impossible one without."""
    assert "۱۴۰۴/۰۲/۱۱" in (jalali.gregorian_date_message("2025-05-01") or "")
    assert jalali.gregorian_date_message("2025-13-01") is not None
    assert jalali.gregorian_date_message("1404/02/11") is None


def test_dates_before_1380_are_refused_and_1380_is_accepted() -> None:
    """The first instant of 1380 (Tehran) passes; the last of 1379 does not."""
    with pytest.raises(ValueError, match="۱۳۸۰"):
        jalali.parse_past_jalali_datetime("1379/12/29 23:59")
    first = jalali.parse_past_jalali_datetime("1380/01/01")
    assert first == jalali.tehran_to_utc(datetime(2001, 3, 21))
    with pytest.raises(ValueError, match="۱۳۸۰"):
        jalali.check_not_too_old(first - timedelta(seconds=1))
    assert jalali.check_not_too_old(first) == first


def test_remembered_conversion_still_refuses_impossible_dates() -> None:
    """The cache behind from_jalali keeps raising for a day that does not exist."""
    for _ in range(2):
        with pytest.raises(ValueError, match="نامعتبر"):
            jalali.from_jalali(1404, 12, 30)
    assert jalali.from_jalali(1403, 12, 30) == jalali.from_jalali(1403, 12, 30)
