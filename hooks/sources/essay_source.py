"""Read the essay page into anchored paragraphs of plain text, as a reader sees them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.meta import get_data

ANCHOR = re.compile(r"p-\d{2,}")
# A difference of more words than this is not a slip: the closest passage is shown without one.
FEW_WORDS = 3
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_BOLD = frozenset({"strong", "b"})
# Characters a contributor's keyboard types in place of the essay's typography: one for one, so a
# match in folded text is at the same offsets in the essay's own text. The explorer's search folds
# with the same table: it is written into metaphor-data.js as `typography` (hooks/pages/data_script.py).
TYPOGRAPHY = {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "×": "x"}
_TYPOGRAPHY = str.maketrans(TYPOGRAPHY)
RUN = 7  # words of the essay in a row that the site's own text may only use in quotation marks
_WORD = re.compile(r"[\w']+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")  # a quotation, curly or straight


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the essay: its anchor and its plain text."""

    anchor: str
    text: str
    heading: bool = False  # the paragraph is one bold line, like "I work in the tech industry."

    @cached_property
    def sentences(self) -> list[tuple[int, str]]:
        """Return the paragraph's sentences with their start offsets."""
        found, start = [], 0
        for match in _SENTENCE_END.finditer(self.text):
            found.append((start, self.text[start : match.start()]))
            start = match.end()
        if start < len(self.text):
            found.append((start, self.text[start:]))
        return found


@dataclass(frozen=True)
class Credit:
    """Who wrote the essay, when and where it first appeared: what every page that shows the metaphor credits."""

    title: str
    author: str
    published: date
    url: str
    site: str  # the original's site as readers know it, e.g. "ultrasaurus.com"

    @property
    def year(self) -> int:
        return self.published.year

    @classmethod
    def read(cls, meta: dict[str, Any]) -> Credit | None:
        """Return the credit the essay's front matter gives; None when a field is missing or of the wrong kind
        (read_essay says which)."""
        if missing_credit(meta):
            return None
        return cls(meta["title"], meta["author"], meta["published"], meta["original_url"], meta["original_site"])


ESSAY = "essay.md"  # the essay's page in docs/, whose front matter credits it everywhere
# The essay's front matter the site relies on, and what each must be.
CREDIT_FIELDS = {"title": str, "author": str, "published": date, "original_url": str, "original_site": str}


def missing_credit(meta: dict[str, Any]) -> list[str]:
    """Return the fields of the credit that the front matter ``meta`` lacks or gives as the wrong kind."""
    return [name for name, kind in CREDIT_FIELDS.items() if not isinstance(meta.get(name), kind)]


@dataclass(frozen=True)
class Essay:
    """The essay as published: where it lives, its metadata and its paragraphs."""

    src_uri: str
    meta: dict[str, Any]
    paragraphs: tuple[Paragraph, ...]

    @cached_property
    def credit(self) -> Credit:
        """Return the essay's credit, from its front matter (the one place its year is written)."""
        credit = Credit.read(self.meta)
        assert credit is not None, "read_essay checks the credit's fields"
        return credit

    def paragraphs_containing(self, quote: str) -> tuple[Paragraph, ...]:
        """Return every paragraph whose text holds ``quote`` exactly."""
        return tuple(p for p in self.paragraphs if quote in p.text)

    def paragraph(self, anchor: str) -> Paragraph:
        """Return the paragraph with ``anchor``."""
        return self._by_anchor[anchor]

    @cached_property
    def _by_anchor(self) -> dict[str, Paragraph]:
        return {p.anchor: p for p in self.paragraphs}

    def with_typography(self, quote: str) -> str | None:
        """Return the essay's own text for ``quote`` typed with ' " - x, or None if it is not that."""
        folded = quote.translate(_TYPOGRAPHY)
        for paragraph, typed in zip(self.paragraphs, self._typed, strict=True):
            start = typed.find(folded)
            if start >= 0:
                return paragraph.text[start : start + len(quote)]
        return None

    @cached_property
    def longest_paragraph(self) -> int:
        """The length of the essay's longest paragraph: no quote can be longer."""
        return max(len(paragraph.text) for paragraph in self.paragraphs)

    @cached_property
    def _typed(self) -> tuple[str, ...]:
        """Each paragraph's text as a keyboard types it (folded once, not once per quote)."""
        return tuple(paragraph.text.translate(_TYPOGRAPHY) for paragraph in self.paragraphs)

    def sentences_between(self, anchor: str, start: int, end: int) -> list[tuple[str, int]]:
        """Return (anchor, offset) of each sentence of paragraph ``anchor`` that overlaps ``start:end``."""
        return [
            (anchor, offset)
            for offset, sentence in self.paragraph(anchor).sentences
            if offset < end and start < offset + len(sentence)
        ]

    def sentence_at(self, anchor: str, offset: int) -> str:
        """Return the sentence of paragraph ``anchor`` that starts at ``offset``."""
        return dict(self.paragraph(anchor).sentences)[offset]

    def quote_problem(self, quote: str, *, closest: Callable[[], bool] = lambda: True) -> str | None:
        """Say why ``quote`` is not a usable quote (verbatim in exactly one paragraph), or return None.

        ``closest`` is asked only when the quote is found nowhere, whether to look for the closest passage.

        A quote longer than the longest paragraph cannot be one, and is not compared with the essay's
        sentences (a comparison costs the product of the lengths: the bound on what a long value costs).
        """
        longest = self.longest_paragraph
        if len(quote) > longest:
            return (
                f"not found verbatim in the essay: it has {len(quote):,} characters, and the essay's longest "
                f"paragraph {longest:,}; quote a passage of one paragraph"
            )
        paragraphs = self.paragraphs_containing(quote)
        if len(paragraphs) == 1:
            [paragraph] = paragraphs
            if paragraph.text.count(quote) > 1:
                return f"appears more than once in paragraph {paragraph.anchor}; quote more words so it points at one"
            return None
        if paragraphs:
            anchors = ", ".join(p.anchor for p in paragraphs)
            return f"appears in more than one paragraph ({anchors}); quote more words so it points at one"
        corrected = self.with_typography(quote)
        if corrected is not None:
            return (
                "not verbatim in the essay: it differs only in typography; copy the essay's characters "
                f'’ “ ” — ×: "{corrected}"'
            )
        if not closest():
            return "not found verbatim in the essay"
        passage = self.closest_passage(quote)
        return f'not found verbatim in the essay (closest: "{passage}"{first_difference(quote, passage)})'

    def unquoted_run(self, text: str) -> str | None:
        """Return the first run of RUN or more of the essay's words in a row that ``text`` uses outside
        quotation marks (“...” or "..."), or None: the site's own words are its own, and hers are quoted."""
        if text.count(" ") < RUN - 1:
            return None  # too few words for a run (most fields: terms, ids, names)
        words = _WORD.findall(_QUOTED.sub(" | ", text).translate(_TYPOGRAPHY).casefold())
        for start in range(len(words) - RUN + 1):
            if tuple(words[start : start + RUN]) in self._runs:
                return " ".join(words[start : start + RUN])
        return None

    @cached_property
    def _runs(self) -> frozenset[tuple[str, ...]]:
        """Every run of RUN words in a row within one paragraph of the essay (folded as unquoted_run folds)."""
        runs = set()
        for paragraph in self.paragraphs:
            words = _WORD.findall(paragraph.text.translate(_TYPOGRAPHY).casefold())
            runs.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
        return frozenset(runs)

    def closest_passage(self, text: str) -> str:
        """Return the run of whole sentences, as many as ``text`` has, most like ``text``."""
        wanted = max(1, len(_SENTENCE_END.split(text.strip())))
        folded = text.translate(_TYPOGRAPHY).casefold()
        candidates = []
        for paragraph in self.paragraphs:
            sentences = [sentence for _, sentence in paragraph.sentences]
            for size in {wanted, 1}:
                candidates += [" ".join(sentences[i : i + size]) for i in range(len(sentences) - size + 1)]
        return max(
            candidates,
            key=lambda s: difflib.SequenceMatcher(
                None, folded, s.translate(_TYPOGRAPHY).casefold(), autojunk=False
            ).ratio(),
        )


def first_difference(quote: str, passage: str) -> str:
    """Say, word by word, where ``quote`` first departs from ``passage``: '; the essay has "x" where the quote
    has "y"' (or what the quote adds or leaves out), or nothing when they differ in more than a slip of copying
    (more than a few words in a row, or most of the quote). Words are matched as typed (' " - x for the essay's
    ’ “ ” — ×), and a typed character besides the slip is named too; the passage is whole sentences, so its
    words before and after the quote are not a difference."""
    mine, hers = quote.split(), passage.split()
    if not mine:
        return ""
    typed = [[word.translate(_TYPOGRAPHY) for word in words] for words in (mine, hers)]
    steps = difflib.SequenceMatcher(None, *typed, autojunk=False).get_opcodes()
    same = [(start, her_start, end - start) for kind, start, end, her_start, _ in steps if kind == "equal"]
    if 2 * sum(size for _, _, size in same) < len(mine):
        return ""  # most of the quote is not in the passage: not a slip in copying it
    changes = [step for step in steps if step[0] != "equal"]
    if changes and changes[0][0] == "insert" and changes[0][1] == 0:
        changes.pop(0)
    if changes and changes[-1][0] == "insert" and changes[-1][1] == len(mine):
        changes.pop()
    retyped = any(mine[a + i] != hers[b + i] for a, b, size in same for i in range(size))
    also = "; copy the essay's ’ “ ” — × too" if retyped else ""
    if not changes:
        return "; they differ in spacing" + also
    kind, start, end, her_start, her_end = changes[0]
    if kind == "replace" and her_end - her_start > FEW_WORDS:
        # A slip in the quote's first or last word, where it starts or ends mid-sentence: the passage's words
        # before or after the quote are not part of it.
        if start == 0:
            her_start = her_end - (end - start)
        elif end == len(mine):
            her_end = her_start + (end - start)
    if max(end - start, her_end - her_start) > FEW_WORDS:
        return ""
    yours, theirs = " ".join(mine[start:end]), " ".join(hers[her_start:her_end])
    if kind == "replace":
        return f'; the essay has "{theirs}" where the quote has "{yours}"{also}'
    if kind == "delete":
        return f'; the quote adds "{yours}"{also}'
    return f'; the quote leaves out "{theirs}"{also}'


class EssayError(Exception):
    """The essay source is not in the shape the site relies on."""


class _ParagraphCollector(HTMLParser):
    """Collect the text of top-level ``<p>`` elements with their ``id``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str | None, str, bool]] = []
        self._depth = 0
        self._bold = 0
        self._anchor: str | None = None
        self._text: list[str] | None = None
        self._plain = False  # text outside <strong> seen in the current paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and self._depth == 0:
            self._anchor = dict(attrs).get("id")
            self._text = []
            self._plain = False
        if tag in _BOLD:
            self._bold += 1
        if tag not in _VOID:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._depth -= 1
        if tag in _BOLD:
            self._bold -= 1
        if tag == "p" and self._depth == 0 and self._text is not None:
            self.found.append((self._anchor, "".join(self._text), not self._plain))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
            self._plain = self._plain or (not self._bold and bool(data.strip()))


def read_essay(
    path: Path,
    *,
    src_uri: str,
    extensions: list[Any],
    extension_configs: dict[str, Any],
) -> Essay:
    """Render the essay with the site's Markdown settings and split it into paragraphs."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    wrong = missing_credit(meta)
    if wrong:
        raise EssayError(
            f"{src_uri}: its front matter needs {', '.join(wrong)} "
            "(title, author, original_url and original_site as text; published as a date, e.g. 2018-09-16)"
        )
    html = markdown.Markdown(extensions=extensions, extension_configs=extension_configs).convert(body)
    collector = _ParagraphCollector()
    collector.feed(html)
    paragraphs = []
    for number, (anchor, text, bold) in enumerate(collector.found, start=1):
        expected = f"p-{number:02d}"
        if anchor != expected:
            raise EssayError(
                f"{src_uri}: paragraph {number} ({text[:40]!r}...) must end with the line "
                f"'{{: #{expected} }}', found {anchor or 'no anchor'}"
            )
        paragraphs.append(Paragraph(anchor, text, heading=bold and len(_SENTENCE_END.split(text)) == 1))
    if not paragraphs:
        raise EssayError(f"{src_uri}: no paragraphs found")
    return Essay(src_uri=src_uri, meta=meta, paragraphs=tuple(paragraphs))
