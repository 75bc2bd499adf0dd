"""The metaphor map (map/, partials/metaphor/map.html, hooks/pages/metaphor_map.py): every pairing once in
each lane, linked to its page; labels inside their boxes and apart, measured in Chromium, for today's
mapping and one twice as long; highlighting by pointer and keyboard; the printed poster; the deck's slide."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project, Visit, copy_project, load_yaml, serve
from pdfs import contrast, luminance, printed, rgb

MAP = "map/"
LAYOUTS = {"wide": (1280, 800), "tall": (390, 844)}


def phase_order(model: object) -> list[str]:
    return [entry.id for _, entries in model.by_phase() for entry in entries]


def words(element: object) -> str:
    return " ".join(element.get_text(" ").split())


# ---------------------------------------------------------------- what it shows


@pytest.mark.parametrize("kind", LAYOUTS)
def test_every_pairing_is_once_in_each_lane_in_phase_order_and_links_to_its_page(
    built: Project, model: object, kind: str
) -> None:
    page = built.page(MAP)
    svg = page.select_one(f"svg.mx-map__svg--{kind}")
    pairs = svg.select(".mx-map__pair[data-entry]")
    assert [pair["data-entry"] for pair in pairs] == phase_order(model)
    for pair in pairs:
        entry = model.entry(pair["data-entry"])
        assert pair.name == "a" and pair["href"] == f"../glossary/{entry.id}/"
        assert (built.site / "glossary" / entry.id / "index.html").is_file()
        # Each term once, in its own lane (a line break inside a label is a space again).
        assert [words(label) for label in pair.select(".mx-map__label[data-side=outage]")] == [entry.outage.term]
        assert [words(label) for label in pair.select(".mx-map__label[data-side=sexism]")] == [entry.sexism.term]
        assert f"mx-map__pair--{entry.origin}" in pair["class"]
        name = pair["aria-label"]
        assert entry.outage.term in name and entry.sexism.term in name
        meanings = page.find(id=pair["aria-describedby"])  # described by its meanings (drawn in the wide map)
        assert entry.outage.meaning in words(meanings) and entry.sexism.meaning in words(meanings)
    # Each phase has one arrow, numbered; where it goes on in the next column, its name alone.
    arrows = [words(phase) for phase in svg.select(".mx-map__phase")]
    assert arrows == [f"{number}. {phase.title}" for number, (phase, _) in enumerate(model.by_phase(), start=1)]
    title, description = svg.find(id=svg["aria-labelledby"]), svg.find(id=svg["aria-describedby"])
    assert title.name == "title" and f"{len(model.entries)} pairings" in title.get_text()
    assert description.name == "desc" and "solid line" in description.get_text()


def test_the_legend_tells_the_essays_pairings_from_the_sites_and_names_every_role(
    built: Project, model: object
) -> None:
    """The two kinds of line carry the words of the origin labels the other pages use, and every role is named."""
    page = built.page(MAP)
    labels = {words(label) for label in built.page("glossary/").select(".mx-origin-legend .mx-origin")}
    for svg in page.select("svg.mx-map__svg"):
        legend = words(svg.select_one(".mx-map__legend"))
        assert labels and all(label in legend for label in labels)
        for role in model.roles:
            assert role.outage in legend and role.legend in legend
        lines = {kind: svg.select_one(f".mx-map__legend .mx-map__pair--{kind} line") for kind in ("essay", "site")}
        assert all(lines.values())


def test_the_map_is_in_the_navigation_credits_the_essay_and_leads_to_the_glossary(built: Project) -> None:
    page = built.page(MAP)
    assert [words(a) for a in page.select(".md-nav--primary a.md-nav__link--active")] == ["Metaphor map"]
    intro = page.select_one(".mx-map__intro")
    assert intro.find("a", href="../glossary/") is not None
    caption = page.select_one(".mx-map figcaption")
    assert "Sarah Allen" in words(caption) and caption.find("a", href=lambda h: h and "ultrasaurus.com" in h)
    assert "CC BY-SA 4.0" in words(caption) and "remains its author's" in words(caption)
    assert page.select_one(".mx-map").has_attr("data-search-exclude")  # search finds each pairing on its own page


# ---------------------------------------------------------------- measured in the browser

# Every text of the map and the box it belongs in (its pairing node, the phase heading, the legend), in
# SVG units; the meanings, hidden until a pairing is pointed at, are drawn over the legend on purpose.
MEASURE = """(selector) => {
    const svg = document.querySelector(selector);
    const box = (element) => { const b = element.getBBox(); return {x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height}; };
    const texts = [], frames = [];
    for (const pair of svg.querySelectorAll('.mx-map__pair[data-entry]')) {
        const rects = pair.querySelectorAll('.mx-map__box'), labels = pair.querySelectorAll('.mx-map__label');
        rects.forEach((rect, i) => {
            frames.push({name: `${pair.dataset.entry} ${rect.dataset.side}`, ...box(rect)});
            texts.push({name: labels[i].textContent, inside: box(rect), ...box(labels[i])});
        });
    }
    for (const section of svg.querySelectorAll('.mx-map__section')) {
        const heading = section.querySelector('.mx-map__heading'), phase = section.querySelector('.mx-map__phase, .mx-map__continued');
        if (heading) {  // a phase's start: its arrow; where it goes on in the next column, its name alone
            texts.push({name: phase.textContent, inside: box(heading), ...box(phase)});
            frames.push({name: 'heading', ...box(heading)});
        } else {
            texts.push({name: phase.textContent, ...box(phase)});
        }
        section.querySelectorAll('.mx-map__lane').forEach(lane => texts.push({name: lane.textContent, ...box(lane)}));
    }
    const legend = box(svg.querySelector('.mx-map__legend-box'));
    svg.querySelectorAll('.mx-map__legend text').forEach(t => {
        if (getComputedStyle(t).display !== 'none') texts.push({name: t.textContent, inside: legend, ...box(t)});
    });
    frames.push({name: 'legend', ...legend});
    const view = svg.viewBox.baseVal;
    return {texts, frames, view: {x: 0, y: 0, right: view.width, bottom: view.height},
            shown: svg.getBoundingClientRect().width, page: document.documentElement.scrollWidth};
}"""


def apart(a: dict, b: dict) -> bool:
    return (
        a["right"] <= b["x"] + 0.5
        or b["right"] <= a["x"] + 0.5
        or a["bottom"] <= b["y"] + 0.5
        or b["bottom"] <= a["y"] + 0.5
    )


def within(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["right"] <= outer["right"] + 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


def assert_laid_out(visit: Visit, url: str, kind: str) -> int:
    """Open the map at ``url`` at the layout's size; check every text is in its box, apart from the others,
    and in the picture, and no box overlaps another; return the number of pairings."""
    width, height = LAYOUTS[kind]
    visit.page.set_viewport_size({"width": width, "height": height})
    visit.page.goto(url)
    measured = visit.page.evaluate(MEASURE, f"svg.mx-map__svg--{kind}")
    assert measured["shown"] > 0.9 * (width if kind == "tall" else 1100)  # this layout is the one shown
    assert measured["page"] <= width  # nothing wider than the window
    texts, frames = measured["texts"], measured["frames"]
    for text in texts:
        assert within(text, measured["view"]), text["name"]
        if "inside" in text:
            assert within(text, text["inside"]), text["name"]
    overlaps = [(a["name"], b["name"]) for i, a in enumerate(texts) for b in texts[i + 1 :] if not apart(a, b)]
    assert overlaps == []
    frames_overlapping = [
        (a["name"], b["name"]) for i, a in enumerate(frames) for b in frames[i + 1 :] if not apart(a, b)
    ]
    assert frames_overlapping == []
    return sum(1 for frame in frames if frame["name"].endswith(" outage"))


@pytest.mark.parametrize("kind", LAYOUTS)
def test_no_label_overlaps_another_or_leaves_its_box(visit: Visit, server: str, model: object, kind: str) -> None:
    assert assert_laid_out(visit, server + MAP, kind) == len(model.entries)


def test_a_mapping_twice_as_long_still_lays_out_without_overlap(
    tmp_path: Path, open_browser: object, mapping: dict
) -> None:
    """Each pairing copied once more (as the benchmark's growth builds make them: strict-valid), built and measured."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark

    project = copy_project(tmp_path / "project")
    docs = project.root / "docs"
    benchmark.write_synthetic(docs, 2 * len(mapping["entries"]), load_yaml(project.mapping.read_text()))
    benchmark.give_copies_their_own_passages(project.root)
    site = project.built()
    with serve(site) as address:
        visit = open_browser(color_scheme="light")
        for kind in LAYOUTS:
            assert assert_laid_out(visit, address + MAP, kind) == 2 * len(mapping["entries"])


def highlight(visit: Visit, entry: str) -> dict:
    return visit.page.evaluate(
        """(entry) => {
            const svg = document.querySelector('svg.mx-map__svg--wide');
            const pair = svg.querySelector(`.mx-map__pair[data-entry="${entry}"]`);
            const other = svg.querySelector(`.mx-map__pair[data-entry]:not([data-entry="${entry}"])`);
            const strokes = (p) => [...p.querySelectorAll('.mx-map__box, .mx-map__line')].map(e => getComputedStyle(e).stroke);
            const accent = getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim();
            return {
                strokes: strokes(pair), other: strokes(other),
                meanings: getComputedStyle(document.getElementById(pair.getAttribute('aria-describedby'))).visibility,
                accent,
            };
        }""",
        entry,
    )


def test_pointing_at_a_pairing_or_tabbing_to_it_highlights_both_nodes_and_the_line_and_shows_its_meanings(
    visit: Visit, server: str, model: object
) -> None:
    page = visit.page
    page.goto(server + MAP)
    order = phase_order(model)
    resting = highlight(visit, order[3])
    assert resting["meanings"] == "hidden"
    page.locator(f"svg.mx-map__svg--wide .mx-map__pair[data-entry='{order[3]}'] .mx-map__box[data-side=sexism]").hover()
    pointed = highlight(visit, order[3])
    assert pointed["meanings"] == "visible"
    assert len(set(pointed["strokes"])) == 1 and pointed["strokes"] != resting["strokes"]  # both nodes and the line
    assert pointed["other"] == resting["other"]
    page.mouse.move(0, 0)
    # By keyboard: the pairings come in phase order, each highlighted as it takes the focus.
    page.locator(".mx-map__intro a").last.focus()
    seen = []
    for _ in order:
        page.keyboard.press("Tab")
        seen.append(page.evaluate("() => document.activeElement.dataset.entry"))
        focused = highlight(visit, seen[-1])
        assert focused["meanings"] == "visible" and focused["strokes"] == pointed["strokes"], seen[-1]
    assert seen == order
    page.keyboard.press("Tab")  # and out of the map
    assert page.evaluate("() => document.activeElement.closest('svg')") is None


# The computed colours of a drawn map (``selector``): the page behind it, its boxes, texts, lines and headings.
COLOURS = """(selector) => {
    const svg = document.querySelector(selector);
    const get = (part, property) => getComputedStyle(svg.querySelector(part))[property];
    return {
        page: getComputedStyle(document.body).backgroundColor, box: get('.mx-map__box', 'fill'),
        label: get('.mx-map__label', 'fill'), lane: get('.mx-map__lane', 'fill'),
        key: svg.querySelector('.mx-map__key') ? get('.mx-map__key', 'fill') : null,
        edge: get('.mx-map__box', 'stroke'), line: get('.mx-map__line', 'stroke'),
        heading: get('.mx-map__heading', 'fill'), phase: get('.mx-map__phase', 'fill'),
    };
}"""


def assert_readable(colours: dict, on_page: tuple[str, ...]) -> None:
    """Labels 4.5:1 on their boxes, the ``on_page`` texts on the page and phase names on their headings; lines
    and box edges 3:1 on the page (axe does not measure SVG strokes)."""
    page = rgb(colours["page"])
    assert contrast(rgb(colours["label"]), rgb(colours["box"])) >= 4.5
    for text in on_page:
        assert contrast(rgb(colours[text]), page) >= 4.5, text
    assert contrast(rgb(colours["phase"]), rgb(colours["heading"])) >= 4.5
    for stroke in ("edge", "line"):
        assert contrast(rgb(colours[stroke]), page) >= 3, stroke


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_labels_and_lines_keep_their_contrast_in_both_schemes(open_browser: object, server: str, scheme: str) -> None:
    """Text at least 4.5:1 on what it is drawn on, lines and box edges at least 3:1 (axe does not measure SVG strokes)."""
    visit = open_browser(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    visit.page.goto(server + MAP)
    assert_readable(visit.page.evaluate(COLOURS, "svg.mx-map__svg--wide"), on_page=("key", "lane"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_the_map_is_a_one_page_landscape_poster_on_a3_a4_and_letter(
    open_browser: object, server: str, model: object, scheme: str
) -> None:
    visit = open_browser(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    visit.page.goto(server + MAP)
    for paper, (width, height) in {"A3": (1191, 842), "A4": (842, 595), "Letter": (792, 612)}.items():
        sheets = printed(visit.page, format=paper, prefer_css_page_size=True, print_background=True)
        assert len(sheets) == 1, paper
        sheet = sheets[0]
        assert abs(sheet.width - width) < 1.5 and abs(sheet.height - height) < 1.5  # landscape
        text = sheet.words
        for entry in model.entries:
            assert entry.sexism.term.split()[-1] in text  # every pairing's last word is printed
        assert text.startswith("Metaphor map") and "Sarah Allen" in text  # the title, the map, its caption
        assert "compares meeting sexism" not in text  # the introduction stays on screen
        dark = [colour for colour, share in sheet.fills if share > 0.2 and luminance(colour) < 0.5]
        assert dark == []  # the dark scheme prints light


def test_the_home_page_shows_a_small_copy_that_leads_to_the_map(built: Project, model: object) -> None:
    teaser = built.page("").select_one("a.mx-map-teaser")
    assert teaser["href"] == "map/"
    picture = teaser.select_one("svg")
    assert picture["aria-hidden"] == "true"  # the link is named by its words
    assert len(picture.select("rect.mx-map__box")) == 2 * len(model.entries)
    assert f"all {len(model.entries)} pairings" in words(teaser)


# ---------------------------------------------------------------- in the deck


def test_the_deck_shows_the_map_after_the_casting_as_a_picture_of_every_pairing(built: Project, model: object) -> None:
    deck = built.page("deck/")
    titles = [slide["data-title"] for slide in deck.select("section[data-slide]")]
    assert titles.index("The metaphor map") == titles.index("Who plays which part") + 1
    slide = deck.select_one('section[data-title="The metaphor map"]')
    svg = slide.select_one("svg.mx-map__svg--wide")
    pairs = svg.select(".mx-map__pair[data-entry]")
    assert [pair["data-entry"] for pair in pairs] == phase_order(model)
    assert {pair.name for pair in pairs} == {"g"} and not svg.select("a")  # a picture on a projector
    for pair in pairs:
        entry = model.entry(pair["data-entry"])
        assert f"mx-map__pair--{entry.origin}" in pair["class"]
        assert [words(label) for label in pair.select(".mx-map__label")] == [entry.outage.term, entry.sexism.term]
    # The roles are on the slide before; the two kinds of line are named below the picture, each after its sample.
    assert not svg.select(".mx-map__legend, .mx-map__meanings")
    assert svg.find(id=svg["aria-labelledby"]).name == "title" and "links" not in words(svg.find("desc"))
    credit = slide.select_one(".mx-slide__credit")
    samples = credit.select("svg.mx-map__sample")
    assert [sample["class"][-1] for sample in samples] == ["mx-map__pair--essay", "mx-map__pair--site"]
    assert all(sample["aria-hidden"] == "true" for sample in samples)
    drawn = sum(entry.origin == "essay" for entry in model.entries)
    assert f"Drawn by the essay ({drawn} of {len(model.entries)})" in words(credit)
    assert slide.select_one("[data-notes] a")["href"] == "../map/"  # the map page, with the meanings, and the poster


@pytest.mark.parametrize(("scheme", "size"), [("light", (1280, 720)), ("dark", (1920, 1080)), ("light", (1024, 768))])
def test_the_decks_map_fills_its_slide_in_the_decks_palette(
    open_browser: object, server: str, scheme: str, size: tuple[int, int]
) -> None:
    width, height = size
    visit = open_browser(color_scheme=scheme, viewport={"width": width, "height": height})
    visit.page.goto(server + "deck/#1")
    number = visit.page.evaluate(
        "() => [...document.querySelectorAll('[data-slide]')].findIndex(s => s.dataset.title === 'The metaphor map') + 1"
    )
    visit.page.goto(server + f"deck/#{number}")
    shown = visit.page.evaluate(
        """() => {
            const slide = document.querySelector('[data-slide].is-current');
            const rect = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom}; };
            return {
                title: slide.dataset.title, svg: rect(slide.querySelector('svg.mx-map__svg')),
                credit: rect(slide.querySelector('.mx-slide__credit')), bar: rect(document.querySelector('.mx-deck__bar')),
                window: {x: 0, y: 0, right: innerWidth, bottom: innerHeight},
            };
        }"""
    )
    assert shown["title"] == "The metaphor map"
    for part in ("svg", "credit"):
        assert within(shown[part], shown["window"]) and apart(shown[part], shown["bar"]), part
    assert shown["svg"]["right"] - shown["svg"]["x"] > 0.75 * width  # as large as the slide allows

    colours = visit.page.evaluate(COLOURS, "[data-slide].is-current svg.mx-map__svg")
    assert_readable(colours, on_page=("lane",))  # no legend on the slide
    assert (luminance(rgb(colours["page"])) < 0.2) == (scheme == "dark")


def test_on_a_phone_the_decks_map_slide_leads_to_the_map_page_instead_of_a_picture_too_small_to_read(
    open_browser: object, server: str
) -> None:
    """Below 45em the deck is a scroll: the wide picture would be a few pixels a line, and laying it out costs."""
    visit = open_browser(color_scheme="light", viewport={"width": 390, "height": 844}, is_mobile=True)
    visit.page.goto(server + "deck/")
    slide = visit.page.locator('section[data-title="The metaphor map"]')
    slide.scroll_into_view_if_needed()
    assert slide.locator("svg.mx-map__svg").is_hidden()
    assert slide.locator(".mx-slide__credit").is_visible()
    link = slide.locator("[data-notes] a")
    assert link.is_visible()
    link.click()
    visit.page.wait_for_url("**/map/")
    assert visit.page.locator("svg.mx-map__svg--tall").is_visible()  # the map's own phone layout


def test_the_map_weighs_at_most_30_kb_gzipped(built: Project) -> None:
    """Both layouts and the meanings, as the page ships them (the issue's budget for today's mapping)."""
    import gzip

    html = (built.site / "map" / "index.html").read_text(encoding="utf-8")
    start, end = html.index("<figure"), html.index("</figure>") + len("</figure>")
    assert len(gzip.compress(html[start:end].encode(), 9)) <= 30 * 1024
