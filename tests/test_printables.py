"""What the handout and the cards put on paper: the handout's type sized to what it shows and never under
9 pt, its large print (16 pt, one column), and cards printed as several sets so a few fill a sheet."""

from __future__ import annotations

import re

import pytest

from conftest import Visit
from pdfs import printed

MARGINS = {side: "10mm" for side in ("top", "bottom", "left", "right")}
PT = 4 / 3  # CSS pixels in a point
ONE = "m=routine-outage&s="

# The computed font size (px) of every piece of visible text on the page's content, in print.
PRINTED_SIZES = """() => {
    const sizes = [];
    const walker = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.textContent.trim() || !element.checkVisibility() || !element.getClientRects().length) continue;
        sizes.push({ px: parseFloat(getComputedStyle(element).fontSize), text: node.textContent.trim().slice(0, 40) });
    }
    return sizes;
}"""


def handout(visit: Visit, server: str, query: str) -> None:
    visit.page.goto(server + f"handout/?{query}")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")


def printed_sizes(visit: Visit) -> list[dict]:
    """Every visible text's font size (px) in print emulation."""
    visit.page.emulate_media(media="print")
    sizes = visit.page.evaluate(PRINTED_SIZES)
    visit.page.emulate_media(media="null")
    assert sizes
    return sizes


def pdf_pages(visit: Visit, paper: str) -> list[tuple[str, list[float]]]:
    """Each printed page's text (white space folded) and the size in points of each character drawn."""
    return [(page.words, page.sizes) for page in printed(visit.page, format=paper, margin=MARGINS)]


def body_size(sizes: list[dict]) -> float:
    """The most common size: the handout's body type."""
    values = [s["px"] for s in sizes]
    return max(set(values), key=values.count)


# ---------------------------------------------------------------- the handout's type


@pytest.mark.parametrize("query", [ONE, "preset=short", "preset=long", "all=1"])
def test_the_printed_handout_is_never_under_9_pt(visit: Visit, server: str, query: str) -> None:
    handout(visit, server, query)
    sizes = printed_sizes(visit)
    small = [s for s in sizes if s["px"] < 9 * PT - 0.01]
    assert small == [], small
    cells = visit.page.locator("tr[data-entry-id]:visible td").evaluate_all(
        "cells => cells.map(c => { const s = getComputedStyle(c); return parseFloat(s.fontSize); })"
    )
    assert cells and min(cells) >= 9 * PT - 0.01  # the table too (print rules apply to the PDF below)
    for paper in ("A4", "Letter"):
        pages = pdf_pages(visit, paper)
        runs = [size for _, on_page in pages for size in on_page]
        assert min(runs) >= 9 - 0.05, (paper, min(runs))  # on paper: nothing shrunk to fit the page's width
        assert "Companion material CC BY-SA 4.0" in pages[-1][0]  # the last line made it


def test_the_handout_prints_larger_type_the_less_it_shows(visit: Visit, server: str, mapping: dict) -> None:
    body = {}
    for name, query in {"one": ONE, "short": "preset=short", "half": f"m={half(mapping)}&s=", "all": "all=1"}.items():
        handout(visit, server, query)
        body[name] = body_size(printed_sizes(visit))
        said = visit.page.locator("[data-handout-print-text]").text_content()
        assert said == f"Prints in {body[name] / PT:g} pt type.", (name, said)
    assert body["one"] >= body["short"] >= body["half"] >= body["all"]
    assert body["one"] >= 11 * PT and body["all"] == 9 * PT  # up to about 12 pt for a pairing; 9 pt for all


def half(mapping: dict) -> str:
    return ",".join(entry["id"] for entry in mapping["entries"][: len(mapping["entries"]) // 2])


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("preset", ["short", "long"])
def test_a_ready_session_prints_on_two_pages_at_9_pt_or_more(
    visit: Visit, server: str, preset: str, paper: str
) -> None:
    handout(visit, server, f"preset={preset}")
    pages = pdf_pages(visit, paper)
    assert len(pages) <= 2, len(pages)
    assert min(size for _, on_page in pages for size in on_page) >= 9 - 0.05
    assert "Companion material CC BY-SA 4.0" in pages[-1][0]


def test_every_pairing_takes_more_pages_rather_than_smaller_type(visit: Visit, server: str, mapping: dict) -> None:
    handout(visit, server, "all=1")
    pages = pdf_pages(visit, "A4")
    text = " ".join(page for page, _ in pages)
    for entry in mapping["entries"]:
        assert re.sub(r"\s+", " ", entry["sexism"]["term"]).lower() in text.lower(), entry["id"]
    assert min(size for _, on_page in pages for size in on_page) >= 9 - 0.05


# ---------------------------------------------------------------- large print


def test_large_print_is_16_pt_in_one_column_with_the_same_content(visit: Visit, server: str, mapping: dict) -> None:
    page = visit.page
    handout(visit, server, "preset=long")
    shown = page.locator("tr[data-entry-id]:visible, li[data-scenario]:visible").all_text_contents()
    link = page.locator("[data-handout-print-link]")
    assert link.text_content().startswith("Large print")
    link.focus()
    page.keyboard.press("Enter")  # by keyboard, as a link
    page.wait_for_url(re.compile(r"[?&]print=large"))
    page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    assert "preset=long" in page.url  # the session stays in the address
    assert page.locator("tr[data-entry-id]:visible, li[data-scenario]:visible").all_text_contents() == shown
    assert page.locator("[data-handout-print-text]").text_content() == "Prints in 16 pt type, one column."
    sizes = printed_sizes(visit)
    assert min(s["px"] for s in sizes) >= 16 * PT - 0.01, [s for s in sizes if s["px"] < 16 * PT - 0.01]
    page.emulate_media(media="print")
    boxes = page.locator("tr[data-entry-id]:not([hidden]) td").evaluate_all(
        "cs => cs.map(c => [Math.round(c.getBoundingClientRect().left), Math.round(c.getBoundingClientRect().top)])"
    )
    page.emulate_media(media="null")
    lefts, tops = [left for left, _ in boxes], [top for _, top in boxes]
    assert (
        len(set(lefts)) == 1 and tops == sorted(tops) and len(set(tops)) == len(tops)
    )  # one column, one under another
    pages = pdf_pages(visit, "A4")
    assert min(size for _, on_page in pages for size in on_page) >= 16 - 0.05
    assert "Companion material CC BY-SA 4.0" in pages[-1][0]  # no page limit: everything prints
    back = page.locator("[data-handout-print-link]")
    assert back.text_content() == "Standard print"
    back.click()
    page.wait_for_function("() => document.querySelector('[data-module=mx-selection]')?.dataset.started")
    assert "print=large" not in page.url and "preset=long" in page.url


def test_large_print_stays_in_the_address_with_a_remembered_session(visit: Visit, server: str) -> None:
    page = visit.page
    handout(visit, server, ONE)  # this browser now remembers the session
    handout(visit, server, "print=large")
    page.wait_for_function("() => document.querySelector('[data-module=mx-session]').dataset.started")
    assert re.search(r"\?m=routine-outage&s=.*&print=large$", page.url), page.url
    assert page.locator(".mx-handout").get_attribute("data-print") == "large"
    assert page.locator("tr[data-entry-id]:visible").evaluate_all("rs => rs.map(r => r.dataset.entryId)") == [
        "routine-outage"
    ]


def test_without_javascript_the_handout_prints_every_pairing_in_9_pt(open_browser: object, server: str) -> None:
    plain = open_browser(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    plain.page.goto(server + "handout/?print=large")
    assert plain.page.locator("[data-handout-print]").is_hidden()  # the switch needs the script
    sizes = printed_sizes(plain)
    assert min(s["px"] for s in sizes) >= 9 * PT - 0.01 and body_size(sizes) == 9 * PT


# ---------------------------------------------------------------- cards fill the sheet


def cards(visit: Visit, server: str, query: str) -> None:
    visit.page.goto(server + f"cards/?{query}")
    visit.page.wait_for_function("() => document.querySelector('[data-module=mx-cards]').dataset.started")


def printed_cards(visit: Visit) -> int:
    visit.page.emulate_media(media="print")
    count = visit.page.locator(".mx-card:visible").count()
    visit.page.emulate_media(media="null")
    return count


def duplicate_ids(visit: Visit) -> list[str]:
    return visit.page.evaluate(
        "() => [...document.querySelectorAll('[id]')].map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i)"
    )


def test_one_card_for_four_groups_prints_four_sets_on_one_sheet(visit: Visit, server: str, mapping: dict) -> None:
    cards(visit, server, "m=routine-outage&groups=4")
    page = visit.page
    assert page.locator(".mx-card:visible").count() == 1  # the screen shows one set
    assert printed_cards(visit) == 4
    assert duplicate_ids(visit) == []
    assert page.locator("[data-card-copy]").evaluate_all("cs => cs.filter(c => c.querySelector('[id]')).length") == 0
    assert page.locator("[data-cards-sets-input]").input_value() == "4"
    assert page.locator("[data-cards-sets-status]").text_content() == (
        "Prints 4 sets of 1 card: 1 sheet. The page shows one set."
    )
    term = next(e for e in mapping["entries"] if e["id"] == "routine-outage")["outage"]["term"]
    for paper in ("A4", "Letter"):
        pages = pdf_pages(visit, paper)
        assert len(pages) == 1, paper
        text = pages[0][0]
        assert len(re.findall(r"Card 1 ·", text)) == 4
        assert sorted(re.findall(r"set (\d) of 4", text, re.IGNORECASE)) == ["1", "2", "3", "4"]
        assert text.count(re.sub(r"\s+", " ", term)) == 4


def test_a_few_cards_fill_the_sheet_and_the_number_of_sets_can_change(visit: Visit, server: str, mapping: dict) -> None:
    page = visit.page
    chosen = [e["id"] for e in mapping["entries"][:2]]
    cards(visit, server, f"m={','.join(chosen)}")
    assert page.locator("[data-cards-sets-input]").input_value() == "3"  # two cards, three times: six on a sheet
    assert printed_cards(visit) == 6 and len(pdf_pages(visit, "A4")) == 1
    field = page.get_by_label("Sets to print, one per group")
    field.fill("5")
    field.press("Enter")
    status = page.locator("[data-cards-sets-status]")
    assert status.text_content() == "Prints 5 sets of 2 cards: 2 sheets. The page shows one set."
    assert "groups=5" in page.url
    assert printed_cards(visit) == 10 and len(pdf_pages(visit, "A4")) == 2
    assert page.locator(".mx-card:visible").count() == 2 and duplicate_ids(visit) == []
    field.fill("1")
    field.press("Enter")
    assert printed_cards(visit) == 2 and page.locator("[data-card-copy]").count() == 0
    assert page.locator("[data-card-set]:visible").count() == 0  # one set needs no mark


def test_every_card_prints_once_by_default(visit: Visit, server: str, mapping: dict) -> None:
    cards(visit, server, "all=1")
    assert visit.page.locator("[data-cards-sets-input]").input_value() == "1"
    assert printed_cards(visit) == len(mapping["entries"])


def test_a_session_without_pairings_prints_no_empty_table_and_no_cards(visit: Visit, server: str) -> None:
    handout(visit, server, "m=&s=design-review")
    page = visit.page
    assert page.locator("[data-handout-table]").is_hidden() and page.locator("[data-origin-legend]").is_hidden()
    pages = pdf_pages(visit, "A4")
    text = " ".join(words for words, _ in pages)
    assert "In the experience of sexism at work" not in text and "Practice scenarios in this session" in text
    assert len(pages[-1][0].split()) > 40  # the last page is not the credit line alone
    cards(visit, server, "m=&s=design-review")
    assert page.locator("[data-cards-sets-status]").text_content() == (
        "This session has no pairings, so there are no cards to print."
    )
    page.goto(server + "sheets/?preset=brief")
    page.wait_for_function("() => document.querySelector('[data-module=mx-sheets]').dataset.started")
    assert (
        page.locator("[data-sheets-none]").is_visible() and page.locator("section[data-scenario]:visible").count() == 0
    )
