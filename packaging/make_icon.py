"""Draw Pol's icon (a bridge: «پل») as resources/icons/pol.png (256 px) and pol.ico (16–256 px).

Run by hand when the mark changes (`python packaging/make_icon.py`); the files are committed, so a
build needs no Pillow. Colours are the palette's accent (app/views/palette.py).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
ACCENT = "#0f6e6a"
ACCENT_DARK = "#0b5450"
WHITE = "#ffffff"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 1024) -> Image.Image:
    """The mark at `size` px: a rounded tile, an arch, a deck, two pillars and the water line."""
    s = size / 256  # drawn on a 256 grid, scaled; drawn large and scaled down for smooth edges
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=48 * s, fill=ACCENT,
                        outline=ACCENT_DARK, width=round(4 * s))
    # The arch: a thick half ring under the deck.
    d.arc([44 * s, 92 * s, 212 * s, 236 * s], start=180, end=360, fill=WHITE, width=round(18 * s))
    # The deck, running over the arch from bank to bank.
    d.rounded_rectangle([30 * s, 100 * s, 226 * s, 120 * s], radius=6 * s, fill=WHITE)
    # Hangers between arch and deck read as a bridge even at 32 px.
    for x in (92, 128, 164):
        d.rectangle([(x - 5) * s, 120 * s, (x + 5) * s, 138 * s], fill=WHITE)
    # The two piers on the banks.
    for x0 in (40, 196):
        d.rectangle([x0 * s, 120 * s, (x0 + 20) * s, 176 * s], fill=WHITE)
    # The water.
    for y in (196, 214):
        d.rounded_rectangle([70 * s, y * s, 186 * s, (y + 7) * s], radius=3 * s, fill="#9fd3cd")
    return img


def main() -> None:
    """Write pol.png and pol.ico next to the other icons."""
    big = draw()
    png = big.resize((256, 256), Image.Resampling.LANCZOS)
    png.save(OUT / "pol.png", optimize=True)
    png.save(OUT / "pol.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'pol.png'} and {OUT / 'pol.ico'}")


if __name__ == "__main__":
    main()
