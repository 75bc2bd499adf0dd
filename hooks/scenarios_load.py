"""Load docs/scenarios.yml into Scenarios, the same way the mapping is loaded.

Parse once (yaml_source), check the shape against docs/scenarios.schema.json (schema_check), check
what a schema cannot against the essay and the already validated mapping (unique ids, rehearsed
entries and inject phases that exist, minutes that add up, verbatim quotes), then build the frozen
model once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from essay_source import Essay
from metaphor_load import NAMES_THE_TOPIC, check_quotation_marks, one_of, warn_minutes_in_notes
from metaphor_model import Quote
from scenarios_model import Inject, Option, Review, Runbook, RunbookSection, Scenario, ScenarioFacts, Scenarios
from schema_check import Schema
from yaml_source import DataPath, Document, InvalidData, Problem, dotted, load_yaml

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "scenarios.schema.json"
SCHEMA = Schema.read(SCHEMA_PATH)


def read_scenarios(path: Path) -> Document:
    """Parse ``path`` once (raise InvalidData for a syntax error or an empty file)."""
    document = load_yaml(path)
    if document.data is None:
        raise InvalidData([Problem(1, "the file is empty; expected version, scenarios and runbook")])
    return document


def scenario_facts(document: Document) -> dict[str, ScenarioFacts]:
    """Return what presets need of each scenario with an id: its minutes, whether its review is pending, its topics."""
    facts = {}
    for _, s in _items(document.data, ("scenarios",)):
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            continue
        review, topics = s.get("review"), s.get("topics")
        facts[s["id"]] = ScenarioFacts(
            minutes=s["minutes"] if _whole(s.get("minutes")) else None,
            pending=isinstance(review, dict) and review.get("status") == "pending",
            topics=tuple(t for t in topics if isinstance(t, str)) if isinstance(topics, list) else (),
        )
    return facts


@dataclass(frozen=True)
class LoadedScenarios:
    """Valid scenarios, and what they warn about (a strict build fails on warnings)."""

    scenarios: Scenarios
    warnings: tuple[Problem, ...]


def load_scenarios(
    document: Document,
    *,
    essay: Essay,
    entry_ids: list[str] | None,
    phase_ids: list[str] | None,
    topic_ids: list[str] | None,
) -> LoadedScenarios:
    """Check a parsed docs/scenarios.yml and return it built, or raise InvalidData with every problem.

    ``entry_ids``, ``phase_ids`` and ``topic_ids`` come from the valid mapping; None when the mapping
    has problems of its own (then the references into it are not checked this time).
    """
    label = scenario_label(document.data)
    checks = _Checks(document, essay, entry_ids, phase_ids, topic_ids)
    problems = SCHEMA.problems(document, label=label) + checks.run()
    if any(not problem.warning for problem in problems):
        raise InvalidData(problems)
    return LoadedScenarios(build(document.data, essay), tuple(sorted(problems, key=lambda p: (p.line, p.column))))


def scenario_label(data: Any) -> Any:
    """Return a labeler that names problems inside ``scenarios[i]`` by the scenario's id."""

    def label(path: DataPath) -> tuple[str | None, DataPath]:
        if len(path) >= 2 and path[0] == "scenarios" and isinstance(path[1], int):
            item = data["scenarios"][path[1]] if isinstance(data, dict) else None
            name = item.get("id") if isinstance(item, dict) else None
            shown = f"'{name}'" if isinstance(name, str) and name.strip() else f"#{path[1] + 1}"
            return f"scenario {shown}", path[2:]
        return None, path

    return label


def _items(data: Any, path: DataPath) -> Iterator[tuple[DataPath, Any]]:
    """Yield (path, item) for each item of the list at ``path`` (nothing if the data is not that shape)."""
    value = data
    for step in path:
        if isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        elif isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            value = value[step]
        else:
            return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item


class _Checks:
    """What the schema cannot say, read defensively so every problem is reported in one run."""

    def __init__(
        self,
        document: Document,
        essay: Essay,
        entry_ids: list[str] | None,
        phase_ids: list[str] | None,
        topic_ids: list[str] | None,
    ) -> None:
        self.data = document.data
        self.source = document.source
        self.essay = essay
        self.entry_ids = entry_ids
        self.phase_ids = phase_ids
        self.topic_ids = topic_ids
        self.label = scenario_label(self.data)
        self.problems: list[Problem] = []

    def report(self, path: DataPath, message: str, *, warning: bool = False) -> None:
        subject, shown = self.label(path)
        mark = self.source.at(path)
        self.problems.append(Problem(mark.line, message, subject, dotted(shown) or None, mark.column, warning))

    def run(self) -> list[Problem]:
        """Run every check; return the problems found."""
        if not isinstance(self.data, dict):
            return []
        entries, phases = self.entry_ids, self.phase_ids
        first: dict[str, int] = {}
        for path, scenario in _items(self.data, ("scenarios",)):
            if not isinstance(scenario, dict):
                continue
            scenario_id = scenario.get("id")
            if isinstance(scenario_id, str):
                if scenario_id in first:
                    self.report((*path, "id"), f"duplicate scenario id (first used on line {first[scenario_id]})")
                else:
                    first[scenario_id] = self.source.at((*path, "id")).line
            for ref_path, ref in _items(self.data, (*path, "rehearses")):
                if isinstance(ref, str) and entries is not None and ref not in entries:
                    self.report(ref_path, f"no entry of docs/metaphors.yml has the id '{ref}'")
            for ref_path, ref in _items(self.data, (*path, "topics")):
                if isinstance(ref, str) and self.topic_ids is not None and ref not in self.topic_ids:
                    self.report(
                        ref_path,
                        f"no topic of docs/metaphors.yml (workshop.topics) has the id '{ref}'" + one_of(self.topic_ids),
                    )
            for inject_path, inject in _items(self.data, (*path, "injects")):
                phase = inject.get("phase") if isinstance(inject, dict) else None
                if isinstance(phase, str) and phases is not None and phase not in phases:
                    message = f"unknown phase '{phase}' (expected one of: {', '.join(phases)})"
                    self.report((*inject_path, "phase"), message)
            for quote_path, quote in _items(self.data, (*path, "quotes")):
                if isinstance(quote, str) and quote.strip():
                    self.quote(quote_path, quote.strip())
            self.minutes(path, scenario)
            self.names_the_topic(path)
            warn_minutes_in_notes(self.report, (*path, "notes"), scenario.get("notes"))
            for inject_path, inject in _items(self.data, (*path, "injects")):
                if isinstance(inject, dict):
                    warn_minutes_in_notes(self.report, (*inject_path, "notes"), inject.get("notes"))
        check_quotation_marks(self.report, self.data, self.essay)
        for path, section in _items(self.data, ("runbook", "sections")):
            section_id = section.get("id") if isinstance(section, dict) else None
            if isinstance(section_id, str) and phases is not None and section_id not in phases:
                self.report((*path, "id"), f"unknown phase '{section_id}' (expected one of: {', '.join(phases)})")
        return self.problems

    def names_the_topic(self, path: DataPath) -> None:
        """Warn about a scenario none of whose questions names sexism, women, gender or race."""
        questions = [
            q
            for _, inject in _items(self.data, (*path, "injects"))
            if isinstance(inject, dict)
            for q in (inject.get("questions") or [])
            if isinstance(q, str)
        ]
        questions += [q for _, q in _items(self.data, (*path, "debrief")) if isinstance(q, str)]
        if questions and not any(NAMES_THE_TOPIC.search(q) for q in questions):
            self.report(
                (*path, "debrief"),
                "no question names the topic: at least one question of the scenario should say sexism, women, "
                "gender or race plainly, so that the drill is about sexism and not only about process",
                warning=True,
            )

    def quote(self, path: DataPath, text: str) -> None:
        """Check that a quote is verbatim in exactly one paragraph of the essay."""
        message = self.essay.quote_problem(text)
        if message:
            self.report(path, message)

    def minutes(self, path: DataPath, scenario: dict[str, Any]) -> None:
        """Check that a scenario's minutes are its setting's, its injects', the weighing's and the debrief's."""
        parts = [scenario.get("setting_minutes")]
        parts += [i.get("minutes") for _, i in _items(self.data, (*path, "injects")) if isinstance(i, dict)]
        parts += [scenario.get("weigh_minutes"), scenario.get("debrief_minutes")]
        total = scenario.get("minutes")
        if all(_whole(n) for n in [*parts, total]) and sum(parts) != total:
            self.report(
                (*path, "minutes"),
                f"its setting, injects, weighing and debrief add up to {sum(parts)} minutes, not {total}: "
                "change minutes, or setting_minutes, the minutes of its injects, weigh_minutes or debrief_minutes",
            )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def build(data: dict[str, Any], essay: Essay) -> Scenarios:
    """Build the frozen model from valid data (called once, after every check passed)."""

    def quote(text: str) -> Quote:
        return Quote(text.strip(), essay.paragraphs_containing(text.strip())[0].anchor)

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
                quotes=tuple(quote(q) for q in s.get("quotes", ())),
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
