"""Real-browser smoke tests in headless Chromium against the built site on loopback."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

import conftest
from conftest import FIRST, SEARCH_WORKER_PATH, STICKING_OUT, Visit, search_for, switch_scheme


@pytest.mark.parametrize("path", ["", "essay/", "glossary/", "explorer/", "about/", "glossary/routine-outage/"])
def test_pages_load_without_errors_or_external_requests(open_browser: object, server: str, path: str) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 800}, search=True)  # the theme's search starts too
    response = visit.page.goto(server + path)
    assert response.status == 200
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator("h1").first.is_visible()
    assert visit.console_errors == []
    assert visit.external == []


def test_a_request_for_another_host_is_listed_and_never_leaves_the_machine(visit: Visit) -> None:
    """What Visit checks on every page: a request for any host but 127.0.0.1 fails in the browser, its name
    unresolved, and is listed (without the browser's resolver rules, localhost would resolve and be tried)."""
    page = visit.page
    with page.expect_event("requestfailed") as failed:
        page.set_content('<img src="http://localhost:65533/probe.png" alt="">')
    assert failed.value.url == "http://localhost:65533/probe.png"
    assert "ERR_NAME_NOT_RESOLVED" in failed.value.failure
    assert visit.external == ["http://localhost:65533/probe.png"]
    visit.external.clear()  # listed, as it should be: the fixture would fail the test on it
    visit.console_errors.clear()


# The paths of the theme's search worker's script the page has asked for.
SEARCH_WORKER = f"""() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
    .filter((path) => {SEARCH_WORKER_PATH}.test(path))"""


def test_the_search_index_is_built_only_in_visits_that_ask_for_the_search(open_browser: object, server: str) -> None:
    """A visit starts the theme's search worker only with ``search=True`` (conftest says why); without, the
    search box says it is starting, and the rest of the page works as ever."""
    searching = open_browser(viewport={"width": 1280, "height": 800}, search=True)
    searching.page.goto(server + "about/")
    searching.page.wait_for_function(f"() => ({SEARCH_WORKER})().length === 1")
    plain = open_browser(viewport={"width": 1280, "height": 800})
    plain.page.goto(server + "about/")
    plain.page.wait_for_load_state("networkidle")
    assert plain.page.evaluate(SEARCH_WORKER) == []
    plain.page.locator(".md-search__input").click()
    expect(plain.page.locator(".md-search-result__meta")).to_have_text("Initializing search")
    assert plain.page.locator(".md-search-result__item").count() == 0
    with pytest.raises(pytest.fail.Exception, match=r"open it with open_browser\(search=True\)"):
        search_for(plain.page, "runbook")  # a test that searches without asking is told what to do


STORED = """() => [localStorage.getItem("probe"), sessionStorage.getItem("probe"), document.cookie,
    matchMedia("(prefers-color-scheme: dark)").matches, innerWidth, typeof window.probe]"""


def test_a_page_kept_for_the_next_visit_brings_nothing_of_the_last(browser: object, server: str) -> None:
    """Visit hands a page on only when nothing of its test can reach the next one: storage and cookies
    cleared, size and scheme the new visit's; a page given a clock or a script for every load is closed."""
    first = Visit(browser, color_scheme="dark", viewport={"width": 390, "height": 844})
    first.page.goto(server + "runbook/")
    first.page.evaluate("() => { localStorage.probe = sessionStorage.probe = 1; document.cookie = 'probe=1'; }")
    assert first.page.evaluate(STORED) == ["1", "1", "probe=1", True, 390, "undefined"]
    first.close()
    second = Visit(browser, color_scheme="light", viewport={"width": 1280, "height": 800})
    assert second.page is first.page and second.page.url == "about:blank"
    # Installed before the page loads, as the tests that use it do (installed later, it turns timers the
    # theme has set into ones it cannot clear, and the theme logs an error).
    second.page.clock.install()
    second.page.goto(server + "runbook/")
    assert second.page.evaluate(STORED) == [None, None, "", False, 1280, "undefined"]
    second.close()
    third = Visit(browser, color_scheme="light", viewport={"width": 1280, "height": 800})
    assert third.page is not second.page
    third.page.add_init_script("window.probe = 1")
    third.close()
    fourth = Visit(browser, color_scheme="light", viewport={"width": 1280, "height": 800})
    assert fourth.page is not third.page
    fourth.close()


def test_the_essay_opens_at_a_linked_paragraph(visit: Visit, server: str) -> None:
    visit.page.goto(server + "essay/#p-07")
    paragraph = visit.page.locator("#p-07")
    assert paragraph.text_content().startswith("By the time there’s a production outage")
    assert paragraph.evaluate("el => el.matches(':target')")
    top = paragraph.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < visit.page.viewport_size["height"] / 2


def test_a_glossary_quote_link_lands_on_its_paragraph(visit: Visit, server: str) -> None:
    visit.page.goto(server + "glossary/")
    link = visit.page.locator("#fast-and-safe a.mx-quote__link").first
    anchor = link.get_attribute("data-anchor")
    quote = visit.page.locator("#fast-and-safe blockquote").first.text_content().strip()
    link.click()
    visit.page.wait_for_url(f"**/essay/#{anchor}")
    assert quote in visit.page.locator(f"#{anchor}").text_content()


def test_the_scheme_follows_the_system_until_the_reader_chooses_and_the_choice_is_kept(
    open_browser: object, server: str
) -> None:
    """The header's switch (partials/palette.html and its script): the system's scheme before the first paint,
    followed while the page is open, until the reader chooses the other one, which this browser keeps;
    choosing the system's own scheme again follows the system again."""
    visit = open_browser(color_scheme="light", viewport={"width": 1280, "height": 800})
    page = visit.page
    page.goto(server + "glossary/")
    body = page.locator("body")
    switch = page.get_by_role("button", name="Dark mode")
    assert body.get_attribute("data-md-color-scheme") == "default" and switch.get_attribute("aria-pressed") == "false"
    page.emulate_media(color_scheme="dark")  # the system changes: the page follows
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert switch.get_attribute("aria-pressed") == "true"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    light_background = body.evaluate("el => getComputedStyle(el).backgroundColor")
    switch.click()
    assert body.get_attribute("data-md-color-scheme") == "slate" and switch.get_attribute("aria-pressed") == "true"
    assert body.evaluate("el => getComputedStyle(el).backgroundColor") != light_background
    assert body.get_attribute("data-md-color-switching") is None
    page.reload()  # the choice is kept over the system's
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)  # the change event, had the page still followed the system
    assert body.get_attribute("data-md-color-scheme") == "slate"
    switch.click()  # light, which is not the system's now: kept
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(100)
    assert body.get_attribute("data-md-color-scheme") == "default"
    switch.click()  # dark while the system is light: kept; then light, the system's own: the system again
    switch.click()
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    # The theme's palette component, which restyles the whole page as it starts, is not on the page.
    assert page.locator("[data-md-component=palette]").count() == 0
    plain = open_browser(java_script_enabled=False, color_scheme="dark")
    plain.page.goto(server + "glossary/")
    assert plain.page.locator("[data-mx-scheme]").is_hidden()  # without JavaScript, nothing that does nothing


def test_the_glossary_stacks_its_two_sides_on_a_phone(open_browser: object, server: str) -> None:
    phone = open_browser(viewport={"width": 375, "height": 812})
    phone.page.goto(server + "glossary/")
    outage = phone.page.locator("#routine-outage .mx-entry__side--outage").bounding_box()
    sexism = phone.page.locator("#routine-outage .mx-entry__side--sexism").bounding_box()
    assert sexism["y"] >= outage["y"] + outage["height"]
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_glossary_sets_its_sides_side_by_side_on_a_desktop(visit: Visit, server: str) -> None:
    visit.page.set_viewport_size({"width": 1280, "height": 800})
    visit.page.goto(server + "glossary/")
    outage = visit.page.locator("#routine-outage .mx-entry__side--outage").bounding_box()
    sexism = visit.page.locator("#routine-outage .mx-entry__side--sexism").bounding_box()
    assert sexism["y"] == outage["y"]
    assert sexism["x"] > outage["x"] + outage["width"] - 1


# Every focusable control in the glossary's pairings: whether its ring (outline offset plus width, measured)
# lies inside the padding box of the pairing that contains it, which paint containment clips to.
RINGS_INSIDE = """() => [...document.querySelectorAll('.mx-glossary .mx-entry')].flatMap(entry => {
    const box = entry.getBoundingClientRect(), style = getComputedStyle(entry);
    const inner = {
        left: box.left + parseFloat(style.borderLeftWidth), right: box.right - parseFloat(style.borderRightWidth),
        top: box.top + parseFloat(style.borderTopWidth), bottom: box.bottom - parseFloat(style.borderBottomWidth),
    };
    return [...entry.querySelectorAll('a[href], button, summary, input, [tabindex]')].filter(c => c.checkVisibility()).map(c => {
        c.focus({preventScroll: true});
        const s = getComputedStyle(c), ring = (parseFloat(s.outlineOffset) || 0) + parseFloat(s.outlineWidth);
        const r = [...c.getClientRects()];
        const out = r.some(b => b.left - ring < inner.left - 0.5 || b.right + ring > inner.right + 0.5
            || b.top - ring < inner.top - 0.5 || b.bottom + ring > inner.bottom + 0.5);
        return out ? `${entry.id}: ${c.tagName} ${c.textContent.trim().slice(0, 40)}` : null;
    }).filter(Boolean);
})"""


# From the top of the page, follow a link to the pairing ``id``; once it has stopped moving (the pairings
# above it are laid out as they come near the screen, frames after the jump), where its top is.
FOLLOWED = """async (id) => {
    scrollTo(0, 0);
    const link = document.createElement("a");
    link.href = `#${id}`;
    document.body.append(link);
    link.click();
    link.remove();
    const target = document.getElementById(id);
    let top = NaN;
    for (let frame = 0, still = 0; frame < 120 && still < 3; frame++) {
        await new Promise((done) => requestAnimationFrame(done));
        const now = target.getBoundingClientRect().top;
        still = now === top ? still + 1 : 0;
        top = now;
    }
    return top;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_glossary_lays_out_only_the_pairings_near_the_screen_and_every_link_still_lands(
    open_browser: object, server: str, width: int
) -> None:
    """The long glossary skips laying out the pairings far from the screen (content-visibility: auto), so
    it starts as quickly as a short page; a link to any pairing, followed from the top of the page or
    opened in a new window, still brings it just below the header, and no control's focus ring is cut
    off by the containment that comes with it."""
    visit = open_browser(viewport={"width": width, "height": 844 if width == 390 else 800})
    page = visit.page
    page.goto(server + "glossary/")
    ids = page.locator(".mx-glossary .mx-entry").evaluate_all("entries => entries.map(e => e.id)")
    assert len(ids) > 20
    skipped = "id => !document.getElementById(id).firstElementChild.checkVisibility({contentVisibilityAuto: true})"
    assert page.evaluate(skipped, ids[-1])  # far below: not laid out
    header = page.locator("header").first.evaluate("h => h.getBoundingClientRect().bottom")
    for entry in ids:
        top = page.evaluate(FOLLOWED, entry)
        assert header - 1 <= top < header + 60, (entry, top)
        assert not page.evaluate(skipped, entry)
    for entry in (ids[len(ids) // 2], ids[-1]):
        page.goto(server + f"glossary/#{entry}")
        page.wait_for_timeout(300)
        top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", entry)
        assert header - 1 <= top < header + 60, (entry, top)
    page.evaluate(
        "() => document.querySelectorAll('.mx-glossary .mx-entry').forEach(e => e.style.contentVisibility = 'visible')"
    )
    assert page.evaluate(RINGS_INSIDE) == []


def test_printing_the_glossary_uses_no_dark_backgrounds(open_browser: object, server: str) -> None:
    dark = open_browser(color_scheme="dark")
    dark.page.goto(server + "glossary/")
    dark.page.emulate_media(media="print")
    background = dark.page.locator("#routine-outage .mx-entry__side--outage").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background in {"rgba(0, 0, 0, 0)", "transparent"}
    link_text = dark.page.locator("#routine-outage a.mx-quote__link").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert link_text == "none"  # "essay, paragraph 5" says where; a relative address would not help on paper


def test_printing_the_glossary_leaves_out_its_phase_links_and_prompts(visit: Visit, server: str) -> None:
    """The print rules once had a rule pasted into a selector list, and the phase links printed."""
    visit.page.goto(server + "glossary/")
    visit.page.emulate_media(media="print")
    hidden = ".mx-glossary__phases, .mx-entry__prompts"
    assert visit.page.locator(hidden).evaluate_all("es => es.map(e => getComputedStyle(e).display)") == ["none"] * (
        visit.page.locator(hidden).count()
    )
    assert visit.page.locator("article.mx-entry").first.evaluate("e => getComputedStyle(e).display") == "block"


# ---------------------------------------------------------------- screenshots, each with what it must show

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


def box(page: object, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def below(page: object, upper: str, lower: str) -> bool:
    a, b = box(page, upper), box(page, lower)
    return b["y"] >= a["y"] + a["height"] - 1


def beside(page: object, left: str, right: str) -> bool:
    a, b = box(page, left), box(page, right)
    return b["x"] >= a["x"] + a["width"] - 1 and abs(b["y"] - a["y"]) < a["height"]


def check_explorer(page: object, phone: bool) -> None:
    row = '[data-explorer-row][data-entry="written-rules"]'
    assert page.locator("article#written-rules").is_visible()
    if phone:  # columns stacked, each concept named by its side; the pair below the list
        assert below(page, f'{row} > [data-side="sexism"]', f'{row} > [data-side="outage"]')
        assert page.locator(f'{row} [data-side="outage"] .mx-explorer__side-name').is_visible()
        assert below(page, "[data-explorer-index]", "[data-explorer-detail]")
    else:  # two aligned columns, sexism first, and the pair beside them
        assert beside(page, f'{row} > [data-side="sexism"]', f'{row} > [data-side="outage"]')
        assert page.locator(f"{row} .mx-explorer__side-name").first.bounding_box()["width"] <= 1
        assert beside(page, "[data-explorer-index]", "[data-explorer-detail]")


def check_deck(page: object, phone: bool) -> None:
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    shown = page.locator("[data-slide]:visible")
    if phone:  # a scroll of every slide
        assert shown.count() == page.locator("[data-slide]:not([hidden])").count() > 5
        assert page.evaluate("document.documentElement.scrollHeight") > 5 * 844
    else:  # one slide fills the screen, with the controls over it
        assert shown.count() == 1
        assert box(page, "[data-slide].is-current") == {"x": 0, "y": 0, "width": 1280, "height": 800}
        assert page.locator("[data-deck-bar]").is_visible()


def check_guide(page: object, phone: bool) -> None:
    page.locator("[data-module=mx-stopwatch]").wait_for(state="visible")
    assert page.locator("[data-module=mx-agenda]").is_visible()
    picker, stopwatch = "[data-module=mx-picker]", "[data-module=mx-stopwatch]"
    assert below(page, picker, stopwatch) if phone else beside(page, picker, stopwatch)


def check_cards(page: object, phone: bool) -> None:
    page.wait_for_function("() => document.querySelector('[data-module=mx-cards]').dataset.started")
    first, second = "article.mx-card >> nth=0", "article.mx-card >> nth=1"
    assert below(page, first, second) if phone else beside(page, first, second)


def check_plan(page: object, phone: bool) -> None:
    page.locator("[data-plan-total]").wait_for(state="visible")
    assert page.locator("[data-plan-presets]").is_visible()
    label, field = "label[for=plan-support]", "#plan-support"  # a field and its label
    assert below(page, label, field) if phone else beside(page, label, field)


def check_glossary(page: object, phone: bool) -> None:
    outage, sexism = "#routine-outage .mx-entry__side--outage", "#routine-outage .mx-entry__side--sexism"
    assert below(page, outage, sexism) if phone else beside(page, outage, sexism)
    assert page.locator(".mx-glossary__phases a").count() == 4


def check_essay(page: object, phone: bool) -> None:
    page.get_by_role("button", name="Mark passages quoted in the explorer").wait_for()
    assert page.locator("summary.mx-marks__chip").first.is_visible()
    width = box(page, "p#p-03")["width"]  # the text's measure; on a desktop the marks sit in the margin beside it
    assert width <= 390 if phone else 600 <= width <= 33 * 20 + 1


SCREENS = {
    "essay": ("essay/", check_essay),
    "glossary": ("glossary/", check_glossary),
    "explorer-selected": ("explorer/#written-rules&dir=sexism", check_explorer),
    "deck": (f"deck/?preset=short#{FIRST}.1", check_deck),
    "guide": ("guide/?preset=short", check_guide),
    "cards": ("cards/?m=routine-outage,no-matter-how-good,automated-tests", check_cards),
    "plan": ("plan/?preset=short", check_plan),
}


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390x844", "1280x800"])
@pytest.mark.parametrize("name", SCREENS)
def test_screenshots_show_each_layout(open_browser: object, server: str, name: str, size: dict) -> None:
    """Each page at a phone's and a desktop's width, in both schemes (axe checks their colours): laid out as
    it should be and inside the window, in the scheme's own colours, then saved for a person to look at. It
    opens light on a phone and dark on a desktop, then the system's scheme changes."""
    path, check = SCREENS[name]
    backgrounds = set()
    schemes = ("light", "dark") if size is PHONE else ("dark", "light")
    visit = open_browser(viewport=size, color_scheme=schemes[0])
    visit.page.goto(server + path)
    for scheme in schemes:
        # The deck's bare page has the projector's colours of its own (tests/test_deck.py), not the theme's.
        switch_scheme(visit, scheme, theme=name != "deck")
        check(visit.page, size is PHONE)
        body = visit.page.locator("body")
        if name != "deck":
            backgrounds.add(body.evaluate("element => getComputedStyle(element).backgroundColor"))
        assert visit.page.evaluate(STICKING_OUT) == [], scheme
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        visit.screenshot(f"{name}-{size['width']}x{size['height']}-{scheme}")
    assert len(backgrounds) == (0 if name == "deck" else 2), backgrounds  # dark is not the light scheme again


def test_screenshots_are_saved_whole_only_when_asked_for(
    visit: Visit, server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest, "SCREENSHOTS", tmp_path)
    visit.page.goto(server + "about/")
    monkeypatch.setattr(conftest, "SCREENSHOTS_WANTED", False)
    visit.screenshot("about")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(conftest, "SCREENSHOTS_WANTED", True)
    visit.screenshot("about")
    png = (tmp_path / "about.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # the image header's size: the whole page, not the window
    assert (width, height) == (1280, visit.page.evaluate("document.documentElement.scrollHeight")) and height > 800


@pytest.mark.parametrize("path", ["explorer/", "handout/", "cards/"])
def test_on_a_desktop_the_wide_pages_keep_the_sites_navigation(visit: Visit, server: str, path: str) -> None:
    visit.page.goto(server + path)
    nav = visit.page.locator(".md-sidebar--primary")
    assert nav.is_visible() and nav.bounding_box()["width"] > 100
    hrefs = {
        href.rstrip("/").rsplit("/", 1)[-1] for href in nav.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    }
    pages = {"", "essay", "glossary", "explorer", "guide", "plan", "deck", "handout", "cards", "about"}
    host = server.rstrip("/").rsplit("/", 1)[-1]
    assert pages <= {("" if h == host else h) for h in hrefs}, hrefs
    visit.page.get_by_role("link", name="Essay", exact=True).first.focus()  # reachable by keyboard
    assert visit.page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
