"""The metaphor explorer and the essay's marks, in headless Chromium.

Two groups, as a reader meets them: without JavaScript (everything readable, controls hidden)
and with JavaScript (selection, direction, filters, search, URL state, keyboard, live region).
"""

from __future__ import annotations

import re

import pytest

from conftest import Project, Visit, serve, window_listeners, with_instant_navigation
from essay_source import TYPOGRAPHY

FOLD = str.maketrans(TYPOGRAPHY)  # the one table, which the explorer reads from metaphor-data.js


def fold(text: str) -> str:
    return text.lower().translate(FOLD)


def haystack(entry: dict) -> str:
    parts = [entry["outage"]["term"], entry["outage"]["meaning"], entry["sexism"]["term"], entry["sexism"]["meaning"]]
    parts += [entry["breaks_down"], *entry["prompts"], *entry["quotes"]]
    return fold("\n".join(parts))


def in_display_order(mapping: dict) -> list[dict]:
    order = [p["id"] for p in mapping["phases"]]
    return sorted(mapping["entries"], key=lambda e: order.index(e["phase"]))


def shown_rows(visit: Visit) -> list[str]:
    return visit.page.locator("li[data-explorer-row]:visible").evaluate_all("rows => rows.map(r => r.dataset.entry)")


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


def test_without_javascript_the_essay_marks_link_to_explorer_entries(no_js: Visit, server: str) -> None:
    no_js.page.goto(server + "essay/")
    assert no_js.page.locator("[data-module=mx-marks-toggle]").is_hidden()
    link = no_js.page.locator("a.mx-mark__link").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"\.\./explorer/#[a-z0-9-]+", href)
    link.click()
    no_js.page.wait_for_url(re.compile(r"/explorer/#"))
    assert no_js.page.locator(f"#{href.split('#')[1]}").is_visible()


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
    row = explorer.page.locator(f'li[data-entry="{entry["id"]}"]')
    assert row.locator("button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-pressed'))") == ["true", "true"]
    assert explorer.page.locator('button[data-entry][aria-pressed="true"]').count() == 2
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
    assert explorer.page.locator(f'button[data-entry="{target}"]').first.get_attribute("aria-pressed") == "true"
    assert explorer.page.evaluate("document.activeElement.id") == "mx-explorer-detail"


def test_the_direction_switch_puts_the_sexism_side_first_and_keeps_rows_aligned(explorer: Visit, mapping: dict) -> None:
    entry = mapping["entries"][0]
    explorer.page.locator(f'button[data-entry="{entry["id"]}"][data-side="outage"]').click()
    explorer.page.get_by_role("button", name="Sexism → outage").click()
    assert explorer.page.get_by_role("button", name="Sexism → outage").get_attribute("aria-pressed") == "true"
    assert explorer.page.get_by_role("button", name="Outage → sexism").get_attribute("aria-pressed") == "false"
    firsts = explorer.page.locator("li[data-explorer-row]").evaluate_all(
        "rows => rows.map(r => r.firstElementChild.dataset.side)"
    )
    assert set(firsts) == {"sexism"}
    pairs = explorer.page.locator("[data-pair]").evaluate_all("ps => ps.map(p => p.firstElementChild.dataset.side)")
    assert set(pairs) == {"sexism"}
    boxes = [
        explorer.page.locator(f'li[data-entry="{entry["id"]}"] [data-side="{side}"]').bounding_box()
        for side in ("sexism", "outage")
    ]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    assert hash_of(explorer) == f"#{entry['id']}&dir=sexism"
    assert status(explorer) == (
        f"Selected: {entry['sexism']['term']} (sexism at work), paired with {entry['outage']['term']} (outage)."
    )


def test_the_phase_filter_shows_only_that_phase(explorer: Visit, mapping: dict) -> None:
    phase = mapping["phases"][1]
    explorer.page.locator(f'[data-explorer-phase="{phase["id"]}"]').click()
    expected = [e["id"] for e in mapping["entries"] if e["phase"] == phase["id"]]
    assert shown_rows(explorer) == expected
    assert status(explorer) == f"{len(expected)} of {len(mapping['entries'])} concept pairs shown."
    assert explorer.page.locator(f'[data-explorer-phase="{phase["id"]}"]').get_attribute("aria-pressed") == "true"
    assert explorer.page.locator('[data-explorer-phase=""]').get_attribute("aria-pressed") == "false"
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
    assert visit.page.locator('[data-explorer-direction="sexism"]').get_attribute("aria-pressed") == "true"
    assert visit.page.locator('[data-explorer-phase="respond"]').get_attribute("aria-pressed") == "true"
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
    assert explorer.page.locator('[data-explorer-phase=""]').get_attribute("aria-pressed") == "true"
    explorer.page.go_back()
    explorer.page.wait_for_function(f"() => location.hash === '#{first}'")
    assert explorer.page.locator(selected).get_attribute("data-entry-id") == first
    explorer.page.go_forward()
    explorer.page.wait_for_function(f"() => location.hash === '#{second}'")
    assert explorer.page.locator(selected).get_attribute("data-entry-id") == second
    explorer.page.go_forward()
    explorer.page.wait_for_function(f"() => location.hash === '#{second}&phase=learn'")
    assert explorer.page.locator('[data-explorer-phase="learn"]').get_attribute("aria-pressed") == "true"


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
    page = explorer.page
    order = in_display_order(mapping)
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
    tab_stops = page.locator('button[data-entry][tabindex="0"]')
    assert tab_stops.evaluate_all("bs => bs.map(b => b.dataset.entry)") == [order[2]["id"]] * 2
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
    page.keyboard.press("Tab")
    assert page.evaluate(f"{focused}.dataset.side") == "sexism"
    page.keyboard.press("Escape")
    assert page.locator("article[data-entry-id]:visible").count() == 0
    assert hash_of(explorer) == ""
    assert page.evaluate(f"{focused}.dataset.entry") == order[0]["id"]
    page.locator("[data-explorer-search]").focus()
    page.keyboard.type("root")
    page.keyboard.press("Escape")
    assert page.locator("[data-explorer-search]").input_value() == ""
    assert len(shown_rows(explorer)) == len(mapping["entries"])


def test_the_explorer_fits_320_pixels_with_stacked_columns(open_browser: object, server: str, mapping: dict) -> None:
    narrow = open_browser(viewport={"width": 320, "height": 700}, color_scheme="dark")
    narrow.page.goto(server + "explorer/#" + mapping["entries"][0]["id"])
    assert narrow.page.evaluate("document.documentElement.scrollWidth") <= 320
    row = narrow.page.locator(f'li[data-entry="{mapping["entries"][0]["id"]}"]')
    outage, sexism = (row.locator(f'[data-side="{s}"]').bounding_box() for s in ("outage", "sexism"))
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


def test_the_reader_can_turn_the_marks_off_and_the_choice_is_remembered(visit: Visit, server: str) -> None:
    visit.page.goto(server + "essay/")
    toggle = visit.page.get_by_role("button", name="Mark passages quoted in the explorer")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert visit.page.locator("a.mx-mark__link").first.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert visit.page.locator("a.mx-mark__link").first.is_hidden()
    mark = visit.page.locator(".mx-mark").first
    assert mark.evaluate("m => getComputedStyle(m).textDecorationLine") == "none"
    visit.page.reload()
    assert (
        visit.page.get_by_role("button", name="Mark passages quoted in the explorer").get_attribute("aria-pressed")
        == "false"
    )
    assert visit.page.locator("a.mx-mark__link").first.is_hidden()
    visit.page.get_by_role("button", name="Mark passages quoted in the explorer").click()
    assert visit.page.locator("a.mx-mark__link").first.is_visible()


def test_every_quoted_passage_is_marked_and_links_to_its_entry(visit: Visit, server: str, mapping: dict) -> None:
    visit.page.goto(server + "essay/")
    paragraphs = visit.page.locator("article.mx-essay").evaluate(
        """essay => [...essay.querySelectorAll('p[id]')].map(p => {
            const text = p.cloneNode(true);
            text.querySelectorAll('[data-mark-links]').forEach(links => links.remove());
            return {
                text: text.textContent,
                marked: [...p.querySelectorAll('.mx-mark')].map(m => m.textContent).join(''),
                links: [...p.querySelectorAll('a.mx-mark__link')].map(a => a.getAttribute('href').split('#')[1]),
            };
        })"""
    )
    for entry in mapping["entries"]:
        for quote in entry["quotes"]:
            (paragraph,) = [p for p in paragraphs if quote in p["text"]]
            assert quote in paragraph["marked"], quote
            assert entry["id"] in paragraph["links"], (entry["id"], quote)


def test_an_essay_mark_opens_its_entry_in_the_explorer(visit: Visit, server: str) -> None:
    visit.page.goto(server + "essay/")
    link = visit.page.locator("a.mx-mark__link").first
    entry_id = link.get_attribute("href").split("#")[1]
    link.click()
    visit.page.wait_for_url(re.compile(r"/explorer/#"))
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    assert visit.page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == entry_id


def test_the_explorer_starts_after_instant_navigation(project: Project, open_browser: object) -> None:
    with_instant_navigation(project)
    visit = open_browser(viewport={"width": 1280, "height": 800})
    with serve(project.site) as url:
        project.built(site_url=url)  # instant navigation only takes links under site_url
        visit.page.goto(url + "essay/")
        visit.page.evaluate("window.__samePage = true")
        visit.page.locator(".md-nav__link", has_text="Explorer").first.click()
        visit.page.wait_for_url(url + "explorer/")
        visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
        assert visit.page.evaluate("window.__samePage") is True  # no full page load happened
        visit.page.locator("button[data-entry]").first.click()
        assert visit.page.locator("article[data-entry-id]:visible").count() == 1
        visit.page.locator("article[data-entry-id]:visible a.mx-quote__link").first.click()
        visit.page.get_by_role("button", name="Mark passages quoted in the explorer").wait_for()
        assert visit.page.evaluate("window.__samePage") is True


# ---------------------------------------------------------------- regressions (issue 9)


def test_search_folds_typography_with_the_datas_own_table(visit: Visit, server: str, mapping: dict) -> None:
    """The table of what a keyboard types for ’ “ ” — – lives in the data (data.typography) when present."""
    entry = next(e for e in in_display_order(mapping) if "’" in haystack_raw(e))
    visit.page.add_init_script(
        """Object.defineProperty(window, 'mxMetaphorData', {
            configurable: true,
            get() { return this.__data; },
            set(data) { data.typography = { ...(data.typography || {}), '’': 'zq' }; this.__data = data; },
        });"""
    )
    visit.page.goto(server + "explorer/")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    word = next(w for w in haystack_raw(entry).lower().split() if "’" in w)
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


@pytest.mark.parametrize("width, stacked", [(390, True), (1280, False)])
def test_choosing_a_concept_brings_the_pair_into_view_only_where_it_sits_below(
    open_browser: object, server: str, mapping: dict, width: int, stacked: bool
) -> None:
    """The script reads the layout the stylesheet made (no breakpoint copied into JavaScript)."""
    visit = open_browser(viewport={"width": width, "height": 844})
    visit.page.goto(server + "explorer/")
    visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
    last = in_display_order(mapping)[-1]["id"]
    button = visit.page.locator(f'button[data-entry="{last}"][data-side="outage"]')
    button.scroll_into_view_if_needed()
    before = visit.page.evaluate("scrollY")
    button.click()
    article = visit.page.locator(f"article[data-entry-id='{last}']")
    article.wait_for(state="visible")
    if stacked:
        visit.page.wait_for_function(
            "() => Math.abs(document.querySelector('[data-explorer-detail]').getBoundingClientRect().top) < 2"
        )
        assert visit.page.evaluate("scrollY") != before
    else:
        assert visit.page.evaluate("scrollY") == before
        box = article.bounding_box()
        assert box["y"] < 844 and box["x"] > width / 3  # beside the list, in view


def test_listeners_do_not_pile_up_under_instant_navigation(project: Project, open_browser: object) -> None:
    with_instant_navigation(project)
    visit = open_browser(viewport={"width": 1280, "height": 800})
    with serve(project.site) as url:
        project.built(site_url=url)
        visit.page.goto(url + "glossary/")
        visit.page.evaluate("window.__samePage = true")
        counts = []
        for _ in range(4):  # glossary -> explorer -> (its link to the glossary) -> explorer ...
            visit.page.locator(".md-nav__link", has_text="Explorer").first.click()
            visit.page.wait_for_url(url + "explorer/")
            visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
            counts.append(window_listeners(visit, "popstate", "hashchange"))
            visit.page.locator(".mx-explorer__intro a", has_text="glossary").click()
            visit.page.wait_for_url(url + "glossary/")
        assert visit.page.evaluate("window.__samePage") is True  # no full page load happened
        assert counts == [counts[0]] * 4, counts
        started = visit.page.evaluate("performance.getEntriesByName('mx-explorer:ready').length")
        assert started == 4  # once per visit: never twice on one page
        visit.page.go_back()
        visit.page.locator("[data-explorer-controls]").wait_for(state="visible")
        first = visit.page.locator("button[data-entry]").first
        first.click()
        assert visit.page.locator("article[data-entry-id]:visible").count() == 1
        assert visit.page.evaluate("location.hash") == f"#{first.get_attribute('data-entry')}"
