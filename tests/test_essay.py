"""The essay page: every word of the original, stable paragraph anchors, credit and metadata."""

from __future__ import annotations

import re

from conftest import SEED, Project

MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def seed_paragraphs() -> list[str]:
    """Return the seed's body paragraphs as a reader sees them (Markdown removed)."""
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    paragraphs = [p.strip() for p in body.strip().split("\n\n")]
    return [MARKDOWN_LINK.sub(r"\1", p).replace("**", "") for p in paragraphs]


def seed_sentences() -> list[str]:
    return [s for p in seed_paragraphs() for s in re.split(r"(?<=[.?!])\s+", p) if s]


def essay_paragraphs(built: Project) -> list:
    """Return the essay's paragraphs as built (the marks' chips follow them, outside)."""
    return built.page("essay/").select("article.mx-essay > p[id]")


def test_every_paragraph_of_the_seed_is_on_the_page_word_for_word(built: Project) -> None:
    on_page = [p.get_text() for p in essay_paragraphs(built)]
    assert on_page == seed_paragraphs()


def test_every_sentence_of_the_seed_appears_on_the_page(built: Project) -> None:
    text = " ".join(p.get_text() for p in essay_paragraphs(built))
    missing = [s for s in seed_sentences() if s not in text]
    assert len(seed_sentences()) > 60
    assert missing == []


def test_the_essay_keeps_its_link(built: Project) -> None:
    link = built.page("essay/").select_one('article.mx-essay a[href*="kaporcenter.org"]')
    assert link is not None
    assert link.get_text() == "well-documented"
    assert link["href"] == MARKDOWN_LINK.search(SEED.read_text(encoding="utf-8")).group(2)


def test_paragraph_anchors_are_numbered_in_reading_order(built: Project) -> None:
    ids = [p["id"] for p in essay_paragraphs(built)]
    assert ids == [f"p-{n:02d}" for n in range(1, len(seed_paragraphs()) + 1)]


def test_paragraphs_numbered_out_of_order_fail_the_build(project: Project) -> None:
    essay = project.root / "docs" / "essay.md"
    text = essay.read_text(encoding="utf-8")
    assert text.count("{: #p-03 }") == text.count("{: #p-04 }") == 1
    essay.write_text(
        text.replace("{: #p-03 }", "{: #swap }")
        .replace("{: #p-04 }", "{: #p-03 }")
        .replace("{: #swap }", "{: #p-04 }"),
        encoding="utf-8",
    )
    assert project.failed_build() == [
        "ERROR   -  Cannot read the essay: docs/essay.md: paragraph 3 ('I started programming when I was twelve.'...) "
        "must end with the line '{: #p-03 }', found p-04"
    ]


def test_an_essay_of_a_hundred_paragraphs_or_more_builds_and_keeps_its_anchors(project: Project) -> None:
    """Anchors run on past p-99 (the benchmark's growth builds add a paragraph per synthetic entry)."""
    essay = project.root / "docs" / "essay.md"
    text = essay.read_text(encoding="utf-8").rstrip("\n")
    count = len(seed_paragraphs())
    added = [f"**Heading {n}.**\n{{: #p-{n:02d} }}\n" for n in range(count + 1, 105)]  # unquoted one-liners
    added.append("The hundred and fifth paragraph, quoted.\n{: #p-105 }\n")
    essay.write_text(text + "\n\n" + "\n".join(added), encoding="utf-8")
    mapping = project.mapping.read_text(encoding="utf-8")
    entry = mapping.index("  - id: routine-outage\n")
    quotes = mapping.index("    quotes:\n", entry) + len("    quotes:\n")
    added_quote = '      - "The hundred and fifth paragraph, quoted."\n'
    project.mapping.write_text(mapping[:quotes] + added_quote + mapping[quotes:], encoding="utf-8")
    project.built()
    ids = [p["id"] for p in essay_paragraphs(project)]
    assert ids == [f"p-{n:02d}" for n in range(1, 106)]
    chip = project.page("essay/").select_one("#p-105 + *")  # the marks' chip after the quoted paragraph
    assert chip is not None and "pairing" in chip.get_text()


def test_the_page_shows_title_author_date_and_a_link_to_the_original(built: Project) -> None:
    page = built.page("essay/")
    assert page.select_one("h1").get_text() == "production outages are like sexism"
    byline = page.select_one(".mx-essay__byline")
    assert "Sarah Allen" in byline.get_text()
    time = byline.select_one("time")
    assert time.get_text() == "16 September 2018"
    assert time["datetime"] == "2018-09-16T07:12:23-07:00"
    original = byline.select_one("a")
    assert original["href"] == "https://www.ultrasaurus.com/2018/09/production-outages-and-sexism/"
    assert original.get_text() == "ultrasaurus.com"


def test_wordpress_fields_that_mean_nothing_here_are_dropped(built: Project) -> None:
    html = (built.site / "essay" / "index.html").read_text(encoding="utf-8")
    for leftover in ("6662", "post_format", "status: publish"):
        assert leftover not in html


def test_the_page_has_a_meta_description(built: Project) -> None:
    description = built.page("essay/").select_one('meta[name="description"]')["content"]
    assert description.startswith("Sarah Allen’s 2018 essay")


def test_a_quote_is_found_in_every_paragraph_that_holds_it_and_never_across_two() -> None:
    from sources.essay_source import Essay, Paragraph

    essay = Essay(
        "essay.md",
        {},
        (
            Paragraph("p-01", "It happens. We prepare."),
            Paragraph("p-02", "We learn to expect it."),
            Paragraph("p-03", "It happens."),
        ),
    )
    assert [p.anchor for p in essay.paragraphs_containing("It happens.")] == ["p-01", "p-03"]
    assert essay.paragraphs_containing("We prepare. We learn") == ()  # the end of one, the start of the next
    assert essay.paragraphs_containing("prepare.\x00We") == ()
    assert [p.anchor for p in essay.paragraphs_containing("")] == ["p-01", "p-02", "p-03"]  # as `in` finds it
    assert essay.paragraph("p-02").text == "We learn to expect it."
