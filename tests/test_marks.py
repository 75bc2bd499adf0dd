"""The essay's marks: each quoted passage lettered in place, one chip per passage after its paragraph
that opens its pairings in the explorer, the author's words alone inside the paragraphs (for a
screen reader and for search), and a switch that shows its state."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SEED, Project, Visit

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
SWITCH = "Mark passages quoted in the explorer"


def seed_paragraphs() -> list[str]:
    """The essay's paragraphs as a reader sees them (Markdown links and bold removed)."""
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    return [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", p.strip()).replace("**", "") for p in body.strip().split("\n\n")]


def passages(paragraph: object) -> list[tuple[str, int, int]]:
    """Return the lettered passages of a parsed paragraph: (letter, start, end) in its text.

    A passage is the run of marked pieces up to and including the one that carries its letter.
    """
    found, offset, start = [], 0, None
    for node in paragraph.descendants:
        if isinstance(node, str):
            parent = node.parent
            if "mx-mark" in (parent.get("class") or []):
                start = offset if start is None else start
                if parent.get("data-mark-label"):
                    found.append((parent["data-mark-label"], start, offset + len(node)))
                    start = None
            offset += len(node)
    return found


def test_each_quoted_passage_has_one_chip_after_its_paragraph_listing_its_pairings(
    built: Project, mapping: dict
) -> None:
    page = built.page("essay/")
    quoted_by: dict[tuple[str, str], set[str]] = {}  # (paragraph, letter) -> entries
    chips = 0
    for paragraph in page.select("article.mx-essay > p[id]"):
        marks = passages(paragraph)
        group = paragraph.find_next_sibling()
        if not marks:
            assert group is None or group.get("data-marks-for") is None, paragraph["id"]
            continue
        assert group.get("data-marks-for") == paragraph["id"] and group.has_attr("data-search-exclude")
        items = group.select("details.mx-marks__item")
        assert [item.select_one("summary .mx-marks__label").get_text() for item in items] == [m[0] for m in marks]
        assert [m[0] for m in marks] == list("abcdefghijklmnopqrstuvwxyz"[: len(marks)])
        text = paragraph.get_text()
        for (letter, start, end), item in zip(marks, items, strict=True):
            links = [a["href"].split("#")[1] for a in item.select("a")]
            count = len(links)
            summary = item.select_one("summary").get_text()
            assert summary.startswith(
                f"{letter} {count} {'pairing' if count == 1 else 'pairings'} in the explorer for “"
            )
            assert all(a["href"].startswith("../explorer/#") for a in item.select("a"))
            quoted_by[(paragraph["id"], letter)] = set(links)
            for entry in mapping["entries"]:
                for quote in entry["quotes"]:
                    at = text.find(quote)
                    if at >= 0 and start <= at < end:
                        assert entry["id"] in links, (entry["id"], quote)
        chips += len(items)
    every = {(e["id"], q) for e in mapping["entries"] for q in e["quotes"]}
    assert chips >= 20 and sum(len(v) for v in quoted_by.values()) >= len({e for e, _ in every})


def test_the_paragraphs_hold_the_authors_words_and_nothing_else(built: Project) -> None:
    paragraphs = built.page("essay/").select("article.mx-essay > p[id]")
    assert [p.get_text() for p in paragraphs] == seed_paragraphs()
    for paragraph in paragraphs:  # nothing of the site's inside: no link but the author's, no button
        assert paragraph.select("a:not([href*='kaporcenter.org']), button, details, [aria-label]") == []


def test_the_marks_are_left_out_of_the_search_index(built: Project) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    essay = [doc for doc in index["docs"] if doc["location"].startswith("essay/")]
    text = " ".join(doc["text"] for doc in essay)
    assert "runbook" not in " ".join(seed_paragraphs()).lower()  # the author never uses the word
    assert "It’s inevitable. It happens." in text
    for word in ("runbook", "pairing", "explorer", "↔"):
        assert word not in text.lower(), word


# ---------------------------------------------------------------- in a browser


def accessible_text(snapshot: str) -> str:
    """Return the words of an ARIA snapshot (Playwright's YAML) without its roles and quoting."""
    words = []
    for line in snapshot.splitlines():
        if re.match(r"\s*- /url:", line):  # where a link goes is not read out with the text
            continue
        value = re.sub(r'^\s*- (?:paragraph|text|link|strong|emphasis)(?: "(.*?)")?:? ?', r"\1 ", line).strip()
        if value.startswith('"') and value.endswith('"'):
            value = json.loads(value)
        words.append(value)
    return "".join(words)


def test_a_screen_reader_reads_each_paragraph_as_the_author_wrote_it(visit: Visit, server: str) -> None:
    visit.page.goto(server + "essay/")
    visit.page.get_by_role("button", name=SWITCH).wait_for()
    paragraphs = visit.page.locator("article.mx-essay > p[id]")
    assert paragraphs.count() == len(seed_paragraphs())
    for index, expected in enumerate(seed_paragraphs()):
        heard = accessible_text(paragraphs.nth(index).aria_snapshot())
        assert re.sub(r"\s+", "", heard) == re.sub(r"\s+", "", expected), index


def test_the_marks_are_one_tab_stop_per_passage_each_clearly_named(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "essay/")
    switch = page.get_by_role("button", name=SWITCH)
    switch.focus()
    chips = page.locator("summary.mx-marks__chip")
    own_links = page.locator("article.mx-essay > p[id] a")
    stops = []
    while True:
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('mx-essay').contains(document.activeElement)")
        if not inside:
            break
        stops.append(page.evaluate("document.activeElement.matches('summary') ? 'chip' : 'link'"))
    assert stops.count("chip") == chips.count() and stops.count("link") == own_links.count() == 1
    names = chips.evaluate_all("cs => cs.map(c => c.textContent.trim())")
    assert all(re.fullmatch(r"[a-z] \d+ pairings? in the explorer for “.+”", name) for name in names), names


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390x844", "1280x800"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_chip_is_a_target_a_finger_can_hit(open_browser: object, server: str, size: dict, scheme: str) -> None:
    visit = open_browser(viewport=size, color_scheme=scheme)
    visit.page.goto(server + "essay/")
    boxes = visit.page.locator("summary.mx-marks__chip").evaluate_all(
        "cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })"
    )
    assert len(boxes) >= 20
    assert all(w >= 44 and h >= 44 for _, _, w, h in boxes), boxes
    for i, (x, y, w, h) in enumerate(boxes):  # none overlaps another
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    visit.screenshot(f"essay-marks-{size['width']}x{size['height']}-{scheme}")


def test_by_keyboard_a_chip_opens_its_pairings_and_one_opens_in_the_explorer(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "essay/")
    page.get_by_role("button", name=SWITCH).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('summary.mx-marks__chip')")
    assert page.locator("details.mx-marks__item").first.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert page.locator("details.mx-marks__item").first.get_attribute("open") == ""
    link = page.locator("details.mx-marks__item").first.locator("a").first
    assert link.is_visible()
    entry_id = link.get_attribute("href").split("#")[1]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == link.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/explorer/#"))
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    assert page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == entry_id


def test_without_javascript_the_chips_open_and_lead_to_the_explorer(open_browser: object, server: str) -> None:
    plain = open_browser(java_script_enabled=False, viewport=PHONE)
    plain.page.goto(server + "essay/")
    assert plain.page.locator("[data-module=mx-marks-toggle]").is_hidden()
    item = plain.page.locator("details.mx-marks__item").first
    item.locator("summary").click()
    link = item.locator("a").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"\.\./explorer/#[a-z0-9-]+", href)
    link.click()
    plain.page.wait_for_url(re.compile(r"/explorer/#"))
    assert plain.page.locator(f"#{href.split('#')[1]}").is_visible()


def switch_look(page: object) -> dict:
    return page.get_by_role("button", name=SWITCH).evaluate(
        "b => { const s = getComputedStyle(b, '::before'); return {image: s.backgroundImage, colour: s.backgroundColor}; }"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_switch_shows_whether_the_marks_are_on_and_the_choice_is_kept(
    open_browser: object, server: str, scheme: str
) -> None:
    visit = open_browser(viewport=DESKTOP, color_scheme=scheme)
    page = visit.page
    page.goto(server + "essay/")
    switch = page.get_by_role("button", name=SWITCH)
    assert switch.get_attribute("aria-pressed") == "true"
    on, on_picture = switch_look(page), switch.screenshot()
    mark = page.locator(".mx-mark[data-mark-label]").first
    assert page.locator(".mx-marks").first.is_visible()
    assert mark.evaluate("m => getComputedStyle(m, '::after').display") != "none"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false"
    off, off_picture = switch_look(page), switch.screenshot()
    assert on["image"] != off["image"] and on["colour"] != off["colour"]  # knob moved, track filled or not
    assert on_picture != off_picture
    assert page.locator(".mx-marks").first.is_hidden()
    assert mark.evaluate("m => getComputedStyle(m, '::after').display") == "none"
    assert mark.evaluate("m => getComputedStyle(m).textDecorationLine") == "none"
    page.reload()
    assert page.locator("#mx-essay").get_attribute("data-marks") == "off"
    assert page.get_by_role("button", name=SWITCH).get_attribute("aria-pressed") == "false"
    assert page.locator(".mx-marks").first.is_hidden()
    page.get_by_role("button", name=SWITCH).click()
    assert page.locator(".mx-marks").first.is_visible()
