"""Load docs/metaphors.yml into a Metaphor: parse once, check the shape, check the meaning, build.

Data flows one way:

1. ``load_yaml`` composes the file once; PyYAML's constructor gives the data and a walk over the
   same nodes gives a source map (path -> line, column).
2. The JSON Schema (docs/metaphors.schema.json) is the one structural check; its errors are
   placed and reworded by ``schema_check``.
3. What a schema cannot say is checked here: quotes verbatim in the essay, unique ids, references
   that exist, presets that add up, and (as warnings) sentences quoted too often or paragraphs
   quoted by no entry. These checks read the data defensively, so that every problem is reported
   in one run even where part of the file is broken.
4. Only a file with no errors is built, once, into the frozen model of ``metaphor_model``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from essay_source import Essay
from metaphor_model import (
    Block,
    Entry,
    GroundRules,
    Metaphor,
    Pause,
    Phase,
    Preset,
    Quote,
    Role,
    Rule,
    Side,
    Topic,
    Workshop,
    agenda,
)
from scenarios_model import ScenarioFacts
from schema_check import Schema
from yaml_source import DataPath, Document, InvalidData, Problem, SourceMap, bulk_objects, dotted, load_yaml

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "metaphors.schema.json"
SCHEMA = Schema.read(SCHEMA_PATH)
MAX_QUOTING_ENTRIES = 2  # entries that may quote one sentence of the essay
# A discussion that never names its subject drifts into talk about process: every entry needs a
# prompt that says sexism (or women, gender, race) plainly.
NAMES_THE_TOPIC = re.compile(r"\b(sexis[mt]\w*|wom[ae]n\w*|gender\w*|misogyn\w*|rac(?:e|es|ism|ist|ial)\b)", re.I)
# Notes that say how long something takes go stale when its minutes field changes: the pages show the
# minutes from the data, so notes leave the number out.
MINUTES_IN_NOTES = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[ -]minutes?\b", re.I
)
OUTAGE = "outage"  # a quote written `- outage: "..."` is her words about outages, not about sexism
SUGGESTIONS = 200  # "did you mean" look-ups per run, so that a file broken everywhere is checked in linear time

__all__ = ["SCHEMA", "SCHEMA_PATH", "InvalidData", "Loaded", "Problem", "load_metaphor"]


@dataclass(frozen=True)
class Loaded:
    """A valid mapping, what it warns about, and where each of its values sits in the file."""

    metaphor: Metaphor
    warnings: tuple[Problem, ...]
    source: SourceMap


def load_metaphor(path: Path, essay: Essay, *, scenarios: dict[str, ScenarioFacts] | None = None) -> Loaded:
    """Read ``path`` and return the validated mapping, or raise InvalidData with every problem.

    ``scenarios`` says of each scenario of docs/scenarios.yml what presets need (minutes, a pending
    review, topics); None when that file could not be read: then presets that name scenarios are
    not checked against them.
    """
    with bulk_objects():  # a large file, broken everywhere, makes a problem or more per value
        document = load_yaml(path)
        if document.data is None:
            raise InvalidData([Problem(1, "the file is empty; expected version, roles, phases, workshop and entries")])
        problems = SCHEMA.problems(document, label=entry_label(document.data))
        problems += _Checks(document, essay, scenarios).run()
    if any(not problem.warning for problem in problems):
        raise InvalidData(problems)
    metaphor = build(document.data, essay)
    warnings = tuple(sorted(problems, key=lambda p: (p.line, p.column)))
    return Loaded(metaphor, warnings, document.source)


def entry_label(data: Any) -> Any:
    """Return a labeler that names problems inside ``entries[i]`` by the entry's id."""

    def label(path: DataPath) -> tuple[str | None, DataPath]:
        if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
            return f"entry {_entry_name(data, path[1])}", path[2:]
        return None, path

    return label


def _entry_name(data: Any, index: int) -> str:
    entry = _at(data, ("entries", index))
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    return f"'{entry_id}'" if isinstance(entry_id, str) and entry_id.strip() else f"#{index + 1}"


def _at(data: Any, path: DataPath) -> Any:
    """Return the value at ``path``, or None where the data does not have that shape."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def _items(data: Any, path: DataPath) -> Iterator[tuple[DataPath, Any]]:
    """Yield (path, item) for each item of the list at ``path`` (nothing if it is not a list)."""
    value = _at(data, path)
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item


def _quote_texts(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Yield (path, text) for each quote of the list at ``path``: text, or her words on outages (``outage: text``)."""
    for item_path, item in _items(data, path):
        if isinstance(item, dict) and isinstance(item.get(OUTAGE), str) and item[OUTAGE].strip():
            yield (*item_path, OUTAGE), item[OUTAGE]
        elif isinstance(item, str) and item.strip():
            yield item_path, item


def _texts(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Yield (path, text) for each non-empty text item of the list at ``path``."""
    for item_path, item in _items(data, path):
        if isinstance(item, str) and item.strip():
            yield item_path, item


class _Checks:
    """The checks a schema cannot express, each reading the data defensively."""

    def __init__(self, document: Document, essay: Essay, scenarios: dict[str, ScenarioFacts] | None = None) -> None:
        self.scenarios = scenarios
        self.data = document.data
        self.source = document.source
        self.repeated = bool(document.repeated)
        self.essay = essay
        self.problems: list[Problem] = []
        self.label = entry_label(self.data)
        self.suggestions_left = SUGGESTIONS
        self.closest: dict[str, str] = {}
        self.names: dict[int, Suggester] = {}

    def run(self) -> list[Problem]:
        """Run every check; return the problems found."""
        if not isinstance(self.data, dict):
            return []
        phase_ids = self.unique_ids(("phases",), "phase")
        entry_ids = self.unique_ids(("entries",), "entry")
        topic_ids = self.unique_ids(("workshop", "topics"), "topic")
        self.unique_ids(("workshop", "presets"), "preset")
        self.phases_exist(phase_ids)
        self.references(entry_ids)
        self.topics_exist(topic_ids)
        self.preset_entries(entry_ids)
        self.preset_scenarios()
        self.preset_endings(phase_ids)
        quoted = self.quotes()
        self.sentence_use(quoted)
        self.paragraph_use(quoted)
        self.prompts_name_the_topic()
        self.notes_without_minutes()
        self.opening_slides()
        check_quotation_marks(self.report, self.data, self.essay)
        self.preset_totals(entry_ids)
        return self.problems

    def report(self, path: DataPath, message: str, *, warning: bool = False) -> None:
        """Record a problem at the value found at ``path``."""
        subject, shown = self.label(path)
        mark = self.source.at(path)
        self.problems.append(Problem(mark.line, message, subject, dotted(shown) or None, mark.column, warning))

    def did_you_mean(self, word: str, choices: list[str]) -> str:
        """Suggest the closest choice, for the first SUGGESTIONS look-ups of a run."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        if id(choices) not in self.names:
            self.names[id(choices)] = Suggester(choices)
        suggester = self.names[id(choices)]
        close = suggester.closest(word)
        return f"; did you mean '{close}'?" if close else ""

    def unique_ids(self, path: DataPath, noun: str) -> list[str]:
        """Report repeated ids in the list at ``path``; return the ids in order, each once."""
        first: dict[str, int] = {}
        for item_path, item in _items(self.data, path):
            value = item.get("id") if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            if value in first:
                self.report((*item_path, "id"), f"duplicate {noun} id (first used on line {first[value]})")
            else:
                first[value] = self.source.at((*item_path, "id")).line
        return list(first)

    def phases_exist(self, phase_ids: list[str]) -> None:
        """Check that each entry names a phase that exists."""
        for item_path, item in _items(self.data, ("entries",)):
            phase = item.get("phase") if isinstance(item, dict) else None
            if isinstance(phase, str) and phase not in phase_ids:
                message = f"unknown phase '{phase}' (expected one of: {', '.join(phase_ids)})"
                self.report((*item_path, "phase"), message)

    def references(self, entry_ids: list[str]) -> None:
        """Check that every related id names another existing entry."""
        known = set(entry_ids)
        for item_path, item in _items(self.data, ("entries",)):
            own = item.get("id") if isinstance(item, dict) else None
            for ref_path, target in _texts(self.data, (*item_path, "related")):
                if target == own:
                    self.report(ref_path, "an entry cannot be related to itself")
                elif target not in known:
                    self.report(ref_path, f"no entry has the id '{target}'{self.did_you_mean(target, entry_ids)}")

    def topics_exist(self, topic_ids: list[str]) -> None:
        """Check that every topic an entry names is one of workshop.topics."""
        for item_path, _ in _items(self.data, ("entries",)):
            for ref_path, target in _texts(self.data, (*item_path, "topics")):
                if target not in topic_ids:
                    self.report(ref_path, f"no topic of workshop.topics has the id '{target}'{one_of(topic_ids)}")

    def preset_endings(self, phase_ids: list[str]) -> None:
        """Check that no preset ends with something sensitive: its last scenario, or else its last pairing.

        A session that ends on race, harassment or leaving a job sends people out of the room with it:
        the facilitator's notes ask for something after it, and a ready-made session does that itself.
        """
        entries = {e.get("id"): (index, e) for (_, index), e in _items(self.data, ("entries",)) if isinstance(e, dict)}
        order = {phase: index for index, phase in enumerate(phase_ids)}
        for preset_path, _ in _items(self.data, ("workshop", "presets")):
            runs = [s for _, s in _texts(self.data, (*preset_path, "scenarios"))]
            if runs:
                facts = (self.scenarios or {}).get(runs[-1])
                last, topics, kind = runs[-1], facts.topics if facts else (), "scenario"
                where = (*preset_path, "scenarios", len(runs) - 1)
            else:
                chosen = [  # in agenda order: by phase, then as the file lists them
                    (order.get(entries[e][1].get("phase"), len(order)), entries[e][0], e)
                    for _, e in _texts(self.data, (*preset_path, "entries"))
                    if e in entries
                ]
                if not chosen:
                    continue
                last = max(chosen)[2]
                raw = entries[last][1].get("topics")
                topics, kind = (tuple(raw) if isinstance(raw, list) else ()), "pairing"
                where = (*preset_path, "entries")
            if topics:
                self.report(
                    where,
                    f"the session would end with the {kind} '{last}', which touches on {', '.join(topics)}: "
                    "nothing sensitive may be a preset's last item; put another scenario or pairing after it",
                )

    def preset_entries(self, entry_ids: list[str]) -> None:
        """Check that every preset names existing entries."""
        known = set(entry_ids)
        for preset_path, _ in _items(self.data, ("workshop", "presets")):
            for ref_path, target in _texts(self.data, (*preset_path, "entries")):
                if target not in known:
                    self.report(ref_path, f"no entry has the id '{target}'{self.did_you_mean(target, entry_ids)}")

    def preset_scenarios(self) -> None:
        """Check that every preset names existing scenarios (when docs/scenarios.yml could be read)."""
        if self.scenarios is None:
            return
        known = list(self.scenarios)
        for preset_path, _ in _items(self.data, ("workshop", "presets")):
            for ref_path, target in _texts(self.data, (*preset_path, "scenarios")):
                if target not in self.scenarios:
                    hint = self.did_you_mean(target, known)
                    self.report(ref_path, f"no scenario of docs/scenarios.yml has the id '{target}'{hint}")
                elif self.scenarios[target].pending:
                    self.report(
                        ref_path,
                        f"the scenario '{target}' waits for its review (review: status: pending in "
                        "docs/scenarios.yml), and a preset may not run it until the review is done",
                    )

    def quotes(self) -> dict[DataPath, tuple[str, int, int]]:
        """Check that each quote is verbatim in exactly one paragraph; return where each entry quote sits."""
        found: dict[DataPath, tuple[str, int, int]] = {}
        quote_lists = [(*path, "quotes") for path, _ in _items(self.data, ("entries",))]
        for list_path in [*quote_lists, ("workshop", "passages", "quotes")]:
            for path, raw in _quote_texts(self.data, list_path):
                text = raw.strip()
                paragraphs = self.essay.paragraphs_containing(text)
                if len(paragraphs) == 1:
                    if list_path[0] == "entries":
                        start = paragraphs[0].text.index(text)
                        found[path] = (paragraphs[0].anchor, start, start + len(text))
                    continue
                if paragraphs:
                    anchors = ", ".join(p.anchor for p in paragraphs)
                    message = f"appears in more than one paragraph ({anchors}); quote more words so it points at one"
                elif (corrected := self.essay.with_typography(text)) is not None:
                    message = (
                        "not verbatim in the essay: it differs only in typography; copy the essay's characters "
                        f'’ “ ” — ×: "{corrected}"'
                    )
                else:
                    message = f'not found verbatim in the essay (closest: "{self.closest_to(text)}")'
                self.report(path, message)
        return found

    def closest_to(self, text: str) -> str:
        """Return the essay's passage most like ``text`` (remembered, and bounded per run)."""
        if text not in self.closest:
            if self.suggestions_left <= 0:
                return "no suggestion: too many problems in one run"
            self.suggestions_left -= 1
            self.closest[text] = self.essay.closest_passage(text)
        return self.closest[text]

    def sentence_use(self, quoted: dict[DataPath, tuple[str, int, int]]) -> None:
        """Warn when one sentence of the essay is quoted by more than MAX_QUOTING_ENTRIES entries."""
        users: dict[tuple[str, int], list[DataPath]] = {}
        for path, (anchor, start, end) in quoted.items():
            for sentence in self.essay.sentences_between(anchor, start, end):
                entry_path = path[:2]
                places = users.setdefault(sentence, [])
                if not places or places[-1][:2] != entry_path:
                    places.append(path)
        for (anchor, start), places in users.items():
            if len(places) <= MAX_QUOTING_ENTRIES:
                continue
            sentence = self.essay.sentence_at(anchor, start)
            names = ", ".join(_entry_name(self.data, p[1]) for p in places[:4])
            if len(places) > 4:
                names += f" and {len(places) - 4:,} more"
            for path in places[MAX_QUOTING_ENTRIES:]:
                self.report(
                    path,
                    f'the sentence "{sentence}" ({anchor}) is quoted by {len(places)} entries ({names}); '
                    f"at most {MAX_QUOTING_ENTRIES} may quote one sentence, so that each quote supports "
                    "its own pairing: quote another passage, or drop this quote",
                    warning=True,
                )

    def paragraph_use(self, quoted: dict[DataPath, tuple[str, int, int]]) -> None:
        """Warn about paragraphs no entry quotes (except a paragraph that is one bold line)."""
        if any(not p.warning for p in self.problems):
            return  # a broken quote may be the one that covers the paragraph
        covered = {anchor for anchor, _, _ in quoted.values()}
        for paragraph in self.essay.paragraphs:
            if paragraph.anchor not in covered and not paragraph.heading:
                self.report(
                    ("entries",),
                    f'no entry quotes paragraph {paragraph.anchor} ("{paragraph.text[:60]}…"); every paragraph '
                    "of the essay should support some pairing",
                    warning=True,
                )

    def prompts_name_the_topic(self) -> None:
        """Warn about an entry none of whose prompts names sexism, women, gender or race."""
        for item_path, _ in _items(self.data, ("entries",)):
            prompts = [text for _, text in _texts(self.data, (*item_path, "prompts"))]
            if prompts and not any(NAMES_THE_TOPIC.search(text) for text in prompts):
                self.report(
                    (*item_path, "prompts"),
                    "no prompt names the topic: at least one should say sexism, women, gender or race plainly, "
                    "so that the discussion is about sexism and not only about process",
                    warning=True,
                )

    def opening_slides(self) -> None:
        """Check that the content note and the ground rules leave some of the opening's minutes to the welcome,
        and the slides after the key passages some of the passages' minutes to the passages."""
        parts = [_at(self.data, ("workshop", name, "minutes")) for name in ("opening", "content_note", "ground_rules")]
        if all(_minutes(n) for n in parts) and parts[1] + parts[2] >= parts[0]:
            self.report(
                ("workshop", "opening", "minutes"),
                f"the opening's {parts[0]} minutes cover the welcome, the content note ({parts[1]}) and the ground "
                f"rules ({parts[2]}): raise opening.minutes, or give the content note or the ground rules fewer",
            )
        slides = {"roles_minutes": "who plays which part", "limits_minutes": "where the metaphor stops"}
        if not _at(self.data, ("workshop", "limits")):
            del slides["limits_minutes"]  # no limits, no slide for them
        total = _at(self.data, ("workshop", "passages", "minutes"))
        parts = {name: _at(self.data, ("workshop", "passages", name)) for name in slides}
        if all(_minutes(n) for n in (total, *parts.values())) and sum(parts.values()) >= total:
            covered = " and ".join(f"{slides[name]} ({n})" for name, n in parts.items())
            self.report(
                ("workshop", "passages", "minutes"),
                f"the passages' {total} minutes cover the passages' slide, {covered}: raise passages.minutes, "
                f"or give {' or '.join(parts)} fewer",
            )

    def notes_without_minutes(self) -> None:
        """Warn about notes that write a number of minutes, which the minutes fields already say."""
        places = [("phases",), ("entries",), ("workshop", "presets")]
        paths = [(*path, "notes") for where in places for path, _ in _items(self.data, where)]
        blocks = ("opening", "content_note", "ground_rules", "passages", "break", "closing")
        paths += [("workshop", block, "notes") for block in blocks]
        for path in paths:
            warn_minutes_in_notes(self.report, path, _at(self.data, path))

    def preset_totals(self, entry_ids: list[str]) -> None:
        """Check that each preset's agenda adds up to its minutes, wherever every part of it is valid.

        A preset whose parts are broken (minutes out of range, an unknown entry or phase, a repeated
        id or field) gets no total: that problem is reported on its own line, and a sum built on it would
        only add noise.
        """
        data = self.data
        phase_list = [p for _, p in _items(data, ("phases",)) if isinstance(p, dict)]
        entry_list = [e for _, e in _items(data, ("entries",)) if isinstance(e, dict)]
        phase_ids = [p.get("id") for p in phase_list]
        counts = Counter(e.get("id") for e in entry_list)
        known = set(counts)
        repeated = {entry_id for entry_id, count in counts.items() if count > 1}
        blocks = {name: _at(data, ("workshop", name, "minutes")) for name in ("opening", "passages", "closing")}
        pause = (_at(data, ("workshop", "break", "minutes")), _at(data, ("workshop", "break", "over")))
        numbers = [*blocks.values(), pause[0], *(p.get("minutes") for p in phase_list)]
        if not all(_minutes(n) for n in numbers) or not _whole(pause[1]) or len(set(phase_ids)) != len(phase_ids):
            return
        if self.repeated:
            return  # a field written twice: which value was meant is unclear
        phases = [(p.get("id"), p.get("title"), p.get("minutes")) for p in phase_list]
        for preset_path, preset in _items(data, ("workshop", "presets")):
            if not isinstance(preset, dict) or not _whole(preset.get("minutes")):
                continue
            wanted = preset.get("entries") if isinstance(preset.get("entries"), list) else []
            chosen = [e for e in entry_list if e.get("id") in wanted]
            if any(w not in known or w in repeated for w in wanted) or any(
                e.get("phase") not in phase_ids or not _minutes(e.get("minutes")) for e in chosen
            ):
                continue
            runs = preset.get("scenarios") if isinstance(preset.get("scenarios"), list) else []
            facts = self.scenarios or {}
            if runs and (self.scenarios is None or any(s not in facts or facts[s].minutes is None for s in runs)):
                continue  # an unknown scenario, or one without minutes, is reported on its own line
            buffer = preset.get("buffer", 0)
            if not (buffer == 0 or _minutes(buffer)):
                continue
            items = agenda(
                phases=phases,
                entries=[(e["id"], e["phase"], "", e["minutes"]) for e in chosen],
                opening=blocks["opening"],
                passages=blocks["passages"],
                pause=pause,
                closing=blocks["closing"],
                scenarios=[(s, "", facts[s].minutes or 0) for s in runs],
                buffer=buffer,
            )
            total = sum(item.minutes for item in items)
            if total != preset["minutes"]:
                self.report(
                    preset_path,
                    f"the agenda for its entries adds up to {total} minutes, not {preset['minutes']}: "
                    "change its entries, scenarios or buffer, or the minutes of its blocks",
                )


class Suggester:
    """Find the closest of many names in time that does not grow with their number.

    Names are indexed by their three-letter pieces; a look-up compares the word only with names
    that share a piece with it, skipping pieces so common that they would bring in most names.
    """

    COMMON = 64  # a piece found in more names than this narrows nothing down

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.index: dict[str, list[str]] = {}
        for name in names:
            for piece in _pieces(name):
                self.index.setdefault(piece, []).append(name)

    def closest(self, word: str) -> str | None:
        """Return the name most like ``word``, if one is close enough."""
        candidates: set[str] = set()
        for piece in _pieces(word):
            found = self.index.get(piece, [])
            if len(found) <= self.COMMON:
                candidates.update(found)
        if not candidates and len(self.names) <= self.COMMON:
            candidates = set(self.names)
        close = difflib.get_close_matches(word, sorted(candidates), n=1)
        return close[0] if close else None


def _pieces(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


_QUOTATION = re.compile(r"“([^”]*)”")


def check_quotation_marks(report: Any, data: Any, essay: Essay, path: DataPath = ()) -> None:
    """Report text in “quotation marks” in the site's own fields that is not the essay's exact words, and
    (as a warning) her words used without quotation marks.

    The site may quote a phrase of hers inside its own sentences (“blacks and latinos”), but only
    verbatim, and her words appear only so: quotation marks say whose words they are. The ``quotes``
    lists are checked on their own.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "quotes":
                check_quotation_marks(report, value, essay, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            check_quotation_marks(report, value, essay, (*path, index))
    elif isinstance(data, str):
        for quoted in _QUOTATION.findall(data):
            if quoted != essay.credit.title and not essay.paragraphs_containing(quoted):
                report(
                    path,
                    f"“{quoted}” is in quotation marks but is not the essay's words: quote her exactly "
                    "(with her typographic characters), or say it in the site's words without quotation marks",
                )
        if (run := essay.unquoted_run(data)) is not None:
            report(
                path,
                f"uses the essay's words without quotation marks (“{run} …”): put her words in quotation "
                "marks, copied exactly, or say it in the site's words",
                warning=True,
            )


def warn_minutes_in_notes(report: Any, path: DataPath, notes: Any) -> None:
    """Warn (through ``report``) when the notes at ``path`` write a number of minutes."""
    found = MINUTES_IN_NOTES.search(notes) if isinstance(notes, str) else None
    if found:
        report(
            path,
            f"says “{found.group(0)}”: the pages show each block's minutes from its minutes fields, and a "
            "number written in notes goes stale when they change; leave the number out",
            warning=True,
        )


def one_of(ids: list[str]) -> str:
    """Say which ids a reference may name: " (expected one of: a, b)", or that there are none."""
    return f" (expected one of: {', '.join(ids)})" if ids else " (it lists none: add the topic there first)"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_LIMITS = SCHEMA.definition("minutes")


def _minutes(value: Any) -> bool:
    """Tell whether ``value`` is minutes the schema accepts for one block."""
    return _whole(value) and _LIMITS["minimum"] <= value <= _LIMITS["maximum"]


def build(data: dict[str, Any], essay: Essay) -> Metaphor:
    """Build the frozen model from valid data (called once, after every check passed)."""

    def quotes(items: list[str | dict[str, str]]) -> tuple[Quote, ...]:
        def quote(text: str, about: str = "") -> Quote:
            return Quote(text.strip(), essay.paragraphs_containing(text.strip())[0].anchor, about)

        return tuple(quote(item) if isinstance(item, str) else quote(item[OUTAGE], OUTAGE) for item in items)

    def block(raw: dict[str, Any]) -> Block:
        return Block(raw["minutes"], raw["notes"].strip())

    workshop = data["workshop"]
    return Metaphor(
        roles=tuple(Role(r["outage"].strip(), r["sexism"].strip()) for r in data["roles"]),
        phases=tuple(
            Phase(p["id"], p["title"].strip(), p["summary"].strip(), p["minutes"], p["notes"].strip())
            for p in data["phases"]
        ),
        entries=tuple(
            Entry(
                id=e["id"],
                phase=e["phase"],
                origin=e["origin"],
                outage=Side(e["outage"]["term"].strip(), e["outage"]["meaning"].strip()),
                sexism=Side(e["sexism"]["term"].strip(), e["sexism"]["meaning"].strip()),
                quotes=quotes(e["quotes"]),
                breaks_down=e["breaks_down"].strip(),
                prompts=tuple(p.strip() for p in e["prompts"]),
                related=tuple(e.get("related", ())),
                minutes=e["minutes"],
                notes=e["notes"].strip(),
                topics=tuple(e.get("topics", ())),
            )
            for e in data["entries"]
        ),
        workshop=Workshop(
            opening=block(workshop["opening"]),
            content_note=block(workshop["content_note"]),
            ground_rules=GroundRules(
                workshop["ground_rules"]["minutes"],
                workshop["ground_rules"]["notes"].strip(),
                tuple(Rule(r["rule"].strip(), r["detail"].strip()) for r in workshop["ground_rules"]["rules"]),
            ),
            passages=block(workshop["passages"]),
            quotes=quotes(workshop["passages"]["quotes"]),
            limits=tuple(text.strip() for text in workshop.get("limits", ())),
            roles_minutes=workshop["passages"]["roles_minutes"],
            limits_minutes=workshop["passages"]["limits_minutes"] if workshop.get("limits") else 0,
            topics=tuple(Topic(t["id"], t["name"].strip(), t["note"].strip()) for t in workshop.get("topics", ())),
            pause=Pause(workshop["break"]["minutes"], workshop["break"]["notes"].strip(), workshop["break"]["over"]),
            closing=block(workshop["closing"]),
            prompt=workshop["closing"]["prompt"].strip(),
            presets=tuple(
                Preset(
                    p["id"],
                    p["title"].strip(),
                    p["minutes"],
                    tuple(p["entries"]),
                    p.get("notes", "").strip(),
                    tuple(p.get("scenarios", ())),
                    p.get("buffer", 0),
                )
                for p in workshop["presets"]
            ),
        ),
    )
