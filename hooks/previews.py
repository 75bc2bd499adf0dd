"""Preview images for link cards (Open Graph, Twitter): one PNG per page, drawn at build time.

No network and no font download: the text is set in subsets of DejaVu Sans kept in hooks/fonts/
(their licence is beside them), so the same Pillow draws the same bytes on any machine, and two
builds of one commit publish identical images.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"

WIDTH, HEIGHT = 1200, 630  # the size link-card services ask for (1.91:1)
MARGIN = 72
BACKGROUND = (26, 35, 126)  # Material's indigo 900: white text on it has a contrast of 13:1
FOREGROUND = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100: 9:1 on the background
RULE = (121, 134, 203)


@dataclass(frozen=True)
class Preview:
    """What one page's preview image says."""

    kicker: str  # a small line above the title, e.g. the site's name
    title: str
    subtitle: str  # a line or two under the title, e.g. the pairing's two sides
    credit: str  # the bottom line: whose essay this is about

    def png(self) -> bytes:
        """Draw the image and return its PNG bytes (the same bytes for the same text)."""
        image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
        draw = ImageDraw.Draw(image)
        width = WIDTH - 2 * MARGIN
        y = MARGIN
        kicker = _font(30, bold=False)
        draw.text((MARGIN, y), _fit(self.kicker, kicker, width, 1)[0], font=kicker, fill=MUTED)
        y += 62
        draw.rectangle((MARGIN, y, MARGIN + 96, y + 6), fill=RULE)
        y += 40
        title_size = 60 if len(self.title) < 60 else 50
        title = _font(title_size, bold=True)
        for line in _fit(self.title, title, width, 3):
            draw.text((MARGIN, y), line, font=title, fill=FOREGROUND)
            y += int(title_size * 1.2)
        if self.subtitle:
            y += 18
            subtitle = _font(34, bold=False)
            for line in _fit(self.subtitle, subtitle, width, 3):
                draw.text((MARGIN, y), line, font=subtitle, fill=MUTED)
                y += 46
        credit = _font(24, bold=False)
        draw.text((MARGIN, HEIGHT - MARGIN - 30), _fit(self.credit, credit, width, 1)[0], font=credit, fill=MUTED)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()


@cache
def _font(size: int, *, bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold-subset.ttf" if bold else "DejaVuSans-subset.ttf"
    return ImageFont.truetype(str(FONTS / name), size=size)


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Wrap ``text`` into at most ``lines`` lines no wider than ``width``; end a cut text with '…'."""
    words = text.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
        if len(out) == lines:
            break
    if current and len(out) < lines:
        out.append(current)
    shown = " ".join(out).split()
    if len(shown) < len(words):  # cut: end the last line with an ellipsis that fits
        last = out[-1]
        while last and font.getlength(last + "…") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last.rstrip(",;:") + "…"
    return out or [""]
