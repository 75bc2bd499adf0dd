"""Which of our files each page loads: one stylesheet for its kind, and mx.js (plus kit.js where a
facilitator-kit component is), the mapping's data where a component reads it, and one script per
component root on the page (hooks/pages/components.py declares the components); nothing else."""

from __future__ import annotations

import gzip
import re

import pytest

from conftest import ROOT, Project
from pages.components import COMPONENTS

STYLESHEETS = ROOT / "overrides" / "assets" / "stylesheets"
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts" / "mx"
OURS = re.compile(r"assets/(javascripts|stylesheets)/(?!bundle\.|main\.|palette\.|lunr/|workers/|vendor/)")
KINDS = {
    "": "read",
    "essay/": "read",
    "glossary/": "read",
    "about/": "read",
    "explorer/": "explorer",
    "guide/": "kit",
    "plan/": "kit",
    "handout/": "print",
    "cards/": "print",
    "scenarios/": "kit",
    "sheets/": "print",
    "runbook/": "kit",
    "runsheet/": "print",
    "deck/": "deck",
    "glossary/routine-outage/": "read",  # a pairing's own page
}
BY_NAME = {component.name: component for component in COMPONENTS}


def kit_helpers() -> set[str]:
    """The names kit.js adds to window.mx."""
    source = (SCRIPTS / "kit.js").read_text(encoding="utf-8")
    names = set(re.findall(r"\b(\w+),", re.search(r"Object\.assign\(mx, \{(.*?)\}\)", source, re.S).group(1)))
    assert {"session", "agenda", "clock"} <= names  # the pattern still reads kit.js
    return names


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_each_component_is_declared_as_its_script_uses_it(component: object) -> None:
    """The declaration says what the script does: it starts under its name, reads the data exactly when it takes
    it, and uses the kit exactly when it calls one of kit.js's helpers."""
    source = (SCRIPTS / f"{component.name.removeprefix('mx-')}.js").read_text(encoding="utf-8")
    assert f'mx.define("{component.name}",' in source
    assert ("{ data }" in source) == (component.reads is not None), component.name
    used = set(re.findall(r"\bmx\.(\w+)\(", source)) | {
        name for names in re.findall(r"const \{([^}]*)\} = mx;", source) for name in re.findall(r"\w+", names)
    }
    assert bool(used & kit_helpers()) == component.kit, (component.name, used & kit_helpers())


def test_every_script_is_mx_kit_or_a_declared_component() -> None:
    scripts = {path.stem for path in SCRIPTS.glob("*.js")}
    assert scripts == {"mx", "kit"} | {c.name.removeprefix("mx-") for c in COMPONENTS}


def own_files(built: Project, page: str) -> tuple[list[str], list[str], list[str]]:
    """Return the page's component roots, and the stylesheets and scripts of ours it loads, in order."""
    html = built.page(f"{page}/index.html")
    roots = [element["data-module"] for element in html.select("[data-module]")]
    sheets = [link["href"] for link in html.select("link[rel=stylesheet]") if OURS.search(link["href"])]
    scripts = [script["src"] for script in html.select("script[src]") if OURS.search(script["src"])]
    return roots, sheets, scripts


@pytest.mark.parametrize("page", KINDS)
def test_each_page_loads_one_stylesheet_and_only_its_components_scripts(built: Project, page: str) -> None:
    roots, sheets, scripts = own_files(built, page)
    assert [s.rsplit("/", 1)[1] for s in sheets] == [f"{KINDS[page]}.min.css"]
    names = [s.rsplit("/", 1)[1] for s in scripts]
    used = [BY_NAME[root] for root in dict.fromkeys(roots)]
    kit = ["kit.min.js"] if any(c.kit for c in used) else []
    reads = {c.reads for c in used}
    # The whole mapping only where a component shows its text; else the session's part, where one reads it.
    data = ["metaphor-data.js"] if "all" in reads else ["session-data.js"] if "session" in reads else []
    components = sorted(f"{c.name.removeprefix('mx-')}.min.js" for c in used)
    assert names[: 1 + len(kit) + len(data)] == (["mx.min.js", *kit, *data] if roots else [])  # what the rest use
    assert sorted(names[1 + len(kit) + len(data) :]) == (components if roots else []), (roots, names)
    html = built.page(f"{page}/index.html")
    # None blocks the first paint, the theme's included (left in its place, it ran before the first paint).
    assert all(s.has_attr("defer") for s in html.select("script[src]")), page
    for src in [*sheets, *(s["src"] for s in html.select("script[src]"))]:
        assert (built.site / page / src).resolve().is_file(), src


def includes(bundle: str) -> list[str]:
    template = (STYLESHEETS / "pages" / f"{bundle}.css").read_text(encoding="utf-8")
    return re.findall(r'\{% include "assets/stylesheets/([a-z-]+\.css)" %\}', template)


def rules(css: str) -> list[str]:
    """Return the selectors and at-rules of a stylesheet, in order, without comments and without the
    whitespace that means nothing. The space that does, between a selector and its descendant (as in
    ``.md-header :focus-visible``), is kept: a minifier that drops it changes what the rule applies to."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    heads = [re.sub(r"\s+", " ", head).strip() for head in re.findall(r"([^{};]+)\{", css)]
    meaningless = [(r"\s*([>+~,])\s*", r"\1"), (r"\s+\)", ")"), (r"([(:])\s+", r"\1"), (r"^(@[a-z-]+)\(", r"\1 (")]
    for pattern, replacement in meaningless:
        heads = [re.sub(pattern, replacement, head) for head in heads]
    return heads


@pytest.mark.parametrize("bundle", ["read", "explorer", "kit", "print", "deck"])
def test_each_pages_stylesheet_is_its_components_css_in_order(built: Project, bundle: str) -> None:
    parts = includes(bundle)
    assert parts[0] == "utilities.css"
    built_css = (built.site / "assets" / "stylesheets" / "pages" / f"{bundle}.min.css").read_text(encoding="utf-8")
    found = rules(built_css)
    wanted = [rule for part in parts for rule in rules((STYLESHEETS / part).read_text(encoding="utf-8"))]
    assert [rule.lower() for rule in found] == [rule.lower() for rule in wanted]
    assert "/*" not in built_css  # the comments stay in the sources, for the people who edit them


def test_every_component_stylesheet_is_used_by_some_page_and_published_only_inside_it(built: Project) -> None:
    used = {part for bundle in ("read", "explorer", "kit", "print", "deck") for part in includes(bundle)}
    assert used == {path.name for path in STYLESHEETS.glob("*.css")}
    published = {path.name for path in (built.site / "assets" / "stylesheets").glob("*.css")}
    assert published and not published & used  # Material's own stylesheets only


@pytest.mark.parametrize("page", [*KINDS])
def test_own_code_per_page_stays_within_10_kb_gzip(built: Project, page: str) -> None:
    """Our JS and CSS as a page loads it, gzipped file by file (the mapping's generated data aside)."""
    _, sheets, scripts = own_files(built, page)
    base = built.site / page
    files = [(base / href).resolve() for href in [*sheets, *scripts] if not href.endswith("-data.js")]
    size = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    assert size <= 10_240, f"{page}: {size:,} B gzip"


def test_the_pages_ship_without_the_templates_comments_and_indentation(built: Project) -> None:
    html = (built.site / "guide" / "index.html").read_text(encoding="utf-8")
    assert "<!--" not in html
    assert not re.search(r"\n[ \t]+<", html)  # no line starts with the templates' indentation
    assert "<pre" in html or "<code" in html  # the page still has its code, where whitespace matters


def test_no_page_has_a_table_the_theme_would_wrap_as_it_starts(built: Project) -> None:
    """The theme's script wraps each table without a class for scrolling as the page starts, and moving it
    restyles the whole article (its rule `.md-typeset table:not([class]) + *`): our tables carry a class."""
    for path in sorted(built.site.rglob("*.html")):
        html = built.page(path.relative_to(built.site).as_posix())
        assert html.select(".md-typeset table:not([class])") == [], path
