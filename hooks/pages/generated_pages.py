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
      each: entry          # one page per entry of the mapping, instead of one page ...
      path: glossary/{id}.md  # ... at this path ({id}: the entry's id), outside the nav

A page made for each entry gets its own title (the pairing's two terms) and description (its two
meanings, shortened) written into its front matter here; the rest of its front matter is shared.
Adding a page is adding the pair (and, for a single page, a line in mkdocs.yml's nav); no code changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data

from model.metaphor_model import Entry, Metaphor

FOLDER = "partials/metaphor"  # in the theme's custom_dir (overrides/)
# The keys of `generated:`, and the values each allows (None: any text).
SETTINGS: dict[str, tuple[str, ...] | None] = {"toc": ("phases",), "edit": None, "each": ("entry",), "path": None}
DESCRIPTION = 200  # characters at most in a pairing page's description (what link previews show)


@dataclass(frozen=True)
class GeneratedPage:
    """A virtual page: its front matter (as MkDocs reads it) and the template that renders its body."""

    src_uri: str
    source: str  # the Markdown file beside the template: front matter only
    template: str
    toc: bool = False
    edit: str | None = None
    path: str | None = None  # one page per entry, at this path with {id} (the kind, not a page)
    entry_id: str | None = None  # the entry a page made for each entry shows


def read_pages(config: MkDocsConfig) -> dict[str, GeneratedPage]:
    """Return every kind of generated page, by its front matter's name, read from the templates' folder."""
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
    path = raw.get("path")
    if ("each" in raw) != (path is not None) or (path is not None and not _is_entry_path(str(path))):
        raise PluginError(
            f"{shown}: generated: a page made for each entry needs both each: entry and a path with "
            "{id} ending in .md (for example path: glossary/{id}.md)"
        )
    return {"toc": raw.get("toc") == "phases", "edit": raw.get("edit"), "path": path}


def _is_entry_path(path: str) -> bool:
    return path.endswith(".md") and path.count("{id}") == 1 and "{" not in path.replace("{id}", "")


def entry_pages(kinds: dict[str, GeneratedPage], metaphor: Metaphor | None) -> dict[str, GeneratedPage]:
    """Return the pages to build, by source path: each single page, and one page per entry of each kind."""
    pages = {}
    for kind in kinds.values():
        if kind.path is None:
            pages[kind.src_uri] = kind
            continue
        for entry in metaphor.entries if metaphor is not None else ():
            src_uri = kind.path.format(id=entry.id)
            pages[src_uri] = replace(kind, src_uri=src_uri, source=_entry_source(kind.source, entry), entry_id=entry.id)
    return pages


def entry_path(kinds: dict[str, GeneratedPage]) -> str | None:
    """Return where the page made for each entry is (``glossary/{id}.md``), if the site has such a kind."""
    return next((kind.path for kind in kinds.values() if kind.path is not None), None)


def pairing_title(entry: Entry) -> str:
    """Return a pairing's title: its two terms."""
    return f"{entry.outage.term} ↔ {entry.sexism.term}"


def pairing_description(entry: Entry, limit: int = DESCRIPTION) -> str:
    """Return a pairing's description: its two meanings, each shortened to share ``limit`` characters."""
    labels = ("Outage: ", " Sexism at work: ")
    room = limit - sum(len(label) for label in labels)
    outage, sexism = entry.outage.meaning, entry.sexism.meaning
    first = shorten(outage, max(room // 2, room - len(sexism)))
    second = shorten(sexism, room - len(first))
    return f"{labels[0]}{first}{labels[1]}{second}"


def shorten(text: str, limit: int) -> str:
    """Return ``text`` in at most ``limit`` characters: whole if it fits, else its first sentence if that
    fits, else cut with '…' after a clause (a comma, colon, semicolon or dash in its second half) or a word.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentence = text.find(". ")
    if 0 < sentence < limit:
        return text[: sentence + 1]
    room = text[: limit - 1]
    clause = max(room.rfind(mark) for mark in (", ", ": ", "; ", " — "))
    cut = room[:clause] if clause >= limit // 2 else room[: room.rfind(" ")] if " " in room else room
    return cut.rstrip(",;:—–- ") + "…"


def _entry_source(source: str, entry: Entry) -> str:
    """Return the kind's front matter with the entry's own title and description added.

    The theme prints a page's title and description as they are (no escaping), so they are written
    HTML-escaped; each is a JSON string, which YAML reads as a double-quoted scalar.
    """
    title = json.dumps(str(escape(pairing_title(entry))), ensure_ascii=False)
    description = json.dumps(str(escape(pairing_description(entry))), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\n{source.removeprefix('---').lstrip(chr(10))}"


def add_pages(files: Files, pages: dict[str, GeneratedPage], config: MkDocsConfig) -> None:
    """Add the generated pages to the site's files, with their edit links (a page per entry outside the nav)."""
    for page in pages.values():
        inclusion = InclusionLevel.NOT_IN_NAV if page.entry_id is not None else InclusionLevel.UNDEFINED
        generated = File.generated(config, page.src_uri, content=page.source, inclusion=inclusion)
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
