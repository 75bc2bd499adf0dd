"""The essay's marks: each quoted passage lettered in place, one control per marked paragraph (in
the margin beside it on a wide page, below it on a narrow one) that lists its passages and their
pairings in the explorer, the author's words alone inside the paragraphs (for a screen reader and
for search), and a switch that shows its state."""

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


def test_each_marked_paragraph_has_one_control_after_it_listing_its_passages_and_pairings(
    built: Project, mapping: dict
) -> None:
    page = built.page("essay/")
    controls = 0
    for paragraph in page.select("article.mx-essay > p[id]"):
        marks = passages(paragraph)
        control = paragraph.find_next_sibling()
        if not marks:
            assert control is None or control.get("data-marks-for") is None, paragraph["id"]
            continue
        controls += 1
        assert control.name == "details" and control.has_attr("data-search-exclude")
        assert control.get("data-marks-for") == paragraph["id"]
        assert [m[0] for m in marks] == list("abcdefghijklmnopqrstuvwxyz"[: len(marks)])
        items = control.select("ol.mx-marks__passages > li")
        assert [item["data-mark-label"] for item in items] == [m[0] for m in marks]
        text = paragraph.get_text()
        every: set[str] = set()
        for (_, start, end), item in zip(marks, items, strict=True):
            words = item.select_one(".mx-marks__words").get_text()
            assert words[0] == "“" and words[-1] == "”", words
            shown = words[1:-1].removesuffix("…")
            assert text[start:end].startswith(shown) and len(shown) >= min(40, end - start), (words, text[start:end])
            links = [a["href"] for a in item.select("a")]
            assert all(href.startswith("../explorer/#") for href in links)
            ids = {href.split("#")[1] for href in links}
            assert len(ids) == len(links)
            for entry in mapping["entries"]:  # every entry quoting words of this passage is listed under it
                for quote in entry["quotes"]:
                    at = text.find(quote)
                    if at >= 0 and start <= at < end:
                        assert entry["id"] in ids, (entry["id"], quote)
            every |= ids
        count = len(every)
        summary = " ".join(control.select_one("summary").get_text().split())
        letters = marks[0][0] + (f"–{marks[-1][0]}" if len(marks) > 1 else "")
        assert summary == f"{letters} {count} {'pairing' if count == 1 else 'pairings'} for this paragraph"
    quoted = {q for e in mapping["entries"] for q in e["quotes"]}
    assert controls >= 10 and len(quoted) > controls


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


def test_the_essay_is_crossed_in_at_most_20_tab_stops_one_per_marked_paragraph(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "essay/")
    switch = page.get_by_role("button", name=SWITCH)
    switch.focus()
    controls = page.locator("details.mx-marks > summary")
    own_links = page.locator("article.mx-essay > p[id] a")
    stops = []
    while True:
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('mx-essay').contains(document.activeElement)")
        if not inside:
            break
        stops.append(page.evaluate("document.activeElement.matches('summary') ? 'control' : 'link'"))
    assert stops.count("control") == controls.count() and stops.count("link") == own_links.count() == 1
    assert len(stops) + 1 <= 20, stops  # with the switch
    for summary in controls.all():  # the letters are drawn beside the name, which is read without them
        heard = summary.evaluate(
            "s => [...s.childNodes].filter(n => !n.closest?.('[aria-hidden]')).map(n => n.textContent).join('')"
        )
        assert re.fullmatch(r"\d+ pairings? for this paragraph", heard.strip()), heard
        assert re.fullmatch(r"[a-z](–[a-z])?", summary.locator(".mx-marks__label[aria-hidden=true]").inner_text())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_wide_page_the_controls_sit_in_the_margin_beside_their_paragraphs(
    open_browser: object, server: str, scheme: str
) -> None:
    visit = open_browser(viewport=DESKTOP, color_scheme=scheme)
    page = visit.page
    page.goto(server + "essay/")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll("details.mx-marks")].map(d => {
             const p = document.getElementById(d.dataset.marksFor).getBoundingClientRect();
             const s = d.querySelector("summary").getBoundingClientRect();
             return {p: [p.left, p.top, p.right, p.bottom], s: [s.left, s.top, s.right, s.bottom]};
           })"""
    )
    assert len(boxes) >= 10
    for box in boxes:
        (_, p_top, p_right, _), (s_left, s_top, s_right, _) = box["p"], box["s"]
        assert s_left >= p_right + 16 and abs(s_top - p_top) <= 2, box  # beside the paragraph, at its top
        assert s_right <= DESKTOP["width"]
    # The text keeps a reading measure: at most about 80 characters a line.
    per_line = page.evaluate(
        """() => { const p = document.getElementById("p-03"); const style = getComputedStyle(p);
             const probe = document.createElement("span"); probe.textContent = "abcdefghijklmnopqrstuvwxyz ".repeat(4);
             probe.style.font = style.font; probe.style.whiteSpace = "nowrap"; document.body.append(probe);
             const width = probe.getBoundingClientRect().width / probe.textContent.length; probe.remove();
             return p.getBoundingClientRect().width / width; }"""
    )
    assert 55 <= per_line <= 80, per_line
    # Opened, a control lists its passages in the margin without covering the text.
    control = page.locator("details.mx-marks").first
    control.locator("summary").click()
    link = control.locator("a").first
    assert link.is_visible()
    text_right = page.evaluate("document.getElementById('p-01').getBoundingClientRect().right")
    assert link.bounding_box()["x"] >= text_right
    visit.screenshot(f"essay-marks-margin-{scheme}")


def test_by_keyboard_a_control_opens_its_pairings_and_one_opens_in_the_explorer(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "essay/")
    page.get_by_role("button", name=SWITCH).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('details.mx-marks > summary')")
    assert page.locator("details.mx-marks").first.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert page.locator("details.mx-marks").first.get_attribute("open") == ""
    link = page.locator("details.mx-marks").first.locator("a").first
    assert link.is_visible()
    entry_id = link.get_attribute("href").split("#")[1]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == link.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/explorer/#"))
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    assert page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == entry_id


def test_without_javascript_the_controls_open_and_lead_to_the_explorer(open_browser: object, server: str) -> None:
    plain = open_browser(java_script_enabled=False, viewport=PHONE)
    plain.page.goto(server + "essay/")
    assert plain.page.locator("[data-module=mx-marks-toggle]").is_hidden()
    item = plain.page.locator("details.mx-marks").first
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
