"""The only pages without a file in docs/: one for each pairing of the mapping, at glossary/<id>/.

Each is something to link to and share. Its title is the pairing's two terms and its description its
two meanings, shortened; its body is ``partials/metaphor/pairing.html``. Search indexes these pages and
leaves the glossary's copy of each pairing out, so that a search for a term lands on one page.
"Edit this page" opens docs/metaphors.yml, where the pairing is written (``edit:``, as on the glossary).

Every other page is a Markdown file in docs/, listed in mkdocs.yml's nav.
"""

from __future__ import annotations

import json

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc

from model.metaphor_model import Entry, Metaphor

PAIRING_PAGE = "glossary/{id}.md"  # where each pairing's page is, by its id
PAIRING_TEMPLATE = "partials/metaphor/pairing.html"
DESCRIPTION = 200  # characters at most in a pairing page's description (what link previews show)


def add_pairing_pages(files: Files, metaphor: Metaphor, config: MkDocsConfig) -> dict[str, str]:
    """Add a page for each pairing to the site's files, outside the nav; return their entry ids by source path."""
    pages = {}
    for entry in metaphor.entries:
        src_uri = PAIRING_PAGE.format(id=entry.id)
        files.append(
            File.generated(config, src_uri, content=pairing_source(entry), inclusion=InclusionLevel.NOT_IN_NAV)
        )
        pages[src_uri] = entry.id
    return pages


def pairing_source(entry: Entry) -> str:
    """Return a pairing page's source: front matter only (its body is rendered from the template).

    The theme prints a page's title and description as they are (no escaping), so they are written
    HTML-escaped; each is a JSON string, which YAML reads as a double-quoted scalar.
    """
    title = json.dumps(str(escape(entry.title)), ensure_ascii=False)
    description = json.dumps(str(escape(pairing_description(entry))), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\nhide: [toc]\nedit: metaphors.yml\n---\n"


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


def phase_toc(metaphor: Metaphor) -> TableOfContents:
    """Return a table of contents of the phases and their entries (escaped: the theme prints names raw)."""
    return get_toc(
        [
            {
                "level": 2,
                "id": phase.id,
                "name": str(escape(phase.title)),
                "children": [
                    {"level": 3, "id": entry.id, "name": str(escape(entry.title)), "children": []} for entry in entries
                ],
            }
            for phase, entries in metaphor.by_phase()
        ]
    )
