"""Load docs/metaphors.yml into a Metaphor: parse once, check the shape, check the meaning, build.

Data flows one way:

1. ``read`` composes the file once (sources/yaml_source): the data, and a source map (path -> line, column).
2. The JSON Schema (docs/metaphors.schema.json, read at every build) is the one structural check; its
   errors are placed and reworded by ``schema_check``.
3. What a schema cannot say is checked here, on the skeleton data_checks shares with the scenarios:
   quotes verbatim in the essay, unique ids, references
   that exist, presets that add up, and (as warnings) sentences quoted too often or paragraphs
   quoted by no entry. These checks read the data defensively, so that every problem is reported
   in one run even where part of the file is broken.
4. Only a file with no errors is built, once, into the frozen model of ``metaphor_model``.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from checks.data_checks import (
    Checker,
    Loaded,
    at,
    item_labeler,
    item_name,
    items,
    load,
    quoted,
    read,
    texts,
    whole,
)
from checks.schema_check import Schema
from model.metaphor_model import (
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
from model.scenarios_model import ScenarioFacts
from sources.essay_source import Essay
from sources.yaml_source import DataPath, Document, Problem

SCHEMA = "metaphors.schema.json"  # beside the mapping, read at every build (an edit counts under `mkdocs serve`)
MAX_QUOTING_ENTRIES = 2  # entries that may quote one sentence of the essay
OUTAGE = "outage"  # a quote written `- outage: "..."` is her words about outages, not about sexism


def load_metaphor(
    path: Path,
    essay: Essay,
    *,
    scenarios: dict[str, ScenarioFacts] | None = None,
    line_times: Callable[[], dict[int, int]] = dict,
) -> Loaded[Metaphor]:
    """Read ``path`` and return the validated mapping, or raise InvalidData with every problem.

    ``scenarios`` says of each scenario of docs/scenarios.yml what presets need (minutes, a pending
    review, topics); None when that file could not be read: then presets that name scenarios are
    not checked against them. ``line_times`` returns when each committed line was committed (git
    blame), asked only when it matters: which of the entries quoting one sentence came last.
    """
    document = read(path, "version, roles, phases, workshop and entries")
    schema = Schema.read(path.parent / SCHEMA)
    checker = _Checks(document, essay, schema, scenarios, line_times)
    return load(document, schema, checker, lambda data: build(data, essay))


def _quote_texts(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Yield (path, text) for each quote of the list at ``path``: text, or her words on outages (``outage: text``)."""
    for item_path, item in items(data, path):
        if isinstance(item, dict) and isinstance(item.get(OUTAGE), str) and item[OUTAGE].strip():
            yield (*item_path, OUTAGE), item[OUTAGE]
        elif isinstance(item, str) and item.strip():
            yield item_path, item


class _Checks(Checker):
    """The checks a schema cannot express, each reading the data defensively."""

    def __init__(
        self,
        document: Document,
        essay: Essay,
        schema: Schema,
        scenarios: dict[str, ScenarioFacts] | None,
        line_times: Callable[[], dict[int, int]],
    ) -> None:
        super().__init__(
            document, essay, item_labeler(document.data, (("entries",), "entry"), (("workshop", "presets"), "preset"))
        )
        self.scenarios = scenarios
        self.line_times = line_times
        self.repeated = bool(document.repeated)
        limits = schema.definition("minutes")
        self.minutes = lambda value: whole(value) and limits["minimum"] <= value <= limits["maximum"]

    def run(self) -> list[Problem]:
        """Run every check; return the problems found."""
        if not isinstance(self.data, dict):
            return []
        phase_ids = self.unique_ids(("phases",), "phase")
        entry_ids = self.unique_ids(("entries",), "entry")
        self.entry_set = set(entry_ids)
        topic_ids = self.unique_ids(("workshop", "topics"), "topic")
        self.unique_ids(("workshop", "presets"), "preset")
        self.phase_order(phase_ids)
        for path, entry in items(self.data, ("entries",)):
            self.phase((*path, "phase"), phase_ids)
            self.related(path, entry, entry_ids)
            self.known((*path, "topics"), topic_ids, "topic of workshop.topics", listed=True)
        for path, _ in items(self.data, ("workshop", "presets")):
            self.known((*path, "entries"), entry_ids, "entry")
            self.preset_scenarios(path)
        self.preset_endings(phase_ids)
        quoted = self.quotes()
        self.sentence_use(quoted)
        self.paragraph_use(quoted)
        for path, _ in items(self.data, ("entries",)):
            self.names_the_topic(
                (*path, "prompts"),
                [text for _, text in texts(self.data, (*path, "prompts"))],
                "no prompt names the topic: at least one should say sexism, women, gender or race plainly, "
                "so that the discussion is about sexism and not only about process",
            )
        self.notes_without_minutes()
        self.opening_slides()
        self.quotation_marks()
        self.preset_totals(entry_ids)
        return self.problems

    def phase_order(self, phase_ids: list[str]) -> None:
        """Warn about an entry away from the other entries of its phase: the file lists them phase by phase,
        in the phases' order, as the pages do. The fewest entries that would put the rest in order are named."""
        order = {phase: index for index, phase in enumerate(phase_ids)}
        placed = [
            (path, e["phase"])
            for path, e in items(self.data, ("entries",))
            if isinstance(e, dict) and e.get("phase") in order
        ]
        misplaced = _out_of_order([order[phase] for _, phase in placed])
        for index in sorted(misplaced):
            path, phase = placed[index]
            among = next((placed[i][1] for i in range(index - 1, -1, -1) if i not in misplaced), None)
            where = f"sits among the '{among}' entries" if among else "comes before every other phase's entries"
            group = [i for i, (_, other) in enumerate(placed) if other == phase and i not in misplaced]
            last = f" (the last of them starts on line {self.source.at(placed[group[-1]][0]).line})" if group else ""
            self.report(
                (*path, "phase"),
                f"it is in phase '{phase}' but {where}: move the entry to the other '{phase}' entries{last}, or "
                "correct its phase (the file lists its entries phase by phase, in the order of the phases, as the "
                "pages show them)",
                warning=True,
            )

    def related(self, path: DataPath, entry: Any, entry_ids: list[str]) -> None:
        """Check that every related id names another existing entry."""
        own = entry.get("id") if isinstance(entry, dict) else None
        for ref_path, target in texts(self.data, (*path, "related")):
            if target == own:
                self.report(ref_path, "an entry cannot be related to itself")
            elif target not in self.entry_set:
                self.report(ref_path, f"no entry has the id '{target}'{self.did_you_mean(target, entry_ids)}")

    def preset_endings(self, phase_ids: list[str]) -> None:
        """Check that no preset ends with something sensitive: its last scenario, or else its last pairing.

        A session that ends on race, harassment or leaving a job sends people out of the room with it:
        the facilitator's notes ask for something after it, and a ready-made session does that itself.
        """
        entries = {e.get("id"): (index, e) for (_, index), e in items(self.data, ("entries",)) if isinstance(e, dict)}
        order = {phase: index for index, phase in enumerate(phase_ids)}
        for preset_path, _ in items(self.data, ("workshop", "presets")):
            runs = [s for _, s in texts(self.data, (*preset_path, "scenarios"))]
            if runs:
                facts = (self.scenarios or {}).get(runs[-1])
                last, topics, kind = runs[-1], facts.topics if facts else (), "scenario"
                where = (*preset_path, "scenarios", len(runs) - 1)
            else:
                chosen = [  # in agenda order: by phase, then as the file lists them
                    (order.get(entries[e][1].get("phase"), len(order)), entries[e][0], e)
                    for _, e in texts(self.data, (*preset_path, "entries"))
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

    def preset_scenarios(self, path: DataPath) -> None:
        """Check that a preset names existing scenarios, none of them waiting for its review."""
        if self.scenarios is None:
            return
        self.known((*path, "scenarios"), list(self.scenarios), "scenario of docs/scenarios.yml")
        for ref_path, target in texts(self.data, (*path, "scenarios")):
            if target in self.scenarios and self.scenarios[target].pending:
                self.report(
                    ref_path,
                    f"the scenario '{target}' waits for its review (review: status: pending in "
                    "docs/scenarios.yml), and a preset may not run it until the review is done",
                )

    def quotes(self) -> dict[DataPath, tuple[str, int, int]]:
        """Check that each quote is verbatim in exactly one paragraph; return where each entry quote sits."""
        found: dict[DataPath, tuple[str, int, int]] = {}
        quote_lists = [(*path, "quotes") for path, _ in items(self.data, ("entries",))]
        for list_path in [*quote_lists, ("workshop", "passages", "quotes")]:
            for path, raw in _quote_texts(self.data, list_path):
                if self.quote(path, raw) and list_path[0] == "entries":
                    text = raw.strip()
                    paragraph = self.essay.paragraphs_containing(text)[0]
                    start = paragraph.text.index(text)
                    found[path] = (paragraph.anchor, start, start + len(text))
        return found

    def sentence_use(self, quoted: dict[DataPath, tuple[str, int, int]]) -> None:
        """Warn when one sentence of the essay is quoted by more than MAX_QUOTING_ENTRIES entries."""
        users: dict[tuple[str, int], list[DataPath]] = {}
        for path, (anchor, start, end) in quoted.items():
            for sentence in self.essay.sentences_between(anchor, start, end):
                entry_path = path[:2]
                places = users.setdefault(sentence, [])
                if not places or places[-1][:2] != entry_path:
                    places.append(path)
        times: dict[int, int] | None = None
        for (anchor, start), places in users.items():
            if len(places) <= MAX_QUOTING_ENTRIES:
                continue
            # The entries whose quote was committed first keep it; the ones that came later (a line not yet
            # committed came last) are told, each naming the entries that quoted it first.
            times = self.line_times() if times is None else times
            places = sorted(places, key=lambda p: times.get(self.source.at(p).line, math.inf))
            sentence = self.essay.sentence_at(anchor, start)
            first = " and ".join(item_name(self.data, ("entries",), p[1]) for p in places[:MAX_QUOTING_ENTRIES])
            for path in places[MAX_QUOTING_ENTRIES:]:
                self.report(
                    path,
                    f'the sentence "{sentence}" ({anchor}) is already quoted by {first}, and at most '
                    f"{MAX_QUOTING_ENTRIES} entries may quote one sentence, so that each quote supports its own "
                    f"pairing ({len(places)} quote it now): quote another passage, or drop this quote",
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

    def opening_slides(self) -> None:
        """Check that the content note and the ground rules leave some of the opening's minutes to the welcome,
        and the slides after the key passages some of the passages' minutes to the passages."""
        parts = [at(self.data, ("workshop", name, "minutes")) for name in ("opening", "content_note", "ground_rules")]
        if all(self.minutes(n) for n in parts) and parts[1] + parts[2] >= parts[0]:
            self.report(
                ("workshop", "opening", "minutes"),
                f"the opening's {parts[0]} minutes cover the welcome, the content note ({parts[1]}) and the ground "
                f"rules ({parts[2]}): raise opening.minutes, or give the content note or the ground rules fewer",
            )
        slides = {
            "roles_minutes": "who plays which part",
            "map_minutes": "the metaphor map",
            "limits_minutes": "where the metaphor stops",
        }
        if not at(self.data, ("workshop", "limits")):
            del slides["limits_minutes"]  # no limits, no slide for them
        total = at(self.data, ("workshop", "passages", "minutes"))
        parts = {name: at(self.data, ("workshop", "passages", name)) for name in slides}
        if all(self.minutes(n) for n in (total, *parts.values())) and sum(parts.values()) >= total:
            covered, fields = [f"{slides[name]} ({n})" for name, n in parts.items()], list(parts)
            self.report(
                ("workshop", "passages", "minutes"),
                f"the passages' {total} minutes cover the passages' slide, {', '.join(covered[:-1])} and "
                f"{covered[-1]}: raise passages.minutes, or give {', '.join(fields[:-1])} or {fields[-1]} fewer",
            )

    def notes_without_minutes(self) -> None:
        """Warn about notes that write a number of minutes, which the minutes fields already say."""
        places = [("phases",), ("entries",), ("workshop", "presets")]
        paths = [(*path, "notes") for where in places for path, _ in items(self.data, where)]
        blocks = ("opening", "content_note", "ground_rules", "passages", "break", "closing")
        for path in [*paths, *(("workshop", block, "notes") for block in blocks)]:
            self.minutes_in_notes(path)

    def preset_totals(self, entry_ids: list[str]) -> None:
        """Check that each preset's agenda adds up to its minutes, wherever every part of it is valid.

        A preset whose parts are broken (minutes out of range, an unknown entry or phase, a repeated
        id or field) gets no total: that problem is reported on its own line, and a sum built on it would
        only add noise.
        """
        data = self.data
        phase_list = [p for _, p in items(data, ("phases",)) if isinstance(p, dict)]
        entry_list = [e for _, e in items(data, ("entries",)) if isinstance(e, dict)]
        phase_ids = [p.get("id") for p in phase_list]
        counts = Counter(e.get("id") for e in entry_list)
        known = set(counts)
        repeated = {entry_id for entry_id, count in counts.items() if count > 1}
        blocks = {name: at(data, ("workshop", name, "minutes")) for name in ("opening", "passages", "closing")}
        pause = (at(data, ("workshop", "break", "minutes")), at(data, ("workshop", "break", "over")))
        numbers = [*blocks.values(), pause[0], *(p.get("minutes") for p in phase_list)]
        if not all(self.minutes(n) for n in numbers) or not whole(pause[1]) or len(set(phase_ids)) != len(phase_ids):
            return
        if self.repeated:
            return  # a field written twice: which value was meant is unclear
        phases = [(p.get("id"), p.get("title"), p.get("minutes")) for p in phase_list]
        for preset_path, preset in items(data, ("workshop", "presets")):
            if not isinstance(preset, dict) or not whole(preset.get("minutes")):
                continue
            wanted = preset.get("entries") if isinstance(preset.get("entries"), list) else []
            chosen = [e for e in entry_list if e.get("id") in wanted]
            if any(w not in known or w in repeated for w in wanted) or any(
                e.get("phase") not in phase_ids or not self.minutes(e.get("minutes")) for e in chosen
            ):
                continue
            runs = preset.get("scenarios") if isinstance(preset.get("scenarios"), list) else []
            facts = self.scenarios or {}
            if runs and (self.scenarios is None or any(s not in facts or facts[s].minutes is None for s in runs)):
                continue  # an unknown scenario, or one without minutes, is reported on its own line
            buffer = preset.get("buffer", 0)
            if not (buffer == 0 or self.minutes(buffer)):
                continue
            blocks_of = agenda(
                phases=phases,
                entries=[(e["id"], e["phase"], "", e["minutes"]) for e in chosen],
                opening=blocks["opening"],
                passages=blocks["passages"],
                pause=pause,
                closing=blocks["closing"],
                scenarios=[(s, "", facts[s].minutes or 0) for s in runs],
                buffer=buffer,
            )
            total = sum(item.minutes for item in blocks_of)
            if total != preset["minutes"]:
                named = {"entry": "{}", "discussion": "{} discussion", "scenario": "scenario {}"}
                parts = ", ".join(
                    f"{named.get(item.kind, item.kind).format(item.ref)} {item.minutes}" for item in blocks_of
                )
                self.report(
                    preset_path,
                    f"its agenda adds up to {total} minutes, not {preset['minutes']} ({parts}): change its "
                    "entries, scenarios or buffer, or the minutes of a block",
                )


def _out_of_order(keys: list[int]) -> set[int]:
    """Return the positions of ``keys`` outside one longest non-decreasing run: the fewest to move to put
    them in order (patience sorting: O(n log n))."""
    tails: list[int] = []  # the smallest last key of a run of each length
    ends: list[int] = []  # the position of that key
    previous = [-1] * len(keys)
    for position, key in enumerate(keys):
        length = bisect.bisect_right(tails, key)
        previous[position] = ends[length - 1] if length else -1
        if length == len(tails):
            tails.append(key)
            ends.append(position)
        else:
            tails[length], ends[length] = key, position
    kept, position = set(), ends[-1] if ends else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return set(range(len(keys))) - kept


def build(data: dict[str, Any], essay: Essay) -> Metaphor:
    """Build the frozen model from valid data (called once, after every check passed)."""

    def quotes(listed: list[str | dict[str, str]]) -> tuple[Quote, ...]:
        return tuple(
            quoted(essay, item) if isinstance(item, str) else quoted(essay, item[OUTAGE], OUTAGE) for item in listed
        )

    def block(raw: dict[str, Any]) -> Block:
        return Block(raw["minutes"], raw["notes"].strip())

    workshop = data["workshop"]
    return Metaphor(
        roles=tuple(Role(r["outage"].strip(), r["sexism"].strip(), r.get("short", "").strip()) for r in data["roles"]),
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
            map_minutes=workshop["passages"]["map_minutes"],
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
