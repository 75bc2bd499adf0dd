"""The practice scenarios: every mistake in docs/scenarios.yml gets an exact, placed message; the
scenarios page, the sheets and the runbook are built whole from it; presets run scenarios."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from agenda_spec import session_agenda

from checks.scenarios_load import load_scenarios, read_scenarios
from conftest import ROOT, Project, parse
from model.metaphor_model import Metaphor
from model.scenarios_model import Scenarios
from scenario_cases import CASES, FILE, SMALL, change
from sources.essay_source import Essay
from sources.yaml_source import InvalidData


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    """A folder that holds the data files' JSON Schemas, as docs/ does: the loaders read them beside the file."""
    for schema in ("metaphors.schema.json", "scenarios.schema.json"):
        shutil.copy(ROOT / "docs" / schema, tmp_path / schema)
    return tmp_path


def problems(tmp_path: Path, essay: Essay, model: Metaphor, text: str) -> list[str]:
    """Load ``text`` as the scenarios file against the real mapping; return every problem as printed."""
    path = tmp_path / "scenarios.yml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_scenarios(
            read_scenarios(path),
            path=path,
            essay=essay,
            entry_ids=[e.id for e in model.entries],
            phase_ids=[p.id for p in model.phases],
            topic_ids=[t.id for t in model.workshop.topics],
        )
    except InvalidData as exc:
        return [p.format(FILE) + (" [warning]" if p.warning else "") for p in exc.problems]
    return [p.format(FILE) + " [warning]" for p in loaded.warnings]


def test_the_small_scenarios_file_is_valid(tmp_path: Path, essay: Essay, model: Metaphor) -> None:
    assert problems(tmp_path, essay, model, SMALL) == []


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_a_mistake_gets_an_exact_message(
    tmp_path: Path, essay: Essay, model: Metaphor, text: str, expected: list[str]
) -> None:
    assert problems(tmp_path, essay, model, text) == expected


def test_the_real_scenarios_are_valid(site_data: object) -> None:
    scenarios: Scenarios = site_data.scenarios
    assert len(scenarios.scenarios) >= 8
    for scenario in scenarios.scenarios:
        parts = [
            scenario.setting_minutes,
            *(i.minutes for i in scenario.injects),
            scenario.weigh_minutes,
            scenario.debrief_minutes,
        ]
        assert scenario.minutes == sum(parts)
        assert scenario.setting and all(i.questions for i in scenario.injects)
        assert {i.phase for i in scenario.injects} <= {"detect", "respond", "learn"}


def test_a_broken_scenarios_file_fails_the_build_and_names_its_own_file(project: Project) -> None:
    scenarios = project.root / "docs" / "scenarios.yml"
    real = scenarios.read_text(encoding="utf-8")
    broken = real.replace("rehearses: [extra-review, fast-and-safe, invisible-patterns]", "rehearses: [extra-reveiw]")
    assert broken != real
    scenarios.write_text(broken, encoding="utf-8")
    lines = [line.split("-  ", 1)[1] for line in project.failed_build()]
    line = broken.splitlines().index("    rehearses: [extra-reveiw]") + 1
    assert lines == [
        f"metaphor: {FILE}:{line}: scenario 'design-review': rehearses[0]: no entry of docs/metaphors.yml has the id 'extra-reveiw'; did you mean 'extra-review'?",
        f"{FILE}: 1 problem found (listed above); the site was not built.",
    ]


def test_a_preset_that_runs_an_unknown_scenario_is_named_in_the_mapping(project: Project) -> None:
    mapping = project.mapping.read_text(encoding="utf-8")
    broken = mapping.replace("scenarios: [design-review]\n", "scenarios: [design-reveiw]\n", 1)
    assert broken != mapping
    project.mapping.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("      scenarios: [design-reveiw]") + 1
    assert [line.split("-  ", 1)[1] for line in project.failed_build()] == [
        f"metaphor: docs/metaphors.yml:{line}: preset 'short': scenarios[0]: no scenario of docs/scenarios.yml has "
        "the id 'design-reveiw'; did you mean 'design-review'?",
        "docs/metaphors.yml: 1 problem found (listed above); the site was not built.",
    ]


# ------------------------------------------------------------------------ the pages


def test_each_scenario_is_on_its_page_whole_without_javascript(built: Project, site_data: object) -> None:
    page = built.page("scenarios/")
    for scenario in site_data.scenarios.scenarios:
        article = page.select_one(f"article#{scenario.id}")
        assert article.select_one("h2").get_text() == scenario.title
        text = " ".join(article.get_text().split())
        assert scenario.setting in text
        injects = article.select("[data-inject]")
        assert [i.select_one(".mx-inject__text").get_text() for i in injects] == [i.text for i in scenario.injects]
        assert [int(i["data-minutes"]) for i in injects] == [i.minutes for i in scenario.injects]
        assert [r["data-option"] for r in article.select("tr[data-option]")] == [o.kind for o in scenario.options]
        assert [li.get_text() for li in article.select(".mx-scenario__debrief li")] == list(scenario.debrief)
        rehearsed = [a["href"].split("#")[1] for a in article.select(".mx-scenario__rehearses a")]
        assert rehearsed == list(scenario.rehearses)
        assert article.select_one('a[href*="sheets/?s="]')["href"].endswith(f"?s={scenario.id}")
    assert "this site's own writing" in page.select_one(".mx-scenarios__intro").get_text()


def test_pairings_link_to_the_scenarios_that_rehearse_them(built: Project, site_data: object) -> None:
    for url in ("glossary/", "explorer/"):
        found = built.page(url).select("article[data-entry-id]")
        articles = {article["data-entry-id"]: article for article in found}
        assert list(articles) == [entry.id for entry in site_data.metaphor.entries] and len(found) == len(articles)
        for entry in site_data.metaphor.entries:
            expected = [s.id for s in site_data.scenarios.rehearsing(entry.id)]
            links = articles[entry.id].select("[data-scenario-link]")
            assert [a["data-scenario-link"] for a in links] == expected


def test_the_sheets_put_each_later_part_on_a_page_of_its_own(built: Project, site_data: object) -> None:
    page = built.page("sheets/")
    for scenario in site_data.scenarios.scenarios:
        sheet = page.select_one(f'section.mx-sheet[data-scenario="{scenario.id}"]')
        parts = sheet.select(".mx-sheet__part")
        assert len(parts) == len(scenario.injects) + 1  # the first inject shares the setting's page; the debrief last
        assert scenario.injects[0].text in parts[0].get_text()
        for part, inject in zip(parts[1:-1], scenario.injects[1:], strict=True):
            assert inject.text in part.get_text()


def test_the_runbook_page_is_a_worksheet_without_javascript(built: Project, site_data: object) -> None:
    page = built.page("runbook/")
    runbook = site_data.scenarios.runbook
    sections = page.select("[data-runbook-section]")
    assert [s["data-runbook-section"] for s in sections] == [*(s.id for s in runbook.sections), "goal"]
    assert "never sent anywhere" in page.select_one(".mx-runbook__privacy").get_text()
    assert page.select_one("[data-runbook-tools]").has_attr("hidden")


def test_the_ready_sessions_practise_with_scenarios_as_the_guide_says(model: Metaphor) -> None:
    """The guide tells facilitators that the ready agendas, all but the shortest, run one or two scenarios."""
    guide = " ".join((ROOT / "docs" / "guide.md").read_text(encoding="utf-8").split())
    assert "The ready agendas below each use a few pairings and, in all but the shortest, one or two" in guide
    presets = model.workshop.presets
    shortest = min(preset.minutes for preset in presets)
    for preset in presets:
        allowed, wanted = ((0,), "none") if preset.minutes == shortest else ((1, 2), "one or two")
        assert len(preset.scenarios) in allowed, (
            f"preset '{preset.id}' of docs/metaphors.yml runs {len(preset.scenarios)} scenarios, and docs/guide.md "
            f"tells facilitators that it runs {wanted} ('in all but the shortest, one or two practice "
            "scenarios'): change its scenarios, or the guide"
        )
    for preset in presets:
        items = session_agenda(preset.entries, preset.scenarios, preset.buffer)
        assert sum(i.minutes for i in items) == preset.minutes
        assert [i.ref for i in items if i.kind == "scenario"] == list(preset.scenarios)


def test_a_script_in_a_scenario_is_shown_as_text(project: Project) -> None:
    scenarios = project.root / "docs" / "scenarios.yml"
    text = scenarios.read_text(encoding="utf-8")
    payload = "<script>window.__pwned = 1</script>"
    injected = text.replace('    title: "The design review"', f'    title: "The design review {payload}"')
    injected = injected.replace(
        'questions:\n          - "What would make the pattern visible',
        f'questions:\n          - "{payload} What would make the pattern visible',
    )
    assert injected.count(payload) == 2
    scenarios.write_text(injected, encoding="utf-8")
    project.built()
    for url in ("scenarios/", "sheets/", "deck/", "plan/"):
        page = parse(project.site / url / "index.html")
        assert not [script for script in page.find_all("script") if "__pwned" in script.get_text()], url
        assert payload in page.body.get_text(), url  # shown as text


def test_change_helper_guards_its_input() -> None:
    with pytest.raises(AssertionError):
        change("not in the file", "x")


def test_a_preset_never_runs_a_scenario_waiting_for_review_nor_ends_on_a_sensitive_one(
    tmp_path: Path, essay: Essay
) -> None:
    from checks.metaphor_load import load_metaphor
    from mapping_cases import SMALL as MAPPING
    from mapping_cases import TOPICS, at
    from mapping_cases import change as change_mapping
    from model.scenarios_model import ScenarioFacts

    text = change_mapping(
        "      entries: [routine-outage]\n",
        "      entries: [routine-outage]\n      scenarios: [the-review]\n",
        text=MAPPING.replace("workshop:\n  opening:", TOPICS, 1),
    )
    path = tmp_path / "metaphors.yml"
    path.write_text(text, encoding="utf-8")
    line = at(text, "      scenarios: [the-review]")
    for facts, expected in [
        (
            ScenarioFacts(minutes=12, pending=True, topics=()),
            f"{line}: preset 'short': scenarios[0]: the scenario 'the-review' waits for its review (review: "
            "status: pending in docs/scenarios.yml), and a preset may not run it until the review is done",
        ),
        (
            ScenarioFacts(minutes=12, pending=False, topics=("race",)),
            f"{line}: preset 'short': scenarios[0]: the session would end with the scenario 'the-review', which "
            "touches on race: nothing sensitive may be a preset's last item; put another scenario or pairing after it",
        ),
    ]:
        with pytest.raises(InvalidData) as failed:
            load_metaphor(path, essay, scenarios={"the-review": facts})
        assert expected in [p.format("").removeprefix(":") for p in failed.value.problems]
