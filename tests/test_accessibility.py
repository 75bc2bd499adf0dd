"""axe-core finds nothing on the main pages, in both colour schemes; screenshots for a person to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import Visit

PAGES = {
    "home": "",
    "essay": "essay/",
    "glossary": "glossary/",
    "explorer": "explorer/",
    "explorer-selected": "explorer/#written-rules&dir=sexism",
    "about": "about/",
    "guide": "guide/?preset=short",
    "plan": "plan/",
    "handout": "handout/",
    "cards": "cards/",
    "pairing": "glossary/routine-outage/",
    "deck": "deck/#3.1",
    "presenter": "deck/?view=presenter#3",
}


def violations(visit: Visit) -> list[str]:
    """Run every axe rule that is on by default and describe each violation."""
    results = Axe().run(visit.page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']}: {v['help']} -> {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(open_browser: object, server: str, name: str, scheme: str) -> None:
    visit = open_browser(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    visit.page.goto(server + PAGES[name])
    visit.page.wait_for_load_state("networkidle")
    if not name.startswith(("deck", "presenter")):  # the deck follows the system scheme without Material
        expected = "slate" if scheme == "dark" else "default"
        assert visit.page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert violations(visit) == []


def test_axe_finds_no_violations_with_the_search_dialog_open(visit: Visit, server: str) -> None:
    visit.page.goto(server + "glossary/")
    visit.page.locator("label.md-search__icon, .md-search__input").first.click()
    visit.page.locator(".md-search__input").press_sequentially("runbook")
    visit.page.locator(".md-search-result__item").first.wait_for()
    visit.page.wait_for_function(FINISHED)  # the theme's 0.25 s colour transitions: axe reads colours mid-way
    assert violations(visit) == []


FINISHED = "() => document.getAnimations().every(animation => animation.playState === 'finished')"
# Elements of the page's content that reach past the window's edges, unless a box that scrolls or clips
# holds them (a wide table scrolls inside its wrapper; visually hidden text is clipped on purpose).
STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    const held = (element) => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
    };
    return [...document.querySelectorAll(".md-content *, .md-header, .md-tabs")]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 1 && (box.right > width + 1 || box.left < -1) && !held(element);
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
}"""


@pytest.mark.parametrize("width, height", [(375, 812), (1280, 800)])
@pytest.mark.parametrize("name", ["essay", "glossary", "explorer-selected"])
def test_screenshots_for_review(open_browser: object, server: str, name: str, width: int, height: int) -> None:
    """Each page at a phone's and a desktop's width, in both schemes: laid out inside the window, then saved."""
    backgrounds = set()
    for scheme in ("light", "dark"):
        visit = open_browser(color_scheme=scheme, viewport={"width": width, "height": height})
        visit.page.goto(server + PAGES[name])
        visit.page.wait_for_load_state("networkidle")
        body = visit.page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        backgrounds.add(body.evaluate("element => getComputedStyle(element).backgroundColor"))
        assert visit.page.evaluate(STICKING_OUT) == [], (name, width, scheme)
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        visit.screenshot(f"{name}-{width}x{height}-{scheme}")
    assert len(backgrounds) == 2, backgrounds  # the dark scheme is not the light one again
