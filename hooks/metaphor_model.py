"""The metaphor as validated data: phases and entries, frozen once loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Phase:
    """A stage of incident response, used to group entries in a fixed order."""

    id: str
    title: str
    summary: str
    minutes: int
    notes: str


@dataclass(frozen=True)
class Side:
    """One side of a pairing: a term and a one-sentence meaning."""

    term: str
    meaning: str


@dataclass(frozen=True)
class Quote:
    """The essay's own words, located in the paragraph with ``anchor``."""

    text: str
    anchor: str


@dataclass(frozen=True)
class Entry:
    """One pairing of an outage concept with its counterpart in sexism at work."""

    id: str
    phase: str
    outage: Side
    sexism: Side
    quotes: tuple[Quote, ...]
    breaks_down: str
    prompts: tuple[str, ...]
    related: tuple[str, ...]
    minutes: int
    notes: str
    line: int


@dataclass(frozen=True)
class Block:
    """A fixed part of a workshop: how long it takes and what the facilitator should know."""

    minutes: int
    notes: str


@dataclass(frozen=True)
class Preset:
    """A ready-made session: which entries it covers and how long it must last."""

    id: str
    title: str
    minutes: int
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Workshop:
    """What the facilitator kit needs beyond the entries: fixed blocks, key passages, presets."""

    opening: Block
    passages: Block
    quotes: tuple[Quote, ...]
    closing: Block
    presets: tuple[Preset, ...]


@dataclass(frozen=True)
class AgendaItem:
    """One timed block of a session."""

    kind: str  # opening, passages, entry, discussion or closing
    title: str
    minutes: int
    ref: str = ""  # the entry or phase id, for entry and discussion blocks


@dataclass(frozen=True)
class Metaphor:
    """The whole mapping: phases in display order and entries in file order."""

    phases: tuple[Phase, ...]
    entries: tuple[Entry, ...]
    workshop: Workshop | None = None

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

    def agenda(self, selection: tuple[str, ...] | None = None) -> list[AgendaItem]:
        """Return the timed blocks of a session covering the selected entries (all by default)."""
        workshop = self.workshop
        assert workshop is not None, "a validated mapping always has a workshop section"
        items = [
            AgendaItem("opening", "Welcome, content note and ground rules", workshop.opening.minutes),
            AgendaItem("passages", "The essay's key passages", workshop.passages.minutes),
        ]
        for phase, entries in self.by_phase(selection):
            items += [AgendaItem("entry", f"{e.outage.term} ↔ {e.sexism.term}", e.minutes, e.id) for e in entries]
            items.append(AgendaItem("discussion", f"{phase.title}: discussion", phase.minutes, phase.id))
        items.append(AgendaItem("closing", "Close", workshop.closing.minutes))
        return items
