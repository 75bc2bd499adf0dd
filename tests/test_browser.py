"""Real-browser smoke tests in headless Chromium against the built site on loopback."""

from __future__ import annotations

import pytest

from conftest import Visit


@pytest.mark.parametrize("path", ["", "essay/", "glossary/", "explorer/", "about/"])
def test_pages_load_without_errors_or_external_requests(visit: Visit, server: str, path: str) -> None:
    response = visit.page.goto(server + path)
    assert response.status == 200
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator("h1").first.is_visible()
    assert visit.console_errors == []
    assert visit.external == []


def test_the_essay_opens_at_a_linked_paragraph(visit: Visit, server: str) -> None:
    visit.page.goto(server + "essay/#p-07")
    paragraph = visit.page.locator("#p-07")
    assert paragraph.text_content().startswith("By the time there’s a production outage")
    assert paragraph.evaluate("el => el.matches(':target')")
    top = paragraph.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < visit.page.viewport_size["height"] / 2


def test_a_glossary_quote_link_lands_on_its_paragraph(visit: Visit, server: str) -> None:
    visit.page.goto(server + "glossary/")
    link = visit.page.locator("#fast-and-safe a.mx-quote__link").first
    anchor = link.get_attribute("data-anchor")
    quote = visit.page.locator("#fast-and-safe blockquote").first.text_content().strip()
    link.click()
    visit.page.wait_for_url(f"**/essay/#{anchor}")
    assert quote in visit.page.locator(f"#{anchor}").text_content()


def test_the_palette_toggle_switches_between_light_and_dark(visit: Visit, server: str) -> None:
    visit.page.goto(server + "glossary/")
    body = visit.page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    light_background = body.evaluate("el => getComputedStyle(el).backgroundColor")
    visit.page.locator("label[title='Switch to dark mode']:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert body.evaluate("el => getComputedStyle(el).backgroundColor") != light_background
    visit.page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    visit.page.locator("label[title='Switch to light mode']:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_the_glossary_stacks_its_two_sides_on_a_phone(open_browser: object, server: str) -> None:
    phone = open_browser(viewport={"width": 375, "height": 812})
    phone.page.goto(server + "glossary/")
    outage = phone.page.locator("#routine-outage .mx-entry__side--outage").bounding_box()
    sexism = phone.page.locator("#routine-outage .mx-entry__side--sexism").bounding_box()
    assert sexism["y"] >= outage["y"] + outage["height"]
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_glossary_sets_its_sides_side_by_side_on_a_desktop(visit: Visit, server: str) -> None:
    visit.page.set_viewport_size({"width": 1280, "height": 800})
    visit.page.goto(server + "glossary/")
    outage = visit.page.locator("#routine-outage .mx-entry__side--outage").bounding_box()
    sexism = visit.page.locator("#routine-outage .mx-entry__side--sexism").bounding_box()
    assert sexism["y"] == outage["y"]
    assert sexism["x"] > outage["x"] + outage["width"] - 1


def test_printing_the_glossary_uses_no_dark_backgrounds(open_browser: object, server: str) -> None:
    dark = open_browser(color_scheme="dark")
    dark.page.goto(server + "glossary/")
    dark.page.emulate_media(media="print")
    background = dark.page.locator("#routine-outage .mx-entry__side--outage").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background in {"rgba(0, 0, 0, 0)", "transparent"}
    link_text = dark.page.locator("#routine-outage a.mx-quote__link").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "essay/#p-" in link_text
