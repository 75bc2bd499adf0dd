"""The glossary generated from docs/metaphors.yml: rows, quotes, links, order and escaping."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import yaml

from conftest import Project, parse


def rows(project: Project) -> list:
    return project.page("glossary/").select("[data-entry-id]")


def test_one_row_per_entry_in_file_order_within_phases(built: Project, mapping: dict) -> None:
    phase_order = [p["id"] for p in mapping["phases"]]
    expected = sorted(mapping["entries"], key=lambda e: phase_order.index(e["phase"]))
    assert [row["data-entry-id"] for row in rows(built)] == [e["id"] for e in expected]


def test_each_row_has_its_own_anchor_and_both_sides(built: Project, mapping: dict) -> None:
    page = built.page("glossary/")
    for entry in mapping["entries"]:
        row = page.find(id=entry["id"])
        assert row is not None and row["data-entry-id"] == entry["id"]
        outage = row.select_one(".mx-entry__side--outage")
        sexism = row.select_one(".mx-entry__side--sexism")
        assert outage.select_one(".mx-entry__term").get_text() == entry["outage"]["term"]
        assert outage.select_one(".mx-entry__meaning").get_text() == entry["outage"]["meaning"]
        assert sexism.select_one(".mx-entry__term").get_text() == entry["sexism"]["term"]
        assert sexism.select_one(".mx-entry__meaning").get_text() == entry["sexism"]["meaning"]
        assert row.select_one(".mx-entry__breaks").get_text().endswith(entry["breaks_down"])
        assert [li.get_text() for li in row.select(".mx-entry__prompts li")] == entry["prompts"]


def test_rows_are_grouped_by_phase_in_the_fixed_order(built: Project, mapping: dict) -> None:
    page = built.page("glossary/")
    sections = page.select("section.mx-phase")
    assert [s.select_one("h2")["id"] for s in sections] == [p["id"] for p in mapping["phases"]]
    phase_of = {e["id"]: e["phase"] for e in mapping["entries"]}
    for section in sections:
        phase = section.select_one("h2")["id"]
        assert {row["data-entry-id"] for row in section.select("[data-entry-id]")} == {
            entry for entry, p in phase_of.items() if p == phase
        }


def test_every_quote_is_shown_verbatim_and_links_to_an_existing_paragraph(built: Project, mapping: dict) -> None:
    glossary = built.page("glossary/")
    base = "http://site.test/glossary/"
    checked = 0
    for entry in mapping["entries"]:
        figures = glossary.find(id=entry["id"]).select("figure.mx-quote")
        assert [f.select_one("blockquote").get_text(strip=True) for f in figures] == entry["quotes"]
        for figure, quote in zip(figures, entry["quotes"], strict=False):
            target = urlsplit(urljoin(base, figure.select_one("a.mx-quote__link")["href"]))
            page = built.page(target.path.lstrip("/") + "/index.html")
            paragraph = page.find(id=target.fragment)
            assert paragraph is not None, f"{entry['id']}: #{target.fragment} is not on {target.path}"
            assert paragraph.name == "p"
            assert quote in paragraph.get_text()
            checked += 1
    assert checked == sum(len(e["quotes"]) for e in mapping["entries"])


def test_related_entries_link_to_rows_on_the_page(built: Project, mapping: dict) -> None:
    page = built.page("glossary/")
    for entry in mapping["entries"]:
        links = page.find(id=entry["id"]).select("a[data-related]")
        assert [a["href"] for a in links] == [f"#{r}" for r in entry.get("related", [])]
        for link in links:
            assert page.find(id=link["href"][1:]) is not None


def test_the_table_of_contents_lists_phases_then_their_entries(built: Project, mapping: dict) -> None:
    toc = built.page("glossary/").select_one("nav.md-nav--secondary")
    expected = []
    for phase in mapping["phases"]:
        expected.append("#" + phase["id"])
        expected += ["#" + e["id"] for e in mapping["entries"] if e["phase"] == phase["id"]]
    assert [a["href"] for a in toc.select("a.md-nav__link")] == expected


def test_the_glossary_credits_the_author_and_links_the_original(built: Project) -> None:
    page = built.page("glossary/")
    assert "Sarah Allen" in page.select_one(".mx-glossary__intro").get_text()
    footer = page.select_one("footer .md-copyright")
    assert "Sarah Allen" in footer.get_text()
    assert footer.select_one('a[href="https://www.ultrasaurus.com/2018/09/production-outages-and-sexism/"]')


IDS_AND_QUOTES = {"id", "phase", "origin", "quotes", "related", "version"}


def is_id_list(value: object) -> bool:
    """Tell a list of entry ids (a preset's entries) from a list of entries or prompts."""
    return isinstance(value, list) and all(isinstance(v, str) and " " not in v for v in value)


def inject(value: object, payload: str) -> object:
    """Append ``payload`` to every string in a YAML structure, except ids, phases and quotes."""
    if isinstance(value, dict):
        return {k: v if k in IDS_AND_QUOTES or is_id_list(v) else inject(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, payload) for v in value]
    if isinstance(value, str):
        return value + payload
    return value


def test_a_script_in_any_text_field_is_shown_as_text_everywhere(small: Project, small_mapping: dict) -> None:
    project, mapping = small, small_mapping
    payload = '<script>window.__pwned = 1</script><img src=x onerror="alert(1)">'
    injected = inject(mapping, payload)
    short = '<img src=x onerror="alert(1)">'  # a role's short name for the map: at most 60 characters
    for role in injected["roles"]:
        role["short"] = short
    project.mapping.write_text(yaml.safe_dump(injected, allow_unicode=True), encoding="utf-8")
    project.built()
    for html_file in project.site.rglob("*.html"):
        page = parse(html_file)
        for script in page.find_all("script"):
            assert "__pwned" not in script.get_text(), html_file
        assert not page.select('img[src="x"]'), html_file
        assert not page.select("[onerror]"), html_file
    data = (project.site / "assets" / "javascripts" / "metaphor-data.js").read_text(encoding="utf-8")
    prefix = "window.mxMetaphorData = "
    assert data.startswith(prefix) and "<" not in data
    literal = data.removeprefix(prefix).split(";\n", 1)[0]
    assert json.loads(literal)["entries"][0]["breaks_down"].endswith(payload)
    glossary = project.page("glossary/")
    text = glossary.get_text()
    shown = [p[k] for p in mapping["phases"] for k in ("title", "summary")]
    for entry in mapping["entries"]:
        shown += [entry[side][k] for side in ("outage", "sexism") for k in ("term", "meaning")]
        shown += [entry["breaks_down"], *entry["prompts"]]
    assert [value for value in shown if value + payload not in text] == []
    assert short in project.page("map/").select_one(".mx-map__legend").get_text()
    toc = glossary.select_one("nav.md-nav--secondary").get_text()
    assert mapping["entries"][0]["outage"]["term"] + payload in toc


def test_the_intro_names_the_sides_as_a_phone_and_a_desktop_both_show_them(built: Project) -> None:
    """A phone stacks the two sides: "left" and "right" would be wrong there; the labels are not."""
    intro = built.page("glossary/").select_one(".mx-glossary__intro").get_text()
    assert not re.search(r"\b(left|right)\b", intro)
    label = built.page("glossary/").select(".mx-entry__side .mx-entry__label")
    assert [label[0].get_text(), label[1].get_text()] == ["Outage", "Sexism at work"]
    assert "“Outage”" in intro and "“Sexism at work”" in intro
