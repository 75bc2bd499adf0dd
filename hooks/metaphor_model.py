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
    line: int


@dataclass(frozen=True)
class Metaphor:
    """The whole mapping: phases in display order and entries in file order."""

    phases: tuple[Phase, ...]
    entries: tuple[Entry, ...]

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with ``entry_id``."""
        return self._by_id[entry_id]

    def by_phase(self) -> list[tuple[Phase, list[Entry]]]:
        """Group entries under their phase, phases in display order, empty ones left out."""
        groups = [(phase, [e for e in self.entries if e.phase == phase.id]) for phase in self.phases]
        return [(phase, entries) for phase, entries in groups if entries]
