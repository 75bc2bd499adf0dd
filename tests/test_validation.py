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
    minutes: 5
    notes: Ask pairs first, then the room.
  - id: respond
    title: Respond
    summary: While it is going wrong.
    minutes: 4
    notes: Whole room.
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
    minutes: 3
    notes: Start with the outage side.
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
    minutes: 4
    notes: Ask for examples from systems, not people.
workshop:
  opening:
    minutes: 5
    notes: Welcome; content note; opt-out.
  passages:
    minutes: 5
    notes: Read them aloud.
    quotes:
      - "Sexism is like a production outage."
  closing:
    minutes: 5
    notes: Thank everyone and credit the author.
  presets:
    - id: short
      title: Short session
      minutes: 23
      entries: [routine-outage]
    - id: both
      title: Both entries
      minutes: 31
      entries: [routine-outage, fast-and-safe]
"""


def at(text: str, snippet: str, nth: int = 1) -> int:
    """Return the 1-based line of the ``nth`` line of ``text`` that starts with ``snippet``."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith(snippet)]
    return lines[nth - 1]


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


# Line starts with a double quote, named because f-strings cannot hold them on Python 3.11.


# Line starts holding a double quote, named: f-strings cannot contain them on Python 3.11.
ACCEPT = '      - "We learn to accept'
IT_HAPPENS = '      - "It happens'
ITS = '      - "It'
OUTAGE_MISQUOTED = '      - "Sexism is like an'
EMPTY_TERM = '      term: ""'
WE_LEARN = '      - "We learn'

# Each case: the broken mapping, and the messages expected for it (lines found with `at`).
CASES = {
    "yaml syntax error": (
        t := change("    phase: respond\n", "    phase: [respond\n"),
        [
            f"{FILE}:{at(t, '    phase: [respond') + 1}: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'"
        ],
    ),
    "missing field": (
        t := change("    breaks_down: An outage has no intent.\n", ""),
        [f"{FILE}:{at(t, '  - id: routine-outage')}: entry 'routine-outage': breaks_down: missing required field"],
    ),
    "missing nested field": (
        t := change("      meaning: Try what is quick and cannot make things worse.\n", ""),
        [f"{FILE}:{at(t, '      term: Fast and safe')}: entry 'fast-and-safe': outage.meaning: missing required field"],
    ),
    "text where a list is expected": (
        t := change('    quotes:\n      - "We learn to expect it."', '    quotes: "We learn to expect it."'),
        [
            f"{FILE}:{at(t, '    quotes: ')}: entry 'routine-outage': quotes: expected a list ('- ' before each item); found text"
        ],
    ),
    "number where text is expected": (
        t := change("      term: The routine outage", "      term: 404"),
        [
            f"{FILE}:{at(t, '      term: 404')}: entry 'routine-outage': outage.term: expected text; found a number (put it in quotes to use it as text)"
        ],
    ),
    "mapping where text is expected": (
        t := change(
            "    breaks_down: An outage has no intent.", "    breaks_down:\n      text: An outage has no intent."
        ),
        [
            f"{FILE}:{at(t, '      text: An outage')}: entry 'routine-outage': breaks_down: expected text; found a mapping"
        ],
    ),
    "text where minutes are expected": (
        t := change("    minutes: 3\n", "    minutes: three\n"),
        [
            f"{FILE}:{at(t, '    minutes: three')}: entry 'routine-outage': minutes: expected a whole number of minutes; found text"
        ],
    ),
    "minutes out of range": (
        t := change("    minutes: 4\n    notes: Whole", "    minutes: 0\n    notes: Whole"),
        [f"{FILE}:{at(t, '    minutes: 0')}: phases[1].minutes: 0 is out of range: use 1 to 60 minutes"],
    ),
    "unknown field": (
        t := change("    related: [fast-and-safe]\n", "    related: [fast-and-safe]\n    colour: red\n"),
        [
            (
                f"{FILE}:{at(t, '    colour')}: entry 'routine-outage': colour: unknown field "
                "(expected one of: id, phase, outage, sexism, quotes, breaks_down, prompts, minutes, notes, related)"
            )
        ],
    ),
    "misspelt field": (
        t := change("    prompts:\n      - What changes", "    prompt:\n      - What changes"),
        [
            f"{FILE}:{at(t, '  - id: routine-outage')}: entry 'routine-outage': prompts: missing required field",
            f"{FILE}:{at(t, '    prompt:')}: entry 'routine-outage': prompt: unknown field; did you mean 'prompts'?",
        ],
    ),
    "duplicate id": (
        t := change("  - id: fast-and-safe", "  - id: routine-outage").replace("[fast-and-safe]", "[]"),
        [
            f"{FILE}:{at(t, '    related: []')}: entry 'routine-outage': related: must not be an empty list",
            f"{FILE}:{at(t, '  - id: routine-outage', 2)}: entry 'routine-outage': id: duplicate id (first used on line {at(t, '  - id: routine-outage')})",
            f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: workshop.presets[1].entries: no entry has the id 'fast-and-safe'",
        ],
    ),
    "id that is not a slug": (
        t := change("  - id: fast-and-safe", "  - id: Fast and safe").replace("[fast-and-safe]", "[Fast and safe]"),
        [
            (
                f"{FILE}:{at(t, '  - id: Fast')}: entry 'Fast and safe': id: 'Fast and safe' is not a slug: "
                "use lowercase letters, digits and single hyphens (e.g. 'routine-outage')"
            ),
            (
                f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: workshop.presets[1].entries: "
                "no entry has the id 'fast-and-safe'; did you mean 'Fast and safe'?"
            ),
        ],
    ),
    "unknown phase": (
        t := change("    phase: respond", "    phase: recover"),
        [
            f"{FILE}:{at(t, '    phase: recover')}: entry 'fast-and-safe': phase: unknown phase 'recover' (expected one of: prepare, respond)"
        ],
    ),
    "quote not in the essay": (
        t := change('"We learn to expect it."', '"We learn to accept it."'),
        [
            f"{FILE}:{at(t, ACCEPT)}: entry 'routine-outage': quotes[0]: not found verbatim in the essay (closest: \"We learn to expect it.\")"
        ],
    ),
    "quote with straight apostrophes": (
        t := change('"We try anything that is both fast and safe."', '"It\'s inevitable."'),
        [
            (
                f"{FILE}:{at(t, ITS)}: entry 'fast-and-safe': quotes[0]: not verbatim in the essay: it differs only in "
                'typography; copy the essay\'s characters ’ “ ” — (closest: "It’s inevitable.")'
            )
        ],
    ),
    "quote found in two paragraphs": (
        t := change('"We try anything that is both fast and safe."', '"It happens."'),
        [
            (
                f"{FILE}:{at(t, IT_HAPPENS)}: entry 'fast-and-safe': quotes[0]: appears in more than one paragraph (p-05, p-06); "
                "quote more words so it points at one"
            )
        ],
    ),
    "key passage not in the essay": (
        t := change('"Sexism is like a production outage."', '"Sexism is like an outage."'),
        [
            f'{FILE}:{at(t, OUTAGE_MISQUOTED)}: workshop.passages.quotes[0]: not found verbatim in the essay (closest: "Sexism is like a production outage.")'
        ],
    ),
    "reference to a missing entry": (
        t := change("related: [fast-and-safe]", "related: [fast-and-save]"),
        [
            f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[0]: no entry has the id 'fast-and-save'; did you mean 'fast-and-safe'?"
        ],
    ),
    "reference to itself": (
        t := change("related: [fast-and-safe]", "related: [routine-outage]"),
        [f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[0]: an entry cannot be related to itself"],
    ),
    "preset that does not add up": (
        t := change("      minutes: 23\n", "      minutes: 45\n"),
        [
            (
                f"{FILE}:{at(t, '    - id: short')}: workshop.presets[0]: the agenda for its entries adds up to 23 minutes, "
                "not 45: change its entries or the minutes of its blocks"
            )
        ],
    ),
    "preset with an unknown entry": (
        t := change("entries: [routine-outage]", "entries: [routine]"),
        [
            f"{FILE}:{at(t, '      entries: [routine]')}: workshop.presets[0].entries: no entry has the id 'routine'; did you mean 'routine-outage'?"
        ],
    ),
    "empty strings": (
        t := change("      term: Expected sexism", '      term: ""').replace(
            "      - What counts as safe when there is no time to check?", "      -"
        ),
        [
            f"{FILE}:{at(t, EMPTY_TERM)}: entry 'routine-outage': sexism.term: must not be empty",
            f"{FILE}:{t.splitlines().index('      -') + 1}: entry 'fast-and-safe': prompts[0]: must not be empty",
        ],
    ),
    "empty file": ("", [f"{FILE}:1: the file is empty; expected version, phases, workshop and entries"]),
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
        f"{FILE}:{at(text, '    phase: prep')}: entry 'routine-outage': phase: unknown phase 'prep' (expected one of: prepare, respond)",
        f"{FILE}:{at(text, WE_LEARN)}: entry 'routine-outage': quotes[0]: not found verbatim in the essay (closest: \"We learn to expect it.\")",
        f"{FILE}:{at(text, '    related:')}: entry 'routine-outage': related[0]: no entry has the id 'nowhere'",
        f"{FILE}:{at(text, EMPTY_TERM)}: entry 'fast-and-safe': outage.term: must not be empty",
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
