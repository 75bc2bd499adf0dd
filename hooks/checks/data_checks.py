"""What the loaders of both data files share: one skeleton, one way to report, one wording per message.

A loader (metaphor_load, scenarios_load) parses its file once (sources/yaml_source), checks the shape
against the file's JSON Schema, read from the docs folder at every build (schema_check), and checks
what a schema cannot say in a ``Checker`` of its own. ``load`` runs the two, and builds the frozen
model only from a file without errors. The checkers read the data defensively (``at``, ``items``,
``texts``), so that every problem is reported in one run even where part of the file is broken, and
each problem is placed by its path and named by its item ("entry 'routine-outage'").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from checks.schema_check import Labeler, Schema
from model.metaphor_model import Quote
from sources.essay_source import Essay
from sources.yaml_source import DataPath, Document, InvalidData, Problem, SourceMap, dotted, load_yaml

T = TypeVar("T")

# "Did you mean" and "closest passage" look-ups per run: each costs a comparison with every name or
# passage, so a file broken everywhere gets them for its first problems only, and a list of names
# longer than any real file gets none.
SUGGESTIONS = 20
# After this many errors of shape the schema check stops and the file is answered with them alone, as
# compilers stop at an error limit: the cross-checks would only add noise, and a file broken everywhere
# is answered in seconds.
LIMIT = 1_000
SUGGESTED_FROM = 1_000
# A discussion that never names its subject drifts into talk about process: every entry needs a
# prompt, and every scenario a question, that says sexism (or women, gender, race) plainly.
NAMES_THE_TOPIC = re.compile(r"\b(sexis[mt]\w*|wom[ae]n\w*|gender\w*|misogyn\w*|rac(?:e|es|ism|ist|ial)\b)", re.I)
# Notes that say how long something takes go stale when its minutes field changes: the pages show the
# minutes from the data, so notes leave the number out.
MINUTES_IN_NOTES = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[ -]minutes?\b", re.I
)
_QUOTATION = re.compile(r"“([^”]*)”")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A valid data file built into its model, what it warns about, and where each of its values sits."""

    model: T
    warnings: tuple[Problem, ...]
    source: SourceMap


def read(path: Path, expected: str) -> Document:
    """Parse ``path`` once; raise InvalidData for a syntax error, or for an empty file (saying what it should hold)."""
    document = load_yaml(path)
    if document.data is None:
        raise InvalidData([Problem(1, f"the file is empty; expected {expected}")])
    return document


def load(document: Document, schema: Schema, checker: Checker, build: Callable[[Any], T]) -> Loaded[T]:
    """Check ``document`` against its schema and its checker; build it, or raise InvalidData with every problem
    (the first LIMIT problems of shape only, when it has that many: then the checker does not run)."""
    problems, complete = schema.problems(document, label=checker.label, limit=LIMIT)
    if complete:
        problems += checker.run()
    if any(not problem.warning for problem in problems):
        raise InvalidData(problems, stopped=not complete)
    warnings = tuple(sorted(problems, key=lambda p: (p.line, p.column)))
    return Loaded(build(document.data), warnings, document.source)


def at(data: Any, path: DataPath) -> Any:
    """Return the value at ``path``, or None where the data does not have that shape."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def items(data: Any, path: DataPath) -> Iterator[tuple[DataPath, Any]]:
    """Yield (path, item) for each item of the list at ``path`` (nothing if it is not a list)."""
    value = at(data, path)
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item


def texts(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Yield (path, text) for each non-empty text item of the list at ``path``."""
    for item_path, item in items(data, path):
        if isinstance(item, str) and item.strip():
            yield item_path, item


def whole(value: Any) -> bool:
    """Tell whether ``value`` is a whole number (YAML's true and false are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def one_of(ids: list[str]) -> str:
    """Say which ids a reference may name: " (expected one of: a, b)", or that there are none."""
    return f" (expected one of: {', '.join(ids)})" if ids else " (it lists none: add the topic there first)"


def quoted(essay: Essay, text: str, about: str = "") -> Quote:
    """Return a checked quote as the model holds it: her words, and the paragraph they are in."""
    return Quote(text.strip(), essay.paragraphs_containing(text.strip())[0].anchor, about)


def item_labeler(data: Any, *lists: tuple[DataPath, str]) -> Labeler:
    """Return a labeler that names problems inside an item of each list (its path, and the noun for one
    item) by the item's id: "entry 'x'", else "entry #3"."""

    def label(path: DataPath) -> tuple[str | None, DataPath]:
        for key, noun in lists:
            if len(path) > len(key) and path[: len(key)] == key and isinstance(path[len(key)], int):
                return f"{noun} {item_name(data, key, path[len(key)])}", path[len(key) + 1 :]
        return None, path

    return label


def item_name(data: Any, key: DataPath, index: int) -> str:
    """Name the item ``index`` of the list at ``key`` by its id ('x'), or by its place (#3) when it has none."""
    item_id = at(data, (*key, index, "id"))
    return f"'{item_id}'" if isinstance(item_id, str) and item_id.strip() else f"#{index + 1}"


class Checker:
    """What a schema cannot say about one data file: a subclass's ``run`` reports each problem found."""

    def __init__(self, document: Document, essay: Essay, label: Labeler) -> None:
        self.data = document.data
        self.source = document.source
        self.essay = essay
        self.label = label
        self.problems: list[Problem] = []
        self.suggestions_left = SUGGESTIONS

    def run(self) -> list[Problem]:
        """Run every check; return the problems found."""
        raise NotImplementedError

    def report(self, path: DataPath, message: str, *, warning: bool = False) -> None:
        """Record a problem at the value found at ``path``."""
        subject, shown = self.label(path)
        mark = self.source.at(path)
        self.problems.append(Problem(mark.line, message, subject, dotted(shown) or None, mark.column, warning))

    def suggest(self) -> bool:
        """Tell whether this run may still make a costly suggestion (and count it)."""
        self.suggestions_left -= 1
        return self.suggestions_left >= 0

    def did_you_mean(self, word: str, choices: list[str]) -> str:
        """Suggest the closest choice: "; did you mean 'x'?", or nothing."""
        if len(choices) > SUGGESTED_FROM or not self.suggest():
            return ""
        close = difflib.get_close_matches(word, choices, n=1)
        return f"; did you mean '{close[0]}'?" if close else ""

    def unique_ids(self, path: DataPath, noun: str) -> list[str]:
        """Report repeated ids in the list at ``path``; return the ids in order, each once."""
        first: dict[str, int] = {}
        for item_path, item in items(self.data, path):
            value = item.get("id") if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            if value in first:
                self.report((*item_path, "id"), f"duplicate {noun} id (first used on line {first[value]})")
            else:
                first[value] = self.source.at((*item_path, "id")).line
        return list(first)

    def known(self, path: DataPath, ids: list[str] | None, what: str, *, listed: bool = False) -> None:
        """Report each id listed at ``path`` that is not one of ``ids`` (unchecked when ``ids`` is None): with
        the closest id, or with all of them when ``listed`` (short lists, such as topics)."""
        if ids is None:
            return
        for ref_path, target in texts(self.data, path):
            if target not in ids:
                hint = one_of(ids) if listed else self.did_you_mean(target, ids)
                self.report(ref_path, f"no {what} has the id '{target}'{hint}")

    def phase(self, path: DataPath, phase_ids: list[str] | None) -> None:
        """Report the phase named at ``path`` when it is not one of ``phase_ids``."""
        phase = at(self.data, path)
        if isinstance(phase, str) and phase_ids is not None and phase not in phase_ids:
            self.report(path, f"unknown phase '{phase}' (expected one of: {', '.join(phase_ids)})")

    def quote(self, path: DataPath, text: str) -> bool:
        """Report a quote that is not verbatim in exactly one paragraph of the essay; tell whether it is."""
        message = self.essay.quote_problem(text.strip(), closest=self.suggest)
        if message:
            self.report(path, message)
        return message is None

    def names_the_topic(self, path: DataPath, questions: list[str], message: str) -> None:
        """Warn (with ``message``) when none of ``questions`` names sexism, women, gender or race."""
        if questions and not any(NAMES_THE_TOPIC.search(q) for q in questions):
            self.report(path, message, warning=True)

    def minutes_in_notes(self, path: DataPath) -> None:
        """Warn when the notes at ``path`` write a number of minutes."""
        notes = at(self.data, path)
        found = MINUTES_IN_NOTES.search(notes) if isinstance(notes, str) else None
        if found:
            self.report(
                path,
                f"says “{found.group(0)}”: the pages show each block's minutes from its minutes fields, and a "
                "number written in notes goes stale when they change; leave the number out",
                warning=True,
            )

    def quotation_marks(self, data: Any = None, path: DataPath = ()) -> None:
        """Report text in “quotation marks” in the site's own fields that is not the essay's exact words, and
        (as a warning) her words used without quotation marks.

        The site may quote a phrase of hers inside its own sentences (“blacks and latinos”), but only
        verbatim, and her words appear only so: quotation marks say whose words they are. The ``quotes``
        lists are checked on their own.
        """
        data = self.data if not path else data
        if isinstance(data, dict):
            for key, value in data.items():
                if key != "quotes":
                    self.quotation_marks(value, (*path, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                self.quotation_marks(value, (*path, index))
        elif isinstance(data, str):
            title = self.essay.credit.title
            wrong = [w for w in _QUOTATION.findall(data) if w != title and not self.essay.paragraphs_containing(w)]
            if wrong:  # one problem for a field, however many quotations it gets wrong
                more = f" (and {len(wrong) - 1:,} more quotations in this field)" if len(wrong) > 1 else ""
                self.report(
                    path,
                    f"“{wrong[0]}” is in quotation marks but is not the essay's words{more}: quote her exactly "
                    "(with her typographic characters), or say it in the site's words without quotation marks",
                )
            if (run := self.essay.unquoted_run(data)) is not None:
                self.report(
                    path,
                    f"uses the essay's words without quotation marks (“{run} …”): put her words in quotation "
                    "marks, copied exactly, or say it in the site's words",
                    warning=True,
                )
