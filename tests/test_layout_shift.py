"""Nothing moves when the scripts start: the static page already has the final layout and the script
enhances it in place. Cumulative layout shift, summed from the browser's own layout-shift entries
(PerformanceObserver), stays at 0.02 or less in the harder case, where the scripts start only after the
page has been painted (as on a slow phone or a slow network): the test's server holds every script until
the browser has painted the page, then lets them through."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIRST, Project, Visit, _QuietHandler, serve

# Open: scripts are sent. Closed: each request for a script waits until it opens.
SCRIPTS_LET_THROUGH = threading.Event()


class _HoldingScripts(_QuietHandler):
    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith(".js"):
            SCRIPTS_LET_THROUGH.wait(timeout=60)
        super().do_GET()


@pytest.fixture(scope="module")
def holding(built: Project) -> Iterator[str]:
    """The built site, served by a server that holds scripts until the test lets them through."""
    with serve(built.site, _HoldingScripts) as url:
        yield url


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


# Painted: two frames after the first contentful paint, or after the parser's end on a page that paints
# nothing before its scripts start (the deck on a wide screen). A Material page's parser waits for the
# theme's script at its end, and the DOMContentLoaded event for the deferred scripts: both held.
PAINTED = """window.__painted = false; {
const twoFrames = () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = true; }));
new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => entry.name === "first-contentful-paint")) twoFrames();
}).observe({ type: "paint", buffered: true });
document.addEventListener("readystatechange", twoFrames, { once: true }); }"""


def shifts(visit: Visit, url: str, component: str) -> list[dict]:
    """Open ``url`` with its scripts held until the page is painted; once ``component`` has started and its
    changes are painted, the layout shifts seen since the page began."""
    ready = f"() => performance.getEntriesByName('{component}:ready').length > 0"
    SCRIPTS_LET_THROUGH.clear()
    try:
        visit.page.add_init_script(OBSERVE + PAINTED)
        visit.page.goto(url, wait_until="commit")
        visit.page.wait_for_function("() => window.__painted")
        assert not visit.page.evaluate(ready), "the component started before the first paint: nothing was tested"
    finally:
        SCRIPTS_LET_THROUGH.set()
    visit.page.wait_for_function(ready)
    visit.page.evaluate(SETTLED)
    return visit.page.evaluate("window.__shifts")


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=["390", "1280"])
@pytest.mark.parametrize("name", PAGES)
def test_nothing_moves_when_the_page_starts(open_browser: object, holding: str, name: str, size: dict) -> None:
    path, component = PAGES[name]
    visit = open_browser(viewport=size, fresh=True)  # a cold start: nothing cached yet
    found = shifts(visit, holding + path, component)
    assert sum(entry["value"] for entry in found) <= LIMIT, found


def test_nothing_moves_when_the_essay_starts_with_its_marks_turned_off(open_browser: object, holding: str) -> None:
    """The reader's choice is applied before the first paint, not when the switch's script starts."""
    visit = open_browser(viewport={"width": 390, "height": 844}, fresh=True)
    # The choice is stored before the page's first byte. Storing it from a first visit of the page instead
    # would load (and cache) the scripts this test must hold.
    visit.page.add_init_script("localStorage.setItem('mx-essay-marks', 'off')")
    found = shifts(visit, holding + "essay/", "mx-marks-toggle")
    assert visit.page.locator(".mx-marks").first.is_hidden()
    assert sum(entry["value"] for entry in found) <= LIMIT, found


def test_a_script_that_moves_the_page_as_it_starts_is_caught(open_browser: object, tmp_path: Path) -> None:
    """The method itself: a script that puts a block above painted text, once held, is measured as moving it."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>Late</title><link rel=icon href=data:,>"
        + "<p>Painted before the script starts.</p>" * 20
        + "<script defer src=late.js></script>",
        encoding="utf-8",
    )
    (tmp_path / "late.js").write_text(
        "const block = document.createElement('div'); block.style.height = '200px'; document.body.prepend(block);"
        "performance.mark('late:ready');",
        encoding="utf-8",
    )
    visit = open_browser(viewport={"width": 390, "height": 844}, fresh=True)
    with serve(tmp_path, _HoldingScripts) as url:
        found = shifts(visit, url, "late")
    assert sum(entry["value"] for entry in found) > LIMIT, found
