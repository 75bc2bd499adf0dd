"""What the content promises readers and facilitators: who draws each pairing, who plays which part,
the essay shown only as excerpts when a deployment asks, the session's support contacts, the break."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Project, Visit
from metaphor_model import Metaphor, agenda

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
        f"{LABELS['essay']}: the essay itself compares these two things ({drawn} of {len(model.entries)} pairings)"
        in text
    )
    assert f"{LABELS['site']}: this site pairs" in text
    assert "The four phases that group the pairings are the site's too." in text


def test_the_deck_explains_the_labels_on_its_casting_slide(built: Project) -> None:
    slide = built.page("deck/").select_one('section[data-title="Who plays which part"]')
    text = " ".join(slide.get_text().split())
    assert f"{LABELS['essay']} when the essay itself makes the comparison" in text
    assert f"{LABELS['site']} when this site does" in text


@pytest.mark.parametrize(
    "page, selector",
    [("glossary/", ".mx-roles__table"), ("handout/", ".mx-handout__roles"), ("deck/", ".mx-slide__roles")],
)
def test_who_plays_which_part_is_stated_from_the_mapping(
    built: Project, model: Metaphor, page: str, selector: str
) -> None:
    tables = built.page(page).select(selector)
    assert len(tables) == 1
    rows = [
        (r.select_one("th").get_text(strip=True), r.select_one("td").get_text(strip=True))
        for r in tables[0].select("tbody tr")
    ]
    assert rows == [(r.outage, r.sexism) for r in model.roles]


# ------------------------------------------------------------------------ the essay as excerpts


def test_the_essay_is_published_whole_by_default(built: Project, essay: object) -> None:
    page = built.page("essay/")
    for paragraph in essay.paragraphs:
        assert page.select_one(f"p#{paragraph.anchor}").get_text() == paragraph.text
    assert "as she published it" in page.select_one(".mx-note").get_text()


def test_essay_text_excerpts_publishes_only_the_quoted_passages(
    project: Project, model: Metaphor, essay: object
) -> None:
    site = project.built(env={"ESSAY_TEXT": "excerpts"})
    page = project.page("essay/")
    quotes = [q.text for e in model.entries for q in e.quotes] + [q.text for q in model.workshop.quotes]
    original = essay.meta["original_url"]
    for paragraph in essay.paragraphs:
        shown = page.select_one(f"p#{paragraph.anchor}")
        assert shown is not None, paragraph.anchor
        marks = [m.get_text() for m in shown.select("[data-mark]")]
        assert all(any(mark in quote or quote in mark for quote in quotes) for mark in marks)
        assert "".join(marks) == "".join(m for m in marks if m in paragraph.text)
        assert shown.select_one(f'a.mx-excerpt__source[href="{original}"]')
        lettered = [m["data-mark-label"] for m in shown.select("[data-mark-label]")]
        chips = page.select(f'[data-marks-for="{paragraph.anchor}"] .mx-marks__label')
        assert [c.get_text() for c in chips] == lettered  # one chip per passage an entry quotes
        if not marks:
            assert f"Paragraph {int(paragraph.anchor[2:])} is not quoted on this site." in shown.get_text()
    unquoted = "I started programming when I was twelve."  # a sentence of the essay no entry quotes
    assert unquoted in essay.paragraph("p-03").text
    assert unquoted not in (site / "essay" / "index.html").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(unquoted in doc["text"] for doc in index["docs"])
    assert "only the passages" in page.select_one(".mx-note").get_text()
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("The passages of Sarah Allen's essay")


def test_an_unknown_essay_text_setting_fails_the_build_clearly(project: Project) -> None:
    result = project.build(env={"ESSAY_TEXT": "some"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  ESSAY_TEXT (extra.essay_text in mkdocs.yml) is 'some': use 'full' (the whole essay) or 'excerpts' "
        "(only the passages the site quotes, each linked to the original)"
    ) in result.stderr


# ------------------------------------------------------------------------ support contacts


SUPPORT = "Dana in People Ops <script>window.__pwned = 1</script>"
REPORT = "the HR incident form, hr.example/report"


def test_the_plan_pages_support_contacts_reach_the_closing_slide_and_the_handout(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "plan/?preset=short")
    page.locator("[data-plan-total]").wait_for(state="visible")
    page.get_by_label("Talk to someone").fill(SUPPORT)
    page.get_by_label("Report an incident").fill(REPORT)
    assert "support=" in page.evaluate("location.search")
    page.get_by_role("button", name="Handout").click()
    page.wait_for_url(re.compile(r"/handout/\?"))
    page.wait_for_function("document.querySelector('[data-module=mx-selection]').dataset.started")
    assert page.locator('[data-support-field="support"]').text_content() == SUPPORT
    assert page.locator('[data-support-field="report"]').text_content() == REPORT
    page.go_back()
    page.get_by_role("button", name="Open the deck").click()
    page.wait_for_url(re.compile(r"/deck/\?"))
    page.wait_for_function("performance.getEntriesByName('mx-deck:ready').length > 0")
    page.keyboard.press("End")
    closing = page.locator("[data-slide].is-current")
    assert closing.get_attribute("data-title") == "Close"
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
    visit.page.wait_for_function("performance.getEntriesByName('mx-deck:ready').length > 0")
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
    expected = model.agenda(tuple(chosen))
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
    expected = model.agenda(tuple(chosen), scenarios=site_data.scenarios.blocks(tuple(scenarios)), buffer=buffer)
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
    blocks = site_data.scenarios.blocks(session.scenarios)
    expected = model.agenda(session.entries, scenarios=blocks, buffer=session.buffer)
    assert sum(i.minutes for i in expected) == session.minutes
    assert browser_agenda(visit, server, f"preset={preset}") == [[i.kind, i.title, i.minutes] for i in expected]
