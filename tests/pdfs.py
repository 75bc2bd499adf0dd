"""Read printed pages (PDF bytes from Playwright's page.pdf): each page's text, how much of the page
its text covers, and the colours painted on it, so print tests check the paper, not the CSS."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ContentStream

Colour = tuple[float, float, float]


@dataclass
class Page:
    """One printed page: its text, the height its lines span, and what it paints in which colour."""

    text: str
    height: float
    top: float  # the highest line's baseline, from the top of the page (points)
    bottom: float  # the lowest line's baseline, from the top of the page (points)
    text_colours: set[Colour] = field(default_factory=set)
    fills: list[tuple[Colour, float]] = field(default_factory=list)  # colour, share of the page's area

    @property
    def span(self) -> float:
        """Return the share of the page's height between its first and last line of text."""
        return (self.bottom - self.top) / self.height if self.text.strip() else 0.0


def pages(pdf: bytes) -> list[Page]:
    """Return the printed pages of ``pdf``."""
    reader = PdfReader(io.BytesIO(pdf))
    return [_read(page, reader) for page in reader.pages]


def luminance(colour: Colour) -> float:
    """Return the WCAG relative luminance of an sRGB colour given as three values from 0 to 1."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a: Colour, b: Colour) -> float:
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _read(page: object, reader: PdfReader) -> Page:
    height = float(page.mediabox.height)
    width = float(page.mediabox.width)
    baselines: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            baselines.append(height - (tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit)
    found = Page(text, height, min(baselines, default=0.0), max(baselines, default=0.0))
    contents = page.get_contents()
    if contents is None:
        return found
    fill: Colour = (0.0, 0.0, 0.0)
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    saved: list[tuple[Colour, list[float]]] = []
    rects: list[float] = []
    for operands, operator in ContentStream(contents, reader).operations:
        op = operator.decode("latin-1")
        if op == "q":
            saved.append((fill, ctm))
        elif op == "Q" and saved:
            fill, ctm = saved.pop()
        elif op == "cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == "rg":
            fill = tuple(float(v) for v in operands)
        elif op == "g":
            fill = (float(operands[0]),) * 3
        elif op == "re":
            scale = abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])
            rects.append(abs(float(operands[2]) * float(operands[3])) * scale / (width * height))
        elif op in ("f", "f*", "F") and rects:
            found.fills.extend((fill, area) for area in rects)
            rects = []
        elif op == "n":
            rects = []
        elif op in ("Tj", "TJ", "'", '"'):
            found.text_colours.add(fill)
    return found


def _multiply(m: list[float], n: list[float]) -> list[float]:
    """Return the matrix m x n, both as PDF's six numbers [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
