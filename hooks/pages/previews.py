"""Preview images for link cards (Open Graph, Twitter): one PNG per page, drawn at build time.

No network and no font download: the text is set in subsets of DejaVu Sans kept in hooks/pages/fonts/
(their licence is beside them), so the same Pillow draws the same bytes on any machine, and two
builds of one commit publish identical images.

Every colour of the card lies between the background and white, so the card is drawn in one
channel (how far each pixel is from the background towards white, antialiasing included) and saved
as a palette PNG of those 256 shades: about a third of the bytes of an RGB image, and about a
tenth of the time to draw and compress (a build draws one card per page, pairings included).
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
BACKGROUND = (26, 35, 126)  # Material's indigo 900
WHITE = (255, 255, 255)
# Shades between the background (0) and white (255): the title is white, 13:1 on the background;
# the muted lines (kicker, subtitle, credit) are 8:1; the rule under the kicker is decoration.
FOREGROUND, MUTED, RULE = 255, 194, 115
PALETTE = [round(BACKGROUND[c] + (WHITE[c] - BACKGROUND[c]) * shade / 255) for shade in range(256) for c in range(3)]


@dataclass(frozen=True)
class Picture:
    """A diagram a card shows to the right of its words (the metaphor map's shapes), in its own units."""

    width: float
    height: float
    bands: tuple[tuple[float, float, float, float], ...]  # filled: x, y, width, height (the phases' headings)
    boxes: tuple[tuple[float, float, float, float], ...]  # outlined, the same
    lines: tuple[tuple[float, float, float, float, bool], ...]  # x1, y1, x2, y2, and solid (else dashed)
    words: str  # what it shows, for the card's alternative text


@dataclass(frozen=True)
class Preview:
    """What one page's preview image says (and, for a page that has one, shows)."""

    kicker: str  # a small line above the title, e.g. the site's name
    title: str
    subtitle: str  # a line or two under the title, e.g. the pairing's two sides
    credit: str  # the bottom line: whose essay this is about
    picture: Picture | None = None

    def png(self) -> bytes:
        """Draw the image and return its PNG bytes (the same bytes for the same text)."""
        shades = Image.new("L", (WIDTH, HEIGHT), 0)
        draw = ImageDraw.Draw(shades)
        for (x, y), text, font, shade in self.layout():
            draw.text((x, y), text, font=font, fill=shade)
        y = MARGIN + 62
        draw.rectangle((MARGIN, y, MARGIN + 96, y + 6), fill=RULE)
        if self.picture:
            _draw(draw, self.picture)
        image = Image.frombytes("P", (WIDTH, HEIGHT), shades.tobytes())
        image.putpalette(PALETTE)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()

    def layout(self) -> list[tuple[tuple[int, int], str, ImageFont.FreeTypeFont, int]]:
        """Return each line the image shows: its position, text, font and shade (beside a picture, narrower)."""
        full = WIDTH - 2 * MARGIN
        width = PICTURE[0] - GUTTER - MARGIN if self.picture else full
        kicker = font(30, bold=False)
        lines = [((MARGIN, MARGIN), _fit(self.kicker, kicker, full, 1)[0], kicker, MUTED)]
        y = MARGIN + 102
        title_size = 60 if len(self.title) < 60 else 50
        title = font(title_size, bold=True)
        for line in _fit(self.title, title, width, 3):
            lines.append(((MARGIN, y), line, title, FOREGROUND))
            y += int(title_size * 1.2)
        if self.subtitle:
            y += 18
            subtitle = font(34, bold=False)
            room = max(1, min(3, (HEIGHT - MARGIN - 50 - y) // 46))  # never into the credit line
            for line in _fit(self.subtitle, subtitle, width, room):
                lines.append(((MARGIN, y), line, subtitle, MUTED))
                y += 46
        credit = font(24, bold=False)
        lines.append(((MARGIN, HEIGHT - MARGIN - 30), _fit(self.credit, credit, full, 1)[0], credit, MUTED))
        return lines

    def alt(self) -> str:
        """Return the image's alternative text: the words it shows above the credit, as they are cut."""
        lines = self.layout()
        kicker, title_size = lines[0][1], lines[1][2].size
        title = " ".join(line for _, line, font, _ in lines[1:-1] if font.size == title_size)
        subtitle = " ".join(line for _, line, font, _ in lines[1:-1] if font.size != title_size)
        stop = "" if title.endswith((".", "?", "!", "…")) else "."
        shows = f" {self.picture.words}" if self.picture else ""
        return f"{kicker}: {title}{stop} {subtitle}{shows}".strip()


# Where a picture goes: the card's right part, between the title's top and the credit line.
PICTURE = (600, MARGIN + 102, WIDTH - MARGIN, HEIGHT - MARGIN - 50)  # left, top, right, bottom
GUTTER = 36  # between the words and the picture


def _draw(draw: ImageDraw.ImageDraw, picture: Picture) -> None:
    """Draw ``picture`` as large as fits its place, centred in it: bands filled, boxes outlined, lines solid or
    dashed (PIL draws no dashes: each dash is a short line)."""
    left, top, right, bottom = PICTURE
    scale = min((right - left) / picture.width, (bottom - top) / picture.height)
    x0 = left + (right - left - picture.width * scale) / 2
    y0 = top + (bottom - top - picture.height * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + x * scale, y0 + y * scale

    for x, y, w, h in picture.bands:
        draw.rectangle((*at(x, y), *at(x + w, y + h)), fill=MUTED)
    for x, y, w, h in picture.boxes:
        draw.rounded_rectangle((*at(x, y), *at(x + w, y + h)), radius=2, outline=FOREGROUND, width=1)
    for x1, y1, x2, y2, solid in picture.lines:
        if solid:
            draw.line((*at(x1, y1), *at(x2, y2)), fill=FOREGROUND, width=3)
            continue
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1)
        dx, dy = (x2 - x1) / length, (y2 - y1) / length
        for start in range(0, int(length), 10):  # dashes of 6 units, gaps of 4, as the map draws them
            end = min(start + 6, length)
            draw.line((*at(x1 + dx * start, y1 + dy * start), *at(x1 + dx * end, y1 + dy * end)), fill=MUTED)


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at ``size`` (bold or regular), loaded once per size: the preview images' and the map's measures."""
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
