"""Read printed pages (PDF bytes from Playwright's page.pdf): each page's text, how much of the page
its text covers, and the colours painted on it, so print tests check the paper, not the CSS."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader

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
    return [_read(page) for page in reader.pages]


def luminance(colour: Colour) -> float:
    """Return the WCAG relative luminance of an sRGB colour given as three values from 0 to 1."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a: Colour, b: Colour) -> float:
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _read(page: object) -> Page:
    """Read one page in one pass over its content: the text with its baselines, and (from the operators
    the text extraction walks) the colours it paints and the share of the page each filled box covers."""
    height = float(page.mediabox.height)
    width = float(page.mediabox.width)
    baselines: list[float] = []
    text_colours: set[Colour] = set()
    fills: list[tuple[Colour, float]] = []
    state = {"fill": (0.0, 0.0, 0.0), "saved": [], "rects": []}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            baselines.append(height - (tm[5] * cm[3] + cm[5]))

    def operator(op: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if op == b"q":
            state["saved"].append(state["fill"])
        elif op == b"Q" and state["saved"]:
            state["fill"] = state["saved"].pop()
        elif op == b"rg":
            state["fill"] = tuple(float(v) for v in operands)
        elif op == b"g":
            state["fill"] = (float(operands[0]),) * 3
        elif op == b"re":
            scale = abs(cm[0] * cm[3] - cm[1] * cm[2])
            state["rects"].append(abs(float(operands[2]) * float(operands[3])) * scale / (width * height))
        elif op in (b"f", b"f*", b"F") and state["rects"]:
            fills.extend((state["fill"], area) for area in state["rects"])
            state["rects"] = []
        elif op == b"n":
            state["rects"] = []
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            text_colours.add(state["fill"])

    text = page.extract_text(visitor_text=visit, visitor_operand_before=operator)
    found = Page(text, height, min(baselines, default=0.0), max(baselines, default=0.0))
    found.text_colours, found.fills = text_colours, fills
    return found
