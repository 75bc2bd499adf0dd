"""Nothing moves when the scripts start: the static page already has the final layout and the script
enhances it in place. Cumulative layout shift, summed from the browser's own layout-shift entries
(PerformanceObserver), stays at 0.02 or less with the CPU slowed down four times (CDP): the harder case,
where a script that starts late shows its changes after the first paint."""

from __future__ import annotations

import pytest

from conftest import FIRST, Visit

LIMIT = 0.02
OBSERVE = """window.__shifts = [];
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__shifts.push({
            value: entry.value,
            sources: entry.sources.map((s) => s.node && s.node.nodeType === 1 ? `${s.node.tagName}.${s.node.className}` : "?"),
        });
    }
}).observe({ type: "layout-shift", buffered: true });"""
# Two frames after the component said it was ready: anything it changed has been laid out and painted.
SETTLED = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"

PAGES = {
    "explorer": ("explorer/", "mx-explorer"),
    "explorer-chosen": ("explorer/#written-rules&dir=sexism", "mx-explorer"),
    "explorer-filtered": ("explorer/#written-rules&dir=sexism&phase=prepare&q=rule", "mx-explorer"),
    "essay": ("essay/", "mx-marks-toggle"),
    "deck": (f"deck/#{FIRST}.1", "mx-deck"),
    # Every other page whose script changes what it shows.
    "guide": ("guide/", "mx-agenda"),
    "plan": ("plan/", "mx-plan"),
    "handout": ("handout/", "mx-selection"),
    "cards": ("cards/", "mx-cards"),
    "scenarios": ("scenarios/", "mx-scenarios"),
    "sheets": ("sheets/", "mx-sheets"),
    "runbook": ("runbook/", "mx-runbook"),
}


def shifts(visit: Visit, url: str, component: str, slowdown: int) -> list[dict]:
    session = visit.context.new_cdp_session(visit.page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    visit.page.add_init_script(OBSERVE)
    visit.page.goto(url)
    visit.page.wait_for_function(f"() => performance.getEntriesByName('{component}:ready').length > 0")
    visit.page.evaluate(SETTLED)
    found = visit.page.evaluate("window.__shifts")
    session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    session.detach()
    return found


@pytest.mark.parametrize("slowdown", [4], ids=["cpu-4x"])
@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=["390", "1280"])
@pytest.mark.parametrize("name", PAGES)
def test_nothing_moves_when_the_page_starts(
    open_browser: object, server: str, name: str, size: dict, slowdown: int
) -> None:
    path, component = PAGES[name]
    visit = open_browser(viewport=size)
    found = shifts(visit, server + path, component, slowdown)
    assert sum(entry["value"] for entry in found) <= LIMIT, found


def test_nothing_moves_when_the_essay_starts_with_its_marks_turned_off(open_browser: object, server: str) -> None:
    """The reader's choice is applied before the first paint, not when the switch's script starts."""
    visit = open_browser(viewport={"width": 390, "height": 844})
    visit.page.goto(server + "essay/")
    visit.page.evaluate("localStorage.setItem('mx-essay-marks', 'off')")
    found = shifts(visit, server + "essay/", "mx-marks-toggle", 4)
    assert visit.page.locator(".mx-marks").first.is_hidden()
    assert sum(entry["value"] for entry in found) <= LIMIT, found
