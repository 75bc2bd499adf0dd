"""The practice scenarios and the team's runbook as validated data, frozen once loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from model.metaphor_model import Quote


@dataclass(frozen=True)
class Inject:
    """What happens next in a scenario: revealed at once to the room, with questions and a timer."""

    phase: str
    text: str
    questions: tuple[str, ...]
    minutes: int
    notes: str


@dataclass(frozen=True)
class Option:
    """A response a bystander could make, with what it costs and whom it protects."""

    kind: str  # interrupt, amplify, support, report, follow-up or change-process
    action: str
    costs: str
    protects: str


@dataclass(frozen=True)
class ScenarioFacts:
    """What the mapping's presets need of a scenario, read before docs/scenarios.yml is fully checked."""

    minutes: int | None  # None when its minutes are not a whole number (that is reported on its own)
    pending: bool  # its review is pending
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """A review a scenario needs before use, by the people it is about: pending, or done (when, by whom)."""

    needs: str  # who must review it: "Black women engineers"
    status: str  # pending or done
    date: str = ""
    by: str = ""


@dataclass(frozen=True)
class Scenario:
    """A situation told to a teammate or bystander, run like an incident drill."""

    id: str
    title: str
    topic: str
    setting: str
    setting_minutes: int
    rehearses: tuple[str, ...]
    quotes: tuple[Quote, ...]
    injects: tuple[Inject, ...]
    options: tuple[Option, ...]
    weigh_minutes: int
    debrief: tuple[str, ...]
    debrief_minutes: int
    minutes: int
    notes: str
    topics: tuple[str, ...] = ()  # ids of the sensitive topics it touches on (docs/metaphors.yml)
    review: Review | None = None

    @property
    def pending(self) -> bool:
        """Tell whether it waits for a review it needs: never drawn, in no preset, added only on confirmation."""
        return self.review is not None and self.review.status == "pending"


@dataclass(frozen=True)
class RunbookSection:
    """A section of the team's runbook, in the essay's phases, with prompts to start from."""

    id: str
    title: str
    hint: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Runbook:
    """What the runbook page asks a person or a room to write."""

    intro: str
    sections: tuple[RunbookSection, ...]
    goal_title: str
    goal_hint: str


OPTION_KINDS = {
    "interrupt": "Interrupt",
    "amplify": "Amplify",
    "support": "Support privately",
    "report": "Report",
    "follow-up": "Follow up",
    "change-process": "Change a process",
}


@dataclass(frozen=True)
class Scenarios:
    """Every scenario, in file order, and the runbook."""

    scenarios: tuple[Scenario, ...]
    runbook: Runbook

    @cached_property
    def _by_id(self) -> dict[str, Scenario]:
        return {s.id: s for s in self.scenarios}

    def scenario(self, scenario_id: str) -> Scenario:
        """Return the scenario with ``scenario_id``."""
        return self._by_id[scenario_id]

    def blocks(self, scenario_ids: tuple[str, ...]) -> list[tuple[str, str, int]]:
        """Return the named scenarios as agenda blocks: (id, title, minutes), in the order named."""
        return [(s.id, s.title, s.minutes) for s in map(self.scenario, scenario_ids)]

    def rehearsing(self, entry_id: str) -> list[Scenario]:
        """Return the scenarios that rehearse the entry ``entry_id``, in file order."""
        return [s for s in self.scenarios if entry_id in s.rehearses]
