"""Link cards: every page's Open Graph and Twitter metadata, read from the built HTML, and its preview image."""

from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from conftest import DEPLOYED_URL, Project, parse
from model.metaphor_model import Metaphor
from pages.metaphor_map import picture as map_picture
from pages.previews import PICTURE, Picture, Preview

OG = ("og:type", "og:site_name", "og:title", "og:description", "og:url", "og:image", "og:image:type")
OG += ("og:image:width", "og:image:height", "og:image:alt")
TWITTER = ("twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt")


def pages(project: Project) -> dict[str, BeautifulSoup]:
    """Every built page but the 404 page, by its address."""
    found = {}
    for path in sorted(project.site.rglob("index.html")):
        folder = path.parent.relative_to(project.site).as_posix()
        found[DEPLOYED_URL if folder == "." else f"{DEPLOYED_URL}{folder}/"] = project.page(f"{folder}/index.html")
    return found


def card(page: BeautifulSoup) -> dict[str, str]:
    """Return the page's card: each og: and twitter: property, which must appear once."""
    values: dict[str, str] = {}
    for meta in page.select("head meta[property^='og:'], head meta[name^='twitter:']"):
        key = meta.get("property") or meta["name"]
        assert key not in values, f"{key} twice"
        values[key] = meta["content"]
    return values


def site_file(project: Project, url: str) -> Path:
    assert url.startswith(DEPLOYED_URL), url
    return project.site / url.removeprefix(DEPLOYED_URL)


def test_every_page_carries_a_complete_card_with_absolute_addresses(deployed: Project) -> None:
    built = pages(deployed)
    assert len(built) > 11  # the site's pages and a page per pairing
    images = set()
    for url, page in built.items():
        values = card(page)
        assert sorted(values) == sorted(OG + TWITTER), url
        assert all(values[key].strip() for key in values), url
        assert values["og:url"] == url
        assert page.select_one("link[rel=canonical]")["href"] == url
        assert values["og:type"] == ("website" if url == DEPLOYED_URL else "article")
        assert values["og:site_name"] == "production outages are like sexism"
        assert values["twitter:card"] == "summary_large_image"
        assert values["twitter:title"] == values["og:title"]
        assert values["twitter:description"] == values["og:description"]
        assert values["og:description"] == page.select_one("meta[name=description]")["content"]
        assert values["twitter:image"] == values["og:image"] and values["twitter:image:alt"] == values["og:image:alt"]
        if url != DEPLOYED_URL:  # the home page's <title> is the site's name alone
            assert page.select_one("title").get_text().startswith(values["og:title"]), url
        image = site_file(deployed, values["og:image"])
        assert image.suffix == ".png" and values["og:image:type"] == "image/png"
        with Image.open(image) as drawn:
            assert drawn.format == "PNG"
            assert drawn.size == (int(values["og:image:width"]), int(values["og:image:height"])) == (1200, 630)
        assert values["og:title"] in values["og:image:alt"], url  # the alternative text says what the card says
        images.add(image)
    assert len(images) == len(built)  # a preview of its own for each page


def test_a_pairing_page_is_shared_as_its_two_terms_and_meanings(deployed: Project, mapping: dict) -> None:
    for entry in mapping["entries"]:
        values = card(deployed.page(f"glossary/{entry['id']}/"))
        assert values["og:title"] == f"{entry['outage']['term']} ↔ {entry['sexism']['term']}"
        description = values["og:description"]
        assert len(description) <= 200, description
        outage, sexism = description.removeprefix("Outage: ").split(" Sexism at work: ")
        for shown, meaning in ((outage, entry["outage"]["meaning"]), (sexism, entry["sexism"]["meaning"])):
            kept = shown.removesuffix("…").rstrip(".")
            assert meaning.startswith(kept) and len(kept) > 30, (entry["id"], shown)


def test_titles_and_descriptions_are_escaped_once_from_the_mapping(small: Project, small_mapping: dict) -> None:
    project, first = small, small_mapping["entries"][0]
    text = project.mapping.read_text(encoding="utf-8")
    term = first["outage"]["term"]
    assert f"term: {term}\n" in text
    project.mapping.write_text(text.replace(f"term: {term}\n", 'term: "Fish & \\"chips\\" <b>"\n', 1), encoding="utf-8")
    project.built(site_url=DEPLOYED_URL)
    page = parse(project.site / "glossary" / first["id"] / "index.html")
    assert card(page)["og:title"] == f'Fish & "chips" <b> ↔ {first["sexism"]["term"]}'
    assert page.select_one("title").get_text().startswith('Fish & "chips" <b> ↔ ')
    assert page.select_one("h1").get_text(" ", strip=True).startswith('Fish & "chips" <b>')
    assert page.select("head b, article b") == []


def test_the_preview_images_are_the_cards_words_on_the_sites_colours(deployed: Project) -> None:
    image = deployed.site / "assets" / "previews" / "glossary.png"
    with Image.open(image) as drawn:
        rgb = drawn.convert("RGB")
        assert rgb.getpixel((5, 5)) == (26, 35, 126)  # Material's indigo 900 behind the text
        colours = {colour for _, colour in rgb.getcolors(maxcolors=1 << 16)}
    assert (255, 255, 255) in colours  # the title, in white
    assert len(colours) > 20  # antialiased text, not blank
    other = deployed.site / "assets" / "previews" / "essay.png"
    assert image.read_bytes() != other.read_bytes()


def test_a_cut_title_or_subtitle_ends_with_an_ellipsis_and_stays_inside_the_card() -> None:
    long = Preview("kicker", "word " * 40, "more " * 80, "credit")
    lines = long.layout()
    assert lines[-1][1] == "credit"
    assert lines[-2][1].endswith("…")
    assert all(y <= 630 - 72 - 30 for (_, y), *_ in lines)
    assert long.alt().startswith("kicker: word word") and long.alt().endswith("…")
    assert long.png() == Preview("kicker", "word " * 40, "more " * 80, "credit").png()


def place(picture: Picture) -> tuple[float, float, float]:
    """Where a card draws a picture: its scale, left and top (as large as fits its place, centred in it)."""
    scale = min((PICTURE[2] - PICTURE[0]) / picture.width, (PICTURE[3] - PICTURE[1]) / picture.height)
    left = PICTURE[0] + (PICTURE[2] - PICTURE[0] - picture.width * scale) / 2
    return scale, left, PICTURE[1] + (PICTURE[3] - PICTURE[1] - picture.height * scale) / 2


def shade_at(png: bytes, picture: Picture, x: float, y: float) -> tuple[int, int]:
    """The shade of the card at the picture's point (x, y), and of its background."""
    scale, left, top = place(picture)
    with Image.open(io.BytesIO(png)) as image:
        shades = image.convert("L")
        return shades.getpixel((int(left + x * scale), int(top + y * scale))), shades.getpixel((5, 5))


def test_a_picture_is_drawn_to_the_right_of_the_words_as_large_as_fits() -> None:
    """Bands filled, boxes outlined, solid lines heavy; the words keep to the left; the alt text says what it shows."""
    shapes = Picture(
        width=200, height=100, bands=((0, 0, 200, 20),), boxes=((0, 40, 80, 60),), lines=((80, 70, 120, 70, True),),
        words="A picture of one pairing.",
    )  # fmt: skip
    drawn = Preview("kicker", "A title long enough to wrap " * 2, "A subtitle " * 6, "credit", shapes)
    png = drawn.png()
    band, background = shade_at(png, shapes, 100, 10)
    assert band > background
    assert shade_at(png, shapes, 40, 70)[0] == background  # inside the box
    assert shade_at(png, shapes, 100, 70)[0] > background  # the line
    for (x, _), line, typeface, _ in drawn.layout()[1:-1]:  # the title and subtitle, beside the picture
        assert x + typeface.getlength(line) <= PICTURE[0], line
    assert drawn.alt().endswith("A picture of one pairing.")


def test_the_maps_card_shows_the_maps_shapes(deployed: Project, model: Metaphor) -> None:
    values = card(deployed.page("map/"))
    drawn = sum(entry.origin == "essay" for entry in model.entries)
    assert f"A picture of its {len(model.entries)} pairings" in values["og:image:alt"]
    assert f"a solid line for the {drawn} the essay draws" in values["og:image:alt"]
    shapes = map_picture(model)
    x, y, width, height = shapes.bands[0]  # the first phase's heading, filled
    band, background = shade_at(
        site_file(deployed, values["og:image"]).read_bytes(), shapes, x + width / 2, y + height / 2
    )
    assert band > background


def test_no_card_without_a_site_address(small: Project) -> None:
    """Metadata needs absolute addresses: a build without site_url has no card rather than a wrong one."""
    project = small
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]', "site_url: ''"), encoding="utf-8"
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert card(project.page("glossary/")) == {}
    assert card(project.page("deck/")) == {}


def test_a_rebuild_reuses_the_cached_images_and_templates_and_is_byte_for_byte_the_clean_build(small: Project) -> None:
    """The preview images and the compiled templates (the theme's and the hook's) are kept in .cache/,
    outside site/, by what they hold: a second build reuses them and writes the same bytes, an edit
    redraws only the image it changes, and an edited template is compiled afresh."""
    project = small
    (project.root / ".cache").unlink()  # a cache of its own, empty, not the one the other tests share
    first = project.built(site_url=DEPLOYED_URL)
    clean = {path.relative_to(first): path.read_bytes() for path in first.rglob("*") if path.is_file()}
    cache = project.root / ".cache"
    images = sorted((cache / "previews").glob("*.png"))
    assert len(images) == len(list((first / "assets" / "previews").rglob("*.png")))
    assert list((cache / "templates").iterdir())  # Jinja's compiled templates: the hook's
    compiled = {path: path.stat().st_mtime_ns for path in (cache / "theme").iterdir()}  # the theme's
    assert len(compiled) > 20
    drawn = {path: path.stat().st_mtime_ns for path in images}
    second = project.built(site_url=DEPLOYED_URL)
    again = {path.relative_to(second): path.read_bytes() for path in second.rglob("*") if path.is_file()}
    assert again == clean
    assert {path: path.stat().st_mtime_ns for path in images} == drawn  # none drawn again
    assert {path: path.stat().st_mtime_ns for path in (cache / "theme").iterdir()} == compiled  # none compiled again
    main = project.root / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", '{% block extrahead %}<meta name="x-edited" content="yes">', 1
        ),
        encoding="utf-8",
    )
    about = project.root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: ", "title: New ", 1), encoding="utf-8")
    project.built(site_url=DEPLOYED_URL)
    assert len(list((cache / "previews").glob("*.png"))) == len(images) + 1  # the about page's new image only
    assert project.page("").find("meta", attrs={"name": "x-edited"})


def test_each_page_has_one_name_in_its_title_heading_navigation_and_card(deployed: Project) -> None:
    """A page is called the same in the tab, its heading, the navigation and a shared link, and the site's name
    appears once in its title: the essay's page, named as the site is, is not "X - X"."""
    site = "production outages are like sexism"
    for url, page in pages(deployed).items():
        title, values = page.select_one("title").get_text(), card(page)
        assert title.count(site) == 1, title
        heading = page.select_one("h1")
        for hidden in heading.select(".mx-visually-hidden, .headerlink"):  # the words shown, not the ¶ link
            hidden.replace_with(" " if "mx-visually-hidden" in hidden["class"] else "")
        heading = " ".join(heading.get_text().replace("↔", " ↔ ").split())
        active = page.select_one("a.md-nav__link--active .md-ellipsis")
        if url == DEPLOYED_URL:  # the home page: "Home" in the tab and the navigation, the site's name as heading
            assert (title, heading) == (f"Home - {site}", site)
            continue
        name = title.removesuffix(f" - {site}")
        assert heading == name, url
        if active is not None and name != site:  # the essay's page is "Essay" in the navigation
            assert " ".join(active.get_text().split()) == name, url
        kicker, said = values["og:image:alt"].split(": ", 1)  # the image's small line above the title, then the rest
        assert values["og:title"] == name and said.startswith(name) and kicker != name, url
