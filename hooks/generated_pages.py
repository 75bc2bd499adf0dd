"""The pages made from the mapping: each is a template, and a Markdown file of front matter beside it.

``overrides/partials/metaphor/glossary.html`` renders the glossary's body; ``glossary.md`` beside it
holds the page's front matter: its title and description, what the theme should hide, whether
search indexes it, the page template. That is ordinary MkDocs front matter, in the same form as
every page in docs/, kept next to the template it describes and edited without touching Python.
The theme never publishes Markdown files from ``overrides/``, and MkDocs reads the front matter
itself when the page is built from it. One key of our own, ``generated``, says what the hook adds:

    generated:
      toc: phases          # a table of contents: the phases, and each phase's entries
      edit: metaphors.yml  # "Edit this page" opens this file of docs/ (the page has no source there)

Adding a page is adding the pair (and a line in mkdocs.yml's nav); no code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data

from metaphor_model import Metaphor

FOLDER = "partials/metaphor"  # in the theme's custom_dir (overrides/)
SETTINGS = {"toc": ("phases",), "edit": None}  # the keys of `generated:`, and the values each allows


@dataclass(frozen=True)
class GeneratedPage:
    """A virtual page: its front matter (as MkDocs reads it) and the template that renders its body."""

    src_uri: str
    source: str  # the Markdown file beside the template: front matter only
    template: str
    toc: bool = False
    edit: str | None = None


def read_pages(config: MkDocsConfig) -> dict[str, GeneratedPage]:
    """Return every generated page, by its source path, read from the templates' folder."""
    folder = Path(config.theme.custom_dir or "") / FOLDER
    pages = {}
    for path in sorted(folder.glob("*.md")):
        shown = f"overrides/{FOLDER}/{path.name}"
        if not path.with_suffix(".html").is_file():
            raise PluginError(
                f"{shown}: a generated page needs its template beside it, {path.with_suffix('.html').name}"
            )
        source = path.read_text(encoding="utf-8")
        _, meta = get_data(source)
        settings = _settings(meta.get("generated") or {}, shown)
        pages[path.name] = GeneratedPage(path.name, source, f"{FOLDER}/{path.stem}.html", **settings)
    return pages


def _settings(raw: Any, shown: str) -> dict[str, Any]:
    """Check the page's ``generated:`` settings; return them as GeneratedPage fields."""
    if not isinstance(raw, dict):
        raise PluginError(f"{shown}: generated: expected a mapping of {', '.join(SETTINGS)}")
    for key, value in raw.items():
        allowed = SETTINGS.get(key, ())
        if key not in SETTINGS or (allowed is not None and value not in allowed):
            expected = f"one of: {', '.join(allowed)}" if key in SETTINGS and allowed else f"keys {', '.join(SETTINGS)}"
            raise PluginError(f"{shown}: generated.{key}: '{value}' is not allowed (expected {expected})")
    return {"toc": raw.get("toc") == "phases", "edit": raw.get("edit")}


def add_pages(files: Files, pages: dict[str, GeneratedPage], config: MkDocsConfig) -> None:
    """Add the generated pages to the site's files, with their edit links."""
    for page in pages.values():
        generated = File.generated(config, page.src_uri, content=page.source)
        generated.edit_uri = page.edit  # None: no "Edit this page"; a docs/ file: edit that instead
        files.append(generated)


def phase_toc(metaphor: Metaphor) -> TableOfContents:
    """Return a table of contents of the phases and their entries (escaped: the theme prints names raw)."""
    return get_toc(
        [
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
    )
