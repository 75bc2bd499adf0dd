"""Read a YAML data file once: plain data from PyYAML's own constructor, and where each value sits.

The data files of this site (the mapping, the scenarios) are read here. Parsing composes the node
tree once; PyYAML's constructor turns it into plain Python values, and a walk over the same nodes
records the line and column of every key and value in a source map keyed by path, so that later
checks can place each problem exactly without the data (or the model built from it) carrying
line numbers.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's parser when PyYAML has it (its wheels do): the same nodes and marks, ~50x faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]


class DataLoader(_BASE):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, with whole numbers read as people write them.

    YAML 1.1 reads ``04`` as octal and ``09`` as text; a contributor typing minutes means 4 and 9.
    Here any run of digits, with or without leading zeros, is a decimal integer.
    """

    def construct_yaml_int(self, node: ScalarNode) -> int:
        """Read an integer; digits with leading zeros are decimal, not octal."""
        text = str(node.value).replace("_", "")
        if re.fullmatch(r"[-+]?[0-9]+", text):
            return int(text, 10)
        return super().construct_yaml_int(node)


DataLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
DataLoader.add_constructor("tag:yaml.org,2002:int", DataLoader.construct_yaml_int)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, placed as precisely as the file allows."""

    line: int
    message: str
    subject: str | None = None  # what the problem is in, e.g. "entry 'routine-outage'"
    field: str | None = None
    column: int = 1
    warning: bool = False
    file: str | None = None  # the file it is in, when a list of problems spans several files

    def format(self, path: str = "", *, column: bool = False) -> str:
        """Render as ``path:line: entry 'id': field: message`` (``path:line:col: ...`` with ``column``).

        ``path`` names the file unless the problem names its own.
        """
        path = self.file or path
        parts = [f"{path}:{self.line}:{self.column}" if column else f"{path}:{self.line}"]
        if self.subject is not None:
            parts.append(self.subject)
        if self.field is not None:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


# Problems listed in full; the rest are counted, as compilers do: a file broken everywhere is answered at once.
SHOWN = 100


class InvalidData(Exception):
    """The data files have problems: each placed in its file, in file order (errors and warnings).

    The one type for a list of problems, from one file's loader up to the build: ``summary`` sums them
    up per file ("docs/metaphors.yml: 2 problems found"), ``shown`` are the first SHOWN of them and
    ``more`` counts the rest. ``strict``: the problems are warnings, refused because the build is strict.
    A problem that names no file is in the file the error is about. ``stopped``: the checks stopped at
    their limit (a file broken everywhere), so there may be more.
    """

    def __init__(
        self, problems: list[Problem], *, summary: str = "", strict: bool = False, stopped: bool = False
    ) -> None:
        order = {name: index for index, name in enumerate(dict.fromkeys(p.file for p in problems))}
        self.problems = sorted(problems, key=lambda p: (order[p.file], p.line, p.column))
        self.strict = strict
        self.stopped = stopped
        super().__init__(summary or self._summary())

    @property
    def summary(self) -> str:
        """What is wrong, per file, without what happens next (the build, the server and the checker say that)."""
        return str(self)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build, strict or not."""
        return [p for p in self.problems if not p.warning]

    @property
    def path(self) -> str:
        """The first file with problems, as contributors name it ("" when the problems name none)."""
        return next((p.file for p in self.problems if p.file), "")

    @property
    def shown(self) -> list[Problem]:
        """The problems listed in full: the first SHOWN."""
        return self.problems[:SHOWN]

    @property
    def more(self) -> str:
        """The line that counts the problems not listed ("" when every one is listed and none were left unchecked)."""
        rest = max(0, len(self.problems) - SHOWN)
        if not rest and not self.stopped:
            return ""
        counted = f"… and {rest:,} more problem{'' if rest == 1 else 's'}, not listed" if rest else "…"
        stopped = " (the checks stopped there: the file has more)" if self.stopped else ""
        return f"{counted}{stopped}: fix these and check again"

    def _summary(self) -> str:
        parts = []
        for name in dict.fromkeys(p.file for p in self.problems):
            found = [p for p in self.problems if p.file == name]
            if self.strict:
                parts.append(f"{name or 'the file'}: {counted(len(found), 'warning')}")
                continue
            errors = sum(not p.warning for p in found)
            counts = [counted(errors, "problem")] if errors else []
            counts += [counted(len(found) - errors, "warning")] if len(found) > errors else []
            parts.append(f"{name or 'the file'}: {' and '.join(counts)} found")
        return "; ".join(parts)


def counted(count: int, one: str, many: str = "") -> str:
    """Count as a sentence does: "1 problem", "1,250 problems", "2 entries" (with ``many``)."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


class Mark(NamedTuple):
    """A 1-based line and column (a tuple: a large file has one per value)."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document sits in its file.

    The tables hold plain (line, column) pairs, one per value of a large file; ``at`` and ``key``
    hand them out as Marks.
    """

    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: DataPath) -> Mark:
        """Return the mark of the value at ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return Mark(*mark)
        return Mark(1, 1)

    def key(self, path: DataPath) -> Mark:
        """Return the mark of the key that names ``path`` (the value's mark if it has no key)."""
        mark = self.keys.get(path)
        return Mark(*mark) if mark is not None else self.at(path)


@dataclass(frozen=True)
class Repeat:
    """A key written a second time in one mapping (PyYAML keeps the last; we report it)."""

    path: DataPath
    mark: Mark
    first_line: int


@dataclass(frozen=True)
class Document:
    """A parsed data file: plain data, its source map, and any keys written twice."""

    data: Any
    source: SourceMap
    repeated: tuple[Repeat, ...] = ()


def load_yaml(path: Path) -> Document:
    """Read ``path`` into data and a source map, or raise InvalidData naming what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidData([Problem(1, f"cannot read the file: {exc}")]) from None
    return parse_yaml(text)


def parse_yaml(text: str) -> Document:
    """Parse YAML ``text`` into data and a source map, or raise InvalidData.

    Python's cycle collector waits meanwhile: composing makes a node and a mark per value, and the
    collector, started by every few hundred new objects, would walk them all again and again (half the
    time of reading a file of 10,000 entries). Nothing made here is cyclic.
    """
    collecting = gc.isenabled()
    gc.disable()
    loader = DataLoader(text)
    try:
        _refuse_references(text)
        root = loader.get_single_node()
        if root is None:
            return Document(None, SourceMap())
        source = SourceMap()
        repeated = tuple(_walk(root, (), source))
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise InvalidData([syntax_problem(exc, text)]) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise InvalidData([Problem(1, f"YAML syntax error: {exc}")]) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return Document(data, source, repeated)


def _refuse_references(text: str) -> None:
    """Raise InvalidData at the first anchor (&name) or alias (*name): the data need neither, and aliases
    that refer to anchors that refer to others multiply what the checks walk until a small file takes
    minutes. Events only: nothing is expanded, and a text without '&' or '*' is not parsed for them at all."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_BASE):
        alias = isinstance(event, yaml.AliasEvent)
        if alias or getattr(event, "anchor", None):
            sign, kind = ("*", "alias") if alias else ("&", "anchor")
            start = event.start_mark
            message = (
                f"YAML syntax error: an {kind} ({sign}{event.anchor}): the data files use no anchors or "
                "aliases; write each value out in full where it belongs"
            )
            raise InvalidData([Problem(start.line + 1, message, column=start.column + 1)])


def _walk(node: Node, path: DataPath, source: SourceMap) -> Iterator[Repeat]:
    """Record the marks of ``node`` and its children; yield each key written twice in one mapping."""
    values, keys = source.values, source.keys
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        start = node.start_mark
        values[path] = (start.line + 1, start.column + 1)
        if isinstance(node, MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                key_start = key_node.start_mark
                mark = (key_start.line + 1, key_start.column + 1)
                child = (*path, key)
                if key in first:
                    yield Repeat(child, Mark(*mark), first[key])
                    continue
                first[key] = mark[0]
                keys[child] = mark
                stack.append((value_node, child))
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))


def dotted(path: DataPath) -> str:
    """Write a data path as contributors read it: ``entries[3].outage.term``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


_OPENERS = {"flow sequence": ("[", "]", "list"), "flow mapping": ("{", "}", "mapping")}
_SECOND_COLON = re.compile(r"^\s*(?:- )?[^\s:#][^:#]*: .*: ")


_INDENTATION = ("expected <block end>", "did not find expected key", "expected '-' indicator", "mapping values")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """Explain a YAML syntax error in plain words, at the line to change: for a line indented wrongly, the line
    itself (which may be the line above the one where YAML noticed it), else where the broken construct starts."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    start = exc.context_mark.line + 1 if exc.context_mark else line
    lines = text.splitlines()
    if any(kind in (exc.problem or "") for kind in _INDENTATION) and (found := _misindented(lines, line)):
        line, message = found
        return Problem(line, f"YAML syntax error: {message}", column=_key_column(lines[line - 1]) + 1)
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    return Problem(
        line, f"YAML syntax error: {_explain(exc.context or '', exc.problem or '', here, column, start)}", column=column
    )


_FIELD = re.compile(r"([A-Za-z_][\w-]*):(?:\s|$)")


def _key_column(text: str) -> int:
    """Return the column (from 0) where a line's field starts: after its indentation and any '- '."""
    column = len(text) - len(text.lstrip(" "))
    while text[column:].startswith("- "):
        column += 2 + len(text[column + 2 :]) - len(text[column + 2 :].lstrip(" "))
    return column


def _name(text: str) -> str:
    """Name a line as a contributor reads it: 'term:', or 'the list item'."""
    found = _FIELD.match(text[_key_column(text) :])
    return f"'{found.group(1)}:'" if found else "the list item"


def _opens_block(text: str) -> bool:
    """Tell whether a line is a field with its value on the lines below it (``outage:``)."""
    found = _FIELD.match(text[_key_column(text) :])
    return bool(found) and not text[_key_column(text) + found.end() :].split(" #", 1)[0].strip()


def _spaces(count: int) -> str:
    return "one space" if count == 1 else f"{count} spaces"


def _misindented(lines: list[str], line: int) -> tuple[int, str] | None:
    """Find the line whose indentation breaks the block it is in, from the line where YAML noticed it and
    the content lines above (the data files indent by two spaces a level); return it with what to do."""
    content = [
        n
        for n in range(1, min(line, len(lines)) + 1)
        if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")
    ]
    if len(content) < 2 or content[-1] != line:
        return None
    here, above = lines[line - 1], lines[content[-2] - 1]
    column, above_column = _key_column(here), _key_column(above)
    parent = content[-3] if len(content) > 2 else None
    if parent and _key_column(lines[parent - 1]) < above_column and _opens_block(lines[parent - 1]):
        # The line above is the first field under a block, and sets where its fields go: when it is the one
        # off the file's two spaces a level and this line is not, the line above is the one to change.
        wanted = _key_column(lines[parent - 1]) + 2
        if above_column != wanted and column == wanted:
            off = above_column - wanted
            return content[-2], (
                f"{_name(above)} is indented {_spaces(abs(off))} too {'far' if off > 0 else 'little'}: the fields "
                f"under {_name(lines[parent - 1])} (line {parent}) go two spaces further in than it, as "
                f"{_name(here)} on the next line does"
            )
    if column > above_column and not _opens_block(above):
        return line, (
            f"{_name(here)} is indented {_spaces(column - above_column)} more than {_name(above)} on line "
            f"{content[-2]}, so YAML reads it as part of that field's value: line it up with {_name(above)}"
        )
    if column < above_column:
        levels = {_key_column(lines[n - 1]) for n in content[:-1]}
        if column not in levels:
            return line, (
                f"{_name(here)} is indented {_spaces(above_column - column)} less than {_name(above)} on line "
                f"{content[-2]}, and lines up with no field above it: line it up with {_name(above)} (the fields "
                "of one mapping line up exactly)"
            )
    return None


def _explain(context: str, raw: str, here: str, column: int, start: int) -> str:
    """Return the likely cause of a syntax error and its fix."""
    for kind, (opener, closer, noun) in _OPENERS.items():
        if kind in context:
            return (
                f"the {noun} opened with '{opener}' on line {start} is not closed: add '{closer}' at its end, "
                f"or put text that contains ',' '{opener}' or '{closer}' in double quotes"
            )
    if "tab character" in raw or ("cannot start any token" in raw and here[column - 1 : column] == "\t"):
        return "a tab character: YAML indents with spaces only"
    if "unknown escape character" in raw:
        return "a backslash inside double quotes starts an escape: write \\\\ for a backslash, or use single quotes"
    if "quoted scalar" in context:
        return f"the quoted text opened on line {start} is never closed: add the closing quote"
    if "mapping values are not allowed" in raw:
        if _SECOND_COLON.match(here):
            return (
                "a ': ' inside unquoted text reads as a new field: put the whole text in double quotes "
                '(for example  meaning: "The essay says: ...")'
            )
        return "the line above this one is not a 'field: value' line, or this line is indented under it by mistake"
    if "could not find expected ':'" in raw:
        return f"line {start} is not a 'field: value' line: check its indentation, or the ':' after the field's name"
    if "expected <block end>" in raw or "did not find expected key" in raw or "expected '-' indicator" in raw:
        return (
            f"this line's indentation does not match the block that starts on line {start}: the fields of "
            "one mapping, and the items of one list, line up exactly (spaces, not tabs)"
        )
    return f"{context + ', ' if context else ''}{raw} (in the block that starts on line {start})"
