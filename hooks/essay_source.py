"""Read the essay page into anchored paragraphs of plain text, as a reader sees them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.meta import get_data

ANCHOR = re.compile(r"p-\d{2}")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# Characters a contributor's keyboard types in place of the essay's typography.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "×": "x"})


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the essay: its anchor and its plain text."""

    anchor: str
    text: str


@dataclass(frozen=True)
class Essay:
    """The essay as published: where it lives, its metadata and its paragraphs."""

    src_uri: str
    meta: dict[str, Any]
    paragraphs: tuple[Paragraph, ...]

    def paragraphs_containing(self, quote: str) -> tuple[Paragraph, ...]:
        """Return every paragraph whose text holds ``quote`` exactly."""
        return tuple(p for p in self.paragraphs if quote in p.text)

    def matches_but_for_typography(self, quote: str) -> bool:
        """Tell whether ``quote`` would match if ’ “ ” — were typed as ' " -."""
        folded = quote.translate(_TYPOGRAPHY)
        return any(folded in p.text.translate(_TYPOGRAPHY) for p in self.paragraphs)

    def closest_sentence(self, text: str) -> str:
        """Return the essay's sentence most like ``text``."""
        sentences = [s for p in self.paragraphs for s in _SENTENCE_END.split(p.text) if s]
        folded = text.translate(_TYPOGRAPHY).casefold()
        return max(
            sentences,
            key=lambda s: difflib.SequenceMatcher(
                None, folded, s.translate(_TYPOGRAPHY).casefold(), autojunk=False
            ).ratio(),
        )


class EssayError(Exception):
    """The essay source is not in the shape the site relies on."""


class _ParagraphCollector(HTMLParser):
    """Collect the text of top-level ``<p>`` elements with their ``id``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str | None, str]] = []
        self._depth = 0
        self._anchor: str | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and self._depth == 0:
            self._anchor = dict(attrs).get("id")
            self._text = []
        if tag not in _VOID:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._depth -= 1
        if tag == "p" and self._depth == 0 and self._text is not None:
            self.found.append((self._anchor, "".join(self._text)))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def read_essay(
    path: Path,
    *,
    src_uri: str,
    extensions: list[Any],
    extension_configs: dict[str, Any],
) -> Essay:
    """Render the essay with the site's Markdown settings and split it into paragraphs."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    html = markdown.Markdown(extensions=extensions, extension_configs=extension_configs).convert(body)
    collector = _ParagraphCollector()
    collector.feed(html)
    paragraphs = []
    for number, (anchor, text) in enumerate(collector.found, start=1):
        expected = f"p-{number:02d}"
        if anchor != expected:
            raise EssayError(
                f"{src_uri}: paragraph {number} ({text[:40]!r}...) must end with the line "
                f"'{{: #{expected} }}', found {anchor or 'no anchor'}"
            )
        paragraphs.append(Paragraph(anchor, text))
    if not paragraphs:
        raise EssayError(f"{src_uri}: no paragraphs found")
    return Essay(src_uri=src_uri, meta=meta, paragraphs=tuple(paragraphs))
