"""What the hook promises every page: its components included or the build stopped at the line, the
anchors each page really has, every nav page a file in docs/ with its front matter, the essay's credit from one place, the data script."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from jinja2 import DictLoader
from mkdocs.config import load_config

from conftest import ROOT, Project, load_yaml, parsed
from pages.build_state import Session, Settings
from pages.page_templates import template_env
from sources.essay_source import TYPOGRAPHY, Essay


def errors(project: Project) -> list[str]:
    """Build, which must fail cleanly; return its ERROR and WARNING lines without the level."""
    return [line.split("-  ", 1)[1] for line in project.failed_build()]


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there, once) by ``new`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ------------------------------------------------------------------------ components in pages


def test_a_component_that_does_not_exist_or_is_included_in_code_stops_the_build_naming_its_page(
    project: Project,
) -> None:
    """Each page's mistake in one run: a template that does not exist (with its line), and a component inside a
    code block, where its markup would show as text."""
    guide, cards = project.root / "docs" / "guide.md", project.root / "docs" / "cards.md"
    edit(guide, '{% include "partials/metaphor/tools.html" %}', '{% include "partials/metaphor/tool.html" %}')
    edit(
        cards, '{% include "partials/metaphor/cards.html" %}', '```\n{% include "partials/metaphor/cards.html" %}\n```'
    )
    line = guide.read_text(encoding="utf-8").splitlines().index('{% include "partials/metaphor/tool.html" %}') + 1
    assert errors(project) == [
        "metaphor: docs/cards.md: a component is included inside code, where Markdown shows its markup as text: "
        "include it on lines of its own, outside code blocks",
        f"metaphor: docs/guide.md:{line}: no template partials/metaphor/tool.html in overrides/ "
        "(did you mean partials/metaphor/tools.html?)",
        "2 problems in the pages' templates (listed above); the site was not built.",
    ]


def test_outside_a_build_a_components_markup_is_rendered_where_it_stands() -> None:
    """The templates' environment alone (scripts/benchmark.py renders the pages as static HTML with it) leaves
    a component's markup in place; only a build's renderer keeps it past Markdown."""
    env = template_env(DictLoader({"part.html": "{% filter html_block %}<p>{{ text }}</p>\n{% endfilter %}"}))
    assert env.get_template("part.html").render(text="<b>") == "<p>&lt;b&gt;</p>\n"


def test_components_pass_markdown_by_and_the_site_is_the_one_markdown_would_make(
    project: Project, built: Project
) -> None:
    """The components' markup skips Markdown (``{% filter html_block %}``, hooks/pages/page_templates.py),
    which would only copy it through: without the filter, every file of the site is the same, byte for byte."""
    wrapped = 0
    for template in (project.root / "overrides" / "partials" / "metaphor").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        wrapped += text.count("{% filter html_block %}\n")
        text = text.replace("{% filter html_block %}\n", "").replace("{% endfilter %}\n", "")
        template.write_text(text, encoding="utf-8")
    assert wrapped >= 15
    site = project.built()
    files = sorted(path.relative_to(site) for path in site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(built.site) for path in built.site.rglob("*") if path.is_file())
    assert [str(name) for name in files if (site / name).read_bytes() != (built.site / name).read_bytes()] == []


def test_the_guide_shows_the_components_it_includes(built: Project) -> None:
    guide = built.page("guide/")
    assert guide.select_one(".mx-agendas [data-agenda]") is not None
    assert guide.select_one("[data-module=mx-agenda]") is not None
    assert guide.select_one("[data-module=mx-picker]") is not None
    assert guide.select_one("[data-module=mx-stopwatch]") is not None
    assert "{%" not in guide.get_text() and "partials/metaphor" not in guide.get_text()


# ------------------------------------------------------------------------ anchors


def test_links_to_anchors_the_components_add_are_checked_and_pass(small: Project, small_mapping: dict) -> None:
    project, mapping = small, small_mapping
    entry, preset = mapping["entries"][0]["id"], mapping["workshop"]["presets"][0]["id"]
    links = [
        f"glossary.md#{entry}",
        f"explorer.md#{entry}",
        f"cards.md#card-{entry}",
        f"plan.md#plan-{entry}",
        f"guide.md#agenda-{preset}",
        "guide.md#agenda-custom",
        f"glossary/{entry}.md#{entry}",
    ]
    about = project.root / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n" + "\n".join(f"[link]({link})" for link in links) + "\n",
        encoding="utf-8",
    )
    project.built()


def test_a_link_to_an_entry_anchor_a_page_does_not_have_fails_a_strict_build(
    small: Project, small_mapping: dict
) -> None:
    """Each page that shows pairings without an anchor for each: a link to one fails the build, each named."""
    project, entry = small, small_mapping["entries"][0]["id"]
    pages = ["deck.md", "handout.md", "plan.md"]
    about = project.root / "docs" / "about.md"
    links = "".join(f"\n[link]({page}#{entry})\n" for page in pages)
    about.write_text(about.read_text(encoding="utf-8") + links, encoding="utf-8")
    assert errors(project) == [
        f"Doc file 'about.md' contains a link '{page}#{entry}', but the doc '{page}' does not contain an anchor '#{entry}'."
        for page in pages
    ]


# ------------------------------------------------------------------------ pages and their front matter


def front_matter(path: Path) -> dict:
    return load_yaml(path.read_text(encoding="utf-8").split("---\n")[1])


def test_every_page_in_the_nav_is_a_file_in_docs(built: Project) -> None:
    config = load_config(str(built.root / "mkdocs.yml"))
    files = []

    def walk(items: list) -> None:
        for item in items:
            for value in item.values() if isinstance(item, dict) else [item]:
                walk(value) if isinstance(value, list) else files.append(value)

    walk(config["nav"])
    assert len(files) == 15
    assert [name for name in files if not (built.root / "docs" / name).is_file()] == []


@pytest.mark.parametrize("name", ["glossary", "explorer", "plan", "handout", "cards", "scenarios", "runbook"])
def test_each_page_takes_its_title_and_description_from_its_front_matter(built: Project, name: str) -> None:
    meta = front_matter(built.root / "docs" / f"{name}.md")
    page = built.page(f"{name}/")
    assert page.select_one("title").get_text().startswith(f"{meta['title']} ")
    description = page.select_one('meta[name="description"]')["content"]
    assert description == meta["description"] or "{{" in meta["description"]
    assert "{{" not in description


def test_the_glossary_lists_the_phases_and_their_pairings_in_its_contents(built: Project, mapping: dict) -> None:
    toc = built.page("glossary/").select("[data-md-type=toc] a.md-nav__link")
    expected = [phase["id"] for phase in mapping["phases"]]
    assert [a["href"] for a in toc if a["href"].removeprefix("#") in expected] == [f"#{p}" for p in expected]
    assert {a["href"] for a in toc} >= {f"#{entry['id']}" for entry in mapping["entries"]}


def test_every_wrong_value_of_our_front_matter_keys_is_named_with_its_file_in_one_run(project: Project) -> None:
    """Each key a page of ours reads from its front matter, given a value it does not take, on two pages: the
    one build names them all, not the first alone."""
    edit(
        project.root / "docs" / "glossary.md",
        "toc: phases\nedit: metaphors.yml\n",
        "toc: entries\nedit: metaphor.yml\n",
    )
    edit(project.root / "docs" / "about.md", "title: About this site\n", "title: About this site\npreview: glossary\n")
    assert errors(project) == [
        "metaphor: docs/about.md: front matter: preview: 'glossary' is not allowed (expected map)",
        "metaphor: docs/glossary.md: front matter: toc: 'entries' is not allowed (expected phases)",
        "metaphor: docs/glossary.md: front matter: edit: 'metaphor.yml' is not a file in docs/",
        "3 problems in the pages' front matter (listed above); the site was not built.",
    ]


# ------------------------------------------------------------------------ the essay's credit, from one place


def test_the_essays_year_and_site_come_from_its_front_matter_in_everything_made_from_data(small: Project) -> None:
    project = small
    essay = project.root / "docs" / "essay.md"
    edit(essay, "published: 2018-09-16T07:12:23-07:00\n", "published: 2019-09-16T07:12:23-07:00\n")
    edit(essay, "original_site: ultrasaurus.com\n", "original_site: blog.example\n")
    project.built()
    shown = {
        "glossary/": ".mx-glossary__intro",
        "explorer/": ".mx-explorer__intro",
        "handout/": ".mx-handout__intro",
        "cards/": ".mx-cards__intro",
        "deck/": ".mx-slide--title .mx-slide__credit",
    }
    for url, selector in shown.items():
        text = " ".join(project.page(url).select_one(selector).get_text().split())
        assert "2019" in text and "2018" not in text, (url, text)
    deck = project.page("deck/")
    assert " ".join(deck.select_one(".mx-slide--title .mx-slide__credit").get_text().split()) == (
        "Sarah Allen, 2019 · first published on blog.example"
    )
    lines = [" ".join(p.get_text().split()) for p in deck.select(".mx-slide__credit, .mx-slide__lead")]
    assert not [text for text in lines if "2018" in text]
    assert "Essay © 2019 Sarah Allen" in project.page("handout/").select_one(".mx-handout__credit").get_text()
    citation = project.page("explorer/").select_one("[data-explorer-citation]").get_text()
    assert "“production outages are like sexism” (2019)." in citation
    assert data_of(project)["essay"]["year"] == 2019


def test_an_essay_without_its_credit_fails_the_build_clearly(project: Project) -> None:
    edit(project.root / "docs" / "essay.md", "original_site: ultrasaurus.com\n", "")
    assert errors(project) == [
        "Cannot read the essay: docs/essay.md: its front matter needs original_site (title, author, original_url "
        "and original_site as text; published as a date, e.g. 2018-09-16)"
    ]


# ------------------------------------------------------------------------ the data script


def data_of(project: Project) -> dict:
    script = (project.site / "assets" / "javascripts" / "metaphor-data.js").read_text(encoding="utf-8")
    return json.loads(script.removeprefix("window.mxMetaphorData = ").split(";\n", 1)[0])


def test_the_data_script_carries_the_one_typography_table_and_the_credit(built: Project, essay: Essay) -> None:
    data = data_of(built)
    assert data["typography"] == TYPOGRAPHY
    assert data["typography"]["×"] == "x"
    meta = essay.meta
    assert data["essay"] == {
        "title": meta["title"],
        "author": meta["author"],
        "original_url": meta["original_url"],
        "original_site": meta["original_site"],
        "year": meta["published"].year,
    }


# ------------------------------------------------------------------------ the site's address in print


def printed_addresses(project: Project) -> dict[str, str]:
    """The text that names the site on the handout, the closing slide and an explorer citation."""
    return {
        "handout": " ".join(project.page("handout/").select_one(".mx-handout__credit").get_text().split()),
        "slide": project.page("deck/").select_one(".mx-slide--closing .mx-slide__credit").get_text(),
        "citation": project.page("explorer/").select_one("[data-explorer-citation]").get_text(),
    }


def test_a_build_on_a_local_address_prints_none_and_says_so(built: Project) -> None:
    project, result = built, built.result  # no SITE_URL: mkdocs.yml's default, http://127.0.0.1:8000/
    assert (
        "INFO    -  metaphor: site_url is http://127.0.0.1:8000/, an address on this machine: the handout, "
        "the last slide and the explorer's citations print no address for the site, and the pages carry no "
        "link cards (the titles, descriptions and images that chats and social sites show for a shared link). "
        "Set SITE_URL to the address the site is published at (the deploy workflow does) to print it."
    ) in result.stderr
    # Nothing a shared link carries names this machine: no card, no preview image.
    assert not (project.site / "assets" / "previews").exists()
    printed = printed_addresses(project)
    assert printed["handout"].endswith("Companion material CC BY-SA 4.0")
    assert printed["slide"].endswith("companion material under CC BY-SA 4.0")
    assert printed["citation"].endswith("(2018).")
    for page in project.site.rglob("*.html"):
        html = parsed(page)
        assert "127.0.0.1" not in html.select_one("body").get_text(), page
        assert not html.select('meta[property^="og:"], meta[name^="twitter:"]'), page


@pytest.mark.parametrize("command, level", [("build", logging.INFO), ("gh-deploy", logging.WARNING)])
def test_deploying_from_here_with_an_address_on_this_machine_is_a_warning(
    command: str, level: int, caplog: pytest.LogCaptureFixture
) -> None:
    """A plain build may be a preview (it says so); `mkdocs gh-deploy` publishes what it builds."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_url="http://127.0.0.1:8000/")
    config.plugins.on_startup(command=command, dirty=False)
    try:
        with caplog.at_level(logging.INFO):
            config.plugins.on_config(config)
    finally:
        config.plugins.on_shutdown()
    [record] = [r for r in caplog.records if "an address on this machine" in r.getMessage()]
    assert record.levelno == level


def test_a_published_address_is_printed_where_the_site_names_itself(deployed: Project, mapping: dict) -> None:
    project, result = deployed, deployed.result  # built for https://example.org/companion/
    assert "an address on this machine" not in result.stderr
    printed = printed_addresses(project)
    assert printed["handout"].endswith("Companion material CC BY-SA 4.0: https://example.org/companion/")
    assert printed["slide"].endswith("CC BY-SA 4.0: https://example.org/companion/")
    first = project.page("explorer/").select_one("[data-entry-id]")["data-entry-id"]
    assert printed["citation"].endswith(f"(2018). https://example.org/companion/explorer/#{first}")


@pytest.mark.parametrize(
    "site_url, command, printed",
    [
        ("http://127.0.0.1:8000/", "build", ""),
        ("http://localhost:8000/site/", "gh-deploy", ""),
        ("http://[::1]:8000/", "build", ""),
        ("http://127.1.2.3/", "build", ""),
        ("http://127.0.0.1:8000/", "serve", "http://127.0.0.1:8000/"),  # the dev server shows its own
        ("https://example.org/", "build", "https://example.org/"),
        ("http://10.0.0.5/", "build", "http://10.0.0.5/"),  # another machine on a network can be reached
    ],
)
def test_the_address_printed_is_the_site_url_unless_only_this_machine_can_open_it(
    site_url: str, command: str, printed: str
) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_url=site_url or None)
    assert Settings.read(config, Session(command)).site_address == printed
