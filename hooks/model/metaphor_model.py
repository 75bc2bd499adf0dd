"""The metaphor as validated data: phases and entries, frozen once loaded."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Phase:
    """A stage of incident response, used to group entries in a fixed order."""

    id: str
    title: str
    summary: str
    minutes: int
    notes: str


@dataclass(frozen=True)
class Role:
    """Who or what plays one part of an outage in the experience of sexism at work."""

    outage: str
    sexism: str
    short: str = ""  # the sexism side in a few words: the map's legend, the handout, the deck's casting slide

    @property
    def legend(self) -> str:
        """The sexism side as the map's legend names it: ``short``, else the words before its first colon."""
        return self.short or self.sexism.split(":", 1)[0].strip()


@dataclass(frozen=True)
class Side:
    """One side of a pairing: a term and a one-sentence meaning."""

    term: str
    meaning: str


@dataclass(frozen=True)
class Quote:
    """The essay's own words, located in the paragraph with ``anchor``; ``about`` is "outage" when they are
    about outages (what a pairing's outage side rests on), "" when about sexism or the author herself."""

    text: str
    anchor: str
    about: str = ""


@dataclass(frozen=True)
class Topic:
    """A sensitive topic some pairings and scenarios touch on, which a session's content note names."""

    id: str
    name: str  # as an invitation names it: "race"
    note: str  # what the content note says: "how race and gender together shape the way failure is judged"


@dataclass(frozen=True)
class Entry:
    """One pairing of an outage concept with its counterpart in sexism at work."""

    id: str
    phase: str
    origin: str  # "essay": the essay draws this pairing; "site": the site's extension
    outage: Side
    sexism: Side
    quotes: tuple[Quote, ...]
    breaks_down: str
    prompts: tuple[str, ...]
    related: tuple[str, ...]
    minutes: int
    notes: str
    topics: tuple[str, ...] = ()  # ids of the sensitive topics it touches on

    @property
    def title(self) -> str:
        """The pairing's name, as every page and script writes it: its two terms."""
        return f"{self.outage.term} ↔ {self.sexism.term}"


@dataclass(frozen=True)
class Block:
    """A fixed part of a workshop: how long it takes and what the facilitator should know."""

    minutes: int
    notes: str


@dataclass(frozen=True)
class Rule:
    """A ground rule: the rule (shown in bold) and what it means."""

    rule: str
    detail: str


@dataclass(frozen=True)
class GroundRules:
    """The ground rules' slide: its minutes (inside the opening's), notes and rules."""

    minutes: int
    notes: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Pause:
    """The break a long session takes: its length, notes, and the session length that calls for it."""

    minutes: int
    notes: str
    over: int


@dataclass(frozen=True)
class Preset:
    """A ready-made session: which entries and scenarios it covers, its buffer, and how long it must last."""

    id: str
    title: str
    minutes: int
    entries: tuple[str, ...]
    notes: str = ""  # for the facilitator: what it covers and why
    scenarios: tuple[str, ...] = ()  # ids in docs/scenarios.yml, run in this order after the pairings
    buffer: int = 0  # minutes kept free before the close


@dataclass(frozen=True)
class Workshop:
    """What the facilitator kit needs beyond the entries: fixed blocks, key passages, presets."""

    opening: Block  # its minutes cover the welcome, the content note and the ground rules
    content_note: Block
    ground_rules: GroundRules
    passages: Block
    quotes: tuple[Quote, ...]
    pause: Pause  # the `break` block of the file
    closing: Block
    prompt: str  # the closing slide's ask: one goal each
    presets: tuple[Preset, ...]
    limits: tuple[str, ...] = ()  # where the metaphor as a whole stops holding
    # Of the passages' minutes, those of the slides of who plays which part, of the metaphor map and of where
    # the metaphor stops.
    roles_minutes: int = 0
    map_minutes: int = 0
    limits_minutes: int = 0
    topics: tuple[Topic, ...] = ()  # the sensitive topics a content note may name

    def preset(self, preset_id: str) -> Preset:
        """Return the preset with ``preset_id``."""
        return next(p for p in self.presets if p.id == preset_id)


@dataclass(frozen=True)
class AgendaItem:
    """One timed block of a session."""

    kind: str  # opening, passages, entry, discussion, scenario, buffer, break or closing
    title: str
    minutes: int
    ref: str = ""  # the entry, phase or scenario id, for entry, discussion and scenario blocks


@dataclass(frozen=True)
class Metaphor:
    """The whole mapping: roles, phases in display order, entries in file order, the workshop."""

    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    entries: tuple[Entry, ...]
    workshop: Workshop

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with ``entry_id``."""
        return self._by_id[entry_id]

    def by_phase(self, selection: tuple[str, ...] | None = None) -> list[tuple[Phase, list[Entry]]]:
        """Group entries (all, or the selected ids) under their phase, in display order; drop empty phases."""
        chosen = [e for e in self.entries if selection is None or e.id in selection]
        groups = [(phase, [e for e in chosen if e.phase == phase.id]) for phase in self.phases]
        return [(phase, entries) for phase, entries in groups if entries]

    def break_after(self, selection: tuple[str, ...] | None = None, **blocks: Any) -> str | None:
        """Return the id of the phase discussion or scenario the session's break follows, if it has one."""
        items = self.agenda(selection, **blocks)
        return next((before.ref for before, item in itertools.pairwise(items) if item.kind == "break"), None)

    def agenda(
        self,
        selection: tuple[str, ...] | None = None,
        *,
        scenarios: Sequence[tuple[str, str, int]] = (),
        buffer: int = 0,
    ) -> list[AgendaItem]:
        """Return the timed blocks of a session covering the selected entries (all by default).

        ``scenarios`` are the session's practice scenarios as (id, title, minutes), in order.
        """
        return agenda(
            phases=[(p.id, p.title, p.minutes) for p in self.phases],
            entries=[(e.id, e.phase, e.title, e.minutes) for e in self.entries],
            opening=self.workshop.opening.minutes,
            passages=self.workshop.passages.minutes,
            pause=(self.workshop.pause.minutes, self.workshop.pause.over),
            closing=self.workshop.closing.minutes,
            selection=selection,
            scenarios=scenarios,
            buffer=buffer,
        )


AGENDA_TITLES = {
    "opening": "Welcome, content note and ground rules",
    "passages": "The essay's key passages, and who plays which part",
    "discussion": "{title}: discussion",  # the phase's title
    "scenario": "Scenario: {title}",
    "buffer": "Buffer for a late start or an overrun",
    "break": "Break",
    "closing": "Close: one goal each",
}
BREAK_AFTER = ("discussion", "scenario")  # the blocks a break may follow


def agenda(
    *,
    phases: Sequence[tuple[str, str, int]],
    entries: Sequence[tuple[str, str, str, int]],
    opening: int,
    passages: int,
    pause: tuple[int, int],
    closing: int,
    selection: tuple[str, ...] | None = None,
    scenarios: Sequence[tuple[str, str, int]] = (),
    buffer: int = 0,
) -> list[AgendaItem]:
    """Lay out a session: opening, passages, each phase's pairings then its discussion, the scenarios,
    a buffer, the close, and a break.

    ``phases`` are (id, title, discussion minutes) in display order; ``entries`` are (id, phase id,
    title, minutes); ``scenarios`` are (id, title, minutes) in the order they run. A session longer
    than ``pause[1]`` minutes gets a break of ``pause[0]`` minutes after the phase discussion or
    scenario that ends nearest its middle. The pages' script (mx.js) lays out the same agenda for
    selections made in the browser; a test keeps the two equal.
    """
    items = [
        AgendaItem("opening", AGENDA_TITLES["opening"], opening),
        AgendaItem("passages", AGENDA_TITLES["passages"], passages),
    ]
    for phase_id, title, minutes in phases:
        chosen = [e for e in entries if e[1] == phase_id and (selection is None or e[0] in selection)]
        if not chosen:
            continue
        items += [
            AgendaItem("entry", entry_title, entry_minutes, entry_id)
            for entry_id, _, entry_title, entry_minutes in chosen
        ]
        items.append(AgendaItem("discussion", AGENDA_TITLES["discussion"].format(title=title), minutes, phase_id))
    items += [
        AgendaItem("scenario", AGENDA_TITLES["scenario"].format(title=title), minutes, scenario_id)
        for scenario_id, title, minutes in scenarios
    ]
    if buffer:
        items.append(AgendaItem("buffer", AGENDA_TITLES["buffer"], buffer))
    items.append(AgendaItem("closing", AGENDA_TITLES["closing"], closing))
    length, over = sum(item.minutes for item in items), pause[1]
    if length > over:
        ends, elapsed = [], 0
        for index, item in enumerate(items):
            elapsed += item.minutes
            if item.kind in BREAK_AFTER:
                ends.append((abs(2 * elapsed - length), index))
        if ends:
            items.insert(min(ends)[1] + 1, AgendaItem("break", AGENDA_TITLES["break"], pause[0]))
    return items
