"""Build hook: read and check the essay and the data files, then put the metaphor into every page that shows it.

Data flows one way, through the layers of hooks/ (sources -> checks -> model -> pages); the events
below only connect them. ``docs/metaphors.yml``, ``docs/scenarios.yml`` and ``docs/essay.md`` are
read and checked before MkDocs touches the site folder (``on_pre_build``, checks/site_data), so a
bad file stops a build with its problems listed and the previous site left as it was
(pages/build_problems; under `mkdocs serve` the pages show the problems instead, until a save fixes
the file). Then a page for each pairing is added (pages/generated_pages), the mapping is written out
for the pages' scripts (pages/data_script), and each page gets what it shows: the essay its marks
(pages/essay_marks), or, in a copy without the essay's full text (ESSAY_TEXT=excerpts), the site's
outline in its place; every other page in docs/ is rendered as a template before Markdown reads it,
so it says what it says of the data from the data (``{{ counts.scenarios }}``) and includes the
components it shows (``{% include "partials/metaphor/glossary.html" %}``). A component's markup
passes Markdown by and takes its place in the page's HTML (pages/page_templates, ``html_block``), with
its anchors, which MkDocs checks links against. Markup lives in ``overrides/partials/metaphor/``,
rendered by pages/page_templates; which of our scripts and stylesheets a page loads is declared in
pages/components.

Three keys of a page's front matter are ours: ``edit: metaphors.yml`` sends "Edit this page" to that
file of docs/ (the page shows what is written there), ``toc: phases`` gives the page a table of
contents of the mapping's phases and their pairings (the glossary, whose headings come from a template),
and ``preview: map`` draws the metaphor map's shapes on the page's preview image (link_cards.py).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from checks.essay_outline import OUTLINE
from checks.site_data import ESSAY, SiteData, load_site, source_path
from pages.build_problems import problems_html, report, show_problems, show_warnings
from pages.build_state import Session, Settings, Stage, cache_folder
from pages.data_script import data_scripts
from pages.essay_marks import MARKS, mark_quotes
from pages.generated_pages import PAIRING_TEMPLATE, add_pairing_pages, phase_toc
from pages.metaphor_map import picture as map_picture
from pages.page_templates import Renderer, template_env
from sources.yaml_source import InvalidData

log = get_plugin_logger("metaphor")

_session = Session()  # which command runs: the one thing that lives as long as the process
# Each build fills these in order, and empties them all when it starts and ends (`mkdocs serve`
# keeps this module loaded, so anything left here would outlive its build).
SETTINGS: Stage[Settings] = Stage("the build's settings")  # on_config
SOURCES: Stage[SiteData | InvalidData] = Stage("the checked sources")  # on_pre_build
PAIRINGS: Stage[dict[str, str]] = Stage("the pairings' pages")  # on_files: entry ids by source path
RENDERER: Stage[Renderer] = Stage("the renderer")  # on_files
PAGE_PROBLEMS: Stage[list[str]] = Stage("the pages' template problems")  # on_files, then each page


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether a dev server runs the builds: then problems are shown in the browser."""
    _session.command = command


def on_shutdown() -> None:
    """Forget the command (a later build in this process is a plain build unless told otherwise)."""
    _session.command = "build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build with nothing from the last one, and check its settings before anything is read."""
    _forget()
    settings = SETTINGS.set(Settings.read(config, _session))
    if config.site_url and not settings.site_address:
        # Not a warning, which would fail every strict local build: the printed text simply omits it.
        # A deployment from here (gh-deploy) would publish it: that is a warning.
        (log.warning if _session.command == "gh-deploy" else log.info)(
            f"site_url is {config.site_url}, an address on this machine: the handout, the last slide and "
            "the explorer's citations print no address for the site, and the pages carry no link cards "
            "(the titles, descriptions and images that chats and social sites show for a shared link). "
            "Set SITE_URL to the address the site is published at (the deploy workflow does) to print it."
        )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the essay and the mapping before the site folder is touched; stop on problems."""
    settings = SETTINGS.get()
    try:
        site = load_site(config, outline=settings.outline)
    except InvalidData as problems:
        SOURCES.set(report(problems, log, serving=settings.serving))
        return
    if site.warnings and settings.strict:
        SOURCES.set(report(InvalidData(list(site.warnings), strict=True), log, serving=settings.serving))
        return
    for problem in site.warnings:
        log.warning(problem.format())
    SOURCES.set(site)
    log.info(f"{site.mapping_path}: {len(site.metaphor.entries)} entries in {len(site.metaphor.phases)} phases")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add a page of its own for each pairing, and the mapping as a script for the pages that need it; read
    the keys of ours in each page's front matter."""
    site = SOURCES.get()
    PAIRINGS.set({})
    if isinstance(site, SiteData):
        PAIRINGS.set(add_pairing_pages(files, site.metaphor, config))
        for path, script in data_scripts(site.metaphor, site.essay, site.scenarios).items():
            files.append(File.generated(config, path, content=script))
    _stop_on([problem for file in files.documentation_pages() for problem in _own_keys(file, config)], "front matter")
    keys = config.mdx_configs.get("pymdownx.keys")
    env = template_env(config.theme.get_env().loader, keys=keys, cache=cache_folder(config, "templates"))
    settings = SETTINGS.get()
    RENDERER.set(Renderer(env, files, settings.site_address, settings.offline))
    PAGE_PROBLEMS.set([])
    return files


def _own_keys(file: File, config: MkDocsConfig) -> list[str]:
    """Return the problems with the page's front matter keys of ours; send its "Edit this page" to the file of
    docs/ ``edit:`` names."""
    _, meta = get_data(file.content_string)
    toc, edit, shown = meta.get("toc"), meta.get("edit"), source_path(config, file.src_uri)
    problems = []
    if toc not in (None, "phases"):
        problems.append(f"{shown}: front matter: toc: '{toc}' is not allowed (expected phases)")
    if meta.get("preview") not in (None, "map"):
        problems.append(f"{shown}: front matter: preview: '{meta['preview']}' is not allowed (expected map)")
    if edit is not None:
        if isinstance(edit, str) and Path(config.docs_dir, edit).is_file():
            file.edit_uri = edit
        else:
            problems.append(f"{shown}: front matter: edit: '{edit}' is not a file in docs/")
    return problems


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Let every page but the essay say what it says of the data from the data (``{{ counts.scenarios }}``),
    in its text and its description. A copy without the essay's full text (ESSAY_TEXT=excerpts) shows the
    site's outline of it on the essay page instead, with the outline's description. A mistake in a page's
    template is kept (the page is left empty) and the build goes on to the next page: on_env names them all."""
    try:
        return _render_page(markdown, page, config)
    except PluginError as problem:
        PAGE_PROBLEMS.get().append(str(problem))
        return ""


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Stop the build, before anything is written, on the mistakes found in the pages' templates, each named."""
    _stop_on(PAGE_PROBLEMS.get(), "templates")
    return env


def _stop_on(problems: list[str], where: str) -> None:
    """Log each of ``problems`` (found in the pages' ``where``), then stop the build saying how many, if any."""
    if problems:
        for problem in problems:
            log.error(problem)
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise PluginError(f"{count} in the pages' {where} (listed above); the site was not built.")


def _render_page(markdown: str, page: Page, config: MkDocsConfig) -> str:
    site = SOURCES.get()
    if not isinstance(site, SiteData):
        return ""  # the sources have problems, which the page shows instead of this (on_page_content)
    renderer = RENDERER.get()
    render = partial(renderer.render_text, page=page, site=site)
    if page.file.src_uri == ESSAY:
        if site.outline is None:
            return markdown  # the author's words, never a template
        shown = source_path(config, OUTLINE)
        page.meta["description"] = render(site.outline.description, source=f"{shown}: front matter: description")
        return render(site.outline.markdown, source=shown, first_line=site.outline.first_line)
    if (entry_id := PAIRINGS.get().get(page.file.src_uri)) is not None:
        # A pairing's page: its title and description are the mapping's text, never a template; its body is one.
        return renderer.render(PAIRING_TEMPLATE, page=page, site=site, entry=site.metaphor.entry(entry_id))
    shown = source_path(config, page.file.src_uri)
    if page.meta.get("preview") == "map":  # its link card shows the map's shapes (link_cards.py draws them)
        page.meta["preview"] = map_picture(site.metaphor)
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = render(page.meta["description"], source=f"{shown}: front matter: description")
    text = page.file.content_string
    above = text[: text.find(markdown)].count("\n") if markdown and markdown in text else 0
    return render(markdown, source=shown, first_line=above + 1)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the components' markup in place, mark the essay's quoted passages, and give the glossary its contents
    (or, under serve, show the problems)."""
    site, renderer = SOURCES.get(), RENDERER.get()
    if isinstance(site, InvalidData):
        return show_problems(site, page=page, renderer=renderer)
    try:
        html, ids = renderer.place_blocks(html, source=source_path(config, page.file.src_uri))
    except PluginError as problem:
        PAGE_PROBLEMS.get().append(str(problem))
        return ""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
    if page.file.src_uri == ESSAY and site.outline is None:
        explorer_href = renderer.href("explorer.md", page)
        html = mark_quotes(html, metaphor=site.metaphor, explorer_href=explorer_href, macros=renderer.macros(MARKS))
    if page.meta.get("toc") == "phases":
        page.toc = phase_toc(site.metaphor)
    if site.warnings and SETTINGS.get().serving:  # a strict build refuses them: the preview says so too
        html = show_warnings(site.warnings, renderer=renderer) + html
    return html


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Under `mkdocs serve`, while the sources have problems, the "not found" page lists them too: the pages a
    broken file does not make (a new pairing's own page) are where a contributor may be looking."""
    site = SOURCES.get()
    if template_name == "404.html" and isinstance(site, InvalidData):
        context["mx_problems"] = Markup(problems_html(site, renderer=RENDERER.get(), reloads=False))
    return context


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Hand the theme's templates what the hook's templates get (the essay's credit, ``href``, the data)."""
    site = SOURCES.get()
    if isinstance(site, SiteData):
        context.update(RENDERER.get().context(site, page))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Let go of this build's state once the site is written."""
    _forget()


def on_build_error(error: Exception) -> None:
    """Let go of this build's state when the build fails."""
    _forget()


def _forget() -> None:
    for stage in (SETTINGS, SOURCES, PAIRINGS, RENDERER, PAGE_PROBLEMS):
        stage.clear()
