"""The anchors a page really has, read from its finished HTML.

MkDocs collects a page's anchors while it renders the Markdown, before a hook adds anything; the
glossary's entries, the cards, the planning page's checkboxes and the guide's agendas are all
added later. Reading the finished HTML the way MkDocs reads Markdown (every ``id``, and ``name``
on ``<a>``) lets its link check see exactly what each page defines: no more, no less.

The page is scanned tag by tag with regular expressions rather than fed to an HTML parser: the
glossary and the explorer hold every entry, and a parser written in Python took seconds per page
on a large mapping. Comments, scripts and styles are skipped as a parser skips them.
"""

from __future__ import annotations

import html
import re

_SKIP = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>""")
_ATTRIBUTE = re.compile(r"""\s([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


def anchor_ids(page_html: str) -> set[str]:
    """Return every anchor ``page_html`` defines."""
    found: set[str] = set()
    for tag in _TAG.finditer(_SKIP.sub(_keep_script_tag, page_html)):
        attributes = tag.group(2)
        if "id" not in attributes.lower() and "name" not in attributes.lower():
            continue
        anchor = tag.group(1).lower() == "a"
        for name, value in _ATTRIBUTE.findall(attributes):
            name = name.lower()
            if value and (name == "id" or (name == "name" and anchor)):
                text = html.unescape(value[1:-1] if value[0] in "\"'" else value)
                if text:
                    found.add(text)
    return found


def _keep_script_tag(match: re.Match[str]) -> str:
    """Drop a comment, and a script's or style's content (an id on the <script> tag itself still counts)."""
    if match.group(1) is None:
        return ""
    opening = re.match(r"<[^>]*>", match.group(0))
    return opening.group(0) if opening else ""
