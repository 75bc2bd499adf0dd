"""Read printed pages (PDF bytes from Playwright's page.pdf) with PDFium, the engine Chromium itself prints
with: each page's text, the size and colour of every character drawn, where its lines fall, and the boxes it
fills, so print tests check the paper, not the CSS."""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Colour = tuple[float, float, float]


@dataclass
class Page:
    """One printed page: its text, the height its lines span, and what it paints in which colour."""

    text: str
    height: float
    top: float  # the highest baseline, from the top of the page (points)
    bottom: float  # the lowest baseline, from the top of the page (points)
    text_colours: set[Colour] = field(default_factory=set)
    fills: list[tuple[Colour, float]] = field(default_factory=list)  # colour, share of the page's area
    sizes: list[float] = field(default_factory=list)  # each drawn character's type size, in points
    width: float = 0.0  # the page's, in points (as height)

    @property
    def span(self) -> float:
        """Return the share of the page's height between its first and last line of text."""
        return (self.bottom - self.top) / self.height if self.text.strip() else 0.0

    @property
    def words(self) -> str:
        """Return the text with ligatures undone (ﬄ: ffl) and white space folded to single spaces."""
        return fold(self.text)


def fold(text: str) -> str:
    """Return ``text`` with ligatures undone and white space folded to single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pages(pdf: bytes) -> list[Page]:
    """Return the printed pages of ``pdf``."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_read(document[number]) for number in range(len(document))]
    finally:
        document.close()


def rgba(text: str) -> tuple[float, float, float, float]:
    """A colour as a browser computes it ("rgb(r, g, b)" or "rgba(r, g, b, a)"): its channels from 0 to 1, and alpha."""
    values = [float(v) for v in text[text.index("(") + 1 : -1].replace("/", ",").split(",")]
    return (values[0] / 255, values[1] / 255, values[2] / 255, values[3] if len(values) > 3 else 1.0)


def rgb(text: str) -> Colour:
    """A colour as a browser computes it, without its alpha: what luminance() and contrast() take."""
    return rgba(text)[:3]


def luminance(colour: Colour) -> float:
    """Return the WCAG relative luminance of an sRGB colour given as three values from 0 to 1."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a: Colour, b: Colour) -> float:
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _read(page: pdfium.PdfPage) -> Page:
    """Read one page: each character drawn (its colour, baseline and size, the font's size scaled by the
    character's matrix, as Chromium draws CSS pixels at 0.75 pt), then each filled path's colour and area."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    x, y, matrix = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_MATRIX()
    # PDFium writes a hyphen that ends a line as U+FFFE (it may be a soft one); the page drew a hyphen.
    found = Page(textpage.get_text_range().replace("\ufffe", "-"), height, 0.0, 0.0, width=width)
    baselines = []
    for index in range(textpage.count_chars()):
        if (
            pdfium_c.FPDFText_IsGenerated(textpage.raw, index)
            or chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)).isspace()
        ):
            continue
        pdfium_c.FPDFText_GetFillColor(textpage.raw, index, red, green, blue, alpha)
        found.text_colours.add((red.value / 255, green.value / 255, blue.value / 255))
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
        baselines.append(height - y.value)
        pdfium_c.FPDFText_GetMatrix(textpage.raw, index, matrix)
        found.sizes.append(pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * abs(matrix.d))
    found.top, found.bottom = min(baselines, default=0.0), max(baselines, default=0.0)
    # The fills the page itself draws: its backgrounds and boxes. A picture (an image or drawing, which Chromium
    # prints as a group of objects of its own) keeps its colours and is not counted as paper.
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    box = [ctypes.c_float() for _ in range(4)]
    for number in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        drawn = pdfium_c.FPDFPage_GetObject(page.raw, number)
        if pdfium_c.FPDFPageObj_GetType(drawn) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(drawn, fill_mode, stroke)
        if fill_mode.value:
            pdfium_c.FPDFPageObj_GetFillColor(drawn, red, green, blue, alpha)
            pdfium_c.FPDFPageObj_GetBounds(drawn, *box)
            left, bottom, right, top = (value.value for value in box)
            area = (right - left) * (top - bottom) / (width * height)
            found.fills.append(((red.value / 255, green.value / 255, blue.value / 255), area))
    return found


def printed(page: object, **options: object) -> list[Page]:
    """Print a Playwright page to PDF with ``options`` (paper format, margins...) and read its pages."""
    return pages(page.pdf(**options))
