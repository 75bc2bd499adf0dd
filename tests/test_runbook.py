"""The team's runbook (runbook/) in headless Chromium: a worksheet without JavaScript; with it, items
added and removed per section and kept in this browser only (localStorage, one versioned key), the
goal saved as typed, Markdown copied and downloaded, printing, clearing after a dialog asks, every
control by keyboard. Every visit checks that nothing is requested from any other host."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import STICKING_OUT, Visit, switch_scheme, violations
from pdfs import printed

KEY = "mx-runbook"


def ready(page: object) -> None:
    page.wait_for_function("() => performance.getEntriesByName('mx-runbook:ready').length > 0")


@pytest.fixture
def runbook(visit: Visit, server: str) -> Visit:
    visit.page.goto(server + "runbook/")
    ready(visit.page)
    return visit


def section(page: object, section_id: str) -> object:
    return page.locator(f'[data-runbook-section="{section_id}"]')


def items(page: object, section_id: str) -> list[str]:
    return section(page, section_id).locator("[data-runbook-items] .mx-runbook__text").all_text_contents()


def add(page: object, section_id: str, text: str) -> None:
    """Write ``text`` in the section's box and press its Add button."""
    box = section(page, section_id)
    box.get_by_role("textbox").fill(text)
    box.get_by_role("button", name="Add", exact=True).click()


def kept(page: object) -> dict | None:
    """What this browser keeps under the runbook's key, as data."""
    text = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if text is None else json.loads(text)


def status(page: object) -> str:
    return page.locator("[data-runbook-status]").text_content()


def goal_box(page: object, number: int, who: bool = False) -> object:
    """The box for the goal of the ``number``th person, or for their name or initials."""
    name = f"Goal {number}: name or initials (optional)" if who else f"Goal {number}"
    return page.get_by_role("textbox", name=name, exact=True)


def markdown(site_data: object, title: str, written: dict[str, list[str]], goal: str, head: str = "") -> str:
    """The Markdown a team wiki gets: what it is for and when, a heading per section in the page's order,
    its items as a list, then the goals."""
    runbook = site_data.scenarios.runbook
    lines = [f"# {title}", "", head or f"Written on {date.today().isoformat()}.", ""]
    for part in runbook.sections:
        lines += [f"## {part.title}", ""]
        lines += [f"- {text}" for text in written.get(part.id, [])] or ["_Nothing yet._"]
        lines.append("")
    lines += [f"## {runbook.goal_title}", "", f"- {goal}" if goal else "_Nothing yet._", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- when JavaScript is unavailable


def test_without_javascript_the_runbook_is_a_worksheet(open_browser: object, server: str, site_data: object) -> None:
    plain = open_browser(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    plain.page.goto(server + "runbook/")
    page = plain.page
    assert page.locator("[data-runbook-tools]").is_hidden()
    assert "never sent anywhere" in page.locator(".mx-runbook__privacy").text_content()
    for part in site_data.scenarios.runbook.sections:
        box = section(page, part.id)
        assert box.locator("[data-runbook-lines]").is_visible()  # lines to write on
        assert box.locator("[data-runbook-add]").is_hidden()
        box.locator("summary").click()
        prompts = box.locator("[data-runbook-prompt]")
        assert prompts.all_text_contents()[: len(part.prompts)] == list(part.prompts)
        assert box.get_by_role("button").count() == 0  # plain list items: nothing to press
    texts = pdf_text(page, "A4")
    assert 1 <= len(texts) <= 2
    assert site_data.scenarios.runbook.goal_title in texts[-1]


# ---------------------------------------------------------------- items, kept in this browser


def test_items_are_added_and_removed_and_kept_across_reloads(runbook: Visit, site_data: object) -> None:
    page = runbook.page
    assert kept(page) is None  # nothing is written until something is
    assert page.locator("[data-runbook-lines]:visible").count() == 0  # the worksheet lines are for paper
    assert page.locator("[data-runbook-privacy-js]").is_visible()
    prepare, respond = (s for s in site_data.scenarios.runbook.sections if s.id in {"prepare", "respond"})
    add(page, "prepare", "Dana in People Ops, dana@example.org")
    assert status(page) == f"Added to “{prepare.title}”: Dana in People Ops, dana@example.org"
    add(page, "prepare", "  Reports go to the HR form\nand to Sam, our skip-level  ")
    add(page, "prepare", "Review on-call load every sprint")
    # A question to start from goes into the box, to be answered under it; then Add.
    box = section(page, "respond")
    box.locator("summary").click()
    box.get_by_role("button", name=f"Answer: {respond.prompts[0]}").click()
    assert items(page, "respond") == []  # a question alone is not an item
    field = box.get_by_role("textbox")
    assert field.input_value() == f"{respond.prompts[0]}\n"
    assert page.evaluate("document.activeElement.id") == "runbook-new-respond"
    assert status(page) == f"The question is in the box of “{respond.title}”: write your answer under it, then Add."
    page.keyboard.type("That was Ana's point; let's hear her out.")
    box.get_by_role("button", name="Add", exact=True).click()
    answered = f"{respond.prompts[0]}\nThat was Ana's point; let's hear her out."
    assert items(page, "respond") == [answered] and field.input_value() == ""
    add(page, "respond", answered)  # not twice
    assert items(page, "respond") == [answered] and "already has that item" in status(page)
    add(page, "respond", "   ")
    assert items(page, "respond") == [answered] and status(page).startswith("Write something")
    goal = goal_box(page, 1)
    goal.press_sequentially("Propose a review checklist by 15 December")
    prepared = ["Dana in People Ops, dana@example.org", "Reports go to the HR form\nand to Sam, our skip-level"]
    prepared.append("Review on-call load every sprint")
    assert kept(page) == {
        "version": 1,
        "items": {"prepare": prepared, "detect": [], "respond": [answered], "learn": []},
        "drafts": {"prepare": "", "detect": "", "respond": "   ", "learn": ""},  # the last, never added
        "goals": [{"who": "", "goal": "Propose a review checklist by 15 December"}],
    }
    page.reload()
    ready(page)
    assert items(page, "prepare") == prepared and items(page, "respond") == [answered]
    assert goal.input_value() == "Propose a review checklist by 15 December"
    # Each item has its own labelled button; focus moves on to the next item's.
    remove = section(page, "prepare").get_by_role("button", name="Remove: Reports go to the HR form")
    remove.click()
    assert items(page, "prepare") == [prepared[0], prepared[2]]
    assert status(page) == f"Removed from “{prepare.title}”: {prepared[1]}"
    focused = "document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(focused) == f"Remove: {prepared[2]}"
    section(page, "prepare").get_by_role("button", name=f"Remove: {prepared[2]}").click()
    assert page.evaluate(focused) == f"Remove: {prepared[0]}"
    section(page, "prepare").get_by_role("button", name=f"Remove: {prepared[0]}").click()
    assert page.evaluate("document.activeElement.id") == "runbook-new-prepare"  # none left: the box to write in
    page.reload()
    ready(page)
    assert items(page, "prepare") == [] and items(page, "respond") == [answered]


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '{"version": 2, "items": {"prepare": ["from a later site"]}, "goal": "later"}',
        '{"version": 1, "items": {"prepare": "x"}}',
    ],
    ids=["broken", "another-version", "wrong-shape"],
)
def test_what_the_page_cannot_read_starts_it_empty_and_is_not_overwritten_unasked(runbook: Visit, stored: str) -> None:
    page = runbook.page
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    ready(page)
    assert items(page, "prepare") == [] and goal_box(page, 1).input_value() == ""
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == stored  # kept as it was until something is written
    add(page, "prepare", "Dana")
    assert kept(page) == {
        "version": 1,
        "items": {"prepare": ["Dana"], "detect": [], "respond": [], "learn": []},
        "drafts": {"prepare": "", "detect": "", "respond": "", "learn": ""},
        "goals": [{"who": "", "goal": ""}],
    }


def test_what_is_typed_and_not_added_is_kept_across_reloads_and_cleared_with_the_rest(runbook: Visit) -> None:
    """The page says what is written here stays in this browser: a box's words too, before "Add"."""
    page = runbook.page
    section(page, "learn").get_by_role("textbox").press_sequentially("Rotate note-taking")
    page.reload()
    ready(page)
    assert section(page, "learn").get_by_role("textbox").input_value() == "Rotate note-taking"
    assert items(page, "learn") == []
    section(page, "learn").get_by_role("button", name="Add", exact=True).click()  # added: the draft is done
    page.reload()
    ready(page)
    assert (
        items(page, "learn") == ["Rotate note-taking"]
        and section(page, "learn").get_by_role("textbox").input_value() == ""
    )
    section(page, "detect").get_by_role("textbox").fill("Half a thought")
    page.get_by_role("button", name="Clear everything").click()
    page.get_by_role("dialog", name="Clear everything?").get_by_role("button", name="Clear everything").click()
    expect(page.locator("[data-runbook-status]")).to_have_text(
        "Everything is cleared: this browser keeps nothing from this page now."
    )
    assert section(page, "detect").get_by_role("textbox").input_value() == "" and kept(page) is None


def test_two_tabs_of_the_runbook_stay_in_step(runbook: Visit, server: str) -> None:
    other = runbook.context.new_page()
    other.goto(server + "runbook/")
    ready(other)
    add(runbook.page, "detect", "Who is asked to take notes")
    other.wait_for_function("() => document.querySelectorAll('[data-runbook-items] li').length === 1")
    assert items(other, "detect") == ["Who is asked to take notes"]


# ---------------------------------------------------------------- export, print, clear


def test_the_runbook_exports_as_markdown_by_copy_and_download(
    runbook: Visit, site_data: object, tmp_path: Path
) -> None:
    page = runbook.page
    runbook.context.grant_permissions(["clipboard-read", "clipboard-write"])
    add(page, "prepare", "Dana in People Ops")
    add(page, "learn", "Rotate note taking\nstarting Monday")
    goal_box(page, 1).fill("Nominate Leah")
    title = page.locator("h1").text_content().strip()
    written = {"prepare": ["Dana in People Ops"], "learn": ["Rotate note taking\n  starting Monday"]}
    expected = markdown(site_data, title, written, "Nominate Leah")
    page.get_by_role("button", name="Copy as Markdown").click()
    page.wait_for_function("() => document.querySelector('[data-runbook-status]').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    assert download.value.suggested_filename == f"runbook-{date.today().isoformat()}.md"
    saved = tmp_path / "runbook.md"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected
    assert page.get_by_role("link", name="Download Markdown").get_attribute("href").startswith("data:text/markdown")


def pdf_text(page: object, paper: str) -> list[str]:
    return [p.words for p in printed(page, format=paper)]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_shows_the_items_and_the_goal_on_one_or_two_pages(
    runbook: Visit, site_data: object, paper: str
) -> None:
    page = runbook.page
    written = []
    for part in site_data.scenarios.runbook.sections:  # a full runbook: three items in each section
        for number in range(1, 4):
            text = f"{part.title}, item {number}: a specific step with an owner and a date"
            add(page, part.id, text)
            written.append(text)
    goal = "Ask for a written review checklist, first draft by 15 December, and bring it to the team"
    goal_box(page, 1).fill(goal)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1  # the button asks the browser to print
    texts = pdf_text(page, paper)
    assert 1 <= len(texts) <= 2
    whole = " ".join(texts)
    assert all(text in whole for text in written) and goal in whole
    for control in ("Copy as Markdown", "Clear everything", "Remove", "Prompts to start from", "Add to"):
        assert control not in whole, control


def test_clear_everything_asks_first_then_removes_what_was_kept(runbook: Visit, site_data: object) -> None:
    page = runbook.page
    add(page, "detect", "Whose ideas get questioned more")
    goal = goal_box(page, 1)
    goal.fill("Say it in the next review")
    clear = page.get_by_role("button", name="Clear everything")
    clear.click()
    dialog = page.get_by_role("dialog", name="Clear everything?")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Keep it"  # the safe choice first
    page.keyboard.press("Escape")
    expect(page.locator("[data-runbook-status]")).to_have_text("Nothing was cleared.")  # once it has closed
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Clear everything"  # back where it was
    assert kept(page)["items"]["detect"] == ["Whose ideas get questioned more"]
    clear.click()
    dialog.get_by_role("button", name="Clear everything").click()
    expect(page.locator("[data-runbook-status]")).to_have_text(
        "Everything is cleared: this browser keeps nothing from this page now."
    )
    assert dialog.is_hidden()
    assert kept(page) is None  # the key is gone, not emptied
    assert items(page, "detect") == [] and goal.input_value() == ""
    page.reload()
    ready(page)
    assert items(page, "detect") == [] and goal.input_value() == "" and kept(page) is None


def test_every_control_works_by_keyboard(runbook: Visit, site_data: object) -> None:
    page = runbook.page
    detect = next(s for s in site_data.scenarios.runbook.sections if s.id == "detect")
    page.locator("#runbook-new-detect").focus()
    page.keyboard.type("Who gets the work nobody counts")
    page.keyboard.press("Tab")  # to its Add button
    page.keyboard.press("Enter")
    assert items(page, "detect") == ["Who gets the work nobody counts"]
    assert page.evaluate("document.activeElement.id") == "runbook-new-detect"  # ready for the next one
    # In the box, Enter adds too, and Shift+Enter starts a new line.
    page.keyboard.type("Count it")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("monthly")
    page.keyboard.press("Enter")
    assert items(page, "detect")[-1].split() == ["Count", "it", "monthly"]
    assert page.locator("#runbook-new-detect").input_value() == ""
    page.locator("[data-runbook-section=detect] [aria-label^='Remove: Count it']").click()
    page.locator("#runbook-new-detect").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past Add, to the prompts
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")  # opens them
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first question goes into the box, and so does the focus
    assert page.evaluate("document.activeElement.id") == "runbook-new-detect"
    page.keyboard.type("Dana, monthly")
    page.keyboard.press("Enter")
    answered = f"{detect.prompts[0]}\nDana, monthly"
    assert items(page, "detect") == ["Who gets the work nobody counts", answered]
    for _ in range(6):  # back up to the item's Remove button
        page.keyboard.press("Shift+Tab")
        if (page.evaluate("document.activeElement.getAttribute('aria-label')") or "").startswith("Remove: Who gets"):
            break
    page.keyboard.press("Enter")
    assert items(page, "detect") == [answered]
    page.get_by_role("button", name="Copy as Markdown").focus()
    page.keyboard.press("Tab")  # Download Markdown, a link
    assert page.evaluate("document.activeElement.textContent") == "Download Markdown"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Clear everything
    page.keyboard.press("Tab")  # from "Keep it" to the dialog's "Clear everything"
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('[data-runbook-items] li')")
    assert kept(page) is None


# ---------------------------------------------------------------- accessibility and layout


def test_axe_finds_nothing_with_items_and_with_the_dialog_open_in_either_scheme(
    open_browser: object, server: str
) -> None:
    visit = open_browser(color_scheme="dark", viewport={"width": 1280, "height": 800})
    visit.page.goto(server + "runbook/")
    ready(visit.page)
    add(visit.page, "prepare", "Dana in People Ops")
    section(visit.page, "prepare").locator("summary").click()
    for scheme in ("dark", "light"):
        switch_scheme(visit, scheme)
        assert violations(visit) == [], scheme
    visit.page.get_by_role("button", name="Clear everything").click()
    for scheme in ("light", "dark"):
        switch_scheme(visit, scheme)
        assert violations(visit) == [], scheme


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_screenshots_of_a_runbook_for_review(open_browser: object, server: str, width: int, height: int) -> None:
    """A runbook with items, at a phone's and a desktop's size: laid out inside the window, then saved, in the
    scheme it opens in and in the other once the system's scheme changes."""
    visit = open_browser(color_scheme="light", viewport={"width": width, "height": height})
    visit.page.goto(server + "runbook/")
    ready(visit.page)
    add(visit.page, "prepare", "Dana in People Ops, who has agreed to be the contact for this team")
    add(visit.page, "prepare", "Reports: the HR form")
    section(visit.page, "prepare").locator("summary").click()
    for scheme in ("light", "dark"):
        switch_scheme(visit, scheme)
        assert visit.page.evaluate(STICKING_OUT) == [], (width, scheme)
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        remove = section(visit.page, "prepare").get_by_role("button", name="Remove: Reports").bounding_box()
        assert remove["x"] + remove["width"] <= width
        visit.screenshot(f"runbook-{width}x{height}-{scheme}")


# ---------------------------------------------------------------- issue 16: the session's runbook, for the room


SESSION = "?preset=short&support=Jo%20Lee%2C%20room%204&report=The%20HR%20form"


def test_opened_from_a_phone_with_the_sessions_address_it_shows_the_session_and_its_contacts(
    open_browser: object, server: str, site_data: object, model: object
) -> None:
    phone = open_browser(viewport={"width": 390, "height": 844})
    page = phone.page
    page.goto(server + "runbook/" + SESSION)  # nothing kept in this browser: the address alone
    ready(page)
    preset = model.workshop.preset("short")
    assert page.locator("[data-session-text]").text_content().startswith("Your session: 1 pairing, 1 scenario")
    assert page.locator('[data-support-field="support"]').text_content() == "Jo Lee, room 4"
    assert page.locator('[data-support-field="report"]').text_content() == "The HR form"
    # The responses to start from are the session's scenario's, under its title (they name its people).
    section(page, "respond").locator("summary").click()
    groups = section(page, "respond").locator("[data-runbook-scenario]:visible")
    assert groups.evaluate_all("gs => gs.map(g => g.dataset.runbookScenario)") == list(preset.scenarios)
    title = site_data.scenarios.scenario(preset.scenarios[0]).title
    assert title in groups.first.locator(".mx-runbook__from").text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_each_person_has_a_goal_with_optional_initials_kept_and_exported_with_the_session_and_date(
    visit: Visit, server: str, site_data: object, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(server + "runbook/" + SESSION)
    ready(page)
    goals = [("JL", "Propose a review checklist by 15 December"), ("", "Ask for the on-call numbers at the next retro")]
    goals.append(("M.K.", "Stop asking Priya to take the notes, starting Monday"))
    for number, (who, goal) in enumerate(goals, start=1):
        if number > 1:
            page.get_by_role("button", name="Add a goal").click()
            assert page.evaluate("document.activeElement.id") == f"runbook-who-{number}"  # the new row's first box
            assert status(page) == f"Added goal {number}."
        goal_box(page, number, who=True).fill(who)
        goal_box(page, number).fill(goal)
    page.reload()
    ready(page)
    assert [(goal_box(page, n, who=True).input_value(), goal_box(page, n).input_value()) for n in (1, 2, 3)] == goals
    assert kept(page)["goals"] == [{"who": who, "goal": goal} for who, goal in goals]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    today = date.today().isoformat()
    assert download.value.suggested_filename == f"runbook-{today}.md"
    saved = tmp_path / "runbook.md"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    scenario = site_data.scenarios.scenario("design-review").title
    described = page.locator("[data-session-text]").text_content().removeprefix("Your session: ").removesuffix(".")
    assert f"Session: {described} ({scenario}). Written on {today}." in text
    assert "- Talk to someone: Jo Lee, room 4\n- Report sexism or harassment: The HR form" in text
    assert text.endswith(
        f"## {site_data.scenarios.runbook.goal_title}\n\n- JL: {goals[0][1]}\n- {goals[1][1]}\n- M.K.: {goals[2][1]}\n"
    )
    # Removing a goal keeps the others, and focus stays in the list.
    page.get_by_role("button", name="Remove goal 2").click()
    assert goal_box(page, 2).input_value() == goals[2][1]
    assert page.evaluate("document.activeElement.id") == "runbook-goal-2"


def test_a_goal_kept_before_goals_were_per_person_becomes_the_first(runbook: Visit) -> None:
    page = runbook.page
    old = '{"version": 1, "items": {"prepare": ["Dana"]}, "goal": "Nominate Leah"}'
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, old])
    page.reload()
    ready(page)
    assert goal_box(page, 1).input_value() == "Nominate Leah" and items(page, "prepare") == ["Dana"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_printed_blank_runbook_has_lines_to_write_on(visit: Visit, server: str, paper: str) -> None:
    page = visit.page
    page.goto(server + "runbook/?all=1")
    ready(page)
    page.emulate_media(media="print")
    for box in page.locator("[data-runbook-lines]").all():
        assert box.locator("span:visible").count() == 4
    rows = page.locator(".mx-runbook__goal-lines li:visible")
    assert rows.count() == 8
    widths = rows.first.locator("span").evaluate_all("ss => ss.map(s => s.getBoundingClientRect().width)")
    assert len(widths) == 2 and 0 < widths[0] < widths[1]  # initials on a short line, the goal on a long one
    styles = rows.first.locator("span").first.evaluate("s => [getComputedStyle(s).borderBottomStyle, s.offsetHeight]")
    assert styles[0] == "solid" and styles[1] >= 18
    # Without contacts, their lines print too; the goal's boxes and buttons do not.
    assert page.locator('[data-support-field="support"]').is_visible()
    assert page.get_by_role("button", name="Add a goal").is_hidden()
    assert page.locator("[data-runbook-goal]:visible").count() == 0
    assert 1 <= len(pdf_text(page, paper)) <= 3


def test_the_plan_and_the_closing_slide_lead_to_the_sessions_runbook(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "plan/" + SESSION)
    page.wait_for_function("() => document.querySelector('[data-module=mx-plan]').dataset.started")
    page.get_by_role("button", name="Runbook").click()
    page.wait_for_url(re.compile(r"/runbook/\?"))
    ready(page)
    assert page.locator('[data-support-field="support"]').text_content() == "Jo Lee, room 4"
    assert page.locator("[data-session-text]").text_content().startswith("Your session: 1 pairing, 1 scenario")
    page.goto(server + "deck/" + SESSION)
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    page.keyboard.press("End")
    link = page.locator("[data-slide].is-current a[data-deck-runbook]")
    assert "support=Jo" in link.get_attribute("href") and "runbook/" in link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(r"/runbook/\?"))
    ready(page)
    assert page.locator('[data-support-field="report"]').text_content() == "The HR form"
