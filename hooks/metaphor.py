"""Build hook: load and validate the metaphor mapping, then publish everything that shows it.

Data flows one way. ``docs/metaphors.yml`` and ``docs/essay.md`` are read and checked
before MkDocs touches the site folder (``on_pre_build``), so a bad mapping fails the
build with every problem listed and the previous site left as it was. The glossary
and the explorer are virtual pages whose markup lives in ``overrides/partials/metaphor/``;
the essay page gets its quoted passages marked and linked to the explorer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from essay_marks import excerpt_quotes, mark_quotes
from essay_source import Essay
from history import History
from metaphor_model import AGENDA_TITLES, Metaphor
from site_data import ESSAY, MAPPING, SiteError, load_site
from task_lists import label_task_lists

log = get_plugin_logger("metaphor")

DATA_SCRIPT = "assets/javascripts/metaphor-data.js"


@dataclass(frozen=True)
class GeneratedPage:
    """A virtual page rendered from the mapping by one template."""

    src_uri: str
    title: str
    description: str
    template: str
    hide: tuple[str, ...] = ()
    toc: bool = False
    searchable: bool = True
    edit_mapping: bool = False  # its "edit this page" link opens docs/metaphors.yml
    page_template: str = ""  # a theme template for the whole page, instead of main.html

    def source(self) -> str:
        """Return the page's Markdown source: front matter only; the template does the rest."""
        front: dict[str, Any] = {"title": self.title, "description": self.description}
        if self.hide:
            front["hide"] = list(self.hide)
        if not self.searchable:
            front["search"] = {"exclude": True}
        if self.page_template:
            front["template"] = self.page_template
        return f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"


GENERATED = {
    page.src_uri: page
    for page in (
        GeneratedPage(
            "glossary.md",
            "Glossary",
            "The metaphor at the heart of Sarah Allen's essay, side by side: each outage and "
            "incident-response concept with its counterpart in the experience of sexism at work.",
            "partials/metaphor/glossary.html",
            toc=True,
            edit_mapping=True,
        ),
        GeneratedPage(
            "explorer.md",
            "Explorer",
            "Explore the metaphor in Sarah Allen's essay one pairing at a time: pick an outage concept "
            "or its counterpart in sexism at work, and see the essay's words and where the comparison breaks.",
            "partials/metaphor/explorer.html",
            hide=("navigation", "toc"),
            searchable=False,  # the glossary holds the same text; search should find it once
            edit_mapping=True,
        ),
        GeneratedPage(
            "plan.md",
            "Plan a session",
            "Choose which pairings of the metaphor in Sarah Allen's essay a workshop covers; the deck, "
            "handout, cards and agenda follow the choice.",
            "partials/metaphor/plan.html",
            hide=("toc",),
        ),
        GeneratedPage(
            "deck.md",
            "Slide deck",
            "Slides for a workshop on the metaphor in Sarah Allen's essay “production outages are like sexism”: "
            "one pairing per slide, with facilitator notes and a presenter view.",
            "partials/metaphor/deck.html",
            searchable=False,
            page_template="deck.html",
        ),
        GeneratedPage(
            "handout.md",
            "Handout",
            "A two-page printable handout: the metaphor in Sarah Allen's essay, side by side.",
            "partials/metaphor/handout.html",
            hide=("navigation", "toc"),
            searchable=False,
        ),
        GeneratedPage(
            "cards.md",
            "Discussion cards",
            "Printable discussion cards, one pairing from Sarah Allen's essay per card, with cut marks.",
            "partials/metaphor/cards.html",
            hide=("navigation", "toc"),
            searchable=False,
        ),
    )
}

# Placeholders a Markdown page may contain, each replaced by a rendered partial.
COMPONENTS = {
    '<div class="mx-agendas" data-agendas></div>': "partials/metaphor/agendas.html",
    '<div class="mx-agenda-custom" data-module="mx-agenda"></div>': "partials/metaphor/agenda-custom.html",
    '<div class="mx-tools" data-module="mx-tools"></div>': "partials/metaphor/tools.html",
}

# What this build loaded. Set afresh by every build in on_pre_build: `mkdocs serve`
# keeps this module between builds, so nothing here may outlive one build.
_loaded: dict[str, Any] = {}


# How much of the essay the site publishes: the full text (the default), or only the passages it
# quotes, for a deployment without the author's permission (ESSAY_TEXT=excerpts, see mkdocs.yml).
ESSAY_TEXTS = ("full", "excerpts")


def essay_text(config: MkDocsConfig) -> str:
    """Return the essay mode of this build, or raise PluginError for a value it does not know."""
    mode = str(config.extra.get("essay_text") or "full")
    if mode not in ESSAY_TEXTS:
        raise PluginError(
            f"ESSAY_TEXT (extra.essay_text in mkdocs.yml) is '{mode}': use 'full' (the whole essay) "
            "or 'excerpts' (only the passages the site quotes, each linked to the original)"
        )
    return mode


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the build's settings before anything is read."""
    essay_text(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Describe the essay page truthfully when it shows excerpts only."""
    if page.file.src_uri == ESSAY and essay_text(config) == "excerpts":
        essay = _loaded["essay"]
        page.meta["description"] = (
            f"The passages of {essay.meta['author']}'s essay “{essay.meta['title']}” ({essay.meta['published'].year}) "
            "that this site quotes, each in its paragraph's place, with links to the original."
        )
    return markdown


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and validate the essay and the mapping, before the site folder is touched."""
    _loaded.clear()
    try:
        site = load_site(config)
    except SiteError as exc:
        for problem in exc.problems:
            (log.warning if problem.warning else log.error)(problem.format(exc.path))
        raise PluginError(str(exc)) from None
    for problem in site.warnings:
        log.warning(problem.format(site.mapping_path))
    if site.warnings and config.strict:
        count = len(site.warnings)
        raise PluginError(
            f"{site.mapping_path}: {count} warning{'s' if count != 1 else ''} (listed above) in strict mode; "
            "the site was not built."
        )
    _loaded.update(essay=site.essay, metaphor=site.metaphor, history=site.history)
    log.info(f"{site.mapping_path}: {len(site.metaphor.entries)} entries in {len(site.metaphor.phases)} phases")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, and the mapping as a script (read with <script src>, not fetch)."""
    for page in GENERATED.values():
        generated = File.generated(config, page.src_uri, content=page.source())
        generated.edit_uri = MAPPING if page.edit_mapping else None  # "Edit this page" opens the YAML
        files.append(generated)
    files.append(File.generated(config, DATA_SCRIPT, content=data_script(_loaded["metaphor"], _loaded["essay"])))
    _loaded["files"] = files
    _loaded["env"] = template_env(config.theme.get_env().loader)  # once per build, for every page
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render generated pages from the mapping, and mark the quoted passages in the essay."""
    metaphor: Metaphor = _loaded["metaphor"]
    env: Environment = _loaded["env"]
    if page.file.src_uri == ESSAY:
        marks = env.get_template("partials/metaphor/marks.html").module
        if essay_text(config) == "excerpts":
            return excerpt_quotes(
                html,
                metaphor=metaphor,
                explorer_href=_href("explorer.md", page),
                macros=marks,
                excerpts=env.get_template("partials/metaphor/excerpts.html").module,
                original_url=_loaded["essay"].meta["original_url"],
            )
        return mark_quotes(html, metaphor=metaphor, explorer_href=_href("explorer.md", page), macros=marks)
    html = label_task_lists(html)
    generated = GENERATED.get(page.file.src_uri)
    context = {
        "env": env,
        "metaphor": metaphor,
        "essay": _loaded["essay"],
        "href": lambda src_uri: _href(src_uri, page),
        "site_url": config.site_url or "",
        "history": _loaded["history"],
    }
    for marker, template in COMPONENTS.items():
        if marker in html:
            html = html.replace(marker, render_template(template, **context))
    if generated is not None:
        html += render_template(generated.template, **context)
        if generated.toc:
            page.toc = get_toc(_toc_tokens(metaphor))
        page.present_anchor_ids = (page.present_anchor_ids or set()) | _anchor_ids(metaphor)
    if 'data-module="mx-' in html:  # a component that reads the mapping: load its data on this page only
        html += render_template("partials/metaphor/data-script.html", **context)
    return html


def template_env(loader: BaseLoader) -> Environment:
    """Return an autoescaping environment over the theme's templates, for markup made from the mapping."""
    return Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_template(
    template: str,
    *,
    env: Environment,
    metaphor: Metaphor,
    essay: Essay,
    href: Callable[[str], str],
    site_url: str,
    history: dict[str, History] | None = None,
) -> str:
    """Render one of the templates that show the mapping, with everything they may use."""
    return env.get_template(template).render(
        metaphor=metaphor,
        author=essay.meta["author"],
        essay_title=essay.meta["title"],
        original_url=essay.meta["original_url"],
        essay_href=href(ESSAY),
        href=href,
        site_url=site_url,
        history=history or {},
    )


def data_script(metaphor: Metaphor, essay: Essay) -> str:
    """Return the mapping as a script that sets window.mxMetaphorData (for the explorer and the kit)."""
    data = _script_json(_metaphor_data(metaphor, essay))
    return f'window.mxMetaphorData = {data};\ndocument.dispatchEvent(new Event("mx:metaphor-data"));\n'


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Hand templates the essay and a way to link to other pages from wherever they render."""
    context["essay"] = _loaded["essay"]
    context["page_href"] = lambda src_uri: _href(src_uri, page)
    return context


def _metaphor_data(metaphor: Metaphor, essay: Essay) -> dict[str, Any]:
    """Return what the pages' scripts need: the mapping without line numbers, and the essay's credit."""
    entries = [asdict(entry) for entry in metaphor.entries]
    return {
        "essay": {key: essay.meta[key] for key in ("title", "author", "original_url")}
        | {"year": essay.meta["published"].year},
        "agenda_titles": AGENDA_TITLES,
        "roles": [asdict(role) for role in metaphor.roles],
        "phases": [asdict(phase) for phase in metaphor.phases],
        "workshop": asdict(metaphor.workshop),
        "entries": entries,
    }


def _script_json(data: dict[str, Any]) -> str:
    """Serialise ``data`` as JSON (a JavaScript literal) with no '<', '>' or '&' left raw, safe even inline."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _href(src_uri: str, page: Page) -> str:
    """Return the link from ``page`` to the page built from ``src_uri``."""
    return _loaded["files"].get_file_from_path(src_uri).url_relative_to(page.file)


def _anchor_ids(metaphor: Metaphor) -> set[str]:
    """Return every anchor a generated page defines."""
    entries = {e.id for e in metaphor.entries} | {f"{e.id}-title" for e in metaphor.entries}
    return entries | {p.id for p, _ in metaphor.by_phase()}


def _toc_tokens(metaphor: Metaphor) -> list[dict[str, Any]]:
    """Build table-of-contents tokens (escaped, as the theme prints them raw): phases, then entries."""
    return [
        {
            "level": 2,
            "id": phase.id,
            "name": str(escape(phase.title)),
            "children": [
                {"level": 3, "id": entry.id, "name": str(escape(entry.outage.term)), "children": []}
                for entry in entries
            ],
        }
        for phase, entries in metaphor.by_phase()
    ]
