"""The team's runbook (runbook/) in headless Chromium: a worksheet without JavaScript; with it, items
added and removed per section and kept in this browser only (localStorage, one versioned key), the
goal saved as typed, Markdown copied and downloaded, printing, clearing after a dialog asks, every
control by keyboard. Every visit checks that nothing is requested from any other host."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import SCREENSHOTS, STICKING_OUT, Visit, violations

KEY = "mx-runbook"


def ready(page: object) -> None:
    page.wait_for_function("performance.getEntriesByName('mx-runbook:ready').length > 0")


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


def markdown(site_data: object, title: str, written: dict[str, list[str]], goal: str) -> str:
    """The Markdown a team wiki gets: a heading per section in the page's order, its items as a list."""
    runbook = site_data.scenarios.runbook
    lines = [f"# {title}", ""]
    for part in runbook.sections:
        lines += [f"## {part.title}", ""]
        lines += [f"- {text}" for text in written.get(part.id, [])] or ["_Nothing yet._"]
        lines.append("")
    lines += [f"## {runbook.goal_title}", "", goal or "_Nothing yet._", ""]
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
    # A prompt adds itself with one click.
    box = section(page, "respond")
    box.locator("summary").click()
    box.get_by_role("button", name=f"Add: {respond.prompts[0]}").click()
    assert items(page, "respond") == [respond.prompts[0]]
    box.get_by_role("button", name=f"Add: {respond.prompts[0]}").click()  # not twice
    assert items(page, "respond") == [respond.prompts[0]] and "already has that item" in status(page)
    add(page, "respond", "   ")
    assert items(page, "respond") == [respond.prompts[0]] and status(page).startswith("Write something")
    goal = page.get_by_role("textbox", name=site_data.scenarios.runbook.goal_title)
    goal.press_sequentially("Propose a review checklist by 15 December")
    prepared = ["Dana in People Ops, dana@example.org", "Reports go to the HR form\nand to Sam, our skip-level"]
    prepared.append("Review on-call load every sprint")
    assert kept(page) == {
        "version": 1,
        "items": {"prepare": prepared, "detect": [], "respond": [respond.prompts[0]], "learn": []},
        "goal": "Propose a review checklist by 15 December",
    }
    page.reload()
    ready(page)
    assert items(page, "prepare") == prepared and items(page, "respond") == [respond.prompts[0]]
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
    assert items(page, "prepare") == [] and items(page, "respond") == [respond.prompts[0]]


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
    assert items(page, "prepare") == [] and page.locator("[data-runbook-goal]").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == stored  # kept as it was until something is written
    add(page, "prepare", "Dana")
    assert kept(page) == {
        "version": 1,
        "items": {"prepare": ["Dana"], "detect": [], "respond": [], "learn": []},
        "goal": "",
    }


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
    page.get_by_role("textbox", name=site_data.scenarios.runbook.goal_title).fill("Nominate Leah")
    title = page.locator("h1").text_content().strip()
    written = {"prepare": ["Dana in People Ops"], "learn": ["Rotate note taking\n  starting Monday"]}
    expected = markdown(site_data, title, written, "Nominate Leah")
    page.get_by_role("button", name="Copy as Markdown").click()
    page.wait_for_function("() => document.querySelector('[data-runbook-status]').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    assert download.value.suggested_filename == "runbook.md"
    saved = tmp_path / "runbook.md"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected
    assert page.get_by_role("link", name="Download Markdown").get_attribute("href").startswith("data:text/markdown")


def pdf_text(page: object, paper: str) -> list[str]:
    pages = PdfReader(io.BytesIO(page.pdf(format=paper))).pages
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text())) for p in pages]


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
    page.get_by_role("textbox", name=site_data.scenarios.runbook.goal_title).fill(goal)
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
    goal = page.get_by_role("textbox", name=site_data.scenarios.runbook.goal_title)
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
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past Add, to the prompts
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")  # opens them
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first prompt adds itself
    assert items(page, "detect") == ["Who gets the work nobody counts", detect.prompts[0]]
    for _ in range(6):  # back up to the item's Remove button
        page.keyboard.press("Shift+Tab")
        if (page.evaluate("document.activeElement.getAttribute('aria-label')") or "").startswith("Remove: Who gets"):
            break
    page.keyboard.press("Enter")
    assert items(page, "detect") == [detect.prompts[0]]
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_items_and_with_the_dialog_open(open_browser: object, server: str, scheme: str) -> None:
    visit = open_browser(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    visit.page.goto(server + "runbook/")
    ready(visit.page)
    add(visit.page, "prepare", "Dana in People Ops")
    section(visit.page, "prepare").locator("summary").click()
    assert violations(visit) == []
    visit.page.get_by_role("button", name="Clear everything").click()
    assert violations(visit) == []


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_screenshots_of_a_runbook_for_review(open_browser: object, server: str, width: int, height: int) -> None:
    """A runbook with items, at a phone's and a desktop's size: laid out inside the window, then saved."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        visit = open_browser(color_scheme=scheme, viewport={"width": width, "height": height})
        visit.page.goto(server + "runbook/")
        ready(visit.page)
        add(visit.page, "prepare", "Dana in People Ops, who has agreed to be the contact for this team")
        add(visit.page, "prepare", "Reports: the HR form")
        section(visit.page, "prepare").locator("summary").click()
        assert visit.page.evaluate(STICKING_OUT) == [], (width, scheme)
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        remove = section(visit.page, "prepare").get_by_role("button", name="Remove: Reports").bounding_box()
        assert remove["x"] + remove["width"] <= width
        visit.screenshot(f"runbook-{width}x{height}-{scheme}")
