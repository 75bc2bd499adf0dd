"""What comes out of the printer, read back from the PDF: the glossary dense and clean, every page in
light colours on white whatever the screen's scheme."""

from __future__ import annotations

import re

import pytest

from conftest import Visit
from pdfs import Page, contrast, fold, pages

MARGINS = {side: "10mm" for side in ("top", "bottom", "left", "right")}
ORIGINAL = "https://www.ultrasaurus.com/2018/09/production-outages-and-sexism/"


def printed(visit: Visit, paper: str = "A4") -> list[Page]:
    return pages(visit.page.pdf(format=paper, margin=MARGINS, print_background=True))


def assert_light(sheets: list[Page]) -> None:
    """White paper, and every word at least 4.5:1 on it: no dark page, no pale labels."""
    for number, sheet in enumerate(sheets, start=1):
        assert [f for f in sheet.fills if f[1] > 0.2 and min(f[0]) < 0.9] == [], number
        pale = [c for c in sheet.text_colours if contrast(c, (1, 1, 1)) < 4.5]
        assert pale == [], (number, pale)


# Each scheme and each paper size once: the print styles give both schemes the same colours, and no
# colour depends on the paper (pairwise, as the reviews asked for a suite under five minutes).
@pytest.mark.parametrize("scheme, paper", [("light", "A4"), ("dark", "Letter")])
def test_the_glossary_prints_dense_and_clean(
    open_browser: object, server: str, mapping: dict, paper: str, scheme: str
) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    visit.page.goto(server + "glossary/")
    sheets = printed(visit, paper)
    text = fold(" ".join(sheet.text for sheet in sheets))
    # Dense: every page but the last is written to its foot (the first too), none left two-thirds empty; a page
    # may end early where the next opens a phase, whose heading stays with its first pairing.
    phases = {phase["title"] for phase in mapping["phases"]}
    opens = [sheet.text.splitlines()[0].strip() in phases for sheet in sheets]
    spans = [round(sheet.span, 2) for sheet, following in zip(sheets[:-1], opens[1:], strict=True) if not following]
    assert min(spans) >= 0.65, spans
    for phase in mapping["phases"]:  # each phase's heading is on the page of its first pairing, never alone at a foot
        first = next(entry for entry in mapping["entries"] if entry["phase"] == phase["id"])
        holding = [sheet for sheet in sheets if phase["title"] in [line.strip() for line in sheet.text.splitlines()]]
        assert len(holding) == 1, phase["title"]
        sheet = holding[0]
        after = re.sub(r"\s+", " ", sheet.text[sheet.text.index(phase["title"]) :])
        assert re.sub(r"\s+", " ", first["outage"]["term"]) in after, phase["title"]
    # Everything is there, and nothing of the screen's: relative links, the history lines, the prompts.
    for entry in mapping["entries"]:
        assert re.sub(r"\s+", " ", entry["outage"]["term"]) in text
    assert "../" not in text and "(#" not in text
    assert not re.search(r"Added \d", text) and "last changed" not in text
    assert "Discussion prompt" not in text
    assert f"({ORIGINAL})" in text.replace(" ", "")  # the one address it prints (a long one wraps)
    assert_light(sheets)


@pytest.mark.parametrize("path", ["essay/", "handout/", "cards/", "guide/", "explorer/#written-rules"])
def test_printing_with_the_dark_scheme_gives_light_pages(open_browser: object, server: str, path: str) -> None:
    visit = open_browser(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    visit.page.goto(server + path)
    assert visit.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    sheets = printed(visit)
    assert sheets and all(sheet.text.strip() for sheet in sheets)
    assert_light(sheets)
