"""axe-core finds nothing on the main pages, in both colour schemes; screenshots for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FINISH, SETTLE, Visit, search_for, serve, switch_scheme, violations
from pdfs import contrast, rgba

PAGES = {
    "home": "",
    "essay": "essay/",
    "glossary": "glossary/",
    "map": "map/",
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
    "runsheet": "runsheet/?preset=long&support=Jo",
    "pairing": "glossary/routine-outage/",
    "deck": "deck/#3.1",
    "presenter": "deck/?view=presenter#3",
}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


# Each page opens in one scheme on a desktop and is checked, then the system's scheme changes and it is checked
# again at a phone's width, as when a reader's device turns dark at dusk: half the pages open light, half dark,
# so every page is checked at both widths and both schemes are covered at each.
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations_in_either_scheme_on_a_desktop_and_a_phone(
    open_browser: object, server: str, name: str
) -> None:
    first, then = ("light", "dark") if list(PAGES).index(name) % 2 else ("dark", "light")
    visit = open_browser(color_scheme=first, viewport=DESKTOP)
    visit.page.goto(server + PAGES[name])
    for scheme, size in ((first, DESKTOP), (then, PHONE)):
        visit.page.set_viewport_size(size)
        # The deck follows the system's scheme without the theme's palette.
        switch_scheme(visit, scheme, theme=not name.startswith(("deck", "presenter")))
        assert violations(visit) == [], (scheme, size["width"])


def test_the_axe_check_reports_what_it_finds(visit: Visit, tmp_path: Path) -> None:
    """The check the tests above rely on: run twice on one page (as after a change of scheme), it names each
    violation, with the element it is on."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>Faint</title><link rel=icon href=data:,><main><h1>Faint</h1>"
        "<p style='color: #bbb'>Faint text.</p><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' id=bare></main>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        visit.page.goto(url)
        for _ in range(2):
            found = violations(visit)
            assert [v.split(":")[0] for v in found] == ["color-contrast", "image-alt"], found
            assert '[["#bare"]]' in found[1]


def test_axe_finds_no_violations_with_the_search_dialog_open(open_browser: object, server: str) -> None:
    visit = open_browser(color_scheme="light", viewport={"width": 1280, "height": 800}, search=True)
    visit.page.goto(server + "glossary/")
    search_for(visit.page, "runbook")
    visit.page.wait_for_function(FINISHED)  # the theme's 0.25 s colour transitions: axe reads colours mid-way
    assert violations(visit) == []


FINISHED = "() => document.getAnimations().every(animation => animation.playState === 'finished')"


# The focused element's ring, and the colour it is drawn on: the backgrounds of the ancestors that
# reach under the ring (drawn outside the element, from its outline offset on; an ancestor no bigger
# than that, such as the theme's search form around its field, paints nothing there), composited
# from the first opaque one.
FOCUSED = """() => {
    const focused = document.activeElement;
    const shown = focused, style = getComputedStyle(shown), box = shown.getBoundingClientRect();
    const edge = (parseFloat(style.outlineOffset) || 0) + 0.5;  // the ring's inner edge, and a rounding's room
    const under = (node) => {
        const r = node.getBoundingClientRect();
        return r.left < box.left - edge || r.top < box.top - edge || r.right > box.right + edge || r.bottom > box.bottom + edge;
    };
    const layers = [];
    for (let node = shown.parentElement; node; node = node.parentElement) {
        if (!under(node)) continue;
        const colour = getComputedStyle(node).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)') layers.push(colour);
        if (/^rgb\\(/.test(colour)) break;
    }
    // Seen: on the screen, and on top in the middle of the part of its first line that is on the screen (not
    // in a closed drawer, under a panel or under the header). The theme's content tabs keep their radio
    // buttons at 0 x 0 and show the focus on the tab's label: there, the label is what must be seen.
    const label = !box.width && focused.labels && focused.labels[0];
    const seen = label || focused, first = seen.getClientRects()[0] || seen.getBoundingClientRect();
    const [left, right] = [Math.max(first.left, 0), Math.min(first.right, innerWidth)];
    const [top, bottom] = [Math.max(first.top, 0), Math.min(first.bottom, innerHeight)];
    const over = left < right && top < bottom ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
    return {
        name: `${focused.tagName.toLowerCase()}.${focused.getAttribute("class")} ${focused.textContent.trim().slice(0, 30)}`,
        style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, layers,
        ring: !label, visible: Boolean(over && seen.contains(over) && seen.checkVisibility()),
    };
}"""


def behind(layers: list[str]) -> tuple[float, float, float]:
    """Composite the ancestors' backgrounds, from the first opaque one (white if none) up to the element."""
    r, g, b = 1.0, 1.0, 1.0
    for layer in reversed(layers):
        lr, lg, lb, alpha = rgba(layer)
        r, g, b = lr * alpha + r * (1 - alpha), lg * alpha + g * (1 - alpha), lb * alpha + b * (1 - alpha)
    return r, g, b


RING_PAGES = ["explorer-selected", "essay", "plan", "guide", "scenarios", "runbook", "map"]


# Each page in both schemes and at both widths, and every pairing of scheme and width on three pages
# (pairwise: the full matrix of 24 runs was a fifth of the suite's time).
@pytest.mark.parametrize(
    "name, scheme, size",
    [
        (name, scheme, size)
        for index, name in enumerate(RING_PAGES)
        for scheme, size in (
            (("light", PHONE), ("dark", DESKTOP)) if index % 2 else (("dark", PHONE), ("light", DESKTOP))
        )
    ],
    ids=lambda value: str(value["width"]) if isinstance(value, dict) else value,
)
def test_every_control_shows_a_clear_focus_ring(
    open_browser: object, server: str, name: str, scheme: str, size: dict
) -> None:
    """Tab through the whole page: each control it reaches is in sight (not in the closed drawer of a phone's
    navigation, nor under another panel) and shows the site's solid 3 px ring, 3:1 or more against what it
    is drawn on (WCAG 2.4.7 and 2.4.11; 2.4.13 asks for 2 px and 3:1)."""
    visit = open_browser(color_scheme=scheme, viewport=size)
    visit.page.goto(server + PAGES[name])
    seen, faint, unseen = 0, [], []
    # One call a key: past the last control (focus back on the body), None; else, with the fades the focus
    # started brought to their end, the ring. Only the theme's search changes on a timer as it takes focus:
    # there, what its script does first (SETTLE).
    step = f"""async () => {{
        if (document.activeElement === document.body) return null;
        if (document.activeElement.closest(".md-search")) await ({SETTLE})();
        else ({FINISH})();
        return ({FOCUSED})();
    }}"""
    for _ in range(200):
        visit.page.keyboard.press("Tab")
        ring = visit.page.evaluate(step)
        if ring is None:
            break
        if not ring["visible"]:
            unseen.append(ring["name"])
            continue
        if not ring["ring"]:
            continue  # the theme's content tab: its label shows the focus, in the theme's own way
        seen += 1
        ratio = contrast(rgba(ring["colour"])[:3], behind(ring["layers"]))
        if ring["style"] != "solid" or ring["width"] < 3 or ratio < 3:
            faint.append((ring["name"], ring["style"], ring["width"], round(ratio, 2)))
    assert seen >= 10
    assert unseen == []
    assert faint == []


SKIPPING = ["", "essay/", "glossary/", "map/", "glossary/routine-outage/", "explorer/", "guide/", "plan/", "runsheet/"]
SKIPPING += ["handout/", "cards/", "scenarios/", "sheets/", "runbook/", "about/"]


def test_every_page_starts_with_a_link_that_skips_to_its_content(visit: Visit, server: str) -> None:
    """The first Tab on every page reaches a visible "Skip to content"; following it, the next Tab lands in the
    page's content, past the header and the navigation (WCAG 2.4.1)."""
    page = visit.page
    for path in SKIPPING:
        page.goto(server + path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement, r = a.getBoundingClientRect();"
            " return [a.textContent.trim(), r.top >= 0 && r.bottom <= innerHeight && r.width > 1]; }"
        )
        assert focused == ["Skip to content", True], path
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.md-content') !== null"), path
