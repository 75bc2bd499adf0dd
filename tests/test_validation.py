"""Every mistake in docs/metaphors.yml fails the build once, with exact, placed messages."""

from __future__ import annotations

import pytest

from conftest import Project

SMALL = """\
version: 1
phases:
  - id: prepare
    title: Prepare
    summary: Before anything goes wrong.
  - id: respond
    title: Respond
    summary: While it is going wrong.
entries:
  - id: routine-outage
    phase: prepare
    outage:
      term: The routine outage
      meaning: Outages happen often enough to be routine.
    sexism:
      term: Expected sexism
      meaning: The essay says people learn to expect it.
    quotes:
      - "We learn to expect it."
    breaks_down: An outage has no intent.
    prompts:
      - What changes when a problem is routine?
    related: [fast-and-safe]
  - id: fast-and-safe
    phase: respond
    outage:
      term: Fast and safe
      meaning: Try what is quick and cannot make things worse.
    sexism:
      term: Improvising under pressure
      meaning: The essay describes improvising in the moment.
    quotes:
      - "We try anything that is both fast and safe."
    breaks_down: A server does not remember how it was treated.
    prompts:
      - What counts as safe when there is no time to check?
"""

FILE = "docs/metaphors.yml"


def errors(project: Project, text: str) -> list[str]:
    """Build with ``text`` as the mapping; return the error lines (build must fail cleanly)."""
    project.mapping.write_text(text, encoding="utf-8")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert not project.site.exists() or not any(project.site.iterdir())
    lines = [line.split("-  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]
    assert lines[-1].startswith(f"{FILE}: {len(lines) - 1} problem"), lines
    assert lines[-1].endswith("found (listed above); the site was not built.")
    return [line.removeprefix("metaphor: ") for line in lines[:-1]]


def change(old: str, new: str, *, count: int = 1) -> str:
    """Return SMALL with ``old`` replaced by ``new`` (which must be there)."""
    assert old in SMALL
    return SMALL.replace(old, new, count)


def test_the_small_mapping_is_valid(project: Project) -> None:
    project.mapping.write_text(SMALL, encoding="utf-8")
    project.built()
    assert [r["data-entry-id"] for r in project.page("glossary/").select("[data-entry-id]")] == [
        "routine-outage",
        "fast-and-safe",
    ]


CASES = {
    "yaml syntax error": (
        change("    phase: respond\n", "    phase: [respond\n"),
        [f"{FILE}:26: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'"],
    ),
    "missing field": (
        change("    breaks_down: An outage has no intent.\n", ""),
        [f"{FILE}:10: entry 'routine-outage': breaks_down: missing required field"],
    ),
    "missing nested field": (
        change("      meaning: Try what is quick and cannot make things worse.\n", ""),
        [f"{FILE}:27: entry 'fast-and-safe': outage.meaning: missing required field"],
    ),
    "text where a list is expected": (
        change('    quotes:\n      - "We learn to expect it."', '    quotes: "We learn to expect it."'),
        [f"{FILE}:18: entry 'routine-outage': quotes: expected a list ('- ' before each item); found text"],
    ),
    "number where text is expected": (
        change("      term: The routine outage", "      term: 404"),
        [
            f"{FILE}:13: entry 'routine-outage': outage.term: expected text; found a number (put it in quotes to use it as text)"
        ],
    ),
    "mapping where text is expected": (
        change("    breaks_down: An outage has no intent.", "    breaks_down:\n      text: An outage has no intent."),
        [f"{FILE}:21: entry 'routine-outage': breaks_down: expected text; found a mapping"],
    ),
    "unknown field": (
        change("    related: [fast-and-safe]\n", "    related: [fast-and-safe]\n    colour: red\n"),
        [
            (
                f"{FILE}:24: entry 'routine-outage': colour: unknown field "
                "(expected one of: id, phase, outage, sexism, quotes, breaks_down, prompts, related)"
            )
        ],
    ),
    "misspelt field": (
        change("    prompts:\n      - What changes", "    prompt:\n      - What changes"),
        [
            f"{FILE}:10: entry 'routine-outage': prompts: missing required field",
            f"{FILE}:21: entry 'routine-outage': prompt: unknown field; did you mean 'prompts'?",
        ],
    ),
    "duplicate id": (
        change("  - id: fast-and-safe", "  - id: routine-outage").replace("related: [fast-and-safe]", "related: []"),
        [
            f"{FILE}:23: entry 'routine-outage': related: must not be an empty list",
            f"{FILE}:24: entry 'routine-outage': id: duplicate id (first used on line 10)",
        ],
    ),
    "id that is not a slug": (
        change("  - id: fast-and-safe", "  - id: Fast and safe").replace("[fast-and-safe]", "[Fast and safe]"),
        [
            (
                f"{FILE}:24: entry 'Fast and safe': id: 'Fast and safe' is not a slug: "
                "use lowercase letters, digits and single hyphens (e.g. 'routine-outage')"
            )
        ],
    ),
    "unknown phase": (
        change("    phase: respond", "    phase: recover"),
        [f"{FILE}:25: entry 'fast-and-safe': phase: unknown phase 'recover' (expected one of: prepare, respond)"],
    ),
    "quote not in the essay": (
        change('"We learn to expect it."', '"We learn to accept it."'),
        [
            f"{FILE}:19: entry 'routine-outage': quotes[0]: not found verbatim in the essay (closest: \"We learn to expect it.\")"
        ],
    ),
    "quote with straight apostrophes": (
        change('"We try anything that is both fast and safe."', '"It\'s inevitable."'),
        [
            (
                f"{FILE}:33: entry 'fast-and-safe': quotes[0]: not verbatim in the essay: it differs only in "
                'typography; copy the essay\'s characters ’ “ ” — (closest: "It’s inevitable.")'
            )
        ],
    ),
    "quote found in two paragraphs": (
        change('"We try anything that is both fast and safe."', '"It happens."'),
        [
            (
                f"{FILE}:33: entry 'fast-and-safe': quotes[0]: appears in more than one paragraph (p-05, p-06); "
                "quote more words so it points at one"
            )
        ],
    ),
    "reference to a missing entry": (
        change("related: [fast-and-safe]", "related: [fast-and-save]"),
        [
            f"{FILE}:23: entry 'routine-outage': related[0]: no entry has the id 'fast-and-save'; did you mean 'fast-and-safe'?"
        ],
    ),
    "reference to itself": (
        change("related: [fast-and-safe]", "related: [routine-outage]"),
        [f"{FILE}:23: entry 'routine-outage': related[0]: an entry cannot be related to itself"],
    ),
    "empty strings": (
        change("      term: Expected sexism", '      term: ""').replace(
            "      - What counts as safe when there is no time to check?", "      -"
        ),
        [
            f"{FILE}:16: entry 'routine-outage': sexism.term: must not be empty",
            f"{FILE}:36: entry 'fast-and-safe': prompts[0]: must not be empty",
        ],
    ),
    "empty file": ("", [f"{FILE}:1: the file is empty; expected version, phases and entries"]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_a_mistake_gets_an_exact_message(project: Project, text: str, expected: list[str]) -> None:
    assert errors(project, text) == expected


def test_every_problem_is_reported_in_one_run(project: Project) -> None:
    text = (
        change("    phase: prepare", "    phase: prep")
        .replace('"We learn to expect it."', '"We learn to accept it."')
        .replace("related: [fast-and-safe]", "related: [nowhere]")
        .replace("      term: Fast and safe", '      term: ""')
    )
    assert errors(project, text) == [
        f"{FILE}:11: entry 'routine-outage': phase: unknown phase 'prep' (expected one of: prepare, respond)",
        f"{FILE}:19: entry 'routine-outage': quotes[0]: not found verbatim in the essay (closest: \"We learn to expect it.\")",
        f"{FILE}:23: entry 'routine-outage': related[0]: no entry has the id 'nowhere'",
        f"{FILE}:27: entry 'fast-and-safe': outage.term: must not be empty",
    ]


def test_a_failed_build_leaves_the_previous_site_untouched(project: Project) -> None:
    project.site.mkdir()
    previous = project.site / "index.html"
    previous.write_text("the last good build", encoding="utf-8")
    project.mapping.write_text(change("    phase: respond", "    phase: recover"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert previous.read_text(encoding="utf-8") == "the last good build"
    assert sorted(p.name for p in project.site.iterdir()) == ["index.html"]


def test_an_essay_paragraph_without_its_anchor_fails_the_build(project: Project) -> None:
    essay = project.root / "docs" / "essay.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("{: #p-03 }\n", ""), encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  Cannot read the essay: docs/essay.md: paragraph 3 ('I started programming when I was twelve.'...) "
        "must end with the line '{: #p-03 }', found no anchor"
    ) in result.stderr
