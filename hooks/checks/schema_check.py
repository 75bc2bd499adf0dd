"""Check a data document against its JSON Schema and say what is wrong in a contributor's words.

The schema is the one structural validator: types, required and unknown fields, ranges, slugs,
allowed values. jsonschema finds the errors; this module places each on its line (from the
document's source map) and rewords it, using the schema itself for what a field is and which
values it allows. Definitions may carry a ``title`` that names their kind (text, slug, minutes),
which picks the wording.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import jsonschema

from sources.yaml_source import DataPath, Document, Problem, dotted

# Names a problem's subject, and the field path shown after it: ("entry 'x'", "outage.term").
Labeler = Callable[[DataPath], tuple[str | None, DataPath]]


def no_subject(path: DataPath) -> tuple[str | None, DataPath]:
    """Label every problem by its full path, with no subject."""
    return None, path


@dataclass(frozen=True)
class Schema:
    """A JSON Schema read from a file, with its local references inlined for speed."""

    raw: dict[str, Any]
    validator: jsonschema.Draft202012Validator

    @classmethod
    def read(cls, path: Path) -> Schema:
        """Read the schema at ``path`` (checked against JSON Schema's own by the tests, not at every build)."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw, jsonschema.Draft202012Validator(_inline(raw, raw.get("$defs", {}))))

    def definition(self, name: str) -> dict[str, Any]:
        """Return one of the schema's ``$defs``."""
        return self.raw["$defs"][name]

    def problems(
        self, document: Document, *, label: Labeler = no_subject, limit: int | None = None
    ) -> tuple[list[Problem], bool]:
        """Return every way ``document`` breaks the schema, worded and placed, and whether that is all of them
        (False when the validator stopped at ``limit`` errors)."""
        found: dict[tuple[DataPath, str], Problem] = {}
        for repeat in document.repeated:
            subject, shown = label(repeat.path)
            message = f"repeated field (first on line {repeat.first_line}); a field may appear once"
            found[(repeat.path, message)] = Problem(
                repeat.mark.line, message, subject, dotted(shown), repeat.mark.column
            )
        errors = list(islice(self.validator.iter_errors(document.data), limit))
        complete = limit is None or len(errors) < limit
        # A field written one level too shallow shows up three ways (an unknown field, an empty or
        # missing parent, a missing child): report it once, as the indentation mistake it is.
        shallow = {
            (*path, child)
            for error in errors
            if error.validator == "additionalProperties"
            for path in [tuple(error.absolute_path)]
            for child in _misplaced(error.schema, error.instance)
        }
        for error in errors:
            for path, message, on_key in _explain(error):
                if "indent" not in message and any(path[:end] in shallow for end in range(len(path) + 1)):
                    continue
                subject, shown = label(path)
                mark = document.source.key(path) if on_key else document.source.at(path)
                field = dotted(shown) or None
                found.setdefault((path, message), Problem(mark.line, message, subject, field, mark.column))
        return list(found.values()), complete


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Return the schema with every local $ref replaced by its definition: it validates twice as fast, and each
    error's schema is the whole definition, with the title, values and description the messages use."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
            return {**target, **{key: _inline(value, defs) for key, value in node.items() if key != "$ref"}}
        return {key: _inline(value, defs) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(value, defs) for value in node]
    return node


def kind_of(value: Any) -> str:
    """Describe what a value is, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a date" if hasattr(value, "isoformat") else "a value"


_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list ('- ' before each item)",
    "object": "a mapping",
    "number": "a number",
    "boolean": "true or false",
}


def _explain(error: jsonschema.ValidationError) -> Iterator[tuple[DataPath, str, bool]]:
    """Yield (path, message, whether to place it on the key) for one jsonschema error."""
    path: DataPath = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = schema.get("title", "")
    validator = error.validator
    if validator == "required":
        yield from _missing(path, schema, value)
    elif validator == "additionalProperties":
        yield from _unknown(path, schema, value)
    elif validator == "type":
        if value is None or (isinstance(value, str) and not value.strip()):
            yield path, "must not be empty", False
        elif kind == "minutes":
            yield path, f"expected a whole number of minutes; found {kind_of(value)}{_shown(value)}", False
        elif schema.get("type") == "object" and "required" in schema:
            yield path, f"expected a mapping with {', '.join(schema['required'])}; found {kind_of(value)}", False
        else:
            expected = _EXPECTED.get(schema.get("type", ""), "something else")
            scalar = not isinstance(value, dict | list)
            hint = " (put it in quotes to use it as text)" if schema.get("type") == "string" and scalar else ""
            yield path, f"expected {expected}; found {kind_of(value)}{hint}", False
    elif validator in {"minLength", "pattern"} and kind != "slug":
        yield path, "must not be empty", False
    elif validator == "pattern":
        yield (
            path,
            f"'{value}' is not a slug: use lowercase letters, digits and single hyphens (e.g. 'routine-outage')",
            False,
        )
    elif validator == "maxLength":
        yield path, f"is {len(value)} characters long, and at most {schema['maxLength']} fit: shorten it", False
    elif validator == "minItems":
        yield path, "must not be an empty list", False
    elif validator == "maxItems":
        most = schema["maxItems"]
        yield path, f"has {len(value)} items, at most {most} are allowed: keep the {most} that matter most", False
    elif validator in {"minimum", "maximum"}:
        unit = " minutes" if kind == "minutes" or "minutes" in path else ""
        yield path, f"{value} is out of range: use {schema.get('minimum')} to {schema.get('maximum')}{unit}", False
    elif validator == "enum":
        allowed = ", ".join(str(option) for option in schema["enum"])
        if value is None or (isinstance(value, str) and not value.strip()):
            yield path, f"must not be empty: use one of {allowed}", False
        else:
            yield path, f"'{value}' is not one of the allowed values: {allowed}", False
    elif validator == "const":
        yield path, f"this site reads version {schema['const']} of the format", False
    elif validator == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(value):
            if json.dumps(item, sort_keys=True) in seen:
                yield (*path, index), f"'{item}' is listed twice", False
            seen.add(json.dumps(item, sort_keys=True))
    else:
        yield path, error.message, False


def _shown(value: Any) -> str:
    return f" '{value}'" if isinstance(value, str) and len(value) < 40 else ""


def _missing(path: DataPath, schema: dict[str, Any], value: dict[str, Any]) -> Iterator[tuple[DataPath, str, bool]]:
    """Explain each missing required field: where it goes and what it holds, unless it was mis-indented."""
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        if name in value:
            continue
        field_schema = properties.get(name, {})
        if not path:
            where = "to the file"
        elif isinstance(path[-1], str):
            where = f"under '{path[-1]}:'"
        else:
            where = f"to this item of '{path[-2]}'" if len(path) > 1 and path[-2] != "entries" else "to the entry"
        if "enum" in field_schema:
            example = " or ".join(f"'{name}: {option}'" for option in field_schema["enum"])
            hint = f"add {example} {where}"
        elif "description" in field_schema:
            hint = f"add '{name}:' {where}: {_lower_first(field_schema['description'])}"
        else:
            hint = f"add '{name}:' {where}"
        yield (*path, name), f"missing required field; {hint}", False


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _misplaced(schema: Any, value: Any) -> dict[str, list[str]]:
    """Return, per child field, the unknown keys of ``value`` that belong to that child instead."""
    properties: dict[str, Any] = schema.get("properties", {}) if isinstance(schema, dict) else {}
    found: dict[str, list[str]] = {}
    if not isinstance(value, dict):
        return found
    for key in value:
        if key in properties:
            continue
        for child, child_schema in properties.items():
            child_value = value.get(child)
            if key in child_schema.get("properties", {}) and (
                child_value is None or (isinstance(child_value, dict) and key not in child_value)
            ):
                found.setdefault(child, []).append(key)
                break
    return found


def _unknown(path: DataPath, schema: dict[str, Any], value: dict[str, Any]) -> Iterator[tuple[DataPath, str, bool]]:
    """Explain each unknown field: a field of a child written too shallow, a typo, or not a field at all."""
    properties: dict[str, Any] = schema.get("properties", {})
    extras = [key for key in value if key not in properties]
    misplaced = _misplaced(schema, value)
    for child, keys in misplaced.items():
        names = " and ".join(keys)
        they = "they belong" if len(keys) > 1 else "it belongs"
        need = "they need" if len(keys) > 1 else "it needs"
        message = f"indent {names} under {child}: ({they} to {child}, so {need} two more spaces than '{child}:')"
        yield (*path, keys[0]), message, True
    placed = {key for keys in misplaced.values() for key in keys}
    known = list(properties)
    for key in extras:
        if key in placed:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (expected one of: {', '.join(known)})"
        yield (*path, key), f"unknown field{hint}", True
