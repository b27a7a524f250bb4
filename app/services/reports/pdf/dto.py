"""Plain data of the small printed documents: what a card shows, and each document's paper."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A6

from app.services.core.dto import GOVERNORATE, OFFICE

CARD_PAGE: tuple[float, float] = A6  # the citizen's slip and receipt, portrait, in points
LETTER_PAGE: tuple[float, float] = A4  # letters, like the report


@dataclass(frozen=True)
class Card:
    """An A6 card for the citizen: the office, a heading, the tracking code large, rows, a note."""

    title: str  # the PDF's title (metadata)
    heading: str
    code: str  # a tracking code: Latin digits, drawn left to right
    rows: tuple[tuple[str, str], ...]  # (label, value), Persian, logical order
    footer: str
    organisation: str = GOVERNORATE
    unit: str = OFFICE
