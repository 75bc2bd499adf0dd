"""The deck in the room (issue 16): the opening and the close on screen, the presenter's next step and
countdowns, the notes inside an 800-pixel window, and the controls out of sight in full screen."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import segno
from agenda_spec import session_agenda

from conftest import DEPLOYED_URL, FIRST, Project, Visit
from model.metaphor_model import Metaphor

SUPPORT = "Jo Lee, room 4"


def ready(page: object) -> None:
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")


def until(page: object, condition: str) -> None:
    """Wait for ``condition`` under fake timers (which stop wait_for_function from polling): read it again."""
    for _ in range(100):
        if page.evaluate(condition):
            return
        time.sleep(0.05)
    raise AssertionError(f"never true: {condition}")


def pause(page: object) -> None:
    """Stop the page's fake clock a second on: from here, time moves only when the test says."""
    page.clock.pause_at(datetime.fromtimestamp(page.evaluate("Date.now()") / 1000 + 1, tz=UTC))


def slide_with_title(page: object, title: str) -> int:
    """The number of the shown slide titled ``title``."""
    titles = page.locator("[data-slide]:not([hidden])").evaluate_all("ss => ss.map(s => s.dataset.title)")
    return titles.index(title) + 1


# ---------------------------------------------------------------- the opening


def test_the_deck_opens_with_the_sessions_content_note_then_the_ground_rules(
    visit: Visit, server: str, mapping: dict, site_data: object
) -> None:
    # A session whose one scenario touches on harassment, and whose pairing touches on nothing sensitive.
    scenario = next(s for s in site_data.scenarios.scenarios if "harassment" in s.topics and not s.pending)
    entry = next(e for e in mapping["entries"] if not e.get("topics"))
    page = visit.page
    page.goto(server + f"deck/?m={entry['id']}&s={scenario.id}&support={SUPPORT.replace(' ', '%20')}&view=presenter#2")
    ready(page)
    slide = page.locator("[data-slide].is-current")
    assert slide.get_attribute("data-title") == "Content note"
    shown = slide.locator("[data-topic]:visible").evaluate_all("ts => ts.map(t => t.dataset.topic)")
    assert shown == list(scenario.topics)
    assert "Nobody is asked to share personal experiences" in slide.inner_text()
    assert slide.locator('[data-support-field="support"]').text_content() == SUPPORT
    notes = page.locator("[data-presenter-notes]")
    assert notes.inner_text() == mapping["workshop"]["content_note"]["notes"]
    # The title slide before it carries only the title and the credit.
    assert page.locator("[data-slide]").first.locator("[data-content-note]").count() == 0
    page.keyboard.press("ArrowRight")
    rules = page.locator("[data-slide].is-current")
    assert rules.get_attribute("data-title") == "Ground rules"
    expected = [f"{r['rule']} {r['detail']}" for r in mapping["workshop"]["ground_rules"]["rules"]]
    assert rules.locator("li").all_inner_texts() == expected
    assert rules.locator("li strong").all_inner_texts() == [
        r["rule"] for r in mapping["workshop"]["ground_rules"]["rules"]
    ]
    assert notes.inner_text() == mapping["workshop"]["ground_rules"]["notes"]


def test_the_guide_lists_the_same_ground_rules_as_the_slide(built: Project, mapping: dict) -> None:
    guide = built.page("guide/")
    items = guide.find(id="ground-rules").find_next("ul").find_all("li", recursive=False)
    rules = mapping["workshop"]["ground_rules"]["rules"]
    assert [li.get_text(" ", strip=True) for li in items] == [f"{r['rule']} {r['detail']}" for r in rules]


# ---------------------------------------------------------------- the close


def qr_modules(svg: object) -> list[list[bool]]:
    """Read back the dark modules of a QR code drawn as an SVG path of horizontal runs (``M x y h n m dx dy``)."""
    size = int(svg["viewBox"].split()[2])
    grid = [[False] * size for _ in range(size)]
    dark = next(p for p in svg.find_all("path") if p.get("stroke"))
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", dark["d"]):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return grid


def test_the_close_asks_for_one_goal_each_with_the_runbooks_address_and_its_qr_code(
    deployed: Project, mapping: dict
) -> None:
    deck = deployed.page("deck/")
    close = deck.select("[data-slide]")[-1]
    assert close["data-title"] == "One goal each"
    assert close.select_one(".mx-slide__heading").get_text() == "One goal each"
    assert close.select_one(".mx-slide__lead").get_text() == mapping["workshop"]["closing"]["prompt"]
    assert close.select_one("[data-support]") is not None  # the session's contacts, filled in by the script
    link = close.select_one("a[data-deck-runbook]")
    address = DEPLOYED_URL + "runbook/"
    assert link.get_text() == address
    assert (deployed.site / "deck" / link["href"] / "index.html").resolve().is_file()
    # The code is drawn into the page at build time (nothing to fetch) and reads as the runbook's address.
    svg = close.select_one("svg")
    assert svg["role"] == "img" and svg["aria-label"] == f"QR code for {address}"
    expected = [[bool(v) for v in row] for row in segno.make(address, error="m").matrix_iter(border=4)]
    assert qr_modules(svg) == expected
    assert "CC BY-SA 4.0" in close.get_text() and close.select_one(
        '.mx-slide__credit a[href^="https://www.ultrasaurus.com/"]'
    )


def test_without_an_address_of_its_own_the_close_links_the_runbook_and_draws_no_code(built: Project) -> None:
    close = built.page("deck/").select("[data-slide]")[-1]
    assert close.select_one("svg") is None
    link = close.select_one("a[data-deck-runbook]")
    assert (built.site / "deck" / link["href"] / "index.html").resolve().is_file()


# ---------------------------------------------------------------- the presenter's next step and countdowns


def test_the_presenter_previews_the_next_step_and_counts_down_each_step_and_the_debrief(
    open_browser: object, server: str, site_data: object
) -> None:
    scenario = site_data.scenarios.scenario("design-review")
    visit = open_browser(viewport={"width": 1200, "height": 800})
    page = visit.page
    page.clock.install()
    page.clock.pause_at(datetime.now(tz=UTC) + timedelta(hours=1))  # time moves only when the test says
    page.goto(server + f"deck/?m=&s={scenario.id}&view=presenter#{FIRST}")
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    title, preview = page.locator("[data-presenter-next-title]"), page.locator("[data-presenter-next]")
    left = page.locator("[data-presenter-left]")
    assert left.is_hidden()  # no countdown before the session clock starts
    page.clock.run_for(5 * 60_000)  # setting up
    page.get_by_role("button", name="Start the clock").click()
    # The setting: its own reading minutes, and the first inject next.
    assert title.text_content() == "Next step"
    assert scenario.injects[0].text in preview.inner_text()
    assert left.text_content() == f"{scenario.setting_minutes}:00 left on this step"
    page.clock.run_for(scenario.setting_minutes * 60_000 + 30_000)
    assert re.fullmatch(r"Time is up \(0:(29|30) over\)", left.text_content())  # whole seconds, each second
    # Time is up is said in words and shown by the frame's form, not only by a colour.
    assert left.get_attribute("class").split() == ["mx-deck__left", "is-up"]
    assert left.evaluate("el => [getComputedStyle(el).borderTopStyle, getComputedStyle(el).borderTopWidth]") == [
        "double",
        "6px",
    ]
    for number, inject in enumerate(scenario.injects, start=1):
        page.keyboard.press("ArrowRight")
        assert left.text_content() == f"{inject.minutes}:00 left on this step"
        assert "is-up" not in left.get_attribute("class")
        following = scenario.injects[number].text if number < len(scenario.injects) else "Responses to weigh"
        assert following in preview.text_content()
    page.keyboard.press("ArrowRight")  # the responses to weigh
    assert left.text_content() == f"{scenario.weigh_minutes}:00 left on this step"
    assert "Debrief" in preview.text_content()
    page.keyboard.press("ArrowRight")  # the debrief: its own countdown, and the next slide after it
    assert left.text_content() == f"{scenario.debrief_minutes}:00 left on this step"
    page.clock.run_for(90_000)
    assert left.text_content() == f"{scenario.debrief_minutes - 2}:30 left on this step"
    assert title.text_content() == "Next slide"
    assert "One goal each" in preview.inner_text()


def test_the_presenters_notes_stay_inside_an_800_pixel_window(open_browser: object, server: str) -> None:
    visit = open_browser(viewport={"width": 1200, "height": 800})
    page = visit.page
    page.goto(server + f"deck/?m=&s=design-review&view=presenter#{FIRST}.5")  # the debrief's long notes
    ready(page)
    notes = page.locator("[data-presenter-notes]")
    box = notes.bounding_box()
    assert box["y"] + box["height"] <= 800
    panel = page.locator("[data-deck-presenter]")
    assert panel.evaluate("el => el.scrollHeight <= el.clientHeight")  # the panel itself does not scroll
    # What does not fit scrolls inside the notes, which a keyboard can reach and scroll.
    if notes.evaluate("el => el.scrollHeight > el.clientHeight"):
        notes.focus()
        for _ in range(5):
            page.keyboard.press("ArrowDown")
        page.wait_for_function("() => document.querySelector('[data-presenter-notes]').scrollTop > 0")
        assert page.evaluate("location.hash") == f"#{FIRST}.5"  # the arrows scrolled; the slide stayed
    assert notes.get_attribute("tabindex") == "0" and notes.get_attribute("role") == "region"


# ---------------------------------------------------------------- full screen


def test_in_full_screen_the_controls_hide_until_the_mouse_moves_or_focus_reaches_them(
    open_browser: object, server: str
) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 720})
    page = visit.page
    page.clock.install()
    page.goto(server + "deck/")
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    pause(page)
    bar = page.locator("[data-deck-bar]")
    opacity = "() => getComputedStyle(document.querySelector('[data-deck-bar]')).opacity"
    assert page.evaluate(opacity) == "1"
    page.keyboard.press("f")
    until(page, "document.fullscreenElement !== null")
    page.clock.run_for(100)  # the change of screen is announced on the next frame
    until(page, "document.querySelector('.mx-deck--full') !== null")
    assert page.evaluate(opacity) == "0"
    page.keyboard.press("ArrowRight")  # the clicker does not bring the controls back
    assert page.evaluate(opacity) == "0"
    page.mouse.move(600, 300)
    page.mouse.move(640, 360)
    assert page.evaluate(opacity) == "1"
    page.clock.run_for(3_500)
    assert page.evaluate(opacity) == "0"
    page.keyboard.press("Tab")  # focus in the bar shows it, whatever the mouse does
    assert bar.evaluate("el => el.contains(document.activeElement)")
    page.clock.run_for(5_000)
    assert page.evaluate(opacity) == "1"
    page.keyboard.press("f")
    until(page, "document.fullscreenElement === null")
    page.mouse.click(5, 5)
    assert page.evaluate(opacity) == "1"


def test_run_to_plan_step_by_step_the_session_reaches_its_close_on_time(
    open_browser: object, server: str, model: Metaphor, site_data: object
) -> None:
    """Advance whenever the presenter's countdown reaches zero: the close comes when the agenda says it does."""
    entry, scenario = model.by_phase()[0][1][0].id, "design-review"
    items = session_agenda((entry,), (scenario,))
    visit = open_browser(viewport={"width": 1200, "height": 800})
    page = visit.page
    page.clock.install()
    page.goto(server + f"deck/?m={entry}&s={scenario}&view=presenter#1")
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    pause(page)
    page.get_by_role("button", name="Start the clock").click()
    left = page.locator("[data-presenter-left]")
    while page.evaluate("!document.querySelector('[data-slide].is-current').matches('.mx-slide--closing')"):
        match = re.fullmatch(r"(\d+):(\d\d) left on this (?:step|slide)", left.text_content() or "")
        if left.is_visible() and match:
            page.clock.run_for((int(match[1]) * 60 + int(match[2])) * 1000)
        page.keyboard.press("ArrowRight")
    elapsed = page.locator("[data-presenter-elapsed]").text_content()
    close_at = sum(item.minutes for item in items[:-1])
    assert elapsed in {f"{close_at - 1}:59", f"{close_at}:00"}  # whole seconds, updated each second
    assert page.locator("[data-presenter-pace]").text_content() == "On time"
    assert page.locator("[data-presenter-planned]").text_content() == f"{sum(i.minutes for i in items)} min planned"


def test_the_countdowns_wait_for_the_clock_and_survive_a_reload_of_the_presenter_view(
    open_browser: object, server: str, site_data: object
) -> None:
    scenario = site_data.scenarios.scenario("design-review")
    page = open_browser(viewport={"width": 1200, "height": 800}).page
    page.clock.install()
    page.clock.pause_at(datetime.now(tz=UTC) + timedelta(hours=1))
    page.goto(server + f"deck/?m=&s={scenario.id}&view=presenter#1")
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    left, pace = page.locator("[data-presenter-left]"), page.locator("[data-presenter-pace]")
    welcome = int(page.locator("[data-slide].is-current").get_attribute("data-minutes"))
    # Ten minutes of setting up, with the title slide on screen: no countdown has run yet.
    page.clock.run_for(10 * 60_000)
    assert left.is_hidden() and pace.text_content() == "Clock not started"
    hint = page.locator("#mx-deck-clock-help")
    assert hint.is_visible()
    page.get_by_role("button", name="Start the clock").click()
    assert left.text_content() == f"{welcome}:00 left on this slide"
    assert hint.is_hidden()  # once the clock runs, its explanation gives the notes its room
    # The first inject, two minutes in; the presenter view reloads and keeps its countdown and its clock.
    page.goto(server + f"deck/?m=&s={scenario.id}&view=presenter#{FIRST}.1")
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    page.clock.run_for(2 * 60_000)
    before = left.text_content()
    assert before == f"{scenario.injects[0].minutes - 2}:00 left on this step"
    page.reload()
    until(page, "document.querySelector('[data-module=mx-deck]').dataset.started === 'true'")
    assert left.text_content() == before
    assert page.get_by_role("button", name="Reset the clock").is_visible()


def test_a_presenter_view_on_its_own_says_it_is_not_connected(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "deck/?preset=short&view=presenter#2")
    ready(page)
    alone = page.locator("[data-presenter-alone]")
    alone.wait_for(state="visible", timeout=5000)
    assert alone.get_attribute("role") == "status"
    assert "Not connected to the slides" in alone.text_content() and "press S" in alone.text_content()
    # Opened from the slides with S, it is connected, and says nothing.
    page.goto(server + "deck/?preset=short#2")
    ready(page)
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    presenter = opened.value
    ready(presenter)
    presenter.wait_for_timeout(4000)
    assert presenter.locator("[data-presenter-alone]").is_hidden()
    presenter.keyboard.press("ArrowRight")
    until(page, "location.hash === '#3'")


def test_on_a_blank_screen_the_next_key_shows_the_slide_before_it_moves_on(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "deck/?preset=short#2")
    ready(page)
    cover = page.locator("[data-deck-blank]")
    page.keyboard.press("b")
    assert cover.is_visible()
    page.keyboard.press("PageDown")  # the clicker: the slide comes back, and stays where it was
    assert cover.is_hidden() and page.evaluate("location.hash") == "#2"
    page.keyboard.press("PageDown")
    assert page.evaluate("location.hash") == "#3"
    page.keyboard.press("b")
    page.keyboard.press("PageUp")
    assert cover.is_hidden() and page.evaluate("location.hash") == "#3"


def test_the_key_passages_minutes_are_shared_by_their_four_slides(built: Project, model: Metaphor) -> None:
    """Who plays which part, the metaphor map and where the metaphor stops have minutes of their own, inside the
    passages' block: the presenter counts them down, and moving on to them does not read as running ahead."""
    slides = built.page("deck/").select("section[data-slide]")
    minutes = {slide["data-title"]: int(slide["data-minutes"]) for slide in slides}
    workshop = model.workshop
    assert minutes["Who plays which part"] == workshop.roles_minutes > 0
    assert minutes["The metaphor map"] == workshop.map_minutes > 0
    assert minutes["Where the metaphor stops"] == workshop.limits_minutes > 0
    shared = ("Key passages", "Who plays which part", "The metaphor map", "Where the metaphor stops")
    assert sum(minutes[title] for title in shared) == workshop.passages.minutes
    assert minutes["Key passages"] > 0
