"""Every mistake in docs/metaphors.yml gets an exact, placed message, and all of them come at once.

Most cases call the loader directly (fast); a few full builds check what a contributor sees from
`mkdocs build --strict`: the listed errors, no traceback, and nothing written to the site folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from checks.data_checks import LIMIT, SUGGESTIONS
from checks.metaphor_load import load_metaphor
from conftest import ROOT, Project, load_yaml
from mapping_cases import CASES, EMPTY_TERM, FILE, SMALL, WE_LEARN, add_quote, at, change, entry_block
from sources.essay_source import Essay
from sources.yaml_source import SHOWN, InvalidData


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    """A folder that holds the data files' JSON Schemas, as docs/ does: the loaders read them beside the file."""
    for schema in ("metaphors.schema.json", "scenarios.schema.json"):
        shutil.copy(ROOT / "docs" / schema, tmp_path / schema)
    return tmp_path


def problems(tmp_path: Path, essay: Essay, text: str) -> list[str]:
    """Load ``text`` as the mapping; return every problem (errors and warnings) as printed."""
    path = tmp_path / "metaphors.yml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_metaphor(path, essay)
    except InvalidData as exc:
        return [p.format(FILE) + (" [warning]" if p.warning else "") for p in exc.problems]
    return [p.format(FILE) + " [warning]" for p in loaded.warnings]


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_a_mistake_gets_an_exact_message(tmp_path: Path, essay: Essay, text: str, expected: list[str]) -> None:
    assert problems(tmp_path, essay, text) == expected


def test_the_small_mapping_is_valid_and_warns_of_nothing(tmp_path: Path, essay: Essay) -> None:
    assert problems(tmp_path, essay, SMALL) == []


def test_every_problem_is_reported_in_one_run(tmp_path: Path, essay: Essay) -> None:
    text = (
        change("    phase: respond", "    phase: respnd")
        .replace('"We learn to expect it."', '"We learn to accept it."')
        .replace("related: [fast-and-safe]", "related: [nowhere]")
        .replace("      term: Fast and safe", '      term: ""')
        .replace("      minutes: 23\n", "      minutes: 22\n")
    )
    assert problems(tmp_path, essay, text) == [
        f'{FILE}:{at(text, WE_LEARN)}: entry \'routine-outage\': quotes[0]: not found verbatim in the essay (closest: "We learn to expect it."; the essay has "expect" where the quote has "accept")',
        f"{FILE}:{at(text, '    related:')}: entry 'routine-outage': related[0]: no entry has the id 'nowhere'",
        f"{FILE}:{at(text, '    phase: respnd')}: entry 'fast-and-safe': phase: unknown phase 'respnd' (expected one of: prepare, respond)",
        f"{FILE}:{at(text, EMPTY_TERM)}: entry 'fast-and-safe': outage.term: must not be empty",
        f"{FILE}:{at(text, '    - id: short')}: preset 'short': its agenda adds up to 23 minutes, not 22 (opening 5, passages 5, routine-outage 3, prepare discussion 5, closing 5): change its entries, scenarios or buffer, or the minutes of a block",
    ]


def test_minutes_with_a_leading_zero_are_read_as_people_mean_them(tmp_path: Path, essay: Essay) -> None:
    path = tmp_path / "metaphors.yml"
    path.write_text(change("    minutes: 3\n", "    minutes: 03\n").replace("    minutes: 4\n", "    minutes: 04\n"))
    assert [e.minutes for e in load_metaphor(path, essay).model.entries] == [3, 4]
    path.write_text(change("    minutes: 3\n", "    minutes: 09\n"))
    with pytest.raises(InvalidData) as failed:
        load_metaphor(path, essay)
    assert [p.message for p in failed.value.problems] == [
        "its agenda adds up to 29 minutes, not 23 (opening 5, passages 5, routine-outage 9, prepare discussion 5, "
        "closing 5): change its entries, scenarios or buffer, or the minutes of a block",
        "its agenda adds up to 37 minutes, not 31 (opening 5, passages 5, routine-outage 9, prepare discussion 5, "
        "fast-and-safe 4, respond discussion 4, closing 5): change its entries, scenarios or buffer, or the minutes "
        "of a block",
    ]


def test_a_file_broken_everywhere_is_answered_with_a_bounded_report(tmp_path: Path, essay: Essay) -> None:
    """10,000 entries whose references are all broken: every one is found, the first SHOWN are listed in full
    and the checker says how many more there are.

    The speed goal itself (under 5 s) is measured by scripts/benchmark.py, not here; this bound only
    catches a return of quadratic work, which took minutes at this size.
    """
    entry = SMALL[SMALL.index("  - id: fast-and-safe") : SMALL.index("workshop:")]
    entries = "".join(
        entry.replace("id: fast-and-safe", f"id: entry-{n}").replace(
            "    minutes: 4\n", f"    related: [entry-{n}x]\n    minutes: 4\n"
        )
        for n in range(10_000)
    )
    (tmp_path / "metaphors.yml").write_text(SMALL.replace("workshop:", entries + "workshop:", 1), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InvalidData) as failed:
        load_metaphor(tmp_path / "metaphors.yml", essay)
    elapsed = time.perf_counter() - started
    broken = [p for p in failed.value.problems if "no entry has the id 'entry-" in p.message]
    assert len(broken) == 10_000
    assert len(failed.value.shown) == SHOWN
    assert (
        failed.value.more
        == f"… and {len(failed.value.problems) - SHOWN:,} more problems, not listed: fix these and check again"
    )
    assert str(failed.value).startswith("the file: 10,000 problems and ") and str(failed.value).endswith(" found")
    # No suggestion from a list of names longer than any real file; the shape of the message stays.
    assert broken[0].message == "no entry has the id 'entry-0x'"
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_long_values_are_answered_quickly_with_one_problem_each(tmp_path: Path, essay: Essay) -> None:
    """Twenty quotes of 21,000 characters each and a note with 20,000 made-up quotations: each value is one
    problem, said without comparing it with every sentence of the essay (that comparison took 29 s)."""
    long_quote = "We try anything " + "quick " * 3_500
    text = SMALL.replace(
        '      - "We try anything that is both fast and safe."\n',
        "".join(f'      - "{long_quote}{n}"\n' for n in range(20)),
    ).replace("    notes: Ask for examples from systems, not people.\n", f"    notes: {'“made up” ' * 20_000}\n")
    (tmp_path / "metaphors.yml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InvalidData) as failed:
        load_metaphor(tmp_path / "metaphors.yml", essay)
    elapsed = time.perf_counter() - started
    longest = max(len(p.text) for p in essay.paragraphs)
    quotes = [p for p in failed.value.problems if p.field and p.field.startswith("quotes[")]
    assert len(quotes) == 20
    assert quotes[0].message == (
        f"not found verbatim in the essay: it has {len(long_quote) + 1:,} characters, and the essay's longest "
        f"paragraph {longest:,}; quote a passage of one paragraph"
    )
    notes = [p for p in failed.value.problems if p.field == "notes"]
    assert [p.message for p in notes] == [
        "“made up” is in quotation marks but is not the essay's words (and 19,999 more quotations in this field): "
        "quote her exactly (with her typographic characters), or say it in the site's words without quotation marks"
    ]
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_a_file_broken_in_shape_everywhere_stops_at_the_error_limit(tmp_path: Path, essay: Essay) -> None:
    """As compilers stop at an error limit: after LIMIT errors of shape the checks stop, and the report says so."""
    entry = SMALL[SMALL.index("  - id: fast-and-safe") : SMALL.index("workshop:")]
    assert "    origin: site\n" in entry
    entries = "".join(
        entry.replace("id: fast-and-safe", f"id: entry-{n}").replace("    origin: site\n", "    origin: both\n")
        for n in range(LIMIT + 100)
    )
    (tmp_path / "metaphors.yml").write_text(SMALL.replace("workshop:", entries + "workshop:", 1), encoding="utf-8")
    with pytest.raises(InvalidData) as failed:
        load_metaphor(tmp_path / "metaphors.yml", essay)
    assert len(failed.value.problems) == LIMIT
    assert {p.message for p in failed.value.problems} == {"'both' is not one of the allowed values: essay, site"}
    assert failed.value.more == (
        f"… and {LIMIT - SHOWN:,} more problems, not listed (the checks stopped there: the file has more): "
        "fix these and check again"
    )


def test_a_broken_reference_in_a_file_of_realistic_size_gets_a_suggestion(tmp_path: Path, essay: Essay) -> None:
    path = tmp_path / "metaphors.yml"
    path.write_text(change("related: [fast-and-safe]", "related: [fast-and-saf]"), encoding="utf-8")
    with pytest.raises(InvalidData) as failed:
        load_metaphor(path, essay)
    assert [p.message for p in failed.value.errors] == [
        "no entry has the id 'fast-and-saf'; did you mean 'fast-and-safe'?"
    ]


# ------------------------------------------------------------------------------ full builds


def build_errors(project: Project, text: str) -> list[str]:
    """Build with ``text`` as the mapping; return the error lines (the build must fail cleanly)."""
    project.use_mapping(text)
    lines = project.failed_build()
    assert not project.site.exists() or not any(project.site.iterdir())
    return [line.split("-  ", 1)[1] for line in lines]


def test_the_small_mapping_builds(project: Project) -> None:
    project.use_mapping(SMALL)
    project.built()
    assert [r["data-entry-id"] for r in project.page("glossary/").select("article[data-entry-id]")] == [
        "routine-outage",
        "fast-and-safe",
    ]


def test_a_broken_mapping_fails_the_build_with_every_problem_listed(project: Project) -> None:
    text, expected = CASES["misspelt field"]
    assert build_errors(project, text) == [
        *(f"metaphor: {line}" for line in expected),
        f"{FILE}: 2 problems found (listed above); the site was not built.",
    ]


def test_a_warning_fails_a_strict_build_before_anything_is_written(project: Project) -> None:
    text, expected = CASES["a paragraph no entry quotes (warning)"]
    assert build_errors(project, text) == [
        f"metaphor: {expected[0].removesuffix(' [warning]')}",
        f"{FILE}: 1 warning (listed above) in strict mode; the site was not built.",
    ]


def test_a_failed_build_leaves_the_previous_site_untouched(project: Project) -> None:
    project.site.mkdir()
    previous = project.site / "index.html"
    previous.write_text("the last good build", encoding="utf-8")
    project.use_mapping(change("    phase: respond", "    phase: recover"))
    result = project.build()
    assert result.returncode == 1
    assert previous.read_text(encoding="utf-8") == "the last good build"
    assert sorted(p.name for p in project.site.iterdir()) == ["index.html"]


def test_an_essay_paragraph_without_its_anchor_fails_the_build(project: Project) -> None:
    essay = project.root / "docs" / "essay.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("{: #p-03 }\n", ""), encoding="utf-8")
    assert project.failed_build() == [
        "ERROR   -  Cannot read the essay: docs/essay.md: paragraph 3 ('I started programming when I was twelve.'...) "
        "must end with the line '{: #p-03 }', found no anchor"
    ]


# ------------------------------------------------------- what a change to the real files is told


def site_problems(project: Project) -> list[str]:
    """Load and check the copy's sources as the build does (git included), in this process; return every
    problem and warning as printed."""
    from mkdocs.config import load_config

    from checks.site_data import load_site

    try:
        site = load_site(load_config(str(project.root / "mkdocs.yml")))
    except InvalidData as exc:
        return [p.format() + (" [warning]" if p.warning else "") for p in exc.problems]
    return [p.format() + " [warning]" for p in site.warnings]


def test_an_entry_placed_in_another_phases_group_is_named_with_where_it_sits(project: Project, mapping: dict) -> None:
    """The contributor's slip from the review: `phase: learn` on an entry pasted inside the detect group."""
    text = project.mapping.read_text(encoding="utf-8")
    learn = next(e["id"] for e in mapping["entries"] if e["phase"] == "learn")
    detect = [e["id"] for e in mapping["entries"] if e["phase"] == "detect"]
    start, end = entry_block(text, learn)
    moved, text = text[start:end], text[:start] + text[end:]
    _, after = entry_block(text, detect[0])
    project.mapping.write_text(text[:after] + moved + text[after:], encoding="utf-8")
    moved_text = project.mapping.read_text(encoding="utf-8")
    line = at(moved_text, f"  - id: {learn}") + 1
    last = at(moved_text, f"  - id: {[e['id'] for e in mapping['entries'] if e['phase'] == 'learn'][-1]}")
    assert site_problems(project) == [
        f"docs/metaphors.yml:{line}: entry '{learn}': phase: it is in phase 'learn' but sits among the 'detect' "
        f"entries: move the entry to the other 'learn' entries (the last of them starts on line {last}), or correct "
        "its phase (the file lists its entries phase by phase, in the order of the phases, as the pages show them) "
        "[warning]"
    ]


def test_a_sentence_quoted_a_third_time_is_reported_under_the_entry_that_quoted_it_last(
    project: Project, mapping: dict, essay: Essay, site_data: object
) -> None:
    """Git says which quote came last: the newest (not yet committed) is told, naming the two before it,
    wherever it sits in the file."""
    quoted = {q.text for e in site_data.metaphor.entries for q in e.quotes}
    sentence = next(  # a whole sentence of the essay that no entry quotes yet, in one paragraph only
        s
        for p in essay.paragraphs
        for _, s in p.sentences
        if len(s.split()) > 6
        and '"' not in s
        and len(essay.paragraphs_containing(s)) == 1
        and not any(s in q or q in s for q in quoted)
    )
    first, *_, before_last, last = [e["id"] for e in mapping["entries"]]
    text = add_quote(add_quote(project.mapping.read_text(encoding="utf-8"), before_last, sentence), last, sentence)
    project.mapping.write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    subprocess.run([*git, "add", "docs"], cwd=project.root, check=True)
    subprocess.run([*git, "commit", "-qm", "two entries quote it"], cwd=project.root, check=True)
    text = add_quote(text, first, sentence)  # the third, at the top of the file, not yet committed
    project.mapping.write_text(text, encoding="utf-8")
    [problem] = site_problems(project)
    line = at(text, '      - "' + sentence)
    assert problem.startswith(f"docs/metaphors.yml:{line}: entry '{first}': quotes[0]: ")
    assert f"is already quoted by '{before_last}' and '{last}', and at most 2 entries may quote one sentence" in problem


def test_a_change_to_a_scenarios_step_reports_the_presets_it_unbalances_in_the_same_run(project: Project) -> None:
    text = project.scenarios.read_text(encoding="utf-8")
    start = text.index("  - id: design-review\n")
    step = text.index("    debrief_minutes: 5\n", start)
    project.scenarios.write_text(text[:step] + "    debrief_minutes: 8\n" + text[step + 23 :], encoding="utf-8")
    found = site_problems(project)
    assert [line.split(": ", 2)[1] for line in found] == ["preset 'short'", "preset 'long'", "scenario 'design-review'"]
    assert all("scenario design-review 25" in line for line in found[:2]), found
    assert "add up to 25 minutes, not 22" in found[2]


def test_a_reference_into_a_file_with_problems_is_still_checked_with_a_suggestion(project: Project) -> None:
    """A typo in a scenario's `rehearses` is told in the same run as a problem of the mapping's own."""
    mapping = project.mapping.read_text(encoding="utf-8")
    project.mapping.write_text(mapping.replace("    minutes: 3\n", "    minutes: 99\n", 1), encoding="utf-8")
    text = project.scenarios.read_text(encoding="utf-8")
    reference = re.search(r"rehearses: \[([a-z-]+)", text)
    typo = reference.group(1)[:-1] + "x"
    project.scenarios.write_text(text.replace(reference.group(0), f"rehearses: [{typo}", 1), encoding="utf-8")
    found = site_problems(project)
    assert [line.split(": ", 1)[0].split(":")[0] for line in found] == ["docs/metaphors.yml", "docs/scenarios.yml"]
    assert found[1].endswith(
        f"no entry of docs/metaphors.yml has the id '{typo}'; did you mean '{reference.group(1)}'?"
    )


def test_a_misquote_below_every_correct_quote_of_the_real_file_still_gets_the_closest_passage(
    tmp_path: Path, essay: Essay
) -> None:
    """A run's costly look-ups are spent on mistakes: the real file's correct quotes above a misquote in its
    last entry, more than a run's look-ups, leave it its closest passage (they once used up all of them)."""
    real = (ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8")
    entries = load_yaml(real)["entries"]
    assert sum(len(entry["quotes"]) for entry in entries) > SUGGESTIONS
    last, field = entries[-1], f"quotes[{len(entries[-1]['quotes']) - 1}]"
    quote = last["quotes"][-1]
    if isinstance(quote, dict):  # her words on outages: `- outage: "..."`
        [(side, quote)] = quote.items()
        field += f".{side}"
    words = quote.split(" ")
    where = real.rindex(quote)
    text = real[:where] + " ".join([*words[:-2], "quite", *words[-2:]]) + real[where + len(quote) :]
    [found] = problems(tmp_path, essay, text)
    start = f"{FILE}:{text[:where].count(chr(10)) + 1}: entry '{last['id']}': {field}: "
    hint = r'not found verbatim in the essay \(closest: "(.+?)"; the quote adds "quite"\)'
    closest = re.fullmatch(re.escape(start) + hint, found)
    assert closest, found
    assert quote in closest.group(1) or closest.group(1) in quote  # its sentence, or the passage itself
