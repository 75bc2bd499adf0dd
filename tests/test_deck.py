"""The workshop deck in headless Chromium: clicker keys, overview, blank, help, URL, presenter view,
projector sizes, the phone's vertical scroll and printing."""

from __future__ import annotations

import re

import markdown
import pytest
from agenda_spec import session_agenda
from bs4 import BeautifulSoup

from conftest import FIRST, Project, Visit
from model.metaphor_model import Metaphor
from pdfs import contrast, fold, pages
from pdfs import printed as print_page


def slide_count(model: Metaphor, entries: list[str] | None = None, runs: tuple = (), buffer: int = 0) -> int:
    """One slide per block of the session's agenda but its buffer, plus the content note and the ground rules
    (the opening's), who plays which part and where the metaphor stops (the key passages')."""
    items = session_agenda(entries, runs, buffer)
    return len([item for item in items if item.kind != "buffer"]) + FIRST - 3


def preset_session(site_data: object, preset_id: str) -> dict:
    """A ready session's pairings, scenarios and buffer, as slide_count() takes them."""
    preset = site_data.metaphor.workshop.preset(preset_id)
    return {
        "entries": list(preset.entries),
        "runs": preset.scenarios,
        "buffer": preset.buffer,
    }


def slide_titles(model: Metaphor, items: list, essay_title: str) -> list[str]:
    """The titles of the slides that show an agenda: the opening's three, the passages' (with who plays which
    part, the metaphor map and where the metaphor stops), then one per block."""
    titles = []
    for item in items:
        if item.kind == "opening":
            titles += [essay_title, "Content note", "Ground rules"]
        elif item.kind == "passages":
            titles += ["Key passages", "Who plays which part", "The metaphor map", "Where the metaphor stops"][
                : FIRST - 4
            ]
        elif item.kind == "closing":
            titles.append("One goal each")
        elif item.kind != "buffer":
            titles.append(item.title)
    return titles


def current(visit: Visit) -> dict:
    return visit.page.evaluate(
        """() => {
            const slide = document.querySelector('[data-slide].is-current');
            return {
                title: slide.dataset.title, entry: slide.dataset.entry || null, hash: location.hash,
                later: [...slide.querySelectorAll('[data-step]')].filter(el => el.classList.contains('is-later')).length,
            };
        }"""
    )


@pytest.fixture
def deck(visit: Visit, server: str) -> Visit:
    visit.page.goto(server + "deck/")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    return visit


def first_pair(mapping: dict) -> dict:
    order = [p["id"] for p in mapping["phases"]]
    return sorted(mapping["entries"], key=lambda e: order.index(e["phase"]))[0]


def test_without_javascript_the_deck_is_a_page_of_slides(
    open_browser: object, server: str, mapping: dict, model: Metaphor
) -> None:
    plain = open_browser(java_script_enabled=False, viewport={"width": 1280, "height": 720})
    plain.page.goto(server + "deck/")
    slides = plain.page.locator("[data-slide]:not([hidden])")
    assert slides.count() == slide_count(model)
    assert all(slides.nth(i).is_visible() for i in range(slides.count()))
    assert plain.page.locator("[data-deck-bar]").is_hidden()
    scenarios = plain.page.locator("[data-scenario-slide]")
    assert scenarios.count() >= 8 and all(slide.is_hidden() for slide in scenarios.all())  # only a session shows them


def test_the_clicker_keys_reveal_the_pair_step_by_step_then_move_on(
    deck: Visit, mapping: dict, model: Metaphor
) -> None:
    page = deck.page
    assert current(deck)["hash"] == "#1"
    assert page.locator("[data-deck-progress]").is_visible()
    page.keyboard.press("PageDown")  # title -> passages (first passage shown)
    page.keyboard.press("End")
    assert current(deck)["title"] == "One goal each"
    page.keyboard.press("Home")
    assert current(deck)["hash"] == "#1"
    # through the key passages (one per press), who plays which part and where it stops, to the first pairing
    for key in ["ArrowRight"] + ["Space"] * (len(model.workshop.quotes) + FIRST - 3):
        page.keyboard.press(key)
    pair = first_pair(mapping)
    assert current(deck) == {
        "title": f"{pair['outage']['term']} ↔ {pair['sexism']['term']}",
        "entry": pair["id"],
        "hash": f"#{FIRST}",
        "later": 3,
    }
    assert page.locator("[data-slide].is-current .mx-slide__side--outage").is_visible()
    sexism_side = page.locator("[data-slide].is-current .mx-slide__side--sexism")
    assert sexism_side.evaluate("el => getComputedStyle(el).visibility") == "hidden"
    page.keyboard.press("PageDown")
    assert current(deck)["hash"] == f"#{FIRST}.1" and current(deck)["later"] == 1
    assert sexism_side.evaluate("el => getComputedStyle(el).visibility") == "visible"
    page.keyboard.press("ArrowRight")
    assert current(deck)["hash"] == f"#{FIRST}.2" and current(deck)["later"] == 0
    assert page.locator("[data-slide].is-current .mx-slide__breaks").is_visible()
    page.keyboard.press("ArrowRight")
    assert current(deck)["hash"] == f"#{FIRST + 1}"
    page.keyboard.press("Shift+Space")
    assert current(deck)["hash"] == f"#{FIRST}.2"
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert current(deck)["hash"] == f"#{FIRST}"
    width = page.locator("[data-deck-progress-bar]").evaluate("el => parseFloat(el.style.width)")
    assert width == pytest.approx(FIRST / slide_count(model) * 100, abs=0.01)
    assert page.locator("[data-deck-status]").text_content().startswith(f"Slide {FIRST} of {slide_count(model)}:")


def test_a_reload_keeps_the_place(deck: Visit) -> None:
    deck.page.keyboard.press("End")
    deck.page.keyboard.press("ArrowLeft")
    place = current(deck)
    deck.page.reload()
    deck.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert current(deck) == place


def test_overview_blank_fullscreen_and_help(deck: Visit, mapping: dict, model: Metaphor) -> None:
    page = deck.page
    page.keyboard.press("o")
    overview = page.locator("[data-deck-overview]")
    assert overview.is_visible()
    assert overview.locator("button").count() == slide_count(model)
    overview.locator("button").nth(4).click()
    assert overview.is_hidden() and current(deck)["hash"] == "#5"
    page.keyboard.press("o")
    page.keyboard.press("Escape")
    assert overview.is_hidden()
    page.keyboard.press("b")
    assert page.locator("[data-deck-blank]").is_visible()
    page.keyboard.press("b")
    assert page.locator("[data-deck-blank]").is_hidden()
    page.keyboard.press(".")
    assert page.locator("[data-deck-blank]").is_visible()
    page.keyboard.press(".")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")
    page.keyboard.press("?")
    help_dialog = page.locator("[data-deck-help]")
    assert help_dialog.is_visible() and "Blank the screen" in help_dialog.text_content()
    page.keyboard.press("Escape")
    assert help_dialog.is_hidden()


def test_the_keys_of_one_letter_can_be_turned_off_and_stay_off(deck: Visit) -> None:
    """WCAG 2.1.4: the help turns off the keys of one letter or sign; the arrows still move, and the choice is
    kept across a reload."""
    page = deck.page
    page.get_by_role("button", name="Keys").click()
    letters = page.get_by_role("checkbox", name=re.compile("Keys of one letter or sign"))
    assert letters.is_checked()
    letters.uncheck()
    page.keyboard.press("Escape")
    for key in ("n", "o", "b", "?"):
        page.keyboard.press(key)
    assert current(deck)["hash"] in ("", "#1") and page.locator("[data-deck-overview]").is_hidden()
    assert page.locator("[data-deck-blank]").is_hidden() and page.locator("[data-deck-help]").is_hidden()
    page.keyboard.press("ArrowRight")
    assert current(deck)["hash"] == "#2"
    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    page.keyboard.press("p")
    assert current(deck)["hash"] == "#2"
    page.get_by_role("button", name="Keys").click()
    assert not letters.is_checked()
    letters.check()
    page.keyboard.press("Escape")
    page.keyboard.press("p")
    assert current(deck)["hash"] == "#1"


def test_the_overview_moves_with_the_arrow_keys(deck: Visit, model: Metaphor) -> None:
    page = deck.page
    page.keyboard.press("o")
    focused = "document.activeElement.dataset.goto"
    assert page.evaluate(focused) == "0"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "2"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(focused) == "1"
    page.keyboard.press("End")
    assert page.evaluate(focused) == str(slide_count(model) - 1)
    page.keyboard.press("Home")
    page.keyboard.press("ArrowUp")  # not past the first
    assert page.evaluate(focused) == "0"
    page.keyboard.press("Enter")
    assert page.locator("[data-deck-overview]").is_hidden() and current(deck)["hash"] == "#1"


def test_on_a_phone_a_key_that_moves_scrolls_to_the_slide(open_browser: object, server: str) -> None:
    """Below 45em the deck is a scroll: a clicker's key brings the slide it moves to into view, not only the count."""
    phone = open_browser(viewport={"width": 390, "height": 844})
    phone.page.goto(server + "deck/")
    phone.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    for _ in range(3):
        phone.page.keyboard.press("PageDown")
    assert current(phone)["hash"] == "#4"
    top = phone.page.evaluate("document.querySelector('[data-slide].is-current').getBoundingClientRect().top")
    assert abs(top) < 2, top


def test_on_a_phone_the_bar_stays_in_view_at_the_bottom_while_the_slides_scroll(
    open_browser: object, server: str
) -> None:
    """The deck's controls (Keys, where the one-letter keys are turned off, among them) are not 40,000 px down."""
    phone = open_browser(viewport={"width": 390, "height": 844})
    page = phone.page
    page.goto(server + "deck/")
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    bar = page.get_by_role("navigation", name="Deck controls")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 10 * 844
    for y in (0, height // 2):
        page.evaluate(f"window.scrollTo(0, {y})")
        box = bar.bounding_box()
        assert box["y"] + box["height"] == pytest.approx(844, abs=1) and box["height"] < 844 / 4, (y, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Nothing focused hides under it (WCAG 2.4.11): a control far down comes into view above the bar.
    target = page.locator("[data-slide] a[href]").last
    target.focus()
    bottom = target.evaluate("el => el.getBoundingClientRect().bottom")
    assert bottom <= bar.bounding_box()["y"], (bottom, bar.bounding_box())
    # The scroll is the way on: no counter that touch scrolling would leave behind, nor its arrows.
    assert page.locator("[data-deck-count]").is_hidden() and bar.get_by_role("button", name="Next").is_hidden()
    bar.get_by_role("button", name="Keys").click()
    assert page.get_by_role("dialog", name="Keys").is_visible()


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_slide_fits_a_projector_screen(
    open_browser: object, server: str, site_data: object, width: int, height: int, scheme: str
) -> None:
    visit = open_browser(viewport={"width": width, "height": height}, color_scheme=scheme)
    every_scenario = ",".join(s.id for s in site_data.scenarios.scenarios)
    visit.page.goto(server + f"deck/?s={every_scenario}")  # every pairing and every scenario, each step
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    overflowing = visit.page.evaluate(
        """async () => {
            const found = [];
            for (let i = 0; i < 200; i++) {
                const slide = document.querySelector('[data-slide].is-current');
                const body = slide.querySelector('.mx-slide__body');
                const box = body.getBoundingClientRect();
                if (box.top < 0 || box.bottom > innerHeight || box.right > innerWidth || box.left < 0) {
                    found.push(location.hash);
                }
                const before = location.hash;
                document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
                if (location.hash === before) break;
            }
            return found;
        }"""
    )
    assert overflowing == []
    size = visit.page.locator(
        "[data-slide].is-current .mx-slide__meaning, [data-slide].is-current .mx-slide__lead"
    ).first
    assert float(size.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 24


# A pairing's last step, and a scenario's second inject (with no pairings, the scenario is slide FIRST).
@pytest.mark.parametrize("place", [f"#{FIRST}.2", f"?m=&s=design-review#{FIRST}.2"], ids=["pairing", "scenario"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_deck_text_has_a_contrast_of_at_least_7_to_1(
    open_browser: object, server: str, scheme: str, place: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit = open_browser(viewport={"width": 1280, "height": 720}, color_scheme=scheme)
    visit.page.goto(server + "deck/" + place)
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    results = Axe().run(visit.page, options={"runOnly": ["color-contrast-enhanced", "color-contrast"]})
    assert [v["id"] for v in results.response["violations"]] == []
    assert results.response["passes"], "axe checked some text"


def test_on_a_phone_the_deck_reads_as_a_vertical_scroll(
    open_browser: object, server: str, mapping: dict, model: Metaphor
) -> None:
    phone = open_browser(viewport={"width": 390, "height": 844})
    phone.page.goto(server + "deck/")
    phone.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    slides = phone.page.locator("[data-slide]:not([hidden])")
    tops = slides.evaluate_all("ss => ss.map(s => s.getBoundingClientRect().top)")
    assert len(tops) == slide_count(model) and tops == sorted(tops) and len(set(tops)) == len(tops)
    assert phone.page.locator("[data-slide] .mx-slide__breaks").first.is_visible()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_url_selection_picks_the_slides(
    visit: Visit, server: str, mapping: dict, model: Metaphor, site_data: object
) -> None:
    chosen = [mapping["entries"][0]["id"], mapping["entries"][-1]["id"]]
    visit.page.goto(server + f"deck/?m={','.join(chosen)}#{FIRST}")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    shown = visit.page.locator("[data-slide]:not([hidden])").evaluate_all(
        "ss => ss.map(s => s.dataset.entry || s.dataset.title)"
    )
    assert len(shown) == slide_count(model, chosen)
    assert [s for s in shown if s in {e["id"] for e in mapping["entries"]}] == chosen
    prompts = visit.page.locator("[data-slide]:not([hidden]) [data-prompt-entry]:not([hidden])")
    assert sorted(prompts.evaluate_all("ps => ps.map(p => p.dataset.promptEntry)")) == sorted(chosen)
    visit.page.goto(server + "deck/?preset=short")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    short = preset_session(site_data, "short")
    assert visit.page.locator("[data-slide]:not([hidden])").count() == slide_count(
        model, short["entries"], runs=short["runs"], buffer=short["buffer"]
    )


def test_the_presenter_view_follows_and_leads_the_audience_view(
    visit: Visit, server: str, mapping: dict, model: Metaphor
) -> None:
    audience = visit.page
    short = next(p for p in mapping["workshop"]["presets"] if p["id"] == "short")
    audience.goto(server + f"deck/?preset=short#{FIRST}")
    audience.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    with visit.context.expect_page() as opened:
        audience.keyboard.press("s")
    presenter = opened.value
    presenter.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert "view=presenter" in presenter.url
    panel = presenter.locator("[data-deck-presenter]")
    assert panel.is_visible()
    entry = next(e for e in mapping["entries"] if e["id"] == short["entries"][0])
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}'")
    assert presenter.locator("[data-presenter-notes]").text_content().startswith(entry["notes"])
    following = session_agenda(tuple(short["entries"]))[3]  # opening, passages, the first pairing, then this
    assert following.kind == "discussion"
    assert presenter.locator("[data-presenter-next] .mx-slide__kicker").text_content() == following.title
    assert presenter.locator("[data-presenter-planned]").text_content() == f"{short['minutes']} min planned"
    audience.keyboard.press("ArrowRight")
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}.1'")
    presenter.keyboard.press("End")
    audience.wait_for_function(
        "() => document.querySelector('[data-slide].is-current').dataset.title === 'One goal each'"
    )
    presenter.keyboard.press("Home")
    audience.wait_for_function("() => location.hash === '#1'")
    presenter.keyboard.press("b")
    audience.locator("[data-deck-blank]").wait_for(state="visible")
    presenter.keyboard.press("b")
    audience.locator("[data-deck-blank]").wait_for(state="hidden")
    presenter.close()


def test_the_session_clock_waits_for_the_first_advance_then_paces_against_the_plan(
    visit: Visit, server: str, mapping: dict
) -> None:
    page = visit.page
    page.clock.install()  # fake timers: wait_for_function would never poll, so read the page directly
    page.goto(server + "deck/?preset=short&view=presenter#1")
    assert page.locator("[data-module=mx-deck]").get_attribute("data-started") == "true"
    pace, elapsed = page.locator("[data-presenter-pace]"), page.locator("[data-presenter-elapsed]")
    assert pace.text_content() == "Clock not started"
    # Ten minutes of setting up on the first slide cost nothing ...
    page.clock.run_for(10 * 60_000)
    assert (elapsed.text_content(), pace.text_content()) == ("0:00", "Clock not started")
    # ... the first advance starts the clock, the first slide counted as having taken its planned minutes.
    workshop = mapping["workshop"]
    welcome = workshop["opening"]["minutes"] - workshop["content_note"]["minutes"] - workshop["ground_rules"]["minutes"]
    page.keyboard.press("ArrowRight")
    assert (elapsed.text_content(), pace.text_content()) == (f"{welcome}:00", "On time")
    page.clock.run_for((workshop["content_note"]["minutes"] + 4) * 60_000)
    assert pace.text_content() == "Behind by 4 min"
    page.keyboard.press("End")
    assert pace.text_content().startswith("Ahead by")
    # How to restart is said beside the control, which the help names too.
    hint = page.locator("#mx-deck-clock-help").text_content()
    assert "Reset stops it" in hint and "Start" in hint
    page.get_by_role("button", name="Reset the clock").click()
    assert (elapsed.text_content(), pace.text_content()) == ("0:00", "Clock not started")
    page.get_by_role("button", name="Start the clock").click()
    page.clock.run_for(61_000)
    # The clock shows whole seconds, updated each second: it may show the last second just begun or not yet.
    assert elapsed.text_content() in {"1:00", "1:01"} and pace.text_content().startswith("Ahead by")


def go_to(page: object, title: str, step: int = 0) -> int:
    """Go to the shown slide with ``title`` (at ``step``) by its place in the URL; return its number."""
    titles = page.locator("[data-slide]:not([hidden])").evaluate_all("ss => ss.map(s => s.dataset.title)")
    number = titles.index(title) + 1
    page.evaluate("hash => { location.hash = hash; }", f"#{number}.{step}" if step else f"#{number}")
    page.wait_for_function(
        "n => document.querySelector('[data-slide].is-current') === "
        "document.querySelectorAll('[data-slide]:not([hidden])')[n - 1]",
        arg=number,
    )
    return number


def pdf_pages(visit: Visit, **options: object) -> list[str]:
    return [page.text for page in print_page(visit.page, **options)]


def test_printing_gives_one_slide_per_page_and_notes_when_asked(
    visit: Visit, server: str, mapping: dict, model: Metaphor, site_data: object
) -> None:
    visit.page.goto(server + "deck/?preset=short")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    short = next(p for p in mapping["workshop"]["presets"] if p["id"] == "short")
    session = preset_session(site_data, "short")
    scenario = site_data.scenarios.scenario(short["scenarios"][0])
    go_to(visit.page, f"Scenario: {scenario.title}", step=1)  # printed mid-scenario: every inject still prints
    pages = pdf_pages(visit, format="A4", landscape=True)
    assert len(pages) == slide_count(model, short["entries"], runs=session["runs"])
    on_its_page = [i for i, text in enumerate(pages) if scenario.title in text]
    assert len(on_its_page) == 1
    words = fold(pages[on_its_page[0]])  # ﬄ -> ffl
    assert all(re.sub(r"\s+", " ", inject.text) in words for inject in scenario.injects)
    assert not any("Facilitator notes" in text for text in pages)
    visit.page.get_by_role("button", name="Notes in print").click()
    with_notes = pdf_pages(visit, format="A4", landscape=True)
    assert len(with_notes) == len(pages)
    assert all("Facilitator notes" in text for text in with_notes)
    first = next(e for e in mapping["entries"] if e["id"] == short["entries"][0])
    assert re.sub(r"\s+", " ", first["outage"]["term"]) in with_notes[FIRST - 1]


# ---------------------------------------------------------------- regressions (issue 9)


def ready(page: object) -> None:
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")


def accessibility_tree(page: object) -> str:
    """The deck's accessibility tree as Playwright's ARIA snapshot (YAML, quotes unescaped)."""
    return page.locator("[data-module=mx-deck]").aria_snapshot().replace("''", "'")


def slide_labels(page: object) -> list[str]:
    return page.locator("[data-slide]:not([hidden])").evaluate_all("ss => ss.map(s => s.getAttribute('aria-label'))")


def test_on_a_phone_a_screen_reader_reads_every_slide(open_browser: object, server: str, model: Metaphor) -> None:
    phone = open_browser(viewport={"width": 390, "height": 844})
    phone.page.goto(server + f"deck/#{FIRST}")
    ready(phone.page)
    assert phone.page.locator("[data-slide][aria-hidden]").count() == 0
    tree = accessibility_tree(phone.page)
    labels = slide_labels(phone.page)
    assert len(labels) == slide_count(model)
    assert all(f'region "{label}"' in tree for label in labels), tree[:2000]


def test_on_a_projector_only_the_current_slide_is_in_the_accessibility_tree(deck: Visit) -> None:
    deck.page.keyboard.press("End")
    tree = accessibility_tree(deck.page)
    labels = slide_labels(deck.page)
    assert [label for label in labels if f'region "{label}"' in tree] == [labels[-1]]


def slide_font(page: object) -> float:
    return page.locator("[data-slide].is-current").evaluate("s => parseFloat(getComputedStyle(s).fontSize)")


def body_fits(page: object) -> bool:
    return page.locator("[data-slide].is-current .mx-slide__body").evaluate(
        "b => { const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )


FIRST_FITTED = """() => {
    for (let i = 0; i < 200; i++) {
        if (document.querySelector('[data-slide].is-current').style.fontSize) return location.hash;
        const before = location.hash;
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        if (location.hash === before) return null;
    }
}"""
FONT_IS = "size => parseFloat(getComputedStyle(document.querySelector('[data-slide].is-current')).fontSize) === size"


def test_slides_are_fitted_again_when_the_window_changes_size(open_browser: object, server: str) -> None:
    small, large = {"width": 800, "height": 450}, {"width": 1600, "height": 900}
    probe = open_browser(viewport=small)
    probe.page.goto(server + "deck/")
    ready(probe.page)
    place = probe.page.evaluate(FIRST_FITTED)
    assert place, "no slide needs fitting at 800x450: the test needs one that does"
    fresh = {}
    for name, size in (("small", small), ("large", large)):  # each size as a fresh load shows it
        visit = open_browser(viewport=size)
        visit.page.goto(server + "deck/" + place)
        ready(visit.page)
        fresh[name] = slide_font(visit.page)
        assert body_fits(visit.page)
    assert fresh["small"] < fresh["large"]
    page = probe.page
    page.goto(server + "deck/" + place)
    for size, name in ((large, "large"), (small, "small"), (large, "large")):
        page.set_viewport_size(size)  # as a window is resized, or goes full screen
        page.wait_for_function(FONT_IS, arg=fresh[name])
        assert body_fits(page)


def present(visit: Visit, deck_url: str) -> tuple[object, object]:
    """Open the deck at slide 4 of the short session, press S, and return both windows in step."""
    audience = visit.page
    audience.goto(deck_url + f"?preset=short#{FIRST}")
    ready(audience)
    with visit.context.expect_page() as opened:
        audience.keyboard.press("s")
    presenter = opened.value
    ready(presenter)
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}'")
    return audience, presenter


def test_only_the_projector_blanks(visit: Visit, server: str) -> None:
    audience, presenter = present(visit, server + "deck/")
    audience.keyboard.press("b")
    audience.locator("[data-deck-blank]").wait_for(state="visible")
    indicator = presenter.locator("[data-presenter-blank]")
    indicator.wait_for(state="visible")
    assert "audience screen is blank" in indicator.text_content()
    assert presenter.locator("[data-deck-blank]").is_hidden()
    assert presenter.locator("[data-presenter-notes]").is_visible()
    assert presenter.locator("[data-presenter-elapsed]").is_visible()
    assert presenter.locator("[data-slide].is-current").is_visible()
    presenter.keyboard.press("b")
    audience.locator("[data-deck-blank]").wait_for(state="hidden")
    indicator.wait_for(state="hidden")
    presenter.keyboard.press(".")
    audience.locator("[data-deck-blank]").wait_for(state="visible")
    assert presenter.locator("[data-deck-blank]").is_hidden()
    presenter.close()


# Wrap the other window's postMessage with a function of this window's own (so the sender stays this
# window) that records the target origin of every message sent to it from here.
RECORD_POSTS = """peer => {
    window.__posts = [];
    const post = peer.postMessage;
    peer.postMessage = (message, target) => { window.__posts.push(target); return post.call(peer, message, target); };
}"""


def test_the_windows_post_only_to_each_other_and_ignore_other_senders(visit: Visit, server: str) -> None:
    audience, presenter = present(visit, server + "deck/")
    # Any other window is not the presenter: a frame in the audience page that sends a move is ignored.
    # (Our listener runs after the deck's, so when it hears the message the deck has handled it.) The frame's
    # page and script come from the site's host, as the deck's policy asks of scripts.
    move = "parent.postMessage({ source: 'mx-deck', type: 'goto', index: 0, step: 0, blank: true, probe: 1 }, '*');"
    audience.route(server + "probe.js", lambda route: route.fulfill(body=move, content_type="text/javascript"))
    frame_page = '<!doctype html><script src="/probe.js"></script>'
    audience.route(server + "probe.html", lambda route: route.fulfill(body=frame_page, content_type="text/html"))
    audience.evaluate(
        """() => new Promise(done => {
            addEventListener('message', event => event.data && event.data.probe && done());
            const frame = document.createElement('iframe');
            frame.src = '/probe.html';
            document.body.append(frame);
        })"""
    )
    assert audience.evaluate("location.hash") == f"#{FIRST}"
    assert audience.locator("[data-deck-blank]").is_hidden()
    # Each window posts to the other, naming its origin (never "*", which any page there could read).
    presenter.evaluate(f"() => ({RECORD_POSTS})(window.opener)")
    audience.evaluate(f"() => ({RECORD_POSTS})(window.open('', 'mx-deck-presenter'))")
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_function(f"() => location.hash === '#{FIRST}.1'")
    audience.keyboard.press("ArrowRight")
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}.2'")
    origin = server.rstrip("/")
    assert set(presenter.evaluate("window.__posts")) == {origin}  # what the presenter sent the audience
    assert set(audience.evaluate("window.__posts")) == {origin}  # and the audience the presenter
    presenter.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_presenter_follows_the_audience_after_the_audience_reloads(
    visit: Visit, server: str, built: object, where: str
) -> None:
    base = server + "deck/index.html" if where == "http" else (built.site / "deck" / "index.html").as_uri()
    audience, presenter = present(visit, base)
    audience.keyboard.press("b")
    presenter.locator("[data-presenter-blank]").wait_for(state="visible")
    # The projector's window reloads at another place (as after a crash, or a link typed in): the
    # presenter follows without being touched, and the reloaded screen is no longer blank.
    audience.evaluate(f"() => {{ history.replaceState(null, '', '#{FIRST + 2}'); location.reload(); }}")
    ready(audience)
    presenter.wait_for_function(f"() => location.hash === '#{FIRST + 2}'")
    presenter.locator("[data-presenter-blank]").wait_for(state="hidden")
    presenter.keyboard.press("ArrowRight")  # and it still leads
    audience.wait_for_function(f"() => location.hash === '#{FIRST + 2}.1'")
    presenter.close()


def test_a_reloaded_presenter_view_rejoins_the_audience(visit: Visit, server: str) -> None:
    audience, presenter = present(visit, server + "deck/")
    # The presenter's window reloads at an old place: it takes the audience's place, not the reverse.
    presenter.evaluate("() => { history.replaceState(null, '', '#1'); location.reload(); }")
    ready(presenter)
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}'")
    assert audience.evaluate("location.hash") == f"#{FIRST}"
    audience.keyboard.press("End")
    presenter.wait_for_function(
        "() => document.querySelector('[data-slide].is-current').dataset.title === 'One goal each'"
    )
    presenter.close()


def test_the_presenters_clock_survives_a_reload(visit: Visit, server: str) -> None:
    page = visit.page
    page.clock.install()
    page.goto(server + "deck/?preset=short&view=presenter#1")
    elapsed = page.locator("[data-presenter-elapsed]")
    page.get_by_role("button", name="Start the clock").click()
    page.clock.run_for(185_000)
    seconds = {"3:04", "3:05"}  # whole seconds, updated each second (see the test above)
    assert elapsed.text_content() in seconds
    page.reload()
    assert page.locator("[data-module=mx-deck]").get_attribute("data-started") == "true"
    assert elapsed.text_content() in seconds
    page.get_by_role("button", name="Reset the clock").click()
    assert elapsed.text_content() == "0:00"
    page.reload()
    assert elapsed.text_content() == "0:00"
    assert page.locator("[data-presenter-pace]").text_content() == "Clock not started"


# ---------------------------------------------------------------- issue 11: overview, print


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_at_1280x720_the_overview_shows_every_slide_and_escape_returns_focus(
    open_browser: object, server: str, model: Metaphor, scheme: str
) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 720}, color_scheme=scheme)
    page = visit.page
    page.goto(server + f"deck/#{FIRST + 2}")
    ready(page)
    opener = page.get_by_role("button", name="Overview")
    opener.focus()
    page.keyboard.press("Enter")  # by keyboard, from the bar
    overview = page.locator("[data-deck-overview]")
    assert overview.is_visible()
    assert page.evaluate("document.activeElement.dataset.goto") == str(FIRST + 1)  # the current slide
    buttons = overview.locator("button")
    assert buttons.count() == slide_count(model)
    boxes = buttons.evaluate_all("bs => bs.map(b => b.getBoundingClientRect().toJSON())")
    assert all(0 <= b["top"] and b["bottom"] <= 720 and 0 <= b["left"] and b["right"] <= 1280 for b in boxes)
    visit.screenshot(f"deck-overview-1280x720-{scheme}")
    page.keyboard.press("Escape")
    assert overview.is_hidden()
    assert page.evaluate("document.activeElement.dataset.deckAction") == "overview"  # not <body>
    page.keyboard.press("Enter")
    buttons.nth(2).focus()
    page.keyboard.press("Enter")  # choosing a slide closes it too, with focus back on the bar
    assert overview.is_hidden() and current(visit)["hash"] == "#3"
    assert page.evaluate("document.activeElement.dataset.deckAction") == "overview"


def printed(visit: Visit, paper: str) -> list:
    return pages(visit.page.pdf(format=paper, landscape=True, print_background=True))


# Each scheme and each paper size once: the print styles give both schemes the same colours, and no
# colour depends on the paper (pairwise, as the reviews asked for a suite under five minutes).
@pytest.mark.parametrize("scheme, paper", [("light", "A4"), ("dark", "Letter")])
def test_printed_one_slide_a_page_in_light_colours_with_or_without_notes(
    open_browser: object, server: str, model: Metaphor, site_data: object, paper: str, scheme: str
) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = visit.page
    every = tuple(s.id for s in site_data.scenarios.scenarios)  # every pairing and every scenario
    pending = ",".join(s.id for s in site_data.scenarios.scenarios if s.pending)  # confirmed, as the plan asks
    page.goto(server + f"deck/?s={','.join(every)}&ok={pending}")
    ready(page)
    titles = page.locator("[data-slide]:not([hidden])").evaluate_all("ss => ss.map(s => s.dataset.title)")
    assert len(titles) == slide_count(model, runs=every)
    for notes in (False, True):
        if notes:
            page.get_by_role("button", name="Notes in print").click()
        sheets = printed(visit, paper)
        assert len(sheets) == len(titles), (paper, notes)  # no slide runs on to a second page
        for sheet in sheets:
            assert ("Facilitator notes" in sheet.text) == notes
            # The paper stays white and every word dark enough to read on it.
            assert [f for f in sheet.fills if f[1] > 0.2 and min(f[0]) < 0.9] == []
            assert all(contrast(colour, (1, 1, 1)) >= 4.5 for colour in sheet.text_colours), sheet.text_colours


def test_the_help_writes_its_keys_as_pymdownx_keys_does_and_names_every_key_the_guide_names(built: Project) -> None:
    help_dialog = built.page("deck/").select_one("[data-deck-help]")
    combos = [[kbd["class"] for kbd in keys.select("kbd")] for keys in help_dialog.select("span.keys")]
    assert len(help_dialog.select("kbd")) == sum(len(c) for c in combos)  # no key outside the extension's markup
    assert combos[:5] == [
        [["key-arrow-right"]],
        [["key-arrow-down"]],
        [["key-space"]],
        [["key-page-down"]],
        [["key-n"]],
    ]
    shift_space = markdown.markdown("++shift+space++", extensions=["pymdownx.keys"])
    assert str(help_dialog.select("span.keys")[7]) == str(
        BeautifulSoup(shift_space, "html.parser").select_one("span.keys")
    )
    guide = built.page("guide/").find("h2", id="running-the-session-with-the-deck").find_next("table")
    guide_keys = {kbd["class"][0] for kbd in guide.select("span.keys kbd")}
    assert len(guide_keys) > 8 and guide_keys <= {kbd["class"][0] for kbd in help_dialog.select("kbd")}


# ---------------------------------------------------------------- practice scenarios (issue 10)


def shown_injects(page: object) -> list[str]:
    """The steps of the current slide that a person can see, by number."""
    return page.locator("[data-slide].is-current .mx-slide__inject").evaluate_all(
        "els => els.filter(el => el.checkVisibility({ visibilityProperty: true })).map(el => el.dataset.step)"
    )


def test_the_sessions_scenarios_show_in_its_order_with_the_break_where_the_agenda_has_it(
    visit: Visit, server: str, model: Metaphor, site_data: object, essay: object
) -> None:
    # One pairing and three scenarios, run in an order that is not the file's: a session long enough for a
    # break, which falls after a scenario. The buffer has no slide but counts in the planned minutes.
    pairing = model.by_phase()[0][1][0].id
    ids = [s.id for s in site_data.scenarios.scenarios][2::-1]
    items = session_agenda((pairing,), ids, 10)
    kinds = [item.kind for item in items]
    assert kinds[kinds.index("break") - 1] == "scenario"  # the case this test is for
    visit.page.goto(server + f"deck/?m={pairing}&s={','.join(ids)}&b=10&view=presenter")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    titles = visit.page.locator("[data-slide]:not([hidden])").evaluate_all("ss => ss.map(s => s.dataset.title)")
    assert titles == slide_titles(model, items, essay.meta["title"])
    planned = visit.page.locator("[data-presenter-planned]").text_content()
    assert planned == f"{sum(item.minutes for item in items)} min planned"


def test_a_scenario_slide_shows_one_inject_at_a_time_by_clicker_keys_and_clicks(
    deck: Visit, server: str, site_data: object
) -> None:
    page = deck.page
    scenario = site_data.scenarios.scenario("design-review")
    page.goto(server + f"deck/?m=&s={scenario.id}")
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    number = go_to(page, f"Scenario: {scenario.title}")
    slide = page.locator("[data-slide].is-current")
    assert slide.locator(".mx-slide__setting").is_visible()
    assert shown_injects(page) == []  # the setting first; every inject waits
    steps = len(scenario.injects) + 2  # each inject, then the responses to weigh, then the debrief
    keys = ["PageDown", "ArrowRight", "Space", "ArrowDown"]
    for step in range(1, steps + 1):
        if step == 2:
            page.get_by_role("button", name="Next").click()  # the on-screen control reveals too
        else:
            page.keyboard.press(keys[(step - 1) % len(keys)])
        assert page.evaluate("location.hash") == f"#{number}.{step}"
        assert shown_injects(page) == [str(step)]  # earlier injects collapse, later ones wait
        assert slide.locator(".mx-slide__setting").is_visible()
        if step <= len(scenario.injects):
            assert slide.locator(f'[data-step="{step}"]').text_content().count(scenario.injects[step - 1].text) == 1
    assert "Responses to weigh" in slide.locator(f'[data-step="{steps - 1}"]').text_content()
    assert "Debrief" in slide.locator(f'[data-step="{steps}"]').text_content()
    page.keyboard.press("PageUp")
    assert shown_injects(page) == [str(steps - 1)]
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    assert page.locator("[data-slide].is-current").get_attribute("data-title") == "One goal each"


def test_the_presenter_sees_the_current_injects_notes_and_its_pacing(
    visit: Visit, server: str, model: Metaphor, site_data: object
) -> None:
    page = visit.page
    scenario = site_data.scenarios.scenario("design-review")
    # No pairings: the opening's and the passages' slides, then the scenario (slide FIRST) at the minute the
    # agenda gives it.
    start = sum(item.minutes for item in session_agenda((), (scenario.id,))[:2])
    page.clock.install()  # fake timers: read the page directly, no waiting
    page.goto(server + f"deck/?m=&s={scenario.id}&view=presenter#{FIRST}.2")
    assert page.locator("[data-module=mx-deck]").get_attribute("data-started") == "true"
    page.get_by_role("button", name="Start the clock").click()
    notes = page.locator("[data-presenter-notes]")
    shown = notes.inner_text()
    assert scenario.notes in shown and scenario.injects[1].notes in shown
    assert scenario.injects[0].notes not in shown and scenario.injects[2].notes not in shown
    phase = next(p.title for p in model.phases if p.id == scenario.injects[1].phase)
    linear = "Whatever the groups said, this is what happened next."
    assert notes.locator('[data-step-notes="2"]').inner_text() == f"2. {phase}: {linear} {scenario.injects[1].notes}"
    # The second inject is planned to start when the setting and the first inject have had their minutes.
    second = start + scenario.setting_minutes + scenario.injects[0].minutes
    pace = page.locator("[data-presenter-pace]")
    assert pace.text_content() == f"Ahead by {second} min"
    page.clock.run_for((second + 1) * 60_000)
    assert pace.text_content() == "On time"
    page.clock.run_for((scenario.injects[1].minutes + 1) * 60_000)  # the second inject's minutes are over
    assert pace.text_content() == "Behind by 2 min"
    page.keyboard.press("ArrowRight")  # the third inject starts now, 2 minutes after its planned start
    assert pace.text_content() == "Behind by 2 min"
    page.keyboard.press("ArrowLeft")
    page.clock.run_for(60_000)
    page.keyboard.press("ArrowRight")  # back, a minute on the second inject, on again: 3 minutes after the plan
    assert pace.text_content() == "Behind by 3 min"
    assert scenario.injects[2].notes in notes.inner_text() and scenario.injects[1].notes not in notes.inner_text()


def test_the_presenter_view_follows_the_audience_through_a_scenarios_injects(visit: Visit, server: str) -> None:
    audience, presenter = present(visit, server + "deck/")
    title = audience.locator("[data-slide]:not([hidden])").evaluate_all(
        "ss => ss.find(s => s.dataset.scenarioSlide).dataset.title"
    )
    number = go_to(audience, title)
    audience.keyboard.press("PageDown")  # the clicker reveals the first inject on the projector ...
    presenter.wait_for_function(f"() => location.hash === '#{number}.1'")  # ... and in the presenter view
    assert shown_injects(presenter) == ["1"]
    assert presenter.locator('[data-presenter-notes] [data-step-notes="1"]').is_visible()
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_function(f"() => location.hash === '#{number}.2'")
    assert shown_injects(audience) == ["2"]
    presenter.close()
