"""What the content promises readers and facilitators: who draws each pairing, who plays which part,
the essay page as the site's outline when a deployment has no permission to publish the essay (and
how much of the essay the site quotes), the session's support contacts, the break."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from agenda_spec import session_agenda
from bs4 import Tag

from conftest import EXCERPTS, ROOT, Project, Visit, serve, switch_scheme, violations
from model.metaphor_model import Metaphor, agenda
from pages.page_templates import words as number_words
from sources.essay_source import Essay, Paragraph

LABELS = {"essay": "Drawn by the essay", "site": "The site's extension"}


# ------------------------------------------------------------------------ who draws each pairing


@pytest.mark.parametrize(
    "page, selector",
    [
        ("glossary/", "article.mx-entry[data-entry-id]"),
        ("explorer/", "article.mx-entry[data-entry-id]"),
        ("handout/", "tr[data-entry-id]"),
        ("cards/", "article.mx-card[data-entry-id]"),
        ("deck/", "section[data-entry]"),
    ],
)
def test_every_pairing_says_who_draws_it(built: Project, model: Metaphor, page: str, selector: str) -> None:
    html = built.page(page)
    shown = {}
    for element in html.select(selector):
        labels = element.select(".mx-origin")
        assert len(labels) == 1, element.get("data-entry-id") or element.get("data-entry")
        shown[element.get("data-entry-id") or element["data-entry"]] = (labels[0]["data-origin"], labels[0].get_text())
    assert shown == {e.id: (e.origin, LABELS[e.origin]) for e in model.entries}


@pytest.mark.parametrize("page", ["glossary/", "explorer/", "handout/", "cards/"])
def test_the_labels_are_explained_once_on_each_page(built: Project, model: Metaphor, page: str) -> None:
    legends = built.page(page).select("[data-origin-legend]")
    assert len(legends) == 1
    text = " ".join(legends[0].get_text().split())
    drawn = sum(e.origin == "essay" for e in model.entries)
    assert (
        f"{LABELS['essay']}: the essay itself compares these two things ({drawn} of the site's {len(model.entries)} pairings)"
        in text
    )
    assert f"{LABELS['site']}: this site pairs" in text
    assert f"The {number_words(len(model.phases))} phases that group the pairings are the site's too." in text


def test_the_deck_explains_the_labels_on_its_casting_slide(built: Project) -> None:
    slide = built.page("deck/").select_one('section[data-title="Who plays which part"]')
    text = " ".join(slide.get_text().split())
    assert f"{LABELS['essay']} when the essay itself makes the comparison" in text
    assert f"{LABELS['site']} when this site does" in text


@pytest.mark.parametrize(
    "page, selector, short",
    [
        ("glossary/", ".mx-roles__table", False),
        ("handout/", ".mx-handout__roles", True),
        ("deck/", ".mx-slide__roles", True),
    ],
)
def test_who_plays_which_part_is_stated_from_the_mapping(
    built: Project, model: Metaphor, page: str, selector: str, short: bool
) -> None:
    """The glossary states each part whole; the handout and the slide, in the map legend's few words."""
    tables = built.page(page).select(selector)
    assert len(tables) == 1
    rows = [
        (r.select_one("th").get_text(strip=True), r.select_one("td").get_text(strip=True))
        for r in tables[0].select("tbody tr")
    ]
    assert rows == [(r.outage, r.legend if short else r.sexism) for r in model.roles]


# ------------------------------------------------------------------------ the essay as the site's outline


def test_the_essay_is_published_whole_by_default(built: Project, essay: object) -> None:
    page = built.page("essay/")
    for paragraph in essay.paragraphs:
        assert page.select_one(f"p#{paragraph.anchor}").get_text() == paragraph.text
    assert "as she published it" in page.select_one(".mx-note").get_text()


ORIGINAL = "https://www.ultrasaurus.com/2018/09/production-outages-and-sexism/"
QUOTATION = re.compile(r"“(.*?)”", re.S)


def words(node: object) -> str:
    """Return a parsed element's text with its whitespace collapsed, as a reader reads it."""
    return " ".join(node.get_text().split())


def sentences(essay: Essay) -> list[tuple[Paragraph, str]]:
    """Return every sentence of the essay with its paragraph, in reading order."""
    return [(paragraph, sentence) for paragraph in essay.paragraphs for _, sentence in paragraph.sentences]


def shown_whole(text: str, essay: Essay) -> list[tuple[Paragraph, str]]:
    """Return the essay's sentences that appear whole in ``text``."""
    return [(paragraph, sentence) for paragraph, sentence in sentences(essay) if " ".join(sentence.split()) in text]


def test_with_essay_text_excerpts_the_essay_page_is_the_sites_outline_under_every_anchor(
    excerpts: Project, essay: Essay
) -> None:
    page = excerpts.page("essay/")
    paragraphs = page.select("article.mx-essay > p[id]")
    assert [p["id"] for p in paragraphs] == [p.anchor for p in essay.paragraphs]  # p-01 ... p-15, in order
    for paragraph in paragraphs:
        assert paragraph.select("a")[-1]["href"] == ORIGINAL, paragraph["id"]  # each ends with the original
    assert words(page.select_one("h1")) == essay.credit.title
    byline = page.select_one(".mx-essay__byline")
    assert words(byline).startswith(f"An essay by {essay.credit.author}, 16 September 2018.")
    assert byline.select_one("a")["href"] == ORIGINAL
    notice = page.select_one("header [data-outline-notice]")
    assert words(notice).startswith(
        "This page is not the essay. It is this site's outline of it, in the site's own words"
    )
    assert "No permission to publish the essay's full text has been recorded for this site" in words(notice)
    assert notice.select_one(f'a[href="{ORIGINAL}"]').get_text() == "Read the essay on ultrasaurus.com"
    description = page.select_one('meta[name="description"]')["content"]
    assert description == (
        "This site's outline of Sarah Allen's 2018 essay “production outages are like sexism”: what it argues "
        "and how it runs, paragraph by paragraph, in the site's own words, with a few short quotations and "
        "links to the original."
    )
    assert "This outline is this site's writing" in words(page.select_one(".mx-note"))
    assert not (excerpts.site / "essay-outline").exists()  # the outline is the essay page, not a page of its own


def test_the_outline_shows_at_most_a_fifth_of_the_essays_sentences_and_no_paragraph_whole(
    excerpts: Project, essay: Essay, site_data: object
) -> None:
    text = words(excerpts.page("essay/"))  # everything on the page, the title, notes and menus too
    shown = shown_whole(text, essay)
    assert 5 * len(shown) <= len(sentences(essay)), [sentence for _, sentence in shown]
    for paragraph in essay.paragraphs:
        whole = (
            all((paragraph, sentence) in shown for _, sentence in paragraph.sentences)
            or " ".join(paragraph.text.split()) in text
        )
        assert not whole, paragraph.anchor  # not even a one-line bold heading, such as the thesis
    index = json.loads((excerpts.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searched = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("essay/"))
    assert 5 * len(shown_whole(" ".join(searched.split()), essay)) <= len(sentences(essay))
    # A sentence of the essay that nothing but the essay page quotes appears nowhere in the excerpts build.
    quoted = covered(essay, site_quotes(site_data) + outline_quotes(excerpts, essay))
    paragraph, unquoted = next(
        (paragraph, sentence)
        for paragraph in essay.paragraphs
        for offset, sentence in paragraph.sentences
        if (paragraph.anchor, offset) not in quoted and len(sentence.split()) >= 4
    )
    assert not [path for path in excerpts.site.rglob("*.*") if unquoted.encode() in path.read_bytes()], paragraph.anchor


def test_every_quotation_on_the_outline_page_is_a_few_of_the_essays_own_words(excerpts: Project, essay: Essay) -> None:
    content = excerpts.page("essay/").select_one(".md-content")
    quotations = [" ".join(q.split()) for q in QUOTATION.findall(content.get_text())]
    quotations = [q for q in quotations if q != essay.credit.title]  # the essay named by its title
    assert 1 <= len(quotations) <= 8, quotations  # a few
    for quotation in quotations:
        assert essay.quote_problem(quotation) is None, quotation
        assert len(quotation.split()) <= 12, quotation  # short


def test_the_outline_page_has_no_marks_chips_or_switch(excerpts: Project) -> None:
    page = excerpts.page("essay/")
    assert page.select("[data-mark], .mx-mark, .mx-marks, [data-marks-for], [data-module], .mx-essay__tools") == []
    html = (excerpts.site / "essay" / "index.html").read_text(encoding="utf-8")
    assert "marks-toggle" not in html and "mx-essay-marks" not in html


def test_the_outline_page_is_valid_html(excerpts: Project) -> None:
    binary = ROOT / "node_modules" / ".bin" / "html-validate"
    assert binary.exists(), "run `npm ci` (scripts/test does)"
    page = excerpts.site / "essay" / "index.html"
    config = ROOT / "html-validate.config.cjs"
    result = subprocess.run(
        [str(binary), "--config", str(config), "--formatter", "text", str(page)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_axe_finds_no_violations_on_the_outline_page_in_either_scheme(open_browser: object, excerpts: Project) -> None:
    with serve(excerpts.site) as url:
        visit = open_browser(color_scheme="light", viewport={"width": 1280, "height": 800})
        visit.page.goto(url + "essay/#p-09")
        for scheme in ("light", "dark"):
            switch_scheme(visit, scheme)
            assert violations(visit) == [], scheme
            visit.screenshot(f"essay-outline-{scheme}")


def reworded(text: str, old: str, new: str) -> str:
    """Return ``text`` with the one run of words ``old`` (however its lines are wrapped) replaced by ``new``."""
    pattern = re.compile(r"\s+".join(map(re.escape, old.split())))
    assert len(pattern.findall(text)) == 1, old
    return pattern.sub(lambda _: new, text)


def outline_case(project: Project, essay: Essay, case: str) -> tuple[str, list[str]]:
    """Make one kind of mistake in the project's outline; return its text and the problem it must be reported as."""
    text = (project.root / "docs" / "essay-outline.md").read_text(encoding="utf-8")

    def line_of(snippet: str) -> int:
        assert text.count(snippet) == 1, snippet
        return text[: text.index(snippet)].count("\n") + 1

    if case == "missing anchor":
        text = text.replace("{: #p-03 }\n", "")
        last = text[: text.index("\n\nShe now works")].count("\n") + 1  # the paragraph's last line
        return text, [f"{last}: this paragraph has no anchor: end it with the line '{{: #p-03 }}'"]
    if case == "misquote":
        text = reworded(text, "“old men and young jerks”", "“old men and young fools”")
        return text, [
            f"{line_of('“old men and young fools”')}: “old men and young fools”: not found verbatim in the essay "
            '(closest: "Sometimes you can ignore the rules.")'
        ]
    if case == "a paragraph whole":
        whole = essay.paragraph("p-11").text
        text = reworded(text, "[Read paragraph 11", f"She writes: “{whole}”\n[Read paragraph 11")
        return text, [
            f"{line_of('She writes: “')}: shows the essay's paragraph p-11 whole (both its sentences): quote less of "
            "it, and say the rest in the site's words"
        ]
    # Too many sentences: whole sentences of her paragraphs (never a paragraph's last, so none is shown whole),
    # one more than a fifth of the essay, all on one line at its end.
    total, limit = len(sentences(essay)), len(sentences(essay)) // 5
    more = [
        sentence
        for paragraph in essay.paragraphs
        for _, sentence in paragraph.sentences[:-1]
        if len(essay.paragraphs_containing(sentence)) == 1 and "“" not in sentence
    ][: limit + 1]
    added = " ".join(f"“{sentence}”" for sentence in more)
    text = reworded(text, "[Read paragraph 15", f"She also writes {added}\n[Read paragraph 15")
    return text, [
        f"{line_of('She also writes “')}: shows {limit + 1} of the essay's {total} sentences whole, more than a fifth "
        f"(at most {limit}; the {limit + 1}th is on this line): quote less, and say more in the site's words"
    ]


@pytest.mark.parametrize("case", ["missing anchor", "misquote", "a paragraph whole", "too many sentences"])
def test_a_mistake_in_the_outline_fails_the_excerpts_build_naming_its_line(
    project: Project, essay: Essay, case: str
) -> None:
    text, expected = outline_case(project, essay, case)
    (project.root / "docs" / "essay-outline.md").write_text(text, encoding="utf-8")
    assert project.failed_build(env=EXCERPTS) == [
        *(f"ERROR   -  metaphor: docs/essay-outline.md:{line}" for line in expected),
        "ERROR   -  docs/essay-outline.md: 1 problem found (listed above); the site was not built.",
    ]
    assert not project.site.exists()


def site_quotes(site_data: object) -> list[tuple[str, str]]:
    """Every quotation the data files hold (entries, the key passages, scenarios): (text, paragraph anchor)."""
    metaphor, scenarios = site_data.metaphor, site_data.scenarios.scenarios
    quotes = [(q.text, q.anchor) for e in metaphor.entries for q in e.quotes]
    quotes += [(q.text, q.anchor) for q in metaphor.workshop.quotes]
    return quotes + [(q.text, q.anchor) for s in scenarios for q in s.quotes]


def outline_quotes(excerpts: Project, essay: Essay) -> list[tuple[str, str]]:
    """The few quotations the outline (the essay page of an excerpts build) holds: (text, paragraph anchor)."""
    outline = [" ".join(q.split()) for q in QUOTATION.findall(excerpts.page("essay/").select_one("article").get_text())]
    return [(q, essay.paragraphs_containing(q)[0].anchor) for q in outline if q != essay.credit.title]


def covered(essay: Essay, quotes: list[tuple[str, str]]) -> set[tuple[str, int]]:
    """Return the essay's sentences any of ``quotes`` (text, paragraph anchor) takes words from."""
    found = set()
    for text, anchor in quotes:
        paragraph = essay.paragraph(anchor)
        start = paragraph.text.index(text)
        found |= {
            (anchor, offset)
            for offset, sentence in paragraph.sentences
            if offset < start + len(text) and start < offset + len(sentence)
        }
    return found


def test_the_rights_state_how_much_of_the_essay_the_site_quotes(
    built: Project, excerpts: Project, site_data: object, essay: Essay
) -> None:
    quotes, quotes_too = site_quotes(site_data), outline_quotes(excerpts, essay)
    total = len(sentences(essay))
    quoted, deployed = len(covered(essay, quotes)), len(covered(essay, quotes + quotes_too))
    assert 0 < quoted <= deployed < total
    licence = " ".join((ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8").split())
    assert "they quote **most of the essay's sentences**" in licence, "LICENSE-CONTENT.md: say how much is quoted"
    assert 2 * deployed > total, (
        f"LICENSE-CONTENT.md says the site quotes most of the essay's sentences; it quotes {deployed} of {total}: "
        "say so there"
    )
    assert f"quote {deployed} of its {total} sentences" in words(excerpts.page("about/"))
    assert f"quote {quoted} of its {total} sentences" in words(built.page("about/"))


def test_an_unknown_essay_text_setting_fails_the_build_clearly(project: Project) -> None:
    result = project.build(env={"ESSAY_TEXT": "some"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  ESSAY_TEXT (extra.essay_text in mkdocs.yml) is 'some': use 'full' (the whole essay) or 'excerpts' "
        "(the site's outline of the essay, with a few short quotations and links to the original)"
    ) in result.stderr


# ------------------------------------------------------------------------ support contacts


SUPPORT = "Dana in People Ops <script>window.__pwned = 1</script>"
REPORT = "the HR incident form, hr.example/report"


def test_the_plan_pages_support_contacts_reach_the_closing_slide_and_the_handout(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "plan/?preset=short")
    page.locator("[data-plan-total]").wait_for(state="visible")
    page.get_by_label("Talk to someone").fill(SUPPORT)
    page.get_by_label("Report sexism or harassment").fill(REPORT)
    assert "support=" in page.evaluate("location.search")
    page.get_by_role("button", name="Handout").click()
    page.wait_for_url(re.compile(r"/handout/\?"))
    page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    assert page.locator('[data-support-field="support"]').text_content() == SUPPORT
    assert page.locator('[data-support-field="report"]').text_content() == REPORT
    page.go_back()
    page.get_by_role("button", name="Open the deck").click()
    page.wait_for_url(re.compile(r"/deck/\?"))
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    page.keyboard.press("End")
    closing = page.locator("[data-slide].is-current")
    assert closing.get_attribute("data-title") == "One goal each"
    assert closing.locator('[data-support-field="support"]').text_content() == SUPPORT
    assert closing.locator('[data-support-field="report"]').is_visible()
    assert page.evaluate("window.__pwned") is None


def test_without_contacts_the_handout_keeps_lines_to_write_on_and_the_slide_shows_none(
    visit: Visit, server: str
) -> None:
    visit.page.goto(server + "handout/")
    fields = visit.page.locator("[data-support-field]")
    assert fields.count() == 2 and all(f.is_visible() and f.text_content() == "" for f in fields.all())
    visit.page.goto(server + "deck/#99")
    visit.page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert visit.page.locator("[data-slide].is-current [data-support]").is_hidden()


# ------------------------------------------------------------------------ the agenda and its break


# Three phases of 10 discussion minutes, one 5-minute pairing in each; 5-minute opening, passages and
# close. The whole session is 60 minutes; its discussions end at 25, 40 and 55 minutes.
PHASES = [("a", "A", 10), ("b", "B", 10), ("c", "C", 10)]
ENTRIES = [("e1", "a", "E1", 5), ("e2", "b", "E2", 5), ("e3", "c", "E3", 5)]


def layout(*, over: int, selection: tuple[str, ...] | None = None) -> list[tuple[str, str, int]]:
    items = agenda(
        phases=PHASES, entries=ENTRIES, opening=5, passages=5, pause=(10, over), closing=5, selection=selection
    )
    return [(item.kind, item.ref, item.minutes) for item in items]


def test_a_session_longer_than_the_threshold_breaks_after_the_discussion_nearest_its_middle() -> None:
    # 60 minutes is over 50: the middle is at 30, and the discussion ending at 25 is nearest it.
    assert layout(over=50) == [
        ("opening", "", 5),
        ("passages", "", 5),
        ("entry", "e1", 5),
        ("discussion", "a", 10),
        ("break", "", 10),
        ("entry", "e2", 5),
        ("discussion", "b", 10),
        ("entry", "e3", 5),
        ("discussion", "c", 10),
        ("closing", "", 5),
    ]


def test_a_session_no_longer_than_the_threshold_has_no_break() -> None:
    assert "break" not in [kind for kind, _, _ in layout(over=60)]


def test_a_selection_keeps_only_its_pairings_and_the_discussions_of_their_phases() -> None:
    # e2 and e3 with their two discussions: 45 minutes, under the threshold, so no break either.
    assert layout(over=50, selection=("e3", "e2")) == [
        ("opening", "", 5),
        ("passages", "", 5),
        ("entry", "e2", 5),
        ("discussion", "b", 10),
        ("entry", "e3", 5),
        ("discussion", "c", 10),
        ("closing", "", 5),
    ]


@pytest.mark.parametrize("pick", [slice(0, 2), slice(None, None, 2)], ids=["two, no break", "every other, a break"])
def test_the_browser_lays_out_the_same_agenda_as_the_build(
    visit: Visit, server: str, model: Metaphor, pick: slice
) -> None:
    chosen = [e.id for phase, entries in model.by_phase() for e in entries][pick]
    expected = session_agenda(tuple(chosen))
    assert ("break" in [i.kind for i in expected]) == (pick.step == 2)
    assert browser_agenda(visit, server, f"m={','.join(chosen)}") == [[i.kind, i.title, i.minutes] for i in expected]


def browser_agenda(visit: Visit, server: str, search: str) -> list[list]:
    """The guide's agenda for the session in ``search``, as (kind, title, minutes) rows."""
    visit.page.goto(server + f"guide/?{search}")
    custom = visit.page.locator("[data-module=mx-agenda]")
    custom.wait_for(state="visible")
    return custom.locator("tbody tr").evaluate_all(
        "rs => rs.map(r => [r.dataset.kind, r.children[1].textContent, +r.children[2].textContent])"
    )


# Sessions with scenarios: each case names its pairings (a slice of the display order), its scenarios
# (a slice of the file's order) and its buffer, and what the case is for: where the break falls.
SESSIONS = {
    "one scenario, short, no break": (slice(0, 1), slice(0, 1), 0, None),
    "scenarios and a buffer, break after a discussion": (slice(None, None, 3), slice(0, 2), 5, "discussion"),
    "scenarios only, break after a scenario": (slice(0, 0), slice(None, None, -1), 10, "scenario"),
    "one pairing, three scenarios, break after a scenario": (slice(0, 1), slice(2, 5), 5, "scenario"),
}


@pytest.mark.parametrize("case", SESSIONS)
def test_the_browser_lays_out_sessions_with_scenarios_and_a_buffer_as_the_build_does(
    visit: Visit, server: str, model: Metaphor, site_data: object, case: str
) -> None:
    pairings, runs, buffer, before_break = SESSIONS[case]
    chosen = [e.id for phase, entries in model.by_phase() for e in entries][pairings]
    scenarios = [s.id for s in site_data.scenarios.scenarios][runs]
    expected = session_agenda(tuple(chosen), tuple(scenarios), buffer)
    kinds = [i.kind for i in expected]
    assert (kinds[kinds.index("break") - 1] if "break" in kinds else None) == before_break  # the case holds
    assert ("buffer" in kinds) == bool(buffer)
    pending = [s.id for s in site_data.scenarios.scenarios if s.pending and s.id in scenarios]
    search = f"m={','.join(chosen)}&s={','.join(scenarios)}&ok={','.join(pending)}&b={buffer}"
    assert browser_agenda(visit, server, search) == [[i.kind, i.title, i.minutes] for i in expected]


@pytest.mark.parametrize("preset", ["short", "long"])
def test_a_ready_session_in_the_url_lays_out_as_its_ready_agenda(
    visit: Visit, server: str, model: Metaphor, site_data: object, preset: str
) -> None:
    session = model.workshop.preset(preset)
    expected = session_agenda(session.entries, session.scenarios, session.buffer)
    assert sum(i.minutes for i in expected) == session.minutes
    assert browser_agenda(visit, server, f"preset={preset}") == [[i.kind, i.title, i.minutes] for i in expected]


@pytest.mark.parametrize("page", ["index.md", "guide.md", "about.md", "essay-outline.md"])
def test_the_sites_own_pages_use_the_essays_words_only_in_quotation_marks(essay: Essay, page: str) -> None:
    """Seven or more of her words in a row stand in quotation marks, as the mapping's own text must (the build
    checks that): a reader can always tell her words from the site's."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert essay.unquoted_run(text) is None, essay.unquoted_run(text)


def entry_slides(built: Project) -> dict[str, Tag]:
    """Return the deck's slide of each pairing, by its id (the page is searched once, not once per pairing)."""
    sections = built.page("deck/").select("section[data-entry]")
    slides = {slide["data-entry"]: slide for slide in sections}
    assert len(slides) == len(sections)
    return slides


def test_every_slide_of_the_sites_extension_tells_the_presenter_to_say_so_first(
    built: Project, model: Metaphor
) -> None:
    """A room hears a slide as the author's comparison unless told otherwise: the presenter's notes of each
    pairing the site extends begin by saying so, and those of the essay's own pairings never do."""
    slides = entry_slides(built)
    for entry in model.entries:
        notes = slides[entry.id].select_one("[data-notes]").get_text()
        says_so = notes.startswith("Say first that this pairing is the site's extension")
        assert says_so == (entry.origin != "essay"), entry.id


def test_the_key_passages_slide_says_which_of_her_words_are_about_outages(built: Project, model: Metaphor) -> None:
    """Her "It's inevitable" is about outages: on the slide of key passages, read right before "Sexism is like a
    production outage.", it carries that label, so the room never hears her calling sexism inevitable."""
    slide = built.page("deck/").select_one(".mx-slide--passages")
    shown = [(q.p.get_text(), q.footer.get_text() if q.footer else None) for q in slide.select(".mx-slide__quote")]
    assert shown == [(q.text, "On outages" if q.about == "outage" else None) for q in model.workshop.quotes]
    assert any(q.about == "outage" and q.text.startswith("It’s inevitable.") for q in model.workshop.quotes)


def test_a_slide_signs_her_words_on_outages_as_such_and_never_under_the_sexism_side(
    built: Project, model: Metaphor
) -> None:
    """Each pairing's slide shows one quote: her words on sexism, revealed with that side, or, where the pairing
    rests only on her words about outages, those, shown with the outage side and said to be about outages."""
    slides = entry_slides(built)
    for entry in model.entries:
        quote = slides[entry.id].select_one(".mx-slide__quote")
        own = [q for q in entry.quotes if not q.about]
        expected = own[0] if own else entry.quotes[0]
        assert quote.p.get_text() == expected.text, entry.id
        footer = " ".join(quote.footer.get_text().split())
        paragraph = int(expected.anchor[2:])
        if own:
            assert quote["data-step"] == "1" and footer == f"Sarah Allen, paragraph {paragraph}", entry.id
        else:
            assert quote["data-step"] == "0" and footer == f"Sarah Allen, on outages, paragraph {paragraph}", entry.id
    glossary = built.page("glossary/")
    for entry in model.entries:
        captions = [" ".join(f.get_text().split()) for f in glossary.select(f"#{entry.id} .mx-quote__source")]
        assert [", on outages," in c for c in captions] == [q.about == "outage" for q in entry.quotes], entry.id
