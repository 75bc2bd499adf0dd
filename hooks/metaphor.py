"""Build hook: read and check the essay and the data files, then put the metaphor into every page that shows it.

Data flows one way, through the layers of hooks/ (sources -> checks -> model -> pages); the events
below only connect them. ``docs/metaphors.yml``, ``docs/scenarios.yml`` and ``docs/essay.md`` are
read and checked before MkDocs touches the site folder (``on_pre_build``, checks/site_data), so a
bad file stops a build with its problems listed and the previous site left as it was
(pages/build_problems; under `mkdocs serve` the pages show the problems instead, until a save fixes
the file). Then the generated pages are added (pages/generated_pages), the mapping is written out
for the pages' scripts (pages/data_script), and each page gets what it shows: the essay its marks
(pages/essay_marks), or, in a copy without the essay's full text (ESSAY_TEXT=excerpts), the site's
outline in its place, a Markdown page its components (pages/placeholders), a generated page its body
and contents, and MkDocs the anchors each page really has (pages/anchors). Markup lives in
``overrides/partials/metaphor/``, rendered by pages/page_templates; which of our scripts and
stylesheets a page loads is declared in pages/components.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from checks.essay_outline import OUTLINE
from checks.site_data import ESSAY, SiteData, load_site, source_path
from pages.anchors import anchor_ids
from pages.build_problems import report, show_problems
from pages.build_state import Session, Settings, Stage, cache_folder
from pages.components import TEMPLATE_GLOBALS
from pages.data_script import DATA_SCRIPT, SESSION_SCRIPT, data_script, session_script
from pages.essay_marks import MARKS, mark_quotes
from pages.generated_pages import GeneratedPage, add_pages, entry_pages, entry_path, phase_toc, read_pages
from pages.page_templates import Renderer, template_env
from pages.placeholders import fill_placeholders
from sources.yaml_source import InvalidData

log = get_plugin_logger("metaphor")

_session = Session()  # which command runs: the one thing that lives as long as the process
# Each build fills these in order, and empties them all when it starts and ends (`mkdocs serve`
# keeps this module loaded, so anything left here would outlive its build).
SETTINGS: Stage[Settings] = Stage("the build's settings")  # on_config
SOURCES: Stage[SiteData | InvalidData] = Stage("the checked sources")  # on_pre_build
PAGES: Stage[dict[str, GeneratedPage]] = Stage("the generated pages")  # on_files
RENDERER: Stage[Renderer] = Stage("the renderer")  # on_files


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
        log.info(
            f"site_url is {config.site_url}, an address on this machine: the handout, the last slide and "
            "the explorer's citations print no address for the site. Set SITE_URL to the address the site "
            "is published at (the deploy workflow does) to print it."
        )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the essay and the mapping before the site folder is touched; stop on problems."""
    settings = SETTINGS.get()
    try:
        site = load_site(config)
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
    """Add the generated pages (a page of its own for each pairing too), and the mapping as a script for
    the pages that need it."""
    site = SOURCES.get()
    kinds = read_pages(config)
    pages = PAGES.set(entry_pages(kinds, site.metaphor if isinstance(site, SiteData) else None))
    add_pages(files, pages, config)
    if isinstance(site, SiteData):
        for path, script in ((DATA_SCRIPT, data_script), (SESSION_SCRIPT, session_script)):
            files.append(File.generated(config, path, content=script(site.metaphor, site.essay, site.scenarios)))
    keys = config.mdx_configs.get("pymdownx.keys")
    env = template_env(config.theme.get_env().loader, keys=keys, cache=cache_folder(config, "templates"))
    settings = SETTINGS.get()
    RENDERER.set(Renderer(env, files, settings.site_address, entry_path(kinds), settings.offline))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Let every page but the essay say what it says of the data from the data (``{{ counts.scenarios }}``),
    in its text and its description. A copy without the essay's full text (ESSAY_TEXT=excerpts) shows the
    site's outline of it on the essay page instead, with the outline's description."""
    site = SOURCES.get()
    if not isinstance(site, SiteData):
        return markdown
    renderer = RENDERER.get()
    render = partial(renderer.render_text, page=page, site=site)
    if page.file.src_uri == ESSAY:
        if site.outline is None:
            return markdown  # the author's words, never a template
        shown = source_path(config, OUTLINE)
        page.meta["description"] = render(site.outline.description, source=f"{shown}: front matter: description")
        return render(site.outline.markdown, source=shown, first_line=site.outline.first_line)
    generated = PAGES.get().get(page.file.src_uri)
    if generated is not None and generated.entry_id is not None:
        return markdown  # a pairing's page: its title and description are the mapping's text, never a template
    source = f"overrides/{generated.template.removesuffix('.html')}.md" if generated else None
    shown = source or source_path(config, page.file.src_uri)
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = render(page.meta["description"], source=f"{shown}: front matter: description")
    text = page.file.content_string
    above = text[: text.find(markdown)].count("\n") if markdown and markdown in text else 0
    return render(markdown, source=shown, first_line=above + 1)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the page what it shows from the mapping (or, under serve, the problems), then record its anchors."""
    site, renderer = SOURCES.get(), RENDERER.get()
    if isinstance(site, InvalidData):
        return show_problems(site, page=page, renderer=renderer)
    render = partial(renderer.render, page=page, site=site)
    if page.file.src_uri == ESSAY and site.outline is None:
        explorer_href = renderer.href("explorer.md", page)
        html = mark_quotes(html, metaphor=site.metaphor, explorer_href=explorer_href, macros=renderer.macros(MARKS))
    html = fill_placeholders(html, source=source_path(config, page.file.src_uri), render=render)
    if (generated := PAGES.get().get(page.file.src_uri)) is not None:
        entry = site.metaphor.entry(generated.entry_id) if generated.entry_id else None
        html += render(generated.template, **({"entry": entry} if entry else {}))
        page.toc = phase_toc(site.metaphor) if generated.toc else page.toc
    page.present_anchor_ids = anchor_ids(html)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's templates ask which of our scripts and stylesheet a page loads (pages/components)."""
    env.globals.update(TEMPLATE_GLOBALS)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Hand the page templates the essay, and a way to link to other pages."""
    site = SOURCES.get()
    if isinstance(site, SiteData):
        context["essay"] = site.essay
        context["page_href"] = lambda src_uri: RENDERER.get().href(src_uri, page)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Let go of this build's state once the site is written."""
    _forget()


def on_build_error(error: Exception) -> None:
    """Let go of this build's state when the build fails."""
    _forget()


def _forget() -> None:
    for stage in (SETTINGS, SOURCES, PAGES, RENDERER):
        stage.clear()
