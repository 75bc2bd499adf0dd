"""The facilitator kit: planning page, agendas, card picker, stopwatch, handout and cards."""

from __future__ import annotations

import math
import re

import markdown
import pytest
from agenda_spec import session_agenda
from bs4 import BeautifulSoup

from conftest import Project, Visit
from pdfs import printed


def display_order(mapping: dict) -> list[str]:
    order = [p["id"] for p in mapping["phases"]]
    return [e["id"] for e in sorted(mapping["entries"], key=lambda e: order.index(e["phase"]))]


# ---------------------------------------------------------------- the guide's agendas


def test_the_ready_agendas_add_up_to_their_minutes(built: Project, model: object, site_data: object) -> None:
    guide = built.page("guide/")
    for preset in model.workshop.presets:
        section = guide.select_one(f'[data-agenda="{preset.id}"]')
        rows = section.select("tbody tr")
        expected = session_agenda(preset.entries, preset.scenarios, preset.buffer)
        assert [r.select("td")[1].get_text() for r in rows] == [item.title for item in expected]
        assert [int(r.select("td")[2].get_text()) for r in rows] == [item.minutes for item in expected]
        assert int(section.select_one("[data-agenda-total]").get_text()) == preset.minutes
        starts = [r.select_one("td").get_text() for r in rows]
        assert starts[0] == "0:00" and starts[1] == f"0:{expected[0].minutes:02d}"
        assert section.find("p", recursive=False).get_text() == preset.notes


def tab_shape(tabs: object) -> list[tuple[str, list[str], str | None, bool]]:
    """The shape of a set of content tabs: each child's element, tab classes, input type and whether it is named."""
    return [
        (
            child.name,
            sorted(c for c in child.get("class", []) if c.startswith("tabbed")),
            child.get("type"),
            child.has_attr("name"),
        )
        for child in tabs.find_all(recursive=False)
    ]


def test_the_ready_agendas_are_content_tabs_as_pymdownx_tabbed_writes_them(built: Project, model: object) -> None:
    extension = markdown.Markdown(
        extensions=["pymdownx.tabbed"], extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
    )
    presets = model.workshop.presets
    source = "".join(f'=== "{p.id}"\n\n    {p.id}\n\n' for p in presets)
    theirs = BeautifulSoup(extension.convert(source), "html.parser")
    ours = built.page("guide/").select_one(".mx-agendas")
    assert tab_shape(ours) == tab_shape(theirs.select_one(".tabbed-set"))
    assert {"tabbed-set", "tabbed-alternate"} <= set(ours["class"]) and ours.has_attr("data-tabs")
    inputs = ours.find_all("input", recursive=False)
    labels = ours.select_one(".tabbed-labels").find_all("label", recursive=False)
    blocks = ours.select_one(".tabbed-content").find_all(class_="tabbed-block", recursive=False)
    assert [i["id"] for i in inputs] == [label["for"] for label in labels] == [f"agenda-{p.id}" for p in presets]
    assert [label.get_text() for label in labels] == [f"{p.minutes} min" for p in presets]
    assert [b["data-agenda"] for b in blocks] == [p.id for p in presets]
    titles = [f"{p.minutes}-minute session: {p.title[0].lower()}{p.title[1:]}" for p in presets]
    assert [b.find("h3", recursive=False).get_text() for b in blocks] == titles
    assert len({i["name"] for i in inputs}) == 1 and [i.has_attr("checked") for i in inputs] == [True] + [False] * (
        len(inputs) - 1
    )


def test_an_agenda_tab_opens_from_its_link_and_its_label_and_both_print(
    visit: Visit, server: str, model: object
) -> None:
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server + "guide/#agenda-long")
    short, long = page.locator("[data-agenda=short]"), page.locator("[data-agenda=long]")
    long.wait_for(state="visible")
    assert short.is_hidden()
    labels = page.locator(".mx-agendas .tabbed-labels")
    assert labels.evaluate("el => el.scrollWidth <= el.clientWidth")  # the labels fit a phone: nothing scrolls
    page.locator(".tabbed-labels label", has_text=f"{model.workshop.preset('short').minutes} min").click()
    short.wait_for(state="visible")
    assert long.is_hidden()
    page.emulate_media(media="print")
    assert short.is_visible() and long.is_visible()


def test_the_guide_computes_the_agenda_for_the_urls_session(
    visit: Visit, server: str, model: object, mapping: dict, site_data: object
) -> None:
    chosen = display_order(mapping)[::4]
    runs = [s.id for s in site_data.scenarios.scenarios][3:1:-1]  # two scenarios, not in the file's order
    session = f"m={','.join(chosen)}&s={','.join(runs)}&b=5"
    visit.page.goto(server + f"guide/?{session}")
    custom = visit.page.locator("[data-module=mx-agenda]")
    custom.wait_for(state="visible")
    expected = session_agenda(tuple(chosen), tuple(runs), 5)
    rows = custom.locator("tbody tr")
    assert rows.evaluate_all("rs => rs.map(r => r.children[1].textContent)") == [i.title for i in expected]
    assert [i.ref for i in expected if i.kind == "scenario"] == runs
    total = sum(i.minutes for i in expected)
    assert custom.locator("[data-agenda-total]").text_content() == str(total)
    summary = f"Your session: {len(chosen)} pairings, 2 scenarios, {total} minutes."
    assert " ".join(custom.locator("[data-session-text]").text_content().split()) == summary
    assert custom.locator("[data-session-change]").get_attribute("href").endswith(f"?{session}")


def test_without_javascript_the_guide_keeps_its_ready_agendas(open_browser: object, server: str, model: object) -> None:
    plain = open_browser(java_script_enabled=False)
    plain.page.goto(server + "guide/")
    assert plain.page.locator(f"[data-agenda={model.workshop.presets[0].id}] table").is_visible()
    for module in ("mx-agenda", "mx-picker", "mx-stopwatch"):
        root = plain.page.locator(f"[data-module={module}]")
        assert root.count() == 1 and root.is_hidden(), module


# ---------------------------------------------------------------- the planning page


def plan_total(model: object, site_data: object, entries: tuple, scenarios: tuple = (), buffer: int = 0) -> str:
    """What the plan page's running total says of a session, from the build's own agenda."""
    items = session_agenda(entries, scenarios, buffer)
    extras = [f"a {model.workshop.pause.minutes}-minute break"] if any(i.kind == "break" for i in items) else []
    extras += [f"{buffer} minutes kept free"] if buffer else []
    return (
        f"{len(entries)} of {len(model.entries)} pairings and {len(scenarios)} of {len(site_data.scenarios.scenarios)} "
        f"scenarios chosen: the session takes {sum(i.minutes for i in items)} minutes"
        + (f", with {' and '.join(extras)}" if extras else "")
        + "."
    )


def test_the_plan_page_presets_total_and_links_carry_the_session(
    visit: Visit, server: str, model: object, mapping: dict, site_data: object
) -> None:
    page = visit.page
    page.goto(server + "plan/")
    total = page.locator("[data-plan-total]")
    total.wait_for(state="visible")
    every = tuple(display_order(mapping))
    assert total.text_content() == plan_total(model, site_data, every)
    assert page.get_by_role("button", name="Every pairing").get_attribute("aria-pressed") == "true"
    presets = {p.id: p for p in model.workshop.presets}
    for preset in presets.values():
        name = f"{preset.minutes}-minute session"
        page.get_by_role("button", name=name).click()
        assert page.get_by_role("button", name=name).get_attribute("aria-pressed") == "true"
        assert total.text_content() == plan_total(model, site_data, preset.entries, preset.scenarios, preset.buffer)
        assert f"the session takes {preset.minutes} minutes" in total.text_content()
        ticked = page.locator('input[name="s"]:checked').evaluate_all("bs => bs.map(b => b.value)")
        assert ticked == list(preset.scenarios)
        assert page.locator('select[name="b"]').input_value() == str(preset.buffer)
        search = f"?m={','.join(i for i in display_order(mapping) if i in preset.entries)}"
        search += f"&s={','.join(preset.scenarios)}" + (f"&b={preset.buffer}" if preset.buffer else "")
        assert page.evaluate("location.search") == search
    long = presets["long"]
    assert long.buffer  # the long session keeps some minutes free: changing them leaves the preset
    page.locator('select[name="b"]').select_option("0")
    name = f"{long.minutes}-minute session"
    assert page.get_by_role("button", name=name).get_attribute("aria-pressed") == "false"
    assert total.text_content() == plan_total(model, site_data, long.entries, long.scenarios)
    page.locator('select[name="b"]').select_option(str(long.buffer))
    assert page.get_by_role("button", name=name).get_attribute("aria-pressed") == "true"
    # A scenario ticked last runs last; an extra pairing leaves the preset too.
    extra_scenario = next(s.id for s in site_data.scenarios.scenarios if s.id not in long.scenarios)
    page.locator(f"#plan-scenario-{extra_scenario}").check()
    runs = (*long.scenarios, extra_scenario)
    assert page.evaluate("new URLSearchParams(location.search).get('s')") == ",".join(runs)
    extra = next(i for i in display_order(mapping) if i not in long.entries)
    page.locator(f"#plan-{extra}").check()
    entries = tuple(i for i in display_order(mapping) if i in (*long.entries, extra))
    assert total.text_content() == plan_total(model, site_data, entries, runs, long.buffer)
    assert page.get_by_role("button", name=name).get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="Open the deck").click()
    page.wait_for_url(re.compile(r"/deck/\?m="))
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    shown = page.locator("[data-slide][data-entry]:not([hidden])").evaluate_all("ss => ss.map(s => s.dataset.entry)")
    assert shown == list(entries)
    run = page.locator("[data-slide][data-scenario-slide]:not([hidden])")
    assert run.evaluate_all("ss => ss.map(s => s.dataset.scenarioSlide)") == list(runs)  # in the order ticked
    items = session_agenda(entries, runs, long.buffer)
    planned = sum(i.minutes for i in items)
    page.goto(page.url.split("#")[0] + "&view=presenter")
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert page.locator("[data-presenter-planned]").text_content() == f"{planned} min planned"


def test_the_plan_page_works_by_keyboard(visit: Visit, server: str, model: object, site_data: object) -> None:
    page = visit.page
    page.goto(server + "plan/")
    page.locator("[data-plan-total]").wait_for(state="visible")
    short, long = model.workshop.preset("short"), model.workshop.preset("long")
    page.get_by_role("button", name=f"{short.minutes}-minute session").focus()
    page.keyboard.press("Tab")  # the next control in order: the long session
    assert page.evaluate("document.activeElement.textContent").startswith(f"{long.minutes}-minute session")
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name=f"{long.minutes}-minute session").get_attribute("aria-pressed") == "true"
    last = site_data.scenarios.scenarios[-1].id
    page.locator(f"#plan-scenario-{last}").focus()
    page.keyboard.press("Space")
    assert page.locator(f"#plan-scenario-{last}").is_checked()
    page.locator('select[name="b"]').focus()
    page.keyboard.press("ArrowDown")
    buffer = int(page.locator('select[name="b"]').input_value())
    assert buffer > long.buffer
    runs = (*long.scenarios, last)
    total = page.locator("[data-plan-total]").text_content()
    assert total == plan_total(model, site_data, long.entries, runs, buffer)
    page.get_by_role("button", name="Scenario sheets").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sheets/\?"))
    page.wait_for_function("() => document.querySelector('[data-module=mx-sheets]').dataset.started")
    shown = page.locator("section[data-scenario]:visible").evaluate_all("ss => ss.map(s => s.dataset.scenario)")
    assert shown == list(runs)


def test_without_javascript_the_plan_form_still_opens_the_chosen_handout(
    open_browser: object, server: str, mapping: dict, site_data: object
) -> None:
    plain = open_browser(java_script_enabled=False)
    plain.page.goto(server + "plan/")
    keep = display_order(mapping)[:2]
    for box in plain.page.locator('input[type=checkbox][name="m"]').all():
        if box.get_attribute("value") not in keep:
            box.uncheck()
    scenario = site_data.scenarios.scenarios[1].id
    plain.page.locator(f"#plan-scenario-{scenario}").check()
    plain.page.locator('select[name="b"]').select_option("10")
    plain.page.get_by_role("button", name="Handout").click()
    plain.page.wait_for_url(re.compile(r"/handout/\?m="))
    assert all(f"m={i}" in plain.page.url for i in keep)
    assert f"s={scenario}" in plain.page.url and "b=10" in plain.page.url


# ---------------------------------------------------------------- tools


def test_the_card_picker_does_not_repeat_until_all_are_drawn(visit: Visit, server: str, mapping: dict) -> None:
    visit.page.goto(server + "guide/")
    tools = visit.page.locator("[data-module=mx-picker]")
    tools.wait_for(state="visible")
    draw = tools.get_by_role("button", name="Draw a card")
    drawn = []
    for _ in mapping["entries"]:
        draw.click()
        drawn.append(tools.locator("[data-picker-entry]").get_attribute("data-picker-entry"))
    assert sorted(drawn) == sorted(e["id"] for e in mapping["entries"])
    assert tools.locator("[data-picker-count]").text_content() == f"{len(drawn)} of {len(drawn)} drawn"
    entry = next(e for e in mapping["entries"] if e["id"] == drawn[-1])
    assert tools.locator("[data-picker-card] li").all_text_contents() == entry["prompts"]
    draw.click()
    assert tools.locator("[data-picker-count]").text_content() == f"1 of {len(drawn)} drawn"


def test_the_stopwatch_counts_pauses_and_resets_and_says_so(visit: Visit, server: str) -> None:
    page = visit.page
    page.clock.install()
    page.goto(server + "guide/")
    stopwatch = page.locator("[data-module=mx-stopwatch]")
    stopwatch.wait_for(state="visible")
    time = stopwatch.locator("[data-stopwatch-time]")
    status = stopwatch.locator("[role=status]")
    stopwatch.get_by_role("button", name="Start").click()
    # Its label says what it does next; it is not a toggle button as well (that would announce "Pause, pressed").
    toggle = stopwatch.get_by_role("button", name="Pause")
    assert toggle.get_attribute("aria-pressed") is None
    assert status.text_content() == "Stopwatch running."
    page.clock.run_for(75_000)
    assert time.text_content() == "1:15"
    toggle.click()
    assert stopwatch.get_by_role("button", name="Start").get_attribute("aria-pressed") is None
    assert status.text_content() == "Stopwatch paused at 1:15."
    page.clock.run_for(60_000)
    assert time.text_content() == "1:15"
    stopwatch.get_by_role("button", name="Reset").click()
    assert time.text_content() == "0:00" and status.text_content() == "Stopwatch reset."


# ---------------------------------------------------------------- printables


PAPER_MARGINS = {side: "10mm" for side in ("top", "bottom", "left", "right")}  # about Chromium's default


def pdf_texts(visit: Visit, **options: object) -> list[str]:
    return [p.text for p in printed(visit.page, **options)]


@pytest.mark.parametrize("preset, paper", [("short", "Letter"), ("long", "A4")])  # each once: the longer, on A4
def test_a_ready_sessions_handout_fits_two_pages(visit: Visit, server: str, preset: str, paper: str) -> None:
    """Every pairing takes more pages (its type never goes under 9 pt: tests/test_printables.py)."""
    visit.page.goto(server + f"handout/?preset={preset}")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    texts = pdf_texts(visit, format=paper, margin=PAPER_MARGINS)
    assert len(texts) <= 2
    assert "Sarah Allen" in texts[0]
    assert "Companion material CC BY-SA 4.0" in re.sub(r"\s+", " ", texts[-1])  # the last line made it


def test_the_handout_follows_the_urls_selection(visit: Visit, server: str, mapping: dict) -> None:
    chosen = display_order(mapping)[:3]
    visit.page.goto(server + f"handout/?m={','.join(chosen)}")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    shown = visit.page.locator("tr[data-entry-id]:visible").evaluate_all("xs => xs.map(x => x.dataset.entryId)")
    assert shown == chosen
    phases = {e["id"]: e["phase"] for e in mapping["entries"]}
    groups = visit.page.locator("tbody[data-phase]:visible").evaluate_all("gs => gs.map(g => g.dataset.phase)")
    assert groups == list(dict.fromkeys(phases[i] for i in chosen))


def handout_scenarios(page: object) -> list[str]:
    page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    return page.locator("[data-handout-scenarios] li[data-scenario]:visible").evaluate_all(
        "xs => xs.map(x => x.dataset.scenario)"
    )


def test_the_handout_lists_the_sessions_scenarios_in_order_and_none_when_none(
    visit: Visit, server: str, model: object, site_data: object
) -> None:
    page = visit.page
    section = page.locator("[data-handout-scenarios]")
    long = model.workshop.preset("long")
    page.goto(server + "handout/?preset=long")
    assert handout_scenarios(page) == list(long.scenarios)
    assert section.is_visible()
    first = site_data.scenarios.scenario(long.scenarios[0])
    assert f"{first.title}. {first.setting}" in " ".join(section.text_content().split())
    texts = pdf_texts(visit, format="A4", margin=PAPER_MARGINS)
    assert len(texts) <= 2 and "Companion material CC BY-SA 4.0" in re.sub(r"\s+", " ", texts[-1])
    backwards = [s.id for s in site_data.scenarios.scenarios][:3][::-1]
    page.goto(server + f"handout/?m={long.entries[0]}&s={','.join(backwards)}")
    assert handout_scenarios(page) == backwards
    for search in (f"?m={long.entries[0]}", f"?m={long.entries[0]}&s=", ""):
        page.goto(server + f"handout/{search}")
        assert handout_scenarios(page) == [] and section.is_hidden(), search


def cards_pdf(visit: Visit, paper: str = "A4") -> list[str]:
    """Each printed page's text, with ligatures (ﬁ) undone and white space folded."""
    return [p.words for p in printed(visit.page, format=paper, margin=PAPER_MARGINS)]


def assert_sheets_of_six(texts: list[str], titles: list[str]) -> None:
    """Every card on exactly one page, six to a page but the last, numbered 1, 2, ... in order."""
    assert len(texts) == math.ceil(len(titles) / 6), f"{len(texts)} pages for {len(titles)} cards"
    per_page = [re.findall(r"Card (\d+) ·", t) for t in texts]
    assert [len(p) for p in per_page[:-1]] == [6] * (len(texts) - 1)
    assert [int(n) for page in per_page for n in page] == list(range(1, len(titles) + 1))
    for number, title in enumerate(titles, start=1):
        top = [i for i, t in enumerate(texts) if re.search(rf"No\. {number}\b", t, re.IGNORECASE)]
        foot = [i for i, t in enumerate(texts) if f"Card {number} ·" in t]
        assert len(top) == 1 and top == foot, f"card {number} is split across pages {top} and {foot}"
        assert re.sub(r"\W", "", title) in re.sub(r"\W", "", texts[top[0]]), (number, title)


def outage_terms(mapping: dict, ids: list[str]) -> list[str]:
    by_id = {e["id"]: e for e in mapping["entries"]}
    return [by_id[i]["outage"]["term"] for i in ids]


@pytest.mark.parametrize("pick", ["preset=short&groups=1", "five", "seven"])
def test_cards_for_a_selection_print_six_to_a_sheet_numbered_from_one(
    visit: Visit, server: str, mapping: dict, pick: str
) -> None:
    order = display_order(mapping)
    if pick.startswith("preset=short"):
        short = next(p for p in mapping["workshop"]["presets"] if p["id"] == "short")["entries"]
        chosen, query = [i for i in order if i in short], pick
    else:
        chosen = order[1::3][: {"five": 5, "seven": 7}[pick]]
        query = f"m={','.join(chosen)}"
    visit.page.goto(server + f"cards/?{query}")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-cards]').dataset.started")
    shown = visit.page.locator("article[data-entry-id]:visible").evaluate_all("xs => xs.map(x => x.dataset.entryId)")
    assert shown == chosen
    numbers = visit.page.locator("article[data-entry-id] .mx-card__phase [data-card-number]").all_text_contents()
    assert numbers == [str(n) for n in range(1, len(chosen) + 1)]
    assert_sheets_of_six(cards_pdf(visit), outage_terms(mapping, chosen))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_cards_print_six_to_a_page_and_none_is_split(visit: Visit, server: str, mapping: dict, paper: str) -> None:
    visit.page.goto(server + "cards/")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-cards]').dataset.started")
    assert_sheets_of_six(cards_pdf(visit, paper), outage_terms(mapping, display_order(mapping)))


def test_without_javascript_cards_print_every_pairing_six_to_a_sheet(
    open_browser: object, server: str, mapping: dict
) -> None:
    plain = open_browser(java_script_enabled=False)
    plain.page.goto(server + "cards/?preset=short")  # the selection needs the script: every card prints
    assert_sheets_of_six(cards_pdf(plain), outage_terms(mapping, display_order(mapping)))


# ---------------------------------------------------------------- the facilitator's path (issue 11)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_plans_agenda_button_lands_on_the_selections_agenda(
    open_browser: object, server: str, scheme: str, model: object
) -> None:
    page = open_browser(viewport={"width": 1280, "height": 800}, color_scheme=scheme).page
    page.goto(server + "plan/?preset=short")
    page.locator("[data-plan-total]").wait_for(state="visible")
    page.get_by_role("button", name="Agenda").click()
    page.wait_for_url(re.compile(r"/guide/\?.*#agenda-custom$"))
    heading = page.get_by_role("heading", name="Agenda for your session")
    heading.wait_for()
    page.wait_for_function(
        """() => {
            const h = document.getElementById('agenda-custom').getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return h.top >= header - 1 && h.bottom <= innerHeight;
        }"""
    )
    short = next(p for p in model.workshop.presets if p.id == "short")
    assert page.locator("[data-module=mx-agenda] [data-agenda-total]").text_content() == str(short.minutes)


# One reading a key, in one call: the focused box, the header's bottom, and the plan's bar, total and deck button.
SEEN = """([total, deck, bar]) => {
    const box = (element) => element.getBoundingClientRect().toJSON();
    return {
        name: document.activeElement.name, focused: box(document.activeElement), total: total.textContent,
        header: document.querySelector(".md-header").getBoundingClientRect().bottom,
        bar: box(bar), totalBox: box(total), deck: box(deck),
    };
}"""


@pytest.mark.parametrize(  # each size and each scheme once (pairwise)
    "size, scheme",
    [({"width": 390, "height": 844}, "dark"), ({"width": 1280, "height": 800}, "light")],
    ids=["390-dark", "1280-light"],
)
def test_the_total_and_buttons_stay_in_view_while_ticking_and_never_hide_the_focus(
    open_browser: object, server: str, size: dict, scheme: str
) -> None:
    visit = open_browser(viewport=size, color_scheme=scheme)
    page = visit.page
    page.goto(server + "plan/")
    total = page.locator("[data-plan-total]")
    total.wait_for(state="visible")
    bar = page.locator("[data-plan-bar]")
    deck = page.get_by_role("button", name="Open the deck")
    pairings = page.locator('input[type=checkbox][name="m"]').count()
    scenarios = page.locator('input[type=checkbox][name="s"]').count()
    # In the order Tab reaches them: a scenario waiting for review comes after its confirmation, which enables it.
    boxes = page.locator(
        'input[type=checkbox][name="m"], input[type=checkbox][name="s"], input[type=checkbox][name="ok"]'
    )
    handles = [total.element_handle(), deck.element_handle(), bar.element_handle()]
    count = boxes.count()
    boxes.first.focus()
    before = total.text_content()
    for index in range(count):  # by keyboard: Space ticks (pairings off, scenarios on), Tab moves on
        page.keyboard.press("Space")
        seen = page.evaluate(SEEN, handles)  # what the focused box, the header, the bar and the total show now
        assert (seen["total"] != before) != (seen["name"] == "ok")  # a confirmation alone changes no total
        before = seen["total"]
        focused, top = seen["focused"], seen["bar"]["top"]
        assert seen["header"] <= focused["top"] and focused["bottom"] + 3 <= top, (index, focused, top)  # ring too
        for box in (seen["totalBox"], seen["deck"]):
            assert 0 <= box["top"] and box["bottom"] <= size["height"], index
        if index == 3:
            visit.screenshot(f"plan-ticking-{size['width']}x{size['height']}-{scheme}")
        page.keyboard.press("Tab")
        while index + 1 < count and page.evaluate("document.activeElement.tagName") == "A":
            page.keyboard.press("Tab")  # past a link in a note (the scenarios page, for one waiting for review)
    assert total.text_content().startswith(f"0 of {pairings} pairings and {scenarios} of {scenarios} scenarios chosen")


@pytest.mark.parametrize("runs", [(), ("design-review",), ("design-review", "on-call-load")])
@pytest.mark.parametrize("every", [1, 3, 5])
def test_the_builds_agenda_follows_the_rules_the_mapping_states(
    model: object, site_data: object, mapping: dict, runs: tuple, every: int
) -> None:
    """hooks/model lays out every agenda the pages print: checked against the rules, worked out apart."""
    chosen = display_order(mapping)[::every]
    built = model.agenda(tuple(chosen), scenarios=site_data.scenarios.blocks(runs), buffer=every)
    assert [(i.kind, i.title, i.minutes, i.ref) for i in built] == [
        (b.kind, b.title, b.minutes, b.ref) for b in session_agenda(chosen, runs, every)
    ]
