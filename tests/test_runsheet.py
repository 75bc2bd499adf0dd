"""The run sheet (runsheet/) and printing for the room (issue 16): one page a session, the plan's print
list sized by the number of people, and scenario sheets printed once per group."""

from __future__ import annotations

import re

import pytest
from agenda_spec import session_agenda

from conftest import Visit
from model.metaphor_model import Metaphor
from pdfs import printed

CONTACTS = "&support=Jo%20Lee%2C%20room%204&report=The%20HR%20form"
MIN_PRINT_PX = 12  # 9 pt


def ready(page: object, name: str) -> None:
    page.wait_for_function(f"() => performance.getEntriesByName('{name}:ready').length > 0")


def sessions(model: Metaphor, site_data: object) -> dict[str, tuple[str, list]]:
    """The ready sessions, 45, 60 and 90 minutes long."""
    found = {}
    for preset in model.workshop.presets:
        found[preset.id] = (f"?preset={preset.id}", session_agenda(preset.entries, preset.scenarios, preset.buffer))
    assert sorted(sum(i.minutes for i in items) for _, items in found.values()) == [45, 60, 90]
    return found


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@pytest.mark.parametrize("name", ["brief", "short", "long"])
def test_the_run_sheet_lists_the_sessions_blocks_and_prints_on_one_page(
    visit: Visit, server: str, model: Metaphor, site_data: object, name: str
) -> None:
    search, items = sessions(model, site_data)[name]
    page = visit.page
    page.goto(server + "runsheet/" + search + CONTACTS)
    ready(page, "mx-runsheet")
    rows = page.locator("[data-runsheet-rows] tr")
    cells = rows.evaluate_all("rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    starts = [sum(item.minutes for item in items[:n]) for n in range(len(items))]
    assert [row[:3] for row in cells] == [
        [clock(s), i.title, str(i.minutes)] for s, i in zip(starts, items, strict=True)
    ]
    assert all(row[3] for row in cells)  # what to say and do, for every block
    for item in items:
        if item.kind == "scenario":
            scenario = site_data.scenarios.scenario(item.ref)
            row = next(row for row in cells if row[1] == item.title)
            assert (
                f"Setting {scenario.setting_minutes} · " in row[3] and f"Debrief {scenario.debrief_minutes}." in row[3]
            )
            assert "Scenario sheets" in row[4]
    total = sum(item.minutes for item in items)
    assert page.locator("[data-runsheet-end]").text_content() == f"{clock(total)} ({total} minutes)"
    assert page.locator('[data-support-field="support"]').text_content() == "Jo Lee, room 4"
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.mx-runsheet *')]
            .filter(el => el.checkVisibility() && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => parseFloat(getComputedStyle(el).fontSize)))"""
    )
    assert smallest >= MIN_PRINT_PX
    for paper in ("A4", "Letter"):
        sheets = printed(page, format=paper)
        assert len(sheets) == 1, (name, paper)
        text = " ".join(sheets[0].text.split())
        assert items[-1].title in text and "Jo Lee, room 4" in text and "Support person" in text
        total = sum(item.minutes for item in items)
        assert re.search(rf"Session: .*, {total} minutes\. Date Room", text), text[:200]


def test_a_start_time_turns_the_starts_into_clock_times_and_stays_in_the_address(
    visit: Visit, server: str, model: Metaphor, site_data: object
) -> None:
    search, items = sessions(model, site_data)["long"]
    page = visit.page
    page.goto(server + "runsheet/" + search)
    ready(page, "mx-runsheet")
    page.get_by_label("The session starts at").fill("14:00")
    page.get_by_label("The session starts at").dispatch_event("change")
    firsts = page.locator("[data-runsheet-rows] tr td:first-child").all_text_contents()
    starts = [14 * 60 + sum(item.minutes for item in items[:n]) for n in range(len(items))]
    assert firsts == [clock(s) for s in starts]
    assert "at=14%3A00" in page.url or "at=14:00" in page.url
    page.reload()
    ready(page, "mx-runsheet")
    assert page.locator("[data-runsheet-rows] tr td").first.text_content() == "14:00"


def test_the_plan_lists_what_to_print_for_the_number_of_people(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "plan/?preset=short" + CONTACTS)
    page.wait_for_function("() => document.querySelector('[data-module=mx-plan]').dataset.started")
    # The contacts travel in the address: the page says so where they are typed.
    assert "stay in browser history" in " ".join(page.locator("#plan-support-hint").text_content().split())
    box = page.locator("[data-plan-print]")
    box.get_by_label("People expected").fill("11")
    assert box.locator("[data-plan-groups]").text_content() == "3 groups of three to five"
    assert box.locator('[data-plan-copies="people"]').text_content() == "11"
    assert box.locator('[data-plan-copies="groups"]').all_text_contents() == ["3", "3"]
    links = {a.text_content(): a.get_attribute("href") for a in box.locator("a").all()}
    assert set(links) == {"Run sheet", "Handout", "large print", "Discussion cards", "Scenario sheets", "Runbook"}
    for text, href in links.items():
        assert "preset" not in href and "s=design-review" in href and "support=Jo" in href, text
    assert links["Discussion cards"].endswith("&groups=3") and links["Scenario sheets"].endswith("&groups=3")
    assert links["large print"].endswith("&print=large")
    box.get_by_role("link", name="Run sheet").click()
    page.wait_for_url(re.compile(r"/runsheet/\?"))
    ready(page, "mx-runsheet")
    assert page.locator("[data-runsheet-rows] tr").count() > 4
    page.go_back()
    page.get_by_role("button", name="Run sheet").click()  # the bar's button too
    page.wait_for_url(re.compile(r"/runsheet/\?"))


@pytest.mark.parametrize(
    ("query", "listed"), [("m=&s=design-review", "Scenario sheets"), ("preset=brief", "Discussion cards")]
)
def test_the_plan_lists_only_what_the_session_uses(visit: Visit, server: str, query: str, listed: str) -> None:
    page = visit.page
    page.goto(server + f"plan/?{query}")
    page.wait_for_function("() => document.querySelector('[data-module=mx-plan]').dataset.started")
    shown = page.locator("[data-plan-print] a:visible").all_text_contents()
    unused = ({"Discussion cards", "Scenario sheets"} - {listed}).pop()
    assert listed in shown and unused not in shown
    # The bar's buttons too: none opens a page with nothing to print.
    buttons = {"Discussion cards": "Cards", "Scenario sheets": "Scenario sheets"}
    assert page.get_by_role("button", name=buttons[listed], exact=True).is_visible()
    assert page.get_by_role("button", name=buttons[unused], exact=True).count() == 0


def test_scenario_sheets_print_a_set_per_group_each_part_marked(visit: Visit, server: str) -> None:
    page = visit.page
    counts = {}
    for groups in (1, 2):
        page.goto(server + f"sheets/?preset=short&groups={groups}")
        ready(page, "mx-sheets")
        counts[groups] = len(printed(page, format="A4"))
        marks = page.locator("[data-sheet-group]:not([hidden])").all_text_contents()
        if groups == 1:
            assert marks == []
        else:
            assert {m.strip(" ·") for m in marks} == {"Group 1 of 2", "Group 2 of 2"}
            ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
            assert len(ids) == len(set(ids))  # the copies carry none
            assert page.locator("section.mx-sheet--copy").first.is_hidden()  # on screen, one set
    assert counts[2] == 2 * counts[1]
