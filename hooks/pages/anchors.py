"""The anchors a page really has, read from its finished HTML.

MkDocs collects a page's anchors while it renders the Markdown, before a hook adds anything; the
glossary's entries, the cards, the planning page's checkboxes and the guide's agendas are all
added later. Reading the finished HTML as MkDocs reads raw HTML (every ``id``, and ``name`` on
``<a>``, with the standard library's parser, which skips comments, scripts and styles) lets its link
check see exactly what each page defines: no more, no less.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.found.add(value)


def anchor_ids(page_html: str) -> set[str]:
    """Return every anchor ``page_html`` defines."""
    parser = _Anchors()
    parser.feed(page_html)
    parser.close()
    return parser.found
