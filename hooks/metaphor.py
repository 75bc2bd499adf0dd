"""Build hook: load and validate the metaphor mapping, then publish the glossary from it.

Data flows one way: ``docs/metaphors.yml`` and ``docs/essay.md`` are read and
checked before MkDocs touches the site folder (``on_pre_build``), so a bad
mapping fails the build with every problem listed and the previous site left
as it was. The glossary is a virtual page whose markup lives in
``overrides/glossary.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from essay_source import EssayError, read_essay
from metaphor_load import InvalidMetaphor, load_metaphor
from metaphor_model import Metaphor

log = get_plugin_logger("metaphor")

MAPPING = "metaphors.yml"
ESSAY = "essay.md"
GLOSSARY = "glossary.md"
GLOSSARY_SOURCE = """\
---
title: Glossary
description: >-
  The metaphor at the heart of Sarah Allen's essay, side by side: each outage and
  incident-response concept with its counterpart in the experience of sexism at work.
---
"""

# What this build loaded. Set afresh by every build in on_pre_build: `mkdocs serve`
# keeps this module between builds, so nothing here may outlive one build.
_loaded: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and validate the essay and the mapping, before the site folder is touched."""
    _loaded.clear()
    docs = Path(config.docs_dir)
    project = Path(config.config_file_path or ".").resolve().parent
    mapping_path = docs / MAPPING
    shown = _relative(mapping_path, project)
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
        metaphor = load_metaphor(mapping_path, essay)
    except InvalidMetaphor as exc:
        for problem in exc.problems:
            log.error(problem.format(shown))
        count = len(exc.problems)
        raise PluginError(
            f"{shown}: {count} problem{'s' if count != 1 else ''} found (listed above); the site was not built."
        ) from None
    _loaded.update(essay=essay, metaphor=metaphor)
    log.info(f"{shown}: {len(metaphor.entries)} entries in {len(metaphor.phases)} phases")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the glossary as a virtual page."""
    files.append(File.generated(config, GLOSSARY, content=GLOSSARY_SOURCE))
    _loaded["files"] = files
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the glossary into its page, with a table of contents and known anchors."""
    if page.file.src_uri != GLOSSARY:
        return html
    metaphor: Metaphor = _loaded["metaphor"]
    env = Environment(loader=config.theme.get_env().loader, autoescape=True, undefined=StrictUndefined)
    fragment = env.get_template("partials/metaphor/glossary.html").render(
        metaphor=metaphor,
        essay_href=_href(ESSAY, page),
        author=_loaded["essay"].meta["author"],
    )
    page.toc = get_toc(_toc_tokens(metaphor))
    page.present_anchor_ids = (page.present_anchor_ids or set()) | _anchor_ids(metaphor)
    return html + fragment


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Hand templates the essay and a way to link to other pages from wherever they render."""
    context["essay"] = _loaded["essay"]
    context["page_href"] = lambda src_uri: _href(src_uri, page)
    return context


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when the mapping changes while `mkdocs serve` runs."""
    server.watch(str(Path(config.docs_dir) / MAPPING))
    return server


def _href(src_uri: str, page: Page) -> str:
    """Return the link from ``page`` to the page built from ``src_uri``."""
    return _loaded["files"].get_file_from_path(src_uri).url_relative_to(page.file)


def _anchor_ids(metaphor: Metaphor) -> set[str]:
    """Return every anchor the glossary defines."""
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
