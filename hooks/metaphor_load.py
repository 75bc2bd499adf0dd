"""Load the metaphor mapping with line numbers and validate it into a Metaphor.

Every problem is collected, with the line, the entry and the field it concerns,
before anything fails, so a contributor sees all of them at once.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from essay_source import Essay
from metaphor_model import Block, Entry, Metaphor, Phase, Preset, Quote, Side, Workshop

# libyaml's parser when PyYAML has it (its wheels do): the same nodes and marks, ~50x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_SCALAR_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:timestamp": "a date",
}

# The JSON Schema is the contract for the file's shape (editors read it through the file's
# yaml-language-server modeline); the field lists and limits below are read from it, so the two
# cannot drift. This module adds what a schema cannot say, with lines and friendly messages.
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "metaphors.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_DEFS = SCHEMA["$defs"]


def _required(definition: dict) -> tuple[str, ...]:
    return tuple(definition["required"])


def _optional(definition: dict) -> tuple[str, ...]:
    return tuple(name for name in definition["properties"] if name not in definition["required"])


TOP_FIELDS = _required(SCHEMA)
PHASE_FIELDS = _required(_DEFS["phase"])
ENTRY_FIELDS = _required(_DEFS["entry"])
ENTRY_OPTIONAL = _optional(_DEFS["entry"])
SIDE_FIELDS = _required(_DEFS["side"])
WORKSHOP_FIELDS = _required(_DEFS["workshop"])
BLOCK_FIELDS = _required(_DEFS["block"])
PRESET_FIELDS = _required(_DEFS["workshop"]["properties"]["presets"]["items"])
MINUTES = (_DEFS["minutes"]["minimum"], _DEFS["minutes"]["maximum"])  # one block of a session
_SESSION = _DEFS["workshop"]["properties"]["presets"]["items"]["properties"]["minutes"]
SESSION_MINUTES = (_SESSION["minimum"], _SESSION["maximum"])  # a whole session
SLUG = re.compile(_DEFS["slug"]["pattern"])


def _inline(node: object) -> object:
    """Return the schema with every local $ref replaced by its definition (validates ~2x faster)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = _inline(_DEFS[node["$ref"].rsplit("/", 1)[-1]])
            return {**target, **{key: _inline(value) for key, value in node.items() if key != "$ref"}}
        return {key: _inline(value) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(value) for value in node]
    return node


_VALIDATOR = jsonschema.Draft202012Validator(_inline(SCHEMA))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the mapping, placed as precisely as the file allows."""

    line: int
    message: str
    entry: str | None = None
    field: str | None = None
    column: int = 1

    def format(self, path: str, *, column: bool = False) -> str:
        """Render as ``path:line: entry 'id': field: message`` (``path:line:col: ...`` with ``column``)."""
        parts = [f"{path}:{self.line}:{self.column}" if column else f"{path}:{self.line}"]
        if self.entry is not None:
            parts.append(f"entry {self.entry}")
        if self.field is not None:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class InvalidMetaphor(Exception):
    """The mapping has problems; ``problems`` lists them in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def load_metaphor(path: Path, essay: Essay) -> Metaphor:
    """Read ``path`` and return the validated mapping, or raise InvalidMetaphor."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = f"{exc.context}, {exc.problem}" if exc.context else exc.problem
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InvalidMetaphor([Problem(line, f"YAML syntax error: {detail}", column=column)]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InvalidMetaphor([Problem(1, f"cannot read the file: {exc}")]) from None
    checker = _Checker(essay)
    metaphor = checker.document(root)
    problems = checker.problems or _schema_problems(root)
    if problems or metaphor is None:
        raise InvalidMetaphor(sorted(problems, key=lambda p: (p.line, p.column)))
    return metaphor


def _schema_problems(root: Node) -> list[Problem]:
    """Check the file against the JSON Schema too: anything the checks above let through is placed here."""
    problems = []
    for error in _VALIDATOR.iter_errors(_data(root)):
        node = root
        for step in error.absolute_path:
            node = _child(node, step) or node
        field = ".".join(f"[{s}]" if isinstance(s, int) else s for s in error.absolute_path).replace(".[", "[")
        mark = node.start_mark
        message = f"does not match the schema: {error.message}"
        problems.append(Problem(mark.line + 1, message, None, field or None, mark.column + 1))
    return problems


_SCALARS = {
    "tag:yaml.org,2002:int": lambda value: int(value, 0),
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda value: value.lower() in {"true", "yes", "on"},
    "tag:yaml.org,2002:null": lambda value: None,
}


def _data(node: Node) -> object:
    """Turn the composed node tree into plain data (once parsed, no second parse of the text)."""
    if isinstance(node, MappingNode):
        return {str(key.value): _data(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [_data(value) for value in node.value]
    return _SCALARS.get(node.tag, str)(node.value)


def _child(node: Node, step: str | int) -> Node | None:
    """Return the child of a mapping (by key) or a list (by index), if there is one."""
    if isinstance(node, MappingNode):
        return next((value for key, value in node.value if getattr(key, "value", None) == step), None)
    if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


def _kind(node: Node) -> str:
    """Describe what a node holds, for messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "text" if node.tag == _STR_TAG else _SCALAR_KINDS.get(node.tag, "a value")


def _join(prefix: str | None, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Checker:
    """Walk the YAML node tree, build the model and record every problem on the way."""

    def __init__(self, essay: Essay) -> None:
        self.essay = essay
        self.problems: list[Problem] = []
        self.known_ids: list[str] = []  # every entry id seen, valid entry or not
        self.phase_ids: list[str] = []  # every phase id seen, valid phase or not

    def report(self, node: Node, message: str, *, entry: str | None = None, field: str | None = None) -> None:
        """Record a problem at ``node``'s line and column."""
        mark = node.start_mark
        self.problems.append(Problem(mark.line + 1, message, entry, field, mark.column + 1))

    def fields(
        self,
        node: Node,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        entry: str | None = None,
        field: str | None = None,
    ) -> dict[str, Node] | None:
        """Return a mapping's values by key; report a wrong type and unknown, missing or repeated keys."""
        if not isinstance(node, MappingNode):
            names = ", ".join(required)
            self.report(node, f"expected a mapping with {names}; found {_kind(node)}", entry=entry, field=field)
            return None
        known = required + optional
        found: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            if key in found:
                self.report(
                    key_node, f"repeated field (first on line {key_lines[key]})", entry=entry, field=_join(field, key)
                )
            elif key not in known:
                hint = _did_you_mean(key, known) or f" (expected one of: {', '.join(known)})"
                self.report(key_node, f"unknown field{hint}", entry=entry, field=_join(field, key))
            else:
                found[key] = value_node
                key_lines[key] = key_node.start_mark.line + 1
        for key in required:
            if key not in found:
                self.report(node, "missing required field", entry=entry, field=_join(field, key))
        return found

    def text(self, node: Node, *, entry: str | None, field: str) -> str | None:
        """Return non-empty text, or report why the node is not that."""
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            self.report(node, "must not be empty", entry=entry, field=field)
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR_TAG:
            hint = " (put it in quotes to use it as text)" if isinstance(node, ScalarNode) and node.value else ""
            self.report(node, f"expected text; found {_kind(node)}{hint}", entry=entry, field=field)
            return None
        value = node.value.strip()
        if not value:
            self.report(node, "must not be empty", entry=entry, field=field)
            return None
        return value

    def texts(self, node: Node, *, entry: str | None, field: str) -> list[tuple[Node, str | None]]:
        """Return a non-empty list's items as text, each with its node."""
        if not isinstance(node, SequenceNode):
            self.report(node, f"expected a list ('- ' before each item); found {_kind(node)}", entry=entry, field=field)
            return []
        if not node.value:
            self.report(node, "must not be an empty list", entry=entry, field=field)
        return [(item, self.text(item, entry=entry, field=f"{field}[{i}]")) for i, item in enumerate(node.value)]

    def slug(self, node: Node, *, entry: str | None, field: str) -> str | None:
        """Return a slug id, or report why the node is not one."""
        value = self.text(node, entry=entry, field=field)
        if value is not None and not SLUG.fullmatch(value):
            self.report(
                node,
                f"'{value}' is not a slug: use lowercase letters, digits and single hyphens (e.g. 'routine-outage')",
                entry=entry,
                field=field,
            )
            return None
        return value

    def minutes(self, node: Node, *, entry: str | None, field: str, allowed: tuple[int, int] = MINUTES) -> int | None:
        """Return a whole number of minutes in the allowed range, or report why the node is not one."""
        low, high = allowed
        if not (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int"):
            self.report(node, f"expected a whole number of minutes; found {_kind(node)}", entry=entry, field=field)
            return None
        value = int(node.value)
        if not low <= value <= high:
            self.report(node, f"{value} is out of range: use {low} to {high} minutes", entry=entry, field=field)
            return None
        return value

    def document(self, root: Node | None) -> Metaphor | None:
        """Check the whole file and return the model (meaningful only if no problems)."""
        if root is None:
            self.problems.append(Problem(1, "the file is empty; expected version, phases, workshop and entries"))
            return None
        top = self.fields(root, required=TOP_FIELDS)
        if top is None:
            return None
        if "version" in top:
            version = top["version"]
            if not (
                isinstance(version, ScalarNode) and version.tag == "tag:yaml.org,2002:int" and version.value == "1"
            ):
                self.report(version, "this site reads version 1 of the format", field="version")
        phases = self.phases(top["phases"]) if "phases" in top else []
        entries = self.entries(top["entries"], self.phase_ids) if "entries" in top else []
        metaphor = Metaphor(phases=tuple(phases), entries=tuple(entries))
        workshop = self.workshop(top["workshop"], metaphor) if "workshop" in top else None
        return Metaphor(phases=metaphor.phases, entries=metaphor.entries, workshop=workshop)

    def phases(self, node: Node) -> list[Phase]:
        """Check the phase list."""
        result: list[Phase] = []
        seen: dict[str, int] = {}
        for item, index in self.items(node, field="phases"):
            where = f"phases[{index}]"
            found = self.fields(item, required=PHASE_FIELDS, field=where)
            if found is None or any(name not in found for name in PHASE_FIELDS):
                continue
            phase_id = self.slug(found["id"], entry=None, field=f"{where}.id")
            if phase_id and phase_id not in self.phase_ids:
                self.phase_ids.append(phase_id)
            title = self.text(found["title"], entry=None, field=f"{where}.title")
            summary = self.text(found["summary"], entry=None, field=f"{where}.summary")
            minutes = self.minutes(found["minutes"], entry=None, field=f"{where}.minutes")
            notes = self.text(found["notes"], entry=None, field=f"{where}.notes")
            if phase_id in seen:
                message = f"duplicate phase id '{phase_id}' (first on line {seen[phase_id]})"
                self.report(found["id"], message, field=f"{where}.id")
            elif phase_id and title and summary and minutes and notes:
                seen[phase_id] = found["id"].start_mark.line + 1
                result.append(Phase(phase_id, title, summary, minutes, notes))
        return result

    def items(self, node: Node, *, field: str) -> list[tuple[Node, int]]:
        """Return a top-level list's items, or report that it is not a non-empty list."""
        if not isinstance(node, SequenceNode):
            self.report(node, f"expected a list ('- ' before each item); found {_kind(node)}", field=field)
            return []
        if not node.value:
            self.report(node, "must not be an empty list", field=field)
        return [(item, index) for index, item in enumerate(node.value)]

    def entries(self, node: Node, phase_ids: list[str]) -> list[Entry]:
        """Check every entry, then the cross-references between them."""
        result: list[Entry] = []
        first_line: dict[str, int] = {}
        references: list[tuple[str, Node]] = []
        for item, index in self.items(node, field="entries"):
            label = self._label(item, index)
            found = self.fields(item, required=ENTRY_FIELDS, optional=ENTRY_OPTIONAL, entry=label)
            if found is None:
                continue
            entry = self.entry(found, label=label, phase_ids=phase_ids, line=item.start_mark.line + 1)
            entry_id = None
            if "id" in found and isinstance(found["id"], ScalarNode):
                entry_id = str(found["id"].value)
                if entry_id in first_line:
                    self.report(
                        found["id"],
                        f"duplicate id (first used on line {first_line[entry_id]})",
                        entry=label,
                        field="id",
                    )
                else:
                    first_line[entry_id] = found["id"].start_mark.line + 1
            if "related" in found and entry_id:
                references.append((entry_id, found["related"]))
            if entry is not None:
                result.append(entry)
        self.known_ids = list(first_line)
        for entry_id, related in references:
            self.references(entry_id, related, known=self.known_ids)
        return result

    @staticmethod
    def _label(item: Node, index: int) -> str:
        """Name an entry for messages: its id when it has a usable one, else its position."""
        if isinstance(item, MappingNode):
            for key, value in item.value:
                if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode) and value.value:
                    return f"'{value.value}'"
        return f"#{index + 1}"

    def entry(self, found: dict[str, Node], *, label: str, phase_ids: list[str], line: int) -> Entry | None:
        """Check one entry's fields and return it, or None if any field is unusable."""
        entry_id = self.slug(found["id"], entry=label, field="id") if "id" in found else None
        phase = self.text(found["phase"], entry=label, field="phase") if "phase" in found else None
        if phase is not None and phase not in phase_ids:
            self.report(
                found["phase"],
                f"unknown phase '{phase}' (expected one of: {', '.join(phase_ids)})",
                entry=label,
                field="phase",
            )
            phase = None
        outage = self.side(found, "outage", label=label)
        sexism = self.side(found, "sexism", label=label)
        quotes = self.quotes(found["quotes"], label=label) if "quotes" in found else None

        def check(name: str, checker: Callable[..., object]) -> object:
            return checker(found[name], entry=label, field=name) if name in found else None

        breaks_down = check("breaks_down", self.text)
        minutes = check("minutes", self.minutes)
        notes = check("notes", self.text)
        prompts = [text for _, text in check("prompts", self.texts) or []]
        related = [text for _, text in check("related", self.texts) or []]
        parts = (entry_id, phase, outage, sexism, quotes, breaks_down, minutes, notes)
        if any(part is None for part in parts) or not prompts or None in prompts or None in related:
            return None
        return Entry(
            id=entry_id,
            phase=phase,
            outage=outage,
            sexism=sexism,
            quotes=tuple(quotes),
            breaks_down=breaks_down,
            prompts=tuple(prompts),
            related=tuple(related),
            minutes=minutes,
            notes=notes,
            line=line,
        )

    def side(self, found: dict[str, Node], name: str, *, label: str) -> Side | None:
        """Check one side of a pairing (``outage`` or ``sexism``)."""
        if name not in found:
            return None
        sides = self.fields(found[name], required=SIDE_FIELDS, entry=label, field=name)
        if sides is None or any(key not in sides for key in SIDE_FIELDS):
            return None
        term = self.text(sides["term"], entry=label, field=f"{name}.term")
        meaning = self.text(sides["meaning"], entry=label, field=f"{name}.meaning")
        return Side(term, meaning) if term and meaning else None

    def quotes(self, node: Node, *, label: str | None, prefix: str = "") -> list[Quote] | None:
        """Check that each quote is verbatim in exactly one paragraph of the essay."""
        result: list[Quote] = []
        items = self.texts(node, entry=label, field=f"{prefix}quotes")
        for index, (item, text) in enumerate(items):
            if text is None:
                continue
            field = f"{prefix}quotes[{index}]"
            paragraphs = self.essay.paragraphs_containing(text)
            if len(paragraphs) == 1:
                result.append(Quote(text, paragraphs[0].anchor))
                continue
            if paragraphs:
                anchors = ", ".join(p.anchor for p in paragraphs)
                message = f"appears in more than one paragraph ({anchors}); quote more words so it points at one"
            elif self.essay.matches_but_for_typography(text):
                message = (
                    "not verbatim in the essay: it differs only in typography; "
                    f'copy the essay\'s characters ’ “ ” — (closest: "{self.essay.closest_sentence(text)}")'
                )
            else:
                message = f'not found verbatim in the essay (closest: "{self.essay.closest_sentence(text)}")'
            self.report(item, message, entry=label, field=field)
        return result if items and len(result) == len(items) else None

    def references(self, entry_id: str, node: Node, *, known: list[str]) -> None:
        """Check that every related id names another existing entry, once."""
        if not isinstance(node, SequenceNode):
            return
        label = f"'{entry_id}'"
        seen: set[str] = set()
        for index, item in enumerate(node.value):
            target = item.value if isinstance(item, ScalarNode) else None
            field = f"related[{index}]"
            if not target:
                continue
            if target == entry_id:
                self.report(item, "an entry cannot be related to itself", entry=label, field=field)
            elif target not in known:
                self.report(
                    item, f"no entry has the id '{target}'{_did_you_mean(target, known)}", entry=label, field=field
                )
            elif target in seen:
                self.report(item, f"'{target}' is listed twice", entry=label, field=field)
            seen.add(target)

    def block(self, node: Node, *, field: str, extra: tuple[str, ...] = ()) -> tuple[Block | None, dict[str, Node]]:
        """Check a fixed workshop block (minutes and notes, plus ``extra`` fields)."""
        found = self.fields(node, required=BLOCK_FIELDS + extra, field=field) or {}
        minutes = self.minutes(found["minutes"], entry=None, field=f"{field}.minutes") if "minutes" in found else None
        notes = self.text(found["notes"], entry=None, field=f"{field}.notes") if "notes" in found else None
        return (Block(minutes, notes) if minutes and notes else None), found

    def workshop(self, node: Node, metaphor: Metaphor) -> Workshop | None:
        """Check the workshop section: fixed blocks, key passages, and presets whose agendas add up."""
        found = self.fields(node, required=WORKSHOP_FIELDS, field="workshop")
        if found is None or any(name not in found for name in WORKSHOP_FIELDS):
            return None
        opening, _ = self.block(found["opening"], field="workshop.opening")
        passages, passage_fields = self.block(found["passages"], field="workshop.passages", extra=("quotes",))
        quotes = None
        if "quotes" in passage_fields:
            quotes = self.quotes(passage_fields["quotes"], label=None, prefix="workshop.passages.")
        closing, _ = self.block(found["closing"], field="workshop.closing")
        preset_items = self.items(found["presets"], field="workshop.presets")
        presets = [self.preset(item, index, metaphor) for item, index in preset_items]
        if not (opening and passages and closing and quotes) or None in presets:
            return None
        workshop = Workshop(opening, passages, tuple(quotes), closing, tuple(presets))
        complete = Metaphor(phases=metaphor.phases, entries=metaphor.entries, workshop=workshop)
        if self.problems:
            return workshop  # totals are only meaningful once every entry and phase is valid
        for preset, (item, index) in zip(presets, preset_items, strict=True):
            total = sum(block.minutes for block in complete.agenda(preset.entries))
            if total != preset.minutes:
                self.report(
                    item,
                    f"the agenda for its entries adds up to {total} minutes, not {preset.minutes}: "
                    "change its entries or the minutes of its blocks",
                    field=f"workshop.presets[{index}]",
                )
        return workshop

    def preset(self, node: Node, index: int, metaphor: Metaphor) -> Preset | None:
        """Check one preset session."""
        where = f"workshop.presets[{index}]"
        found = self.fields(node, required=PRESET_FIELDS, field=where)
        if found is None or any(name not in found for name in PRESET_FIELDS):
            return None
        preset_id = self.slug(found["id"], entry=None, field=f"{where}.id")
        title = self.text(found["title"], entry=None, field=f"{where}.title")
        minutes = self.minutes(found["minutes"], entry=None, field=f"{where}.minutes", allowed=SESSION_MINUTES)
        known = self.known_ids
        entries = []
        for item_node, entry_id in self.texts(found["entries"], entry=None, field=f"{where}.entries"):
            if entry_id is not None and entry_id not in known:
                hint = _did_you_mean(entry_id, known)
                self.report(item_node, f"no entry has the id '{entry_id}'{hint}", field=f"{where}.entries")
                entry_id = None
            entries.append(entry_id)
        if None in entries or not entries or not (preset_id and title and minutes):
            return None
        return Preset(preset_id, title, minutes, tuple(entries))
