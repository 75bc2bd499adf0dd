"""Practice scenarios run like incident drills (scenarios/) and their printable sheets (sheets/), in
headless Chromium: the page read whole without JavaScript; with it, the random draw without repeats,
the drill's injects revealed one at a time by click and by keyboard, each with its countdown; the
sheets printed on A4 and Letter with each part on a page of its own."""

from __future__ import annotations

import re

import pytest

import pdfs
from conftest import (
    STICKING_OUT,
    Visit,
    save_screenshot,
    switch_scheme,
    violations,
)
from pdfs import printed


def ready(page: object, module: str) -> None:
    page.wait_for_function(f"() => performance.getEntriesByName('{module}:ready').length > 0")


@pytest.fixture
def scenarios_page(visit: Visit, server: str) -> Visit:
    visit.page.goto(server + "scenarios/")
    ready(visit.page, "mx-scenarios")
    return visit


def article(page: object, scenario_id: str) -> object:
    return page.locator(f"article[data-scenario={scenario_id}]")


def visible_injects(page: object, scenario_id: str) -> list[int]:
    return [
        int(n)
        for n in article(page, scenario_id)
        .locator("[data-inject]:visible")
        .evaluate_all("xs => xs.map(x => x.dataset.inject)")
    ]


# ---------------------------------------------------------------- when JavaScript is unavailable


def test_without_javascript_every_scenario_reads_whole_and_no_control_shows(
    open_browser: object, server: str, site_data: object
) -> None:
    plain = open_browser(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    plain.page.goto(server + "scenarios/")
    for scenario in site_data.scenarios.scenarios:
        assert visible_injects(plain.page, scenario.id) == list(range(1, len(scenario.injects) + 1))
        box = article(plain.page, scenario.id)
        assert box.locator("section[data-drill-step]:visible").count() == 2  # the responses, the debrief
        assert box.locator("[data-drill-controls]").is_hidden()
        assert box.get_by_role("button").count() == 0
    assert plain.page.locator("[data-scenarios-draw-controls]").is_hidden()


def test_without_javascript_every_sheet_prints_one_part_a_page(
    open_browser: object, server: str, site_data: object
) -> None:
    plain = open_browser(java_script_enabled=False)
    plain.page.goto(server + "sheets/?s=design-review")  # the choice needs the script: every sheet prints
    assert_parts_one_a_page(pdf_texts(plain, "A4"), site_data.scenarios.scenarios)


# ---------------------------------------------------------------- the draw


def test_the_draw_never_repeats_until_every_scenario_is_drawn(scenarios_page: Visit, site_data: object) -> None:
    page = scenarios_page.page
    every = [s.id for s in site_data.scenarios.scenarios if not s.pending]  # one waiting for review is never drawn
    count = page.locator("[data-scenarios-count]")
    assert count.get_attribute("role") == "status"
    drawn = []
    for number in range(1, len(every) + 1):
        page.get_by_role("button", name="Draw a scenario").click()
        scenario = page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn")
        drawn.append(scenario)
        title = site_data.scenarios.scenario(scenario).title
        assert count.text_content() == f"Drawn: {title} ({number} of {len(every)})."
        heading = article(page, scenario).locator("h2")
        assert page.evaluate("document.activeElement.id") == heading.get_attribute("id")  # focus went there
        top = heading.evaluate("h => h.getBoundingClientRect().top")
        header = page.locator("header").first.evaluate("h => h.getBoundingClientRect().bottom")
        assert header <= top < page.viewport_size["height"] / 2  # scrolled to, below the sticky header
    assert sorted(drawn) == sorted(every)  # each once
    page.get_by_role("button", name="Draw a scenario").click()  # all drawn: it starts over
    assert count.text_content().endswith(f"(1 of {len(every)}).")


# ---------------------------------------------------------------- the drill


def test_a_drill_reveals_the_injects_one_at_a_time_then_the_responses_then_the_debrief(
    scenarios_page: Visit, site_data: object
) -> None:
    page = scenarios_page.page
    scenario = site_data.scenarios.scenarios[1]
    box = article(page, scenario.id)
    status = box.locator("[data-drill-status]")
    assert status.get_attribute("role") == "status"
    box.get_by_role("button", name="Run as a drill").click()
    assert box.get_by_role("button", name="Run as a drill").is_hidden()
    # The setting first, with its own minutes to read it aloud.
    assert visible_injects(page, scenario.id) == [] and box.locator(".mx-scenario__setting").is_visible()
    assert status.text_content() == f"The setting revealed; the timer runs for {scenario.setting_minutes} minutes."
    assert box.locator("[data-drill-timer]").text_content() == f"{scenario.setting_minutes}:00 left"
    for number, inject in enumerate(scenario.injects, start=1):
        box.get_by_role("button", name="Reveal what happens next").click()
        assert visible_injects(page, scenario.id) == list(range(1, number + 1))  # the earlier ones stay to read
        assert box.locator("section[data-drill-step]:visible").count() == 0
        assert status.text_content().endswith(f"revealed; the timer runs for {inject.minutes} minutes.")
        assert box.locator("[data-drill-timer]").text_content() == f"{inject.minutes}:00 left"
    responses, debrief = box.locator("section[data-drill-step]").first, box.locator("section[data-drill-step]").last
    for name, shown, minutes in [
        ("Reveal the responses to weigh", responses, scenario.weigh_minutes),
        ("Reveal the debrief", debrief, scenario.debrief_minutes),
    ]:
        reveal = box.get_by_role("button", name=name)
        assert reveal.evaluate("b => b === document.activeElement")  # focus stayed on the button
        reveal.click()
        assert shown.is_visible() and box.locator("section[data-drill-step]:visible").count() == 1 + (shown == debrief)
        assert box.locator("[data-drill-timer]").text_content() == f"{minutes}:00 left"  # each has its own minutes
        assert status.text_content().endswith(f"revealed; the timer runs for {minutes} minutes.")
    assert box.get_by_role("button", name="Reveal the debrief").is_hidden()  # nothing more to reveal
    heading = debrief.locator("h3")
    assert heading.evaluate("h => h === document.activeElement")  # focus moved to what appeared last
    box.get_by_role("button", name="Show the whole scenario").click()
    assert visible_injects(page, scenario.id) == list(range(1, len(scenario.injects) + 1))
    assert box.get_by_role("button", name="Run as a drill").evaluate("b => b === document.activeElement")
    assert status.text_content() == f"The whole of {scenario.title} is shown."
    # The other scenarios were never touched.
    other = site_data.scenarios.scenarios[0]
    assert visible_injects(page, other.id) == list(range(1, len(other.injects) + 1))


def test_a_drill_runs_by_keyboard_alone(scenarios_page: Visit, site_data: object) -> None:
    page = scenarios_page.page
    scenario = site_data.scenarios.scenarios[0]
    box = article(page, scenario.id)
    page.get_by_role("button", name="Draw a scenario").focus()
    for _ in range(40):  # Tab through the page to this scenario's drill button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-drill-start')"):
            break
    assert page.evaluate("document.activeElement.closest('article').dataset.scenario") == scenario.id
    page.keyboard.press("Enter")
    assert visible_injects(page, scenario.id) == []  # the setting's minute first
    for number in range(1, len(scenario.injects) + 1):
        page.keyboard.press("Space")  # focus is on "Reveal what happens next"
        assert visible_injects(page, scenario.id) == list(range(1, number + 1))
    page.keyboard.press("Space")  # the responses to weigh
    page.keyboard.press("Enter")  # the debrief
    assert box.locator("section[data-drill-step]:visible").count() == 2
    for _ in range(10):  # from the debrief's heading back up, past the injects' notes, to the controls
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Show the whole scenario":
            break
    assert page.evaluate("document.activeElement.closest('article').dataset.scenario") == scenario.id
    page.keyboard.press("Enter")
    assert visible_injects(page, scenario.id) == list(range(1, len(scenario.injects) + 1))


def test_each_step_has_a_countdown_that_says_when_time_is_up(visit: Visit, server: str, site_data: object) -> None:
    page = visit.page
    page.clock.install()  # fake timers: the test moves time on, and reads the page directly
    page.goto(server + "scenarios/")
    assert page.locator("[data-module=mx-scenarios]").get_attribute("data-started") == "true"
    scenario = site_data.scenarios.scenarios[0]
    box = article(page, scenario.id)
    timer = box.locator("[data-drill-timer]")
    controls = box.locator("[data-drill-controls]")
    assert timer.get_attribute("role") == "timer" and timer.get_attribute("aria-live") == "off"
    box.get_by_role("button", name="Run as a drill").click()
    assert timer.text_content() == f"{scenario.setting_minutes}:00 left"  # the setting's reading minute
    assert controls.evaluate("c => getComputedStyle(c).position") == "sticky"  # in view while the drill runs
    page.clock.run_for(scenario.setting_minutes * 60_000)
    box.get_by_role("button", name="Reveal what happens next").click()
    first = scenario.injects[0].minutes
    assert timer.text_content() == f"{first}:00 left"
    page.clock.run_for(61_000)
    assert timer.text_content() == f"{first - 2}:59 left"
    status = box.locator("[data-drill-status]")
    frame = "c => [getComputedStyle(c).borderBottomStyle, getComputedStyle(c).borderBottomWidth]"
    assert controls.evaluate(frame) == ["solid", "1px"]
    page.clock.run_for((first * 60 - 61) * 1000)
    assert timer.text_content() == "Time is up" and timer.get_attribute("data-state") == "up"
    assert status.text_content() == f"Time is up for step 2 of {scenario.title}."
    # Noticeable without colour or sound: the words, and the controls' frame changes its form.
    assert controls.evaluate(frame) == ["double", "6px"]
    page.clock.run_for(120_000)  # it stays up, and says so once
    assert timer.text_content() == "Time is up"
    box.get_by_role("button", name="Reveal what happens next").click()  # the next inject starts its own
    assert timer.text_content() == f"{scenario.injects[1].minutes}:00 left"
    assert timer.get_attribute("data-state") == "running" and controls.evaluate(frame) == ["solid", "1px"]
    page.clock.run_for(30_000)
    assert timer.text_content() == f"{scenario.injects[1].minutes - 1}:30 left"
    # The debrief is timed too, and says when its time is up.
    for name in ["Reveal what happens next"] * (len(scenario.injects) - 2) + ["Reveal the responses to weigh"]:
        box.get_by_role("button", name=name).click()
    box.get_by_role("button", name="Reveal the debrief").click()
    assert timer.text_content() == f"{scenario.debrief_minutes}:00 left"
    page.clock.run_for(scenario.debrief_minutes * 60_000)
    assert timer.text_content() == "Time is up" and controls.evaluate(frame) == ["double", "6px"]
    steps = 1 + len(scenario.injects) + 2
    assert status.text_content() == f"Time is up for step {steps} of {scenario.title}."
    box.get_by_role("button", name="Show the whole scenario").click()
    box.get_by_role("button", name="Run as a drill").click()  # again: then stopped before its time is up
    box.get_by_role("button", name="Show the whole scenario").click()
    assert controls.evaluate("c => getComputedStyle(c).position") != "sticky"
    page.clock.run_for(scenario.setting_minutes * 60_000)
    assert not status.text_content().startswith("Time is up")  # the stopped drill's timer is gone


# ---------------------------------------------------------------- the sheets


def pdf_texts(visit: Visit, paper: str) -> list[str]:
    """Each printed page's text, ligatures undone and white space folded."""
    margins = {side: "10mm" for side in ("top", "bottom", "left", "right")}
    return [fold(p.text) for p in printed(visit.page, format=paper, margin=margins)]


def fold(text: str) -> str:
    """Text as a PDF's extraction gives it: ligatures undone, white space folded, no break after a hyphen."""
    return re.sub(r"-\s+", "-", pdfs.fold(text))


def assert_parts_one_a_page(texts: list[str], scenarios: list) -> None:
    """Each scenario's parts in order, each whole on a page of its own: the setting and the first inject,
    each later inject, then the responses and debrief."""
    expected = []
    for scenario in scenarios:
        expected.append((scenario.setting, scenario.injects[0].text))
        expected += [(f"{scenario.title} · turn over", inject.text) for inject in scenario.injects[1:]]
        expected.append((f"{scenario.title} · the debrief", scenario.debrief[-1]))
    assert len(texts) == len(expected), f"{len(texts)} pages for {len(expected)} parts"
    for number, (text, (start, end)) in enumerate(zip(texts, expected, strict=True), start=1):
        assert fold(start) in text and fold(end) in text, f"page {number} is not its part whole: {text[:200]}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_sheet_prints_each_part_whole_on_a_page_of_its_own(
    visit: Visit, server: str, site_data: object, paper: str
) -> None:
    visit.page.goto(server + "sheets/")
    ready(visit.page, "mx-sheets")
    assert_parts_one_a_page(pdf_texts(visit, paper), site_data.scenarios.scenarios)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_sheets_print_only_the_sessions_scenarios_in_its_order(
    visit: Visit, server: str, site_data: object, paper: str
) -> None:
    chosen = [s.id for s in site_data.scenarios.scenarios][::-3]
    waiting = ",".join(s.id for s in site_data.scenarios.scenarios if s.pending)  # confirmed, as the plan asks
    visit.page.goto(server + f"sheets/?s={','.join(chosen)}&ok={waiting}")
    ready(visit.page, "mx-sheets")
    shown = visit.page.locator("section[data-scenario]:visible").evaluate_all("ss => ss.map(s => s.dataset.scenario)")
    assert shown == chosen
    assert_parts_one_a_page(pdf_texts(visit, paper), [site_data.scenarios.scenario(i) for i in chosen])


def test_the_sheets_follow_a_ready_session(visit: Visit, server: str, model: object) -> None:
    visit.page.goto(server + "sheets/?preset=long")
    ready(visit.page, "mx-sheets")
    shown = visit.page.locator("section[data-scenario]:visible").evaluate_all("ss => ss.map(s => s.dataset.scenario)")
    assert shown == list(model.workshop.preset("long").scenarios)


# ---------------------------------------------------------------- accessibility and layout


def test_axe_finds_nothing_mid_drill_and_after_a_draw_in_either_scheme(open_browser: object, server: str) -> None:
    visit = open_browser(color_scheme="light", viewport={"width": 1280, "height": 800})
    visit.page.goto(server + "scenarios/")
    ready(visit.page, "mx-scenarios")
    visit.page.get_by_role("button", name="Draw a scenario").click()
    first = visit.page.locator("article[data-scenario]").first
    first.get_by_role("button", name="Run as a drill").click()
    first.get_by_role("button", name="Reveal what happens next").click()
    for scheme in ("light", "dark"):
        switch_scheme(visit, scheme)
        assert violations(visit) == [], scheme


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_screenshots_of_a_drill_and_the_sheets_for_review(
    open_browser: object, server: str, width: int, height: int
) -> None:
    """A drill under way and the sheets, at a phone's and a desktop's size: laid out inside the window, saved,
    in the scheme each opens in and in the other once the system's scheme changes."""
    visit = open_browser(color_scheme="light", viewport={"width": width, "height": height})
    visit.page.goto(server + "scenarios/")
    ready(visit.page, "mx-scenarios")
    first = visit.page.locator("article[data-scenario]").first
    first.get_by_role("button", name="Run as a drill").click()
    first.get_by_role("button", name="Reveal what happens next").click()
    for scheme in ("light", "dark"):
        switch_scheme(visit, scheme)
        box = first.locator("[data-drill-controls]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert visit.page.evaluate(STICKING_OUT) == [], (width, scheme)
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        first.locator("h2").evaluate("h => h.scrollIntoView()")
        save_screenshot(visit.page, f"scenarios-drill-{width}x{height}-{scheme}", full_page=False)
    visit.page.goto(server + "sheets/?preset=short")
    ready(visit.page, "mx-sheets")
    for scheme in ("dark", "light"):
        switch_scheme(visit, scheme)
        assert visit.page.evaluate(STICKING_OUT) == [], (width, scheme)
        visit.screenshot(f"sheets-{width}x{height}-{scheme}")
