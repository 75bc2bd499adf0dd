"""Load docs/scenarios.yml into Scenarios, on the skeleton the mapping's loader uses (data_checks).

Parse once (yaml_source), check the shape against docs/scenarios.schema.json (schema_check), check
what a schema cannot against the essay and the already validated mapping (unique ids, rehearsed
entries and inject phases that exist, minutes that add up, verbatim quotes), then build the frozen
model once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.data_checks import Checker, Loaded, item_labeler, items, load, quoted, read, texts, whole
from checks.schema_check import Schema
from model.scenarios_model import Inject, Option, Review, Runbook, RunbookSection, Scenario, ScenarioFacts, Scenarios
from sources.essay_source import Essay
from sources.yaml_source import DataPath, Document, Problem

SCHEMA = "scenarios.schema.json"  # beside the scenarios, read at every build


def read_scenarios(path: Path) -> Document:
    """Parse ``path`` once (raise InvalidData for a syntax error or an empty file)."""
    return read(path, "version, scenarios and runbook")


def scenario_facts(document: Document) -> dict[str, ScenarioFacts]:
    """Return what presets need of each scenario with an id: its minutes, whether its review is pending, its topics.

    Its minutes are what its steps take (setting, injects, weighing, debrief: what the deck's clocks run),
    so that a change to a step shows in the presets' sums in the same run as the scenario's own; its
    ``minutes`` field when a step's minutes are not whole numbers.
    """
    facts = {}
    for _, s in items(document.data, ("scenarios",)):
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            continue
        review, topics = s.get("review"), s.get("topics")
        steps = step_minutes(s)
        facts[s["id"]] = ScenarioFacts(
            minutes=sum(steps) if all(whole(m) for m in steps) else s["minutes"] if whole(s.get("minutes")) else None,
            pending=isinstance(review, dict) and review.get("status") == "pending",
            topics=tuple(t for t in topics if isinstance(t, str)) if isinstance(topics, list) else (),
        )
    return facts


def step_minutes(scenario: dict[str, Any]) -> list[Any]:
    """Return a scenario's steps' minutes as written (the setting's, each inject's, the weighing's, the
    debrief's), None for an inject that is not a mapping: what its minutes must add up to."""
    injects = scenario.get("injects") if isinstance(scenario.get("injects"), list) else []
    return [
        scenario.get("setting_minutes"),
        *(inject.get("minutes") if isinstance(inject, dict) else None for inject in injects),
        scenario.get("weigh_minutes"),
        scenario.get("debrief_minutes"),
    ]


def load_scenarios(
    document: Document,
    *,
    path: Path,
    essay: Essay,
    entry_ids: list[str] | None,
    phase_ids: list[str] | None,
    topic_ids: list[str] | None,
) -> Loaded[Scenarios]:
    """Check a parsed docs/scenarios.yml (read from ``path``) and return it built, or raise InvalidData with every
    problem.

    ``entry_ids``, ``phase_ids`` and ``topic_ids`` come from the valid mapping; None when the mapping
    has problems of its own (then the references into it are not checked this time).
    """
    schema = Schema.read(path.parent / SCHEMA)
    checker = _Checks(document, essay, entry_ids, phase_ids, topic_ids)
    return load(document, schema, checker, lambda data: build(data, essay))


class _Checks(Checker):
    """What the schema cannot say, read defensively so every problem is reported in one run."""

    def __init__(
        self,
        document: Document,
        essay: Essay,
        entry_ids: list[str] | None,
        phase_ids: list[str] | None,
        topic_ids: list[str] | None,
    ) -> None:
        super().__init__(document, essay, item_labeler(document.data, (("scenarios",), "scenario")))
        self.entry_ids = entry_ids
        self.phase_ids = phase_ids
        self.topic_ids = topic_ids

    def run(self) -> list[Problem]:
        """Run every check; return the problems found."""
        if not isinstance(self.data, dict):
            return []
        self.unique_ids(("scenarios",), "scenario")
        for path, scenario in items(self.data, ("scenarios",)):
            if not isinstance(scenario, dict):
                continue
            self.known((*path, "rehearses"), self.entry_ids, "entry of docs/metaphors.yml")
            self.known((*path, "topics"), self.topic_ids, "topic of docs/metaphors.yml (workshop.topics)", listed=True)
            for inject_path, _ in items(self.data, (*path, "injects")):
                self.phase((*inject_path, "phase"), self.phase_ids)
            for quote_path, quote in texts(self.data, (*path, "quotes")):
                self.quote(quote_path, quote)
            self.minutes(path, scenario)
            self.names_the_topic(
                (*path, "debrief"),
                self.questions(path),
                "no question names the topic: at least one question of the scenario should say sexism, women, "
                "gender or race plainly, so that the drill is about sexism and not only about process",
            )
            self.minutes_in_notes((*path, "notes"))
            for inject_path, _ in items(self.data, (*path, "injects")):
                self.minutes_in_notes((*inject_path, "notes"))
        self.quotation_marks()
        for path, _ in items(self.data, ("runbook", "sections")):
            self.phase((*path, "id"), self.phase_ids)
        return self.problems

    def questions(self, path: DataPath) -> list[str]:
        """Return the questions a scenario asks: its injects', then its debrief's."""
        asked = [
            text
            for inject_path, _ in items(self.data, (*path, "injects"))
            for _, text in texts(self.data, (*inject_path, "questions"))
        ]
        return asked + [text for _, text in texts(self.data, (*path, "debrief"))]

    def minutes(self, path: DataPath, scenario: dict[str, Any]) -> None:
        """Check that a scenario's minutes are its setting's, its injects', the weighing's and the debrief's."""
        parts, total = step_minutes(scenario), scenario.get("minutes")
        if all(whole(n) for n in [*parts, total]) and sum(parts) != total:
            self.report(
                (*path, "minutes"),
                f"its setting, injects, weighing and debrief add up to {sum(parts)} minutes, not {total}: "
                "change minutes, or setting_minutes, the minutes of its injects, weigh_minutes or debrief_minutes",
            )


def build(data: dict[str, Any], essay: Essay) -> Scenarios:
    """Build the frozen model from valid data (called once, after every check passed)."""

    runbook = data["runbook"]
    return Scenarios(
        scenarios=tuple(
            Scenario(
                id=s["id"],
                title=s["title"].strip(),
                topic=s["topic"].strip(),
                setting=s["setting"].strip(),
                setting_minutes=s["setting_minutes"],
                rehearses=tuple(s["rehearses"]),
                quotes=tuple(quoted(essay, q) for q in s.get("quotes", ())),
                injects=tuple(
                    Inject(i["phase"], i["text"].strip(), tuple(i["questions"]), i["minutes"], i["notes"].strip())
                    for i in s["injects"]
                ),
                options=tuple(Option(o["kind"], o["action"], o["costs"], o["protects"]) for o in s["options"]),
                weigh_minutes=s["weigh_minutes"],
                debrief=tuple(s["debrief"]),
                debrief_minutes=s["debrief_minutes"],
                minutes=s["minutes"],
                notes=s["notes"].strip(),
                topics=tuple(s.get("topics", ())),
                review=Review(**{k: str(v).strip() for k, v in s["review"].items()}) if "review" in s else None,
            )
            for s in data["scenarios"]
        ),
        runbook=Runbook(
            intro=runbook["intro"].strip(),
            sections=tuple(
                RunbookSection(r["id"], r["title"], r["hint"], tuple(r["prompts"])) for r in runbook["sections"]
            ),
            goal_title=runbook["goal"]["title"],
            goal_hint=runbook["goal"]["hint"],
        ),
    )
