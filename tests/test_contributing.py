"""Contributor tooling: the JSON Schema, the checker command, and what they promise."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT, Project, build_environment, load_yaml
from mapping_cases import CASES, SMALL, add_quote

SCHEMA = json.loads((ROOT / "docs" / "metaphors.schema.json").read_text(encoding="utf-8"))
STRUCTURAL = [
    "too many prompts",
    "a role's short name too long for the map's legend",
    "a quote on outages written with a misspelt key",
    "missing field",
    "missing field with allowed values",
    "missing nested field",
    "fields indented too little",
    "text where a list is expected",
    "number where text is expected",
    "mapping where text is expected",
    "text where minutes are expected",
    "minutes out of range",
    "a value outside the allowed ones",
    "an empty value where a few are allowed",
    "unknown field",
    "misspelt field",
    "id that is not a slug",
    "reference listed twice",
    "empty strings",
    "missing top-level section",
    "another version",
    "empty file",
]
SEMANTIC = [
    "unknown phase",
    "duplicate id",
    "quote not in the essay",
    "quote with a word added",
    "quote with a word left out",
    "quote with a slip and a straight apostrophe",
    "quote with a doubled space",
    "quote with a straight apostrophe and a doubled space",
    "quote that ends mid-sentence on a slip",
    "quote with straight apostrophes across sentences",
    "quote found in two paragraphs",
    "quote found twice in one paragraph",
    "key passage not in the essay",
    "reference to a missing entry",
    "reference to itself",
    "preset that does not add up",
    "opening slides that leave the welcome no time",
    "slides after the key passages that leave the passages no time",
    "preset with an unknown entry",
    "a sentence quoted by three entries (warning)",
    "an entry away from its phase's group (warning)",
    "a paragraph no entry quotes (warning)",
    "no prompt names the topic (warning)",
    "a topic the workshop does not list",
    "a preset that ends on a sensitive pairing",
    "words in quotation marks that are not the essay's",
    "minutes written in notes (warning)",
]


def test_every_case_is_classified() -> None:
    syntax = [name for name in CASES if name.startswith("yaml syntax error") or name == "repeated field"]
    assert sorted(STRUCTURAL + SEMANTIC + syntax) == sorted(CASES)


def schema_errors(text: str) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(load_yaml(text))]


def test_the_schema_is_valid_and_the_real_mapping_matches_it() -> None:
    """The build reads the schemas as they are, without checking them against JSON Schema's own: this does."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    scenarios = json.loads((ROOT / "docs" / "scenarios.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(scenarios)
    assert schema_errors((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8")) == []
    assert schema_errors(SMALL) == []


def test_the_mapping_names_its_schema_for_editors() -> None:
    first = (ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=metaphors.schema.json"


def test_every_field_in_the_schema_is_described() -> None:
    missing = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                target = SCHEMA["$defs"][prop["$ref"].split("/")[-1]] if "$ref" in prop else prop
                if "description" not in prop and "description" not in target:
                    missing.append(f"{where}.{name}")
                walk(target, f"{where}.{name}")
            if isinstance(node.get("items"), dict):
                item = node["items"]
                walk(SCHEMA["$defs"][item["$ref"].split("/")[-1]] if "$ref" in item else item, f"{where}[]")

    walk(SCHEMA, "")
    assert missing == []


@pytest.mark.parametrize("name", STRUCTURAL)
def test_the_schema_rejects_what_the_build_rejects_for_its_shape(name: str) -> None:
    text, _ = CASES[name]
    assert text == "" or schema_errors(text), name


@pytest.mark.parametrize("name", SEMANTIC)
def test_the_build_also_checks_what_a_schema_cannot(name: str) -> None:
    text, _ = CASES[name]
    assert schema_errors(text) == []


@pytest.mark.data
def test_the_checker_passes_the_real_mapping_and_names_every_file_it_checked(
    project: Project, mapping: dict, site_data: object
) -> None:
    result = project.check()
    assert result.returncode == 0
    counts = f"{len(mapping['entries'])} entries in {len(mapping['phases'])} phases"
    assert result.stdout.strip() == (
        f"docs/essay.md: {len(site_data.essay.paragraphs)} paragraphs; docs/metaphors.yml: {counts}; "
        f"docs/scenarios.yml: {len(site_data.scenarios.scenarios)} scenarios, no problems."
    )


def test_nested_aliases_are_refused_at_once_with_the_line_of_the_first_anchor(project: Project) -> None:
    """Aliases of aliases expand to billions of values; the checker answers before expanding any."""
    levels = [f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]" for n in range(1, 10)]
    text = SMALL + "bomb:\n  x0: &x0 [lol]\n" + "".join(f"  {level}\n" for level in levels)
    project.use_mapping(text)
    result = project.check()  # its timeout: a minute
    assert result.returncode == 1
    line = text.splitlines().index("  x0: &x0 [lol]") + 1
    assert result.stdout.splitlines() == [
        f"docs/metaphors.yml:{line}:7: YAML syntax error: an anchor (&x0): the data files use no anchors or aliases; "
        "write each value out in full where it belongs"
    ]
    assert "Traceback" not in result.stderr


def test_the_checker_prints_every_problem_with_line_and_column(project: Project) -> None:
    text, _ = CASES["quote not in the essay"]
    text = text.replace("related: [fast-and-safe]", "related: [nowhere]")
    project.use_mapping(text)
    result = project.check()
    assert result.returncode == 1
    quote_line = text.splitlines().index('      - "We learn to accept it."') + 1
    related_line = text.splitlines().index("    related: [nowhere]") + 1
    assert result.stdout.splitlines() == [
        (
            f"docs/metaphors.yml:{quote_line}:9: entry 'routine-outage': quotes[0]: not found verbatim in the essay "
            '(closest: "We learn to expect it."; the essay has "expect" where the quote has "accept")'
        ),
        f"docs/metaphors.yml:{related_line}:15: entry 'routine-outage': related[0]: no entry has the id 'nowhere'",
    ]
    assert result.stderr.strip() == (
        "docs/metaphors.yml: 2 problems found; docs/essay.md: no problems; docs/scenarios.yml: no problems."
    )
    assert "Traceback" not in result.stderr


def test_the_checker_reports_warnings_and_fails_as_a_strict_build_would(project: Project) -> None:
    text, expected = CASES["a paragraph no entry quotes (warning)"]
    project.use_mapping(text)
    result = project.check()
    assert result.returncode == 1
    line = expected[0].split(":")[1]
    message = expected[0].split(": ", 1)[1].removesuffix(" [warning]")
    assert result.stdout.splitlines() == [f"docs/metaphors.yml:{line}:3: {message} (warning: fails a strict build)"]
    assert (
        result.stderr.strip() == "docs/essay.md: 15 paragraphs; docs/metaphors.yml: 2 entries in 2 phases; "
        "docs/scenarios.yml: 1 scenario, 1 warning (a strict build fails on them)."
    )


def test_the_checker_explains_a_missing_essay_without_a_traceback(project: Project) -> None:
    (project.root / "docs" / "essay.md").unlink()
    result = project.check()
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Cannot read the essay: [Errno 2] No such file or directory")
    assert "Traceback" not in result.stderr


def test_the_checker_prints_github_annotations(project: Project) -> None:
    text, _ = CASES["reference to a missing entry"]
    project.use_mapping(text)
    result = project.check("--github")
    line = text.splitlines().index("    related: [fast-and-save]") + 1
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        (
            f"::error file=docs/metaphors.yml,line={line},col=15,title=entry 'routine-outage'%3A related[0]::"
            f"docs/metaphors.yml:{line}:15: entry 'routine-outage': related[0]: no entry has the id 'fast-and-save'; "
            "did you mean 'fast-and-safe'?"
        )
    ]


def test_the_tests_run_on_broken_data_stop_at_once_with_the_checkers_own_lines(project: Project) -> None:
    """A mistake in the data is shown once, as the checker words it, before any test runs: not inside the
    failure of every test built from the data (150 of them in the quick check)."""
    for part in ("tests", "scripts"):
        shutil.copytree(ROOT / part, project.root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pytest.ini", project.root)
    text = project.mapping.read_text(encoding="utf-8")
    start = text.index("    related: [") + len("    related: [")
    project.mapping.write_text(text[:start] + "x" + text[start:], encoding="utf-8")
    checker = project.check()
    assert checker.returncode == 1 and "did you mean" in checker.stdout

    def tests(*selection: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n0", *selection]
        return subprocess.run(
            command, cwd=project.root, env=build_environment(), capture_output=True, text=True, timeout=120
        )

    run = tests("tests/test_docs.py")
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.stdout + run.stderr
    assert checker.stdout.strip() in run.stderr
    assert "the site's data has problems, so the tests did not run" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert not re.search(r"\d+ (passed|failed|error)", run.stdout)

    # A crash of the checker's code is no verdict on the data: the tests run, to find it.
    project.mapping.write_text(text, encoding="utf-8")
    loader = project.root / "hooks" / "checks" / "site_data.py"
    code = loader.read_text(encoding="utf-8")
    loader.write_text(code.replace("def load_site(", "def load_site(*_, **__):\n    1 / 0\n\n\ndef _was(", 1))
    crashed = subprocess.run(
        [sys.executable, "scripts/check_mapping.py"], cwd=project.root, capture_output=True, text=True, timeout=60
    )
    assert crashed.returncode == 1 and "ZeroDivisionError" in crashed.stderr
    run = tests("tests/test_contributing.py", "-k", "every_case_is_classified")
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr


def test_the_checker_lists_each_sentence_with_the_entries_that_quote_it(project: Project, essay: object) -> None:
    """`--sentences`, for a contributor choosing a passage in a terminal: every sentence of the essay once, in
    order; a quote that runs from one sentence into the next adds its entry to both lines and changes no other;
    the list is there when the file has warnings too (the warning of a sentence quoted too often among them)."""
    line = re.compile(r'(p-\d+) \((\d+)(?:: ([a-z0-9-]+(?:, [a-z0-9-]+)*))?\) "(.*)"')

    def listed(status: int = 0) -> list[tuple[str, int, list[str], str]]:
        result = project.check("--sentences")
        assert result.returncode == status, result.stdout + result.stderr
        lines = [text for text in result.stdout.splitlines() if text.startswith("p-")]
        found = [line.fullmatch(text) for text in lines]
        assert all(found), lines
        return [(m[1], int(m[2]), m[3].split(", ") if m[3] else [], m[4]) for m in found]

    before = listed()
    assert [(anchor, sentence) for anchor, _, _, sentence in before] == [
        (paragraph.anchor, sentence) for paragraph in essay.paragraphs for _, sentence in paragraph.sentences
    ]
    at = next(n for n, row in enumerate(before[:-1]) if row[0] == before[n + 1][0] and row[1] == before[n + 1][1] == 0)
    (anchor, _, _, one), (_, _, _, other) = before[at], before[at + 1]
    across = " ".join(one.split()[-3:]) + " " + " ".join(other.split()[:3])
    assert across in essay.paragraph(anchor).text
    text = project.mapping.read_text(encoding="utf-8")
    first = load_yaml(text)["entries"][0]["id"]
    project.mapping.write_text(add_quote(text, first, across), encoding="utf-8")
    after = listed()
    assert after[at : at + 2] == [(anchor, 1, [first], one), (anchor, 1, [first], other)]
    assert after[:at] + after[at + 2 :] == before[:at] + before[at + 2 :]
    # Two more entries quote the same words: a warning, and the list, each entry once on each line.
    second, third = load_yaml(text)["entries"][1:3]
    edited = project.mapping.read_text(encoding="utf-8")
    for entry in (second, third):
        edited = add_quote(edited, entry["id"], across)
    project.mapping.write_text(edited, encoding="utf-8")
    ids = [first, second["id"], third["id"]]
    assert listed(status=1)[at : at + 2] == [(anchor, 3, ids, one), (anchor, 3, ids, other)]
