"""The metaphor explorer and the essay's marks, in headless Chromium.

Two groups, as a reader meets them: without JavaScript (everything readable, controls hidden)
and with JavaScript (selection, direction, filters, search, URL state, keyboard, live region).
"""

from __future__ import annotations

import re

import pytest

from conftest import Visit
from sources.essay_source import TYPOGRAPHY

FOLD = str.maketrans(TYPOGRAPHY)  # the one table, which the explorer reads from metaphor-data.js


def fold(text: str) -> str:
    """Fold text as the explorer's search does: lower case, typed typography, no apostrophes."""
    return text.lower().translate(FOLD).replace("'", "")


def haystack(entry: dict) -> str:
    parts = [entry["outage"]["term"], entry["outage"]["meaning"], entry["sexism"]["term"], entry["sexism"]["meaning"]]
    parts += [entry["breaks_down"], *entry["prompts"], *entry["quotes"]]
    return fold("\n".join(parts))


def in_display_order(mapping: dict) -> list[dict]:
    order = [p["id"] for p in mapping["phases"]]
    return sorted(mapping["entries"], key=lambda e: order.index(e["phase"]))


def shown_rows(visit: Visit) -> list[str]:
    return visit.page.locator("[data-explorer-row][data-entry]:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.entry)"
    )


def status(visit: Visit) -> str:
    return visit.page.locator("[data-explorer-status]").text_content()


def hash_of(visit: Visit) -> str:
    return visit.page.evaluate("location.hash")


# ---------------------------------------------------------------- without JavaScript


@pytest.fixture
def no_js(open_browser: object) -> Visit:
    return open_browser(java_script_enabled=False, viewport={"width": 1280, "height": 800})


def test_without_javascript_every_entry_is_readable_and_controls_are_hidden(
    no_js: Visit, server: str, mapping: dict
) -> None:
    no_js.page.goto(server + "explorer/")
    articles = no_js.page.locator("article[data-entry-id]")
    assert articles.count() == len(mapping["entries"])
    for index in range(articles.count()):
        assert articles.nth(index).is_visible()
    for control in ("[data-explorer-controls]", "[data-explorer-index]"):
        assert no_js.page.locator(control).is_hidden()
    tools = no_js.page.locator("[data-explorer-tools]")
    assert tools.count() == len(mapping["entries"])
    assert tools.evaluate_all("ts => ts.filter(t => t.checkVisibility()).length") == 0
    buttons = no_js.page.locator("[data-module=mx-explorer] button")
    assert buttons.count() > len(mapping["entries"])  # every control is in the page, and none shows
    assert buttons.evaluate_all("bs => bs.filter(b => b.checkVisibility()).map(b => b.textContent)") == []


def test_without_javascript_related_and_quote_links_work(no_js: Visit, server: str, mapping: dict) -> None:
    no_js.page.goto(server + "explorer/")
    entry = next(e for e in mapping["entries"] if e.get("related"))
    no_js.page.locator(f"#{entry['id']} a[data-related]").first.click()
    assert hash_of(no_js) == f"#{entry['related'][0]}"
    assert no_js.page.locator(f"#{entry['related'][0]}").is_visible()
    no_js.page.locator(f"#{entry['id']} a.mx-quote__link").first.click()
    no_js.page.wait_for_url(re.compile(r"/essay/#p-\d\d$"))
    assert entry["quotes"][0] in no_js.page.locator(":target").text_content()


# ---------------------------------------------------------------- with JavaScript


@pytest.fixture
def explorer(visit: Visit, server: str) -> Visit:
    visit.page.goto(server + "explorer/")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    return visit


def test_controls_are_revealed_and_nothing_is_selected_at_first(explorer: Visit, mapping: dict) -> None:
    assert explorer.page.locator("[data-explorer-index]").is_visible()
    assert explorer.page.locator("article[data-entry-id]:visible").count() == 0
    assert explorer.page.locator("[data-explorer-hint]").is_visible()
    assert status(explorer) == f"All {len(mapping['entries'])} concept pairs shown."
    assert shown_rows(explorer) == [e["id"] for e in in_display_order(mapping)]


@pytest.mark.parametrize("side, first, second", [("outage", "outage", "sexism"), ("sexism", "sexism", "outage")])
def test_choosing_a_concept_on_either_side_shows_its_counterpart(
    explorer: Visit, mapping: dict, side: str, first: str, second: str
) -> None:
    entry = mapping["entries"][3]
    explorer.page.locator(f'button[data-entry="{entry["id"]}"][data-side="{side}"]').click()
    row = explorer.page.locator(f'[data-explorer-row][data-entry="{entry["id"]}"]')
    assert row.locator("button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-current'))") == ["true", "true"]
    assert explorer.page.locator('button[data-entry][aria-current="true"]').count() == 2
    assert explorer.page.locator("button[data-entry][aria-pressed], button[data-entry][aria-controls]").count() == 0
    shown = explorer.page.locator("article[data-entry-id]:visible")
    assert shown.count() == 1 and shown.get_attribute("data-entry-id") == entry["id"]
    assert shown.locator(".mx-entry__side--outage .mx-entry__meaning").text_content() == entry["outage"]["meaning"]
    assert shown.locator(".mx-entry__side--sexism .mx-entry__meaning").text_content() == entry["sexism"]["meaning"]
    quotes = shown.locator("blockquote").all_text_contents()
    assert [q.strip() for q in quotes] == entry["quotes"]
    assert shown.locator(".mx-entry__breaks").text_content().endswith(entry["breaks_down"])
    assert shown.locator(".mx-entry__prompts li").all_text_contents() == entry["prompts"]
    assert hash_of(explorer) == f"#{entry['id']}"
    assert status(explorer) == (
        f"Selected: {entry['outage']['term']} (outage), paired with {entry['sexism']['term']} (sexism at work)."
    )
    assert explorer.page.locator("[data-explorer-hint]").is_hidden()


def test_related_entries_are_selectable_from_the_detail(explorer: Visit, mapping: dict) -> None:
    entry = next(e for e in mapping["entries"] if e.get("related"))
    explorer.page.locator(f'button[data-entry="{entry["id"]}"][data-side="outage"]').click()
    explorer.page.locator(f"#{entry['id']} a[data-related]").first.click()
    target = entry["related"][0]
    assert explorer.page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == target
    assert hash_of(explorer) == f"#{target}"
    assert explorer.page.locator(f'button[data-entry="{target}"]').first.get_attribute("aria-current") == "true"
    assert explorer.page.evaluate("document.activeElement.id") == "mx-explorer-detail"


def test_the_direction_switch_puts_the_sexism_side_first_and_keeps_rows_aligned(explorer: Visit, mapping: dict) -> None:
    entry = mapping["entries"][0]
    explorer.page.locator(f'button[data-entry="{entry["id"]}"][data-side="outage"]').click()
    explorer.page.get_by_role("radio", name="Sexism to outage").click()  # over its chip, where a reader clicks
    assert explorer.page.get_by_role("radio", name="Sexism to outage").is_checked()
    assert not explorer.page.get_by_role("radio", name="Outage to sexism").is_checked()
    firsts = explorer.page.locator("[data-explorer-row][data-entry]").evaluate_all(
        "rows => rows.map(r => r.firstElementChild.dataset.side)"
    )
    assert set(firsts) == {"sexism"}
    pairs = explorer.page.locator("[data-pair]").evaluate_all("ps => ps.map(p => p.firstElementChild.dataset.side)")
    assert set(pairs) == {"sexism"}
    boxes = [
        explorer.page.locator(
            f'[data-explorer-row][data-entry="{entry["id"]}"] button[data-side="{side}"]'
        ).bounding_box()
        for side in ("sexism", "outage")
    ]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    assert hash_of(explorer) == f"#{entry['id']}&dir=sexism"
    assert status(explorer) == (
        f"Selected: {entry['sexism']['term']} (sexism at work), paired with {entry['outage']['term']} (outage)."
    )


def test_the_phase_filter_shows_only_that_phase(explorer: Visit, mapping: dict) -> None:
    phase = mapping["phases"][1]
    explorer.page.get_by_role("radio", name=phase["title"]).click()
    expected = [e["id"] for e in mapping["entries"] if e["phase"] == phase["id"]]
    assert shown_rows(explorer) == expected
    assert status(explorer) == f"{len(expected)} of {len(mapping['entries'])} concept pairs shown."
    assert explorer.page.get_by_role("radio", name=phase["title"]).is_checked()
    assert not explorer.page.locator('[data-explorer-phase=""]').is_checked()
    assert hash_of(explorer) == f"#phase={phase['id']}"
    explorer.page.locator('[data-explorer-phase=""]').click()
    assert len(shown_rows(explorer)) == len(mapping["entries"])


@pytest.mark.parametrize("query", ["blast", "catastrophic", "root cause", "WE LEARN"])
def test_search_as_you_type_matches_both_sides_glosses_and_quotes(explorer: Visit, mapping: dict, query: str) -> None:
    explorer.page.locator("[data-explorer-search]").press_sequentially(query)
    words = fold(query).split()
    expected = [e["id"] for e in in_display_order(mapping) if all(w in haystack(e) for w in words)]
    assert expected, f"the query {query!r} should match something"
    assert shown_rows(explorer) == expected
    explorer.page.wait_for_function(
        "text => document.querySelector('[data-explorer-status]').textContent === text",
        arg=f"{len(expected)} of {len(mapping['entries'])} concept pairs shown."
        if len(expected) < len(mapping["entries"])
        else f"All {len(mapping['entries'])} concept pairs shown.",
    )
    assert f"q={query.replace(' ', '%20')}" in hash_of(explorer)


def test_a_search_with_no_match_says_what_to_do(explorer: Visit, mapping: dict) -> None:
    explorer.page.locator("[data-explorer-search]").press_sequentially("zzqx")
    assert shown_rows(explorer) == []
    empty = explorer.page.locator("[data-explorer-empty]")
    assert empty.is_visible()
    assert "Try a shorter or different word" in empty.text_content()
    explorer.page.wait_for_function(
        "() => document.querySelector('[data-explorer-status]').textContent.startsWith('No concepts match')"
    )
    empty.get_by_role("button", name="Clear search and filter").click()
    assert len(shown_rows(explorer)) == len(mapping["entries"])
    assert explorer.page.locator("[data-explorer-search]").input_value() == ""
    assert explorer.page.evaluate("document.activeElement.dataset.explorerSearch") == ""


def test_surprise_me_shows_every_entry_once_before_repeating(explorer: Visit, mapping: dict) -> None:
    button = explorer.page.get_by_role("button", name="Surprise me")
    picked = []
    for _ in mapping["entries"]:
        button.click()
        picked.append(explorer.page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id"))
    assert sorted(picked) == sorted(e["id"] for e in mapping["entries"])
    button.click()
    assert explorer.page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") != picked[-1]


def test_a_pasted_link_restores_the_same_view(visit: Visit, server: str, mapping: dict) -> None:
    entry = next(e for e in mapping["entries"] if e["phase"] == "respond" and "safe" in haystack(e))
    visit.page.goto(server + f"explorer/#{entry['id']}&dir=sexism&phase=respond&q=safe")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    assert visit.page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == entry["id"]
    assert visit.page.locator('[data-explorer-direction="sexism"]').is_checked()
    assert visit.page.locator('[data-explorer-phase="respond"]').is_checked()
    assert visit.page.locator("[data-explorer-search]").input_value() == "safe"
    expected = [e["id"] for e in in_display_order(mapping) if e["phase"] == "respond" and "safe" in haystack(e)]
    assert shown_rows(visit) == expected


def test_back_and_forward_walk_the_readers_steps(explorer: Visit, mapping: dict) -> None:
    first, second = mapping["entries"][0]["id"], mapping["entries"][1]["id"]
    explorer.page.locator(f'button[data-entry="{first}"]').first.click()
    explorer.page.locator(f'button[data-entry="{second}"]').first.click()
    explorer.page.locator('[data-explorer-phase="learn"]').click()
    selected = "article[data-entry-id]:visible"
    explorer.page.go_back()
    explorer.page.wait_for_function(f"() => location.hash === '#{second}'")
    assert explorer.page.locator('[data-explorer-phase=""]').is_checked()
    explorer.page.go_back()
    explorer.page.wait_for_function(f"() => location.hash === '#{first}'")
    assert explorer.page.locator(selected).get_attribute("data-entry-id") == first
    explorer.page.go_forward()
    explorer.page.wait_for_function(f"() => location.hash === '#{second}'")
    assert explorer.page.locator(selected).get_attribute("data-entry-id") == second
    explorer.page.go_forward()
    explorer.page.wait_for_function(f"() => location.hash === '#{second}&phase=learn'")
    assert explorer.page.locator('[data-explorer-phase="learn"]').is_checked()


def test_copy_link_and_citation(open_browser: object, server: str, mapping: dict) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 800})
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"])
    entry = mapping["entries"][2]
    visit.page.goto(server + f"explorer/#{entry['id']}&dir=sexism")
    article = visit.page.locator(f"#{entry['id']}")
    article.get_by_role("button", name="Copy link").click()
    visit.page.wait_for_function(
        "() => document.querySelector('[data-explorer-status]').textContent === 'Link copied.'"
    )
    assert visit.page.evaluate("navigator.clipboard.readText()") == server + f"explorer/#{entry['id']}&dir=sexism"
    article.get_by_role("button", name="Copy citation").click()
    visit.page.wait_for_function(
        "() => document.querySelector('[data-explorer-status]').textContent === 'Citation copied.'"
    )
    assert visit.page.evaluate("navigator.clipboard.readText()") == (
        f"“{entry['outage']['term']} ↔ {entry['sexism']['term']}”, in the companion to Sarah Allen, "
        f"“production outages are like sexism” (2018). {server}explorer/#{entry['id']}"
    )


def test_keyboard_only_walkthrough(explorer: Visit, mapping: dict) -> None:
    """The list is a grid (WAI-ARIA's pattern): one Tab stop, arrow keys inside, the keys said on the page."""
    page = explorer.page
    order = in_display_order(mapping)
    grid = page.get_by_role("grid", name="Concepts, in pairs")
    hint = page.locator(f"#{grid.get_attribute('aria-describedby')}")
    assert hint.is_visible() and "arrow keys" in hint.inner_text() and "Tab" in hint.inner_text()
    assert grid.get_by_role("columnheader").all_inner_texts() == ["Outage", "Sexism at work"]
    assert grid.get_by_role("row").count() == len(order) + 1
    assert grid.get_by_role("gridcell").count() == 2 * len(order)
    page.locator("[data-explorer-search]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Surprise me"
    page.keyboard.press("Tab")
    focused = "document.activeElement"
    assert page.evaluate(f"[{focused}.dataset.entry, {focused}.dataset.side]") == [order[0]["id"], "outage"]
    assert page.evaluate(f"getComputedStyle({focused}).outlineStyle") == "solid"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(f"{focused}.dataset.entry") == order[2]["id"]
    page.keyboard.press("ArrowRight")
    assert page.evaluate(f"{focused}.dataset.side") == "sexism"
    tab_stops = page.locator('button[data-entry][tabindex="0"]')  # one for the whole grid
    assert tab_stops.evaluate_all("bs => bs.map(b => [b.dataset.entry, b.dataset.side])") == [
        [order[2]["id"], "sexism"]
    ]
    page.keyboard.press("Enter")
    assert page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == order[2]["id"]
    assert status(explorer).startswith(f"Selected: {order[2]['outage']['term']}")
    page.keyboard.press("End")
    assert page.evaluate(f"{focused}.dataset.entry") == order[-1]["id"]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(f"[{focused}.dataset.entry, {focused}.dataset.side]") == [order[0]["id"], "outage"]
    page.keyboard.press("Space")
    assert hash_of(explorer) == f"#{order[0]['id']}"
    page.keyboard.press("Tab")  # out of the grid, into the chosen pair
    assert page.evaluate(f"document.querySelector('[data-explorer-detail]').contains({focused})")
    page.keyboard.press("Shift+Tab")  # back to the grid's one stop
    assert page.evaluate(f"[{focused}.dataset.entry, {focused}.dataset.side]") == [order[0]["id"], "outage"]
    page.keyboard.press("Escape")
    assert page.locator("article[data-entry-id]:visible").count() == 0
    assert hash_of(explorer) == ""
    assert page.evaluate(f"{focused}.dataset.entry") == order[0]["id"]


def test_the_explorer_fits_320_pixels_with_stacked_columns(open_browser: object, server: str, mapping: dict) -> None:
    narrow = open_browser(viewport={"width": 320, "height": 700}, color_scheme="dark")
    narrow.page.goto(server + "explorer/#" + mapping["entries"][0]["id"])
    assert narrow.page.evaluate("document.documentElement.scrollWidth") <= 320
    row = narrow.page.locator(f'[data-explorer-row][data-entry="{mapping["entries"][0]["id"]}"]')
    outage, sexism = (row.locator(f':scope > [data-side="{s}"]').bounding_box() for s in ("outage", "sexism"))
    assert sexism["y"] >= outage["y"] + outage["height"]
    assert row.locator('[data-side="outage"] .mx-explorer__side-name').is_visible()


def test_reduced_motion_turns_off_transitions(open_browser: object, server: str) -> None:
    durations = {}
    for motion in ("no-preference", "reduce"):
        visit = open_browser(reduced_motion=motion)
        visit.page.goto(server + "explorer/")
        button = visit.page.locator("button[data-entry]").first
        durations[motion] = set(button.evaluate("b => getComputedStyle(b).transitionDuration").split(", "))
    assert durations == {"no-preference": {"0.15s"}, "reduce": {"0s"}}


# ---------------------------------------------------------------- the essay, linked back


# ---------------------------------------------------------------- regressions (issue 9)


def test_search_folds_typography_with_the_datas_own_table(visit: Visit, server: str, mapping: dict) -> None:
    """The table of what a keyboard types for ’ “ ” — – lives in the data (data.typography) when present."""
    entry = next(
        e
        for e in in_display_order(mapping)
        if any("’" in w and w.replace("’", "") not in haystack_raw(e).lower() for w in haystack_raw(e).lower().split())
    )
    visit.page.add_init_script(
        """Object.defineProperty(window, 'mxMetaphorData', {
            configurable: true,
            get() { return this.__data; },
            set(data) { data.typography = { ...(data.typography || {}), '’': 'zq' }; this.__data = data; },
        });"""
    )
    visit.page.goto(server + "explorer/")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    # A word with ’ whose form without it is nowhere else (apostrophes are dropped as well).
    everything = " ".join(haystack_raw(e).lower() for e in mapping["entries"])
    word = next(w for w in haystack_raw(entry).lower().split() if "’" in w and w.replace("’", "") not in everything)
    visit.page.locator("[data-explorer-search]").press_sequentially(word.replace("’", "zq"))
    assert entry["id"] in shown_rows(visit)
    visit.page.locator("[data-explorer-search]").fill("")
    visit.page.locator("[data-explorer-search]").press_sequentially(word.replace("’", "'"))
    assert shown_rows(visit) == []  # the fallback table is not used when the data brings its own


def test_search_folds_typography_without_a_table_in_the_data(explorer: Visit, mapping: dict) -> None:
    typography = explorer.page.evaluate("window.mxMetaphorData.typography || null")
    table = typography or {"’": "'"}
    entry = next(e for e in in_display_order(mapping) if "’" in haystack_raw(e))
    word = next(w for w in haystack_raw(entry).lower().split() if "’" in w)
    explorer.page.locator("[data-explorer-search]").press_sequentially(word.replace("’", table["’"]))
    assert entry["id"] in shown_rows(explorer)


def haystack_raw(entry: dict) -> str:
    parts = [entry["outage"]["term"], entry["outage"]["meaning"], entry["sexism"]["term"], entry["sexism"]["meaning"]]
    return "\n".join([*parts, entry["breaks_down"], *entry["prompts"], *entry["quotes"]])


HEADER = "document.querySelector('.md-header').getBoundingClientRect().bottom"


SETTLED = """() => new Promise((resolve) => {
    let last = scrollY, still = 0;
    const frame = () => { still = scrollY === last ? still + 1 : 0; last = scrollY; still >= 3 ? resolve() : requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
})"""  # resolves once the page has not scrolled for three frames (rows laid out late have settled)


def heading_in_view(page: object, entry_id: str) -> bool:
    """Tell whether the pair's heading is wholly in the window, below the sticky header."""
    return page.evaluate(
        """([id, header]) => {
            const h = document.getElementById(`${id}-title`).getBoundingClientRect();
            return h.top >= header - 1 && h.bottom <= innerHeight;
        }""",
        [entry_id, page.evaluate(HEADER)],
    )


def choose(page: object, how: str, mapping: dict) -> str:
    """Choose a pair the way a reader would (a concept, "Surprise me", a "Related" link); return its id."""
    last = in_display_order(mapping)[-1]
    if how == "concept":
        page.locator(f'button[data-entry="{last["id"]}"][data-side="outage"]').click()
        return last["id"]
    if how == "surprise":
        page.get_by_role("button", name="Surprise me").click()
        return page.locator("article[data-entry-id]").get_attribute("data-entry-id")
    entry = next(e for e in reversed(in_display_order(mapping)) if e.get("related"))
    page.evaluate(f"location.hash = '#{entry['id']}'")
    page.locator(f"article[data-entry-id='{entry['id']}']").wait_for()
    page.locator(f"#{entry['id']} a[data-related]").first.click()
    return entry["related"][0]


@pytest.mark.parametrize("how", ["concept", "surprise", "related"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_chosen_pairs_heading_comes_into_view_below_the_header(
    open_browser: object, server: str, mapping: dict, how: str, scheme: str
) -> None:
    phone = open_browser(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = phone.page
    page.goto(server + "explorer/")
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    chosen = choose(page, how, mapping)
    page.locator(f"article[data-entry-id='{chosen}']").wait_for(state="visible")
    page.wait_for_function(
        """([id, header]) => {
            const h = document.getElementById(`${id}-title`).getBoundingClientRect();
            return h.top >= header - 1 && h.bottom <= innerHeight;
        }""",
        arg=[chosen, page.evaluate(HEADER)],
    )
    assert page.evaluate("document.activeElement.id") == "mx-explorer-detail"  # a screen reader is taken there too
    back = page.get_by_role("button", name="Back to the list")
    assert back.is_visible() and back.bounding_box()["y"] >= page.evaluate(HEADER) - 1
    phone.screenshot(f"explorer-chosen-{how}-390x844-{scheme}")


def test_on_a_phone_back_to_the_list_returns_to_the_chosen_concept(
    open_browser: object, server: str, mapping: dict
) -> None:
    page = open_browser(viewport={"width": 390, "height": 844}).page
    page.goto(server + "explorer/")
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    chosen = in_display_order(mapping)[5]["id"]
    concept = page.locator(f'button[data-entry="{chosen}"][data-side="outage"]')
    concept.focus()
    page.keyboard.press("Enter")  # by keyboard: Enter on the concept, then Tab to the button
    page.wait_for_function(f"() => document.getElementById('{chosen}-title')?.getBoundingClientRect().top >= 0")
    assert page.evaluate("document.activeElement.id") == "mx-explorer-detail"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Back to the list"
    page.keyboard.press("Enter")
    assert page.evaluate("[document.activeElement.dataset.entry, document.activeElement.dataset.side]") == [
        chosen,
        "outage",
    ]
    page.evaluate(SETTLED)
    box = concept.bounding_box()
    assert box["y"] >= page.evaluate(HEADER) and box["y"] + box["height"] <= 844


@pytest.mark.parametrize("where", [5, -1], ids=["mid-list", "end of the list"])
def test_on_a_desktop_the_pair_shows_beside_the_list_with_its_heading_in_view(
    visit: Visit, server: str, mapping: dict, where: int
) -> None:
    """The script reads the layout the stylesheet made (no breakpoint copied into JavaScript)."""
    visit.page.goto(server + "explorer/")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    last = in_display_order(mapping)[where]["id"]
    button = visit.page.locator(f'button[data-entry="{last}"][data-side="outage"]')
    button.scroll_into_view_if_needed()
    visit.page.evaluate(SETTLED)
    before = visit.page.evaluate("scrollY")
    button.click()
    article = visit.page.locator(f"article[data-entry-id='{last}']")
    article.wait_for(state="visible")
    visit.page.evaluate(SETTLED)
    if where == 5:
        assert visit.page.evaluate("scrollY") == before  # the reader stays where they were
    assert heading_in_view(visit.page, last) and button.is_visible()
    assert article.bounding_box()["x"] > 1280 / 3  # beside the list
    assert visit.page.get_by_role("button", name="Back to the list").is_hidden()  # the list is right there


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pairs_heading_follows_the_reading_direction(
    open_browser: object, server: str, mapping: dict, scheme: str
) -> None:
    page = open_browser(viewport={"width": 1280, "height": 800}, color_scheme=scheme).page
    entry = mapping["entries"][4]
    page.goto(server + f"explorer/#{entry['id']}")
    title = page.locator(f"#{entry['id']}-title")
    title.wait_for()
    assert (
        re.sub(r"\s+", " ", title.text_content()).strip()
        == f"{entry['outage']['term']} ↔ and {entry['sexism']['term']}"
    )
    page.get_by_role("radio", name="Sexism to outage").click()
    assert (
        re.sub(r"\s+", " ", title.text_content()).strip()
        == f"{entry['sexism']['term']} ↔ and {entry['outage']['term']}"
    )
    sides = page.locator(f"#{entry['id']} [data-pair] > [data-side]").evaluate_all("s => s.map(e => e.dataset.side)")
    assert sides == ["sexism", "outage"]
    page.goto(server + f"explorer/#{mapping['entries'][5]['id']}&dir=sexism")  # built already turned round
    other = page.locator(f"#{mapping['entries'][5]['id']}-title")
    other.wait_for()
    assert other.text_content().strip().startswith(mapping["entries"][5]["sexism"]["term"])


def test_a_filter_that_hides_the_chosen_pair_hides_its_detail_until_it_shows_again(
    explorer: Visit, mapping: dict
) -> None:
    page = explorer.page
    entry = next(e for e in mapping["entries"] if e["phase"] == "prepare")
    page.locator(f'button[data-entry="{entry["id"]}"]').first.click()
    assert page.locator("article[data-entry-id]:visible").count() == 1
    page.locator('[data-explorer-phase="learn"]').click()
    assert page.locator("article[data-entry-id]:visible").count() == 0
    assert page.locator("[data-explorer-hint]").is_visible()
    assert status(explorer).endswith("concept pairs shown.")
    page.locator('[data-explorer-phase=""]').click()
    assert page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == entry["id"]
    page.locator("[data-explorer-search]").press_sequentially("zzqx")
    assert page.locator("article[data-entry-id]:visible").count() == 0


def test_on_a_phone_a_pairs_two_concepts_sit_closer_than_two_pairs(open_browser: object, server: str) -> None:
    page = open_browser(viewport={"width": 390, "height": 844}).page
    page.goto(server + "explorer/")
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    boxes = page.locator("[data-explorer-row][data-entry]").evaluate_all(
        """rows => rows.slice(0, 4).map(r => [...r.querySelectorAll('button')].map(b => {
            const x = b.getBoundingClientRect(); return [x.top, x.bottom];
        }))"""
    )
    inside = [second[0] - first[1] for first, second in boxes]
    between = [boxes[i + 1][0][0] - boxes[i][1][1] for i in range(len(boxes) - 1)]
    assert max(inside) * 3 <= min(between), (inside, between)


def test_focus_rings_of_concepts_are_drawn_whole(open_browser: object, server: str) -> None:
    """A row's content-visibility clips what is drawn outside it: the ring must fit in the row."""
    for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 800}):
        page = open_browser(viewport=size).page
        page.goto(server + "explorer/")
        page.locator("[data-explorer-controls]").wait_for(state="visible")
        page.locator("[data-explorer-search]").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
        room = page.evaluate(
            """() => {
                const b = document.activeElement, s = getComputedStyle(b), row = b.closest('[data-explorer-row]');
                const ring = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
                const x = b.getBoundingClientRect(), r = row.getBoundingClientRect();
                return {ring, visibility: getComputedStyle(row).contentVisibility, style: s.outlineStyle,
                        sides: [x.top - r.top, r.right - x.right, r.bottom - x.bottom, x.left - r.left]};
            }"""
        )
        assert room["visibility"] == "auto" and room["style"] == "solid" and room["ring"] >= 5
        assert all(side >= room["ring"] for side in room["sides"]), room


def test_search_finds_words_typed_without_typography(explorer: Visit, mapping: dict) -> None:
    box = explorer.page.locator("[data-explorer-search]")
    for typed, written in (("dont", "don’t"), ("24x7", "24×7")):
        expected = [e["id"] for e in in_display_order(mapping) if written in haystack_raw(e)]
        assert expected, written
        box.fill("")
        box.press_sequentially(typed)
        assert set(expected) <= set(shown_rows(explorer)), typed


def test_the_no_match_message_goes_as_soon_as_the_query_does(explorer: Visit, mapping: dict) -> None:
    page = explorer.page
    box = page.locator("[data-explorer-search]")
    box.press_sequentially("zzqx")
    assert status(explorer).startswith("No concepts match")  # said at once, without the typing pause
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    # Read at once, not awaited: the message must not outlive the query by the typing pause.
    assert page.evaluate("document.querySelector('[data-explorer-status]').textContent") == (
        f"All {len(mapping['entries'])} concept pairs shown."
    )
    assert page.locator("[data-explorer-empty]").is_hidden()


PLACEHOLDER_ROOM = """() => {
    const field = document.querySelector('[data-explorer-search]'), style = getComputedStyle(field);
    const text = document.createElement('canvas').getContext('2d');
    text.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [text.measureText(field.placeholder).width, room];
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_search_fields_hint_is_whole_on_a_phone(open_browser: object, server: str, width: int) -> None:
    phone = open_browser(viewport={"width": width, "height": 800})
    phone.page.goto(server + "explorer/")
    phone.page.wait_for_function("() => performance.getEntriesByName('mx-explorer:ready').length > 0")
    hint, room = phone.page.evaluate(PLACEHOLDER_ROOM)
    assert 0 < hint <= room, (hint, room)


def test_the_reading_direction_and_the_phase_are_radio_groups_moved_by_arrow_keys(
    explorer: Visit, mapping: dict
) -> None:
    page = explorer.page
    direction = page.get_by_role("radiogroup", name="Reading direction")
    assert direction.get_by_role("radio").count() == 2
    phases = page.get_by_role("radiogroup", name="Phase")
    values = [r.get_attribute("data-explorer-phase") for r in phases.get_by_role("radio").all()]
    assert values == ["", *(p["id"] for p in mapping["phases"])]
    direction.get_by_role("radio", name="Outage to sexism").focus()
    ring = "el => getComputedStyle(el.nextElementSibling).outlineStyle"  # drawn on the chip, the radio's label
    assert page.evaluate(f"({ring})(document.activeElement)") == "solid"
    page.keyboard.press("ArrowRight")
    assert direction.get_by_role("radio", name="Sexism to outage").is_checked()
    assert hash_of(explorer) == "#dir=sexism"
    page.keyboard.press("Tab")  # one stop per group: Tab goes on to the phases, at the checked one
    assert page.evaluate("document.activeElement.dataset.explorerPhase") == ""
    page.keyboard.press("ArrowRight")
    assert hash_of(explorer) == f"#dir=sexism&phase={mapping['phases'][0]['id']}"
    assert phases.get_by_role("radio", name=mapping["phases"][0]["title"]).is_checked()
    chip = page.locator(f"label[for='{page.evaluate('document.activeElement.id')}']")
    colours = chip.evaluate(
        "c => [getComputedStyle(c).backgroundColor, getComputedStyle(c.closest('.md-typeset')).backgroundColor]"
    )
    assert colours[0] != colours[1]  # the checked chip is filled
    # The unseen input lies over its chip, where a magnifier that follows focus looks.
    radio, label = page.evaluate(
        "() => [document.activeElement, document.activeElement.nextElementSibling].map(e => {"
        " const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })"
    )
    assert radio == pytest.approx(label, abs=1)
    # Choices made one after another in a group are one step of the history: Back leaves the phases.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert hash_of(explorer) == f"#dir=sexism&phase={mapping['phases'][2]['id']}"
    page.go_back()
    page.wait_for_function("() => location.hash === '#dir=sexism'")


def test_on_a_phone_up_and_down_go_through_the_concepts_in_the_order_shown(open_browser: object, server: str) -> None:
    """Below 30em a pair's two concepts are stacked: Down goes from a pair's first to its second, then on."""
    page = open_browser(viewport={"width": 390, "height": 844}).page
    page.goto(server + "explorer/")
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    page.locator("[data-explorer-search]").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    seen = []
    for key in ["ArrowDown", "ArrowDown", "ArrowDown", "ArrowUp"]:
        page.keyboard.press(key)
        seen.append(
            page.evaluate(
                "() => [document.activeElement.getBoundingClientRect().top + scrollY, document.activeElement.dataset.side]"
            )
        )
    tops = [top for top, _ in seen]
    assert tops[0] < tops[1] < tops[2] and tops[3] == tops[1]  # always the next one down, then back up
    assert [side for _, side in seen] == ["sexism", "outage", "sexism", "outage"]
