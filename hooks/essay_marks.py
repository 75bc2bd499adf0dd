"""Mark the essay's quoted passages in its rendered HTML and link each to the explorer.

Only wrapping is added: the essay's text is unchanged. A passage quoted by several
entries, or by overlapping quotes, becomes one mark followed by a link per entry.
Marks never cross an element boundary, and links are never put inside the essay's own links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from metaphor_model import Entry, Metaphor

MARKS = "partials/metaphor/marks.html"  # the macros that wrap a passage and link it
EXCERPTS = "partials/metaphor/excerpts.html"  # the macros that cut a paragraph down to its passages
_PARAGRAPH = re.compile(r'(<p id="(p-\d{2})">)(.*?)(</p>)', re.S)
_TAG = re.compile(r"(<[^>]+>)")


@dataclass
class Span:
    """A stretch of a paragraph's plain text that one or more entries quote."""

    start: int
    end: int
    entries: list[Entry]


def quoted_spans(
    metaphor: Metaphor, paragraph_texts: dict[str, str], *, passages: bool = False
) -> dict[str, list[Span]]:
    """Return, per paragraph anchor, the merged spans its quotes cover, in reading order.

    With ``passages``, the workshop's key passages count too (as spans no entry quotes).
    """
    raw: dict[str, list[Span]] = {}
    quotes = [(quote, [entry]) for entry in metaphor.entries for quote in entry.quotes]
    if passages:
        quotes += [(quote, []) for quote in metaphor.workshop.quotes]
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


def essay_page(
    page_html: str,
    *,
    metaphor: Metaphor,
    excerpts: bool,
    explorer_href: str,
    original_url: str,
    macros: Callable[[str], Any],
) -> str:
    """Return the essay page's HTML marked and linked, or (``excerpts``) cut down to its quoted passages.

    ``macros`` returns the macros a template defines (MARKS, EXCERPTS).
    """
    if excerpts:
        return excerpt_quotes(
            page_html,
            metaphor=metaphor,
            explorer_href=explorer_href,
            macros=macros(MARKS),
            excerpts=macros(EXCERPTS),
            original_url=original_url,
        )
    return mark_quotes(page_html, metaphor=metaphor, explorer_href=explorer_href, macros=macros(MARKS))


def mark_quotes(page_html: str, *, metaphor: Metaphor, explorer_href: str, macros: Any) -> str:
    """Return the essay page's HTML with every quoted passage marked and linked."""
    paragraphs = {m.group(2): _plain(m.group(3)) for m in _PARAGRAPH.finditer(page_html)}
    spans = quoted_spans(metaphor, paragraphs)

    def mark(match: re.Match[str]) -> str:
        opening, anchor, inner, closing = match.groups()
        if anchor not in spans:
            return match.group(0)
        return opening + _mark_inner(inner, spans[anchor], explorer_href, macros) + closing

    return _PARAGRAPH.sub(mark, page_html)


def excerpt_quotes(
    page_html: str, *, metaphor: Metaphor, explorer_href: str, macros: Any, excerpts: Any, original_url: str
) -> str:
    """Return the essay page's HTML with each paragraph cut down to the passages the site quotes.

    For a deployment without the author's permission to publish the full text (ESSAY_TEXT=excerpts):
    each paragraph keeps its place and its anchor, shows only its quoted passages, marked and linked
    as in the full text, and links to the original post.
    """
    paragraphs = {m.group(2): _plain(m.group(3)) for m in _PARAGRAPH.finditer(page_html)}
    spans = quoted_spans(metaphor, paragraphs, passages=True)

    def cut(match: re.Match[str]) -> str:
        opening, anchor, _, closing = match.groups()
        number = int(anchor[2:])
        parts = []
        for span in spans.get(anchor, []):
            text = paragraphs[anchor][span.start : span.end]
            parts.append(
                str(macros.passage(text)) + (str(macros.links(span.entries, explorer_href)) if span.entries else "")
            )
        body = str(excerpts.excerpt(parts, number=number, original_url=original_url))
        return opening + body + closing

    return _PARAGRAPH.sub(cut, page_html)


def _plain(inner: str) -> str:
    """Return the text of a paragraph's inner HTML."""
    return "".join(html.unescape(part) for part in _TAG.split(inner) if not part.startswith("<"))


def _mark_inner(inner: str, spans: list[Span], explorer_href: str, macros: Any) -> str:
    """Wrap the text inside one paragraph; put links after each span, outside any <a>."""
    out: list[str] = []
    offset = 0
    link_depth = 0
    pending: list[str] = []
    for part in _TAG.split(inner):
        if part.startswith("<"):
            out.append(part)
            if part.startswith("<a ") or part == "<a>":
                link_depth += 1
            elif part == "</a>":
                link_depth -= 1
                if link_depth == 0:
                    out += pending
                    pending.clear()
            continue
        text = html.unescape(part)
        cursor = 0
        for span in spans:
            start, end = max(span.start - offset, cursor), min(span.end - offset, len(text))
            if start >= end:
                continue
            out.append(html.escape(text[cursor:start], quote=False))
            out.append(str(macros.passage(text[start:end])))
            cursor = end
            if span.end - offset <= len(text):
                links = str(macros.links(span.entries, explorer_href))
                (pending if link_depth else out).append(links)
        out.append(html.escape(text[cursor:], quote=False))
        offset += len(text)
    return "".join(out + pending)
