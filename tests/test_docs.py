"""What README.md, CONTRIBUTING.md and the pull-request template say is what happens.

Every sample output in the documents is marked ``<!-- sample: name -->`` before its code block, and
here each name is a scenario: the change it makes to a copy of the project, and the command whose
output the block shows. The test runs it on the real files and compares the output with the block
whole, line numbers included. Each scenario changes the file near its top (the first entry, the
workshop's presets), so that an entry added further down moves none of the samples' lines. The worked example's entries are taken from CONTRIBUTING.md itself
(``<!-- example: name -->`` blocks), so the example that contributors copy is checked too.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

from conftest import HAND_BUILD, ROOT, Project
from mapping_cases import entry_block

pytestmark = pytest.mark.data  # the samples change copies of the real mapping: part of the quick check

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
SAMPLE = re.compile(r"<!-- sample: ([a-z-]+) -->\n+( *)```[a-z]*\n(.*?)\n *```", re.S)
EXAMPLE = re.compile(r"<!-- example: ([a-z-]+) -->\n+()```yaml\n(.*?\n)```", re.S)


def blocks(pattern: re.Pattern[str]) -> dict[str, str]:
    """Return the marked code blocks of the documents, by name (a block inside a list item dedented)."""
    found: dict[str, str] = {}
    for name in DOCUMENTS:
        for key, indent, body in pattern.findall((ROOT / name).read_text(encoding="utf-8")):
            assert key not in found, f"two blocks named {key}"
            found[key] = "".join(line.removeprefix(indent) for line in body.splitlines(keepends=True))
    return found


# ------------------------------------------------------------------------ edits a scenario makes


def in_entry(entry_id: str, old: str, new: str) -> Callable[[str], str]:
    """Replace ``old`` (which must be there) by ``new`` within one entry."""

    def edit(text: str) -> str:
        start, end = entry_block(text, entry_id)
        assert old in text[start:end], f"the scenario no longer applies: {old!r} is not in entry {entry_id}"
        return text[:start] + text[start:end].replace(old, new, 1) + text[end:]

    return edit


def append_example(name: str) -> Callable[[str], str]:
    """Add CONTRIBUTING's example entry ``name`` at the end of the file, as the worked example does."""

    def edit(text: str) -> str:
        return text.rstrip("\n") + "\n\n" + blocks(EXAMPLE)[name]

    return edit


def after_first_entry(name: str) -> Callable[[str], str]:
    """Paste CONTRIBUTING's example ``name`` after the file's first entry (where its lines stay put)."""

    def edit(text: str) -> str:
        first = re.compile(r"(?m)^  - id: (\S+)$").search(text, text.index("\nentries:")).group(1)
        _, end = entry_block(text, first)
        return text[:end] + blocks(EXAMPLE)[name] + "\n" + text[end:]

    return edit


def add_to_preset(preset: str, entry_id: str) -> Callable[[str], str]:
    """Add ``entry_id`` to the entries of ``preset``."""

    def edit(text: str) -> str:
        pattern = re.compile(rf"(    - id: {preset}\n(?:      .*\n)*?      entries: \[)([^\]]*)\]")
        assert pattern.search(text), f"no preset {preset}"
        return pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}, {entry_id}]", text, count=1)

    return edit


def link_back(entry_id: str, *others: str) -> Callable[[str], str]:
    """Add ``entry_id`` to the related list of each of ``others`` (the worked example's back-links)."""

    def edit(text: str) -> str:
        for other in others:
            start, end = entry_block(text, other)
            block = re.sub(r"(    related: \[[^\]]*)\]", rf"\1, {entry_id}]", text[start:end], count=1)
            assert block != text[start:end], f"{other} has no related list"
            text = text[:start] + block + text[end:]
        return text

    return edit


@dataclass(frozen=True)
class Scenario:
    """A change to a copy of the project, and the command whose output a sample shows."""

    command: str  # "check", "check --github" or "build"
    edits: tuple[Callable[[str], str], ...] = ()


MISQUOTE = in_entry("routine-outage", '"We learn to expect it."', '"We learn to accept it."')
SCENARIOS = {
    "build-misquote": Scenario("build", (MISQUOTE,)),
    "misquote": Scenario("check", (MISQUOTE,)),
    "misquote-github": Scenario("check --github", (MISQUOTE,)),
    "straight-quotes": Scenario(
        "check",
        (
            in_entry(
                "routine-outage",
                '"It’s inevitable. It happens. In fact, it happens so much it’s routine."',
                '"It\'s inevitable. It happens."',
            ),
        ),
    ),
    "missing-field": Scenario("check", (lambda text: re.sub(r"(?m)^    breaks_down: .*\n", "", text, count=1),)),
    "blank-entry": Scenario("check", (after_first_entry("blank-entry"),)),
    "preset-sum": Scenario("check", (append_example("boxed-software"), add_to_preset("short", "boxed-software"))),
    "related-typo": Scenario(
        "check", (in_entry("routine-outage", "related: [no-matter-how-good", "related: [no-matter-how-god"),)
    ),
}


@functools.cache
def checker() -> ModuleType:
    """scripts/check_mapping.py, imported."""
    spec = importlib.util.spec_from_file_location("check_mapping", ROOT / "scripts" / "check_mapping.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(project: Project, *options: str) -> list[str]:
    """Run the checker on ``project`` as `scripts/check_mapping.py --config <its mkdocs.yml>` does, in this
    process (the command's own start-up, a second of imports, is run once by test_contributing.py), and
    return what it prints: its output's lines, then its errors'."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["check_mapping.py", "--config", str(project.root / "mkdocs.yml"), *options]
    saved = sys.argv
    try:
        sys.argv = argv
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            checker().main()
    finally:
        sys.argv = saved
        logging.disable(logging.NOTSET)  # the checker quietens logging for the rest of its process
    return out.getvalue().splitlines() + err.getvalue().splitlines()


def run(project: Project, scenario: Scenario) -> list[str]:
    """Make the scenario's edits, run its command, and return what it prints, as the documents show it."""
    text = project.mapping.read_text(encoding="utf-8")
    for edit in scenario.edits:
        text = edit(text)
    project.mapping.write_text(text, encoding="utf-8")
    if scenario.command == "build":
        return project.failed_build()
    return check(project, *scenario.command.split()[1:])


def test_the_worked_example_passes_the_checker(project: Project) -> None:
    """The entry CONTRIBUTING.md fills in, with its back-links, is valid as it stands in the document."""
    edits = (append_example("boxed-software"), link_back("boxed-software", "incorrect-assumption", "latent-bug"))
    output = run(project, Scenario("check", edits))
    assert len(output) == 1 and output[0].endswith(", no problems."), output


def test_every_sample_has_a_scenario_and_every_scenario_a_sample() -> None:
    assert sorted(blocks(SAMPLE)) == sorted(SCENARIOS)


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_documented_sample_is_what_the_command_prints(project: Project, name: str) -> None:
    printed, shown = run(project, SCENARIOS[name]), blocks(SAMPLE)[name].splitlines()
    where = f"the sample {name} (<!-- sample: {name} --> in README.md or CONTRIBUTING.md)"
    numbers = re.compile(r"(?<=:)\d+|(?<=line=)\d+")
    if [numbers.sub("N", line) for line in printed] == [numbers.sub("N", line) for line in shown]:
        reason = (
            "gives line numbers of docs/metaphors.yml that a change above them has moved (as a change to the "
            "phases, the workshop section or the first entries does): that is expected, and the sample is "
            "updated in the same pull request, to what the command prints now"
        )
    else:
        reason = "is not what the command prints now"
    assert printed == shown, f"{where} {reason}:\n" + "\n".join(printed)


# ------------------------------------------------------------------------ claims in prose


def test_the_hand_build_command_as_documented_prints_no_banner(built: Project) -> None:
    """The session's site is built by the documented command (conftest.HAND_BUILD), run as a contributor runs it."""
    commands = set()
    for name in DOCUMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        commands |= set(re.findall(r"((?:NO_MKDOCS_2_WARNING=1 )?\.venv/bin/mkdocs build --strict)", text))
    assert commands == {HAND_BUILD}
    assert built.result.args == ["bash", "-c", HAND_BUILD]
    assert built.result.stderr.splitlines()[0].startswith("INFO")  # no end-of-life banner before the build's lines
    assert "end of life" not in built.result.stdout + built.result.stderr


def test_no_document_states_how_many_entries_the_mapping_has(mapping: dict) -> None:
    """The count changes with every entry added: a one-entry pull request must stay one file."""
    count = len(mapping["entries"])
    stated = re.compile(rf"\b{count} (?:entries|pairings|pairs|concepts)\b")
    documents = [ROOT / name for name in (*DOCUMENTS, "MAINTAINING.md", ".github/PULL_REQUEST_TEMPLATE.md")]
    documents += sorted((ROOT / "docs").glob("*.md"))
    assert [path.name for path in documents if stated.search(path.read_text(encoding="utf-8"))] == []


def test_the_readmes_layout_map_names_every_module_script_and_template() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## Benchmarks")]
    names = [path.name for folder in ("scripts", "tests") for path in (ROOT / folder).iterdir()]
    names += [
        path.name for path in (ROOT / "hooks").rglob("*") if not {"__pycache__", "fonts"} & set(path.parent.parts)
    ]
    names += [path.stem for path in (ROOT / "overrides" / "partials" / "metaphor").glob("*.html")]
    names = [name for name in names if not name.startswith(("__", "test_")) and name != "data"]
    assert [name for name in sorted(set(names)) if name not in layout] == []


def test_every_file_the_documents_name_by_its_path_exists() -> None:
    """A path in backticks in one of the project's folders (``hooks/pages/components.py``) names a file or folder
    that exists: one renamed or removed since is named nowhere. (Other paths are the site's addresses.)"""
    path = re.compile(r"`((?:hooks|tests|scripts|docs|overrides|\.github|\.ci)/[\w./-]*)`")
    documents = [*DOCUMENTS, "MAINTAINING.md", "BENCHMARKS.md", ".github/PULL_REQUEST_TEMPLATE.md"]
    named = {(name, found) for name in documents for found in path.findall((ROOT / name).read_text(encoding="utf-8"))}
    assert len(named) > 30
    assert sorted((name, found) for name, found in named if not (ROOT / found).exists()) == []
