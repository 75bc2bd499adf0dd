"""axe-core finds nothing on the main pages, in both colour schemes; screenshots for a person to look at."""

from __future__ import annotations

import pytest

from conftest import STICKING_OUT, Visit, violations

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
    "scenarios": "scenarios/",
    "sheets": "sheets/?preset=long",
    "runbook": "runbook/",
    "pairing": "glossary/routine-outage/",
    "deck": "deck/#3.1",
    "presenter": "deck/?view=presenter#3",
}


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
