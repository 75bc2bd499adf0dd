"""The facilitator's session, kept across the kit, and the gates on sensitive material.

A session chosen on the planning page is remembered in this browser and carried in the address by
the sidebar's, the footer's and the deck's links, and every kit page says in one line what it shows.
A scenario whose review is pending is labelled, never drawn, in no preset, and added to a session
only once the facilitator confirms; the content note names every sensitive topic of the session.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import NavigableString

from conftest import Project, Visit, parsed, settle
from model.metaphor_model import Metaphor
from pages.page_templates import words

NUMBER = r"\d+|" + "|".join(["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])


def as_number(word: str) -> int:
    """Read a count as the pages write it: "nine" or "9"."""
    return int(word) if word.isdigit() else words_back()[word.lower()]


def words_back() -> dict[str, int]:
    return {words(n): n for n in range(0, 13)}


def plural(n: int, one: str, many: str) -> str:
    return f"{'no' if n == 0 else n} {one if n == 1 else many}"


def line_for(preset: object) -> str:
    """What a kit page's session line says for a ready session (its length is the preset's own, declared)."""
    return (
        f"Your session: {plural(len(preset.entries), 'pairing', 'pairings')}, "
        f"{plural(len(preset.scenarios), 'scenario', 'scenarios')}, {preset.minutes} minutes."
    )


def session_line(visit: Visit) -> str:
    line = visit.page.locator("[data-module=mx-session]").first
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-session]')?.dataset.started")
    return " ".join(line.locator("[data-session-text]").inner_text().split())


def chosen_on_the_plan(visit: Visit, server: str, preset: str) -> None:
    visit.page.goto(server + "plan/")
    visit.page.locator("[data-plan-presets]").wait_for(state="visible")
    visit.page.locator(f'[data-plan-preset="{preset}"]').click()


def query(url: str) -> dict[str, list[str]]:
    return {name: value[0].split(",") for name, value in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


# ---------------------------------------------------------------- the session, kept across the kit


def test_a_session_chosen_on_the_plan_follows_the_sidebar_footer_and_deck_links(
    visit: Visit, server: str, model: Metaphor
) -> None:
    preset = model.workshop.preset("short")
    page = visit.page
    chosen_on_the_plan(visit, server, "short")
    # The plan's own address is clean: one value per parameter, in order.
    assert re.fullmatch(r"m=[a-z0-9,-]*&s=[a-z0-9,-]*(&ok=[a-z0-9,-]+)?(&b=\d+)?", urlsplit(page.url).query)
    sidebar = page.locator(".md-nav--primary")
    sidebar.get_by_role("link", name="Handout", exact=True).click()  # the sidebar
    assert query(page.url)["m"] == list(preset.entries) and query(page.url)["s"] == list(preset.scenarios)
    assert session_line(visit) == line_for(preset)
    shown = page.locator("tr[data-entry-id]:visible")
    assert [shown.nth(i).get_attribute("data-entry-id") for i in range(shown.count())] == list(preset.entries)
    page.locator("a.md-footer__link--next").click()  # the footer: Next, the discussion cards
    assert urlsplit(page.url).path.endswith("/cards/") and query(page.url)["m"] == list(preset.entries)
    assert session_line(visit) == line_for(preset)
    assert page.locator("article.mx-card:visible").count() == len(preset.entries)
    for name, check in [
        ("Scenario sheets", lambda: page.locator("section.mx-sheet:visible").count() == len(preset.scenarios)),
        ("Practice scenarios", lambda: "your session's" in page.locator("[data-scenarios-pool]").inner_text()),
        (
            "Facilitator guide",
            lambda: page.locator("[data-module=mx-agenda] [data-agenda-total]").inner_text() == str(preset.minutes),
        ),
    ]:
        sidebar.get_by_role("link", name=name, exact=True).click()
        assert session_line(visit) == line_for(preset), name
        assert query(page.url)["s"] == list(preset.scenarios), name
        assert check(), name
    sidebar.get_by_role("link", name="Slide deck", exact=True).click()
    assert session_line(visit) == line_for(preset)
    assert page.locator("[data-slide]:not([hidden])[data-entry]").count() == len(preset.entries)
    page.keyboard.press("o")  # on a projector, the overview says which session the deck shows
    overview = page.locator("[data-deck-overview]")
    assert " ".join(overview.locator("[data-session-text]").inner_text().split()) == line_for(preset)
    overview.get_by_role("link", name="Change", exact=True).click()  # the deck's way back to the plan keeps it
    page.locator("[data-plan-total]").wait_for(state="visible")
    assert page.locator('[data-plan-preset="short"]').get_attribute("aria-pressed") == "true"


def test_a_kit_page_reached_without_a_query_takes_the_session_this_browser_kept(
    visit: Visit, server: str, model: Metaphor
) -> None:
    preset = model.workshop.preset("long")
    chosen_on_the_plan(visit, server, "long")
    visit.page.goto(server + "deck/")  # typed in, or from a bookmark: no query
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert query(visit.page.url)["s"] == list(preset.scenarios)  # the address now says which session it shows
    assert session_line(visit) == line_for(preset)
    visit.page.reload()
    assert session_line(visit) == line_for(preset)


def test_show_everything_and_back_to_the_session(visit: Visit, server: str, model: Metaphor) -> None:
    preset = model.workshop.preset("short")
    chosen_on_the_plan(visit, server, "short")
    page = visit.page
    page.goto(server + "handout/")
    page.get_by_role("link", name="Show everything").click()
    assert session_line(visit) == "Showing every pairing, not your session."
    assert page.locator("tr[data-entry-id]:visible").count() == len(model.entries)
    page.get_by_role("link", name="Back to your session").click()
    assert session_line(visit) == line_for(preset)
    assert page.locator("tr[data-entry-id]:visible").count() == len(preset.entries)


def test_without_a_session_a_kit_page_says_it_shows_everything(visit: Visit, server: str) -> None:
    for path, everything in [("handout/", "every pairing"), ("sheets/", "every scenario's sheets")]:
        visit.page.goto(server + path)
        assert session_line(visit) == f"This page shows {everything}."
        assert visit.page.locator("[data-session-change]").inner_text() == "Plan a session"


# ---------------------------------------------------------------- a scenario whose review is pending


def pending(site_data: object) -> list[object]:
    waiting = [s for s in site_data.scenarios.scenarios if s.pending]
    assert waiting, "the real scenarios include one whose review is pending"
    return waiting


def test_no_preset_runs_a_scenario_waiting_for_review_or_ends_on_a_sensitive_topic(
    model: Metaphor, site_data: object
) -> None:
    waiting = {s.id for s in pending(site_data)}
    order = [e.id for _, entries in model.by_phase() for e in entries]
    for preset in model.workshop.presets:
        assert not waiting & set(preset.scenarios), preset.id
        last = (
            site_data.scenarios.scenario(preset.scenarios[-1])
            if preset.scenarios
            else model.entry(max(preset.entries, key=order.index))
        )
        assert not last.topics, preset.id


def test_a_scenario_waiting_for_review_is_added_only_once_the_facilitator_confirms(
    visit: Visit, server: str, site_data: object, model: Metaphor
) -> None:
    scenario = pending(site_data)[0]
    page = visit.page
    page.goto(server + "plan/")
    box = page.locator(f"#plan-scenario-{scenario.id}")
    confirm = page.locator(f"#plan-ok-{scenario.id}")
    assert box.is_disabled() and not box.is_checked()
    assert (
        f"Not yet reviewed by {scenario.review.needs}"
        in page.locator(f'[data-plan-pending="{scenario.id}"]').inner_text()
    )
    names = " and ".join(t.name for t in model.workshop.topics if t.id in scenario.topics)
    assert confirm.locator("xpath=..").inner_text().endswith(f"name {names}")
    confirm.check()
    assert box.is_enabled()
    box.check()
    page.locator("#plan-scenario-design-review").check()  # not the last item: nothing sensitive ends a session
    assert query(page.url)["ok"] == [scenario.id] and scenario.id in query(page.url)["s"]
    page.get_by_role("button", name="Open the deck").click()
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert page.locator(f'[data-scenario-slide="{scenario.id}"]').get_attribute("hidden") is None  # in the deck
    # Without the confirmation in its address, no kit page runs it.
    page.goto(server + f"deck/?m=&s={scenario.id}")
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert page.locator(f'[data-scenario-slide="{scenario.id}"]').get_attribute("hidden") is not None
    page.goto(server + "plan/")
    confirm.uncheck()
    assert box.is_disabled() and not box.is_checked()


def test_a_scenario_waiting_for_review_is_labelled_and_never_drawn(
    visit: Visit, server: str, site_data: object
) -> None:
    waiting = pending(site_data)
    reviewed = [s for s in site_data.scenarios.scenarios if not s.pending]
    page = visit.page
    page.goto(server + "scenarios/")
    for scenario in waiting:
        label = page.locator(f"article#{scenario.id} .mx-flag").first
        assert label.inner_text() == f"Not yet reviewed by {scenario.review.needs}"
    pool = page.locator("[data-scenarios-pool]")
    pool.wait_for(state="visible")
    assert pool.inner_text().startswith(
        f"Draws from {len(reviewed)} of the {len(site_data.scenarios.scenarios)} scenarios, each once before any repeats."
    )
    assert all(f"{s.title} is never drawn" in pool.inner_text() for s in waiting)
    drawn = []
    for _ in range(2 * len(reviewed)):
        page.locator("[data-scenarios-draw]").click()
        drawn.append(page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn"))
    assert sorted(drawn[: len(reviewed)]) == sorted(s.id for s in reviewed)  # each once, then again
    assert sorted(drawn[len(reviewed) :]) == sorted(s.id for s in reviewed)


def test_draw_a_scenario_draws_from_the_session_without_repeats_and_says_so(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "scenarios/?m=&s=hiring-debrief,promotion-credit")
    pool = page.locator("[data-scenarios-pool]")
    pool.wait_for(state="visible")
    assert pool.inner_text().startswith("Draws from your session's 2 scenarios, each once before any repeats.")
    page.locator("[data-scenarios-draw]").click()
    first = page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn")
    page.get_by_role("button", name="Draw another").click()
    second = page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn")
    assert {first, second} == {"hiring-debrief", "promotion-credit"}
    count = page.locator("[data-scenarios-count]")
    assert re.fullmatch(r"Drawn: .+ \(2 of 2 in your session\)\.", count.inner_text())


def test_on_a_phone_draw_another_and_the_count_sit_below_the_drawn_scenarios_heading(
    open_browser: object, server: str
) -> None:
    phone = open_browser(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.page
    page.goto(server + "scenarios/")
    page.locator("[data-scenarios-draw]").tap()
    settle(phone)
    drawn = page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn")
    heading = page.locator(f"article#{drawn} h2").bounding_box()
    again = page.get_by_role("button", name="Draw another").bounding_box()
    assert 0 <= heading["y"] and again["y"] + again["height"] <= 844  # both in view, no scroll back up
    assert heading["y"] < again["y"]
    page.get_by_role("button", name="Draw another").tap()
    assert page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn") != drawn


# ---------------------------------------------------------------- the content note


def topic_notes(model: Metaphor, *items: object) -> list[str]:
    named = {topic for item in items for topic in item.topics}
    return [t.note for t in model.workshop.topics if t.id in named]


def shown_topics(visit: Visit, scope: str = "") -> list[str]:
    items = visit.page.locator(f"{scope} [data-content-note] [data-topic]:visible")
    return [items.nth(i).inner_text() for i in range(items.count())]


def test_the_content_note_names_every_sensitive_topic_of_the_session_and_no_other(
    visit: Visit, server: str, model: Metaphor, site_data: object
) -> None:
    trip = site_data.scenarios.scenario("conference-trip")
    review = site_data.scenarios.scenario("design-review")
    first = model.entry("routine-outage")
    assert trip.topics and not review.topics and not first.topics
    page = visit.page
    page.goto(server + "plan/")
    page.locator('[data-plan-preset="none"]').click()
    page.locator("#plan-routine-outage").check()
    assert shown_topics(visit) == []
    page.locator(f"#plan-scenario-{trip.id}").check()
    assert shown_topics(visit) == topic_notes(model, trip)
    ending = page.locator("[data-plan-ending]")
    assert ending.is_visible() and trip.title in ending.inner_text()  # a sensitive scenario would end it
    page.locator(f"#plan-scenario-{review.id}").check()
    assert ending.is_hidden()
    search = f"?m={first.id}&s={trip.id},{review.id}"
    for path, scope, place in [("handout/", ".mx-handout", ""), ("deck/", ".mx-slide--note", "#2")]:
        page.goto(server + path + search + place)
        page.wait_for_function("() => document.querySelector('[data-content-note]')")
        settle(visit)
        assert shown_topics(visit, scope) == topic_notes(model, trip), path


def test_without_javascript_the_content_note_names_the_topics_of_every_pairing(built: Project, model: Metaphor) -> None:
    expected = topic_notes(model, *model.entries)
    for path in ("handout/", "deck/", "plan/"):
        note = built.page(path).select_one("[data-content-note]")
        shown = [li.get_text(strip=True) for li in note.select("[data-topic]") if not li.has_attr("hidden")]
        assert shown == expected, path


# ---------------------------------------------------------------- printing, and counts


def test_the_printed_handout_keeps_each_label_inside_its_line(visit: Visit, server: str) -> None:
    visit.page.goto(server + "handout/?preset=long")
    visit.page.emulate_media(media="print")
    labels = visit.page.evaluate(
        """() => [...document.querySelectorAll('.mx-handout .mx-origin')].map((label) => {
            const style = getComputedStyle(label), parent = getComputedStyle(label.parentElement);
            return {
                border: parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth),
                height: label.getBoundingClientRect().height,
                line: parseFloat(parent.lineHeight) || parseFloat(parent.fontSize) * 1.2,
            };
        })"""
    )
    assert labels
    assert all(label["border"] == 0 and label["height"] <= label["line"] + 0.5 for label in labels), labels


def test_every_count_a_page_states_is_the_datas(built: Project, model: Metaphor, site_data: object) -> None:
    """A number of scenarios, situations or pairings written on any page is the number the data has."""
    counts = {"scenarios": len(site_data.scenarios.scenarios), "situations": len(site_data.scenarios.scenarios)}
    counts |= {"pairings": len(model.entries), "phases": len(model.phases)}
    pattern = re.compile(
        rf"\b({NUMBER})\s+(?:of\s+(?:the\s+)?({NUMBER})\s+)?(scenarios|situations|pairings|phases)\b", re.I
    )
    checked = 0
    for path in sorted(built.site.rglob("*.html")):
        html = parsed(path)
        # A passage's own count and a ready session's own make-up aside.
        aside = {
            id(node)
            for node in html.select('script, style, noscript, [class*="mx-marks"], .mx-agendas, [data-plan-presets]')
        }
        shown = (
            text
            for text in html.find_all(string=True)
            if type(text) is NavigableString and not any(id(parent) in aside for parent in text.parents)
        )
        text = (
            " ".join(" ".join(shown).split())
            + " "
            + " ".join(meta.get("content", "") for meta in html.select('meta[name="description"]'))
        )
        for match in pattern.finditer(text):
            whole = match.group(2) or match.group(1)
            if match.group(1).lower() == "no":
                continue
            assert as_number(whole) == counts[match.group(3).lower()], (path, match.group(0))
            checked += 1
    assert checked >= 3


def test_the_guides_figures_come_from_the_data(built: Project, model: Metaphor) -> None:
    text = " ".join(built.page("guide/").get_text(" ").split())
    minutes = sorted({p.minutes for p in model.phases})
    assert f"a discussion of {minutes[0]} to {minutes[-1]} minutes" in text
    pause = model.workshop.pause
    assert f"Sessions longer than {pause.over} minutes get a break of {pause.minutes}" in text
    assert not re.search(r"\b(?:ten|six)-minute discussion", text)


def test_mistakes_in_two_pages_template_text_are_each_named_with_file_and_line_in_one_run(project: Project) -> None:
    """A value the data does not have on one page, a broken tag on another: the one build names both."""
    for name, mistake in (("index.md", "{{ counts.nothing }}"), ("about.md", "{% if %}")):
        page = project.root / "docs" / name
        lines = page.read_text(encoding="utf-8").splitlines()
        lines.insert(12, mistake)
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = project.failed_build()
    assert errors == [
        "ERROR   -  metaphor: docs/index.md:13: 'dict object' has no attribute 'nothing'",
        "ERROR   -  metaphor: docs/about.md:13: Expected an expression, got 'end of statement block'",
        "ERROR   -  2 problems in the pages' templates (listed above); the site was not built.",
    ]
