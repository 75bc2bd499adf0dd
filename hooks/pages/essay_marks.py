"""Mark the essay's quoted passages in its rendered HTML and link each to the explorer.

Inside a paragraph only wrapping is added, so the essay's text (and what a screen reader reads
aloud) is exactly the author's. A passage quoted by several entries, or by overlapping quotes,
becomes one mark, lettered a, b, c ...; after the paragraph, outside it and outside the search index, one
control per paragraph ("3 pairings for this paragraph") lists its lettered passages and the entries
that quote each, linked to the explorer.
Marks never cross an element boundary.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from model.metaphor_model import Entry, Metaphor

MARKS = "partials/metaphor/marks.html"  # the macros that wrap a passage and list its entries
_PARAGRAPH = re.compile(r'(<p id="(p-\d{2,})">)(.*?)(</p>)', re.S)
_TAG = re.compile(r"(<[^>]+>)")


@dataclass
class Span:
    """A stretch of a paragraph's plain text that one or more entries quote."""

    start: int
    end: int
    entries: list[Entry]


@dataclass(frozen=True)
class Mark:
    """A passage of one paragraph that entries quote, as its paragraph's control lists it: number, words, entries."""

    number: int
    text: str
    entries: list[Entry]

    @property
    def label(self) -> str:
        """Return the passage's label in its paragraph: a, b, c, ... as footnotes are (26 and beyond: 27, ...)."""
        return "abcdefghijklmnopqrstuvwxyz"[self.number - 1] if self.number <= 26 else str(self.number)


def numbered(spans: list[Span], text: str) -> dict[int, Mark]:
    """Return the marks of one paragraph's spans that entries quote, numbered 1, 2, ... by their start."""
    quoted = [span for span in spans if span.entries]
    return {
        span.start: Mark(number, text[span.start : span.end], span.entries)
        for number, span in enumerate(quoted, start=1)
    }


def quoted_spans(metaphor: Metaphor, paragraph_texts: dict[str, str]) -> dict[str, list[Span]]:
    """Return, per paragraph anchor, the merged spans its entries' quotes cover, in reading order."""
    raw: dict[str, list[Span]] = {}
    quotes = [(quote, [entry]) for entry in metaphor.entries for quote in entry.quotes]
    for quote, entries in quotes:
        start = paragraph_texts[quote.anchor].find(quote.text)
        raw.setdefault(quote.anchor, []).append(Span(start, start + len(quote.text), list(entries)))
    merged: dict[str, list[Span]] = {}
    for anchor, spans in raw.items():
        result: list[Span] = []
        ids: list[set[str]] = []  # the ids each merged span holds (a passage many entries quote stays linear)
        for span in sorted(spans, key=lambda s: (s.start, s.end)):
            if result and span.start < result[-1].end:
                last = result[-1]
                last.end = max(last.end, span.end)
                fresh = [e for e in span.entries if e.id not in ids[-1]]
                last.entries += fresh
                ids[-1].update(e.id for e in fresh)
            else:
                result.append(span)
                ids.append({e.id for e in span.entries})
        merged[anchor] = result
    return merged


def mark_quotes(page_html: str, *, metaphor: Metaphor, explorer_href: str, macros: Any) -> str:
    """Return the essay page's HTML with every quoted passage marked, and one control after its paragraph.

    ``macros`` are the macros of MARKS.
    """
    paragraphs = {m.group(2): _plain(m.group(3)) for m in _PARAGRAPH.finditer(page_html)}
    spans = quoted_spans(metaphor, paragraphs)

    def mark(match: re.Match[str]) -> str:
        opening, anchor, inner, closing = match.groups()
        if anchor not in spans:
            return match.group(0)
        marks = numbered(spans[anchor], paragraphs[anchor])
        control = str(macros.paragraph_marks(list(marks.values()), anchor=anchor, explorer_href=explorer_href))
        return opening + _mark_inner(inner, spans[anchor], marks, macros) + closing + control

    return _PARAGRAPH.sub(mark, page_html)


def _plain(inner: str) -> str:
    """Return the text of a paragraph's inner HTML."""
    return "".join(html.unescape(part) for part in _TAG.split(inner) if not part.startswith("<"))


def _mark_inner(inner: str, spans: list[Span], marks: dict[int, Mark], macros: Any) -> str:
    """Wrap the quoted text inside one paragraph; a passage's letter goes on its last piece."""
    out: list[str] = []
    offset = 0
    for part in _TAG.split(inner):
        if part.startswith("<"):
            out.append(part)
            continue
        text = html.unescape(part)
        cursor = 0
        for span in spans:
            start, end = max(span.start - offset, cursor), min(span.end - offset, len(text))
            if start >= end:
                continue
            last = span.end - offset <= len(text)
            out.append(html.escape(text[cursor:start], quote=False))
            out.append(str(macros.passage(text[start:end], marks.get(span.start) if last else None)))
            cursor = end
        out.append(html.escape(text[cursor:], quote=False))
        offset += len(text)
    return "".join(out)
