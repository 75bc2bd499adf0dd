"""Each pairing's own page (glossary/<id>/): what it shows, its links both ways, the sitemap and search."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import Project

BASE = "http://site.test/"


def resolve(project: Project, page_url: str, href: str) -> tuple[BeautifulSoup, str]:
    """Follow ``href`` from the page at ``page_url`` (e.g. 'glossary/'); return the target page and fragment."""
    target = urlsplit(urljoin(BASE + page_url, href))
    path = project.site / target.path.lstrip("/") / "index.html"
    assert path.is_file(), f"{page_url}: {href} leads nowhere"
    return project.page(str(path.relative_to(project.site))), target.fragment


def test_each_pairing_has_a_page_showing_it_whole(built: Project, mapping: dict) -> None:
    for entry in mapping["entries"]:
        page = built.page(f"glossary/{entry['id']}/")
        heading = page.select("article.md-content__inner h1")
        assert len(heading) == 1
        assert " ".join(heading[0].get_text().split()) == f"{entry['outage']['term']} ↔ and {entry['sexism']['term']}"
        assert (
            page.select_one("title").get_text().startswith(f"{entry['outage']['term']} ↔ {entry['sexism']['term']} - ")
        )
        article = page.find(id=entry["id"])
        assert article["aria-labelledby"] == heading[0]["id"]
        assert article.select_one(".mx-entry__side--outage .mx-entry__meaning").get_text() == entry["outage"]["meaning"]
        assert article.select_one(".mx-entry__side--sexism .mx-entry__meaning").get_text() == entry["sexism"]["meaning"]
        assert [f.select_one("blockquote").get_text(strip=True) for f in article.select("figure")] == entry["quotes"]
        assert [li.get_text() for li in article.select(".mx-entry__prompts li")] == entry["prompts"]
        notes = page.select_one("details.mx-pairing__notes")  # pymdownx.details' markup, collapsed
        assert notes.get("open") is None and notes.select_one("summary").get_text() == "Facilitator notes"
        assert notes.select_one("p").get_text() == entry["notes"]


def test_the_glossary_and_explorer_headings_lead_to_the_pairings_page_and_it_leads_back(
    built: Project, mapping: dict
) -> None:
    for source in ("glossary/", "explorer/"):
        page = built.page(source)
        for entry in mapping["entries"]:
            link = page.find(id=entry["id"]).select_one(".mx-entry__title a.mx-entry__self")
            target, _ = resolve(built, source, link["href"])
            assert target.select_one(f"article#{entry['id']}") is not None, (source, link["href"])
    for entry in mapping["entries"]:
        own = f"glossary/{entry['id']}/"
        back = built.page(own).select(".mx-pairing__links a")
        assert [a.get_text() for a in back] == ["In the glossary", "In the explorer"]
        for link, expected in zip(back, ("glossary", "explorer"), strict=True):
            target, fragment = resolve(built, own, link["href"])
            assert fragment == entry["id"] and target.find(id=fragment) is not None
            assert urlsplit(urljoin(BASE + own, link["href"])).path == f"/{expected}/"


def test_a_pairings_related_links_go_to_the_related_pairings_pages(built: Project, mapping: dict) -> None:
    checked = 0
    for entry in mapping["entries"]:
        own = f"glossary/{entry['id']}/"
        links = built.page(own).select("a[data-related]")
        assert [a["data-related"] for a in links] == entry.get("related", [])
        for link in links:
            target, _ = resolve(built, own, link["href"])
            assert target.select_one("h1").get("id") == f"{link['data-related']}-title"
            checked += 1
    assert checked > 0


def test_the_pairings_pages_are_outside_the_nav(built: Project, mapping: dict) -> None:
    nav = built.page("glossary/").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert not [h for h in hrefs if any(re.search(rf"(^|/){entry['id']}/", h) for entry in mapping["entries"])]
    assert "#" + mapping["entries"][0]["id"] in hrefs  # the glossary's own contents do list it


def test_the_sitemap_lists_every_page_once(built: Project, mapping: dict) -> None:
    tree = ET.parse(built.site / "sitemap.xml")
    locs = [el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    pages = {
        "" if p.parent == built.site else p.parent.relative_to(built.site).as_posix() + "/"
        for p in built.site.rglob("index.html")
    }
    assert {urlsplit(loc).path.lstrip("/") for loc in locs} == pages
    assert {f"glossary/{entry['id']}/" for entry in mapping["entries"]} <= pages


def search_docs(project: Project) -> list[dict]:
    return json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def text_of(doc: dict) -> str:
    return " ".join(BeautifulSoup(doc["title"] + " " + doc["text"], "html.parser").get_text().split())


def test_search_holds_each_pairing_once_on_its_own_page(built: Project, mapping: dict) -> None:
    docs = search_docs(built)
    texts = [(doc["location"], text_of(doc)) for doc in docs]  # each document's text read once
    for entry in mapping["entries"]:
        for words in (
            entry["breaks_down"],
            entry["outage"]["meaning"],
            entry["sexism"]["meaning"],
            entry["prompts"][0],
        ):
            holding = [location for location, text in texts if " ".join(words.split()) in text]
            assert holding == [f"glossary/{entry['id']}/"], (entry["id"], words[:40], holding)
        titled = [doc for doc in docs if doc["title"] == f"{entry['outage']['term']} ↔ {entry['sexism']['term']}"]
        assert [doc["location"] for doc in titled] == [f"glossary/{entry['id']}/"]
    glossary = [doc for doc in docs if doc["location"].startswith("glossary/#") or doc["location"] == "glossary/"]
    assert {doc["title"] for doc in glossary} >= {"Glossary", "Who plays which part"}  # the rest of it stays searchable
    assert not [doc for doc in docs if re.search(r"data-search", doc["text"])]


def test_the_glossary_and_explorer_keep_their_own_anchors(built: Project, mapping: dict) -> None:
    for entry in mapping["entries"]:
        for page in ("glossary/", "explorer/"):
            assert built.page(page).find(id=entry["id"])["data-entry-id"] == entry["id"]
    html = (built.site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in html  # Material strips the marks once search has read them
