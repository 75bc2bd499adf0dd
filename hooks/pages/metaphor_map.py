"""The metaphor map: every pairing as a picture, laid out at build time (partials/metaphor/map.html draws it).

The four phases run as an incident does; under each, its pairings, each an outage node and a sexism node
joined by a line (solid where the essay draws the pairing, dashed where the site adds it). Two layouts of
the same picture: ``wide`` sets the phases side by side (a desktop, a projector, a poster), ``tall`` one
under another (a phone). Text is measured with the DejaVu Sans the preview images use
(pages/previews.py), wider than the fonts browsers pick for the page, so a label set in any of them
stays in its box; every box is placed below the one before it, so none overlaps another.

Coordinates are SVG user units; at the size the page shows the wide map (its full width on a desktop)
one unit is about one CSS pixel, as on a phone.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from functools import lru_cache

from model.metaphor_model import Entry, Metaphor, Phase, Role
from pages.previews import Picture, font

LABEL, SMALL = 14, 12  # font sizes
LINE = 16  # distance between a label's lines
PAD = 6  # inside a box, around its text
GAP = 7  # between two rows of pairings
CONNECTOR = 28  # the line between a pairing's two nodes
LONGEST_WORD = 40  # characters: a longer word (hostile input) is cut to fit the box


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Text:
    """A block of text: its lines and where the first line's baseline starts."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: int = LABEL
    line: int = LINE


@dataclass(frozen=True)
class Node:
    side: str  # "outage" or "sexism"
    box: Box
    text: Text


@dataclass(frozen=True)
class Pair:
    entry: Entry
    outage: Node
    sexism: Node
    link: tuple[float, float, float, float]  # the line between the two nodes: x1, y1, x2, y2
    detail: tuple[Text, Text] | None  # its name and who draws it, then its two meanings (None: the tall map shows none)


@dataclass(frozen=True)
class Section:
    """A phase, or the part of it that one column holds: its heading, its lanes' names, its pairings."""

    phase: Phase
    number: int
    continued: bool  # the phase began at the foot of the column before
    heading: Box
    lanes: tuple[Text, Text]  # "Outage", "Sexism at work", above each lane
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class Legend:
    box: Box
    essay: tuple[float, float, float, Text]  # a solid line's x1, x2, y, and its words
    site: tuple[float, float, float, Text]
    roles_title: Text
    roles: tuple[tuple[Text, Text], ...]  # each role: the outage side, the sexism side
    arrows: tuple[tuple[float, float, float], ...]  # between them: x1, x2, y


@dataclass(frozen=True)
class MapLayout:
    kind: str  # "wide" or "tall"
    width: float
    height: float
    sections: tuple[Section, ...]
    detail: Box | None  # where the wide map shows the meanings of the pairing pointed at: over the legend
    hint: Text | None
    legend: Legend

    @property
    def pairs_height(self) -> float:
        """The height of the pairings alone, above the legend: the picture the deck and the small copies show."""
        return self.legend.box.y - 12


def measure(text: str, size: int = LABEL, bold: bool = False) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size`` units."""
    return font(size, bold=bold).getlength(text)


def wrap(text: str, width: float, size: int = LABEL, bold: bool = False) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width``, at spaces; a word too long for a line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        word = word[:LONGEST_WORD]
        while measure(word, size, bold) > width and len(word) > 1:  # a word wider than the box: cut it
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut] + "-", size, bold) > width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if measure(candidate, size, bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


@dataclass(frozen=True)
class _Frame:
    """The measures of one layout."""

    width: float
    gap: float  # between columns
    columns: int


WIDE = _Frame(width=1180, gap=22, columns=4)
TALL = _Frame(width=360, gap=0, columns=1)
KEYS = 250  # the wide legend's left part: the two kinds of line, and the hint
ORIGIN_LABELS = {"essay": "Drawn by the essay", "site": "The site's extension"}  # as partials/metaphor/origin.html
HINT = "Point at a pairing, or move to it with the Tab key, to read what each side means."
MARGIN = 2  # around everything: room for the boxes' strokes
HEAD = 34 + 8 + SMALL + 10  # a section's heading and its lanes' names, above its first pairing


@lru_cache(maxsize=4)  # a build draws each layout on a few pages; a Metaphor is frozen, so hashable
def lay_out(metaphor: Metaphor, kind: str) -> MapLayout:
    """Lay out the whole map, ``wide`` (the phases flow through four columns, left to right, as text does,
    so that the map is wider than tall) or ``tall`` (one column, for a phone)."""
    frame = WIDE if kind == "wide" else TALL
    column_width = (frame.width - 2 * MARGIN - frame.gap * (frame.columns - 1)) / frame.columns
    box_width = (column_width - CONNECTOR) / 2
    rows = [
        (
            phase,
            [
                (entry, wrap(entry.outage.term, box_width - 2 * PAD), wrap(entry.sexism.term, box_width - 2 * PAD))
                for entry in entries
            ],
        )
        for phase, entries in metaphor.by_phase()
    ]
    total = sum(HEAD + sum(_height(row) + GAP for row in entries) for _, entries in rows)
    limit = total / frame.columns if frame.columns > 1 else float("inf")
    while (sections := _flow(rows, frame, column_width, box_width, limit)) is None:
        limit += 10  # the shortest columns that hold everything, each phase split at most where it must be
    bottom = max(pair.outage.box.bottom for section in sections for pair in section.pairs)
    legend = _legend(metaphor.roles, frame, bottom + 20, kind)
    detail = None
    # A phone cannot point: a tap opens the pairing's page, which says what each side means.
    hint = Text(MARGIN + PAD, legend.site[2] + 26, ("Tap a pairing to open its page.",), SMALL)
    if kind == "wide":  # the meanings of the pairing pointed at show over the legend, in its box
        hint = Text(MARGIN + PAD, legend.essay[2] + 46, wrap(HINT, 240, SMALL), SMALL, 15)
        # Over the roles only: the two kinds of line stay in sight.
        roles = replace(legend.box, x=legend.box.x + KEYS, width=legend.box.width - KEYS)
        detail, sections = _details(sections, roles)
        hinted = hint.y + (len(hint.lines) - 1) * hint.line + PAD + 4 - legend.box.y
        legend = replace(legend, box=replace(legend.box, height=max(legend.box.height, detail.height, hinted)))
        detail = replace(detail, height=legend.box.height)
    return MapLayout(kind, frame.width, legend.box.bottom + MARGIN, tuple(sections), detail, hint, legend)


def _height(row: tuple[Entry, tuple[str, ...], tuple[str, ...]]) -> float:
    return max(len(row[1]), len(row[2])) * LINE + 2 * PAD


def _flow(rows: list, frame: _Frame, column_width: float, box_width: float, limit: float) -> list[Section] | None:
    """Set the phases' pairings down the columns in order, none taller than ``limit``; None if they need more
    columns than the frame has. A phase that does not fit goes on at the top of the next column."""
    sections: list[Section] = []
    column, y = 0, MARGIN
    for number, (phase, entries) in enumerate(rows, start=1):
        if frame.columns == 1 and sections:
            y += 24  # a phone: the phases one under another
        continued = False
        pending: list[Pair] = []
        x = MARGIN + column * (column_width + frame.gap)
        first = sum(_height(row) + GAP for row in entries[:2])  # a phase starts with two pairings at least
        if y + HEAD + first > MARGIN + limit and y > MARGIN:
            column, y = column + 1, MARGIN
            x = MARGIN + column * (column_width + frame.gap)
        heading, lanes, row = _head(x, y, column_width, box_width)
        for entry, left, right in entries:
            height = _height((entry, left, right))
            if row + height > MARGIN + limit and pending:
                sections.append(Section(phase, number, continued, heading, lanes, tuple(pending)))
                column, continued, pending = column + 1, True, []
                x = MARGIN + column * (column_width + frame.gap)
                heading, lanes, row = _head(x, MARGIN, column_width, box_width)
            outage = _node("outage", Box(x, row, box_width, height), left)
            sexism = _node("sexism", Box(x + box_width + CONNECTOR, row, box_width, height), right)
            middle = row + height / 2
            pending.append(Pair(entry, outage, sexism, (outage.box.right, middle, sexism.box.x, middle), None))
            row += height + GAP
        sections.append(Section(phase, number, continued, heading, lanes, tuple(pending)))
        y = row - GAP + 18
        if column >= frame.columns:
            return None
    return sections


def _head(x: float, y: float, column_width: float, box_width: float) -> tuple[Box, tuple[Text, Text], float]:
    heading = Box(x, y, column_width, 34)
    top = heading.bottom + 8
    lanes = (
        Text(x + 2, top + SMALL, ("Outage",), SMALL),
        Text(x + box_width + CONNECTOR + 2, top + SMALL, ("Sexism at work",), SMALL),
    )
    return heading, lanes, y + HEAD


def _node(side: str, box: Box, lines: tuple[str, ...]) -> Node:
    # The text block sits in the middle of its box, whatever the other node's height.
    first = box.y + (box.height - len(lines) * LINE) / 2 + LINE - 4
    return Node(side, box, Text(box.x + PAD, first, lines))


def _details(sections: list[Section], box: Box) -> tuple[Box, list[Section]]:
    """Give every pairing of the wide map its name, who draws it and its two meanings, set in ``box``;
    return the box they need."""
    width = box.width - 2 * PAD
    x, first = box.x + PAD, box.y + PAD + LINE - 4
    placed, tallest = [], 1
    for section in sections:
        pairs = []
        for pair in section.pairs:
            entry = pair.entry
            title = wrap(f"{entry.title}: {ORIGIN_LABELS[entry.origin].lower()}", width, bold=True)
            meanings = (
                *wrap(f"Outage: {entry.outage.meaning}", width),
                *wrap(f"Sexism at work: {entry.sexism.meaning}", width),
            )
            tallest = max(tallest, len(title) + len(meanings))
            below = first + len(title) * LINE
            pairs.append(replace(pair, detail=(Text(x, first, title), Text(x, below, meanings))))
        placed.append(replace(section, pairs=tuple(pairs)))
    return replace(box, height=tallest * LINE + 2 * PAD), placed


def _legend(roles: tuple[Role, ...], frame: _Frame, y: float, kind: str) -> Legend:
    """The legend: the two kinds of line, and who plays which part (in two columns on the wide map)."""
    x = MARGIN + PAD
    top = y + PAD
    essay = (x, x + 40, top + 8, Text(x + 50, top + 13, (ORIGIN_LABELS["essay"],), SMALL))
    site = (x, x + 40, top + 30, Text(x + 50, top + 35, (ORIGIN_LABELS["site"],), SMALL))
    rx, ry = (MARGIN + KEYS + PAD, top) if kind == "wide" else (x, top + 72)
    title = Text(rx, ry + 13, ("Who plays which part, outage → sexism at work:",), SMALL)
    columns = 2 if kind == "wide" else 1
    share = (frame.width - rx - MARGIN - PAD) / columns  # one column of roles
    room = (share - 30 - (20 if columns > 1 else 0)) / 2  # each side's at most, the arrow between
    half = min(room, max(measure(role.outage, SMALL) for role in roles) + 1)
    per_column = -(-len(roles) // columns)
    laid, arrows, bottom = [], [], ry + 22
    for start in range(0, len(roles), per_column):
        cx, row = rx + share * (start // per_column), ry + 22
        for role in roles[start : start + per_column]:
            left = wrap(role.outage, half, SMALL)
            right = wrap(role.legend, 2 * room - half, SMALL)
            laid.append((Text(cx, row + 13, left, SMALL, 15), Text(cx + half + 30, row + 13, right, SMALL, 15)))
            arrows.append((cx + half + 6, cx + half + 24, row + 9))
            row += max(len(left), len(right)) * 15 + 4
        bottom = max(bottom, row)
    bottom = max(bottom, site[2] + 14) + PAD
    box = Box(MARGIN, y, frame.width - 2 * MARGIN, bottom - y)
    return Legend(box, essay, site, title, tuple(laid), tuple(arrows))


def picture(metaphor: Metaphor) -> Picture:
    """The wide map's shapes without their words or legend, for the map page's preview image (pages/previews)."""
    layout = lay_out(metaphor, "wide")
    pairs = [pair for section in layout.sections for pair in section.pairs]
    drawn = sum(pair.entry.origin == "essay" for pair in pairs)
    return Picture(
        width=layout.width,
        height=layout.pairs_height,
        bands=tuple(astuple(s.heading) for s in layout.sections if not s.continued),
        boxes=tuple(astuple(node.box) for pair in pairs for node in (pair.outage, pair.sexism)),
        lines=tuple((*pair.link, pair.entry.origin == "essay") for pair in pairs),
        words=(
            f"A picture of its {len(pairs)} pairings in {len(metaphor.phases)} phases, each an outage idea joined to "
            f"its counterpart in sexism at work: by a solid line for the {drawn} the essay draws, a dashed one for "
            "those the site adds."
        ),
    )
