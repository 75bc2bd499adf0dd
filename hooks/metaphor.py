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
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from essay_marks import mark_quotes
from essay_source import Essay, EssayError, read_essay
from history import History, entry_history
from metaphor_load import InvalidMetaphor, load_metaphor
from metaphor_model import Metaphor

log = get_plugin_logger("metaphor")

MAPPING = "metaphors.yml"
ESSAY = "essay.md"
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


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and validate the essay and the mapping, before the site folder is touched."""
    _loaded.clear()
    docs = Path(config.docs_dir)
    project = Path(config.config_file_path or ".").resolve().parent
    shown = _relative(docs / MAPPING, project)
    try:
        essay = read_essay(
            docs / ESSAY,
            src_uri=_relative(docs / ESSAY, project),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
    except (OSError, EssayError) as exc:
        raise PluginError(f"Cannot read the essay: {exc}") from None
    try:
        metaphor = load_metaphor(docs / MAPPING, essay)
    except InvalidMetaphor as exc:
        for problem in exc.problems:
            log.error(problem.format(shown))
        count = len(exc.problems)
        raise PluginError(
            f"{shown}: {count} problem{'s' if count != 1 else ''} found (listed above); the site was not built."
        ) from None
    _loaded.update(essay=essay, metaphor=metaphor, history=entry_history(docs / MAPPING, metaphor))
    log.info(f"{shown}: {len(metaphor.entries)} entries in {len(metaphor.phases)} phases")


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
        return mark_quotes(
            html,
            metaphor=metaphor,
            explorer_href=_href("explorer.md", page),
            macros=env.get_template("partials/metaphor/marks.html").module,
        )
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
    entries = []
    for entry in metaphor.entries:
        data = asdict(entry)
        del data["line"]
        entries.append(data)
    return {
        "essay": {key: essay.meta[key] for key in ("title", "author", "original_url")}
        | {"year": essay.meta["published"].year},
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


def _relative(path: Path, root: Path) -> str:
    """Show ``path`` relative to the project, as contributors see it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
